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
	"       [--patience seconds] [--pbx name[,name...]]\n"
	"       [--presence before[,after]] [--seed n]\n"
	"       [--staffing factor] [--times local|utc] [--withheld share]\n"
	"       --from date --to date -o directory";

static void
help(void)
{
	printf("usage: %s\n\n"
	    "Writes a town's calls over a period, as its Asterisk PBX would have\n"
	    "logged them, into DIRECTORY/Master.csv and DIRECTORY/queue_log (or as\n"
	    "another PBX would: --pbx), and\n"
	    "what became of each call into DIRECTORY/truth.csv; once its bot is\n"
	    "live, the bot's sessions into DIRECTORY/transcripts.jsonl (bot-jsonl)\n"
	    "and their truth into DIRECTORY/truth_sessions.csv.  The town is that\n"
	    "of the configuration: its services, numbers, queues, extensions,\n"
	    "hours, intents, bot and go-live.  The same seed and options give the\n"
	    "same bytes.\n\n"
	    "      --agents N          agents per queue (default: from the load)\n"
	    "  -c, --config FILE       configuration (default $CALLSTAT_CONFIG,\n"
	    "                          ./callstat.conf, /etc/callstat/callstat.conf)\n"
	    "      --calls-per-day N   new calls on an ordinary weekday (default 500)\n"
	    "      --columns N         Master.csv columns: 16, 18 or 21 (default 18)\n"
	    "      --containment P     share of the bot's in-hours calls it settles\n"
	    "                          alone (default 0.55)\n"
	    "      --from DATE         first day: YYYY-MM-DD, YYYY-MM or YYYY\n"
	    "  -h, --help              this help\n"
	    "  -o, --output DIR        where to write the files\n"
	    "      --patience S        mean seconds a caller waits in a queue (75)\n"
	    "      --pbx NAMES         the PBXs whose logs to write, comma-separated:\n"
	    "                          asterisk (Master.csv, queue_log), freeswitch\n"
	    "                          (freeswitch.csv), cel (cel.csv), generic\n"
	    "                          (generic.csv), 3cx (3cx-cdr.log), smdr\n"
	    "                          (smdr.csv), cucm (cdr.csv); default\n"
	    "                          asterisk\n"
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

enum { O_AGENTS = CS_OPT_TOOL, O_CPD, O_COLUMNS, O_CONTAIN, O_PATIENCE, O_POP,
	O_PBX, O_PRESENCE, O_SEED, O_STAFFING, O_TIMES, O_WITHHELD };

/* What the command line asks for. */
struct args {
	struct cs_tool_opts o;		/* -c, -o DIR, --from, --to */
	struct cs_synth_opts so;
	int quiet, sized, times_set;
};

/* --presence B[,A]. */
static int
presence_arg(const char *arg, struct cs_synth_opts *so)
{
	char a[64];
	char *comma;

	snprintf(a, sizeof(a), "%s", arg);
	if ((comma = strchr(a, ',')) != NULL)
		*comma++ = '\0';
	if (num_arg("--presence", a, 0.01, 1, &so->presence[0]) != 0)
		return -1;
	so->presence[1] = so->presence[0];
	if (comma != NULL && num_arg("--presence", comma, 0.01, 1,
	    &so->presence[1]) != 0)
		return -1;
	return 0;
}

/* --seed N. */
static int
seed_arg(const char *arg, struct cs_synth_opts *so)
{
	char *end;

	errno = 0;
	so->seed = strtoull(arg, &end, 10);
	if (errno != 0 || end == arg || *end != '\0' || arg[0] == '-') {
		cs_usage_error(synopsis, "--seed: '%s' is not a number from 0 "
		    "to %llu", arg, ULLONG_MAX);
		return -1;
	}
	return 0;
}

/* --pbx: the writers named, a bit each (synth.h's cs_synth_pbxs[]). */
static int
pbx_arg(const char *arg, struct cs_synth_opts *so)
{
	const char *p = arg;

	so->pbx = 0;
	for (;;) {
		size_t n = strcspn(p, ",");
		char name[32], names[128];
		int i;

		snprintf(name, sizeof(name), "%.*s", (int)n, p);
		if (n >= sizeof(name) || (i = cs_synth_pbx_find(name)) < 0) {
			cs_synth_pbx_names(names, sizeof(names));
			cs_usage_error(synopsis, "--pbx: '%.*s': give one or "
			    "more of %s, comma-separated", (int)n, p, names);
			return -1;
		}
		so->pbx |= 1u << i;
		if (p[n] == '\0')
			return 0;
		p += n + 1;
	}
}

/* One of the town's options (ch) into a; -1 after a usage message. */
static int
town_arg(struct args *a, int ch, const char *arg)
{
	struct cs_synth_opts *so = &a->so;
	double v;

	switch (ch) {
	case O_AGENTS:
		if (num_arg("--agents", arg, 1, CS_SYNTH_MAXRING, &v) != 0)
			return -1;
		so->agents = (int)v;
		break;
	case O_CPD:
		if (num_arg("--calls-per-day", arg, 0.01, 1e6, &v) != 0)
			return -1;
		so->calls_per_day = v;
		a->sized++;
		break;
	case O_COLUMNS:
		if (strcmp(arg, "16") != 0 && strcmp(arg, "18") != 0 &&
		    strcmp(arg, "21") != 0) {
			cs_usage_error(synopsis, "--columns: '%s': give 16, 18 "
			    "or 21", arg);
			return -1;
		}
		so->columns = atoi(arg);
		break;
	case O_CONTAIN:
		return num_arg("--containment", arg, 0, 1, &so->containment);
	case O_PATIENCE:
		return num_arg("--patience", arg, 1, 3600, &so->patience);
	case O_POP:
		if (num_arg("--population", arg, 10, 1e8, &v) != 0)
			return -1;
		/* 100,000 to 300,000 calls a year for 30,000 people */
		so->calls_per_day = v / 40.0;
		a->sized++;
		break;
	case O_PBX:
		return pbx_arg(arg, so);
	case O_PRESENCE:
		return presence_arg(arg, so);
	case O_SEED:
		return seed_arg(arg, so);
	case O_STAFFING:
		return num_arg("--staffing", arg, 0.05, 20, &so->staffing);
	case O_TIMES:
		if (strcmp(arg, "local") != 0 && strcmp(arg, "utc") != 0) {
			cs_usage_error(synopsis, "--times: '%s': give local or "
			    "utc", arg);
			return -1;
		}
		so->times_utc = strcmp(arg, "utc") == 0;
		a->times_set = 1;
		break;
	case O_WITHHELD:
		return num_arg("--withheld", arg, 0, 1, &so->withheld);
	default:
		return cs_tool_opt(&a->o, ch, arg);
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
	static const struct option longopts[] = {
		{ "agents", required_argument, NULL, O_AGENTS },
		{ "calls-per-day", required_argument, NULL, O_CPD },
		{ "columns", required_argument, NULL, O_COLUMNS },
		{ "pbx", required_argument, NULL, O_PBX },
		{ "config", required_argument, NULL, 'c' },
		{ "containment", required_argument, NULL, O_CONTAIN },
		{ "from", required_argument, NULL, CS_OPT_FROM },
		{ "help", no_argument, NULL, 'h' },
		{ "output", required_argument, NULL, 'o' },
		{ "patience", required_argument, NULL, O_PATIENCE },
		{ "population", required_argument, NULL, O_POP },
		{ "presence", required_argument, NULL, O_PRESENCE },
		{ "quiet", no_argument, NULL, 'q' },
		{ "seed", required_argument, NULL, O_SEED },
		{ "staffing", required_argument, NULL, O_STAFFING },
		{ "times", required_argument, NULL, O_TIMES },
		{ "to", required_argument, NULL, CS_OPT_TO },
		{ "version", no_argument, NULL, 'V' },
		{ "withheld", required_argument, NULL, O_WITHHELD },
		{ NULL, 0, NULL, 0 },
	};
	int ch;

	memset(a, 0, sizeof(*a));
	cs_tool_opts_init(&a->o, synopsis);
	cs_synth_opts_init(&a->so);
	while ((ch = getopt_long(argc, argv, "c:ho:qV", longopts, NULL)) != -1) {
		switch (ch) {
		case 'h':
			help();
			return CS_EXIT_OK;
		case 'q':
			a->quiet = 1;
			break;
		case 'V':
			return cs_tool_version();
		default:
			if (town_arg(a, ch, optarg) != 0)
				return CS_EXIT_USAGE;
		}
	}
	if (cs_tool_opts_check(&a->o, argc, argv) != 0)
		return CS_EXIT_USAGE;
	if (a->o.from[0] == '\0' || a->o.to[0] == '\0')
		return cs_usage_error(synopsis, "give the period with --from and --to");
	if (a->o.output == NULL || *a->o.output == '\0')
		return cs_usage_error(synopsis, "give the output directory with -o");
	if (a->sized > 1)
		return cs_usage_error(synopsis, "give --calls-per-day or --population, "
		    "not both");
	memcpy(a->so.from, a->o.from, sizeof(a->so.from));
	memcpy(a->so.to, a->o.to, sizeof(a->so.to));
	return -1;
}

int
main(int argc, char **argv)
{
	struct args a;
	struct cs_synth_stats st;
	struct cs_config cfg;
	struct cs_error err;
	int status;

	cs_tool_init("callstat-synth");
	if ((status = parse_args(argc, argv, &a)) >= 0)
		return status;
	if (cs_tool_config(a.o.config, &cfg) != 0)
		return CS_EXIT_FAIL;
	status = CS_EXIT_FAIL;
	if (make_dir(a.o.output) != 0)
		goto out;
	if (!a.times_set)
		a.so.times_utc = cfg.times_utc;
	a.so.cfg = &cfg;
	if (cs_synth_run(&a.so, a.o.output, &st, &err) != 0) {
		cs_warnx("%s", err.msg);
		goto out;
	}
	if (!a.quiet) {
		fprintf(stderr, "callstat-synth: %s to %s: %ld calls (%ld inbound), "
		    "%ld Master.csv rows, %ld queue_log events", a.so.from,
		    a.so.to, st.calls, st.inbound, st.legs, st.events);
		if (st.sessions > 0)
			fprintf(stderr, ", %ld bot sessions (%ld events)",
			    st.sessions, st.bot_events);
		fputc('\n', stderr);
	}
	status = CS_EXIT_OK;
out:
	cs_config_release(&cfg);
	return status;
}
