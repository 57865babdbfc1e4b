/* callstat-kpi: the figures of callstat-kpi(7).  See callstat-kpi(1). */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "kpi.h"
#include "kpi_intent.h"
#include "output.h"
#include "tool.h"

static const char synopsis[] =
	"callstat-kpi [-hV] [-c config] [-d database] [-o file] [-s service]\n"
	"       [--by list] [--figures list] [--from date] [--to date]\n"
	"       [--all-hours | --out-of-hours] [--csv | --tsv | --json]\n"
	"       callstat-kpi --list-figures";

/* The table's figures without --figures: the council's question, in 100
 * columns.  CSV, TSV and JSON write every figure. */
static const enum cs_kpi_fig table_figs[] = {
	CS_KPI_OFFERED, CS_KPI_ANSWERED, CS_KPI_ANSWER_RATE, CS_KPI_AGENT,
	CS_KPI_ABANDON_RATE, CS_KPI_SERVICE_LEVEL, CS_KPI_WAIT_P50,
	CS_KPI_WAIT_P90,
};

static void
help(void)
{
	printf("usage: %s\n\n"
	    "Prints the figures of callstat-kpi(7) per service and/or period,\n"
	    "over the calls in their service's opening hours.\n\n"
	    "      --all-hours      count every call, in hours or not\n"
	    "      --by LIST        group by any of service, day, week, month,\n"
	    "                       year, comma-separated (default: service);\n"
	    "                       or intent alone: the bot's sessions per intent\n"
	    "  -c, --config FILE    configuration\n"
	    "      --csv            CSV with a header line\n"
	    "  -d, --db FILE        database (default $CALLSTAT_DB, ./callstat.db)\n"
	    "      --figures LIST   the figures to print, comma-separated, or all\n"
	    "                       (default: all, or a few in a table)\n"
	    "      --from DATE      first day: YYYY-MM-DD, YYYY-MM or YYYY\n"
	    "  -h, --help           this help\n"
	    "      --json           a JSON array of objects\n"
	    "      --list-figures   print each figure's name and definition\n"
	    "  -o, --output FILE    write to FILE instead of standard output\n"
	    "      --out-of-hours   only the calls outside opening hours\n"
	    "  -s, --service NAME   only this service\n"
	    "      --to DATE        last day: YYYY-MM-DD, YYYY-MM or YYYY\n"
	    "      --tsv            tab-separated values with a header line\n"
	    "  -V, --version        print the version\n\n"
	    "Without --csv, --tsv or --json: an aligned table, rates in percent.\n"
	    "Exit status: 0 success, 1 failure, 2 usage error.\n", synopsis);
}

static void
list_figures(void)
{
	for (int f = 0; f < CS_KPI_NFIGS; f++)
		printf("%-22s  %s\n", cs_kpi_name(f), cs_kpi_definition(f));
}

/* Reads --by into q; returns -1 (after a usage message) on a bad word. */
static int
parse_by(const char *arg, struct cs_kpi_query *q)
{
	static const char *const periods[] = { "day", "week", "month", "year" };
	char copy[256], *save = NULL, *w;

	q->by_service = 0;
	q->by_period = 0;
	q->by_intent = 0;
	snprintf(copy, sizeof(copy), "%s", arg);
	for (w = strtok_r(copy, ",", &save); w != NULL; w = strtok_r(NULL, ",", &save)) {
		int found = 0;

		if (strcmp(w, "service") == 0) {
			q->by_service = 1;
			continue;
		}
		if (strcmp(w, "intent") == 0) {
			q->by_intent = 1;
			continue;
		}
		for (int i = 0; i < 4; i++)
			if (strcmp(w, periods[i]) == 0) {
				if (q->by_period) {
					cs_usage_error(synopsis, "--by takes one period "
					    "at most, not both %s and %s",
					    periods[q->period], w);
					return -1;
				}
				q->by_period = 1;
				q->period = (enum cs_period)i;
				found = 1;
			}
		if (!found) {
			cs_usage_error(synopsis, "--by: unknown grouping '%s': use "
			    "service, day, week, month, year or intent", w);
			return -1;
		}
	}
	if (q->by_intent && (q->by_service || q->by_period)) {
		cs_usage_error(synopsis, "--by intent stands alone: the bot's "
		    "sessions per intent have their own figures");
		return -1;
	}
	if (q->by_intent)
		return 0;
	if (!q->by_service && !q->by_period) {
		cs_usage_error(synopsis, "--by needs service, day, week, month or year");
		return -1;
	}
	return 0;
}

/* What the command line asks for. */
struct args {
	struct cs_tool_opts o;
	struct cs_kpi_query q;
	const char *figures;		/* --figures, or NULL */
	int list;			/* --list-figures */
	struct cs_column figcol[CS_KPI_NFIGS];	/* a column per figure */
	size_t fig[CS_KPI_NFIGS];	/* the figures to print, in order */
	size_t nfigs;
};

/* The figures to print: --figures, or a few in a table, or all. */
static int
pick_figures(struct args *a)
{
	struct cs_error err;

	for (int f = 0; f < CS_KPI_NFIGS; f++)
		a->figcol[f] = (struct cs_column){ cs_kpi_name(f), NULL,
		    cs_kpi_kind(f) };
	if (a->figures != NULL) {
		if (cs_output_pick(a->figcol, CS_KPI_NFIGS, a->figures, a->fig,
		    &a->nfigs, &err) != 0) {
			cs_usage_error(synopsis, "--figures: %s; 'callstat-kpi "
			    "--list-figures' lists the figures", err.msg);
			return -1;
		}
	} else if (a->o.format == CS_OUT_TABLE) {
		for (size_t i = 0; i < sizeof(table_figs) / sizeof(*table_figs); i++)
			a->fig[a->nfigs++] = table_figs[i];
	} else {
		for (int f = 0; f < CS_KPI_NFIGS; f++)
			a->fig[a->nfigs++] = (size_t)f;
	}
	return 0;
}

/*
 * Reads the command line into a.  Returns -1 to go on, or the exit status
 * (after a usage message, the help or the version).
 */
static int
parse_args(int argc, char **argv, struct args *a)
{
	enum { O_BY = CS_OPT_TOOL, O_FIGURES, O_LIST };
	static const struct option longopts[] = {
		{ "all-hours", no_argument, NULL, CS_OPT_ALL_HOURS },
		{ "by", required_argument, NULL, O_BY },
		{ "config", required_argument, NULL, 'c' },
		{ "csv", no_argument, NULL, CS_OPT_CSV },
		{ "db", required_argument, NULL, 'd' },
		{ "figures", required_argument, NULL, O_FIGURES },
		{ "from", required_argument, NULL, CS_OPT_FROM },
		{ "help", no_argument, NULL, 'h' },
		{ "json", no_argument, NULL, CS_OPT_JSON },
		{ "list-figures", no_argument, NULL, O_LIST },
		{ "out-of-hours", no_argument, NULL, CS_OPT_OUT_OF_HOURS },
		{ "output", required_argument, NULL, 'o' },
		{ "service", required_argument, NULL, 's' },
		{ "to", required_argument, NULL, CS_OPT_TO },
		{ "tsv", no_argument, NULL, CS_OPT_TSV },
		{ "version", no_argument, NULL, 'V' },
		{ NULL, 0, NULL, 0 },
	};
	static const enum cs_kpi_hours hours[] = {
		[CS_TOOL_IN_HOURS] = CS_KPI_IN_HOURS,
		[CS_TOOL_OUT_OF_HOURS] = CS_KPI_OUT_OF_HOURS,
		[CS_TOOL_ALL_HOURS] = CS_KPI_ALL_HOURS,
	};
	int ch;

	memset(a, 0, sizeof(*a));
	cs_tool_opts_init(&a->o, synopsis);
	a->q.by_service = 1;
	while ((ch = getopt_long(argc, argv, "c:d:ho:s:V", longopts, NULL)) != -1) {
		switch (ch) {
		case O_BY:
			if (parse_by(optarg, &a->q) != 0)
				return CS_EXIT_USAGE;
			break;
		case O_FIGURES:
			a->figures = optarg;
			break;
		case 'h':
			help();
			return CS_EXIT_OK;
		case O_LIST:
			a->list = 1;
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
	if (cs_tool_opts_check(&a->o, argc, argv) != 0 || pick_figures(a) != 0)
		return CS_EXIT_USAGE;
	if (a->q.by_intent && a->figures != NULL)
		return cs_usage_error(synopsis, "--figures does not go with --by "
		    "intent, which has figures of its own");
	a->q.from = cs_tool_from(&a->o);
	a->q.to = cs_tool_to(&a->o);
	a->q.hours = hours[a->o.hours];
	return -1;
}

/* The figures, and the out-of-hours calls to show beside them. */
struct result {
	struct cs_kpi_row *rows, *ooh;
	size_t nrows, nooh;
	int beside;
};

static int
compute(struct cs_db *db, const struct cs_config *cfg, const struct args *a,
    struct result *r)
{
	struct cs_error err;

	if (cs_kpi_compute(db, cfg, &a->q, &r->rows, &r->nrows, &err) != 0) {
		cs_warnx("%s", err.msg);
		return -1;
	}
	/* the whole table for people shows the out-of-hours calls beside
	   (callstat-kpi(1)); CSV, TSV and JSON keep to callstat-kpi(7)'s
	   figures */
	r->beside = a->o.format == CS_OUT_TABLE &&
	    a->q.hours == CS_KPI_IN_HOURS && a->figures != NULL &&
	    strcmp(a->figures, "all") == 0;
	if (r->beside) {
		struct cs_kpi_query oq = a->q;

		oq.hours = CS_KPI_OUT_OF_HOURS;
		if (cs_kpi_compute(db, cfg, &oq, &r->ooh, &r->nooh, &err) != 0) {
			cs_warnx("%s", err.msg);
			return -1;
		}
	}
	return 0;
}

/* The columns: a grouping's each asked for, the figures, the beside ones.
 * sltitle (64 bytes) holds service_level's title. */
static size_t
make_columns(const struct args *a, const struct result *r, int sl,
    struct cs_column *col, char *sltitle)
{
	size_t ncols = 0;

	if (a->q.by_service)
		col[ncols++] = (struct cs_column){ "service", NULL, CS_COL_TEXT };
	if (a->q.by_period)
		col[ncols++] = (struct cs_column){ "period", NULL, CS_COL_TEXT };
	/* the threshold under the name: "service_level (20 s)" on one line
	   would not leave the default table 100 columns */
	snprintf(sltitle, 64, "service_level\n(%d s)", sl);
	for (size_t i = 0; i < a->nfigs; i++) {
		col[ncols] = a->figcol[a->fig[i]];
		if (a->fig[i] == CS_KPI_SERVICE_LEVEL)
			col[ncols].title = sltitle;
		ncols++;
	}
	if (r->beside) {
		col[ncols++] = (struct cs_column){ "out_of_hours", NULL, CS_COL_COUNT };
		col[ncols++] = (struct cs_column){ "out_of_hours_answered", NULL,
		    CS_COL_COUNT };
	}
	return ncols;
}

/* Row r's cells, from c on. */
static void
fill_row(const struct args *a, const struct result *res, size_t r,
    struct cs_cell *c)
{
	const struct cs_kpi_row *row = &res->rows[r];

	if (a->q.by_service)
		*c++ = (struct cs_cell){ CS_CELL_TEXT, 0, row->service };
	if (a->q.by_period)
		*c++ = (struct cs_cell){ CS_CELL_TEXT, 0, row->period };
	for (size_t i = 0; i < a->nfigs; i++)
		c[i] = (struct cs_cell){ row->has[a->fig[i]] ? CS_CELL_NUMBER :
		    CS_CELL_EMPTY, row->v[a->fig[i]], NULL };
	if (res->beside) {
		double off = 0, ans = 0;

		for (size_t o = 0; o < res->nooh; o++)
			if (strcmp(res->ooh[o].service, row->service) == 0 &&
			    strcmp(res->ooh[o].period, row->period) == 0) {
				off = res->ooh[o].v[CS_KPI_OFFERED];
				ans = res->ooh[o].v[CS_KPI_ANSWERED];
			}
		c[a->nfigs] = (struct cs_cell){ CS_CELL_NUMBER, off, NULL };
		c[a->nfigs + 1] = (struct cs_cell){ CS_CELL_NUMBER, ans, NULL };
	}
}

/* The figures as a table, written where -o says. */
static int
write_figures(struct cs_db *db, const struct cs_config *cfg,
    const struct args *a, const struct result *r)
{
	struct cs_column col[4 + CS_KPI_NFIGS];
	char sltitle[64];
	struct cs_cell *cells;
	struct cs_error err;
	struct cs_table t;
	int rc = -1;

	t.col = col;
	t.ncols = make_columns(a, r, cfg->service_level, col, sltitle);
	t.nrows = r->nrows;
	if ((cells = calloc(t.nrows * t.ncols + 1, sizeof(*cells))) == NULL) {
		cs_warnx("out of memory");
		return -1;
	}
	for (size_t i = 0; i < r->nrows; i++)
		fill_row(a, r, i, &cells[i * t.ncols]);
	t.cell = cells;
	/* read without locks: no import came meanwhile (db.h) */
	if (cs_db_unchanged(db, &err) != 0)
		cs_warnx("%s", err.msg);
	else if (cs_tool_write(a->o.output, &t, a->o.format) == 0)
		rc = 0;
	free(cells);
	return rc;
}

/* The bot's sessions per intent (--by intent), written where -o says. */
static int
write_intents(struct cs_db *db, const struct args *a)
{
	struct cs_column col[1 + CS_INTENT_NFIGS];
	struct cs_intent_row *rows;
	struct cs_cell *cells;
	struct cs_error err;
	struct cs_table t;
	size_t n;
	int rc = -1;

	if (cs_kpi_intents(db, &a->q, &rows, &n, &err) != 0) {
		cs_warnx("%s", err.msg);
		return -1;
	}
	col[0] = (struct cs_column){ "intent", NULL, CS_COL_TEXT };
	for (int f = 0; f < CS_INTENT_NFIGS; f++)
		col[1 + f] = (struct cs_column){ cs_intent_name(f), NULL,
		    cs_intent_kind(f) };
	t.col = col;
	t.ncols = 1 + CS_INTENT_NFIGS;
	t.nrows = n;
	if ((cells = calloc(n * t.ncols + 1, sizeof(*cells))) == NULL) {
		free(rows);
		cs_warnx("out of memory");
		return -1;
	}
	for (size_t i = 0; i < n; i++) {
		struct cs_cell *c = &cells[i * t.ncols];

		c[0] = (struct cs_cell){ CS_CELL_TEXT, 0, rows[i].intent };
		for (int f = 0; f < CS_INTENT_NFIGS; f++)
			c[1 + f] = (struct cs_cell){ rows[i].has[f] ?
			    CS_CELL_NUMBER : CS_CELL_EMPTY, rows[i].v[f], NULL };
	}
	t.cell = cells;
	if (cs_db_unchanged(db, &err) != 0)
		cs_warnx("%s", err.msg);
	else if (cs_tool_write(a->o.output, &t, a->o.format) == 0)
		rc = 0;
	free(cells);
	free(rows);
	return rc;
}

int
main(int argc, char **argv)
{
	struct args a;
	struct result r = { 0 };
	struct cs_config cfg;
	struct cs_db db;
	struct cs_error err;
	int status;

	cs_tool_init("callstat-kpi");
	if ((status = parse_args(argc, argv, &a)) >= 0)
		return status;
	status = CS_EXIT_FAIL;
	if (a.list) {
		list_figures();
		if (fflush(stdout) != 0 || ferror(stdout)) {
			cs_warnx("standard output: write error");
			return CS_EXIT_FAIL;
		}
		return CS_EXIT_OK;
	}
	if (cs_tool_open_read(a.o.config, a.o.db, &cfg, &db) != 0)
		return CS_EXIT_FAIL;
	if (a.q.service != NULL && strcmp(a.q.service, "other") != 0 &&
	    cs_config_service(&cfg, a.q.service) < 0)
		cs_warnx("no service '%s' in %s", a.q.service, cfg.path);
	else if (a.q.by_intent) {
		if (write_intents(&db, &a) == 0)
			status = CS_EXIT_OK;
	} else if (compute(&db, &cfg, &a, &r) == 0 &&
	    write_figures(&db, &cfg, &a, &r) == 0)
		status = CS_EXIT_OK;
	free(r.rows);
	free(r.ooh);
	if (cs_db_close(&db, &err) != 0) {
		cs_warnx("%s", err.msg);
		status = CS_EXIT_FAIL;
	}
	cs_config_release(&cfg);
	return status;
}
