/* callstat-check: the quality of the PBX's logs, and what the bot's
 * sessions and the PBX's calls say against each other.  See
 * callstat-check(1). */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "check.h"
#include "output.h"
#include "tool.h"

static const char synopsis[] =
	"callstat-check [-hV] [-c config] [-d database] [-o file]\n"
	"       [--from date] [--to date] [--csv | --tsv | --json]";

static void
help(void)
{
	printf("usage: %s\n\n"
	    "Checks the PBX's logs: days missing between busy days, calls stored\n"
	    "twice, a clock set back inside a file, calls no service matched,\n"
	    "queue_log calls the CDRs lack (cdr.conf's unanswered=yes).  The\n"
	    "bot's sessions against the PBX's calls: sessions linked to no call\n"
	    "or to several, calls the bot answered with no session, a session\n"
	    "whose outcome the PBX contradicts, days after go-live with bot\n"
	    "calls and no session.  And the figures that a phone system's\n"
	    "records cannot carry (callstat-kpi leaves them empty).\n"
	    "One line per finding.\n\n"
	    "  -c, --config FILE    configuration\n"
	    "      --csv            CSV with a header line\n"
	    "  -d, --db FILE        database (default $CALLSTAT_DB, ./callstat.db)\n"
	    "      --from DATE      first day: YYYY-MM-DD, YYYY-MM or YYYY\n"
	    "  -h, --help           this help\n"
	    "      --json           a JSON array of objects\n"
	    "  -o, --output FILE    write there instead of standard output\n"
	    "      --to DATE        last day: YYYY-MM-DD, YYYY-MM or YYYY\n"
	    "      --tsv            tab-separated values with a header line\n"
	    "  -V, --version        print the version\n\n"
	    "Exit status: 0 nothing found, 1 something found (or a failure),\n"
	    "2 usage error.  See callstat-check(1).\n", synopsis);
}

/* The findings, their texts copied. */
struct findings {
	struct cs_cell *cell;	/* 4 a finding */
	char **text;
	size_t n, cap;
};

static int
keep(void *arg, const struct cs_finding *f)
{
	struct findings *fs = arg;
	const char *in[4] = { f->day, cs_check_name(f->kind), f->subject,
	    f->detail };

	if (fs->n == fs->cap) {
		size_t cap = fs->cap ? 2 * fs->cap : 64;
		struct cs_cell *nc = realloc(fs->cell, 4 * cap * sizeof(*nc));
		char **nt;

		if (nc == NULL)
			return -1;
		fs->cell = nc;
		if ((nt = realloc(fs->text, 4 * cap * sizeof(*nt))) == NULL)
			return -1;
		fs->text = nt;
		fs->cap = cap;
	}
	for (int i = 0; i < 4; i++) {
		char *t = strdup(in[i]);

		if (t == NULL) {
			while (--i >= 0)
				free(fs->text[4 * fs->n + i]);
			return -1;
		}
		fs->text[4 * fs->n + i] = t;
		fs->cell[4 * fs->n + i] = (struct cs_cell){ CS_CELL_TEXT, 0, t };
	}
	fs->n++;
	return 0;
}

static void
findings_free(struct findings *fs)
{
	for (size_t i = 0; i < 4 * fs->n; i++)
		free(fs->text[i]);
	free(fs->text);
	free(fs->cell);
}

/*
 * Reads the command line into o.  Returns -1 to go on, or the exit status
 * (after a usage message, the help or the version).
 */
static int
parse_args(int argc, char **argv, struct cs_tool_opts *o)
{
	static const struct option longopts[] = {
		{ "config", required_argument, NULL, 'c' },
		{ "csv", no_argument, NULL, CS_OPT_CSV },
		{ "db", required_argument, NULL, 'd' },
		{ "from", required_argument, NULL, CS_OPT_FROM },
		{ "help", no_argument, NULL, 'h' },
		{ "json", no_argument, NULL, CS_OPT_JSON },
		{ "output", required_argument, NULL, 'o' },
		{ "to", required_argument, NULL, CS_OPT_TO },
		{ "tsv", no_argument, NULL, CS_OPT_TSV },
		{ "version", no_argument, NULL, 'V' },
		{ NULL, 0, NULL, 0 },
	};
	int ch;

	cs_tool_opts_init(o, synopsis);
	while ((ch = getopt_long(argc, argv, "c:d:ho:V", longopts, NULL)) != -1) {
		switch (ch) {
		case 'h':
			help();
			return CS_EXIT_OK;
		case 'V':
			return cs_tool_version();
		default:
			if (cs_tool_opt(o, ch, optarg) != 0)
				return CS_EXIT_USAGE;
		}
	}
	return cs_tool_opts_check(o, argc, argv) != 0 ? CS_EXIT_USAGE : -1;
}

int
main(int argc, char **argv)
{
	static const struct cs_column col[] = {
		{ "day", NULL, CS_COL_TEXT },
		{ "check", NULL, CS_COL_TEXT },
		{ "subject", NULL, CS_COL_TEXT },
		{ "detail", NULL, CS_COL_TEXT },
	};
	struct cs_tool_opts o;
	struct findings fs = { 0 };
	struct cs_config cfg;
	struct cs_db db;
	struct cs_error err;
	struct cs_table t;
	int status;

	cs_tool_init("callstat-check");
	if ((status = parse_args(argc, argv, &o)) >= 0)
		return status;
	if (cs_tool_open_read(o.config, o.db, &cfg, &db) != 0)
		return CS_EXIT_FAIL;
	status = CS_EXIT_FAIL;
	if (cs_check_run(&db, &cfg, cs_tool_from(&o), cs_tool_to(&o), keep, &fs,
	    &err) != 0) {
		cs_warnx("%s", err.msg);
	} else {
		t.col = col;
		t.ncols = 4;
		t.cell = fs.cell;
		t.nrows = fs.n;
		if (cs_tool_write(o.output, &t, o.format) == 0)
			status = fs.n > 0 ? CS_EXIT_FAIL : CS_EXIT_OK;
	}
	findings_free(&fs);
	if (cs_db_close(&db, &err) != 0) {
		cs_warnx("%s", err.msg);
		status = CS_EXIT_FAIL;
	}
	cs_config_release(&cfg);
	return status;
}
