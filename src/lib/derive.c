#include <stdlib.h>
#include <string.h>

#include "derive.h"
#include "htab.h"
#include "model.h"
#include "privacy.h"
#include "timeutil.h"

#define DAY 86400
/* how far out of start order a call may come: a call's span (model.h) */
#define SLACK (CS_CALL_SPAN + 60)
#define DENSE 1024		/* histogram seconds counted in an array */
/* calls settled, kept for the next ones (a day's are pending at once) */
#define SPARE_PCALLS 4096

struct pcall {
	int64_t start;
	char *id;		/* and after it, c.bot_key's copy */
	size_t idcap;		/* the room at id (a pcall is used again) */
	struct cs_call c;
	char caller[CS_HASH_HEX + 1];
	int nlegs;
	int store;		/* 0: history only */
	int answered;
	int repeat, again, cb2, cb24;
	int touched;		/* a call of its caller the bot settled came
				   in the day before it (cs_derive_keep) */
	struct pcall *next;		/* pending, in arrival order */
	struct pcall *cprev, *cnext;	/* the caller's calls */
	struct caller *who;
};

struct caller {
	struct cs_hlink link;	/* first: in the map of callers */
	char key[CS_HASH_HEX + 1];
	struct pcall *first;
};

struct hist {
	long dense[DENSE];
	long *sparse_secs, *sparse_n;	/* waits of DENSE s or more */
	size_t nsparse, capsparse;
	long total;
};


struct acc {
	char day[11], week[11];
	int service, in_hours;
	long long sum[CS_SUM_N];
	struct hist h[2];	/* 0: wait, 1: human_wait */
	struct acc *next;
};

struct cs_derive {
	struct cs_rowq *q;	/* where the rows go */
	const struct cs_config *cfg;
	int64_t from, to;
	struct cs_error *err;
	struct pcall *head, *tail;
	struct cs_htab callers;	/* struct caller, by key */
	struct acc *accs;
	int64_t latest;		/* the latest start seen */
	long stored;		/* calls rebuilt */
	int64_t stored_starts;	/* the sum of their starts */
	int keep;		/* cs_derive_keep */
	int64_t day_lo, day_hi;	/* the local day of the last call stored, */
	char day[11], week[11];	/* and its labels */
	int64_t flushed_lo, flushed_hi;	/* the local day whose label the
				   days before were last flushed by */
	struct pcall *spare;	/* settled, for the next (CS_KEEP_FREED) */
	size_t nspare;
};

static void
pcall_free(struct pcall *p)
{
	free(p->id);
	free(p);
}

/* A settled call's memory back, for the next call while it is warm. */
static void
pcall_put(struct cs_derive *d, struct pcall *p)
{
	if (!CS_KEEP_FREED || d->nspare >= SPARE_PCALLS) {
		pcall_free(p);
		return;
	}
	p->next = d->spare;
	d->spare = p;
	d->nspare++;
}

/* An empty call with room for an id of idlen bytes; NULL when out of
 * memory. */
static struct pcall *
pcall_take(struct cs_derive *d, size_t idlen)
{
	struct pcall *p = d->spare;

	if (p != NULL) {
		char *id = p->id;
		size_t cap = p->idcap;

		d->spare = p->next;
		d->nspare--;
		memset(p, 0, sizeof(*p));
		p->id = id;
		p->idcap = cap;
	} else if ((p = calloc(1, sizeof(*p))) == NULL) {
		return NULL;
	}
	if (idlen > p->idcap) {
		size_t cap = idlen < 64 ? 64 : idlen;
		char *id = realloc(p->id, cap);

		if (id == NULL) {
			pcall_free(p);
			return NULL;
		}
		p->id = id;
		p->idcap = cap;
	}
	return p;
}

struct cs_derive *
cs_derive_new(struct cs_rowq *q, const struct cs_config *cfg, int64_t from,
    int64_t to, struct cs_error *err)
{
	struct cs_derive *d = calloc(1, sizeof(*d));

	if (d == NULL || cs_htab_init(&d->callers) != 0) {
		free(d);
		cs_error_set(err, "out of memory");
		return NULL;
	}
	d->q = q;
	d->cfg = cfg;
	d->from = from;
	d->to = to;
	d->err = err;
	d->latest = INT64_MIN;
	return d;
}

/* A caller's entry, freed (cs_htab_clear). */
static void
free_link(struct cs_hlink *l)
{
	free(l);
}

static void
hist_free(struct hist *h)
{
	free(h->sparse_secs);
	free(h->sparse_n);
}

void
cs_derive_free(struct cs_derive *d)
{
	if (d == NULL)
		return;
	while (d->head != NULL) {
		struct pcall *p = d->head;

		d->head = p->next;
		pcall_free(p);
	}
	while (d->spare != NULL) {
		struct pcall *p = d->spare;

		d->spare = p->next;
		pcall_free(p);
	}
	cs_htab_clear(&d->callers, free_link);
	while (d->accs != NULL) {
		struct acc *a = d->accs;

		d->accs = a->next;
		hist_free(&a->h[0]);
		hist_free(&a->h[1]);
		free(a);
	}
	cs_htab_release(&d->callers);
	free(d);
}

static const char *
service_name(const struct cs_config *cfg, int s)
{
	return (size_t)s < cfg->nservices ? cfg->services[s].name : "other";
}

/* ---- the days' totals ---- */

static int
hist_add(struct hist *h, long secs)
{
	h->total++;
	if (secs >= 0 && secs < DENSE) {
		h->dense[secs]++;
		return 0;
	}
	for (size_t i = 0; i < h->nsparse; i++)
		if (h->sparse_secs[i] == secs) {
			h->sparse_n[i]++;
			return 0;
		}
	if (h->nsparse == h->capsparse) {
		size_t cap = h->capsparse ? 2 * h->capsparse : 8;
		long *ns = realloc(h->sparse_secs, cap * sizeof(*ns)), *nn;

		if (ns == NULL)
			return -1;
		h->sparse_secs = ns;
		if ((nn = realloc(h->sparse_n, cap * sizeof(*nn))) == NULL)
			return -1;
		h->sparse_n = nn;
		h->capsparse = cap;
	}
	h->sparse_secs[h->nsparse] = secs;
	h->sparse_n[h->nsparse] = 1;
	h->nsparse++;
	return 0;
}

/* Begins a row of t (daily or wait_hist) with the key of a's totals. */
static struct cs_rowq *
begin_totals(struct cs_derive *d, const struct cs_tabledef *t,
    const struct acc *a)
{
	struct cs_rowq *q = d->q;

	cs_rowq_begin(q, t);
	cs_rowq_text(q, a->day);
	cs_rowq_text(q, a->week);
	cs_rowq_text(q, service_name(d->cfg, a->service));
	cs_rowq_int(q, a->in_hours);
	return q;
}

static int
write_hist_row(struct cs_derive *d, const struct acc *a, int metric, long secs,
    long n)
{
	struct cs_rowq *q = begin_totals(d, &cs_table_wait_hist, a);

	cs_rowq_int(q, metric);
	cs_rowq_int(q, secs);
	cs_rowq_int(q, n);
	return cs_rowq_end(q);
}

static int
write_acc(struct cs_derive *d, struct acc *a)
{
	struct cs_rowq *q = begin_totals(d, &cs_table_daily, a);

	for (int i = 0; i < CS_SUM_N; i++)
		cs_rowq_int(q, a->sum[i]);
	if (cs_rowq_end(q) != 0)
		return -1;
	for (int m = 0; m < 2; m++) {
		const struct hist *h = &a->h[m];

		for (long s = 0; s < DENSE; s++)
			if (h->dense[s] > 0 && write_hist_row(d, a, m, s, h->dense[s]) != 0)
				return -1;
		for (size_t i = 0; i < h->nsparse; i++)
			if (write_hist_row(d, a, m, h->sparse_secs[i], h->sparse_n[i]) != 0)
				return -1;
	}
	return 0;
}

/* Writes and frees the totals of the days before day (all when NULL). */
static int
flush_days(struct cs_derive *d, const char *before)
{
	struct acc **pp = &d->accs;

	while (*pp != NULL) {
		struct acc *a = *pp;

		if (before != NULL && strcmp(a->day, before) >= 0) {
			pp = &a->next;
			continue;
		}
		if (write_acc(d, a) != 0)
			return -1;
		*pp = a->next;
		hist_free(&a->h[0]);
		hist_free(&a->h[1]);
		free(a);
	}
	return 0;
}

static struct acc *
acc_for(struct cs_derive *d, const char *day, const char *week, int service,
    int in_hours)
{
	struct acc *a;

	for (a = d->accs; a != NULL; a = a->next)
		if (a->service == service && a->in_hours == in_hours &&
		    strcmp(a->day, day) == 0)
			return a;
	if ((a = calloc(1, sizeof(*a))) == NULL)
		return NULL;
	memcpy(a->day, day, sizeof(a->day));
	memcpy(a->week, week, sizeof(a->week));
	a->service = service;
	a->in_hours = in_hours;
	a->next = d->accs;
	d->accs = a;
	return a;
}

/* Adds an inbound call to its day's totals (as callstat-kpi(7) counts them). */
static int
count(struct cs_derive *d, const struct pcall *p, const char *day,
    const char *week)
{
	const struct cs_call *c = &p->c;
	struct acc *a = acc_for(d, day, week, c->service, c->in_hours);
	long long *s;
	int o = c->outcome, counted = o != CS_OUTCOME_SHORT;
	int known = p->caller[0] != '\0';
	int lost = o == CS_OUTCOME_ABANDONED || o == CS_OUTCOME_MISSED;

	if (a == NULL)
		return cs_error_set(d->err, "out of memory");
	s = a->sum;
	s[CS_SUM_OFFERED] += counted;
	s[CS_SUM_ANSWERED] += p->answered;
	s[CS_SUM_NEEDED] += counted && c->needed_agent;
	s[CS_SUM_AGENT] += o == CS_OUTCOME_AGENT;
	s[CS_SUM_BOT] += o == CS_OUTCOME_BOT;
	s[CS_SUM_ABANDONED] += o == CS_OUTCOME_ABANDONED;
	s[CS_SUM_MISSED] += o == CS_OUTCOME_MISSED;
	s[CS_SUM_VOICEMAIL] += o == CS_OUTCOME_VOICEMAIL;
	s[CS_SUM_SHORT] += !counted;
	if (p->answered) {
		s[CS_SUM_WAIT] += c->wait;
		s[CS_SUM_SL] += c->wait <= d->cfg->service_level;
		if (hist_add(&a->h[0], c->wait) != 0)
			return cs_error_set(d->err, "out of memory");
	}
	if (o == CS_OUTCOME_ABANDONED)
		s[CS_SUM_ABANDON_WAIT] += c->abandon_wait;
	if (o == CS_OUTCOME_AGENT) {
		s[CS_SUM_TALK] += c->talk;
		if (hist_add(&a->h[1], c->human_wait) != 0)
			return cs_error_set(d->err, "out of memory");
	}
	s[CS_SUM_BOT_SESSIONS] += counted && c->bot_answered;
	s[CS_SUM_ESCALATED] += counted && c->escalated;
	s[CS_SUM_ESCALATED_AGENT] += o == CS_OUTCOME_AGENT && c->escalated;
	s[CS_SUM_CONTAIN_NUM] += o == CS_OUTCOME_BOT && known && !p->again;
	s[CS_SUM_CONTAIN_DEN] += counted && c->bot_answered && known;
	s[CS_SUM_REPEAT_NUM] += counted && known && p->repeat;
	s[CS_SUM_REPEAT_DEN] += counted && known;
	s[CS_SUM_LOST] += lost;
	s[CS_SUM_CALLBACK_DEN] += lost && known;
	s[CS_SUM_CALLBACK2] += lost && known && p->cb2;
	s[CS_SUM_CALLBACK24] += lost && known && p->cb24;
	return 0;
}

static void
put_opt(struct cs_rowq *q, long v)
{
	if (v >= 0)
		cs_rowq_int(q, v);
	else
		cs_rowq_null(q);
}

/* Sets the local day holding t (its span and labels) as the current one. */
static void
day_of(struct cs_derive *d, int64_t t)
{
	struct cs_datetime dt;

	cs_utc_to_local(t, &dt, NULL);
	cs_period_label(t, CS_PERIOD_DAY, d->day, sizeof(d->day));
	cs_iso_week_label(dt.year, dt.mon, dt.mday, d->week);
	d->day_lo = cs_local_midnight(t, 0);
	d->day_hi = cs_local_midnight(t, 1);
}

/* The call's flags are final: store it and count it. */
static int
settle(struct cs_derive *d, struct pcall *p)
{
	struct cs_rowq *q = d->q;
	const struct cs_call *c = &p->c;
	const char *day = d->day, *week = d->week;

	if (!p->store)
		return 0;
	if (c->start < d->day_lo || c->start >= d->day_hi)
		day_of(d, c->start);
	d->stored++;
	d->stored_starts += c->start;
	if (d->keep && c->outcome != CS_OUTCOME_BOT && !p->touched)
		goto counted;
	cs_rowq_begin(q, &cs_table_calls);
	cs_rowq_int(q, c->start);
	cs_rowq_text(q, p->id);
	cs_rowq_int(q, c->end);
	cs_rowq_text(q, day);
	cs_rowq_text(q, week);
	cs_rowq_text(q, cs_direction_name(c->direction));
	cs_rowq_text(q, service_name(d->cfg, c->service));
	cs_rowq_int(q, c->in_hours);
	cs_rowq_text(q, c->outcome == CS_OUTCOME_NONE ? NULL :
	    cs_outcome_name(c->outcome));
	put_opt(q, c->wait);
	put_opt(q, c->human_wait);
	put_opt(q, c->talk);
	put_opt(q, c->abandon_wait);
	cs_rowq_int(q, c->escalated);
	cs_rowq_int(q, c->needed_agent);
	cs_rowq_int(q, c->bot_answered);
	cs_rowq_text(q, p->caller);
	cs_rowq_int(q, p->nlegs);
	cs_rowq_int(q, c->flags);
	cs_rowq_int(q, p->repeat);
	cs_rowq_int(q, p->again);
	cs_rowq_int(q, p->cb2);
	cs_rowq_int(q, p->cb24);
	/* the bot's leg is mostly the call's first: NULL says so in a byte
	   (tables.h) */
	if (c->bot_key[0] != '\0' && strcmp(c->bot_key, p->id) != 0)
		cs_rowq_text(q, c->bot_key);
	else
		cs_rowq_null(q);
	if (c->bot_key[0] != '\0' && c->bot_start != c->start)
		cs_rowq_int(q, c->bot_start);
	else
		cs_rowq_null(q);
	if (cs_rowq_end(q) != 0)
		return -1;
counted:
	if (c->direction != CS_INBOUND)
		return 0;
	return count(d, p, day, week);
}

static void
unlink_caller(struct cs_derive *d, struct pcall *p)
{
	struct caller *w = p->who;

	if (w == NULL)
		return;
	if (p->cprev != NULL)
		p->cprev->cnext = p->cnext;
	else
		w->first = p->cnext;
	if (p->cnext != NULL)
		p->cnext->cprev = p->cprev;
	if (w->first == NULL) {
		cs_htab_del(&d->callers, &w->link);
		free(w);
	}
}

/* Settles the pending calls that no later call can reach. */
static int
settle_before(struct cs_derive *d, int64_t t)
{
	char day[11];
	int64_t last = INT64_MIN;
	int rc;

	while (d->head != NULL && d->head->start < t) {
		struct pcall *p = d->head;

		d->head = p->next;
		if (d->head == NULL)
			d->tail = NULL;
		rc = settle(d, p);
		last = p->start;
		unlink_caller(d, p);
		pcall_put(d, p);
		if (rc != 0)
			return -1;
	}
	/* the days two days before the last settled call are complete.  The
	   calls settled from now on start at or after last, and so count
	   into days after those flushed: the same day's flush again would
	   find nothing (it was some 30 comparisons of labels a call) */
	if (last != INT64_MIN &&
	    (last - 2 * DAY < d->flushed_lo || last - 2 * DAY >= d->flushed_hi)) {
		cs_period_label(last - 2 * DAY, CS_PERIOD_DAY, day, sizeof(day));
		d->flushed_lo = cs_local_midnight(last - 2 * DAY, 0);
		d->flushed_hi = cs_local_midnight(last - 2 * DAY, 1);
		return flush_days(d, day);
	}
	return 0;
}

/* Sets the flags that p and the caller's other calls give each other. */
static void
relate(struct pcall *p, struct pcall *q)
{
	struct pcall *early = p->start < q->start ? p : q;
	struct pcall *late = early == p ? q : p;
	int64_t gap = late->start - early->start;

	if (gap <= 0 || gap > DAY)
		return;
	/* callstat-kpi(7): a later call more than 0 and at most N seconds after */
	early->again = 1;
	if (early->c.outcome == CS_OUTCOME_BOT)
		late->touched = 1;
	if (late->c.service == early->c.service)
		late->repeat = 1;
	if (late->answered) {
		early->cb24 = 1;
		if (gap <= 7200)
			early->cb2 = 1;
	}
}

static int
add(struct cs_derive *d, struct pcall *p)
{
	if (p->start > d->latest) {
		d->latest = p->start;
		if (settle_before(d, d->latest - DAY - SLACK) != 0) {
			pcall_free(p);
			return -1;
		}
	}
	/* withheld callers and staff are nobody's repeat */
	if (p->caller[0] != '\0' && p->c.direction == CS_INBOUND) {
		unsigned h = cs_htab_hash(p->caller);
		struct caller *w = NULL;

		for (struct cs_hlink *l = cs_htab_chain(&d->callers, h);
		    l != NULL; l = l->next)
			if (l->hash == h &&
			    strcmp(((struct caller *)(void *)l)->key, p->caller) == 0) {
				w = (struct caller *)(void *)l;
				break;
			}
		if (w == NULL) {
			if ((w = calloc(1, sizeof(*w))) == NULL) {
				pcall_free(p);
				return cs_error_set(d->err, "out of memory");
			}
			memcpy(w->key, p->caller, sizeof(w->key));
			cs_htab_add(&d->callers, &w->link, h);
		}
		for (struct pcall *q = w->first; q != NULL; q = q->cnext)
			relate(p, q);
		p->who = w;
		p->cnext = w->first;
		if (w->first != NULL)
			w->first->cprev = p;
		w->first = p;
	}
	if (d->tail != NULL)
		d->tail->next = p;
	else
		d->head = p;
	d->tail = p;
	return 0;
}

int
cs_derive_add(struct cs_derive *d, const char *id, const struct cs_call *c,
    int nlegs)
{
	const char *bot_key = c->bot_key != NULL ? c->bot_key : "";
	size_t nid = strlen(id) + 1, nkey = strlen(bot_key) + 1;
	/* one block for both: most calls have no bot leg */
	struct pcall *p = pcall_take(d, nid + nkey);

	if (p == NULL)
		return cs_error_set(d->err, "out of memory");
	memcpy(p->id, id, nid);
	memcpy(p->id + nid, bot_key, nkey);
	p->start = c->start;
	p->c = *c;
	p->c.caller = NULL;
	p->c.bot_key = p->id + nid;
	if (c->caller != NULL) {	/* a hash: its room is enough */
		size_t n = strnlen(c->caller, sizeof(p->caller) - 1);

		memcpy(p->caller, c->caller, n);
		p->caller[n] = '\0';
	}
	p->nlegs = nlegs;
	p->store = c->start >= d->from && c->start < d->to;
	p->answered = c->outcome == CS_OUTCOME_AGENT || c->outcome == CS_OUTCOME_BOT;
	return add(d, p);
}

long
cs_derive_stored(const struct cs_derive *d, int64_t *starts)
{
	if (starts != NULL)
		*starts = d->stored_starts;
	return d->stored;
}

void
cs_derive_keep(struct cs_derive *d)
{
	d->keep = 1;
}

int
cs_derive_finish(struct cs_derive *d)
{
	if (settle_before(d, INT64_MAX) != 0)
		return -1;
	return flush_days(d, NULL);
}

int
cs_derive_session(struct cs_derive *d, const struct cs_bot_session *s,
    const char *call, enum cs_link how)
{
	struct cs_rowq *q = d->q;
	char day[11];

	if (s->start < d->from || s->start >= d->to)
		return 0;
	cs_period_label(s->start, CS_PERIOD_DAY, day, sizeof(day));
	cs_rowq_begin(q, &cs_table_bot_session);
	cs_rowq_int(q, s->start);
	cs_rowq_text(q, s->session);
	cs_rowq_int(q, s->end);
	cs_rowq_text(q, day);
	cs_rowq_text(q, call);		/* NULL: none */
	cs_rowq_text(q, cs_link_name(how));
	cs_rowq_text(q, s->service);
	cs_rowq_text(q, s->intent);
	cs_rowq_text(q, s->outcome);
	cs_rowq_int(q, s->transferred);
	cs_rowq_int(q, s->turns);
	cs_rowq_int(q, s->caller_turns);
	cs_rowq_int(q, s->fallback_turns);
	return cs_rowq_end(q);
}
