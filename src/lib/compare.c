/*
 * compare.c: two periods side by side (compare.h), from cs_kpi_compute's
 * figures and the periods' wait histograms, tested with stats.h.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "compare.h"
#include "hist.h"
#include "stats.h"
#include "timeutil.h"

static const char *const val_names[CS_CMP_NVALS] = {
	"before", "after", "before_x", "before_n", "after_x", "after_n",
	"before_low", "before_high", "after_low", "after_high", "diff",
	"diff_low", "diff_high", "p_value", "seed",
};

const char *
cs_compare_val_name(enum cs_compare_val v)
{
	return val_names[v];
}

/* offered first, for the n of the whole period; then every rate of
   callstat-kpi(7), then the waits the bootstrap resamples: the rows of
   the first callstat-compare, whose order its readers may know */
const enum cs_kpi_fig cs_compare_figs[] = {
	CS_KPI_OFFERED,
	CS_KPI_ANSWER_RATE, CS_KPI_AGENT_ANSWER_RATE, CS_KPI_ABANDON_RATE,
	CS_KPI_SERVICE_LEVEL, CS_KPI_SERVICE_LEVEL_ANSWERED,
	CS_KPI_ESCALATION_RATE, CS_KPI_CONTAINMENT_RATE,
	CS_KPI_CONTAINMENT_24H, CS_KPI_ESCALATION_ANSWER_RATE,
	CS_KPI_REPEAT_24H, CS_KPI_CALLBACK_2H, CS_KPI_CALLBACK_24H,
	CS_KPI_ASA, CS_KPI_WAIT_P50, CS_KPI_WAIT_P90, CS_KPI_HUMAN_WAIT_P90,
	/* then every other figure, untested: a count's difference needs no
	   interval to be read, and the means abandon_wait and talk have no
	   histogram to resample (wait_hist holds the waits only) */
	CS_KPI_ANSWERED, CS_KPI_NEEDED_AGENT, CS_KPI_AGENT, CS_KPI_BOT,
	CS_KPI_ABANDONED, CS_KPI_MISSED, CS_KPI_VOICEMAIL, CS_KPI_SHORT,
	CS_KPI_ABANDON_WAIT, CS_KPI_TALK, CS_KPI_BOT_SESSIONS,
	CS_KPI_ESCALATED, CS_KPI_LOST,
};
const size_t cs_compare_nfigs = sizeof(cs_compare_figs) /
    sizeof(cs_compare_figs[0]);
const size_t cs_compare_ntested = 17;	/* offered to human_wait_p90 */

/* ---- days ---- */

static int
day_number(const char *day, long *n)
{
	int y, m, d;
	char tail;

	if (day == NULL || sscanf(day, "%4d-%2d-%2d%c", &y, &m, &d, &tail) != 3 ||
	    m < 1 || m > 12 || d < 1 || d > cs_month_days(y, m))
		return -1;
	*n = (long)cs_days_from_civil(y, m, d);
	return 0;
}

/* The inverse of cs_days_from_civil (H. Hinnant's civil_from_days). */
static void
day_text(long z, char out[11])
{
	long era, doe, yoe, y, doy, mp, d, m;
	char buf[64];

	z += 719468;
	era = (z >= 0 ? z : z - 146096) / 146097;
	doe = z - era * 146097;
	yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
	y = yoe + era * 400;
	doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
	mp = (5 * doy + 2) / 153;
	d = doy - (153 * mp + 2) / 5 + 1;
	m = mp < 10 ? mp + 3 : mp - 9;
	snprintf(buf, sizeof(buf), "%04ld-%02ld-%02ld", y + (m <= 2), m, d);
	memcpy(out, buf, 10);
	out[10] = '\0';
}

int
cs_compare_day_add(const char *day, long delta, char out[11])
{
	long n;

	if (day_number(day, &n) != 0)
		return -1;
	day_text(n + delta, out);
	return 0;
}

/* ---- what the data holds ---- */

static const char *
hours_sql(enum cs_kpi_hours h)
{
	return h == CS_KPI_IN_HOURS ? " AND in_hours = 1" :
	    h == CS_KPI_OUT_OF_HOURS ? " AND in_hours = 0" : "";
}

static void
bind_text(sqlite3_stmt *st, const char *name, const char *v)
{
	int i = sqlite3_bind_parameter_index(st, name);

	if (i > 0)
		sqlite3_bind_text(st, i, v, -1, SQLITE_STATIC);
}

/* The first and last days of daily with a counted or short call (with
 * q's hours and service), "" when none. */
static int
data_range(struct cs_db *db, const struct cs_compare_query *q,
    char first[11], char last[11], struct cs_error *err)
{
	sqlite3_stmt *st = NULL;
	char sql[512];
	int ret = -1;

	snprintf(sql, sizeof(sql), "SELECT min(day), max(day) FROM daily "
	    "WHERE offered + short > 0%s%s", hours_sql(q->hours),
	    q->service != NULL ? " AND service = :service" : "");
	if (cs_db_prepare(db, &st, sql, err) != 0)
		return -1;
	bind_text(st, ":service", q->service);
	*first = *last = '\0';
	if (sqlite3_step(st) != SQLITE_ROW) {
		cs_db_fail(db, "cannot read the daily totals", err);
		goto out;
	}
	if (sqlite3_column_type(st, 0) != SQLITE_NULL) {
		snprintf(first, 11, "%s", (const char *)sqlite3_column_text(st, 0));
		snprintf(last, 11, "%s", (const char *)sqlite3_column_text(st, 1));
	}
	ret = 0;
out:
	sqlite3_finalize(st);
	return ret;
}

/* The calendar months (bit m for month m) with a counted or short call
 * between from and to. */
static int
months_with_data(struct cs_db *db, const struct cs_compare_query *q,
    const char *from, const char *to, unsigned *months, struct cs_error *err)
{
	sqlite3_stmt *st = NULL;
	char sql[512];
	int rc;

	snprintf(sql, sizeof(sql), "SELECT DISTINCT CAST(substr(day, 6, 2) AS "
	    "INTEGER) FROM daily WHERE offered + short > 0 AND day >= :from "
	    "AND day <= :to%s%s", hours_sql(q->hours),
	    q->service != NULL ? " AND service = :service" : "");
	if (cs_db_prepare(db, &st, sql, err) != 0)
		return -1;
	bind_text(st, ":from", from);
	bind_text(st, ":to", to);
	bind_text(st, ":service", q->service);
	*months = 0;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		int m = sqlite3_column_int(st, 0);

		if (m >= 1 && m <= 12)
			*months |= 1u << m;
	}
	sqlite3_finalize(st);
	if (rc != SQLITE_DONE)
		return cs_db_fail(db, "cannot read the daily totals", err);
	return 0;
}

/* Settles the periods: q's, or the default split at go_live. */
static int
settle_periods(struct cs_db *db, const struct cs_config *cfg,
    const struct cs_compare_query *q, struct cs_compare_periods *p,
    struct cs_error *err)
{
	char first[11], last[11];
	long g, f, l, len;

	memset(p, 0, sizeof(*p));
	if (q->before_from != NULL) {
		snprintf(p->before_from, 11, "%s", q->before_from);
		snprintf(p->before_to, 11, "%s", q->before_to);
		snprintf(p->after_from, 11, "%s", q->after_from);
		snprintf(p->after_to, 11, "%s", q->after_to);
	} else {
		if (cfg->go_live[0] == '\0')
			return cs_error_set(err, "no go_live in the [bot] section "
			    "of %s: set it, or give --before and --after",
			    cfg->path);
		if (data_range(db, q, first, last, err) != 0)
			return -1;
		if (day_number(cfg->go_live, &g) != 0)
			return cs_error_set(err, "bad go_live date '%s'",
			    cfg->go_live);
		if (*first == '\0' || day_number(first, &f) != 0 ||
		    day_number(last, &l) != 0)
			return cs_error_set(err, "no calls in the database%s%s",
			    q->service != NULL ? " for service " : "",
			    q->service != NULL ? q->service : "");
		/* as many days on each side as the data has on both */
		len = g - f < l - g + 1 ? g - f : l - g + 1;
		if (len < 1)
			return cs_error_set(err, "no calls on both sides of go_live "
			    "%s (calls from %s to %s): give --before and --after",
			    cfg->go_live, first, last);
		day_text(g - len, p->before_from);
		day_text(g - 1, p->before_to);
		day_text(g, p->after_from);
		day_text(g + len - 1, p->after_to);
	}
	if (q->matched) {
		unsigned mb, ma;

		if (months_with_data(db, q, p->before_from, p->before_to, &mb,
		    err) != 0 || months_with_data(db, q, p->after_from,
		    p->after_to, &ma, err) != 0)
			return -1;
		if ((p->months = mb & ma) == 0)
			return cs_error_set(err, "--matched: no calendar month "
			    "has calls in both periods");
	}
	return 0;
}

/* ---- the wait histograms ---- */

/* the histograms (hist.h) of a service (or the town) by metric (0:
   wait, 1: human_wait) */
struct hists {
	char service[64];
	struct cs_hist d[2];
};

static void
hists_free(struct hists *h, size_t n)
{
	for (size_t i = 0; h != NULL && i < n; i++) {
		free(h[i].d[0].counts);
		free(h[i].d[1].counts);
	}
	free(h);
}

/* The histograms of one period: one per service, then the town's (the
 * service ""), each row of wait_hist read once, in its stored order. */
static int
read_hists(struct cs_db *db, const struct cs_compare_query *q,
    const char *from, const char *to, unsigned months, struct hists **hp,
    size_t *np, struct cs_error *err)
{
	sqlite3_stmt *st = NULL;
	struct hists *h = NULL;
	size_t n = 1, cur = 0;
	char sql[512];
	int rc, ret = -1;

	snprintf(sql, sizeof(sql), "SELECT service, metric, secs, n FROM "
	    "wait_hist WHERE day >= :from AND day <= :to%s%s%s",
	    hours_sql(q->hours),
	    q->service != NULL ? " AND service = :service" : "",
	    months != 0 ?
	    " AND (:months >> CAST(substr(day, 6, 2) AS INTEGER)) & 1" : "");
	if ((h = calloc(1, sizeof(*h))) == NULL)
		return cs_error_set(err, "out of memory");
	if (cs_db_prepare(db, &st, sql, err) != 0)
		goto out;
	bind_text(st, ":from", from);
	bind_text(st, ":to", to);
	bind_text(st, ":service", q->service);
	if ((rc = sqlite3_bind_parameter_index(st, ":months")) > 0)
		sqlite3_bind_int64(st, rc, (sqlite3_int64)months);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		const unsigned char *sv = sqlite3_column_text(st, 0);
		const char *name = sv != NULL ? (const char *)sv : "";
		int m = sqlite3_column_int(st, 1) != 0;
		long secs = (long)sqlite3_column_int64(st, 2);
		long cnt = (long)sqlite3_column_int64(st, 3);

		/* the rows come service by service, mostly: the last one */
		if (cur == 0 || strcmp(h[cur].service, name) != 0) {
			for (cur = 1; cur < n; cur++)
				if (strcmp(h[cur].service, name) == 0)
					break;
			if (cur == n) {
				struct hists *nh = realloc(h, (n + 1) * sizeof(*nh));

				if (nh == NULL) {
					cs_error_set(err, "out of memory");
					goto out;
				}
				h = nh;
				memset(&h[n], 0, sizeof(*h));
				snprintf(h[n].service, sizeof(h[n].service), "%s", name);
				n++;
			}
		}
		if (cs_hist_add(&h[cur].d[m], secs, cnt) != 0 ||
		    cs_hist_add(&h[0].d[m], secs, cnt) != 0) {
			cs_error_set(err, "out of memory");
			goto out;
		}
	}
	if (rc != SQLITE_DONE) {
		cs_db_fail(db, "cannot read the wait histograms", err);
		goto out;
	}
	*hp = h;
	*np = n;
	h = NULL;
	ret = 0;
out:
	sqlite3_finalize(st);
	hists_free(h, n);
	return ret;
}

/* A service's histogram of metric m ("" for the town), or an empty one. */
static const struct cs_hist *
find_hist(const struct hists *h, size_t n, const char *service, int m)
{
	static const struct cs_hist none;

	if (*service == '\0')
		return &h[0].d[m];
	for (size_t i = 1; i < n; i++)
		if (strcmp(h[i].service, service) == 0)
			return &h[i].d[m];
	return &none;
}

/* The buckets of d that hold values, as stats.h's histogram; secs and
 * counts (d->n each) are the caller's. */
static void
sparse(const struct cs_hist *d, long *secs, long *counts,
    struct cs_stats_hist *out)
{
	size_t k = 0;

	for (long s = 0; s < d->n; s++)
		if (d->counts[s] > 0) {
			secs[k] = s;
			counts[k] = d->counts[s];
			k++;
		}
	*out = (struct cs_stats_hist){ secs, counts, k, d->total };
}

/* ---- one period ---- */

struct side {
	struct cs_kpi_row *rows, *town;	/* per service; the town's */
	size_t nrows, ntown;
	struct hists *h;
	size_t nh;
};

static void
side_free(struct side *s)
{
	free(s->rows);
	free(s->town);
	hists_free(s->h, s->nh);
}

static int
side_compute(struct cs_db *db, const struct cs_config *cfg,
    const struct cs_compare_query *q, const char *from, const char *to,
    unsigned months, struct side *s, struct cs_error *err)
{
	struct cs_kpi_query kq = { 0 };

	kq.by_service = 1;
	kq.from = from;
	kq.to = to;
	kq.service = q->service;
	kq.hours = q->hours;
	kq.months = months;
	if (cs_kpi_compute(db, cfg, &kq, &s->rows, &s->nrows, err) != 0)
		return -1;
	if (q->service == NULL) {
		kq.by_service = 0;
		if (cs_kpi_compute(db, cfg, &kq, &s->town, &s->ntown, err) != 0)
			return -1;
	}
	return read_hists(db, q, from, to, months, &s->h, &s->nh, err);
}

/* The row of service ("" for the town), or NULL when it had no call. */
static const struct cs_kpi_row *
side_row(const struct side *s, const char *service)
{
	if (*service == '\0')
		return s->ntown > 0 ? &s->town[0] : NULL;
	for (size_t i = 0; i < s->nrows; i++)
		if (strcmp(s->rows[i].service, service) == 0)
			return &s->rows[i];
	return NULL;
}

/* ---- the rows ---- */

static void
put(struct cs_compare_row *r, enum cs_compare_val v, double x)
{
	r->v[v] = x;
	r->has[v] = 1;
}

static int
is_rate(enum cs_kpi_fig f)
{
	return cs_kpi_kind(f) == CS_COL_RATE;
}

/* The bootstrap's statistic and the histogram's metric of a wait figure;
 * -1 for the other figures. */
static int
wait_stat(enum cs_kpi_fig f, int *metric)
{
	*metric = f == CS_KPI_HUMAN_WAIT_P90;
	switch (f) {
	case CS_KPI_ASA:
		return CS_STATS_MEAN;
	case CS_KPI_WAIT_P50:
		return CS_STATS_P50;
	case CS_KPI_WAIT_P90:
	case CS_KPI_HUMAN_WAIT_P90:
		return CS_STATS_P90;
	default:
		return -1;
	}
}

/* A figure's rate row: x and n, the Wilson intervals, Newcombe's, z. */
static void
rate_row(struct cs_compare_row *r, const struct cs_kpi_row *b,
    const struct cs_kpi_row *a)
{
	enum cs_kpi_fig f = r->fig;
	double lo, hi, d, p;

	if (b != NULL) {
		put(r, CS_CMP_BEFORE_X, b->num[f]);
		put(r, CS_CMP_BEFORE_N, b->den[f]);
		if (cs_stats_wilson(b->num[f], b->den[f], &lo, &hi) == 0) {
			put(r, CS_CMP_BEFORE_LOW, lo);
			put(r, CS_CMP_BEFORE_HIGH, hi);
		}
	}
	if (a != NULL) {
		put(r, CS_CMP_AFTER_X, a->num[f]);
		put(r, CS_CMP_AFTER_N, a->den[f]);
		if (cs_stats_wilson(a->num[f], a->den[f], &lo, &hi) == 0) {
			put(r, CS_CMP_AFTER_LOW, lo);
			put(r, CS_CMP_AFTER_HIGH, hi);
		}
	}
	if (b == NULL || a == NULL)
		return;
	if (cs_stats_newcombe(b->num[f], b->den[f], a->num[f], a->den[f], &d,
	    &lo, &hi) == 0) {
		put(r, CS_CMP_DIFF_LOW, lo);
		put(r, CS_CMP_DIFF_HIGH, hi);
	}
	if (cs_stats_ztest(b->num[f], b->den[f], a->num[f], a->den[f], &p) == 0)
		put(r, CS_CMP_P_VALUE, p);
}

/* The bootstrap and Mann-Whitney of one metric's histograms, computed once
 * for the figures that read them. */
struct boot {
	int done, ok, has_p;
	double lo[CS_STATS_NSTAT], hi[CS_STATS_NSTAT], p;
};

static int
boot_run(struct boot *bt, const struct cs_hist *db, const struct cs_hist *da,
    const struct cs_compare_query *q, struct cs_error *err)
{
	long *buf = NULL;
	struct cs_stats_hist hb, ha;

	bt->done = 1;
	if (db->total <= 0 || da->total <= 0)
		return 0;
	if ((buf = malloc(2 * (size_t)(db->n + da->n) * sizeof(*buf))) == NULL)
		return cs_error_set(err, "out of memory");
	sparse(db, buf, buf + db->n, &hb);
	sparse(da, buf + 2 * db->n, buf + 2 * db->n + da->n, &ha);
	if (cs_stats_bootstrap(&hb, &ha, q->resamples > 0 ? q->resamples :
	    CS_STATS_RESAMPLES, q->seed, bt->lo, bt->hi, err) != 0) {
		free(buf);
		return -1;
	}
	bt->ok = 1;
	bt->has_p = cs_stats_mann_whitney(&hb, &ha, &bt->p) == 0;
	free(buf);
	return 0;
}

/* A wait figure's row: n (and x, the sum of waits, for asa), the
 * bootstrap interval of the difference, Mann-Whitney's p.  bt holds a
 * bootstrap per metric, run on first use. */
static int
wait_row(struct cs_compare_row *r, const struct side *sb,
    const struct side *sa, const char *service, const struct cs_compare_query *q,
    struct boot bt[2], struct cs_error *err)
{
	int metric, stat = wait_stat(r->fig, &metric);
	const struct cs_hist *db = find_hist(sb->h, sb->nh, service, metric);
	const struct cs_hist *da = find_hist(sa->h, sa->nh, service, metric);
	const struct cs_kpi_row *b = side_row(sb, service), *a = side_row(sa, service);

	if (r->fig == CS_KPI_ASA) {
		if (b != NULL) {
			put(r, CS_CMP_BEFORE_X, b->num[r->fig]);
			put(r, CS_CMP_BEFORE_N, b->den[r->fig]);
		}
		if (a != NULL) {
			put(r, CS_CMP_AFTER_X, a->num[r->fig]);
			put(r, CS_CMP_AFTER_N, a->den[r->fig]);
		}
	} else {
		if (b != NULL)
			put(r, CS_CMP_BEFORE_N, (double)db->total);
		if (a != NULL)
			put(r, CS_CMP_AFTER_N, (double)da->total);
	}
	if (!bt[metric].done && boot_run(&bt[metric], db, da, q, err) != 0)
		return -1;
	if (bt[metric].ok) {
		put(r, CS_CMP_DIFF_LOW, bt[metric].lo[stat]);
		put(r, CS_CMP_DIFF_HIGH, bt[metric].hi[stat]);
	}
	if (bt[metric].has_p)
		put(r, CS_CMP_P_VALUE, bt[metric].p);
	put(r, CS_CMP_SEED, (double)q->seed);
	return 0;
}

/* A count's or a mean's row (neither a rate nor a wait): the values and
 * their difference, no interval, no test.  A period without a row holds
 * no call of the service, and so 0 of each count (never empty: only a
 * ratio of nothing is); a mean states its x and n, as asa does. */
static void
plain_row(struct cs_compare_row *r, const struct cs_kpi_row *b,
    const struct cs_kpi_row *a)
{
	enum cs_kpi_fig f = r->fig;

	if (cs_kpi_kind(f) == CS_COL_COUNT) {
		if (b == NULL)
			put(r, CS_CMP_BEFORE, 0);
		if (a == NULL)
			put(r, CS_CMP_AFTER, 0);
		return;
	}
	if (b != NULL) {
		put(r, CS_CMP_BEFORE_X, b->num[f]);
		put(r, CS_CMP_BEFORE_N, b->den[f]);
	}
	if (a != NULL) {
		put(r, CS_CMP_AFTER_X, a->num[f]);
		put(r, CS_CMP_AFTER_N, a->den[f]);
	}
}

/* The rows of one service ("" for the town) into out (cs_compare_nfigs). */
static int
service_rows(const struct side *sb, const struct side *sa,
    const char *service, const struct cs_compare_query *q,
    struct cs_compare_row *out, struct cs_error *err)
{
	const struct cs_kpi_row *b = side_row(sb, service), *a = side_row(sa, service);
	struct boot bt[2] = { { 0 }, { 0 } };

	for (size_t i = 0; i < cs_compare_nfigs; i++) {
		struct cs_compare_row *r = &out[i];
		enum cs_kpi_fig f = cs_compare_figs[i];
		int metric;

		memset(r, 0, sizeof(*r));
		snprintf(r->service, sizeof(r->service), "%s",
		    *service != '\0' ? service : CS_COMPARE_TOWN);
		r->fig = f;
		if (b != NULL && b->has[f])
			put(r, CS_CMP_BEFORE, b->v[f]);
		if (a != NULL && a->has[f])
			put(r, CS_CMP_AFTER, a->v[f]);
		if (is_rate(f))
			rate_row(r, b, a);
		else if (wait_stat(f, &metric) < 0)
			plain_row(r, b, a);
		else if (wait_row(r, sb, sa, service, q, bt, err) != 0)
			return -1;
		if (r->has[CS_CMP_BEFORE] && r->has[CS_CMP_AFTER])
			put(r, CS_CMP_DIFF, r->v[CS_CMP_AFTER] - r->v[CS_CMP_BEFORE]);
	}
	return 0;
}

int
cs_compare_run(struct cs_db *db, const struct cs_config *cfg,
    const struct cs_compare_query *q, struct cs_compare_periods *p,
    struct cs_compare_row **rowsp, size_t *nrowsp, struct cs_error *err)
{
	struct side sb = { 0 }, sa = { 0 };
	const char **names = NULL;
	struct cs_compare_row *rows = NULL;
	size_t nnames = 0, nrows;
	int ret = -1;

	*rowsp = NULL;
	*nrowsp = 0;
	if (settle_periods(db, cfg, q, p, err) != 0)
		return -1;
	if (side_compute(db, cfg, q, p->before_from, p->before_to, p->months,
	    &sb, err) != 0 ||
	    side_compute(db, cfg, q, p->after_from, p->after_to, p->months,
	    &sa, err) != 0)
		goto out;
	/* the services of before in their order, then those of after only,
	   then the town */
	if ((names = calloc(sb.nrows + sa.nrows + 1, sizeof(*names))) == NULL) {
		cs_error_set(err, "out of memory");
		goto out;
	}
	for (size_t i = 0; i < sb.nrows; i++)
		names[nnames++] = sb.rows[i].service;
	for (size_t i = 0; i < sa.nrows; i++)
		if (side_row(&sb, sa.rows[i].service) == NULL)
			names[nnames++] = sa.rows[i].service;
	if (q->service == NULL && (sb.ntown > 0 || sa.ntown > 0))
		names[nnames++] = "";
	if (nnames == 0) {
		cs_error_set(err, "no calls from %s to %s nor from %s to %s%s%s",
		    p->before_from, p->before_to, p->after_from, p->after_to,
		    q->service != NULL ? " in service " : "",
		    q->service != NULL ? q->service : "");
		goto out;
	}
	nrows = nnames * cs_compare_nfigs;
	if ((rows = calloc(nrows + 1, sizeof(*rows))) == NULL) {
		cs_error_set(err, "out of memory");
		goto out;
	}
	for (size_t i = 0; i < nnames; i++)
		if (service_rows(&sb, &sa, names[i], q,
		    &rows[i * cs_compare_nfigs], err) != 0)
			goto out;
	*rowsp = rows;
	*nrowsp = nrows;
	rows = NULL;
	ret = 0;
out:
	free(names);
	free(rows);
	side_free(&sb);
	side_free(&sa);
	return ret;
}
