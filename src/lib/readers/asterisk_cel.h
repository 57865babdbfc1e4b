/*
 * asterisk_cel.h: Asterisk's CEL (Channel Event Logging) written by
 * cel_custom with the shipped legacy mapping (20 fields, each quoted):
 * the parser of one line (asterisk_cel.c), and the calls rebuilt from
 * their events (asterisk_cel_call.c).
 *
 * CEL says what happened to each channel, event by event; a call is the
 * events of one linkedid.  Once every channel of a call has ended (or its
 * LINKEDID_END came), its story is told as Asterisk's other logs tell it:
 * the rows cdr_csv writes for it (one per party dialled, one for the
 * caller alone in the dialplan's own applications) and the queue_log
 * lines app_queue writes (ENTERQUEUE, CONNECT, COMPLETE*, ABANDON,
 * EXITWITHTIMEOUT), which the format's entry stores as those formats do
 * (asterisk.h).  callstat-import(1) says how, field by field.
 */
#ifndef CS_ASTERISK_CEL_H
#define CS_ASTERISK_CEL_H

#include <stddef.h>
#include <stdint.h>

#include "../error.h"
#include "readers.h"

/* The fields of the legacy mapping, in its order. */
enum cs_cel_field {
	CS_CEL_EVENTTYPE, CS_CEL_EVENTTIME, CS_CEL_CID_NAME, CS_CEL_CID_NUM,
	CS_CEL_CID_ANI, CS_CEL_CID_RDNIS, CS_CEL_CID_DNID, CS_CEL_EXTEN,
	CS_CEL_CONTEXT, CS_CEL_CHANNAME, CS_CEL_APPNAME, CS_CEL_APPDATA,
	CS_CEL_AMAFLAGS, CS_CEL_ACCOUNTCODE, CS_CEL_UNIQUEID, CS_CEL_LINKEDID,
	CS_CEL_BRIDGEPEER, CS_CEL_USERFIELD, CS_CEL_USERDEFTYPE,
	CS_CEL_EVENTEXTRA,
	CS_CEL_NFIELDS
};

/* The events callstat reads; the others are CS_CEL_EV_OTHER. */
enum cs_cel_event {
	CS_CEL_EV_OTHER,
	CS_CEL_EV_CHAN_START, CS_CEL_EV_CHAN_END, CS_CEL_EV_ANSWER,
	CS_CEL_EV_HANGUP, CS_CEL_EV_APP_START, CS_CEL_EV_APP_END,
	CS_CEL_EV_BRIDGE_ENTER,		/* and 1.8 to 11's BRIDGE_START */
	CS_CEL_EV_BRIDGE_EXIT,		/* and BRIDGE_END */
	CS_CEL_EV_LINKEDID_END
};

struct cs_cel_record {
	const char *f[CS_CEL_NFIELDS];	/* never NULL */
	enum cs_cel_event event;
	int64_t time;			/* UTC, whole seconds */
	long usec;
	int cause;			/* HANGUP: the hangup cause, 0 unknown */
	char dialstatus[24];		/* HANGUP: DIALSTATUS, "" unknown */
	char source[128];		/* HANGUP: the channel that hung up,
					   "" unknown */
	int local;			/* its time was a local wall-clock time */
};

struct cs_cel_reader {
	int utc;	/* a dateformat's times are UTC, not local */
	void *priv;
};

int cs_cel_reader_init(struct cs_cel_reader *r, int utc, struct cs_error *err);
void cs_cel_reader_release(struct cs_cel_reader *r);
/*
 * Parses one line: 20 CSV fields (quoted, "" inside a quote), eventtime as
 * epoch.usec (cel.conf without dateformat) or YYYY-MM-DD HH:MM:SS[.ffffff]
 * (local, or UTC with utc).  Every event needs its type, time, channel,
 * uniqueid and linkedid.  Returns 0 or -1 (err says why).
 */
int cs_cel_parse(struct cs_cel_reader *r, const char *line, size_t len,
    struct cs_cel_record *rec, struct cs_error *err);
/* 1 when s..e (a line) looks like a CEL event: 20 fields, a known event
 * type first, an eventtime second. */
int cs_cel_looks(const char *s, const char *e);

/* ---- the calls (asterisk_cel_call.c) ---- */

struct cs_cel_calls;

/* What a finished call is told as: each record with the line and the
 * digest of the line of the event that ended it. */
struct cs_cel_out {
	int (*cdr)(void *arg, const struct cs_cdr_record *rec, long line,
	    int64_t rhash);
	int (*qlog)(void *arg, const struct cs_qlog_record *rec, long line,
	    int64_t rhash);
	void *arg;
};

struct cs_cel_calls *cs_cel_calls_new(void);
void cs_cel_calls_free(struct cs_cel_calls *c);
/*
 * Takes one event, read on line with the line's digest rhash; when it
 * ends its call, tells the call through out.  Returns 0, or -1 when out of
 * memory or when out's functions fail.
 */
int cs_cel_calls_add(struct cs_cel_calls *c, const struct cs_cel_record *rec,
    long line, int64_t rhash, const struct cs_cel_out *out);
/* The calls still open (tests). */
int cs_cel_calls_open(const struct cs_cel_calls *c);

#endif
