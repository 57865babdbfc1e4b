#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "calls.h"
#include "derive.h"
#include "privacy.h"
#include "readers/asterisk_tables.h"
#include "rowq.h"
#include "timeutil.h"

/*
 * Raise when a change to the rules below changes what a rebuild gives for
 * the same records and configuration: databases are then rebuilt.
 */
#define CS_RULES_VERSION "1"

/* How far apart the legs of one call may start. */
#define GROUP_HORIZON (4 * 3600)

const char *
cs_outcome_name(enum cs_outcome o)
{
	static const char *const names[] = {
		NULL, "agent", "bot", "abandoned", "short", "missed", "voicemail"
	};

	return (unsigned)o < sizeof(names) / sizeof(names[0]) ? names[o] : NULL;
}

const char *
cs_direction_name(enum cs_direction d)
{
	return d == CS_INBOUND ? "inbound" : d == CS_INTERNAL ? "internal" : "outbound";
}

/* ---- one call ---- */

enum leg_kind {
	LEG_OTHER,	/* an application that decides nothing */
	LEG_BOT,	/* matches [bot] match */
	LEG_WELCOME,	/* matches [pbx] welcome */
	LEG_PBX,	/* answered by nobody: voicemail, announcement */
	LEG_PERSON,	/* Dial or Queue towards a person's phone */
	LEG_QUEUE_EMPTY	/* Queue with no phone rung */
};

enum verdict { V_NONE, V_ANNOUNCE, V_VOICEMAIL, V_ABANDONED, V_MISSED };

static int
app_is(const char *app, const char *a, const char *b)
{
	return strcasecmp(app, a) == 0 || (b != NULL && strcasecmp(app, b) == 0);
}

static int
app_is_pbx(const char *app)
{
	static const char *const apps[] = {
		"VoiceMail", "VoiceMailMain", "Playback", "BackGround", "Read",
		"Record", "Hangup", "Congestion", "Busy", "Answer", "Wait",
		"SayDigits", "SayNumber", "MusicOnHold", "Echo",
	};

	for (size_t i = 0; i < sizeof(apps) / sizeof(apps[0]); i++)
		if (strcasecmp(app, apps[i]) == 0)
			return 1;
	return 0;
}

static int
app_is_queue(const char *app)
{
	return app_is(app, "Queue", "AppQueue");
}

static int
app_is_dial(const char *app)
{
	return app_is(app, "Dial", "AppDial");
}

static struct cs_leg_view
view_of(const struct cs_leg *l)
{
	struct cs_leg_view v;

	v.dst = l->dst;
	v.dcontext = l->dcontext;
	v.dstchannel = l->dstchannel;
	v.lastapp = l->lastapp;
	v.lastdata = l->lastdata;
	return v;
}

static enum leg_kind
leg_kind(const struct cs_config *cfg, const struct cs_leg *l)
{
	struct cs_leg_view v = view_of(l);

	if (cfg->bot.n > 0 && cs_match_leg(&cfg->bot, &v))
		return LEG_BOT;
	if (cfg->welcome.n > 0 && cs_match_leg(&cfg->welcome, &v))
		return LEG_WELCOME;
	if (app_is_pbx(l->lastapp))
		return LEG_PBX;
	if (app_is_queue(l->lastapp))
		return l->dstchannel[0] == '\0' ? LEG_QUEUE_EMPTY : LEG_PERSON;
	if (app_is_dial(l->lastapp))
		return LEG_PERSON;
	if (l->dstchannel[0] == '\0')
		return LEG_PBX;
	return LEG_OTHER;
}

static int
answered(const struct cs_leg *l)
{
	return l->answer > 0 && strcmp(l->disposition, "ANSWERED") == 0;
}

/* What an unanswered Dial (or a Queue read from the CDR alone) says. */
static enum verdict
dial_verdict(const struct cs_config *cfg, const struct cs_leg *l)
{
	const char *d = l->disposition;

	if (strcmp(d, "BUSY") == 0 || strcmp(d, "FAILED") == 0 ||
	    strcmp(d, "CONGESTION") == 0 || strcmp(d, "CHANUNAVAIL") == 0)
		return V_MISSED;
	if (cfg->dial_timeout > 0 && l->duration >= cfg->dial_timeout)
		return V_MISSED;
	return V_ABANDONED;
}

/* What a queue_log event says of the call, when it ends a queue attempt. */
static enum verdict
event_verdict(const char *ev, int *exit)
{
	*exit = 1;
	if (strcmp(ev, "ABANDON") == 0)
		return V_ABANDONED;
	if (strcmp(ev, "EXITWITHTIMEOUT") == 0 || strcmp(ev, "EXITEMPTY") == 0 ||
	    strcmp(ev, "WITHDRAW") == 0 || strcmp(ev, "FULL") == 0 ||
	    strcmp(ev, "JOINEMPTY") == 0 || strcmp(ev, "LEAVEEMPTY") == 0 ||
	    strcmp(ev, "JOINUNAVAIL") == 0 || strcmp(ev, "CLOSED") == 0)
		return V_MISSED;
	if (strcmp(ev, "EXITWITHKEY") == 0)
		return V_NONE;	/* what happens next decides */
	*exit = 0;
	return V_NONE;
}

static int
peer_equal(const char *chan_a, const char *chan_b)
{
	char a[128], b[128];

	cs_channel_peer(chan_a, a, sizeof(a));
	cs_channel_peer(chan_b, b, sizeof(b));
	return a[0] != '\0' && strcmp(a, b) == 0;
}

struct interval {
	int64_t from, to;
};

static int
cmp_interval(const void *pa, const void *pb)
{
	const struct interval *a = pa, *b = pb;

	return (a->from > b->from) - (a->from < b->from);
}

/* Seconds covered by the union of the intervals (humans on the call). */
static long
union_length(struct interval *iv, int n)
{
	int64_t total = 0, cur_from = 0, cur_to = 0;

	if (n == 0)
		return 0;
	if (n > 1)
		qsort(iv, (size_t)n, sizeof(*iv), cmp_interval);
	cur_from = iv[0].from;
	cur_to = iv[0].to;
	for (int i = 1; i < n; i++) {
		if (iv[i].from <= cur_to) {
			if (iv[i].to > cur_to)
				cur_to = iv[i].to;
			continue;
		}
		total += cur_to - cur_from;
		cur_from = iv[i].from;
		cur_to = iv[i].to;
	}
	total += cur_to - cur_from;
	return (long)total;
}

static int
caller_is_internal(const struct cs_config *cfg, const struct cs_leg *first)
{
	char peer[128];

	cs_channel_peer(first->channel, peer, sizeof(peer));
	for (size_t i = 0; i < cfg->internal.n; i++) {
		const struct cs_term *t = &cfg->internal.t[i];
		int hit = 0;

		switch (t->kind) {
		case CS_TERM_EXT:
			hit = cs_term_match(t, first->src) || cs_term_match(t, peer);
			break;
		case CS_TERM_DID:
			hit = cs_term_match(t, first->src);
			break;
		case CS_TERM_CONTEXT:
			hit = cs_term_match(t, first->dcontext);
			break;
		case CS_TERM_CHANNEL:
			hit = cs_term_match(t, first->channel);
			break;
		case CS_TERM_APP:
			hit = cs_term_match(t, first->lastapp);
			break;
		case CS_TERM_DATA:
			hit = cs_term_match(t, first->lastdata);
			break;
		case CS_TERM_QUEUE:
			break;
		}
		if (hit)
			return 1;
	}
	return 0;
}

/* Rule 4's companions: channel, app, context and data terms, any leg. */
static int
service_by_leg_terms(const struct cs_config *cfg, const struct cs_leg *legs,
    int nlegs)
{
	for (size_t s = 0; s < cfg->nservices; s++) {
		const struct cs_match *m = &cfg->services[s].match;

		for (size_t i = 0; i < m->n; i++) {
			struct cs_match one = { &m->t[i], 1 };

			if (m->t[i].kind == CS_TERM_DID || m->t[i].kind == CS_TERM_QUEUE ||
			    m->t[i].kind == CS_TERM_EXT)
				continue;
			for (int l = 0; l < nlegs; l++) {
				struct cs_leg_view v = view_of(&legs[l]);

				if (cs_match_leg(&one, &v))
					return (int)s;
			}
		}
	}
	return -1;
}

static void
queue_of(const char *lastdata, char *out, size_t n)
{
	size_t len = strcspn(lastdata, ",|");

	if (len >= n)
		len = n - 1;
	memcpy(out, lastdata, len);
	out[len] = '\0';
}

int
cs_call_in_hours(const struct cs_config *cfg, int service, int64_t t)
{
	struct cs_datetime dt;
	int wday;
	const struct cs_service *s;

	if (service < 0 || (size_t)service >= cfg->nservices)
		return 1;	/* "other" is always open */
	cs_utc_to_local(t, &dt, &wday);
	if (cs_config_closed_day(cfg, dt.year, dt.mon, dt.mday))
		return 0;
	s = &cfg->services[service];
	if (!s->has_hours)
		return 1;
	return cs_hours_open(&s->hours, wday, dt.hour * 3600 + dt.min * 60 + dt.sec);
}

struct item {
	int64_t time;
	int rank;	/* events before legs at the same second */
	int64_t order;
	enum verdict v;
};

static int
cmp_item(const void *pa, const void *pb)
{
	const struct item *a = pa, *b = pb;

	if (a->time != b->time)
		return (a->time > b->time) - (a->time < b->time);
	if (a->rank != b->rank)
		return a->rank - b->rank;
	return (a->order > b->order) - (a->order < b->order);
}

/* Records a call holds without asking for memory; more are allocated. */
#define SMALL_CALL 128

int
cs_call_build(const struct cs_config *cfg, const struct cs_leg *legs,
    int nlegs, const struct cs_qevent *ev, int nev, struct cs_call *call)
{
	enum leg_kind kindbuf[SMALL_CALL], *kind = kindbuf;
	struct interval ivbuf[SMALL_CALL], *iv = ivbuf;
	struct item itembuf[SMALL_CALL], *items = itembuf;
	int niv = 0, nitems = 0, covered = 0, covered_exit = 0;
	int bot = -1, answering = -1, connect_agent = -1;
	int64_t human_t = INT64_MAX, bot_t = 0, handover = 0;
	enum verdict final = V_NONE;
	int saw_announce = 0;
	int s;
	char q[128];

	memset(call, 0, sizeof(*call));
	call->wait = call->human_wait = call->talk = call->abandon_wait = -1;
	call->service = (int)cfg->nservices;
	call->caller = legs[0].caller;
	call->bot_key = "";
	call->start = legs[0].start;
	call->end = legs[0].end;
	for (int i = 0; i < nlegs; i++) {
		if (legs[i].start < call->start)
			call->start = legs[i].start;
		if (legs[i].end > call->end)
			call->end = legs[i].end;
		call->flags |= legs[i].flags;
	}
	if (caller_is_internal(cfg, &legs[0])) {
		call->direction = strcmp(legs[0].dst, "[phone]") == 0 ||
		    cs_number_is_phone(legs[0].dst) ? CS_OUTBOUND : CS_INTERNAL;
		call->in_hours = 0;
		return 0;
	}
	call->direction = CS_INBOUND;

	if (nlegs + nev > SMALL_CALL) {
		size_t n = (size_t)nlegs + (size_t)nev;

		kind = malloc(n * sizeof(*kind));
		iv = malloc(n * sizeof(*iv));
		items = malloc(n * sizeof(*items));
		if (kind == NULL || iv == NULL || items == NULL) {
			free(kind);
			free(iv);
			free(items);
			return -1;
		}
	}

	for (int i = 0; i < nlegs; i++)
		kind[i] = leg_kind(cfg, &legs[i]);
	for (int e = 0; e < nev; e++) {
		int isexit;

		covered = 1;
		event_verdict(ev[e].event, &isexit);
		covered_exit |= isexit;
	}

	/* the bot: its first answered leg */
	for (int i = 0; i < nlegs; i++)
		if (kind[i] == LEG_BOT && answered(&legs[i])) {
			bot = i;
			bot_t = legs[i].answer;
			call->bot_key = legs[i].uniqueid;
			call->bot_start = legs[i].start;
			break;
		}
	call->bot_answered = bot >= 0;

	/* people: answered Dial legs, and queue legs through CONNECT */
	for (int i = 0; i < nlegs; i++) {
		if (kind[i] != LEG_PERSON || !answered(&legs[i]))
			continue;
		if (app_is_queue(legs[i].lastapp) && covered)
			continue;	/* the queue_log's CONNECT says when */
		if (legs[i].answer < human_t) {
			human_t = legs[i].answer;
			answering = i;
		}
		iv[niv].from = legs[i].answer;
		iv[niv].to = legs[i].end > legs[i].answer ? legs[i].end : legs[i].answer;
		niv++;
	}
	for (int e = 0; e < nev; e++) {
		int leg = -1;

		if (strcmp(ev[e].event, "CONNECT") != 0)
			continue;
		for (int i = 0; i < nlegs && leg < 0; i++)
			if (kind[i] == LEG_PERSON && app_is_queue(legs[i].lastapp) &&
			    answered(&legs[i]) && peer_equal(legs[i].dstchannel, ev[e].agent))
				leg = i;
		for (int i = 0; i < nlegs && leg < 0; i++)
			if (kind[i] == LEG_PERSON && app_is_queue(legs[i].lastapp) &&
			    answered(&legs[i]) && legs[i].end >= ev[e].time)
				leg = i;
		if (ev[e].time < human_t) {
			human_t = ev[e].time;
			answering = leg;
			connect_agent = leg < 0 ? e : -1;
		}
		iv[niv].from = ev[e].time;
		if (leg >= 0) {
			iv[niv].to = legs[leg].end;
		} else {
			/* no CDR row for it: the talk time the queue logged */
			long calltime = 0;

			for (int f = e + 1; f < nev; f++)
				if (strncmp(ev[f].event, "COMPLETE", 8) == 0 ||
				    strstr(ev[f].event, "TRANSFER") != NULL) {
					calltime = strtol(ev[f].data[1], NULL, 10);
					if (strcmp(ev[f].event, "TRANSFER") == 0 ||
					    strcmp(ev[f].event, "BLINDTRANSFER") == 0)
						calltime = strtol(ev[f].data[3], NULL, 10);
					break;
				}
			iv[niv].to = ev[e].time + (calltime > 0 ? calltime : 0);
		}
		if (iv[niv].to < iv[niv].from)
			iv[niv].to = iv[niv].from;
		niv++;
	}

	/* offered to a person; escalated after the bot */
	for (int i = 0; i < nlegs; i++) {
		if (kind[i] != LEG_PERSON && kind[i] != LEG_QUEUE_EMPTY)
			continue;
		call->needed_agent = 1;
		if (bot >= 0 && i != bot && legs[i].start >= bot_t && !call->escalated) {
			call->escalated = 1;
			handover = legs[bot].end;
		}
	}
	for (int e = 0; e < nev; e++) {
		if (strcmp(ev[e].event, "ENTERQUEUE") != 0)
			continue;
		call->needed_agent = 1;
		if (bot >= 0 && ev[e].time >= bot_t && !call->escalated) {
			call->escalated = 1;
			handover = legs[bot].end;
		}
	}

	/* the outcome */
	if (human_t != INT64_MAX) {
		call->outcome = CS_OUTCOME_AGENT;
	} else if (bot >= 0 && !call->escalated) {
		call->outcome = CS_OUTCOME_BOT;
	} else {
		for (int i = 0; i < nlegs; i++) {
			enum verdict v = V_NONE;

			switch (kind[i]) {
			case LEG_BOT:
				if (!answered(&legs[i]))
					v = dial_verdict(cfg, &legs[i]);
				break;
			case LEG_WELCOME:
				v = V_ABANDONED;
				break;
			case LEG_PBX:
				v = app_is(legs[i].lastapp, "VoiceMail", "VoiceMailMain") ?
				    V_VOICEMAIL : V_ANNOUNCE;
				break;
			case LEG_QUEUE_EMPTY:
				/* no phone rung: the row's disposition, as a dial's */
				if (!covered_exit)
					v = dial_verdict(cfg, &legs[i]);
				break;
			case LEG_PERSON:
				if (!(app_is_queue(legs[i].lastapp) && covered_exit))
					v = dial_verdict(cfg, &legs[i]);
				break;
			case LEG_OTHER:
				break;
			}
			if (v == V_NONE)
				continue;
			items[nitems].time = legs[i].end;
			items[nitems].rank = 1;
			items[nitems].order = legs[i].order;
			items[nitems].v = v;
			nitems++;
		}
		for (int e = 0; e < nev; e++) {
			int isexit;
			enum verdict v = event_verdict(ev[e].event, &isexit);

			if (!isexit)
				continue;
			items[nitems].time = ev[e].time;
			items[nitems].rank = 0;
			items[nitems].order = ev[e].order;
			items[nitems].v = v;
			nitems++;
		}
		if (nitems > 1)
			qsort(items, (size_t)nitems, sizeof(*items), cmp_item);
		for (int k = 0; k < nitems; k++) {
			if (items[k].v == V_ANNOUNCE)
				saw_announce = 1;
			else if (items[k].v != V_NONE)
				final = items[k].v;
			else
				final = V_NONE;	/* EXITWITHKEY: what follows decides */
		}
		if (final == V_NONE)
			final = saw_announce ? V_VOICEMAIL : V_ABANDONED;
		switch (final) {
		case V_VOICEMAIL:
			call->outcome = CS_OUTCOME_VOICEMAIL;
			break;
		case V_MISSED:
			call->outcome = CS_OUTCOME_MISSED;
			break;
		default:
			call->outcome = call->end - call->start <= cfg->short_abandon ?
			    CS_OUTCOME_SHORT : CS_OUTCOME_ABANDONED;
			break;
		}
	}

	/* the times */
	if (call->outcome == CS_OUTCOME_AGENT) {
		int64_t first = human_t;

		if (bot >= 0 && bot_t < first)
			first = bot_t;
		call->wait = (long)(first - call->start);
		call->human_wait = (long)(human_t -
		    (call->escalated ? handover : call->start));
		if (call->human_wait < 0)
			call->human_wait = 0;
		call->talk = union_length(iv, niv);
	} else if (call->outcome == CS_OUTCOME_BOT) {
		call->wait = (long)(bot_t - call->start);
	} else if (call->outcome == CS_OUTCOME_ABANDONED) {
		call->abandon_wait = (long)(call->end - call->start);
	}
	/* an answer stamped before the call's start (clock skew) waited 0 s */
	if ((call->outcome == CS_OUTCOME_AGENT || call->outcome == CS_OUTCOME_BOT) &&
	    call->wait < 0)
		call->wait = 0;

	/* the service: kpi.md's rules in order (rule 3 needs transcripts) */
	s = -1;
	for (int e = nev - 1; e >= 0 && s < 0; e--)
		if (strcmp(ev[e].event, "ENTERQUEUE") == 0) {
			s = cs_config_service_by(cfg, CS_TERM_QUEUE, ev[e].queue);
			break;
		}
	if (s < 0 && nev == 0) {
		for (int i = nlegs - 1; i >= 0; i--)
			if (app_is_queue(legs[i].lastapp) && kind[i] != LEG_BOT) {
				queue_of(legs[i].lastdata, q, sizeof(q));
				s = cs_config_service_by(cfg, CS_TERM_QUEUE, q);
				break;
			}
	}
	if (s < 0 && call->outcome == CS_OUTCOME_AGENT) {
		char peer[128];

		if (answering >= 0) {
			cs_channel_peer(legs[answering].dstchannel, peer, sizeof(peer));
			s = cs_config_service_by(cfg, CS_TERM_EXT, legs[answering].dst);
			if (s < 0)
				s = cs_config_service_by(cfg, CS_TERM_EXT, peer);
		} else if (connect_agent >= 0) {
			cs_channel_peer(ev[connect_agent].agent, peer, sizeof(peer));
			s = cs_config_service_by(cfg, CS_TERM_EXT, peer);
		}
	}
	if (s < 0)
		s = cs_config_service_by(cfg, CS_TERM_DID, legs[0].dst);
	if (s < 0)
		s = service_by_leg_terms(cfg, legs, nlegs);
	if (s >= 0)
		call->service = s;
	call->in_hours = cs_call_in_hours(cfg, call->service, call->start);

	if (kind != kindbuf) {
		free(kind);
		free(items);
		free(iv);
	}
	return 0;
}

/* ---- rebuilding the calls of the database ---- */

/* While the builder's queue is full: write the calls already built. */
static int write_ready(void *arg);
static struct cs_calls_stream *stream_new(const struct cs_config *cfg,
    struct cs_rowq *q, int64_t after, int64_t from, int64_t to, int sorted,
    struct cs_error *err);

struct group {
	char *key;
	int64_t first;
	struct cs_leg *legs;
	char **legmem;
	int nlegs, caplegs;
	struct cs_qevent *ev;
	char **evmem;
	int nev, capev;
	char **alias;		/* other keys of the map that lead here */
	int nalias;
	struct group *fifo;	/* next group by creation */
};

struct entry {
	char *key;
	struct group *g;
	struct entry *next;
};

#define NBUCKETS 65536

/* The engine that groups records into calls, shared by the rebuild and
 * the import (both through a stream, below). */
struct rebuild {
	const struct cs_config *cfg;
	struct entry **bucket;
	struct group *head, *tail;
	struct cs_derive *derive;
	struct cs_error *err;
};

static unsigned
hash_str(const char *s)
{
	return cs_str_hash(s) & (NBUCKETS - 1);
}

static struct group *
map_get(struct rebuild *r, const char *key)
{
	for (struct entry *e = r->bucket[hash_str(key)]; e != NULL; e = e->next)
		if (strcmp(e->key, key) == 0)
			return e->g;
	return NULL;
}

static int
map_put(struct rebuild *r, const char *key, struct group *g)
{
	unsigned h = hash_str(key);
	struct entry *e = malloc(sizeof(*e));

	if (e == NULL || (e->key = cs_strdup(key)) == NULL) {
		free(e);
		return -1;
	}
	e->g = g;
	e->next = r->bucket[h];
	r->bucket[h] = e;
	return 0;
}

static void
map_del(struct rebuild *r, const char *key, struct group *g)
{
	struct entry **pp = &r->bucket[hash_str(key)];

	for (; *pp != NULL; pp = &(*pp)->next)
		if ((*pp)->g == g && strcmp((*pp)->key, key) == 0) {
			struct entry *e = *pp;

			*pp = e->next;
			free(e->key);
			free(e);
			return;
		}
}

static struct group *
group_new(struct rebuild *r, const char *key, int64_t t)
{
	struct group *g = calloc(1, sizeof(*g));

	if (g == NULL || (g->key = cs_strdup(key)) == NULL) {
		free(g);
		return NULL;
	}
	if (map_put(r, key, g) != 0) {
		free(g->key);
		free(g);
		return NULL;
	}
	g->first = t;
	if (r->tail != NULL)
		r->tail->fifo = g;
	else
		r->head = g;
	r->tail = g;
	return g;
}

static int
group_alias(struct rebuild *r, struct group *g, const char *key)
{
	char **na;

	if (*key == '\0' || map_get(r, key) != NULL)
		return 0;
	na = realloc(g->alias, (size_t)(g->nalias + 1) * sizeof(*na));
	if (na == NULL)
		return -1;
	g->alias = na;
	if ((g->alias[g->nalias] = cs_strdup(key)) == NULL)
		return -1;
	g->nalias++;
	return map_put(r, key, g);
}

/* Like group_alias, but several groups may share the key. */
/* Appends a leg (or an event) and the block its strings live in to g. */
static int
push_leg(struct group *g, const struct cs_leg *l, char *mem)
{
	if (g->nlegs == g->caplegs) {
		int cap = g->caplegs ? 2 * g->caplegs : 4;
		struct cs_leg *nl = realloc(g->legs, (size_t)cap * sizeof(*nl));
		char **nm;

		if (nl == NULL)
			return -1;
		g->legs = nl;
		if ((nm = realloc(g->legmem, (size_t)cap * sizeof(*nm))) == NULL)
			return -1;
		g->legmem = nm;
		g->caplegs = cap;
	}
	g->legs[g->nlegs] = *l;
	g->legmem[g->nlegs] = mem;
	g->nlegs++;
	return 0;
}

static int
push_event(struct group *g, const struct cs_qevent *e, char *mem)
{
	if (g->nev == g->capev) {
		int cap = g->capev ? 2 * g->capev : 4;
		struct cs_qevent *ne = realloc(g->ev, (size_t)cap * sizeof(*ne));
		char **nm;

		if (ne == NULL)
			return -1;
		g->ev = ne;
		if ((nm = realloc(g->evmem, (size_t)cap * sizeof(*nm))) == NULL)
			return -1;
		g->evmem = nm;
		g->capev = cap;
	}
	g->ev[g->nev] = *e;
	g->evmem[g->nev] = mem;
	g->nev++;
	return 0;
}

/* Moves the events of o into g. */
static int
move_events(struct group *g, struct group *o)
{
	for (int i = 0; i < o->nev; i++)
		if (push_event(g, &o->ev[i], o->evmem[i]) != 0)
			return -1;
	o->nev = 0;
	return 0;
}

static int
group_tag(struct rebuild *r, struct group *g, const char *key)
{
	char **na = realloc(g->alias, (size_t)(g->nalias + 1) * sizeof(*na));

	if (na == NULL)
		return -1;
	g->alias = na;
	if ((g->alias[g->nalias] = cs_strdup(key)) == NULL)
		return -1;
	g->nalias++;
	return map_put(r, key, g);
}

/*
 * A Master.csv without uniqueid (16 columns) groups legs by the caller's
 * channel, so the queue_log's callid names no group.  Its events are then
 * joined by what both sides know: the queue, the caller's hashed number
 * (ENTERQUEUE's caller ID) and the time.  A callid whose queue entry falls
 * within the call joins it; for a withheld caller, only the entry nearest
 * to the call's first Queue leg does.
 */
static int
absorb_events(struct rebuild *r, struct group *g)
{
	char key[CS_HASH_HEX + 160], q[128];
	const char *caller = g->legs[0].caller;

	for (int l = 0; l < g->nlegs; l++) {
		const struct cs_leg *leg = &g->legs[l];
		struct group *best = NULL;
		int64_t bestd = INT64_MAX;

		if (!app_is_queue(leg->lastapp))
			continue;
		queue_of(leg->lastdata, q, sizeof(q));
		snprintf(key, sizeof(key), "q:%s|%s", caller, q);
		/* the entry into that queue while this row lasted, nearest
		   to its start; one taken by another call is gone */
		for (struct entry *e = r->bucket[hash_str(key)]; e != NULL; e = e->next) {
			struct group *o = e->g;
			int64_t d;

			if (strcmp(e->key, key) != 0 || o == g || o->nlegs > 0 ||
			    o->nev == 0 || o->ev[0].time < leg->start - 1 ||
			    o->ev[0].time > leg->end + 1)
				continue;
			d = o->ev[0].time - leg->start;
			if (d < 0)
				d = -d;
			if (d < bestd) {
				best = o;
				bestd = d;
			}
		}
		if (best != NULL && move_events(g, best) != 0)
			return -1;
	}
	return 0;
}

static void
group_free(struct rebuild *r, struct group *g)
{
	map_del(r, g->key, g);
	for (int i = 0; i < g->nalias; i++) {
		map_del(r, g->alias[i], g);
		free(g->alias[i]);
	}
	for (int i = 0; i < g->nlegs; i++)
		free(g->legmem[i]);
	for (int i = 0; i < g->nev; i++)
		free(g->evmem[i]);
	free(g->alias);
	free(g->legs);
	free(g->legmem);
	free(g->ev);
	free(g->evmem);
	free(g->key);
	free(g);
}

static int
cmp_leg(const void *pa, const void *pb)
{
	const struct cs_leg *a = pa, *b = pb;

	if (a->start != b->start)
		return (a->start > b->start) - (a->start < b->start);
	return (a->order > b->order) - (a->order < b->order);
}

static int
cmp_event(const void *pa, const void *pb)
{
	const struct cs_qevent *a = pa, *b = pb;

	if (a->time != b->time)
		return (a->time > b->time) - (a->time < b->time);
	return (a->order > b->order) - (a->order < b->order);
}

static int
store_call(struct rebuild *r, struct group *g)
{
	struct cs_call c;

	if (g->nlegs > 1)
		qsort(g->legs, (size_t)g->nlegs, sizeof(*g->legs), cmp_leg);
	if (g->nev > 1)
		qsort(g->ev, (size_t)g->nev, sizeof(*g->ev), cmp_event);
	if (cs_call_build(r->cfg, g->legs, g->nlegs, g->ev, g->nev, &c) != 0)
		return cs_error_set(r->err, "out of memory");
	return cs_derive_add(r->derive, g->key, &c, g->nlegs);
}

/* Closes the groups that no later record can reach, oldest first. */
static int
close_groups(struct rebuild *r, int64_t now)
{
	while (r->head != NULL && r->head->first + GROUP_HORIZON < now) {
		struct group *g = r->head;
		int rc = 0;

		r->head = g->fifo;
		if (r->head == NULL)
			r->tail = NULL;
		if (g->nlegs > 0 && strncmp(g->key, "chan:", 5) == 0)
			rc = absorb_events(r, g);
		if (g->nlegs > 0 && rc == 0)
			rc = store_call(r, g);
		group_free(r, g);
		if (rc != 0)
			return -1;
	}
	return 0;
}

#define LEG_TEXTS 11

/* A leg whose texts live in mem (which the group then owns). */
static int
add_leg_mem(struct rebuild *r, struct cs_leg *lp, char *mem)
{
	struct cs_leg l = *lp;
	char key[512];
	const char *keyp;
	struct group *g;

	if (l.linkedid[0] != '\0')
		keyp = l.linkedid;
	else if (l.uniqueid[0] != '\0')
		keyp = l.uniqueid;
	else {
		snprintf(key, sizeof(key), "chan:%s", l.channel);
		keyp = key;
	}
	g = map_get(r, keyp);
	if (g == NULL && l.uniqueid[0] != '\0')
		g = map_get(r, l.uniqueid);
	if (g == NULL)
		g = group_new(r, keyp, l.start);
	if (g == NULL)
		goto nomem;
	if (strcmp(g->key, keyp) != 0 && group_alias(r, g, keyp) != 0)
		goto nomem;
	if (l.uniqueid[0] != '\0' && strcmp(l.uniqueid, keyp) != 0 &&
	    group_alias(r, g, l.uniqueid) != 0)
		goto nomem;
	if (push_leg(g, &l, mem) != 0)
		goto nomem;
	return 0;
nomem:
	free(mem);
	return cs_error_set(r->err, "out of memory");
}

#define EV_TEXTS 9

/* An event of callid, whose texts live in mem (the group then owns it). */
static int
add_event_mem(struct rebuild *r, const char *callid, struct cs_qevent *ep,
    char *mem)
{
	struct cs_qevent e = *ep;
	struct group *g;

	g = map_get(r, callid);
	if (g == NULL)
		g = group_new(r, callid, e.time);
	if (g == NULL)
		goto nomem;
	if (push_event(g, &e, mem) != 0)
		goto nomem;
	/* a callid no leg has named yet: findable by its caller too */
	if (g->nlegs == 0 && strcmp(e.event, "ENTERQUEUE") == 0) {
		char key[CS_HASH_HEX + 160];

		snprintf(key, sizeof(key), "q:%s|%s", e.data[1], e.queue);
		if (group_tag(r, g, key) != 0)
			return cs_error_set(r->err, "out of memory");
	}
	return 0;
nomem:
	free(mem);
	return cs_error_set(r->err, "out of memory");
}

/* Queues the current row of st (its columns, as they are) as a row of t. */
static int
put_columns(struct cs_rowq *q, const struct cs_tabledef *t, sqlite3_stmt *st)
{
	int n = sqlite3_column_count(st);

	cs_rowq_begin(q, t);
	for (int i = 0; i < n; i++)
		switch (sqlite3_column_type(st, i)) {
		case SQLITE_INTEGER:
			cs_rowq_int(q, sqlite3_column_int64(st, i));
			break;
		case SQLITE_NULL:
			cs_rowq_null(q);
			break;
		default:
			cs_rowq_text(q, (const char *)sqlite3_column_text(st, i));
			break;
		}
	return cs_rowq_end(q);
}

/*
 * The rebuild's reading side, on the thread that owns the database: the
 * legs and events of [lo, hi), in the database's order (start or time,
 * then rhash; a leg before an event of the same second), as the rows that
 * stored them (what the calls do not need, NULL), for the builder.
 */
static int
select_records(struct cs_db *db, int64_t lo, int64_t hi, struct cs_rowq *q,
    struct cs_error *err)
{
	/* what the calls do not need */
	const unsigned long long unused = 1ULL << CS_CDR_COL_AMAFLAGS |
	    1ULL << CS_CDR_COL_ACCOUNTCODE | 1ULL << CS_CDR_COL_USERFIELD |
	    1ULL << CS_CDR_COL_PEERACCOUNT | 1ULL << CS_CDR_COL_SEQUENCE;
	sqlite3_stmt *ls = NULL, *es = NULL;
	char *lsql, *esql;
	int lrc, erc, rc = -1;

	lsql = cs_tabledef_select(&cs_table_cdr, CS_TABLEDEF_ALL & ~unused,
	    "WHERE start >= ? AND start < ? ORDER BY start, rhash");
	esql = cs_tabledef_select(&cs_table_queue_log, CS_TABLEDEF_ALL,
	    "WHERE time >= ? AND time < ? "
	    "AND callid NOT IN ('NONE', 'MANAGER', 'CLI', 'REALTIME', '') "
	    "ORDER BY time, rhash");
	if (lsql == NULL || esql == NULL) {
		cs_error_set(err, "out of memory");
		goto out;
	}
	if (cs_db_prepare(db, &ls, lsql, err) != 0 ||
	    cs_db_prepare(db, &es, esql, err) != 0)
		goto out;
	sqlite3_bind_int64(ls, 1, lo);
	sqlite3_bind_int64(ls, 2, hi);
	sqlite3_bind_int64(es, 1, lo);
	sqlite3_bind_int64(es, 2, hi + GROUP_HORIZON);
	lrc = sqlite3_step(ls);
	erc = sqlite3_step(es);
	while (lrc == SQLITE_ROW || erc == SQLITE_ROW) {
		if (lrc == SQLITE_ROW && (erc != SQLITE_ROW ||
		    sqlite3_column_int64(ls, CS_CDR_COL_START) <=
		    sqlite3_column_int64(es, CS_QLOG_COL_TIME))) {
			if (put_columns(q, &cs_table_cdr, ls) != 0)
				goto stopped;
			lrc = sqlite3_step(ls);
		} else {
			if (put_columns(q, &cs_table_queue_log, es) != 0)
				goto stopped;
			erc = sqlite3_step(es);
		}
	}
	if (lrc != SQLITE_DONE || erc != SQLITE_DONE) {
		cs_db_fail(db, "cannot read the records", err);
		goto out;
	}
	rc = 0;
	goto out;
stopped:
	/* the builder or the writing stopped: their error says why */
	rc = 1;
out:
	sqlite3_finalize(ls);
	sqlite3_finalize(es);
	free(lsql);
	free(esql);
	return rc;
}

static int
exec_range(struct cs_db *db, const char *sql, int64_t a, int64_t b,
    const char *da, const char *dbay, int t, struct cs_error *err)
{
	sqlite3_stmt *st = NULL;
	int rc;

	if (cs_db_prepare(db, &st, sql, err) != 0)
		return -1;
	for (int i = 1; i <= sqlite3_bind_parameter_count(st); i++) {
		const char *name = sqlite3_bind_parameter_name(st, i);

		if (name == NULL)
			continue;
		if (strcmp(name, ":a") == 0)
			sqlite3_bind_int64(st, i, a);
		else if (strcmp(name, ":b") == 0)
			sqlite3_bind_int64(st, i, b);
		else if (strcmp(name, ":da") == 0)
			sqlite3_bind_text(st, i, da, -1, SQLITE_STATIC);
		else if (strcmp(name, ":db") == 0)
			sqlite3_bind_text(st, i, dbay, -1, SQLITE_STATIC);
		else if (strcmp(name, ":t") == 0)
			sqlite3_bind_int(st, i, t);
	}
	rc = sqlite3_step(st);
	sqlite3_finalize(st);
	if (rc != SQLITE_DONE && rc != SQLITE_ROW)
		return cs_db_fail(db, "cannot update the derived tables", err);
	return 0;
}

int
cs_calls_purged_before(struct cs_db *db, int64_t *t, struct cs_error *err)
{
	char v[32], *end;
	long long n;

	*t = CS_TIME_MIN;
	if (cs_db_meta_get(db, CS_META_PURGED_BEFORE, v, sizeof(v), err) != 0)
		return -1;
	if (v[0] == '\0')
		return 0;
	n = strtoll(v, &end, 10);
	if (*end != '\0' || n <= CS_TIME_MIN || n >= CS_TIME_MAX)
		return cs_error_set(err, "%s: bad %s '%s' in the meta table",
		    db->path, CS_META_PURGED_BEFORE, v);
	*t = (int64_t)n;
	return 0;
}

int64_t
cs_calls_frozen_before(int64_t purged_before)
{
	if (purged_before <= CS_TIME_MIN)
		return CS_TIME_MIN;
	/* the midnight that ends the day holding purged_before + 32 h: a
	   rebuild from there reads nothing before purged_before (below) */
	return cs_local_midnight(purged_before + 86400 + 2 * GROUP_HORIZON, 1);
}

int
cs_calls_rebuild(struct cs_db *db, const struct cs_config *cfg, int64_t from,
    int64_t to, struct cs_error *err)
{
	struct cs_calls_builder b;
	struct cs_error berr;
	int rc = -1, sel, drc;
	int64_t r0, r1, lo, hi, purged, frozen;
	char d0[11] = "0000-00-00", d1[11] = "9999-99-99";

	if (cs_calls_purged_before(db, &purged, err) != 0)
		return -1;
	frozen = cs_calls_frozen_before(purged);

	/*
	 * Whole local days, and a day more each side: the calls around the
	 * new records see them as earlier or later calls of their caller.
	 * Their day's totals are then recomputed whole.  The stream reads a
	 * day further still, for the flags, and stores nothing of it.
	 */
	r0 = from <= CS_TIME_MIN ? CS_TIME_MIN :
	    cs_local_midnight(from - 86400 - GROUP_HORIZON, 0);
	r1 = to >= CS_TIME_MAX ? CS_TIME_MAX :
	    cs_local_midnight(to + 86400 + GROUP_HORIZON, 1);
	/* the days a purge froze keep their calls and totals (calls.h) */
	if (r0 < frozen)
		r0 = frozen;
	if (r0 >= r1)
		return 0;
	if (r0 > CS_TIME_MIN)
		cs_period_label(r0, CS_PERIOD_DAY, d0, sizeof(d0));
	if (r1 < CS_TIME_MAX)
		cs_period_label(r1, CS_PERIOD_DAY, d1, sizeof(d1));

	if (exec_range(db, "DELETE FROM calls WHERE start >= :a AND start < :b",
	    r0, r1, NULL, NULL, 0, err) != 0 ||
	    exec_range(db, "DELETE FROM daily WHERE day >= :da AND day < :db",
	    0, 0, d0, d1, 0, err) != 0 ||
	    exec_range(db, "DELETE FROM wait_hist WHERE day >= :da AND day < :db",
	    0, 0, d0, d1, 0, err) != 0)
		return -1;
	lo = r0 <= CS_TIME_MIN ? CS_TIME_MIN : r0 - 86400 - 2 * GROUP_HORIZON;
	hi = r1 >= CS_TIME_MAX ? CS_TIME_MAX : r1 + 86400 + 2 * GROUP_HORIZON;

	/*
	 * This thread reads the records and writes the calls; another builds
	 * them.  The records come in order: the stream lets each through at
	 * once, and never gives up.  While the builder's queue is full, this
	 * thread writes the calls it has built meanwhile.
	 */
	memset(&b, 0, sizeof(b));
	b.err = &berr;
	berr.msg[0] = '\0';
	if ((b.out = cs_rowq_new(db, err)) == NULL)
		goto out;
	if ((b.in = cs_rowq_new_pipe(&berr)) == NULL ||
	    (b.s = stream_new(cfg, b.out, CS_TIME_MIN, r0, r1, 1, &berr)) == NULL) {
		*err = berr;
		goto out;
	}
	if (cs_calls_builder_start(&b) != 0) {
		cs_error_set(err, "cannot start a thread to build the calls");
		goto out;
	}
	cs_rowq_set_wait(b.in, write_ready, b.out);
	sel = select_records(db, lo, hi, b.in, err);
	cs_rowq_close(b.in, sel != 0);
	drc = cs_rowq_drain(b.out);
	cs_calls_builder_join(&b);
	/* the builder's own error first: the others follow from it */
	if (b.failed) {
		*err = berr;
		goto out;
	}
	if (sel != 0 || drc != 0)
		goto out;
	if (cs_calls_stream_given_up(b.s)) {
		cs_error_set(err, "internal error: the records of the rebuild "
		    "came out of order");
		goto out;
	}
	rc = 0;
out:
	cs_calls_stream_free(b.s);
	cs_rowq_free(b.in);
	cs_rowq_free(b.out);
	return rc;
}

static int
write_ready(void *arg)
{
	int n = cs_rowq_drain_ready(arg);

	if (n < 0)
		return -1;
	if (n == 0)
		sqlite3_sleep(1);	/* the builder is at work */
	return 0;
}

/* ---- calls built as their records are imported ---- */

/*
 * Records come in the order of their file (a Master.csv's is the order legs
 * ended); the rebuild takes them in the database's (start, then rhash).  A
 * heap puts them back in that order: a record is let through once a record
 * starting REORDER later has come (or too many wait).  One that comes after
 * a later one was let through would have been taken earlier by a rebuild:
 * the stream then gives up, and the import rebuilds instead.
 */
#define REORDER GROUP_HORIZON
#define MAX_WAITING 16384	/* some 10 MiB */

struct waiting {
	int64_t t, rhash;
	int is_event;
	struct cs_leg leg;
	struct cs_qevent ev;
	const char *callid;
	char *mem;
};

struct cs_calls_stream {
	struct rebuild r;
	int64_t after;
	int64_t latest;			/* the latest start come */
	struct waiting last;		/* the last let through (keys only) */
	int out_any;
	int given_up;
	int sorted;			/* nothing waits */
	struct waiting **heap;
	size_t n, cap;
};

static int
waiting_less(const struct waiting *a, const struct waiting *b)
{
	if (a->t != b->t)
		return a->t < b->t;
	if (a->is_event != b->is_event)
		return !a->is_event;	/* a leg first, as the rebuild takes it */
	return a->rhash < b->rhash;
}

static void
waiting_free(struct waiting *w)
{
	if (w != NULL)
		free(w->mem);
	free(w);
}

static void
free_waiting(struct cs_calls_stream *s)
{
	for (size_t i = 0; i < s->n; i++)
		waiting_free(s->heap[i]);
	s->n = 0;
}

static void
give_up(struct cs_calls_stream *s)
{
	s->given_up = 1;
	free_waiting(s);
}

/* Lets the first record of the heap through to the rebuild's engine. */
static int
let_through(struct cs_calls_stream *s)
{
	struct waiting *w = s->heap[0], *moved;
	struct rebuild *r = &s->r;
	size_t i = 0;
	int rc;

	moved = s->heap[--s->n];
	for (;;) {
		size_t c = 2 * i + 1;

		if (c >= s->n)
			break;
		if (c + 1 < s->n && waiting_less(s->heap[c + 1], s->heap[c]))
			c++;
		if (!waiting_less(s->heap[c], moved))
			break;
		s->heap[i] = s->heap[c];
		i = c;
	}
	if (s->n > 0)
		s->heap[i] = moved;
	if (w->t <= s->after) {
		/* records stored before may be near: only a rebuild sees them */
		waiting_free(w);
		give_up(s);
		return 0;
	}
	s->last.t = w->t;
	s->last.rhash = w->rhash;
	s->last.is_event = w->is_event;
	s->out_any = 1;
	if (close_groups(r, w->t) != 0) {
		waiting_free(w);
		return -1;
	}
	/* the group now owns the texts */
	if (w->is_event)
		rc = add_event_mem(r, w->callid, &w->ev, w->mem);
	else
		rc = add_leg_mem(r, &w->leg, w->mem);
	free(w);
	return rc;
}

/* Takes w (and its texts) into the heap. */
static int
push_waiting(struct cs_calls_stream *s, struct waiting *w)
{
	size_t i;

	if (s->out_any && waiting_less(w, &s->last)) {
		waiting_free(w);
		give_up(s);
		return 0;
	}
	if (s->n == s->cap) {
		size_t cap = s->cap ? 2 * s->cap : 256;
		struct waiting **nh = realloc(s->heap, cap * sizeof(*nh));

		if (nh == NULL) {
			waiting_free(w);
			return cs_error_set(s->r.err, "out of memory");
		}
		s->heap = nh;
		s->cap = cap;
	}
	i = s->n++;
	while (i > 0 && waiting_less(w, s->heap[(i - 1) / 2])) {
		s->heap[i] = s->heap[(i - 1) / 2];
		i = (i - 1) / 2;
	}
	s->heap[i] = w;
	if (w->t > s->latest)
		s->latest = w->t;
	while (!s->given_up && s->n > 0 && (s->heap[0]->t < s->latest - REORDER ||
	    s->n > MAX_WAITING || s->sorted))
		if (let_through(s) != 0)
			return -1;
	return 0;
}

/* Copies n texts (NULL as "") into one block; points out[i] into it. */
static char *
pack_texts(const char *const in[], int n, const char **out[])
{
	size_t len[16], total = 0, off = 0;
	char *mem;

	for (int i = 0; i < n; i++) {
		len[i] = in[i] != NULL ? strlen(in[i]) : 0;
		total += len[i] + 1;
	}
	if ((mem = malloc(total)) == NULL)
		return NULL;
	for (int i = 0; i < n; i++) {
		if (len[i] > 0)
			memcpy(mem + off, in[i], len[i]);
		mem[off + len[i]] = '\0';
		*out[i] = mem + off;
		off += len[i] + 1;
	}
	return mem;
}

/*
 * A stream storing the calls that start in [from, to); sorted: the records
 * come in the database's order already (a rebuild's), and go through at
 * once.
 */
static struct cs_calls_stream *
stream_new(const struct cs_config *cfg, struct cs_rowq *q, int64_t after,
    int64_t from, int64_t to, int sorted, struct cs_error *err)
{
	struct cs_calls_stream *s = calloc(1, sizeof(*s));

	if (s == NULL || (s->r.bucket = calloc(NBUCKETS, sizeof(*s->r.bucket))) == NULL) {
		free(s);
		cs_error_set(err, "out of memory");
		return NULL;
	}
	s->r.cfg = cfg;
	s->r.err = err;
	s->after = after;
	s->latest = INT64_MIN;
	s->sorted = sorted;
	if ((s->r.derive = cs_derive_new(q, cfg, from, to, err)) == NULL) {
		free(s->r.bucket);
		free(s);
		return NULL;
	}
	return s;
}

int
cs_calls_stream_leg(struct cs_calls_stream *s, const struct cs_leg *l,
    int64_t rhash)
{
	struct waiting *w;
	const char *in[LEG_TEXTS] = {
		l->caller, l->src, l->dst, l->dcontext, l->channel, l->dstchannel,
		l->lastapp, l->lastdata, l->disposition, l->uniqueid, l->linkedid,
	};

	if (s->given_up)
		return 0;
	if ((w = calloc(1, sizeof(*w))) == NULL)
		return cs_error_set(s->r.err, "out of memory");
	w->t = l->start;
	w->rhash = rhash;
	w->leg = *l;
	{
		const char **out[LEG_TEXTS] = {
			&w->leg.caller, &w->leg.src, &w->leg.dst,
			&w->leg.dcontext, &w->leg.channel, &w->leg.dstchannel,
			&w->leg.lastapp, &w->leg.lastdata, &w->leg.disposition,
			&w->leg.uniqueid, &w->leg.linkedid,
		};

		if ((w->mem = pack_texts(in, LEG_TEXTS, out)) == NULL) {
			free(w);
			return cs_error_set(s->r.err, "out of memory");
		}
	}
	return push_waiting(s, w);
}

int
cs_calls_stream_event(struct cs_calls_stream *s, const char *callid,
    const struct cs_qevent *e, int64_t rhash)
{
	struct waiting *w;
	const char *in[EV_TEXTS] = {
		callid, e->queue, e->agent, e->event,
		e->data[0], e->data[1], e->data[2], e->data[3], e->data[4],
	};

	if (s->given_up)
		return 0;
	/* as the rebuild reads them: events of no call are left out */
	if (callid == NULL || *callid == '\0' || strcmp(callid, "NONE") == 0 ||
	    strcmp(callid, "MANAGER") == 0 || strcmp(callid, "CLI") == 0 ||
	    strcmp(callid, "REALTIME") == 0)
		return 0;
	if ((w = calloc(1, sizeof(*w))) == NULL)
		return cs_error_set(s->r.err, "out of memory");
	w->t = e->time;
	w->rhash = rhash;
	w->is_event = 1;
	w->ev = *e;
	{
		const char **out[EV_TEXTS] = {
			&w->callid, &w->ev.queue, &w->ev.agent, &w->ev.event,
			&w->ev.data[0], &w->ev.data[1], &w->ev.data[2],
			&w->ev.data[3], &w->ev.data[4],
		};

		if ((w->mem = pack_texts(in, EV_TEXTS, out)) == NULL) {
			free(w);
			return cs_error_set(s->r.err, "out of memory");
		}
	}
	return push_waiting(s, w);
}

/*
 * A record as its row goes into the database (in the order of the cdr and
 * queue_log tables' columns, readers/asterisk_tables.h).
 */
int
cs_calls_stream_row(struct cs_calls_stream *s, const struct cs_row *row)
{
	if (row->table == &cs_table_cdr) {
		struct cs_leg l;

		memset(&l, 0, sizeof(l));
		l.start = cs_row_int(row, CS_CDR_COL_START);
		l.order = (cs_row_int(row, CS_CDR_COL_SOURCE) << 32) +
		    cs_row_int(row, CS_CDR_COL_LINE);
		l.answer = cs_row_int(row, CS_CDR_COL_ANSWER);	/* NULL: 0 */
		l.end = cs_row_int(row, CS_CDR_COL_END);
		l.duration = (long)cs_row_int(row, CS_CDR_COL_DURATION);
		l.billsec = (long)cs_row_int(row, CS_CDR_COL_BILLSEC);
		l.caller = cs_row_text(row, CS_CDR_COL_CALLER);
		l.src = cs_row_text(row, CS_CDR_COL_SRC);
		l.dst = cs_row_text(row, CS_CDR_COL_DST);
		l.dcontext = cs_row_text(row, CS_CDR_COL_DCONTEXT);
		l.channel = cs_row_text(row, CS_CDR_COL_CHANNEL);
		l.dstchannel = cs_row_text(row, CS_CDR_COL_DSTCHANNEL);
		l.lastapp = cs_row_text(row, CS_CDR_COL_LASTAPP);
		l.lastdata = cs_row_text(row, CS_CDR_COL_LASTDATA);
		l.disposition = cs_row_text(row, CS_CDR_COL_DISPOSITION);
		l.uniqueid = cs_row_text(row, CS_CDR_COL_UNIQUEID);
		l.linkedid = cs_row_text(row, CS_CDR_COL_LINKEDID);
		l.flags = (int)cs_row_int(row, CS_CDR_COL_FLAGS);
		return cs_calls_stream_leg(s, &l, cs_row_int(row, CS_CDR_COL_RHASH));
	}
	if (row->table == &cs_table_queue_log) {
		struct cs_qevent e;

		memset(&e, 0, sizeof(e));
		e.time = cs_row_int(row, CS_QLOG_COL_TIME);
		e.order = (cs_row_int(row, CS_QLOG_COL_SOURCE) << 32) +
		    cs_row_int(row, CS_QLOG_COL_LINE);
		e.queue = cs_row_text(row, CS_QLOG_COL_QUEUE);
		e.agent = cs_row_text(row, CS_QLOG_COL_AGENT);
		e.event = cs_row_text(row, CS_QLOG_COL_EVENT);
		for (int i = 0; i < (int)(sizeof(e.data) / sizeof(e.data[0])); i++)
			e.data[i] = cs_row_text(row, CS_QLOG_COL_DATA1 + i);
		return cs_calls_stream_event(s, cs_row_text(row, CS_QLOG_COL_CALLID),
		    &e, cs_row_int(row, CS_QLOG_COL_RHASH));
	}
	return 0;
}

int
cs_calls_stream_finish(struct cs_calls_stream *s)
{
	while (!s->given_up && s->n > 0)
		if (let_through(s) != 0)
			return -1;
	if (s->given_up)
		return 0;
	if (close_groups(&s->r, CS_TIME_MAX + 2 * GROUP_HORIZON) != 0)
		return -1;
	return cs_derive_finish(s->r.derive);
}

int
cs_calls_stream_given_up(const struct cs_calls_stream *s)
{
	return s->given_up;
}

void
cs_calls_stream_free(struct cs_calls_stream *s)
{
	if (s == NULL)
		return;
	free_waiting(s);
	free(s->heap);
	while (s->r.head != NULL) {
		struct group *g = s->r.head;

		s->r.head = g->fifo;
		group_free(&s->r, g);
	}
	cs_derive_free(s->r.derive);
	free(s->r.bucket);
	free(s);
}

static int
builder_row(void *arg, const struct cs_row *row)
{
	struct cs_calls_builder *b = arg;

	return cs_calls_stream_row(b->s, row);
}

static void *
builder_main(void *arg)
{
	struct cs_calls_builder *b = arg;
	int rc;

	if (b->lower_priority)
		cs_thread_yield();
	rc = cs_rowq_consume(b->in, builder_row, b, b->forward);
	if (rc == 0)
		rc = cs_calls_stream_finish(b->s);
	/* out of memory here, or the writing stopped (its error says why) */
	if (rc != 0 && b->err->msg[0] != '\0')
		b->failed = 1;
	cs_rowq_close(b->out, rc != 0);
	return NULL;
}

int
cs_calls_builder_start(struct cs_calls_builder *b)
{
	b->failed = 0;
	return pthread_create(&b->thread, NULL, builder_main, b) != 0 ? -1 : 0;
}

void
cs_calls_builder_join(struct cs_calls_builder *b)
{
	pthread_join(b->thread, NULL);
}

/* What the derived tables were made from: these rules, this configuration. */
static void
derived_key(const struct cs_config *cfg, char out[128])
{
	snprintf(out, 128, "%s:%s", CS_RULES_VERSION, cfg->digest);
}

int
cs_calls_update(struct cs_db *db, const struct cs_config *cfg, int64_t from,
    int64_t to, int *rebuilt, struct cs_error *err)
{
	char want[128], have[128];

	if (rebuilt != NULL)
		*rebuilt = 0;
	derived_key(cfg, want);
	if (cs_db_meta_get(db, "derived_from", have, sizeof(have), err) != 0)
		return -1;
	if (strcmp(want, have) != 0) {
		if (cs_calls_rebuild(db, cfg, CS_TIME_MIN, CS_TIME_MAX, err) != 0 ||
		    cs_db_meta_set(db, "derived_from", want, err) != 0)
			return -1;
		if (rebuilt != NULL)
			*rebuilt = 1;
		return 0;
	}
	if (from < to)
		return cs_calls_rebuild(db, cfg, from, to, err);
	return 0;
}

int
cs_calls_refresh(struct cs_db *db, const struct cs_config *cfg, int *rebuilt,
    struct cs_error *err)
{
	char want[128], have[128];

	if (rebuilt != NULL)
		*rebuilt = 0;
	derived_key(cfg, want);
	if (cs_db_meta_get(db, "derived_from", have, sizeof(have), err) != 0)
		return -1;
	if (strcmp(want, have) == 0)
		return 0;
	if (cs_db_exec(db, "BEGIN IMMEDIATE", err) != 0)
		return -1;
	/* under the lock: another process may have rebuilt meanwhile */
	if (cs_calls_update(db, cfg, 0, 0, rebuilt, err) != 0) {
		sqlite3_exec(db->h, "ROLLBACK", NULL, NULL, NULL);
		return -1;
	}
	return cs_db_exec(db, "COMMIT", err);
}

/* The latest start (or time) of the records of table, in *t; 0 if none. */
static int
latest_record(struct cs_db *db, const char *sql, int64_t *t, int *found,
    struct cs_error *err)
{
	sqlite3_stmt *st = NULL;
	int rc;

	if (cs_db_prepare(db, &st, sql, err) != 0)
		return -1;
	rc = sqlite3_step(st);
	if (rc == SQLITE_ROW && sqlite3_column_type(st, 0) != SQLITE_NULL) {
		int64_t v = sqlite3_column_int64(st, 0);

		/* stored before the readers checked the range: kept far
		   enough from INT64_MAX for the arithmetic of a stream */
		if (v > CS_TIME_MAX)
			v = CS_TIME_MAX;
		if (v < CS_TIME_MIN)
			v = CS_TIME_MIN;
		if (!*found || v > *t)
			*t = v;
		*found = 1;
	}
	sqlite3_finalize(st);
	if (rc != SQLITE_ROW)
		return cs_db_fail(db, "cannot read the records", err);
	return 0;
}

int
cs_calls_stream_open(struct cs_db *db, const struct cs_config *cfg,
    struct cs_rowq *q, struct cs_calls_stream **out, struct cs_error *err)
{
	char want[128], have[128];
	int64_t latest = 0;
	int found = 0;

	*out = NULL;
	if (latest_record(db, "SELECT max(start) FROM cdr", &latest, &found,
	    err) != 0 || latest_record(db, "SELECT max(time) FROM queue_log",
	    &latest, &found, err) != 0)
		return -1;
	derived_key(cfg, want);
	if (cs_db_meta_get(db, "derived_from", have, sizeof(have), err) != 0)
		return -1;
	/* stale derived tables are rebuilt whole, after the import */
	if (found && strcmp(want, have) != 0)
		return 0;
	*out = stream_new(cfg, q, found ? latest + CS_CALLS_STREAM_GAP :
	    CS_TIME_MIN, CS_TIME_MIN, CS_TIME_MAX, 0, err);
	return *out == NULL ? -1 : 0;
}

int
cs_calls_mark_current(struct cs_db *db, const struct cs_config *cfg,
    struct cs_error *err)
{
	char want[128];

	derived_key(cfg, want);
	return cs_db_meta_set(db, "derived_from", want, err);
}
