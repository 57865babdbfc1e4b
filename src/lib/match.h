/*
 * match.h: the terms of the configuration's match lists (did:, queue:,
 * ext:, channel:, app:, context:, data:), parsed and matched against a
 * leg.  config.c parses the file; this is what its match lists mean.
 */
#ifndef CS_MATCH_H
#define CS_MATCH_H

#include <stddef.h>

#include "error.h"
#include "model.h"

enum cs_term_kind {
	CS_TERM_DID, CS_TERM_QUEUE, CS_TERM_EXT, CS_TERM_CHANNEL,
	CS_TERM_APP, CS_TERM_CONTEXT, CS_TERM_DATA
};

/* One match term: "did:0199000100", "ext:2100-2199", "channel:PJSIP/bot-*". */
struct cs_term {
	enum cs_term_kind kind;
	char *value;		/* a glob; numbers already normalised for did */
	long lo, hi;		/* ext ranges */
	int range;
	int literal;		/* value has no wildcard: compared as it is */
	size_t prefix;		/* > 0: value is that many plain bytes and
				   a '*': what starts with them */
	int qmarks;		/* value is ASCII, its only wildcards '?' */
};

struct cs_match {
	struct cs_term *t;
	size_t n;
};

/* Parses a match list into m (which it owns).  Fails quoting the bad term. */
int cs_match_parse(struct cs_match *m, const char *s, struct cs_error *err);
void cs_match_release(struct cs_match *m);

/*
 * 1 if value matches term t.  value is what the term compares with (a
 * destination number for did, an extension or channel peer for ext...).
 */
int cs_term_match(const struct cs_term *t, const char *value);
/* The same for a did term, of a number already normalised
 * (cs_number_normalise): a number tried against many terms is
 * normalised once. */
int cs_term_match_number(const struct cs_term *t, const char *norm);

/*
 * 1 if any term of m matches what the leg reached: did with the number
 * dialled, ext with it or the phone rung, queue with a queue leg's queue,
 * channel, app, context and data with the leg's attributes of those names
 * (app ignoring case).
 */
int cs_match_leg(const struct cs_match *m, const struct cs_leg *leg);

/*
 * 1 if any term of m matches the leg's caller ([pbx] internal): ext with
 * the calling number or phone, did with the calling number, channel with
 * the caller's line, context, app (case counts) and data with the leg's
 * attributes.  Queue terms never match a caller.
 */
int cs_match_caller(const struct cs_match *m, const struct cs_leg *leg);

#endif
