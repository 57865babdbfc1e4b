/*
 * report/parts.h: what the report's chapters share while they are built
 * (report.c gathers the figures once; summary.c, service.c and town.c
 * write them in words, tables and charts; say.c writes one value).
 * Private to src/lib/report/.
 */
#ifndef CS_REPORT_PARTS_H
#define CS_REPORT_PARTS_H

#include <stddef.h>

#include "compare.h"
#include "report/method.h"	/* CS_REPORT_MIN_N, said in Methodology */
#include "report/report.h"

struct cs_report {
	struct cs_doc *d;
	struct cs_db *db;
	const struct cs_config *cfg;
	const struct cs_report_opts *o;
	const struct cs_lang *L;
	int has_before;			/* the comparison could be made */
	char no_before[CS_ERROR_MAX];	/* why not, in cs_compare_run's words */
	struct cs_compare_row *cmp;	/* cs_compare_run's rows */
	size_t ncmp;
	struct cs_kpi_row *svc;		/* the period, by service */
	size_t nsvc;
	struct cs_kpi_row *town;	/* the period, every service; NULL: no
					   call */
	struct cs_kpi_row *night;	/* the same out of hours, or NULL */
	char *monthly;			/* callstat-kpi --by service,month --csv
					   of both periods, for the charts */
	size_t monthly_len;
	char *compare_csv;		/* callstat-compare --csv, or NULL */
	size_t compare_len;
	char period[160];		/* "March 2024 – February 2025" */
	char before[160];		/* the same for the comparison */
	int year_before;		/* the comparison is the year before */
};

/* The comparison row of figure f for service (CS_COMPARE_TOWN: the
 * town), or NULL. */
const struct cs_compare_row *cs_report_cmp(const struct cs_report *r,
    const char *service, enum cs_kpi_fig f);

/* The period's figures of a service, or NULL when it had no call. */
const struct cs_kpi_row *cs_report_svc(const struct cs_report *r,
    const char *service);

/* A service's label ("État civil"), its name when it has none; "other":
 * the words for the calls no service matched. */
const char *cs_report_label(const struct cs_report *r, const char *service);

/* ---- say.c: one value in words ---- */

/* The figure's name in the reader's words ("Answer rate", "Service level
 * (20 s)"). */
void cs_say_figure(const struct cs_report *r, enum cs_kpi_fig f, char *buf,
    size_t size);

/* A value of figure f: a rate x/n as "97.8 %" (or "too few calls (12)"
 * when n < CS_REPORT_MIN_N), seconds as "12 s", a count as "3,120"; "—"
 * when it has none.  n is the rate's denominator (NAN: not known). */
void cs_say_value(const struct cs_report *r, enum cs_kpi_fig f, int has,
    double v, double n, char *buf, size_t size);

/* A change of figure f: "+27.7 points", "−3.1 s", "+1,234". */
void cs_say_change(const struct cs_report *r, enum cs_kpi_fig f, double diff,
    char *buf, size_t size);

/* A p-value in words: "p < 0.001", "p = 0.03", or "not significant
 * (p = 0.31)" over 0.05; "" when it has none. */
void cs_say_p(const struct cs_report *r, int has, double p, char *buf,
    size_t size);

/* A count: "3,120". */
void cs_say_count(const struct cs_report *r, double v, char *buf, size_t size);

/* The table of a service's (or the town's) figures before and after. */
void cs_report_cmp_table(struct cs_report *r, const char *service);

/*
 * A paragraph of style saying a rate (answer_rate or agent_answer_rate)
 * of a service or the town: its value, against the period before with
 * the change and its interval, "not significant" when it is not, or
 * "too few calls" (summary.c).
 */
void cs_report_rate_sentence(struct cs_report *r, const char *service,
    enum cs_kpi_fig f, enum cs_doc_style style);

/*
 * Adds chart type of figure (rate, compare; heatmap: "lost" or not) for
 * service (NULL: every one) read from the CSV text as callstat-chart
 * reads it, with callstat-chart's words (service.c).  A chart with no
 * row to draw is said in words instead.
 */
int cs_report_chart(struct cs_report *r, enum cs_chart_type type,
    const char *figure, const char *service, const char *text, size_t len,
    double target, struct cs_error *err);

/* ---- the chapters ---- */
int cs_report_summary(struct cs_report *r, struct cs_error *err);
int cs_report_services(struct cs_report *r, struct cs_error *err);
int cs_report_town(struct cs_report *r, struct cs_error *err);

#endif
