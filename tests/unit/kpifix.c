/*
 * kpifix.c: the kpi suites' fixture (kpifix.h): the worked example of
 * sample-data/example imported through the library into a temporary
 * database, and the four rows of calls.md.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "calls.h"
#include "import.h"
#include "kpifix.h"
#include "unit.h"

char kpi_tmpdir[256], kpi_dbpath[512];
static char keypath[512];
struct cs_db kpi_db;
struct cs_config kpi_cfg;
struct cs_privacy kpi_priv;
int kpi_setup_ok;
static int db_open, cfg_ok;
long kpi_rejected;

void
kpi_on_reject(void *arg, const char *name, long line, long column,
    const char *msg)
{
	(void)arg;
	fprintf(stderr, "\n  kpi suite: %s:%ld: %s\n", name, line, msg);
	kpi_rejected++;
}

int
kpi_import(const char *rel, struct cs_import_stats *st, struct cs_error *err)
{
	struct cs_import im;
	char path[4096];

	snprintf(path, sizeof(path), "%s", cs_unit_data(rel));
	memset(&im, 0, sizeof(im));
	im.db = &kpi_db;
	im.cfg = &kpi_cfg;
	im.priv = &kpi_priv;
	im.times_utc = kpi_cfg.times_utc;
	im.format = NULL;
	im.reject = kpi_on_reject;
	memset(st, 0, sizeof(*st));
	return cs_import_file(&im, path, st, err);
}

static int
import_one(const char *rel, long want_lines)
{
	struct cs_import_stats st;
	struct cs_error err;

	if (kpi_import(rel, &st, &err) != 0) {
		fprintf(stderr, "kpi suite: %s\n", err.msg);
		return -1;
	}
	if (st.lines != want_lines || st.rejected != 0) {
		fprintf(stderr, "kpi suite: %s: %ld lines, %ld rejected\n", rel,
		    st.lines, st.rejected);
		return -1;
	}
	return 0;
}

int
cs_kpi_fix_init(void)
{
	struct cs_error err;

	snprintf(kpi_tmpdir, sizeof(kpi_tmpdir), "/tmp/cs-test-kpi-XXXXXX");
	if (mkdtemp(kpi_tmpdir) == NULL)
		return -1;
	snprintf(kpi_dbpath, sizeof(kpi_dbpath), "%s/callstat.db", kpi_tmpdir);
	snprintf(keypath, sizeof(keypath), "%s/callstat.db.key", kpi_tmpdir);
	if (cs_config_load(&kpi_cfg, cs_unit_data("sample-data/example/callstat.conf"),
	    &err) != 0) {
		fprintf(stderr, "kpi suite: %s\n", err.msg);
		return 0;	/* the tests fail, naming what is missing */
	}
	cfg_ok = 1;
	if (cs_db_open(&kpi_db, kpi_dbpath, CS_DB_CREATE, &err) != 0) {
		fprintf(stderr, "kpi suite: %s\n", err.msg);
		return 0;
	}
	db_open = 1;
	if (cs_privacy_open(&kpi_priv, keypath, &err) != 0) {
		fprintf(stderr, "kpi suite: %s\n", err.msg);
		return 0;
	}
	if (import_one("sample-data/example/Master.csv", 34) != 0 ||
	    import_one("sample-data/example/queue_log", 32) != 0)
		return 0;
	if (cs_calls_refresh(&kpi_db, &kpi_cfg, NULL, &err) != 0) {
		fprintf(stderr, "kpi suite: %s\n", err.msg);
		return 0;
	}
	kpi_setup_ok = 1;
	return 0;
}

static void
rm_f(const char *suffix)
{
	char p[600];

	snprintf(p, sizeof(p), "%s%s", kpi_dbpath, suffix);
	unlink(p);
}

int
cs_kpi_fix_clean(void)
{
	struct cs_error err;

	if (db_open)
		cs_db_close(&kpi_db, &err);
	if (cfg_ok)
		cs_config_release(&kpi_cfg);
	cs_privacy_release(&kpi_priv);
	rm_f("");
	rm_f("-wal");
	rm_f("-shm");
	rm_f("-journal");
	rm_f(".key");
	rmdir(kpi_tmpdir);
	return 0;
}


/*
 * The four rows of calls.md ("The figures"), in the order of enum
 * cs_kpi_fig: offered answered answer_rate needed_agent agent_answer_rate
 * agent bot abandoned abandon_rate missed voicemail short asa wait_p50
 * wait_p90 human_wait_p90 service_level service_level_answered
 * abandon_wait talk bot_sessions escalated escalation_rate
 * containment_rate containment_24h escalation_answer_rate repeat_24h lost
 * callback_2h callback_24h.
 */
const struct want accueil_feb = { "accueil", "2025-02", {
	V(1), V(1), V(1.0 / 1), V(1), V(1.0 / 1), V(1), V(0), V(0), V(0.0 / 1),
	V(0), V(0), V(0), V(14.0 / 1), V(14), V(14), V(14), V(1.0 / 1),
	V(1.0 / 1), NONE, V(183.0 / 1), V(0), V(0), NONE, NONE, NONE, NONE,
	V(0.0 / 1), V(0), NONE, NONE } };
const struct want urbanisme_feb = { "urbanisme", "2025-02", {
	V(1), V(1), V(1.0 / 1), V(1), V(1.0 / 1), V(1), V(0), V(0), V(0.0 / 1),
	V(0), V(0), V(0), V(18.0 / 1), V(18), V(18), V(18), V(1.0 / 1),
	V(1.0 / 1), NONE, V(222.0 / 1), V(0), V(0), NONE, NONE, NONE, NONE,
	V(0.0 / 1), V(0), NONE, NONE } };
const struct want accueil_mar = { "accueil", "2025-03", {
	V(7), V(4), V(4.0 / 7), V(5), V(2.0 / 5), V(2), V(2), V(1), V(1.0 / 7),
	V(2), V(0), V(1), V(13.0 / 4), V(1), V(9), V(18), V(4.0 / 7),
	V(4.0 / 4), V(100.0 / 1), V(652.0 / 2), V(4), V(2), V(2.0 / 4),
	V(2.0 / 4), V(1.0 / 4), V(1.0 / 2), V(3.0 / 7), V(3), V(0.0 / 3),
	V(1.0 / 3) } };
const struct want urbanisme_mar = { "urbanisme", "2025-03", {
	V(6), V(3), V(3.0 / 6), V(6), V(3.0 / 6), V(3), V(0), V(1), V(1.0 / 6),
	V(1), V(1), V(0), V(52.0 / 3), V(20), V(31), V(31), V(2.0 / 6),
	V(2.0 / 3), V(7.0 / 1), V(1020.0 / 3), V(1), V(1), V(1.0 / 1),
	V(0.0 / 1), NONE, V(1.0 / 1), V(1.0 / 5), V(2), V(1.0 / 2),
	V(1.0 / 2) } };

/* Compares a row with what it should be; says which figure differs. */
void
check_row(const struct cs_kpi_row *r, const struct want *w)
{
	CU_ASSERT_STRING_EQUAL(r->service, w->service);
	CU_ASSERT_STRING_EQUAL(r->period, w->period);
	for (int f = 0; f < CS_KPI_NFIGS; f++) {
		int ok = r->has[f] == w->f[f].has &&
		    (!w->f[f].has || r->v[f] == w->f[f].v);

		CU_ASSERT(ok);
		if (!ok)
			fprintf(stderr, "\n  %s %s %s: got %s%.17g, want %s%.17g\n",
			    w->service, w->period, cs_kpi_name((enum cs_kpi_fig)f),
			    r->has[f] ? "" : "(empty) ", r->v[f],
			    w->f[f].has ? "" : "(empty) ", w->f[f].v);
	}
}

int
compute(const struct cs_kpi_query *q, struct cs_kpi_row **rows, size_t *n)
{
	struct cs_error err;

	*rows = NULL;
	*n = 0;
	if (!kpi_setup_ok)
		return -1;
	if (cs_kpi_compute(&kpi_db, &kpi_cfg, q, rows, n, &err) != 0) {
		fprintf(stderr, "\n  cs_kpi_compute: %s\n", err.msg);
		return -1;
	}
	return 0;
}

void
query_init(struct cs_kpi_query *q, int by_service, int by_period,
    enum cs_period p, enum cs_kpi_hours hours)
{
	memset(q, 0, sizeof(*q));
	q->by_service = by_service;
	q->by_period = by_period;
	q->period = p;
	q->hours = hours;
}

void
check_months(enum cs_kpi_hours hours, const struct want *accueil_march)
{
	struct cs_kpi_query q;
	struct cs_kpi_row *rows;
	size_t n;

	query_init(&q, 1, 1, CS_PERIOD_MONTH, hours);
	CU_ASSERT_FATAL(compute(&q, &rows, &n) == 0);
	CU_ASSERT_EQUAL(n, 4);
	if (n == 4) {
		/* by service as configured, then by period */
		check_row(&rows[0], &accueil_feb);
		check_row(&rows[1], accueil_march);
		check_row(&rows[2], &urbanisme_feb);
		check_row(&rows[3], &urbanisme_mar);
	}
	free(rows);
}
