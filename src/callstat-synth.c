/* callstat-synth: a town's calls in the real formats, with their ground
 * truth.  See callstat-synth(1). */
#include <errno.h>
#include <getopt.h>
#include <limits.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "synth/synth.h"
#include "tool.h"

static const char synopsis[] =
	"callstat-synth [-hqV] [-c config] [--agents n] [--calls-per-day n |\n"
	"       --population n] [--columns 16|18|21] [--containment share]\n"
	"       [--patience seconds] [--presence before[,after]] [--seed n]\n"
	"       [--staffing factor] [--times local|utc] [--withheld share]\n"
	"       --from date --to date -o directory";

static void
help(void)
{
	printf("usage: %s\n\n"
	    "Writes a town's calls over a period, as its Asterisk PBX would have\n"
	    "logged them, into DIRECTORY/Master.csv and DIRECTORY/queue_log, and\n"
	    "what became of each call into DIRECTORY/truth.csv.  The town is that\n"
	    "of the configuration: its services, numbers, queues, extensions,\n"
	    "hours, bot and go-live.  The same seed and options give the same bytes.\n\n"
	    "      --agents N          agents per queue (default: from the load)\n"
	    "  -c, --config FILE       configuration (default $CALLSTAT_CONFIG,\n"
	    "                          ./callstat.conf, /etc/callstat/callstat.conf)\n"
	    "      --calls-per-day N   new calls on an ordinary weekday (default 500)\n"
	    "      --columns N         Master.csv columns: 16, 18 or 21 (default 18)\n"
	    "      --containment P     share of the bot's in-hours calls it settles\n"
	    "                          alone (default 0.55)\n"
	    "      --from DATE         first day: YYYY-MM-DD, YYYY-MM or YYYY\n"
	    "  -h, --help              this help\n"
	    "  -o, --output DIR        where to write the three files\n"
	    "      --patience S        mean seconds a caller waits in a queue (75)\n"
	    "      --population N      inhabitants: calls per day from it\n"
	    "      --presence B[,A]    share of opening hours agents are at the\n"
	    "                          phone, before and after go-live (0.6,0.95)\n"
	    "  -q, --quiet             no summary on standard error\n"
	    "      --seed N            the town (default 1)\n"
	    "      --staffing F        agents per erlang of a busy morning (1.3)\n"
	    "      --times local|utc   how Master.csv writes times (default local)\n"
	    "      --to DATE           last day: YYYY-MM-DD, YYYY-MM or YYYY\n"
	    "  -V, --version           print the version\n"
	    "      --withheld P        share of callers who withhold their number (0.05)\n\n"
	    "Exit status: 0 success, 1 failure, 2 usage error.\n", synopsis);
}

/*
 * Makes dir and its missing parents, as mkdir -p (mode 0777 less the
 * umask); an existing directory is fine.  Says why not and returns -1.
 */
static int
make_dir(const char *dir)
{
	char *path = cs_strdup(dir), *p;
	struct stat sb;
	int rc = -1;

	if (path == NULL) {
		cs_warnx("out of memory");
		return -1;
	}
	for (p = path + 1; ; p++) {
		char c = *p;

		if (c != '/' && c != '\0')
			continue;
		*p = '\0';
		if (mkdir(path, 0777) != 0 && errno != EEXIST) {
			cs_warnx("%s: cannot create the directory: %s%s%s", dir,
			    strerror(errno), strcmp(path, dir) != 0 ? " at " : "",
			    strcmp(path, dir) != 0 ? path : "");
			goto out;
		}
		*p = c;
		if (c == '\0')
			break;
	}
	if (stat(dir, &sb) != 0 || !S_ISDIR(sb.st_mode)) {
		cs_warnx("%s: not a directory; give a directory with -o", dir);
		goto out;
	}
	rc = 0;
out:
	free(path);
	return rc;
}

/* A number in [lo, hi] from an option; -1 after a usage message. */
static int
num_arg(const char *opt, const char *arg, double lo, double hi, double *out)
{
	char *end;
	double v;

	errno = 0;
	v = strtod(arg, &end);
	if (errno != 0 || end == arg || *end != '\0' || !isfinite(v) || v < lo || v > hi) {
		cs_usage_error(synopsis, "%s: '%s' is not a number from %g to %g",
		    opt, arg, lo, hi);
		return -1;
	}
	*out = v;
	return 0;
}

int
main(int argc, char **argv)
{
	enum { O_AGENTS = 256, O_CPD, O_COLUMNS, O_CONTAIN, O_FROM, O_PATIENCE,
		O_POP, O_PRESENCE, O_SEED, O_STAFFING, O_TIMES, O_TO, O_WITHHELD };
	static const struct option longopts[] = {
		{ "agents", required_argument, NULL, O_AGENTS },
		{ "calls-per-day", required_argument, NULL, O_CPD },
		{ "columns", required_argument, NULL, O_COLUMNS },
		{ "config", required_argument, NULL, 'c' },
		{ "containment", required_argument, NULL, O_CONTAIN },
		{ "from", required_argument, NULL, O_FROM },
		{ "help", no_argument, NULL, 'h' },
		{ "output", required_argument, NULL, 'o' },
		{ "patience", required_argument, NULL, O_PATIENCE },
		{ "population", required_argument, NULL, O_POP },
		{ "presence", required_argument, NULL, O_PRESENCE },
		{ "quiet", no_argument, NULL, 'q' },
		{ "seed", required_argument, NULL, O_SEED },
		{ "staffing", required_argument, NULL, O_STAFFING },
		{ "times", required_argument, NULL, O_TIMES },
		{ "to", required_argument, NULL, O_TO },
		{ "version", no_argument, NULL, 'V' },
		{ "withheld", required_argument, NULL, O_WITHHELD },
		{ NULL, 0, NULL, 0 },
	};
	const char *config_arg = NULL, *dir = NULL, *conf;
	struct cs_synth_opts o;
	struct cs_synth_stats st;
	struct cs_config cfg;
	struct cs_error err;
	int ch, quiet = 0, have_from = 0, have_to = 0, sized = 0, times_set = 0;
	double v;
	char *end;

	cs_tool_init("callstat-synth");
	cs_synth_opts_init(&o);
	while ((ch = getopt_long(argc, argv, "c:ho:qV", longopts, NULL)) != -1) {
		switch (ch) {
		case O_AGENTS:
			if (num_arg("--agents", optarg, 1, CS_SYNTH_MAXRING, &v) != 0)
				return CS_EXIT_USAGE;
			o.agents = (int)v;
			break;
		case O_CPD:
			if (num_arg("--calls-per-day", optarg, 0.01, 1e6, &v) != 0)
				return CS_EXIT_USAGE;
			o.calls_per_day = v;
			sized++;
			break;
		case O_COLUMNS:
			if (strcmp(optarg, "16") != 0 && strcmp(optarg, "18") != 0 &&
			    strcmp(optarg, "21") != 0)
				return cs_usage_error(synopsis, "--columns: '%s': give "
				    "16, 18 or 21", optarg);
			o.columns = atoi(optarg);
			break;
		case 'c':
			config_arg = optarg;
			break;
		case O_CONTAIN:
			if (num_arg("--containment", optarg, 0, 1, &o.containment) != 0)
				return CS_EXIT_USAGE;
			break;
		case O_FROM:
			if (cs_tool_day_arg(optarg, 0, o.from) != 0)
				return cs_usage_error(synopsis, "--from: bad date '%s': "
				    "write YYYY-MM-DD, YYYY-MM or YYYY", optarg);
			have_from = 1;
			break;
		case 'h':
			help();
			return CS_EXIT_OK;
		case 'o':
			dir = optarg;
			break;
		case O_PATIENCE:
			if (num_arg("--patience", optarg, 1, 3600, &o.patience) != 0)
				return CS_EXIT_USAGE;
			break;
		case O_POP:
			if (num_arg("--population", optarg, 10, 1e8, &v) != 0)
				return CS_EXIT_USAGE;
			/* 100,000 to 300,000 calls a year for 30,000 people */
			o.calls_per_day = v / 40.0;
			sized++;
			break;
		case O_PRESENCE: {
			char a[64];
			char *comma;

			snprintf(a, sizeof(a), "%s", optarg);
			if ((comma = strchr(a, ',')) != NULL)
				*comma++ = '\0';
			if (num_arg("--presence", a, 0.01, 1, &o.presence[0]) != 0)
				return CS_EXIT_USAGE;
			o.presence[1] = o.presence[0];
			if (comma != NULL && num_arg("--presence", comma, 0.01, 1,
			    &o.presence[1]) != 0)
				return CS_EXIT_USAGE;
			break;
		}
		case 'q':
			quiet = 1;
			break;
		case O_SEED:
			errno = 0;
			o.seed = strtoull(optarg, &end, 10);
			if (errno != 0 || end == optarg || *end != '\0' || optarg[0] == '-')
				return cs_usage_error(synopsis, "--seed: '%s' is not a "
				    "number from 0 to %llu", optarg, ULLONG_MAX);
			break;
		case O_STAFFING:
			if (num_arg("--staffing", optarg, 0.05, 20, &o.staffing) != 0)
				return CS_EXIT_USAGE;
			break;
		case O_TIMES:
			if (strcmp(optarg, "local") != 0 && strcmp(optarg, "utc") != 0)
				return cs_usage_error(synopsis, "--times: '%s': give "
				    "local or utc", optarg);
			o.times_utc = strcmp(optarg, "utc") == 0;
			times_set = 1;
			break;
		case O_TO:
			if (cs_tool_day_arg(optarg, 1, o.to) != 0)
				return cs_usage_error(synopsis, "--to: bad date '%s': "
				    "write YYYY-MM-DD, YYYY-MM or YYYY", optarg);
			have_to = 1;
			break;
		case 'V':
			return cs_tool_version();
		case O_WITHHELD:
			if (num_arg("--withheld", optarg, 0, 1, &o.withheld) != 0)
				return CS_EXIT_USAGE;
			break;
		default:
			return cs_usage_error(synopsis, "unknown option");
		}
	}
	if (optind < argc)
		return cs_usage_error(synopsis, "unexpected argument '%s'", argv[optind]);
	if (!have_from || !have_to)
		return cs_usage_error(synopsis, "give the period with --from and --to");
	if (strcmp(o.from, o.to) > 0)
		return cs_usage_error(synopsis, "--from %s is after --to %s", o.from, o.to);
	if (dir == NULL || *dir == '\0')
		return cs_usage_error(synopsis, "give the output directory with -o");
	if (sized > 1)
		return cs_usage_error(synopsis, "give --calls-per-day or --population, "
		    "not both");

	if ((conf = cs_config_find(config_arg)) == NULL) {
		cs_warnx("no configuration file: give one with -c, set "
		    "CALLSTAT_CONFIG, or write ./callstat.conf (see callstat.conf(5))");
		return CS_EXIT_FAIL;
	}
	if (cs_config_load(&cfg, conf, &err) != 0) {
		cs_warnx("%s", err.msg);
		return CS_EXIT_FAIL;
	}
	if (make_dir(dir) != 0) {
		cs_config_release(&cfg);
		return CS_EXIT_FAIL;
	}
	if (!times_set)
		o.times_utc = cfg.times_utc;
	o.cfg = &cfg;
	if (cs_synth_run(&o, dir, &st, &err) != 0) {
		cs_warnx("%s", err.msg);
		cs_config_release(&cfg);
		return CS_EXIT_FAIL;
	}
	if (!quiet)
		fprintf(stderr, "callstat-synth: %s to %s: %ld calls (%ld inbound), "
		    "%ld Master.csv rows, %ld queue_log events\n", o.from, o.to,
		    st.calls, st.inbound, st.legs, st.events);
	cs_config_release(&cfg);
	return CS_EXIT_OK;
}
