/* callstat-calls: the rebuilt calls, one row each.  See callstat-calls(1). */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "calls.h"
#include "output.h"
#include "timeutil.h"
#include "tool.h"

static const char synopsis[] =
	"callstat-calls [-hV] [-c config] [-d database] [-o file] [-s service]\n"
	"       [--from date] [--to date] [--outcome outcome]\n"
	"       [--all-hours | --out-of-hours] [--csv | --tsv | --json]";

static void
help(void)
{
	printf("usage: %s\n\n"
	    "Prints one row per rebuilt inbound call, in the order they started:\n"
	    "its id, local start, service, outcome, wait, human wait, talk,\n"
	    "escalation, hours, and the first 8 characters of the caller's hash.\n\n"
	    "      --all-hours      calls in hours and out of hours\n"
	    "  -c, --config FILE    configuration\n"
	    "      --csv            CSV with a header line\n"
	    "  -d, --db FILE        database (default $CALLSTAT_DB, ./callstat.db)\n"
	    "      --from DATE      first day: YYYY-MM-DD, YYYY-MM or YYYY\n"
	    "  -h, --help           this help\n"
	    "      --json           a JSON array of objects\n"
	    "  -o, --output FILE    write to FILE instead of standard output\n"
	    "      --outcome NAME   only agent, bot, abandoned, short, missed\n"
	    "                       or voicemail calls\n"
	    "      --out-of-hours   only the calls outside opening hours\n"
	    "  -s, --service NAME   only this service\n"
	    "      --to DATE        last day: YYYY-MM-DD, YYYY-MM or YYYY\n"
	    "      --tsv            tab-separated values with a header line\n"
	    "  -V, --version        print the version\n\n"
	    "Exit status: 0 success, 1 failure, 2 usage error.\n", synopsis);
}

static const struct cs_column columns[] = {
	{ "call", NULL, CS_COL_TEXT },
	{ "start", NULL, CS_COL_TEXT },
	{ "service", NULL, CS_COL_TEXT },
	{ "outcome", NULL, CS_COL_TEXT },
	{ "wait", NULL, CS_COL_COUNT },
	{ "human_wait", NULL, CS_COL_COUNT },
	{ "talk", NULL, CS_COL_COUNT },
	{ "escalated", NULL, CS_COL_COUNT },
	{ "in_hours", NULL, CS_COL_COUNT },
	{ "caller", NULL, CS_COL_TEXT },
};
#define NCOLS (sizeof(columns) / sizeof(columns[0]))

/* Text of one row, kept while the table is written. */
struct rowtext {
	char id[96], start[48], service[64], outcome[16], caller[9];
	struct cs_cell num[5];	/* wait, human_wait, talk, escalated, in_hours */
};

static int
valid_outcome(const char *o)
{
	static const char *const names[] = {
		"agent", "bot", "abandoned", "short", "missed", "voicemail"
	};

	for (size_t i = 0; i < sizeof(names) / sizeof(names[0]); i++)
		if (strcmp(o, names[i]) == 0)
			return 1;
	return 0;
}

static void
number_cell(struct cs_cell *c, sqlite3_stmt *st, int col)
{
	if (sqlite3_column_type(st, col) == SQLITE_NULL)
		*c = (struct cs_cell){ CS_CELL_EMPTY, 0, NULL };
	else
		*c = (struct cs_cell){ CS_CELL_NUMBER,
		    (double)sqlite3_column_int64(st, col), NULL };
}

int
main(int argc, char **argv)
{
	static const struct option longopts[] = {
		{ "all-hours", no_argument, NULL, 'A' },
		{ "config", required_argument, NULL, 'c' },
		{ "csv", no_argument, NULL, 'C' },
		{ "db", required_argument, NULL, 'd' },
		{ "from", required_argument, NULL, 'F' },
		{ "help", no_argument, NULL, 'h' },
		{ "json", no_argument, NULL, 'J' },
		{ "out-of-hours", no_argument, NULL, 'O' },
		{ "outcome", required_argument, NULL, 'u' },
		{ "output", required_argument, NULL, 'o' },
		{ "service", required_argument, NULL, 's' },
		{ "to", required_argument, NULL, 'T' },
		{ "tsv", no_argument, NULL, 'S' },
		{ "version", no_argument, NULL, 'V' },
		{ NULL, 0, NULL, 0 },
	};
	const char *config_arg = NULL, *db_arg = NULL, *out_arg = NULL;
	const char *service = NULL, *outcome = NULL, *fromp = NULL, *top = NULL;
	enum cs_out_format fmt = CS_OUT_TABLE;
	int ch, status = CS_EXIT_FAIL, nfmt = 0, hours = 1, nhours = 0, rc;
	char from[11], to[11], sql[1024];
	struct cs_config cfg;
	struct cs_db db;
	struct cs_error err;
	sqlite3_stmt *st = NULL;
	struct cs_cell *cells = NULL;
	struct rowtext *text = NULL;
	size_t n = 0, cap = 0;
	int64_t purged;
	struct cs_table t;

	cs_tool_init("callstat-calls");
	while ((ch = getopt_long(argc, argv, "c:d:ho:s:V", longopts, NULL)) != -1) {
		switch (ch) {
		case 'A':
			hours = -1;
			nhours++;
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
			fromp = from;
			break;
		case 'h':
			help();
			return CS_EXIT_OK;
		case 'J':
			fmt = CS_OUT_JSON;
			nfmt++;
			break;
		case 'O':
			hours = 0;
			nhours++;
			break;
		case 'o':
			out_arg = optarg;
			break;
		case 's':
			service = optarg;
			break;
		case 'S':
			fmt = CS_OUT_TSV;
			nfmt++;
			break;
		case 'T':
			if (cs_tool_day_arg(optarg, 1, to) != 0)
				return cs_usage_error(synopsis, "--to: bad date '%s': "
				    "write YYYY-MM-DD, YYYY-MM or YYYY", optarg);
			top = to;
			break;
		case 'u':
			if (!valid_outcome(optarg))
				return cs_usage_error(synopsis, "unknown outcome '%s': use "
				    "agent, bot, abandoned, short, missed or voicemail",
				    optarg);
			outcome = optarg;
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
	if (fromp != NULL && top != NULL && strcmp(fromp, top) > 0)
		return cs_usage_error(synopsis, "--from %s is after --to %s", fromp, top);

	if (cs_tool_open_read(config_arg, db_arg, &cfg, &db) != 0)
		return CS_EXIT_FAIL;
	if (service != NULL && strcmp(service, "other") != 0 &&
	    cs_config_service(&cfg, service) < 0) {
		cs_warnx("no service '%s' in %s", service, cfg.path);
		goto out;
	}
	/* a purged period has no calls left, and that is no "no calls" */
	if (cs_calls_purged_before(&db, &purged, &err) != 0) {
		cs_warnx("%s", err.msg);
		goto out;
	}
	if (purged > CS_TIME_MIN &&
	    (fromp == NULL || cs_tool_day_start(fromp, 0) < purged)) {
		char day[11];

		cs_period_label(purged, CS_PERIOD_DAY, day, sizeof(day));
		cs_warnx("calls before %s were purged (retention %d months); "
		    "their figures remain in callstat-kpi", day,
		    cfg.retention_months);
	}
	snprintf(sql, sizeof(sql), "SELECT id, start, service, outcome, wait, "
	    "human_wait, talk, escalated, in_hours, substr(caller, 1, 8) "
	    "FROM calls WHERE direction = 'inbound'%s%s%s%s%s "
	    "ORDER BY start, id",
	    hours == 1 ? " AND in_hours = 1" : hours == 0 ? " AND in_hours = 0" : "",
	    fromp != NULL ? " AND start >= :from" : "",
	    top != NULL ? " AND start < :to" : "",
	    service != NULL ? " AND service = :service" : "",
	    outcome != NULL ? " AND outcome = :outcome" : "");
	if (cs_db_prepare(&db, &st, sql, &err) != 0) {
		cs_warnx("%s", err.msg);
		goto out;
	}
	/* local days as instants: the calls table is kept in start order */
	if (fromp != NULL)
		sqlite3_bind_int64(st, sqlite3_bind_parameter_index(st, ":from"),
		    cs_tool_day_start(fromp, 0));
	if (top != NULL)
		sqlite3_bind_int64(st, sqlite3_bind_parameter_index(st, ":to"),
		    cs_tool_day_start(top, 1));
	if (service != NULL)
		sqlite3_bind_text(st, sqlite3_bind_parameter_index(st, ":service"),
		    service, -1, SQLITE_STATIC);
	if (outcome != NULL)
		sqlite3_bind_text(st, sqlite3_bind_parameter_index(st, ":outcome"),
		    outcome, -1, SQLITE_STATIC);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		struct rowtext *x;
		struct cs_datetime dt;

		if (n == cap) {
			size_t nc = cap ? 2 * cap : 256;
			struct cs_cell *ncl = realloc(cells, nc * NCOLS * sizeof(*ncl));
			struct rowtext *nt;

			if (ncl == NULL) {
				cs_warnx("out of memory");
				goto out;
			}
			cells = ncl;
			if ((nt = realloc(text, nc * sizeof(*nt))) == NULL) {
				cs_warnx("out of memory");
				goto out;
			}
			text = nt;
			cap = nc;
		}
		x = &text[n];
		snprintf(x->id, sizeof(x->id), "%s", sqlite3_column_text(st, 0));
		cs_utc_to_local(sqlite3_column_int64(st, 1), &dt, NULL);
		snprintf(x->start, sizeof(x->start), "%04d-%02d-%02d %02d:%02d:%02d",
		    dt.year % 10000, dt.mon % 100, dt.mday % 100, dt.hour % 100,
		    dt.min % 100, dt.sec % 100);
		snprintf(x->service, sizeof(x->service), "%s", sqlite3_column_text(st, 2));
		snprintf(x->outcome, sizeof(x->outcome), "%s", sqlite3_column_text(st, 3));
		snprintf(x->caller, sizeof(x->caller), "%s", sqlite3_column_text(st, 9));
		for (int k = 0; k < 5; k++)
			number_cell(&x->num[k], st, 4 + k);
		n++;
	}
	if (rc != SQLITE_DONE) {
		cs_db_fail(&db, "cannot read the calls", &err);
		cs_warnx("%s", err.msg);
		goto out;
	}
	/* cells point into text, which no longer moves: fill them now */
	for (size_t r = 0; r < n; r++) {
		struct cs_cell *c = &cells[r * NCOLS];

		c[0] = (struct cs_cell){ CS_CELL_TEXT, 0, text[r].id };
		c[1] = (struct cs_cell){ CS_CELL_TEXT, 0, text[r].start };
		c[2] = (struct cs_cell){ CS_CELL_TEXT, 0, text[r].service };
		c[3] = (struct cs_cell){ CS_CELL_TEXT, 0, text[r].outcome };
		for (int k = 0; k < 5; k++)
			c[4 + k] = text[r].num[k];
		if (text[r].caller[0] == '\0')
			c[9] = (struct cs_cell){ CS_CELL_EMPTY, 0, NULL };
		else
			c[9] = (struct cs_cell){ CS_CELL_TEXT, 0, text[r].caller };
	}
	t.col = columns;
	t.ncols = NCOLS;
	t.cell = cells;
	t.nrows = n;
	/* read without locks: no import came meanwhile (db.h) */
	if (cs_db_unchanged(&db, &err) != 0) {
		cs_warnx("%s", err.msg);
		goto out;
	}
	if (cs_tool_write(out_arg, &t, fmt) != 0)
		goto out;
	status = CS_EXIT_OK;
out:
	sqlite3_finalize(st);
	free(cells);
	free(text);
	if (cs_db_close(&db, &err) != 0) {
		cs_warnx("%s", err.msg);
		status = CS_EXIT_FAIL;
	}
	cs_config_release(&cfg);
	return status;
}
