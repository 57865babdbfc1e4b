/*
 * write_smdr.c: a modelled call as Avaya IP Office's SMDR writes it
 * (callstat-import --format avaya-smdr): DIR/smdr.csv, one record a
 * segment of the call, the records of a call sharing its Call ID and its
 * Call Start, all but the last with Continuation 1, CR LF ended, 30
 * fields (release 8 and later), written when the call ends.
 *
 * The same calls as write_asterisk.c writes, said as SMDR says them:
 *
 *   the bot         a SIP extension (BOT_EXT, "Voicebot"), which the
 *                   configuration's [bot] match names (ext:);
 *   the welcome     the PBX's announcement before the hunt group, part of
 *                   the group's Ring Time (which counts queuing); a
 *                   caller who hung up during it, or whom the group then
 *                   refused, has a record of its own, with the tone
 *                   device V8000, that never connects;
 *   a queue         a hunt group named as the service's queue; the agent's
 *                   extension when one answered, else the group itself;
 *   voicemail, a closed message
 *                   a voicemail channel (V9501) that connects;
 *   direct lines    the agent's extension; busy: a record that never
 *                   rang (Ring Time 0).
 *
 * What SMDR cannot say, this does not: who ended a call nobody answered.
 * Times are whole seconds, rounded up: a segment that rang at all rang at
 * least one second.
 */
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "synth.h"

#define BOT_EXT		"2990"
#define BOT_NAME	"Voicebot"
#define TRUNK		"T9001,Line 1.1"
#define VOICEMAIL	"V9501,VM Channel 1"
#define TONE		"V8000,U1 0.0"

struct cs_synth_smdr {
	const struct cs_synth_town *town;
	struct cs_synth_out o;	/* its file */
	int utc;
	long records;
};

/* One record of a call being written. */
struct seg {
	char party[96];		/* the town's side: "E2101,Extn2101" */
	long ring, connected;
};

/* The records of one call, written once all are known. */
struct call {
	const struct cs_synth_call *c;
	const char *caller, *called;
	int inbound, internal;
	struct seg s[CS_SYNTH_MAXRING + 4];
	int n;
};

static void
add(struct cs_synth_smdr *w, const char *s)
{
	cs_synth_out_add(&w->o, s, strlen(s));
}

void
cs_synth_smdr_call_id(const struct cs_synth_call *c, char *out, size_t n)
{
	snprintf(out, n, "%llu", (unsigned long long)c->chan);
}

static long
secs(int64_t from, int64_t to)
{
	return to > from ? (long)(to - from) : 0;
}

/* Seconds from `from' to `to', at least one: a segment that rang or
 * connected at all did for a second, times being rounded up. */
static long
secs1(int64_t from, int64_t to)
{
	return to > from ? (long)(to - from) : 1;
}

/*
 * The next segment: party, rung from *at (where the records so far end,
 * as the reader places it) until answer (0: never answered) or end, then
 * connected until end; *at moves to its end.  ring0: it never rang (busy,
 * refused).
 */
static void
seg(struct call *k, int64_t *at, const char *party, int64_t answer,
    int64_t end, int ring0)
{
	struct seg *s;

	if (k->n >= (int)(sizeof(k->s) / sizeof(k->s[0])))
		return;
	s = &k->s[k->n++];
	snprintf(s->party, sizeof(s->party), "%s", party);
	if (answer > 0) {
		s->ring = secs(*at, answer);
		s->connected = secs1(answer, end);
	} else {
		s->ring = ring0 ? 0 : secs1(*at, end);
		s->connected = 0;
	}
	*at += s->ring + s->connected;
}

static void
ext_party(char *out, size_t n, const char *ext)
{
	snprintf(out, n, "E%s,Extn%s", ext, ext);
}

/* The hunt group's part, the welcome before it included (Ring Time
 * counts queuing): the agent who answered, or the group itself. */
static void
queue_seg(struct cs_synth_smdr *w, struct call *k, int64_t *at)
{
	const struct cs_synth_call *c = k->c;
	const struct cs_synth_service *sv = &w->town->svc[c->queue];
	char p[96];

	if (c->q_exit == CS_SYNTH_Q_CONNECT && c->winner >= 0) {
		ext_party(p, sizeof(p), w->town->agent[c->ring[c->winner].agent].ext);
		seg(k, at, p, c->q_at, c->end, 0);
		return;
	}
	/* nobody logged in: after the welcome, the group refused the call */
	if (c->q_exit == CS_SYNTH_Q_EMPTY && c->welcome)
		seg(k, at, TONE, 0, c->welcome_end, 0);
	snprintf(p, sizeof(p), "E%d,%s", 600 + c->queue, sv->queue);
	seg(k, at, p, 0, c->q_at, c->q_exit == CS_SYNTH_Q_EMPTY);
}

static void
inbound(struct cs_synth_smdr *w, struct call *k)
{
	const struct cs_synth_call *c = k->c;
	int64_t at = c->start;
	char p[96];

	if (c->bot)
		seg(k, &at, "E" BOT_EXT "," BOT_NAME, c->bot_answer, c->bot_end, 0);
	if (c->closed_msg) {
		seg(k, &at, VOICEMAIL, at, c->end, 0);
		return;
	}
	/* the caller hung up during the welcome: never offered to the group */
	if (c->welcome_only)
		seg(k, &at, TONE, 0, c->end, 0);
	if (c->queue >= 0)
		queue_seg(w, k, &at);
	if (c->dial) {
		ext_party(p, sizeof(p), c->dial_agent >= 0 ?
		    w->town->agent[c->dial_agent].ext : c->dial_ext);
		seg(k, &at, p, c->d_result == CS_SYNTH_D_ANSWER ? c->d_answer : 0,
		    c->d_end, c->d_result == CS_SYNTH_D_BUSY);
		if (c->vm)
			seg(k, &at, VOICEMAIL, c->vm_start > at ? c->vm_start : at,
			    c->vm_end, 0);
	}
}

static void
staff(struct call *k)
{
	const struct cs_synth_call *c = k->c;
	int64_t at = c->start;
	char p[96];

	if (c->dir == CS_SYNTH_INTERNAL)
		ext_party(p, sizeof(p), c->dialled);
	else
		snprintf(p, sizeof(p), "%s", TRUNK);
	seg(k, &at, p, c->d_result == CS_SYNTH_D_ANSWER ? c->d_answer : 0,
	    c->d_end, c->d_result == CS_SYNTH_D_BUSY);
}

static void
put_records(struct cs_synth_smdr *w, const struct call *k)
{
	const struct cs_synth_call *c = k->c;
	char start[20], line[512], id[32], from[96];

	cs_synth_format_time(c->start, w->utc, start);
	start[4] = start[7] = '/';
	cs_synth_smdr_call_id(c, id, sizeof(id));
	if (!k->inbound)
		ext_party(from, sizeof(from), c->from_ext);
	for (int i = 0; i < k->n; i++) {
		const struct seg *s = &k->s[i];

		/* inbound: the town's side first, the trunk second, as the
		   Avaya knowledge base's examples have them */
		snprintf(line, sizeof(line), "%s,%02ld:%02ld:%02ld,%ld,%s,%s,%s,"
		    "%s,,%d,%s,%d,%s,%s,0,0,,,,,,,,,,,,,\r\n", start,
		    s->connected / 3600, s->connected / 60 % 60,
		    s->connected % 60, s->ring, k->caller,
		    k->inbound ? "I" : "O", k->called, k->called, k->internal,
		    id, i < k->n - 1, k->inbound ? s->party : from,
		    k->inbound ? TRUNK : s->party);
		add(w, line);
		w->records++;
	}
}

int
cs_synth_smdr_put(struct cs_synth_smdr *w, const struct cs_synth_call *c)
{
	struct call k;

	memset(&k, 0, sizeof(k));
	k.c = c;
	k.inbound = c->dir == CS_SYNTH_INBOUND;
	k.internal = c->dir == CS_SYNTH_INTERNAL;
	k.called = c->dialled;
	if (k.inbound) {
		/* no CLI: the field is blank */
		k.caller = strcasecmp(c->number, "anonymous") == 0 ? "" :
		    c->number;
		inbound(w, &k);
	} else {
		k.caller = c->from_ext;
		staff(&k);
	}
	put_records(w, &k);
	return cs_synth_out_push(&w->o, c->end);
}

int
cs_synth_smdr_advance(struct cs_synth_smdr *w, int64_t now)
{
	return cs_synth_out_advance(&w->o, now);
}

struct cs_synth_smdr *
cs_synth_smdr_open(const struct cs_synth_town *town, const char *dir,
    int utc, struct cs_error *err)
{
	struct cs_synth_smdr *w = calloc(1, sizeof(*w));

	if (w == NULL) {
		cs_error_set(err, "out of memory");
		return NULL;
	}
	w->town = town;
	w->utc = utc;
	if (cs_synth_out_open(&w->o, dir, "smdr.csv", err) != 0) {
		free(w);
		return NULL;
	}
	return w;
}

int
cs_synth_smdr_close(struct cs_synth_smdr *w, struct cs_synth_stats *st,
    struct cs_error *err)
{
	int rc;

	if (w == NULL)
		return 0;
	rc = cs_synth_out_close(&w->o, st != NULL ? &st->bytes : NULL, err);
	free(w);
	return rc;
}
