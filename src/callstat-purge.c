/* callstat-purge: deletes the records older than the retention, keeping
 * every figure.  See callstat-purge(1). */
#include <getopt.h>
#include <stdio.h>
#include <string.h>
#include <time.h>

#include "purge.h"
#include "timeutil.h"
#include "tool.h"

static const char synopsis[] =
	"callstat-purge [-hnqV] [-c config] [-d database] [--before date]\n"
	"       [--vacuum]";

static void
help(void)
{
	printf("usage: %s\n\n"
	    "Deletes the calls, legs and queue events older than the retention\n"
	    "(retention_months of callstat.conf(5), 13 by default), in one\n"
	    "transaction, and keeps the totals every figure is made of: the\n"
	    "figures of every day stay what they were.\n\n"
	    "      --before DATE    purge the records before DATE (YYYY-MM-DD or\n"
	    "                       YYYY-MM) instead of those older than the\n"
	    "                       retention\n"
	    "  -c, --config FILE    configuration\n"
	    "  -d, --db FILE        database (default $CALLSTAT_DB, ./callstat.db)\n"
	    "  -h, --help           this help\n"
	    "  -n, --dry-run        say what would go, change nothing\n"
	    "  -q, --quiet          say nothing unless something fails\n"
	    "      --vacuum         then give the space back to the file system\n"
	    "  -V, --version        print the version\n\n"
	    "Exit status: 0 success, 1 failure, 2 usage error.\n", synopsis);
}

static void
day_of(int64_t t, char out[11])
{
	cs_period_label(t, CS_PERIOD_DAY, out, 11);
}

static void
report(const struct cs_purge_count *n, int dry)
{
	char day[11], first[11], last[11];

	day_of(n->before, day);
	if (n->before <= n->already) {
		day_of(n->already, first);
		printf("nothing to purge: the records before %s were purged "
		    "already\n", first);
		return;
	}
	printf("%s the records before %s: %ld legs, %ld queue events, %ld calls",
	    dry ? "would purge" : "purged", day, n->legs, n->events, n->calls);
	if (n->legs + n->events + n->calls > 0) {
		day_of(n->first, first);
		day_of(n->last, last);
		printf(", from %s to %s", first, last);
	}
	printf("\n");
}

int
main(int argc, char **argv)
{
	enum { O_BEFORE = CS_OPT_TOOL, O_VACUUM };
	static const struct option longopts[] = {
		{ "before", required_argument, NULL, O_BEFORE },
		{ "config", required_argument, NULL, 'c' },
		{ "db", required_argument, NULL, 'd' },
		{ "dry-run", no_argument, NULL, 'n' },
		{ "help", no_argument, NULL, 'h' },
		{ "quiet", no_argument, NULL, 'q' },
		{ "vacuum", no_argument, NULL, O_VACUUM },
		{ "version", no_argument, NULL, 'V' },
		{ NULL, 0, NULL, 0 },
	};
	struct cs_tool_opts o;
	char before[11] = "", today[11];
	int ch, dry = 0, quiet = 0, vacuum = 0, status = CS_EXIT_FAIL;
	struct cs_config cfg;
	struct cs_db db;
	struct cs_error err;
	struct cs_purge_count n;
	struct cs_datetime now;
	int64_t t, tnow;

	cs_tool_init("callstat-purge");
	cs_tool_opts_init(&o, synopsis);
	while ((ch = getopt_long(argc, argv, "c:d:hnqV", longopts, NULL)) != -1) {
		switch (ch) {
		case O_BEFORE:
			if (cs_tool_day_arg(optarg, 0, before) != 0 ||
			    strlen(optarg) == 4)
				return cs_usage_error(synopsis, "--before: bad date "
				    "'%s': write YYYY-MM-DD or YYYY-MM", optarg);
			break;
		case 'h':
			help();
			return CS_EXIT_OK;
		case 'n':
			dry = 1;
			break;
		case 'q':
			quiet = 1;
			break;
		case O_VACUUM:
			vacuum = 1;
			break;
		case 'V':
			return cs_tool_version();
		default:
			if (cs_tool_opt(&o, ch, optarg) != 0)
				return CS_EXIT_USAGE;
		}
	}
	if (cs_tool_opts_check(&o, argc, argv) != 0)
		return CS_EXIT_USAGE;
	if (dry && vacuum)
		return cs_usage_error(synopsis, "give --dry-run or --vacuum, not both");

	if (cs_tool_open(o.config, o.db, CS_DB_WRITE, &cfg, &db) != 0)
		return CS_EXIT_FAIL;
	/* today, and the days, in the town's time zone (the configuration's) */
	tnow = (int64_t)time(NULL);
	cs_utc_to_local(tnow, &now, NULL);
	day_of(tnow, today);
	if (before[0] == '\0') {
		cs_purge_retention_day(now.year, now.mon, now.mday,
		    cfg.retention_months, before);
	} else if (strcmp(before, today) > 0) {
		/* everything, and every line of the days to come, would go */
		status = cs_usage_error(synopsis, "--before %s is after today "
		    "(%s)", before, today);
		goto out;
	}
	t = cs_tool_day_start(before, 0);
	if (dry) {
		if (cs_purge_count(&db, t, &n, &err) != 0) {
			cs_warnx("%s", err.msg);
			goto out;
		}
	} else if (cs_purge_run(&db, &cfg, t, &n, &err) != 0) {
		cs_warnx("%s", err.msg);
		goto out;
	}
	if (!quiet || dry)
		report(&n, dry);
	if (vacuum && cs_purge_vacuum(&db, &err) != 0) {
		cs_warnx("%s", err.msg);
		goto out;
	}
	if (fflush(stdout) != 0) {
		cs_warnx("standard output: write error");
		goto out;
	}
	status = CS_EXIT_OK;
out:
	if (cs_db_close(&db, &err) != 0) {
		cs_warnx("%s", err.msg);
		status = CS_EXIT_FAIL;
	}
	cs_config_release(&cfg);
	return status;
}
