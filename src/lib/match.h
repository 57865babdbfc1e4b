/*
 * match.h: the terms of the configuration's match lists (did:, queue:,
 * ext:, channel:, app:, context:, data:), parsed and matched against a
 * leg.  config.c parses the file; this is what its match lists mean.
 */
#ifndef CS_MATCH_H
#define CS_MATCH_H

#include <stddef.h>

#include "error.h"

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

/* The leg fields that match terms read (Asterisk names; NULL = absent). */
struct cs_leg_view {
	const char *dst, *dcontext, *dstchannel, *lastapp, *lastdata;
};

/*
 * 1 if any term of m matches the leg: did with its dst, ext with its dst
 * or the peer of its dstchannel, channel with dstchannel, app with lastapp,
 * context with dcontext, data with lastdata, queue with the queue of a
 * Queue leg (first argument of lastdata).
 */
int cs_match_leg(const struct cs_match *m, const struct cs_leg_view *leg);

/* Writes the peer of a channel name into out: PJSIP/2101-0000001a gives
 * 2101, Local/201@from-queue-00000012;1 gives 201, SIP/sip0 gives sip0. */
void cs_channel_peer(const char *chan, char *out, size_t n);

#endif
