/* callstat-compare: two periods' figures, with intervals and tests.  See
 * callstat-compare(1). */
#include <errno.h>
#include <getopt.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "compare.h"
#include "output.h"
#include "stats.h"
#include "tool.h"

static const char synopsis[] =
	"callstat-compare [-hV] [-c config] [-d database] [-o file] [-s service]\n"
	"       [--before date..date --after date..date] [--matched]\n"
	"       [--seed n] [--resamples n] [--all-hours] [--csv | --tsv | --json]";

static void
help(void)
{
	printf("usage: %s\n\n"
	    "Compares the figures of callstat-kpi(7) before and after, per\n"
	    "service and for the town: each rate with its Wilson 95 %% interval,\n"
	    "the difference with Newcombe's interval and the z-test's p-value;\n"
	    "the waits with a seeded bootstrap interval and Mann-Whitney's p;\n"
	    "the other counts and means with their difference.\n\n"
	    "      --after RANGE    the second period: DATE..DATE or DATE\n"
	    "      --all-hours      count every call, in hours or not\n"
	    "      --before RANGE   the first period: DATE..DATE or DATE; DATE is\n"
	    "                       YYYY-MM-DD, YYYY-MM or YYYY (default: as many\n"
	    "                       days on each side of [bot] go_live as the\n"
	    "                       data has on both)\n"
	    "  -c, --config FILE    configuration\n"
	    "      --csv            CSV with a header line\n"
	    "  -d, --db FILE        database (default $CALLSTAT_DB, ./callstat.db)\n"
	    "  -h, --help           this help\n"
	    "      --json           a JSON array of objects\n"
	    "      --matched        only the calendar months with calls in both\n"
	    "  -o, --output FILE    write to FILE instead of standard output\n"
	    "      --resamples N    the bootstrap's resamples (default %d)\n"
	    "  -s, --service NAME   only this service\n"
	    "      --seed N         the bootstrap's seed, 0 to 2^53 (default 1)\n"
	    "      --tsv            tab-separated values with a header line\n"
	    "  -V, --version        print the version\n\n"
	    "Without --csv, --tsv or --json: an aligned table, rates in percent,\n"
	    "their changes in points, n.s. where p > 0.05.\n"
	    "Exit status: 0 success, 1 failure, 2 usage error.\n", synopsis,
	    CS_STATS_RESAMPLES);
}

struct args {
	struct cs_tool_opts o;
	struct cs_compare_query q;
	char range[4][11];		/* --before's and --after's days */
	int nbefore, nafter;
};

/* A whole number from lo to hi, for option opt. */
static int
parse_number(const char *opt, const char *arg, unsigned long long lo,
    unsigned long long hi, unsigned long long *v)
{
	char *end;

	errno = 0;
	*v = strtoull(arg, &end, 10);
	if (*arg < '0' || *arg > '9' || *end != '\0' || errno != 0 ||
	    *v < lo || *v > hi)
		return cs_usage_error(synopsis, "%s: '%s' is not a whole number "
		    "from %llu to %llu", opt, arg, lo, hi);
	return 0;
}

/*
 * Reads the command line into a.  Returns -1 to go on, or the exit status
 * (after a usage message, the help or the version).
 */
static int
parse_args(int argc, char **argv, struct args *a)
{
	enum { O_AFTER = CS_OPT_TOOL, O_BEFORE, O_MATCHED, O_RESAMPLES, O_SEED };
	static const struct option longopts[] = {
		{ "after", required_argument, NULL, O_AFTER },
		{ "all-hours", no_argument, NULL, CS_OPT_ALL_HOURS },
		{ "before", required_argument, NULL, O_BEFORE },
		{ "config", required_argument, NULL, 'c' },
		{ "csv", no_argument, NULL, CS_OPT_CSV },
		{ "db", required_argument, NULL, 'd' },
		{ "help", no_argument, NULL, 'h' },
		{ "json", no_argument, NULL, CS_OPT_JSON },
		{ "matched", no_argument, NULL, O_MATCHED },
		{ "output", required_argument, NULL, 'o' },
		{ "resamples", required_argument, NULL, O_RESAMPLES },
		{ "seed", required_argument, NULL, O_SEED },
		{ "service", required_argument, NULL, 's' },
		{ "tsv", no_argument, NULL, CS_OPT_TSV },
		{ "version", no_argument, NULL, 'V' },
		{ NULL, 0, NULL, 0 },
	};
	unsigned long long v;
	int ch;

	memset(a, 0, sizeof(*a));
	cs_tool_opts_init(&a->o, synopsis);
	a->q.seed = 1;
	a->q.resamples = CS_STATS_RESAMPLES;
	while ((ch = getopt_long(argc, argv, "c:d:ho:s:V", longopts, NULL)) != -1) {
		switch (ch) {
		case O_AFTER:
			if (cs_tool_range_arg(synopsis, "--after", optarg, a->range[2],
			    a->range[3]) != 0)
				return CS_EXIT_USAGE;
			a->nafter++;
			break;
		case O_BEFORE:
			if (cs_tool_range_arg(synopsis, "--before", optarg, a->range[0],
			    a->range[1]) != 0)
				return CS_EXIT_USAGE;
			a->nbefore++;
			break;
		case 'h':
			help();
			return CS_EXIT_OK;
		case O_MATCHED:
			a->q.matched = 1;
			break;
		case O_RESAMPLES:
			if (parse_number("--resamples", optarg, 1, 1000000, &v) != 0)
				return CS_EXIT_USAGE;
			a->q.resamples = (int)v;
			break;
		case O_SEED:
			/* up to 2^53: CSV and JSON write the seed as a number,
			   which a double holds exactly up to there */
			if (parse_number("--seed", optarg, 0, CS_COMPARE_SEED_MAX,
			    &v) != 0)
				return CS_EXIT_USAGE;
			a->q.seed = (uint64_t)v;
			break;
		case 's':
			a->q.service = optarg;
			break;
		case 'V':
			return cs_tool_version();
		default:
			if (cs_tool_opt(&a->o, ch, optarg) != 0)
				return CS_EXIT_USAGE;
		}
	}
	if (cs_tool_opts_check(&a->o, argc, argv) != 0)
		return CS_EXIT_USAGE;
	if (a->nbefore > 1 || a->nafter > 1)
		return cs_usage_error(synopsis, "--before and --after take one "
		    "period each");
	if (a->nbefore != a->nafter)
		return cs_usage_error(synopsis, "--%s needs --%s too (or give "
		    "neither: the split at go_live)",
		    a->nbefore ? "before" : "after", a->nbefore ? "after" : "before");
	if (a->nbefore) {
		if (strcmp(a->range[1], a->range[2]) >= 0)
			return cs_usage_error(synopsis, "--before must end before "
			    "--after starts (%s..%s, %s..%s)", a->range[0],
			    a->range[1], a->range[2], a->range[3]);
		a->q.before_from = a->range[0];
		a->q.before_to = a->range[1];
		a->q.after_from = a->range[2];
		a->q.after_to = a->range[3];
	}
	a->q.hours = a->o.hours == CS_TOOL_ALL_HOURS ? CS_KPI_ALL_HOURS :
	    CS_KPI_IN_HOURS;
	return -1;
}

/* ---- the table for people ---- */

/* The cells' texts, 32 bytes each, owned by the table's writer. */
#define TEXTW 32

static void
value_text(enum cs_col_kind k, const struct cs_compare_row *r,
    enum cs_compare_val v, char *buf)
{
	if (!r->has[v]) {
		*buf = '\0';
		return;
	}
	if (k == CS_COL_RATE)
		snprintf(buf, TEXTW, "%.1f %%", r->v[v] * 100);
	else if (k == CS_COL_SECONDS)
		snprintf(buf, TEXTW, "%.1f s", r->v[v]);
	else
		snprintf(buf, TEXTW, "%.0f", r->v[v]);
}

/* A change: points for a rate, seconds for a wait. */
static void
change_text(enum cs_col_kind k, double v, char *buf)
{
	if (k == CS_COL_RATE)
		snprintf(buf, TEXTW, "%+.1f pt", v * 100);
	else if (k == CS_COL_SECONDS)
		snprintf(buf, TEXTW, "%+.1f s", v);
	else
		snprintf(buf, TEXTW, "%+.0f", v);
}

static void
interval_text(enum cs_col_kind k, const struct cs_compare_row *r, char *buf)
{
	double f = k == CS_COL_RATE ? 100 : 1;

	*buf = '\0';
	if (r->has[CS_CMP_DIFF_LOW])
		snprintf(buf, TEXTW, "%+.1f to %+.1f", r->v[CS_CMP_DIFF_LOW] * f,
		    r->v[CS_CMP_DIFF_HIGH] * f);
}

static void
p_text(const struct cs_compare_row *r, char *buf, char *mark)
{
	double p = r->v[CS_CMP_P_VALUE];

	*buf = *mark = '\0';
	if (!r->has[CS_CMP_P_VALUE])
		return;
	if (p < 0.001)
		snprintf(buf, TEXTW, "<0.001");
	else
		snprintf(buf, TEXTW, "%.3f", p);
	if (p > 0.05)
		snprintf(mark, TEXTW, "n.s.");
}

static int
write_table(FILE *fp, const struct args *a, const struct cs_compare_periods *p,
    const struct cs_compare_row *rows, size_t nrows, int sl,
    struct cs_error *err)
{
	static const struct cs_column col[] = {
		{ "service", NULL, CS_COL_TEXT },
		{ "figure", NULL, CS_COL_TEXT },
		{ "before", NULL, CS_COL_COUNT },
		{ "before_n", "n", CS_COL_COUNT },
		{ "after", NULL, CS_COL_COUNT },
		{ "after_n", "n", CS_COL_COUNT },
		{ "diff", "change", CS_COL_COUNT },
		{ "interval", "95 % interval", CS_COL_COUNT },
		{ "p_value", "p", CS_COL_COUNT },
		{ "mark", "", CS_COL_TEXT },
	};
	enum { NC = sizeof(col) / sizeof(col[0]) };
	struct cs_table t = { col, NC, NULL, nrows };
	char *text = NULL;
	int rc = -1;

	if ((t.cell = calloc(nrows * NC + 1, sizeof(*t.cell))) == NULL ||
	    (text = calloc(nrows * NC + 1, TEXTW)) == NULL) {
		cs_error_set(err, "out of memory");
		goto out;
	}
	for (size_t i = 0; i < nrows; i++) {
		const struct cs_compare_row *r = &rows[i];
		enum cs_col_kind k = cs_kpi_kind(r->fig);
		struct cs_cell *c = &t.cell[i * NC];
		char *b = &text[i * NC * TEXTW];

		/* T beside the figure, as callstat-kpi(7) asks and
		   callstat-kpi's table does; service_level_answered shares
		   it, unnamed, so that its column stays 22 wide and the
		   table in 100 columns */
		if (r->fig == CS_KPI_SERVICE_LEVEL)
			snprintf(b + 1 * TEXTW, TEXTW, "%s (%d s)",
			    cs_kpi_name(r->fig), sl);
		else
			snprintf(b + 1 * TEXTW, TEXTW, "%s", cs_kpi_name(r->fig));
		value_text(k, r, CS_CMP_BEFORE, b + 2 * TEXTW);
		value_text(CS_COL_COUNT, r, CS_CMP_BEFORE_N, b + 3 * TEXTW);
		value_text(k, r, CS_CMP_AFTER, b + 4 * TEXTW);
		value_text(CS_COL_COUNT, r, CS_CMP_AFTER_N, b + 5 * TEXTW);
		if (r->has[CS_CMP_DIFF])
			change_text(k, r->v[CS_CMP_DIFF], b + 6 * TEXTW);
		interval_text(k, r, b + 7 * TEXTW);
		p_text(r, b + 8 * TEXTW, b + 9 * TEXTW);
		c[0] = (struct cs_cell){ CS_CELL_TEXT, 0, r->service };
		for (int j = 1; j < NC; j++)
			c[j] = b[j * TEXTW] != '\0' || j == NC - 1 ?
			    (struct cs_cell){ CS_CELL_TEXT, 0, b + j * TEXTW } :
			    (struct cs_cell){ CS_CELL_EMPTY, 0, NULL };
	}
	fprintf(fp, "before: %s to %s\nafter:  %s to %s\n", p->before_from,
	    p->before_to, p->after_from, p->after_to);
	if (a->q.matched) {
		fprintf(fp, "months in both periods only:");
		for (int m = 1; m <= 12; m++)
			if (p->months & (1u << m))
				fprintf(fp, " %02d", m);
		fputc('\n', fp);
	}
	fprintf(fp, "calls: %s; waits: bootstrap of %d resamples, seed %" PRIu64
	    "\nrates' changes in points; n.s.: not significant (p > 0.05)\n\n",
	    a->q.hours == CS_KPI_ALL_HOURS ? "all hours" : "in opening hours",
	    a->q.resamples, a->q.seed);
	rc = cs_output_write(fp, &t, CS_OUT_TABLE, err);
out:
	free(t.cell);
	free(text);
	return rc;
}

/* ---- CSV, TSV, JSON: every value, as numbers ---- */

static int
write_data(FILE *fp, enum cs_out_format f, const struct cs_compare_row *rows,
    size_t nrows, struct cs_error *err)
{
	struct cs_column col[2 + CS_CMP_NVALS];
	struct cs_table t = { col, 2 + CS_CMP_NVALS, NULL, nrows };
	int rc;

	col[0] = (struct cs_column){ "figure", NULL, CS_COL_TEXT };
	col[1] = (struct cs_column){ "service", NULL, CS_COL_TEXT };
	for (int v = 0; v < CS_CMP_NVALS; v++)
		col[2 + v] = (struct cs_column){ cs_compare_val_name(v), NULL,
		    CS_COL_COUNT };
	if ((t.cell = calloc(nrows * t.ncols + 1, sizeof(*t.cell))) == NULL)
		return cs_error_set(err, "out of memory");
	for (size_t i = 0; i < nrows; i++) {
		struct cs_cell *c = &t.cell[i * t.ncols];

		c[0] = (struct cs_cell){ CS_CELL_TEXT, 0, cs_kpi_name(rows[i].fig) };
		c[1] = (struct cs_cell){ CS_CELL_TEXT, 0, rows[i].service };
		for (int v = 0; v < CS_CMP_NVALS; v++)
			c[2 + v] = (struct cs_cell){ rows[i].has[v] ?
			    CS_CELL_NUMBER : CS_CELL_EMPTY, rows[i].v[v], NULL };
	}
	rc = cs_output_write(fp, &t, f, err);
	free(t.cell);
	return rc;
}

static int
write_out(struct cs_db *db, const struct args *a, const struct cs_config *cfg,
    const struct cs_compare_periods *p, const struct cs_compare_row *rows,
    size_t nrows)
{
	const char *path = a->o.output;
	int to_stdout = path == NULL || strcmp(path, "-") == 0;
	const char *name = to_stdout ? "standard output" : path;
	struct cs_error err;
	FILE *fp;
	int rc;

	/* read without locks: no import came meanwhile (db.h) */
	if (cs_db_unchanged(db, &err) != 0) {
		cs_warnx("%s", err.msg);
		return -1;
	}
	if ((fp = to_stdout ? stdout : fopen(path, "w")) == NULL) {
		cs_warnx("%s: %s", path, strerror(errno));
		return -1;
	}
	rc = a->o.format == CS_OUT_TABLE ? write_table(fp, a, p, rows, nrows,
	    cfg->service_level, &err) :
	    write_data(fp, a->o.format, rows, nrows, &err);
	if (fclose(fp) != 0 && rc == 0) {
		cs_warnx("%s: write error: %s", name, strerror(errno));
		return -1;
	}
	if (rc != 0) {
		cs_warnx("%s: %s", name, err.msg);
		return -1;
	}
	return 0;
}

int
main(int argc, char **argv)
{
	struct args a;
	struct cs_config cfg;
	struct cs_db db;
	struct cs_error err;
	struct cs_compare_periods periods;
	struct cs_compare_row *rows = NULL;
	size_t nrows = 0;
	int status;

	cs_tool_init("callstat-compare");
	if ((status = parse_args(argc, argv, &a)) >= 0)
		return status;
	status = CS_EXIT_FAIL;
	if (cs_tool_open_read(a.o.config, a.o.db, &cfg, &db) != 0)
		return CS_EXIT_FAIL;
	if (a.q.service != NULL && strcmp(a.q.service, "other") != 0 &&
	    cs_config_service(&cfg, a.q.service) < 0)
		cs_warnx("no service '%s' in %s", a.q.service, cfg.path);
	else if (cs_compare_run(&db, &cfg, &a.q, &periods, &rows, &nrows,
	    &err) != 0)
		cs_warnx("%s", err.msg);
	else if (write_out(&db, &a, &cfg, &periods, rows, nrows) == 0)
		status = CS_EXIT_OK;
	free(rows);
	if (cs_db_close(&db, &err) != 0) {
		cs_warnx("%s", err.msg);
		status = CS_EXIT_FAIL;
	}
	cs_config_release(&cfg);
	return status;
}
