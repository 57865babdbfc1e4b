/*
 * report/report.c: the report's periods settled, its figures gathered
 * once (cs_kpi_compute, cs_compare_run), and its chapters put together
 * (report.h).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <sqlite3.h>

#include "chartdb.h"
#include "report/parts.h"
#include "stats.h"
#include "timeutil.h"

#define EN_DASH " \xe2\x80\x93 "

/* ---- periods ---- */

/* YYYY-MM-DD into out. */
static void
mkday(char out[11], int y, int m, int d)
{
	char tmp[40];

	snprintf(tmp, sizeof(tmp), "%04d-%02d-%02d", y, m, d);
	snprintf(out, 11, "%.10s", tmp);
}

/* The same day a year before; the last day of a month stays the last
 * (28 February 2025: 29 February 2024; 29 February: the 28th). */
static void
year_before(const char *day, char out[11])
{
	int y, m, d;

	if (sscanf(day, "%d-%d-%d", &y, &m, &d) != 3) {
		snprintf(out, 11, "%s", day);
		return;
	}
	if (m >= 1 && m <= 12 && y > 1 && d == cs_month_days(y, m))
		d = cs_month_days(y - 1, m);
	mkday(out, y - 1, m, d);
}

/* The first and last days that hold a call (any hours), from the daily
 * sums' key. */
static int
data_span(struct cs_db *db, char first[11], char last[11],
    struct cs_error *err)
{
	sqlite3_stmt *st = NULL;
	int rc = -1;

	if (cs_db_prepare(db, &st, "SELECT min(day), max(day) FROM daily",
	    err) != 0)
		return -1;
	if (sqlite3_step(st) != SQLITE_ROW)
		cs_db_fail(db, "cannot read the daily sums", err);
	else if (sqlite3_column_type(st, 0) == SQLITE_NULL)
		cs_error_set(err, "%s: no call in the database: import the "
		    "phone system's logs first (callstat-import)", db->path);
	else {
		snprintf(first, 11, "%s", sqlite3_column_text(st, 0));
		snprintf(last, 11, "%s", sqlite3_column_text(st, 1));
		rc = 0;
	}
	sqlite3_finalize(st);
	return rc;
}

static int
settle(struct cs_db *db, struct cs_report_opts *o, int *year, struct cs_error *err)
{
	char first[11], last[11];
	int y, m, d;

	if (!o->from[0] || !o->to[0]) {
		if (data_span(db, first, last, err) != 0)
			return -1;
		if (!o->to[0]) {
			if (o->from[0])
				snprintf(o->to, sizeof(o->to), "%s", last);
			else {
				/* the twelve months ending with the last one */
				sscanf(last, "%d-%d-%d", &y, &m, &d);
				mkday(o->to, y, m, cs_month_days(y, m));
				if (++m > 12) {
					m = 1;
					y++;
				}
				mkday(o->from, y - 1, m, 1);
			}
		}
		if (!o->from[0]) {
			year_before(o->to, o->from);
			cs_compare_day_add(o->from, 1, o->from);
		}
	}
	*year = !o->before_from[0];
	if (*year) {
		year_before(o->from, o->before_from);
		year_before(o->to, o->before_to);
	}
	return 0;
}

/* A span of days in words: whole months as months ("March 2024 –
 * February 2025", "November 2026"), else days. */
static void
span_words(const struct cs_lang *L, const char *from, const char *to,
    char *buf, size_t size)
{
	int y1, m1, d1, y2, m2, d2;
	char a[64], b[64];

	if (sscanf(from, "%d-%d-%d", &y1, &m1, &d1) == 3 &&
	    sscanf(to, "%d-%d-%d", &y2, &m2, &d2) == 3 && d1 == 1 &&
	    d2 == cs_month_days(y2, m2)) {
		cs_lang_month(L, y1, m1, 0, a, sizeof(a));
		cs_lang_month(L, y2, m2, 0, b, sizeof(b));
	} else {
		cs_lang_period(L, from, a, sizeof(a));
		cs_lang_period(L, to, b, sizeof(b));
	}
	if (strcmp(a, b) == 0)
		snprintf(buf, size, "%s", a);
	else
		snprintf(buf, size, "%s" EN_DASH "%s", a, b);
}

/* ---- the figures, once ---- */

static int
gather(struct cs_report *r, struct cs_error *err)
{
	const struct cs_report_opts *o = r->o;
	struct cs_kpi_query q;
	struct cs_compare_query cq;
	struct cs_compare_periods pr;
	struct cs_kpi_row *rows = NULL;
	struct cs_error cerr;
	size_t n = 0;

	memset(&q, 0, sizeof(q));
	q.by_service = 1;
	q.from = o->from;
	q.to = o->to;
	q.service = o->service;
	q.hours = o->hours;
	if (cs_kpi_compute(r->db, r->cfg, &q, &r->svc, &r->nsvc, err) != 0)
		return -1;
	q.by_service = 0;
	if (cs_kpi_compute(r->db, r->cfg, &q, &rows, &n, err) != 0)
		return -1;
	if (n > 0)
		r->town = rows;
	else
		free(rows);
	if (o->hours == CS_KPI_IN_HOURS) {
		q.hours = CS_KPI_OUT_OF_HOURS;
		rows = NULL;
		if (cs_kpi_compute(r->db, r->cfg, &q, &rows, &n, err) != 0)
			return -1;
		if (n > 0)
			r->night = rows;
		else
			free(rows);
	}

	/* the months of both periods, for the charts */
	q.hours = o->hours;
	q.by_service = 1;
	q.by_period = 1;
	q.period = CS_PERIOD_MONTH;
	q.from = strcmp(o->before_from, o->from) < 0 ? o->before_from : o->from;
	if (cs_chartdb_kpi_csv(r->db, r->cfg, &q, &r->monthly, &r->monthly_len,
	    err) != 0)
		return -1;

	memset(&cq, 0, sizeof(cq));
	cq.before_from = o->before_from;
	cq.before_to = o->before_to;
	cq.after_from = o->from;
	cq.after_to = o->to;
	cq.service = o->service;
	cq.hours = o->hours;
	cq.seed = o->seed;
	cq.resamples = o->resamples ? o->resamples : CS_STATS_RESAMPLES;
	if (cs_compare_run(r->db, r->cfg, &cq, &pr, &r->cmp, &r->ncmp,
	    &cerr) == 0) {
		r->has_before = 1;
		if (cs_chartdb_compare_rows_csv(r->cmp, r->ncmp, &r->compare_csv,
		    &r->compare_len, err) != 0)
			return -1;
	} else
		snprintf(r->no_before, sizeof(r->no_before), "%s", cerr.msg);
	return cs_db_unchanged(r->db, err);
}

/* ---- the document ---- */

static void
cover(struct cs_report *r)
{
	const struct cs_lang *L = r->L;
	struct cs_datetime dt;
	char made[64], sub[256], small[512], title[512];
	const char *arg[3];
	int wd;

	cs_utc_to_local(r->o->made, &dt, &wd);
	cs_lang_day(L, dt.year, dt.mon, dt.mday, made, sizeof(made));
	arg[0] = r->period;
	cs_lang_fill(L, sub, sizeof(sub), "Telephone reception: the figures "
	    "of {1}", 1, arg);
	arg[0] = made;
	arg[1] = "callstat " CS_VERSION;
	arg[2] = r->before;
	cs_lang_fill(L, small, sizeof(small), "Made on {1} by {2}, from the "
	    "town's phone system and voice bot logs. Compared with {3}.", 3,
	    arg);
	cs_doc_cover(r->d, r->cfg->name, sub, small);

	snprintf(title, sizeof(title), "%s \xe2\x80\x94 %s", r->cfg->name, sub);
	cs_doc_set(r->d, &r->d->title, title);
	cs_doc_set(r->d, &r->d->author, r->cfg->name);
	cs_doc_set(r->d, &r->d->subject, cs_lang_tr(L, "Calls answered, "
	    "waits and the voice bot's work, per service, before and after "
	    "the bot went live"));
	cs_doc_set(r->d, &r->d->footer, title);
	{
		time_t t = (time_t)r->o->made;
		struct tm tm;

		gmtime_r(&t, &tm);
		strftime(r->d->created, sizeof(r->d->created),
		    "%Y-%m-%dT%H:%M:%SZ", &tm);
	}
}

int
cs_report_build(struct cs_doc *d, struct cs_db *db,
    const struct cs_config *cfg, struct cs_report_opts *o,
    struct cs_error *err)
{
	struct cs_report r;
	int rc = -1;

	memset(&r, 0, sizeof(r));
	r.d = d;
	r.db = db;
	r.cfg = cfg;
	r.o = o;
	r.L = o->L;
	if (settle(db, o, &r.year_before, err) != 0)
		return -1;
	span_words(r.L, o->from, o->to, r.period, sizeof(r.period));
	span_words(r.L, o->before_from, o->before_to, r.before,
	    sizeof(r.before));
	if (gather(&r, err) != 0)
		goto out;
	snprintf(d->lang, sizeof(d->lang), "%s", r.L->code);
	d->page_word = cs_lang_tr(r.L, "Page");
	d->toc_word = cs_lang_tr(r.L, "Contents");
	cover(&r);
	cs_doc_toc(d);
	if (cs_report_summary(&r, err) != 0)
		goto out;
	/* a period without a call: the summary said so; no page of empty
	   charts */
	if (r.town != NULL && (cs_report_services(&r, err) != 0 ||
	    (o->service == NULL && cs_report_town(&r, err) != 0)))
		goto out;
	/* what the figures mean and what the records lack, even when the
	   period had no call */
	if (cs_report_method(d, cfg, r.L, o->seed, o->resamples, err) != 0 ||
	    cs_report_quality(d, db, cfg, o->from[0] ? o->from : NULL,
	    o->to[0] ? o->to : NULL, r.L, err) != 0)
		goto out;
	rc = cs_doc_ok(d, err);
out:
	free(r.cmp);
	free(r.svc);
	free(r.town);
	free(r.night);
	free(r.monthly);
	free(r.compare_csv);
	return rc;
}
