/* callstat-kpi: the figures of callstat-kpi(7).  See callstat-kpi(1). */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "calls.h"
#include "kpi.h"
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
	    "                       year, comma-separated (default: service)\n"
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
	snprintf(copy, sizeof(copy), "%s", arg);
	for (w = strtok_r(copy, ",", &save); w != NULL; w = strtok_r(NULL, ",", &save)) {
		int found = 0;

		if (strcmp(w, "service") == 0) {
			q->by_service = 1;
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
			    "service, day, week, month or year", w);
			return -1;
		}
	}
	if (!q->by_service && !q->by_period) {
		cs_usage_error(synopsis, "--by needs service, day, week, month or year");
		return -1;
	}
	return 0;
}

int
main(int argc, char **argv)
{
	static const struct option longopts[] = {
		{ "all-hours", no_argument, NULL, 'A' },
		{ "by", required_argument, NULL, 'b' },
		{ "config", required_argument, NULL, 'c' },
		{ "csv", no_argument, NULL, 'C' },
		{ "db", required_argument, NULL, 'd' },
		{ "figures", required_argument, NULL, 'G' },
		{ "from", required_argument, NULL, 'F' },
		{ "help", no_argument, NULL, 'h' },
		{ "json", no_argument, NULL, 'J' },
		{ "list-figures", no_argument, NULL, 'L' },
		{ "out-of-hours", no_argument, NULL, 'O' },
		{ "output", required_argument, NULL, 'o' },
		{ "service", required_argument, NULL, 's' },
		{ "to", required_argument, NULL, 'T' },
		{ "tsv", no_argument, NULL, 'S' },
		{ "version", no_argument, NULL, 'V' },
		{ NULL, 0, NULL, 0 },
	};
	const char *config_arg = NULL, *db_arg = NULL, *out_arg = NULL;
	const char *figures_arg = NULL;
	struct cs_kpi_query q;
	enum cs_out_format fmt = CS_OUT_TABLE;
	char from[11], to[11], sltitle[64];
	int ch, status = CS_EXIT_FAIL, nfmt = 0, nhours = 0, list = 0;
	struct cs_config cfg;
	struct cs_db db;
	struct cs_error err;
	struct cs_kpi_row *rows = NULL, *ooh = NULL;
	size_t nrows = 0, nooh = 0, ncols, nfigs = 0;
	struct cs_column col[4 + CS_KPI_NFIGS], figcol[CS_KPI_NFIGS];
	size_t fig[CS_KPI_NFIGS];
	int beside;
	struct cs_cell *cells = NULL;
	struct cs_table t;

	cs_tool_init("callstat-kpi");
	memset(&q, 0, sizeof(q));
	q.by_service = 1;
	q.hours = CS_KPI_IN_HOURS;
	while ((ch = getopt_long(argc, argv, "c:d:ho:s:V", longopts, NULL)) != -1) {
		switch (ch) {
		case 'A':
			q.hours = CS_KPI_ALL_HOURS;
			nhours++;
			break;
		case 'b':
			if (parse_by(optarg, &q) != 0)
				return CS_EXIT_USAGE;
			break;
		case 'c':
			config_arg = optarg;
			break;
		case 'C':
			fmt = CS_OUT_CSV;
			nfmt++;
			break;
		case 'd':
			db_arg = optarg;
			break;
		case 'F':
			if (cs_tool_day_arg(optarg, 0, from) != 0)
				return cs_usage_error(synopsis, "--from: bad date '%s': "
				    "write YYYY-MM-DD, YYYY-MM or YYYY", optarg);
			q.from = from;
			break;
		case 'G':
			figures_arg = optarg;
			break;
		case 'h':
			help();
			return CS_EXIT_OK;
		case 'J':
			fmt = CS_OUT_JSON;
			nfmt++;
			break;
		case 'L':
			list = 1;
			break;
		case 'O':
			q.hours = CS_KPI_OUT_OF_HOURS;
			nhours++;
			break;
		case 'o':
			out_arg = optarg;
			break;
		case 's':
			q.service = optarg;
			break;
		case 'S':
			fmt = CS_OUT_TSV;
			nfmt++;
			break;
		case 'T':
			if (cs_tool_day_arg(optarg, 1, to) != 0)
				return cs_usage_error(synopsis, "--to: bad date '%s': "
				    "write YYYY-MM-DD, YYYY-MM or YYYY", optarg);
			q.to = to;
			break;
		case 'V':
			return cs_tool_version();
		default:
			return cs_usage_error(synopsis, "unknown option");
		}
	}
	if (optind < argc)
		return cs_usage_error(synopsis, "unexpected argument '%s'", argv[optind]);
	if (nfmt > 1)
		return cs_usage_error(synopsis, "give one of --csv, --tsv, --json");
	if (nhours > 1)
		return cs_usage_error(synopsis, "give --all-hours or --out-of-hours, "
		    "not both");
	if (q.from != NULL && q.to != NULL && strcmp(q.from, q.to) > 0)
		return cs_usage_error(synopsis, "--from %s is after --to %s", q.from, q.to);
	for (int f = 0; f < CS_KPI_NFIGS; f++)
		figcol[f] = (struct cs_column){ cs_kpi_name(f), NULL, cs_kpi_kind(f) };
	if (figures_arg != NULL) {
		if (cs_output_pick(figcol, CS_KPI_NFIGS, figures_arg, fig, &nfigs,
		    &err) != 0)
			return cs_usage_error(synopsis, "--figures: %s; "
			    "'callstat-kpi --list-figures' lists the figures", err.msg);
	} else if (fmt == CS_OUT_TABLE) {
		for (size_t i = 0; i < sizeof(table_figs) / sizeof(*table_figs); i++)
			fig[nfigs++] = table_figs[i];
	} else {
		for (int f = 0; f < CS_KPI_NFIGS; f++)
			fig[nfigs++] = (size_t)f;
	}
	if (list) {
		list_figures();
		if (fflush(stdout) != 0 || ferror(stdout)) {
			cs_warnx("standard output: write error");
			return CS_EXIT_FAIL;
		}
		return CS_EXIT_OK;
	}

	if (cs_tool_open_read(config_arg, db_arg, &cfg, &db) != 0)
		return CS_EXIT_FAIL;
	if (q.service != NULL && strcmp(q.service, "other") != 0 &&
	    cs_config_service(&cfg, q.service) < 0) {
		cs_warnx("no service '%s' in %s", q.service, cfg.path);
		goto out;
	}
	if (cs_kpi_compute(&db, &cfg, &q, &rows, &nrows, &err) != 0) {
		cs_warnx("%s", err.msg);
		goto out;
	}
	/* the whole table for people shows the out-of-hours calls beside
	   (kpi.md); CSV, TSV and JSON keep to kpi.md's figures */
	beside = fmt == CS_OUT_TABLE && q.hours == CS_KPI_IN_HOURS &&
	    figures_arg != NULL && strcmp(figures_arg, "all") == 0;
	if (beside) {
		struct cs_kpi_query oq = q;

		oq.hours = CS_KPI_OUT_OF_HOURS;
		if (cs_kpi_compute(&db, &cfg, &oq, &ooh, &nooh, &err) != 0) {
			cs_warnx("%s", err.msg);
			goto out;
		}
	}

	ncols = 0;
	/* a column per grouping asked for, then kpi.md's figures */
	if (q.by_service)
		col[ncols++] = (struct cs_column){ "service", NULL, CS_COL_TEXT };
	if (q.by_period)
		col[ncols++] = (struct cs_column){ "period", NULL, CS_COL_TEXT };
	/* the threshold under the name: "service_level (20 s)" on one line
	   would not leave the default table 100 columns */
	snprintf(sltitle, sizeof(sltitle), "service_level\n(%d s)",
	    cfg.service_level);
	for (size_t i = 0; i < nfigs; i++) {
		col[ncols] = figcol[fig[i]];
		if (fig[i] == CS_KPI_SERVICE_LEVEL)
			col[ncols].title = sltitle;
		ncols++;
	}
	if (beside) {
		col[ncols++] = (struct cs_column){ "out_of_hours", NULL, CS_COL_COUNT };
		col[ncols++] = (struct cs_column){ "out_of_hours_answered", NULL,
		    CS_COL_COUNT };
	}
	cells = calloc(nrows * ncols + 1, sizeof(*cells));
	if (cells == NULL) {
		cs_warnx("out of memory");
		goto out;
	}
	for (size_t r = 0; r < nrows; r++) {
		struct cs_cell *c = &cells[r * ncols];

		if (q.by_service)
			*c++ = (struct cs_cell){ CS_CELL_TEXT, 0, rows[r].service };
		if (q.by_period)
			*c++ = (struct cs_cell){ CS_CELL_TEXT, 0, rows[r].period };
		for (size_t i = 0; i < nfigs; i++)
			c[i] = (struct cs_cell){ rows[r].has[fig[i]] ?
			    CS_CELL_NUMBER : CS_CELL_EMPTY, rows[r].v[fig[i]], NULL };
		if (beside) {
			double off = 0, ans = 0;

			for (size_t o = 0; o < nooh; o++)
				if (strcmp(ooh[o].service, rows[r].service) == 0 &&
				    strcmp(ooh[o].period, rows[r].period) == 0) {
					off = ooh[o].v[CS_KPI_OFFERED];
					ans = ooh[o].v[CS_KPI_ANSWERED];
				}
			c[nfigs] = (struct cs_cell){ CS_CELL_NUMBER, off, NULL };
			c[nfigs + 1] = (struct cs_cell){ CS_CELL_NUMBER, ans, NULL };
		}
	}
	t.col = col;
	t.ncols = ncols;
	t.cell = cells;
	t.nrows = nrows;
	/* read without locks: no import came meanwhile (db.h) */
	if (cs_db_unchanged(&db, &err) != 0) {
		cs_warnx("%s", err.msg);
		goto out;
	}
	if (cs_tool_write(out_arg, &t, fmt) != 0)
		goto out;
	status = CS_EXIT_OK;
out:
	free(cells);
	free(rows);
	free(ooh);
	if (cs_db_close(&db, &err) != 0) {
		cs_warnx("%s", err.msg);
		status = CS_EXIT_FAIL;
	}
	cs_config_release(&cfg);
	return status;
}
