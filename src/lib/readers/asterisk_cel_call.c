/*
 * asterisk_cel_call.c: a call's CEL events, gathered by linkedid, told
 * once the call has ended as cdr_csv's rows and app_queue's queue_log
 * lines (asterisk_cel.h).
 *
 * The caller's channel (party A: the channel whose uniqueid is the
 * linkedid) goes through the dialplan's applications; each channel that
 * an application of A dials (its events show AppDial or AppQueue) is a
 * party B.  As Asterisk's CDR engine (12 and later) does:
 * - A's record starts with A; the first B dialled continues it (its row
 *   starts when A's record did), each other B's row starts when that B
 *   was created;
 * - once A's Bs have ended, an application of another name starts a new
 *   record of A (a voicemail after a Dial no one answered);
 * - a record of A that dialled no one is a row of its own, with A's last
 *   application and no dstchannel, answered when A was.
 * And as app_queue logs it: ENTERQUEUE when A enters Queue, CONNECT when A
 * or a member's channel enters a bridge, COMPLETEAGENT or COMPLETECALLER
 * at the first hang-up after it, ABANDON when the caller hangs up in the
 * queue, EXITWITHTIMEOUT when A leaves the queue otherwise (CEL cannot
 * tell a timeout from an empty queue or a key: all three are a queue that
 * gave up).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "../timeutil.h"
#include "asterisk_cel.h"

#define NBUCKETS 1024

struct chan {
	char *uid, *name, *userfield;
	int64_t start, answer, end;
	int started, ended, hung, cause;
	int dialled;			/* AppDial or AppQueue seen */
	long line;			/* of its last event */
	int64_t rhash;
	/* a B: its row, as A's record stood when it was made */
	int64_t row_start;
	char *app, *data, *exten, *context;
};

struct qline {
	int64_t time;
	const char *event;
	char *agent, *queue;
	char data[3][48];
	long line;
	int64_t rhash;
};

struct call {
	char *linkedid;
	struct call *next;
	struct chan *ch;
	int nch, capch, a;		/* a: A's index, -1 none yet */
	int open;
	/* A's record */
	int64_t rec_start;
	int rec_b;			/* Bs dialled in it */
	int rec_first_b;		/* the first of them */
	char *app, *data, *exten, *context, *cid_num, *cid_name;
	/* the queue */
	int in_queue, left, connected, concluded;
	int64_t q_enter, q_left, q_connect;
	char *queue, *agent;
	int agent_ch;
	long left_line;
	int64_t left_rhash;
	struct qline *q;
	int nq, capq;
	int oom;
	int local;			/* its times were local wall-clock times */
};

struct cs_cel_calls {
	struct call *bucket[NBUCKETS];
	int open;
};

static unsigned
hash_of(const char *s)
{
	unsigned h = 2166136261u;

	for (; *s != '\0'; s++)
		h = (h ^ (unsigned char)*s) * 16777619u;
	return h % NBUCKETS;
}

/* Sets *dst to a copy of s (the old one freed). */
static void
set(struct call *c, char **dst, const char *s)
{
	char *d;

	if (*dst != NULL && strcmp(*dst, s) == 0)
		return;
	if ((d = strdup(s)) == NULL) {
		c->oom = 1;
		return;
	}
	free(*dst);
	*dst = d;
}

static void
chan_free(struct chan *h)
{
	free(h->uid);
	free(h->name);
	free(h->userfield);
	free(h->app);
	free(h->data);
	free(h->exten);
	free(h->context);
}

static void
call_free(struct call *c)
{
	for (int i = 0; i < c->nch; i++)
		chan_free(&c->ch[i]);
	for (int i = 0; i < c->nq; i++) {
		free(c->q[i].agent);
		free(c->q[i].queue);
	}
	free(c->ch);
	free(c->q);
	free(c->linkedid);
	free(c->app);
	free(c->data);
	free(c->exten);
	free(c->context);
	free(c->cid_num);
	free(c->cid_name);
	free(c->queue);
	free(c->agent);
	free(c);
}

struct cs_cel_calls *
cs_cel_calls_new(void)
{
	return calloc(1, sizeof(struct cs_cel_calls));
}

void
cs_cel_calls_free(struct cs_cel_calls *cc)
{
	if (cc == NULL)
		return;
	for (int i = 0; i < NBUCKETS; i++)
		while (cc->bucket[i] != NULL) {
			struct call *c = cc->bucket[i];

			cc->bucket[i] = c->next;
			call_free(c);
		}
	free(cc);
}

int
cs_cel_calls_open(const struct cs_cel_calls *cc)
{
	return cc->open;
}

static struct call *
call_find(struct cs_cel_calls *cc, const char *linkedid, int make)
{
	unsigned h = hash_of(linkedid);
	struct call *c;

	for (c = cc->bucket[h]; c != NULL; c = c->next)
		if (strcmp(c->linkedid, linkedid) == 0)
			return c;
	if (!make || (c = calloc(1, sizeof(*c))) == NULL)
		return NULL;
	if ((c->linkedid = strdup(linkedid)) == NULL) {
		free(c);
		return NULL;
	}
	c->a = -1;
	c->rec_first_b = -1;
	c->agent_ch = -1;
	c->next = cc->bucket[h];
	cc->bucket[h] = c;
	cc->open++;
	return c;
}

static void
call_unlink(struct cs_cel_calls *cc, struct call *c)
{
	struct call **pp = &cc->bucket[hash_of(c->linkedid)];

	while (*pp != c)
		pp = &(*pp)->next;
	*pp = c->next;
	cc->open--;
}

/* The channel of the event's uniqueid, made if need be; -1 out of memory. */
static int
chan_of(struct call *c, const struct cs_cel_record *rec)
{
	const char *uid = rec->f[CS_CEL_UNIQUEID];
	struct chan *h;

	for (int i = 0; i < c->nch; i++)
		if (strcmp(c->ch[i].uid, uid) == 0)
			return i;
	if (c->nch == c->capch) {
		int cap = c->capch ? 2 * c->capch : 4;
		struct chan *n = realloc(c->ch, (size_t)cap * sizeof(*n));

		if (n == NULL)
			return -1;
		c->ch = n;
		c->capch = cap;
	}
	h = &c->ch[c->nch];
	memset(h, 0, sizeof(*h));
	if ((h->uid = strdup(uid)) == NULL)
		return -1;
	h->start = rec->time;
	return c->nch++;
}

/* Queues a queue_log line of the call (positions in the queue, which CEL
 * does not say, stay empty). */
static void
qline(struct call *c, int64_t t, const char *event, const char *agent,
    long line, int64_t rhash, const char *d0, const char *d1, const char *d2)
{
	struct qline *q;

	if (c->nq == c->capq) {
		int cap = c->capq ? 2 * c->capq : 4;
		struct qline *n = realloc(c->q, (size_t)cap * sizeof(*n));

		if (n == NULL) {
			c->oom = 1;
			return;
		}
		c->q = n;
		c->capq = cap;
	}
	q = &c->q[c->nq];
	memset(q, 0, sizeof(*q));
	q->time = t;
	q->event = event;
	if ((q->agent = strdup(agent)) == NULL ||
	    (q->queue = strdup(c->queue != NULL ? c->queue : "")) == NULL) {
		free(q->agent);
		c->oom = 1;
		return;
	}
	snprintf(q->data[0], sizeof(q->data[0]), "%s", d0);
	snprintf(q->data[1], sizeof(q->data[1]), "%s", d1);
	snprintf(q->data[2], sizeof(q->data[2]), "%s", d2);
	q->line = line;
	q->rhash = rhash;
	c->nq++;
}

static void
qline_n(struct call *c, int64_t t, const char *event, const char *agent,
    long line, int64_t rhash, long a, long b, long d)
{
	char s[3][24];

	snprintf(s[0], sizeof(s[0]), "%ld", a);
	snprintf(s[1], sizeof(s[1]), "%ld", b);
	snprintf(s[2], sizeof(s[2]), "%ld", d);
	qline(c, t, event, agent, line, rhash, a < 0 ? "" : s[0],
	    b < 0 ? "" : s[1], d < 0 ? "" : s[2]);
}

/* The caller left the queue at c->q_left without being connected: gave
 * up (hung up there) or was given up on. */
static void
queue_exit(struct call *c, int abandoned)
{
	long wait = (long)(c->q_left - c->q_enter);

	qline_n(c, c->q_left, abandoned ? "ABANDON" : "EXITWITHTIMEOUT", "NONE",
	    c->left_line, c->left_rhash, -1, -1, wait);
	c->in_queue = c->left = 0;
	c->concluded = 1;
}

static int
is_queue(const char *app)
{
	return strcasecmp(app, "Queue") == 0;
}

/* An event of A's. */
static void
a_event(struct call *c, const struct cs_cel_record *rec, long line,
    int64_t rhash)
{
	struct chan *a = &c->ch[c->a];
	const char *app = rec->f[CS_CEL_APPNAME];
	int ended_bs = 1;

	if (rec->f[CS_CEL_CID_NUM][0] != '\0')
		set(c, &c->cid_num, rec->f[CS_CEL_CID_NUM]);
	if (rec->f[CS_CEL_CID_NAME][0] != '\0')
		set(c, &c->cid_name, rec->f[CS_CEL_CID_NAME]);
	if (rec->event == CS_CEL_EV_HANGUP || rec->event == CS_CEL_EV_CHAN_END) {
		if (c->left || (c->in_queue && !c->connected)) {
			/* the caller hung up in the queue, or just after
			   it gave up with nothing else to run */
			int caller = rec->source[0] == '\0' ||
			    strcmp(rec->source, a->name) == 0;

			if (!c->left) {
				c->q_left = rec->time;
				c->left_line = line;
				c->left_rhash = rhash;
			}
			queue_exit(c, c->in_queue && !c->left ? 1 : caller &&
			    rec->event == CS_CEL_EV_HANGUP && rec->source[0] != '\0');
		}
		return;
	}
	if (app[0] == '\0')
		return;
	if (c->app != NULL && strcasecmp(app, c->app) != 0) {
		/* another application: a new record once its Bs ended */
		for (int i = 0; i < c->nch; i++)
			if (i != c->a && c->ch[i].row_start != 0 &&
			    !c->ch[i].hung && !c->ch[i].ended)
				ended_bs = 0;
		if (c->rec_b > 0 && ended_bs) {
			c->rec_start = rec->time;
			c->rec_b = 0;
		}
		if (c->left)
			queue_exit(c, 0);
	}
	if (rec->event == CS_CEL_EV_APP_END && is_queue(app) && c->in_queue &&
	    c->connected) {
		c->in_queue = 0;
	} else if (rec->event == CS_CEL_EV_APP_END && is_queue(app) &&
	    c->in_queue) {
		c->in_queue = 0;
		c->left = 1;
		c->q_left = rec->time;
		c->left_line = line;
		c->left_rhash = rhash;
	} else if (rec->event != CS_CEL_EV_APP_END && is_queue(app) &&
	    !c->in_queue && !c->left && (c->app == NULL ||
	    !is_queue(c->app) || rec->event == CS_CEL_EV_APP_START)) {
		size_t n = strcspn(rec->f[CS_CEL_APPDATA], ",|");
		char q[128];

		snprintf(q, sizeof(q), "%.*s", (int)(n < 127 ? n : 127),
		    rec->f[CS_CEL_APPDATA]);
		set(c, &c->queue, q);
		c->in_queue = 1;
		c->connected = c->concluded = 0;
		c->q_enter = rec->time;
		qline(c, rec->time, "ENTERQUEUE", "NONE", line, rhash, "",
		    c->cid_num != NULL ? c->cid_num : "", "");
	}
	set(c, &c->app, app);
	set(c, &c->data, rec->f[CS_CEL_APPDATA]);
	set(c, &c->exten, rec->f[CS_CEL_EXTEN]);
	set(c, &c->context, rec->f[CS_CEL_CONTEXT]);
	/* Bs made before A's application said its name (before Asterisk
	   12, or without APP_START): dialled by this one */
	for (int i = 0; i < c->nch; i++) {
		struct chan *b = &c->ch[i];

		if (i != c->a && b->row_start != 0 && b->app[0] == '\0') {
			set(c, &b->app, c->app);
			set(c, &b->data, c->data);
			set(c, &b->exten, c->exten);
			set(c, &b->context, c->context);
		}
	}
}

/* A bridge that A or a member entered while A waited: the connection. */
static void
connect(struct call *c, int who, const struct cs_cel_record *rec, long line,
    int64_t rhash)
{
	int b = who != c->a ? who : -1;
	char uid[48];

	if (b < 0)
		for (int i = 0; i < c->nch; i++)
			if (i != c->a && c->ch[i].answer != 0 &&
			    c->ch[i].app != NULL && is_queue(c->ch[i].app) &&
			    (strcmp(c->ch[i].name, rec->f[CS_CEL_BRIDGEPEER]) == 0 ||
			    b < 0))
				b = i;
	if (b < 0)
		return;
	c->connected = 1;
	c->q_connect = rec->time;
	c->agent_ch = b;
	set(c, &c->agent, c->ch[b].name);
	snprintf(uid, sizeof(uid), "%.47s", c->ch[b].uid);
	qline(c, rec->time, "CONNECT", c->agent, line, rhash, "", uid, "");
	snprintf(c->q[c->nq - 1].data[0], sizeof(c->q[0].data[0]), "%ld",
	    (long)(rec->time - c->q_enter));
	snprintf(c->q[c->nq - 1].data[2], sizeof(c->q[0].data[2]), "%ld",
	    (long)(rec->time - c->ch[b].start));
}

/* Whether h starts with s. */
static int
starts(const char *h, const char *s)
{
	return h != NULL && strncmp(h, s, strlen(s)) == 0;
}

/*
 * Whether channel i, just made, is dialled by the second half of a Local
 * channel A dialled (Local/201@from-queue-...;2 dials PJSIP/201 for a
 * queue's member): that Local's row stands for it, as A's party.
 */
static int
behind_local(const struct call *c, int i)
{
	if (starts(c->ch[i].name, "Local/"))
		return 0;
	for (int j = 0; j < c->nch; j++) {
		const struct chan *h = &c->ch[j];
		size_t n = h->name != NULL ? strlen(h->name) : 0;

		if (j != i && j != c->a && starts(h->name, "Local/") && n > 2 &&
		    strcmp(h->name + n - 2, ";2") == 0 && !h->hung && !h->ended)
			return 1;
	}
	return 0;
}

/* Takes one event into its call; 1 when the call has ended. */
static int
take(struct call *c, const struct cs_cel_record *rec, long line, int64_t rhash)
{
	int i = chan_of(c, rec);
	struct chan *h;
	const char *app = rec->f[CS_CEL_APPNAME];

	if (i < 0) {
		c->oom = 1;
		return 1;
	}
	h = &c->ch[i];
	set(c, &h->name, rec->f[CS_CEL_CHANNAME]);
	if (rec->f[CS_CEL_USERFIELD][0] != '\0')
		set(c, &h->userfield, rec->f[CS_CEL_USERFIELD]);
	h->line = line;
	h->rhash = rhash;
	if (!h->started) {
		h->started = 1;
		c->open++;
		if (c->a < 0 && (strcmp(h->uid, c->linkedid) == 0 || c->nch == 1)) {
			c->a = i;
			c->rec_start = h->start;
		} else if (c->a >= 0 && i != c->a && !behind_local(c, i)) {
			/* a B, if A dialled it: its row as A's record is */
			h->row_start = c->rec_b++ == 0 ? c->rec_start : h->start;
			set(c, &h->app, c->app != NULL ? c->app : "");
			set(c, &h->data, c->data != NULL ? c->data : "");
			set(c, &h->exten, c->exten != NULL ? c->exten : "");
			set(c, &h->context, c->context != NULL ? c->context : "");
		}
	}
	if (strcasecmp(app, "AppDial") == 0 || strcasecmp(app, "AppQueue") == 0)
		h->dialled = 1;
	switch (rec->event) {
	case CS_CEL_EV_ANSWER:
		if (h->answer == 0)
			h->answer = rec->time;
		break;
	case CS_CEL_EV_HANGUP:
		h->end = rec->time;
		h->hung = 1;
		h->cause = rec->cause;
		break;
	case CS_CEL_EV_CHAN_END:
		if (!h->hung)
			h->end = rec->time;
		break;
	case CS_CEL_EV_BRIDGE_ENTER:
		/* in a bridge, answered: an ANSWER may be missing */
		if (h->answer == 0)
			h->answer = rec->time;
		for (int j = 0; i == c->a && j < c->nch; j++)
			if (j != c->a && c->ch[j].answer == 0 && c->ch[j].name !=
			    NULL && strcmp(c->ch[j].name,
			    rec->f[CS_CEL_BRIDGEPEER]) == 0)
				c->ch[j].answer = rec->time;
		if (c->in_queue && !c->connected && (i == c->a ||
		    (h->dialled && h->row_start != 0)))
			connect(c, i, rec, line, rhash);
		break;
	default:
		break;
	}
	if (i == c->a)
		a_event(c, rec, line, rhash);
	if (c->connected && !c->concluded && (rec->event == CS_CEL_EV_HANGUP ||
	    rec->event == CS_CEL_EV_CHAN_END) && (i == c->a || i == c->agent_ch)) {
		qline_n(c, rec->time, i == c->a ? "COMPLETECALLER" :
		    "COMPLETEAGENT", c->agent, line, rhash,
		    (long)(c->q_connect - c->q_enter),
		    (long)(rec->time - c->q_connect), -1);
		c->concluded = 1;
	}
	if (rec->event == CS_CEL_EV_CHAN_END && !h->ended) {
		h->ended = 1;
		if (--c->open == 0)
			return 1;
	}
	return rec->event == CS_CEL_EV_LINKEDID_END;
}

/* A digest of its own for the k-th record told from one line. */
static int64_t
mix(int64_t rhash, int k)
{
	return k == 0 ? rhash : (int64_t)((uint64_t)rhash ^
	    ((uint64_t)k * UINT64_C(0x9e3779b97f4a7c15)));
}


/*
 * Whether t is the earlier of the two instants of a local time of the
 * hour repeated when summer time ends: the one a local stamp of that
 * hour was read as (the record is flagged, kpi.md).
 */
static int
first_of_twice(int64_t t)
{
	struct cs_datetime dt;
	int64_t at[2];

	cs_utc_to_local(t, &dt, NULL);
	return cs_local_to_utc(&dt, at) == 2 && at[0] == t;
}
/* One cdr_csv row of the call. */
static int
tell_row(const struct call *c, const struct chan *b, const struct cs_cel_out *out,
    int k)
{
	const struct chan *a = &c->ch[c->a];
	struct cs_cdr_record r;
	char clid[256];
	const char *num = c->cid_num != NULL ? c->cid_num : "";
	const struct chan *last = b != NULL ? b : a;

	memset(&r, 0, sizeof(r));
	snprintf(clid, sizeof(clid), "\"%s\" <%s>", c->cid_name != NULL ?
	    c->cid_name : "", num);
	r.f[CS_CDR_ACCOUNTCODE] = "";
	r.f[CS_CDR_SRC] = num;
	r.f[CS_CDR_CLID] = clid;
	r.f[CS_CDR_CHANNEL] = a->name;
	r.f[CS_CDR_UNIQUEID] = a->uid;
	r.f[CS_CDR_LINKEDID] = c->linkedid;
	r.sequence = -1;
	if (b != NULL) {
		r.f[CS_CDR_DST] = b->exten;
		r.f[CS_CDR_DCONTEXT] = b->context;
		r.f[CS_CDR_DSTCHANNEL] = b->name;
		r.f[CS_CDR_LASTAPP] = b->app;
		r.f[CS_CDR_LASTDATA] = b->data;
		r.f[CS_CDR_USERFIELD] = b->userfield != NULL ? b->userfield : "";
		r.start = b->row_start;
		r.answer = b->answer;
		r.end = b->end != 0 ? b->end : a->end;
		r.f[CS_CDR_DISPOSITION] = b->answer != 0 ? "ANSWERED" :
		    b->cause == 17 ? "BUSY" : b->cause == 34 || b->cause == 38 ||
		    b->cause == 42 ? "CONGESTION" : "NO ANSWER";
	} else {
		r.f[CS_CDR_DST] = c->exten != NULL ? c->exten : "";
		r.f[CS_CDR_DCONTEXT] = c->context != NULL ? c->context : "";
		r.f[CS_CDR_DSTCHANNEL] = "";
		r.f[CS_CDR_LASTAPP] = c->app != NULL ? c->app : "";
		r.f[CS_CDR_LASTDATA] = c->data != NULL ? c->data : "";
		r.f[CS_CDR_USERFIELD] = a->userfield != NULL ? a->userfield : "";
		r.start = c->rec_start;
		r.end = a->end;
		r.answer = a->answer == 0 ? 0 : a->answer > r.start ? a->answer :
		    r.start;
		r.f[CS_CDR_DISPOSITION] = r.answer != 0 ? "ANSWERED" : "NO ANSWER";
	}
	if (r.end < r.start)
		r.end = r.start;
	if (r.answer > r.end)
		r.answer = r.end;
	if (r.answer != 0 && r.answer < r.start)
		r.answer = r.start;	/* a clock set back */
	r.duration = (long)(r.end - r.start);
	r.billsec = r.answer != 0 ? (long)(r.end - r.answer) : 0;
	r.ambiguous = c->local && first_of_twice(r.start);
	return out->cdr(out->arg, &r, last->line, mix(last->rhash, k));
}

/* The call, told; its memory freed. */
static int
tell(struct cs_cel_calls *cc, struct call *c, const struct cs_cel_out *out)
{
	int rc = 0, k = 1, rows = 0;

	call_unlink(cc, c);
	if (c->oom) {
		call_free(c);
		return -1;
	}
	if (c->a < 0)
		goto done;
	if ((c->in_queue && !c->connected) || c->left) {
		/* the file stopped telling: as a hang-up in the queue */
		if (!c->left) {
			c->q_left = c->ch[c->a].end;
			c->left_line = c->ch[c->a].line;
			c->left_rhash = c->ch[c->a].rhash;
		}
		queue_exit(c, c->in_queue);
	}
	for (int i = 0; i < c->nch && rc == 0; i++) {
		const struct chan *b = &c->ch[i];

		if (i == c->a || b->row_start == 0 || !b->dialled)
			continue;
		rc = tell_row(c, b, out, k++);
		rows++;
	}
	/* A's last record, if it dialled no one */
	if (rc == 0 && (c->rec_b == 0 || rows == 0))
		rc = tell_row(c, NULL, out, k++);
	for (int i = 0; i < c->nq && rc == 0; i++) {
		const struct qline *q = &c->q[i];
		struct cs_qlog_record r;

		memset(&r, 0, sizeof(r));
		r.time = q->time;
		r.callid = c->ch[c->a].uid;
		r.queue = q->queue;
		r.agent = q->agent;
		r.event = q->event;
		for (int j = 0; j < CS_QLOG_NDATA; j++)
			r.data[j] = j < 3 ? q->data[j] : "";
		r.ndata = 3;
		rc = out->qlog(out->arg, &r, q->line, mix(q->rhash, k++));
	}
done:
	call_free(c);
	return rc;
}

int
cs_cel_calls_add(struct cs_cel_calls *cc, const struct cs_cel_record *rec,
    long line, int64_t rhash, const struct cs_cel_out *out)
{
	struct call *c;

	if (rec->event == CS_CEL_EV_LINKEDID_END) {
		/* after its last CHAN_END: the call was told */
		if ((c = call_find(cc, rec->f[CS_CEL_LINKEDID], 0)) == NULL)
			return 0;
	} else if ((c = call_find(cc, rec->f[CS_CEL_LINKEDID], 1)) == NULL)
		return -1;
	c->local |= rec->local;
	if (take(c, rec, line, rhash) == 0)
		return c->oom ? -1 : 0;
	return tell(cc, c, out);
}
