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

/* What the command line asks for. */
struct args {
	struct cs_tool_opts o;
	const char *service, *outcome;	/* -s, --outcome, or NULL */
};

/*
 * Reads the command line into a.  Returns -1 to go on, or the exit status
 * (after a usage message, the help or the version).
 */
static int
parse_args(int argc, char **argv, struct args *a)
{
	enum { O_OUTCOME = CS_OPT_TOOL };
	static const struct option longopts[] = {
		{ "all-hours", no_argument, NULL, CS_OPT_ALL_HOURS },
		{ "config", required_argument, NULL, 'c' },
		{ "csv", no_argument, NULL, CS_OPT_CSV },
		{ "db", required_argument, NULL, 'd' },
		{ "from", required_argument, NULL, CS_OPT_FROM },
		{ "help", no_argument, NULL, 'h' },
		{ "json", no_argument, NULL, CS_OPT_JSON },
		{ "out-of-hours", no_argument, NULL, CS_OPT_OUT_OF_HOURS },
		{ "outcome", required_argument, NULL, O_OUTCOME },
		{ "output", required_argument, NULL, 'o' },
		{ "service", required_argument, NULL, 's' },
		{ "to", required_argument, NULL, CS_OPT_TO },
		{ "tsv", no_argument, NULL, CS_OPT_TSV },
		{ "version", no_argument, NULL, 'V' },
		{ NULL, 0, NULL, 0 },
	};
	int ch;

	memset(a, 0, sizeof(*a));
	cs_tool_opts_init(&a->o, synopsis);
	while ((ch = getopt_long(argc, argv, "c:d:ho:s:V", longopts, NULL)) != -1) {
		switch (ch) {
		case 'h':
			help();
			return CS_EXIT_OK;
		case O_OUTCOME:
			if (!valid_outcome(optarg))
				return cs_usage_error(synopsis, "unknown outcome '%s': use "
				    "agent, bot, abandoned, short, missed or voicemail",
				    optarg);
			a->outcome = optarg;
			break;
		case 's':
			a->service = optarg;
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
	return -1;
}

/* Warns when the period asked for reaches into a purged one: a purged
 * period has no calls left, and that is no "no calls". */
static int
warn_purged(struct cs_db *db, const struct cs_config *cfg, const char *from)
{
	struct cs_error err;
	int64_t purged;
	char day[11];

	if (cs_calls_purged_before(db, &purged, &err) != 0) {
		cs_warnx("%s", err.msg);
		return -1;
	}
	if (purged > CS_TIME_MIN &&
	    (from == NULL || cs_tool_day_start(from, 0) < purged)) {
		cs_period_label(purged, CS_PERIOD_DAY, day, sizeof(day));
		cs_warnx("calls before %s were purged (retention %d months); "
		    "their figures remain in callstat-kpi", day,
		    cfg->retention_months);
	}
	return 0;
}

/* The inbound calls a asks for, in start order, as a statement to step. */
static int
select_calls(struct cs_db *db, const struct args *a, sqlite3_stmt **st)
{
	const char *from = cs_tool_from(&a->o), *to = cs_tool_to(&a->o);
	struct cs_error err;
	char sql[1024];

	snprintf(sql, sizeof(sql), "SELECT id, start, service, outcome, wait, "
	    "human_wait, talk, escalated, in_hours, substr(caller, 1, 8) "
	    "FROM calls WHERE direction = 'inbound'%s%s%s%s%s "
	    "ORDER BY start, id",
	    a->o.hours == CS_TOOL_IN_HOURS ? " AND in_hours = 1" :
	    a->o.hours == CS_TOOL_OUT_OF_HOURS ? " AND in_hours = 0" : "",
	    from != NULL ? " AND start >= :from" : "",
	    to != NULL ? " AND start < :to" : "",
	    a->service != NULL ? " AND service = :service" : "",
	    a->outcome != NULL ? " AND outcome = :outcome" : "");
	if (cs_db_prepare(db, st, sql, &err) != 0) {
		cs_warnx("%s", err.msg);
		return -1;
	}
	/* local days as instants: the calls table is kept in start order */
	if (from != NULL)
		sqlite3_bind_int64(*st, sqlite3_bind_parameter_index(*st, ":from"),
		    cs_tool_day_start(from, 0));
	if (to != NULL)
		sqlite3_bind_int64(*st, sqlite3_bind_parameter_index(*st, ":to"),
		    cs_tool_day_start(to, 1));
	if (a->service != NULL)
		sqlite3_bind_text(*st, sqlite3_bind_parameter_index(*st, ":service"),
		    a->service, -1, SQLITE_STATIC);
	if (a->outcome != NULL)
		sqlite3_bind_text(*st, sqlite3_bind_parameter_index(*st, ":outcome"),
		    a->outcome, -1, SQLITE_STATIC);
	return 0;
}

/* The rows read, and their cells once every row is in. */
struct rows {
	struct rowtext *text;
	struct cs_cell *cells;
	size_t n, cap;
};

/* Room for one more row. */
static int
grow(struct rows *r)
{
	size_t nc = r->cap ? 2 * r->cap : 256;
	struct cs_cell *ncl;
	struct rowtext *nt;

	if ((ncl = realloc(r->cells, nc * NCOLS * sizeof(*ncl))) == NULL)
		return -1;
	r->cells = ncl;
	if ((nt = realloc(r->text, nc * sizeof(*nt))) == NULL)
		return -1;
	r->text = nt;
	r->cap = nc;
	return 0;
}

/* Reads the statement's row into x. */
static void
read_row(sqlite3_stmt *st, struct rowtext *x)
{
	struct cs_datetime dt;

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
}

/* Every row of st into r, then the cells. */
static int
read_rows(struct cs_db *db, sqlite3_stmt *st, struct rows *r)
{
	struct cs_error err;
	int rc;

	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		if (r->n == r->cap && grow(r) != 0) {
			cs_warnx("out of memory");
			return -1;
		}
		read_row(st, &r->text[r->n++]);
	}
	if (rc != SQLITE_DONE) {
		cs_db_fail(db, "cannot read the calls", &err);
		cs_warnx("%s", err.msg);
		return -1;
	}
	/* cells point into text, which no longer moves: fill them now */
	for (size_t i = 0; i < r->n; i++) {
		struct cs_cell *c = &r->cells[i * NCOLS];
		const struct rowtext *x = &r->text[i];

		c[0] = (struct cs_cell){ CS_CELL_TEXT, 0, x->id };
		c[1] = (struct cs_cell){ CS_CELL_TEXT, 0, x->start };
		c[2] = (struct cs_cell){ CS_CELL_TEXT, 0, x->service };
		c[3] = (struct cs_cell){ CS_CELL_TEXT, 0, x->outcome };
		for (int k = 0; k < 5; k++)
			c[4 + k] = x->num[k];
		if (x->caller[0] == '\0')
			c[9] = (struct cs_cell){ CS_CELL_EMPTY, 0, NULL };
		else
			c[9] = (struct cs_cell){ CS_CELL_TEXT, 0, x->caller };
	}
	return 0;
}

/* The calls a asks for, written where -o says. */
static int
list_calls(struct cs_db *db, const struct cs_config *cfg, const struct args *a)
{
	sqlite3_stmt *st = NULL;
	struct rows r = { 0 };
	struct cs_error err;
	struct cs_table t;
	int rc = -1;

	if (warn_purged(db, cfg, cs_tool_from(&a->o)) != 0 ||
	    select_calls(db, a, &st) != 0 || read_rows(db, st, &r) != 0)
		goto out;
	t.col = columns;
	t.ncols = NCOLS;
	t.cell = r.cells;
	t.nrows = r.n;
	/* read without locks: no import came meanwhile (db.h) */
	if (cs_db_unchanged(db, &err) != 0) {
		cs_warnx("%s", err.msg);
		goto out;
	}
	if (cs_tool_write(a->o.output, &t, a->o.format) != 0)
		goto out;
	rc = 0;
out:
	sqlite3_finalize(st);
	free(r.cells);
	free(r.text);
	return rc;
}

int
main(int argc, char **argv)
{
	struct args a;
	struct cs_config cfg;
	struct cs_db db;
	struct cs_error err;
	int status;

	cs_tool_init("callstat-calls");
	if ((status = parse_args(argc, argv, &a)) >= 0)
		return status;
	status = CS_EXIT_FAIL;
	if (cs_tool_open_read(a.o.config, a.o.db, &cfg, &db) != 0)
		return CS_EXIT_FAIL;
	if (a.service != NULL && strcmp(a.service, "other") != 0 &&
	    cs_config_service(&cfg, a.service) < 0)
		cs_warnx("no service '%s' in %s", a.service, cfg.path);
	else if (list_calls(&db, &cfg, &a) == 0)
		status = CS_EXIT_OK;
	if (cs_db_close(&db, &err) != 0) {
		cs_warnx("%s", err.msg);
		status = CS_EXIT_FAIL;
	}
	cs_config_release(&cfg);
	return status;
}
