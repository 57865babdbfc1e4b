/*
 * kpifix.h: the kpi suites' fixture (test_kpi.c, test_kpi_ranges.c): the
 * worked example of sample-data/example (34 lines of Master.csv, 32 of
 * queue_log) imported into a temporary database by the suites' init, its
 * configuration, and the figures calls.md works out by hand.
 */
#ifndef CS_UNIT_KPIFIX_H
#define CS_UNIT_KPIFIX_H

#include "config.h"
#include "db.h"
#include "import.h"
#include "kpi.h"
#include "privacy.h"

extern char kpi_tmpdir[256], kpi_dbpath[512];
extern struct cs_db kpi_db;
extern struct cs_config kpi_cfg;
extern struct cs_privacy kpi_priv;
extern int kpi_setup_ok;	/* the example imported and its calls built */
extern long kpi_rejected;	/* lines the import rejected (none) */

int cs_kpi_fix_init(void);
int cs_kpi_fix_clean(void);
/* Imports sample rel (relative to the checkout) into the database. */
int kpi_import(const char *rel, struct cs_import_stats *st,
    struct cs_error *err);
/* An import's reject callback: says the line, counts it. */
void kpi_on_reject(void *arg, const char *name, long line, long column,
    const char *msg);

/* A figure as calls.md gives it: a value, or empty. */
struct fig {
	int has;
	double v;
};
#define V(x) { 1, (double)(x) }
#define NONE { 0, 0 }

struct want {
	const char *service, *period;
	struct fig f[CS_KPI_NFIGS];
};

/* calls.md's four rows (service, month), in hours. */
extern const struct want accueil_feb, urbanisme_feb, accueil_mar,
    urbanisme_mar;

/* Compares a row with what it should be; says which figure differs. */
void check_row(const struct cs_kpi_row *r, const struct want *w);
/* cs_kpi_compute over the example; -1 (said) when it fails. */
int compute(const struct cs_kpi_query *q, struct cs_kpi_row **rows,
    size_t *n);
/* A query by service and/or period p, hours. */
void query_init(struct cs_kpi_query *q, int by_service, int by_period,
    enum cs_period p, enum cs_kpi_hours hours);

/* The rows by service and month (hours: in or all): calls.md's four, with
   accueil's March given (in hours, accueil_mar). */
void check_months(enum cs_kpi_hours hours, const struct want *accueil_march);

#endif
