/* callstat-report: the council's report, as an A4 PDF and as one HTML
 * file.  See callstat-report(1). */
#include <errno.h>
#include <getopt.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>
#include <sys/stat.h>

#include "lang.h"
#include "report/html.h"
#include "report/pdf.h"
#include "report/report.h"
#include "stats.h"
#include "tool.h"

static const char synopsis[] =
	"callstat-report [-hqV] [-c config] [-d database] [-s service]\n"
	"       [--from date] [--to date] [--before date..date] [--lang fr|en]\n"
	"       [--all-hours] [--seed n] [--html file] [-o file]";

static void
help(void)
{
	printf("usage: %s\n\n"
	    "Writes the council's report: an A4 PDF (-o) and/or one\n"
	    "self-contained HTML file (--html) with the figures of\n"
	    "callstat-kpi(7) before and after, per service and for the town,\n"
	    "in plain words, tables and charts.\n\n"
	    "      --all-hours      count every call, in hours or not\n"
	    "      --before RANGE   the period compared with: DATE..DATE or DATE\n"
	    "                       (default: the same days a year before)\n"
	    "  -c, --config FILE    configuration\n"
	    "  -d, --db FILE        database (default $CALLSTAT_DB, ./callstat.db)\n"
	    "      --from DATE      the period's first day: YYYY-MM-DD, YYYY-MM or\n"
	    "                       YYYY (default: twelve months that end with\n"
	    "                       the last month holding a call)\n"
	    "  -h, --help           this help\n"
	    "      --html FILE      write the report as HTML to FILE\n"
	    "      --lang fr|en     the report's language (default fr)\n"
	    "  -o, --output FILE    write the PDF to FILE (-: standard output)\n"
	    "  -q, --quiet          say nothing when it worked\n"
	    "  -s, --service NAME   only this service\n"
	    "      --seed N         the bootstrap's seed (default 1)\n"
	    "      --to DATE        the period's last day\n"
	    "  -V, --version        print the version\n\n"
	    "Exit status: 0 success, 1 failure, 2 usage error.\n", synopsis);
}

enum {
	O_BEFORE = CS_OPT_TOOL, O_HTML, O_LANG, O_SEED
};

struct args {
	struct cs_tool_opts o;
	const char *service, *html, *lang;
	char before[2][11];
	unsigned long long seed;
	int quiet;
};

static int
parse_args(int argc, char **argv, struct args *a)
{
	static const struct option longopts[] = {
		{ "all-hours", no_argument, NULL, CS_OPT_ALL_HOURS },
		{ "before", required_argument, NULL, O_BEFORE },
		{ "config", required_argument, NULL, 'c' },
		{ "db", required_argument, NULL, 'd' },
		{ "from", required_argument, NULL, CS_OPT_FROM },
		{ "help", no_argument, NULL, 'h' },
		{ "html", required_argument, NULL, O_HTML },
		{ "lang", required_argument, NULL, O_LANG },
		{ "output", required_argument, NULL, 'o' },
		{ "quiet", no_argument, NULL, 'q' },
		{ "seed", required_argument, NULL, O_SEED },
		{ "service", required_argument, NULL, 's' },
		{ "to", required_argument, NULL, CS_OPT_TO },
		{ "version", no_argument, NULL, 'V' },
		{ NULL, 0, NULL, 0 }
	};
	char *end;
	int ch;

	memset(a, 0, sizeof(*a));
	cs_tool_opts_init(&a->o, synopsis);
	a->seed = 1;
	a->lang = "fr";
	while ((ch = getopt_long(argc, argv, "c:d:ho:qs:V", longopts,
	    NULL)) != -1) {
		switch (ch) {
		case O_BEFORE:
			if (cs_tool_range_arg(synopsis, "--before", optarg,
			    a->before[0], a->before[1]) != 0)
				return CS_EXIT_USAGE;
			break;
		case O_HTML:
			a->html = optarg;
			break;
		case O_LANG:
			if (strcmp(optarg, "fr") != 0 && strcmp(optarg, "en") != 0)
				return cs_usage_error(synopsis, "--lang: '%s' is "
				    "not fr or en", optarg);
			a->lang = optarg;
			break;
		case O_SEED:
			errno = 0;
			a->seed = strtoull(optarg, &end, 10);
			if (errno || end == optarg || *end || *optarg == '-')
				return cs_usage_error(synopsis, "--seed: '%s' is "
				    "not a whole number", optarg);
			break;
		case 'h':
			help();
			return CS_EXIT_OK;
		case 'q':
			a->quiet = 1;
			break;
		case 's':
			a->service = optarg;
			break;
		case 'V':
			return cs_tool_version();
		case CS_OPT_CSV: case CS_OPT_TSV: case CS_OPT_JSON:
		case CS_OPT_OUT_OF_HOURS:
			/* not this tool's */
			return cs_usage_error(synopsis, "unknown option '%s'",
			    argv[optind - 1]);
		default:
			if (cs_tool_opt(&a->o, ch, optarg) != 0)
				return CS_EXIT_USAGE;
			break;
		}
	}
	if (cs_tool_opts_check(&a->o, argc, argv) != 0)
		return CS_EXIT_USAGE;
	if (a->o.output == NULL && a->html == NULL)
		return cs_usage_error(synopsis, "say where to write the report: "
		    "-o FILE.pdf, --html FILE.html, or both");
	if (a->before[0][0] && a->o.from[0] && strcmp(a->before[1],
	    a->o.from) >= 0)
		return cs_usage_error(synopsis, "--before must end before --from "
		    "(%s..%s, %s)", a->before[0], a->before[1], a->o.from);
	return -1;
}

/*
 * Where a report is written: a temporary file beside path, renamed to
 * path only when the whole report was written, so that a failure never
 * leaves half a report under its name; "-": standard output.
 */
struct out {
	const char *path;
	char tmp[PATH_MAX];
	FILE *fp;
};

static int
out_open(struct out *o, const char *path)
{
	struct stat st;
	int fd;

	o->path = path;
	o->tmp[0] = '\0';
	if (strcmp(path, "-") == 0) {
		o->fp = stdout;
		return 0;
	}
	/* a device or a pipe is written as it is: it cannot be renamed */
	if (stat(path, &st) == 0 && !S_ISREG(st.st_mode)) {
		if ((o->fp = fopen(path, "wb")) == NULL) {
			cs_warnx("%s: %s", path, strerror(errno));
			return -1;
		}
		return 0;
	}
	if (snprintf(o->tmp, sizeof(o->tmp), "%s.XXXXXX", path) >=
	    (int)sizeof(o->tmp)) {
		cs_warnx("%s: the name is too long", path);
		return -1;
	}
	if ((fd = mkstemp(o->tmp)) < 0 || (o->fp = fdopen(fd, "wb")) == NULL) {
		cs_warnx("%s: %s", o->tmp, strerror(errno));
		if (fd >= 0)
			close(fd);
		o->tmp[0] = '\0';
		return -1;
	}
	/* readable as a file made with fopen would be */
	{
		mode_t mask = umask(0);
		umask(mask);
		fchmod(fd, 0666 & ~mask);
	}
	return 0;
}

/* Closes o; renames it to its name when ok, else removes it. */
static int
out_close(struct out *o, int ok)
{
	int rc = ok ? 0 : -1;

	if (o->fp == stdout) {
		if (fflush(stdout) != 0 && ok) {
			cs_warnx("standard output: %s", strerror(errno));
			rc = -1;
		}
		return rc;
	}
	if (fclose(o->fp) != 0 && ok) {
		cs_warnx("%s: %s", o->path, strerror(errno));
		rc = -1;
	}
	if (o->tmp[0] == '\0')
		return rc;
	if (rc == 0 && rename(o->tmp, o->path) != 0) {
		cs_warnx("%s: %s", o->path, strerror(errno));
		rc = -1;
	}
	if (rc != 0)
		unlink(o->tmp);
	return rc;
}

/*
 * The PDF made in memory first, then written: cairo is never handed a
 * failed write (a full disk), and a failure leaves nothing under path.
 */
static int
write_pdf(const struct cs_doc *d, const char *path, int *npages)
{
	struct cs_error err;
	struct out out;
	char *buf = NULL;
	size_t len = 0;
	FILE *mem = open_memstream(&buf, &len);
	int rc = -1;

	if (mem == NULL) {
		cs_warnx("out of memory");
		return -1;
	}
	if (cs_doc_pdf(d, mem, npages, &err) != 0) {
		cs_warnx("%s: %s", path, err.msg);
		fclose(mem);
		goto done;
	}
	if (fclose(mem) != 0) {
		cs_warnx("out of memory");
		goto done;
	}
	if (out_open(&out, path) != 0)
		goto done;
	if (fwrite(buf, 1, len, out.fp) != len || fflush(out.fp) != 0) {
		cs_warnx("%s: %s", path, strerror(errno));
		out_close(&out, 0);
		goto done;
	}
	rc = out_close(&out, 1);
done:
	free(buf);
	return rc;
}

/* When the report is made: $SOURCE_DATE_EPOCH (for reproducible
 * reports), else now. */
static int64_t
made_at(void)
{
	const char *s = getenv("SOURCE_DATE_EPOCH");
	char *end;
	long long t;

	if (s != NULL && *s != '\0') {
		errno = 0;
		t = strtoll(s, &end, 10);
		if (errno == 0 && *end == '\0' && t >= 0)
			return t;
		cs_warnx("warning: SOURCE_DATE_EPOCH '%s' is not a number of "
		    "seconds: using the time now", s);
	}
	return (int64_t)time(NULL);
}

int
main(int argc, char **argv)
{
	struct args a;
	struct cs_config cfg;
	struct cs_db db;
	struct cs_lang L;
	struct cs_doc d;
	struct cs_report_opts ro;
	struct cs_error err;
	struct out out;
	int status, npages = 0;

	cs_tool_init("callstat-report");
	if ((status = parse_args(argc, argv, &a)) >= 0)
		return status;
	status = CS_EXIT_FAIL;
	cs_lang_init(&L);
	cs_doc_init(&d);
	if (cs_lang_find(&L, a.lang, &err) != 0) {
		cs_warnx("%s", err.msg);
		return CS_EXIT_FAIL;
	}
	if (cs_tool_open_read(a.o.config, a.o.db, &cfg, &db) != 0) {
		cs_lang_release(&L);
		return CS_EXIT_FAIL;
	}
	if (a.service && cs_config_service(&cfg, a.service) < 0 &&
	    strcmp(a.service, "other") != 0) {
		cs_warnx("%s: no service '%s': name one of its [service NAME] "
		    "sections, or other", cfg.path, a.service);
		goto out;
	}
	memset(&ro, 0, sizeof(ro));
	snprintf(ro.from, sizeof(ro.from), "%s", a.o.from);
	snprintf(ro.to, sizeof(ro.to), "%s", a.o.to);
	snprintf(ro.before_from, sizeof(ro.before_from), "%s", a.before[0]);
	snprintf(ro.before_to, sizeof(ro.before_to), "%s", a.before[1]);
	ro.service = a.service;
	ro.hours = a.o.hours == CS_TOOL_ALL_HOURS ? CS_KPI_ALL_HOURS :
	    CS_KPI_IN_HOURS;
	ro.seed = a.seed;
	ro.resamples = CS_STATS_RESAMPLES;
	ro.made = made_at();
	ro.L = &L;
	if (cs_report_build(&d, &db, &cfg, &ro, &err) != 0) {
		cs_warnx("%s", err.msg);
		goto out;
	}
	if (a.o.output != NULL && write_pdf(&d, a.o.output, &npages) != 0)
		goto out;
	if (a.html != NULL) {
		if (out_open(&out, a.html) != 0)
			goto out;
		if (cs_doc_html(&d, out.fp, &err) != 0) {
			cs_warnx("%s: %s", a.html, err.msg);
			out_close(&out, 0);
			goto out;
		}
		if (out_close(&out, 1) != 0)
			goto out;
	}
	if (!a.quiet && a.o.output != NULL && strcmp(a.o.output, "-") != 0)
		fprintf(stderr, "callstat-report: %s: %d pages, %s to %s\n",
		    a.o.output, npages, ro.from, ro.to);
	status = CS_EXIT_OK;
out:
	if (cs_db_close(&db, &err) != 0) {
		cs_warnx("%s", err.msg);
		status = CS_EXIT_FAIL;
	}
	cs_config_release(&cfg);
	cs_doc_release(&d);
	cs_lang_release(&L);
	return status;
}
