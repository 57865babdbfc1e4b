/*
 * chartdata.c: CSV to a chart's model (chartdata.h), with libcsv.
 */
#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <csv.h>

#include "chartdata.h"

/* Each rate of callstat-kpi(7) and the count it is a share of. */
static const struct {
	const char *rate, *n, *title, *nwords;
} rates[] = {
	{ "answer_rate", "offered", "Answer rate", "calls offered" },
	{ "agent_answer_rate", "needed_agent",
	    "Calls answered by a person, of those that needed one",
	    "calls that needed a person" },
	{ "abandon_rate", "offered", "Abandon rate", "calls offered" },
	{ "service_level", "offered", "Service level", "calls offered" },
	{ "service_level_answered", "answered",
	    "Service level of the answered calls", "calls answered" },
	{ "escalation_rate", "bot_sessions",
	    "Calls the bot handed to a person", "calls the bot answered" },
	{ "containment_rate", "bot_sessions", "Calls the bot settled alone",
	    "calls the bot answered" },
	{ "containment_24h", "bot_sessions",
	    "Calls the bot settled, no call again within 24 h",
	    "calls the bot answered" },
	{ "escalation_answer_rate", "escalated",
	    "Handed-over calls a person answered", "calls handed over" },
	{ "repeat_24h", "offered", "Callers calling again within 24 h",
	    "calls offered" },
	{ "callback_2h", "lost", "Lost calls answered on a call back within 2 h",
	    "lost calls" },
	{ "callback_24h", "lost",
	    "Lost calls answered on a call back within 24 h", "lost calls" },
};
#define NRATES (sizeof(rates) / sizeof(rates[0]))

const char *
cs_chartdata_rate_title(const char *figure)
{
	for (size_t i = 0; i < NRATES; i++)
		if (!strcmp(rates[i].rate, figure))
			return rates[i].title;
	return NULL;
}

const char *
cs_chartdata_rate_nwords(const char *figure)
{
	for (size_t i = 0; i < NRATES; i++)
		if (!strcmp(rates[i].rate, figure))
			return rates[i].nwords;
	return NULL;
}

const char *const cs_chartdata_rates[] = {
	"answer_rate", "agent_answer_rate", "abandon_rate", "service_level",
	"service_level_answered", "escalation_rate", "containment_rate",
	"containment_24h", "escalation_answer_rate", "repeat_24h",
	"callback_2h", "callback_24h", NULL
};

const char *
cs_chartdata_rate_n(const char *figure)
{
	for (size_t i = 0; i < NRATES; i++)
		if (!strcmp(rates[i].rate, figure))
			return rates[i].n;
	return NULL;
}

/* ---- the CSV as rows of fields ---- */

struct row {
	char **f;
	int n;
	long line;
};

struct table {
	struct row *r;
	int n, cap;
	struct row cur;
	int curcap;
	long line;
	int nomem;
};

static void
field_cb(void *s, size_t len, void *data)
{
	struct table *t = data;
	char *f;

	if (t->nomem)
		return;
	if (t->cur.n == t->curcap) {
		int nc = t->curcap ? t->curcap * 2 : 16;
		char **p = realloc(t->cur.f, (size_t)nc * sizeof(*p));
		if (!p) {
			t->nomem = 1;
			return;
		}
		t->cur.f = p;
		t->curcap = nc;
	}
	if (!(f = malloc(len + 1))) {
		t->nomem = 1;
		return;
	}
	memcpy(f, s, len);
	f[len] = '\0';
	t->cur.f[t->cur.n++] = f;
}

static void
row_cb(int c, void *data)
{
	struct table *t = data;

	t->line++;
	if (t->nomem)
		return;
	if (t->n == t->cap) {
		int nc = t->cap ? t->cap * 2 : 64;
		struct row *p = realloc(t->r, (size_t)nc * sizeof(*p));
		if (!p) {
			t->nomem = 1;
			return;
		}
		t->r = p;
		t->cap = nc;
	}
	t->cur.line = t->line;
	t->r[t->n++] = t->cur;
	memset(&t->cur, 0, sizeof(t->cur));
	t->curcap = 0;
}

static void
table_free(struct table *t)
{
	for (int i = 0; i < t->n; i++) {
		for (int k = 0; k < t->r[i].n; k++)
			free(t->r[i].f[k]);
		free(t->r[i].f);
	}
	for (int k = 0; k < t->cur.n; k++)
		free(t->cur.f[k]);
	free(t->cur.f);
	free(t->r);
	memset(t, 0, sizeof(*t));
}

static int
table_read(struct table *t, const char *text, size_t len, struct cs_error *err)
{
	struct csv_parser p;
	int rc = 0;

	memset(t, 0, sizeof(*t));
	if (csv_init(&p, CSV_STRICT | CSV_STRICT_FINI) != 0)
		return cs_error_set(err, "out of memory");
	if (csv_parse(&p, text, len, field_cb, row_cb, t) != len ||
	    csv_fini(&p, field_cb, row_cb, t) != 0) {
		rc = cs_error_set(err, "line %ld: %s", t->line + 1,
		    csv_error(&p) == CSV_EPARSE ? "a quote not closed, or text "
		    "after a closing quote" : csv_strerror(csv_error(&p)));
	} else if (t->nomem)
		rc = cs_error_set(err, "out of memory");
	csv_free(&p);
	if (rc < 0)
		table_free(t);
	return rc;
}

static int
col(const struct row *h, const char *name)
{
	for (int i = 0; i < h->n; i++)
		if (!strcmp(h->f[i], name))
			return i;
	return -1;
}

/* ---- periods ---- */

static int
cmp_str(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

enum pkind { P_OTHER, P_DAY, P_MONTH, P_YEAR };

static enum pkind
pkind(const char *p, int *y, int *m, int *d)
{
	int k = 0;
	size_t len = strlen(p);

	*m = *d = 1;
	if (len == 10 && sscanf(p, "%4d-%2d-%2d%n", y, m, d, &k) == 3 && k == 10 &&
	    *m >= 1 && *m <= 12 && *d >= 1 && *d <= 31)
		return P_DAY;
	if (len == 7 && sscanf(p, "%4d-%2d%n", y, m, &k) == 2 && k == 7 &&
	    *m >= 1 && *m <= 12)
		return P_MONTH;
	if (len == 4 && sscanf(p, "%4d%n", y, &k) == 1 && k == 4)
		return P_YEAR;
	return P_OTHER;
}

static int
mdays(int y, int m)
{
	static const int d[] = { 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31 };
	if (m == 2 && ((y % 4 == 0 && y % 100 != 0) || y % 400 == 0))
		return 29;
	return d[m - 1];
}

/* The period after p, of the same kind, into buf. */
static void
next_period(enum pkind k, int *y, int *m, int *d, char *buf, size_t size)
{
	if (k == P_YEAR) {
		(*y)++;
		snprintf(buf, size, "%04d", *y);
		return;
	}
	if (k == P_DAY && ++*d <= mdays(*y, *m)) {
		snprintf(buf, size, "%04d-%02d-%02d", *y, *m, *d);
		return;
	}
	*d = 1;
	if (++*m > 12) {
		*m = 1;
		(*y)++;
	}
	if (k == P_DAY)
		snprintf(buf, size, "%04d-%02d-%02d", *y, *m, *d);
	else
		snprintf(buf, size, "%04d-%02d", *y, *m);
}

#define MAX_PERIODS 5000

/* c->periods: the distinct periods of the rows kept, sorted, the missing
 * days, months or years between them added. */
static int
make_periods(struct cs_chart *c, char **ps, int n, struct cs_error *err)
{
	enum pkind k0 = P_OTHER;
	int distinct = 0, y, m, d;

	qsort(ps, (size_t)n, sizeof(*ps), cmp_str);
	for (int i = 0; i < n; i++)
		if (i == 0 || strcmp(ps[i], ps[i - 1]))
			ps[distinct++] = ps[i];
	for (int i = 0; i < distinct; i++) {
		enum pkind k = pkind(ps[i], &y, &m, &d);
		if (i == 0)
			k0 = k;
		else if (k != k0)
			k0 = P_OTHER;
	}
	c->periods = calloc(MAX_PERIODS, sizeof(*c->periods));
	if (!c->periods)
		return cs_error_set(err, "out of memory");
	c->nperiods = 0;
	if (distinct == 0)
		return 0;
	if (k0 == P_OTHER) {
		if (distinct > MAX_PERIODS)
			return cs_error_set(err, "more than %d periods: choose "
			    "longer periods or fewer", MAX_PERIODS);
		for (int i = 0; i < distinct; i++)
			if (!(c->periods[c->nperiods++] = cs_strdup(ps[i])))
				return cs_error_set(err, "out of memory");
		return 0;
	}
	pkind(ps[0], &y, &m, &d);
	char cur[48];
	snprintf(cur, sizeof(cur), "%s", ps[0]);
	for (;;) {
		if (c->nperiods == MAX_PERIODS)
			return cs_error_set(err, "more than %d periods from %s to "
			    "%s: choose longer periods or fewer", MAX_PERIODS,
			    ps[0], ps[distinct - 1]);
		if (!(c->periods[c->nperiods++] = cs_strdup(cur)))
			return cs_error_set(err, "out of memory");
		if (strcmp(cur, ps[distinct - 1]) >= 0)
			break;
		next_period(k0, &y, &m, &d, cur, sizeof(cur));
	}
	return 0;
}

static int
period_index(const struct cs_chart *c, const char *p)
{
	int lo = 0, hi = c->nperiods - 1;

	while (lo <= hi) {
		int mid = (lo + hi) / 2, r = strcmp(c->periods[mid], p);
		if (r == 0)
			return mid;
		if (r < 0)
			lo = mid + 1;
		else
			hi = mid - 1;
	}
	return -1;
}

/* ---- the series ---- */

static int
add_series(struct cs_chart *c, const char *name)
{
	struct cs_chart_series *s = realloc(c->series,
	    (size_t)(c->nseries + 1) * sizeof(*s));
	size_t np = (size_t)(c->nperiods ? c->nperiods : 1);

	if (!s)
		return -1;
	c->series = s;
	s = &c->series[c->nseries];
	memset(s, 0, sizeof(*s));
	s->name = cs_strdup(name);
	s->v = calloc(np, sizeof(*s->v));
	s->n = calloc(np, sizeof(*s->n));
	s->has = calloc(np, 1);
	c->nseries++;
	if (!s->name || !s->v || !s->n || !s->has)
		return -1;
	for (int i = 0; i < c->nperiods; i++)
		s->n[i] = NAN;
	return 0;
}

/* The number in field f of row r (column name), or NAN for an empty field;
 * -1 when it is no number. */
static int
number(const struct row *r, int k, const char *name, double *v,
    struct cs_error *err)
{
	const char *f = k < r->n ? r->f[k] : "";
	char *end;

	if (!*f) {
		*v = NAN;
		return 0;
	}
	errno = 0;
	*v = strtod(f, &end);
	if (*end || errno || !isfinite(*v))
		return cs_error_set(err, "line %ld: column %s: '%.40s' is not a "
		    "number", r->line, name, f);
	if (*v < 0)
		return cs_error_set(err, "line %ld: column %s: %s is negative",
		    r->line, name, f);
	return 0;
}

/* compare: callstat-compare's CSV (t read, header checked by caller) */
static int
read_compare(struct cs_chart *c, const struct cs_chartdata_opts *o,
    const struct table *t, const struct cs_lang *L, struct cs_error *err)
{
	static const char *const names[] = {
		"figure", "service", "before", "after", "before_n", "after_n",
		"before_low", "before_high", "after_low", "after_high", "p_value"
	};
	enum { FIG, SVC, BEF, AFT, BN, AN, BL, BH, AL, AH, P, NCOL };
	const struct row *h = &t->r[0];
	int k[NCOL], n = 0;

	for (int i = 0; i < NCOL; i++)
		if ((k[i] = col(h, names[i])) < 0)
			return cs_error_set(err, "line 1: no column %s: make the CSV "
			    "with callstat-compare --csv", names[i]);
	for (int i = 1; i < t->n; i++)
		if (t->r[i].n == h->n && !strcmp(t->r[i].f[k[FIG]], o->figure))
			n++;
	if (n == 0)
		return cs_error_set(err, "no row of figure %s", o->figure);
	if (!(c->periods = calloc((size_t)n, sizeof(*c->periods))) ||
	    !(c->notes = calloc((size_t)n, sizeof(*c->notes))))
		return cs_error_set(err, "out of memory");
	c->nperiods = n;
	if (add_series(c, cs_lang_tr(L, "Before")) < 0 ||
	    add_series(c, cs_lang_tr(L, "After")) < 0)
		return cs_error_set(err, "out of memory");
	for (int s = 0; s < 2; s++) {
		c->series[s].lo = calloc((size_t)n, sizeof(double));
		c->series[s].hi = calloc((size_t)n, sizeof(double));
		if (!c->series[s].lo || !c->series[s].hi)
			return cs_error_set(err, "out of memory");
	}
	n = 0;
	for (int i = 1; i < t->n; i++) {
		const struct row *r = &t->r[i];
		double v[NCOL];
		char note[256], nb[2][64];
		if (r->n != h->n)
			return cs_error_set(err, "line %ld: %d fields, the header "
			    "has %d", r->line, r->n, h->n);
		if (strcmp(r->f[k[FIG]], o->figure))
			continue;
		for (int j = BEF; j < NCOL; j++) {
			if (number(r, k[j], names[j], &v[j], err) < 0)
				return -1;
			if (j != BN && j != AN && v[j] > 1)
				return cs_error_set(err, "line %ld: column %s: %s is "
				    "over 1: rates are fractions from 0 to 1",
				    r->line, names[j], r->f[k[j]]);
		}
		if (!(c->periods[n] = cs_strdup(strcmp(r->f[k[SVC]], "town") ?
		    r->f[k[SVC]] : cs_lang_tr(L, "Town"))))
			return cs_error_set(err, "out of memory");
		for (int s = 0; s < 2; s++) {
			struct cs_chart_series *se = &c->series[s];
			se->v[n] = v[s ? AFT : BEF];
			se->n[n] = v[s ? AN : BN];
			se->lo[n] = v[s ? AL : BL];
			se->hi[n] = v[s ? AH : BH];
			se->has[n] = !isnan(se->v[n]);
			if (isnan(se->n[n]))
				cs_lang_number(L, 0, 0, nb[s], sizeof(nb[s]));
			else
				cs_lang_number(L, se->n[n], 0, nb[s], sizeof(nb[s]));
		}
		snprintf(note, sizeof(note), "n = %s \xe2\x86\x92 %s%s%s", nb[0],
		    nb[1], !isnan(v[P]) && v[P] > 0.05 ? "\n" : "",
		    !isnan(v[P]) && v[P] > 0.05 ?
		    cs_lang_tr(L, "not significant") : "");
		if (!(c->notes[n] = cs_strdup(note)))
			return cs_error_set(err, "out of memory");
		n++;
	}
	return 0;
}

/* funnel: each stage's count summed over the rows kept */
static int
read_funnel(struct cs_chart *c, struct cs_chartdata_opts *o,
    const struct table *t, const struct cs_lang *L, struct cs_error *err)
{
	static const char *const cols[] = {
		"offered", "bot_sessions", "bot", "escalated", "agent", "lost"
	};
	static const char *const words[] = {
		"Calls offered", "Reached the bot", "Settled by the bot",
		"Handed to a person", "Answered by a person", "Lost"
	};
	enum { NST = 6 };
	const struct row *h = &t->r[0];
	int k[NST], kp = col(h, "period"), ks = col(h, "service"), rows = 0;

	if (o->service && ks < 0)
		return cs_error_set(err, "line 1: no column service to choose %s "
		    "in", o->service);
	for (int i = 0; i < NST; i++)
		if ((k[i] = col(h, cols[i])) < 0)
			return cs_error_set(err, "line 1: no column %s", cols[i]);
	if (!(c->periods = calloc(NST, sizeof(*c->periods))))
		return cs_error_set(err, "out of memory");
	for (int i = 0; i < NST; i++) {
		if (!(c->periods[i] = cs_strdup(cs_lang_tr(L, words[i]))))
			return cs_error_set(err, "out of memory");
		c->nperiods++;
	}
	if (add_series(c, cs_lang_tr(L, "Calls")) < 0)
		return cs_error_set(err, "out of memory");
	o->first[0] = o->last[0] = '\0';
	for (int i = 1; i < t->n; i++) {
		const struct row *r = &t->r[i];
		if (r->n != h->n)
			return cs_error_set(err, "line %ld: %d fields, the header "
			    "has %d", r->line, r->n, h->n);
		if (o->service && strcmp(r->f[ks], o->service))
			continue;
		rows++;
		for (int j = 0; j < NST; j++) {
			double v;
			if (number(r, k[j], cols[j], &v, err) < 0)
				return -1;
			if (isnan(v))
				continue;
			c->series[0].v[j] += v;
			c->series[0].has[j] = 1;
		}
		if (kp >= 0 && strlen(r->f[kp]) < sizeof(o->first)) {
			if (!o->first[0] || strcmp(r->f[kp], o->first) < 0)
				strcpy(o->first, r->f[kp]);
			if (strcmp(r->f[kp], o->last) > 0)
				strcpy(o->last, r->f[kp]);
		}
	}
	if (rows == 0)
		return cs_error_set(err, "no row for service %s", o->service);
	return 0;
}

static long days_from_civil(int y, int m, int d);

int
cs_chartdata_heat_add(struct cs_chartdata_heat *g, const char *start,
    const char *outcome, int lost)
{
	int y, mo, d, hh, mi, k = 0;
	long days;
	int wd;

	if (sscanf(start, "%4d-%2d-%2d %2d:%2d%n", &y, &mo, &d, &hh, &mi,
	    &k) != 5 || k != 16 || (start[16] && start[16] != ':') ||
	    mo < 1 || mo > 12 || d < 1 || d > mdays(y, mo) || hh < 0 ||
	    hh > 23 || mi < 0 || mi > 59)
		return -1;
	if (lost ? strcmp(outcome, "abandoned") && strcmp(outcome, "missed") :
	    !strcmp(outcome, "short"))
		return 0;
	days = days_from_civil(y, mo, d);
	/* 1970-01-01 was a Thursday (3, from Monday 0) */
	wd = (int)(((days + 3) % 7 + 7) % 7);
	g->count[wd][hh] += 1;
	g->calls++;
	if (!g->first[0] || strncmp(start, g->first, 10) < 0)
		snprintf(g->first, sizeof(g->first), "%.10s", start);
	if (strncmp(start, g->last, 10) > 0)
		snprintf(g->last, sizeof(g->last), "%.10s", start);
	return 1;
}

int
cs_chartdata_heat_model(struct cs_chart *c, const struct cs_chartdata_heat *g,
    const struct cs_lang *L, struct cs_error *err)
{
	int h0 = 24, h1 = -1;
	char buf[64];

	for (int w = 0; w < 7; w++)
		for (int h = 0; h < 24; h++)
			if (g->count[w][h] > 0) {
				if (h < h0) h0 = h;
				if (h > h1) h1 = h;
			}
	if (h1 < 0)
		h0 = h1 = 0;	/* no call: one empty column, "No data" */
	if (!(c->periods = calloc((size_t)(h1 - h0 + 1), sizeof(*c->periods))))
		return cs_error_set(err, "out of memory");
	for (int h = h0; h <= h1; h++) {
		snprintf(buf, sizeof(buf), "%d", h);
		if (!(c->periods[c->nperiods] = cs_strdup(buf)))
			return cs_error_set(err, "out of memory");
		c->nperiods++;
	}
	for (int w = 0; w < 7; w++) {
		cs_lang_weekday(L, w, buf, sizeof(buf));
		if (add_series(c, buf) < 0)
			return cs_error_set(err, "out of memory");
		for (int h = h0; h <= h1; h++)
			if (g->count[w][h] > 0) {
				c->series[w].v[h - h0] = g->count[w][h];
				c->series[w].n[h - h0] = g->count[w][h];
				c->series[w].has[h - h0] = 1;
			}
	}
	return 0;
}

/* heatmap: callstat-calls' CSV (t read) */
static int
read_heatmap(struct cs_chart *c, struct cs_chartdata_opts *o,
    const struct table *t, const struct cs_lang *L, struct cs_error *err)
{
	const struct row *h = &t->r[0];
	int kst = col(h, "start"), kout = col(h, "outcome");
	int ks = col(h, "service");
	struct cs_chartdata_heat *g;
	int rc = -1;

	if (kst < 0 || kout < 0)
		return cs_error_set(err, "line 1: no column %s: make the CSV with "
		    "callstat-calls --csv", kst < 0 ? "start" : "outcome");
	if (o->service && ks < 0)
		return cs_error_set(err, "line 1: no column service to choose %s "
		    "in", o->service);
	if (!(g = calloc(1, sizeof(*g))))
		return cs_error_set(err, "out of memory");
	for (int i = 1; i < t->n; i++) {
		const struct row *r = &t->r[i];
		if (r->n != h->n) {
			cs_error_set(err, "line %ld: %d fields, the header has %d",
			    r->line, r->n, h->n);
			goto out;
		}
		if (o->service && strcmp(r->f[ks], o->service))
			continue;
		if (cs_chartdata_heat_add(g, r->f[kst], r->f[kout], o->lost) < 0) {
			cs_error_set(err, "line %ld: column start: '%.40s' is not "
			    "a time YYYY-MM-DD HH:MM:SS", r->line, r->f[kst]);
			goto out;
		}
	}
	snprintf(o->first, sizeof(o->first), "%s", g->first);
	snprintf(o->last, sizeof(o->last), "%s", g->last);
	rc = cs_chartdata_heat_model(c, g, L, err);
out:
	free(g);
	return rc;
}

int
cs_chartdata_read(struct cs_chart *c, struct cs_chartdata_opts *o,
    const char *text, size_t len, const struct cs_lang *L,
    struct cs_error *err)
{
	static const char *const vol[] = {
		"bot", "agent", "abandoned", "missed", "voicemail"
	};
	static const char *const vol_words[] = {
		"Answered by the bot", "Answered by a person", "Abandoned",
		"Missed", "Voicemail"
	};
	struct table t;
	const struct row *h;
	char **ps = NULL;
	int nps = 0, kp, ks, rc = -1;
	int kv[5], kn = -1;
	const char *vname[5];
	int nv = 0;
	char *one_service = NULL;

	c->periods = NULL;
	c->notes = NULL;
	c->series = NULL;
	c->nperiods = c->nseries = 0;
	if (table_read(&t, text, len, err) < 0)
		return -1;
	if (t.n == 0) {
		cs_error_set(err, "empty input: expected CSV with a header line, "
		    "as callstat-kpi --csv writes it");
		goto out;
	}
	h = &t.r[0];
	if (o->type == CS_CHART_COMPARE || o->type == CS_CHART_FUNNEL) {
		if (t.n == 1) {
			cs_error_set(err, "no data: the CSV has a header line only");
			goto out;
		}
		if ((o->type == CS_CHART_COMPARE ? read_compare(c, o, &t, L, err) :
		    read_funnel(c, o, &t, L, err)) == 0)
			rc = 0;
		goto out;
	}
	if (o->type == CS_CHART_HEATMAP) {
		if (read_heatmap(c, o, &t, L, err) == 0)
			rc = 0;
		goto out;
	}
	if ((kp = col(h, "period")) < 0) {
		cs_error_set(err, "line 1: no column period: make the CSV with "
		    "callstat-kpi --by month --csv (or day, week, year)");
		goto out;
	}
	ks = col(h, "service");
	if (o->service && ks < 0) {
		cs_error_set(err, "line 1: no column service to choose %s in",
		    o->service);
		goto out;
	}
	if (o->type == CS_CHART_RATE) {
		const char *nc = cs_chartdata_rate_n(o->figure);
		vname[nv++] = o->figure;
		if (nc && (kn = col(h, nc)) < 0) {
			cs_error_set(err, "line 1: no column %s, the n of %s",
			    nc, o->figure);
			goto out;
		}
		if (!nc) {
			cs_error_set(err, "%s is not a rate", o->figure);
			goto out;
		}
	} else if (o->type == CS_CHART_VOLUME) {
		for (int i = 0; i < 5; i++)
			vname[nv++] = vol[i];
	} else {
		vname[nv++] = "wait_p50";
		vname[nv++] = "wait_p90";
		if ((kn = col(h, "answered")) < 0) {
			cs_error_set(err, "line 1: no column answered, the n of "
			    "the waits");
			goto out;
		}
	}
	for (int i = 0; i < nv; i++)
		if ((kv[i] = col(h, vname[i])) < 0) {
			cs_error_set(err, "line 1: no column %s", vname[i]);
			goto out;
		}
	if (t.n == 1) {
		cs_error_set(err, "no data: the CSV has a header line only");
		goto out;
	}

	/* the periods of the rows kept */
	if (!(ps = calloc((size_t)t.n, sizeof(*ps)))) {
		cs_error_set(err, "out of memory");
		goto out;
	}
	for (int i = 1; i < t.n; i++) {
		const struct row *r = &t.r[i];
		if (r->n != h->n) {
			cs_error_set(err, "line %ld: %d fields, the header has %d",
			    r->line, r->n, h->n);
			goto out;
		}
		if (o->service && strcmp(r->f[ks], o->service))
			continue;
		if (!*r->f[kp]) {
			cs_error_set(err, "line %ld: column period is empty",
			    r->line);
			goto out;
		}
		if (o->type == CS_CHART_WAIT && ks >= 0) {
			if (!one_service)
				one_service = r->f[ks];
			else if (strcmp(one_service, r->f[ks])) {
				cs_error_set(err, "line %ld: a second service (%s "
				    "after %s): a wait chart shows one; choose it "
				    "with -s", r->line, r->f[ks], one_service);
				goto out;
			}
		}
		ps[nps++] = r->f[kp];
	}
	if (nps == 0) {
		cs_error_set(err, "no row for service %s", o->service);
		goto out;
	}
	if (make_periods(c, ps, nps, err) < 0)
		goto out;

	/* the series */
	if (o->type == CS_CHART_VOLUME || o->type == CS_CHART_WAIT) {
		static const char *const wait_words[] = {
			"Median wait", "90th percentile of the wait"
		};
		for (int i = 0; i < nv; i++)
			if (add_series(c, cs_lang_tr(L, o->type == CS_CHART_VOLUME ?
			    vol_words[i] : wait_words[i])) < 0) {
				cs_error_set(err, "out of memory");
				goto out;
			}
	}
	for (int i = 1; i < t.n; i++) {
		const struct row *r = &t.r[i];
		int p, s = 0;
		double v, n = NAN;

		if (o->service && strcmp(r->f[ks], o->service))
			continue;
		if ((p = period_index(c, r->f[kp])) < 0) {
			/* a day no calendar has (2024-02-31), or past the
			 * periods a chart can hold */
			cs_error_set(err, "line %ld: column period: '%.40s' is no "
			    "day, month or year of the calendar", r->line,
			    r->f[kp]);
			goto out;
		}
		if (kn >= 0 && number(r, kn, h->f[kn], &n, err) < 0)
			goto out;
		if (o->type == CS_CHART_RATE) {
			const char *name = ks >= 0 ? r->f[ks] :
			    cs_lang_tr(L, "All services");
			for (s = 0; s < c->nseries; s++)
				if (!strcmp(c->series[s].name, name))
					break;
			if (s == c->nseries && add_series(c, name) < 0) {
				cs_error_set(err, "out of memory");
				goto out;
			}
		}
		for (int k = 0; k < nv; k++) {
			struct cs_chart_series *se = &c->series[s + k];
			if (number(r, kv[k], vname[k], &v, err) < 0)
				goto out;
			if (o->type == CS_CHART_RATE && v > 1) {
				cs_error_set(err, "line %ld: column %s: %s is over 1: "
				    "rates are fractions from 0 to 1, as "
				    "callstat-kpi --csv writes them", r->line,
				    vname[k], r->f[kv[k]]);
				goto out;
			}
			if (o->type != CS_CHART_VOLUME && se->has[p]) {
				cs_error_set(err, "line %ld: a second row for period "
				    "%s%s%s", r->line, r->f[kp], ks >= 0 ?
				    " of service " : "", ks >= 0 ? r->f[ks] : "");
				goto out;
			}
			if (isnan(v))
				continue;
			if (o->type != CS_CHART_VOLUME && n == 0)
				continue;	/* a share of no call: unknown, a gap */
			if (o->type == CS_CHART_VOLUME && se->has[p])
				se->v[p] += v;	/* the town: the services' sum */
			else
				se->v[p] = v;
			se->has[p] = 1;
			se->n[p] = n;
		}
	}
	rc = 0;
out:
	free(ps);
	table_free(&t);
	if (rc < 0)
		cs_chart_release(c);
	return rc;
}

/* Days since 1970-01-01 of a civil date (Howard Hinnant's algorithm). */
static long
days_from_civil(int y, int m, int d)
{
	y -= m <= 2;
	long era = (y >= 0 ? y : y - 399) / 400;
	long yoe = y - era * 400;
	long doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
	long doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
	return era * 146097 + doe - 719468;
}

double
cs_chartdata_position(const struct cs_chart *c, const char *day)
{
	int y, m, d, py, pm, pd;

	if (!day || pkind(day, &y, &m, &d) != P_DAY || c->nperiods == 0)
		return NAN;
	for (int i = 0; i < c->nperiods; i++) {
		enum pkind k = pkind(c->periods[i], &py, &pm, &pd);
		if (k == P_DAY && py == y && pm == m && pd == d)
			return i;
		if (k == P_MONTH && py == y && pm == m)
			return i + (double)(d - 1) / mdays(y, m);
		if (k == P_YEAR && py == y)
			return i + (double)(days_from_civil(y, m, d) -
			    days_from_civil(y, 1, 1)) /
			    (double)(days_from_civil(y + 1, 1, 1) -
			    days_from_civil(y, 1, 1));
		if (k == P_OTHER)
			return NAN;
	}
	return NAN;
}

void
cs_chartdata_span(const struct cs_chart *c, const struct cs_lang *L,
    char *buf, size_t size)
{
	char a[64], b[64];

	if (c->nperiods == 0) {
		snprintf(buf, size, "%s", "");
		return;
	}
	cs_lang_period(L, c->periods[0], a, sizeof(a));
	cs_lang_period(L, c->periods[c->nperiods - 1], b, sizeof(b));
	if (c->nperiods == 1)
		snprintf(buf, size, "%s", a);
	else
		snprintf(buf, size, "%s \xe2\x80\x93 %s", a, b);
}
