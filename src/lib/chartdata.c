/*
 * chartdata.c: CSV to a chart's model (chartdata.h): the rates callstat-kpi
 * prints, and which columns make each chart type's series (rate, volume,
 * wait, compare, funnel; the heatmap is chartdata_heat.c's).  The CSV's
 * rows come from chartdata_table.c, the periods and their gaps from
 * chartdata_period.c.
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "chartdata.h"
#include "chartdata_int.h"

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


/* compare: callstat-compare's CSV (t read, header checked by caller) */
static int
read_compare(struct cs_chart *c, const struct cs_chartdata_opts *o,
    const struct cs_chartdata_table *t, const struct cs_lang *L,
    struct cs_error *err)
{
	static const char *const names[] = {
		"figure", "service", "before", "after", "before_n", "after_n",
		"before_low", "before_high", "after_low", "after_high", "p_value"
	};
	enum { FIG, SVC, BEF, AFT, BN, AN, BL, BH, AL, AH, P, NCOL };
	const struct cs_chartdata_row *h = &t->r[0];
	int k[NCOL], n = 0;

	for (int i = 0; i < NCOL; i++)
		if ((k[i] = cs_chartdata_col(h, names[i])) < 0)
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
	if (cs_chartdata_series_add(c, cs_lang_tr(L, "Before")) < 0 ||
	    cs_chartdata_series_add(c, cs_lang_tr(L, "After")) < 0)
		return cs_error_set(err, "out of memory");
	for (int s = 0; s < 2; s++) {
		c->series[s].lo = calloc((size_t)n, sizeof(double));
		c->series[s].hi = calloc((size_t)n, sizeof(double));
		if (!c->series[s].lo || !c->series[s].hi)
			return cs_error_set(err, "out of memory");
	}
	n = 0;
	for (int i = 1; i < t->n; i++) {
		const struct cs_chartdata_row *r = &t->r[i];
		double v[NCOL];
		char note[256], nb[2][64];
		if (r->n != h->n)
			return cs_error_set(err, "line %ld: %d fields, the header "
			    "has %d", r->line, r->n, h->n);
		if (strcmp(r->f[k[FIG]], o->figure))
			continue;
		for (int j = BEF; j < NCOL; j++) {
			if (cs_chartdata_number(r, k[j], names[j], &v[j],
			    err) < 0)
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
    const struct cs_chartdata_table *t, const struct cs_lang *L,
    struct cs_error *err)
{
	static const char *const cols[] = {
		"offered", "bot_sessions", "bot", "escalated", "agent", "lost"
	};
	static const char *const words[] = {
		"Calls offered", "Reached the bot", "Settled by the bot",
		"Handed to a person", "Answered by a person", "Lost"
	};
	enum { NST = 6 };
	const struct cs_chartdata_row *h = &t->r[0];
	int k[NST], kp = cs_chartdata_col(h, "period");
	int ks = cs_chartdata_col(h, "service"), rows = 0;

	if (o->service && ks < 0)
		return cs_error_set(err, "line 1: no column service to choose %s "
		    "in", o->service);
	for (int i = 0; i < NST; i++)
		if ((k[i] = cs_chartdata_col(h, cols[i])) < 0)
			return cs_error_set(err, "line 1: no column %s", cols[i]);
	if (!(c->periods = calloc(NST, sizeof(*c->periods))))
		return cs_error_set(err, "out of memory");
	for (int i = 0; i < NST; i++) {
		if (!(c->periods[i] = cs_strdup(cs_lang_tr(L, words[i]))))
			return cs_error_set(err, "out of memory");
		c->nperiods++;
	}
	if (cs_chartdata_series_add(c, cs_lang_tr(L, "Calls")) < 0)
		return cs_error_set(err, "out of memory");
	o->first[0] = o->last[0] = '\0';
	for (int i = 1; i < t->n; i++) {
		const struct cs_chartdata_row *r = &t->r[i];
		if (r->n != h->n)
			return cs_error_set(err, "line %ld: %d fields, the header "
			    "has %d", r->line, r->n, h->n);
		if (o->service && strcmp(r->f[ks], o->service))
			continue;
		rows++;
		for (int j = 0; j < NST; j++) {
			double v;
			if (cs_chartdata_number(r, k[j], cols[j], &v, err) < 0)
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

/* A number of the row's column k, NAN when empty or not one. */
static double
value_of(const struct cs_chartdata_row *r, int k)
{
	struct cs_error e;
	double v;

	return k >= 0 && cs_chartdata_number(r, k, "", &v, &e) == 0 ? v : NAN;
}

/*
 * Whether a row of the table has its lost calls but neither abandoned nor
 * missed (a phone system that cannot tell them apart): the volume chart
 * then shows them as one series.  0: none; 1: some rows; 2: every row
 * that has lost calls, and no row tells abandoned or missed.
 */
static int
lost_only(const struct cs_chartdata_table *t)
{
	const struct cs_chartdata_row *h = &t->r[0];
	int ka = cs_chartdata_col(h, "abandoned"), km = cs_chartdata_col(h,
	    "missed"), kl = cs_chartdata_col(h, "lost");
	int untold = 0, told = 0;

	if (kl < 0)
		return 0;
	for (int i = 1; i < t->n; i++) {
		if (!isnan(value_of(&t->r[i], ka)) ||
		    !isnan(value_of(&t->r[i], km)))
			told = 1;
		else if (value_of(&t->r[i], kl) > 0)
			untold = 1;
	}
	return !untold ? 0 : told ? 1 : 2;
}

int
cs_chartdata_read(struct cs_chart *c, struct cs_chartdata_opts *o,
    const char *text, size_t len, const struct cs_lang *L,
    struct cs_error *err)
{
	/* lost last: a phone system that cannot tell abandoned from missed
	   leaves both empty (callstat-kpi(7)), and its lost calls are one
	   series then */
	static const char *const vol[] = {
		"bot", "agent", "abandoned", "missed", "voicemail", "lost"
	};
	static const char *const vol_words[] = {
		"Answered by the bot", "Answered by a person", "Abandoned",
		"Missed", "Voicemail", "Lost: abandoned or missed"
	};
	struct cs_chartdata_table t;
	const struct cs_chartdata_row *h;
	char **ps = NULL;
	int nps = 0, kp, ks, rc = -1;
	int kv[6], kn = -1, ka = -1, km = -1;
	const char *vname[6], *vwords[6];
	int nv = 0;
	char *one_service = NULL;

	c->periods = NULL;
	c->notes = NULL;
	c->series = NULL;
	c->nperiods = c->nseries = 0;
	if (cs_chartdata_table_read(&t, text, len, err) < 0)
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
		if (cs_chartdata_heat_read(c, o, &t, L, err) == 0)
			rc = 0;
		goto out;
	}
	if ((kp = cs_chartdata_col(h, "period")) < 0) {
		cs_error_set(err, "line 1: no column period: make the CSV with "
		    "callstat-kpi --by month --csv (or day, week, year)");
		goto out;
	}
	ks = cs_chartdata_col(h, "service");
	if (o->service && ks < 0) {
		cs_error_set(err, "line 1: no column service to choose %s in",
		    o->service);
		goto out;
	}
	if (o->type == CS_CHART_RATE) {
		const char *nc = cs_chartdata_rate_n(o->figure);
		vname[nv++] = o->figure;
		if (nc && (kn = cs_chartdata_col(h, nc)) < 0) {
			cs_error_set(err, "line 1: no column %s, the n of %s",
			    nc, o->figure);
			goto out;
		}
		if (!nc) {
			cs_error_set(err, "%s is not a rate", o->figure);
			goto out;
		}
	} else if (o->type == CS_CHART_VOLUME) {
		int lost = lost_only(&t);

		/* abandoned and missed left out when no row tells them */
		for (int i = 0; i < 5; i++)
			if (lost != 2 || (i != 2 && i != 3))
				vwords[nv] = vol_words[i], vname[nv++] = vol[i];
		if (lost)
			vwords[nv] = vol_words[5], vname[nv++] = vol[5];
		ka = cs_chartdata_col(h, "abandoned");
		km = cs_chartdata_col(h, "missed");
	} else {
		vname[nv++] = "wait_p50";
		vname[nv++] = "wait_p90";
		if ((kn = cs_chartdata_col(h, "answered")) < 0) {
			cs_error_set(err, "line 1: no column answered, the n of "
			    "the waits");
			goto out;
		}
	}
	for (int i = 0; i < nv; i++)
		if ((kv[i] = cs_chartdata_col(h, vname[i])) < 0) {
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
		const struct cs_chartdata_row *r = &t.r[i];
		int kept = cs_chartdata_row_kept(h, r, ks, o->service, err);
		if (kept < 0)
			goto out;
		if (!kept)
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
	if (cs_chartdata_periods(c, ps, nps, err) < 0)
		goto out;

	/* the series */
	if (o->type == CS_CHART_VOLUME || o->type == CS_CHART_WAIT) {
		static const char *const wait_words[] = {
			"Median wait", "90th percentile of the wait"
		};
		for (int i = 0; i < nv; i++)
			if (cs_chartdata_series_add(c, cs_lang_tr(L,
			    o->type == CS_CHART_VOLUME ? vwords[i] :
			    wait_words[i])) < 0) {
				cs_error_set(err, "out of memory");
				goto out;
			}
	}
	for (int i = 1; i < t.n; i++) {
		const struct cs_chartdata_row *r = &t.r[i];
		int p, s = 0;
		double v, n = NAN;

		if (o->service && strcmp(r->f[ks], o->service))
			continue;
		if ((p = cs_chartdata_period_index(c, r->f[kp])) < 0) {
			/* a day no calendar has (2024-02-31), or past the
			 * periods a chart can hold */
			cs_error_set(err, "line %ld: column period: '%.40s' is no "
			    "day, month or year of the calendar", r->line,
			    r->f[kp]);
			goto out;
		}
		if (kn >= 0 && cs_chartdata_number(r, kn, h->f[kn], &n,
		    err) < 0)
			goto out;
		if (o->type == CS_CHART_RATE) {
			const char *name = ks >= 0 ? r->f[ks] :
			    cs_lang_tr(L, "All services");
			for (s = 0; s < c->nseries; s++)
				if (!strcmp(c->series[s].name, name))
					break;
			if (s == c->nseries &&
			    cs_chartdata_series_add(c, name) < 0) {
				cs_error_set(err, "out of memory");
				goto out;
			}
		}
		for (int k = 0; k < nv; k++) {
			struct cs_chart_series *se = &c->series[s + k];
			if (cs_chartdata_number(r, kv[k], vname[k], &v,
			    err) < 0)
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
			/* lost where abandoned and missed are not told */
			if (o->type == CS_CHART_VOLUME &&
			    strcmp(vname[k], "lost") == 0 &&
			    (!isnan(value_of(r, ka)) || !isnan(value_of(r, km))))
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
	cs_chartdata_table_free(&t);
	if (rc < 0)
		cs_chart_release(c);
	return rc;
}
