/* callstat-chart: one chart from CSV, to PNG, PDF or SVG.  See
 * callstat-chart(1). */
#include <errno.h>
#include <getopt.h>
#include <limits.h>
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <cairo.h>
#include <cairo-pdf.h>
#include <cairo-svg.h>

#include "chartdata.h"
#include "chartdb.h"
#include "chartwords.h"
#include "config.h"
#include "stats.h"
#include "draw/chart.h"
#include "lang.h"
#include "tool.h"

#ifndef CS_PODIR
#define CS_PODIR "/usr/local/share/callstat/po"
#endif

static const char synopsis[] =
	"callstat-chart [-hV] --type type [-c config] [-d db | -i file]\n"
	"       -o file [-s service] [--from date] [--to date]\n"
	"       [--figure figure] [--format png | pdf | svg] [--width n]\n"
	"       [--height n] [--dpi n] [--title text] [--period text]\n"
	"       [--target percent] [--threshold seconds] [--zoom] [--min-n n]\n"
	"       [--go-live date] [--lang code]";

static void
help(void)
{
	printf("usage: %s\n\n"
	    "Draws one chart from CSV with a header line, as callstat-kpi --csv\n"
	    "writes it (rates as fractions 0-1), read from a file or stdin, or\n"
	    "from the database with -d.\n\n"
	    "  -c, --config FILE    configuration: [bot] go_live, [commune]\n"
	    "                       service_level\n"
	    "  -d, --db FILE        read the database, not CSV: the figures by\n"
	    "                       service and month, or the calls (heatmap)\n"
	    "      --dpi N          the PNG's resolution: text and lines grow\n"
	    "                       with it (default 96)\n"
	    "      --figure RATE    the rate a rate or compare chart shows (default\n"
	    "                       answer_rate); a heatmap's: offered (default)\n"
	    "                       or lost\n"
	    "      --format FMT     png, pdf or svg (default: the output's\n"
	    "                       extension)\n"
	    "      --from DATE      with -d: from this day (YYYY-MM-DD, YYYY-MM\n"
	    "                       or YYYY)\n"
	    "      --go-live DATE   the bot's go-live marker, YYYY-MM-DD\n"
	    "                       (default [bot] go_live with -c)\n"
	    "  -h, --help           this help\n"
	    "      --height N       pixels for PNG (750), points otherwise (595)\n"
	    "  -i, --input FILE     the CSV (default, or -: standard input)\n"
	    "      --lang CODE      fr or en (default: from LANG, else en)\n"
	    "      --min-n N        fewer calls than N: hollow and labelled\n"
	    "                       (default 30)\n"
	    "  -o, --output FILE    the chart; - for standard output\n"
	    "  -s, --service NAME   only this service's rows\n"
	    "      --to DATE        with -d: up to this day\n"
	    "      --target PCT     a rate chart's target line, in percent\n"
	    "      --threshold SEC  a wait chart's service level (default\n"
	    "                       [commune] service_level, else 20)\n"
	    "      --title TEXT     the title (default: the figure's)\n"
	    "      --period TEXT    the periods the caption names, for a compare\n"
	    "                       chart's CSV (from -d: the periods compared)\n"
	    "      --type TYPE      rate, volume, wait, funnel, heatmap (from\n"
	    "                       callstat-calls --csv), or compare (from\n"
	    "                       callstat-compare --csv)\n"
	    "  -V, --version        print the version\n"
	    "      --width N        pixels for PNG (1200), points otherwise (842)\n"
	    "      --zoom           a rate axis around the values, not 0-100 %%\n\n"
	    "Exit status: 0 success, 1 failure, 2 usage error.\n", synopsis);
}

enum fmt { F_NONE, F_PNG, F_PDF, F_SVG };

struct args {
	enum cs_chart_type type;
	int has_type, has_figure;
	const char *config, *input, *output, *service, *figure, *title;
	const char *go_live, *lang, *period;
	enum fmt format;
	struct cs_tool_opts o;		/* -d, --from, --to */
	double width, height, dpi, target, threshold, min_n;
	int zoom;
};

enum {
	O_DPI = CS_OPT_TOOL, O_FIGURE, O_FORMAT, O_GO_LIVE, O_HEIGHT, O_LANG,
	O_MIN_N, O_PERIOD, O_TARGET, O_THRESHOLD, O_TITLE, O_TYPE, O_WIDTH,
	O_ZOOM
};

/* A number from an option, in [lo, hi]; -1 after a usage message. */
static int
num_arg(const char *opt, const char *arg, double lo, double hi, double *v)
{
	char *end;

	errno = 0;
	*v = strtod(arg, &end);
	if (!*arg || *end || errno || !isfinite(*v) || *v < lo || *v > hi) {
		cs_usage_error(synopsis, "%s: '%s' is not a number from %g to %g",
		    opt, arg, lo, hi);
		return -1;
	}
	return 0;
}

static enum fmt
fmt_of(const char *s)
{
	if (!strcasecmp(s, "png"))
		return F_PNG;
	if (!strcasecmp(s, "pdf"))
		return F_PDF;
	if (!strcasecmp(s, "svg"))
		return F_SVG;
	return F_NONE;
}

static int
valid_day(const char *s)
{
	int y, m, d, k = 0;
	return strlen(s) == 10 && sscanf(s, "%4d-%2d-%2d%n", &y, &m, &d, &k) == 3 &&
	    k == 10 && m >= 1 && m <= 12 && d >= 1 && d <= 31;
}

/* Returns -1 when the tool goes on, else its exit status. */
static int
parse_args(int argc, char **argv, struct args *a)
{
	static const struct option opts[] = {
		{ "config", required_argument, NULL, 'c' },
		{ "db", required_argument, NULL, 'd' },
		{ "dpi", required_argument, NULL, O_DPI },
		{ "figure", required_argument, NULL, O_FIGURE },
		{ "format", required_argument, NULL, O_FORMAT },
		{ "from", required_argument, NULL, CS_OPT_FROM },
		{ "go-live", required_argument, NULL, O_GO_LIVE },
		{ "height", required_argument, NULL, O_HEIGHT },
		{ "help", no_argument, NULL, 'h' },
		{ "input", required_argument, NULL, 'i' },
		{ "lang", required_argument, NULL, O_LANG },
		{ "min-n", required_argument, NULL, O_MIN_N },
		{ "output", required_argument, NULL, 'o' },
		{ "service", required_argument, NULL, 's' },
		{ "period", required_argument, NULL, O_PERIOD },
		{ "target", required_argument, NULL, O_TARGET },
		{ "threshold", required_argument, NULL, O_THRESHOLD },
		{ "title", required_argument, NULL, O_TITLE },
		{ "to", required_argument, NULL, CS_OPT_TO },
		{ "type", required_argument, NULL, O_TYPE },
		{ "version", no_argument, NULL, 'V' },
		{ "width", required_argument, NULL, O_WIDTH },
		{ "zoom", no_argument, NULL, O_ZOOM },
		{ NULL, 0, NULL, 0 }
	};
	int ch;

	memset(a, 0, sizeof(*a));
	cs_tool_opts_init(&a->o, synopsis);
	a->figure = "answer_rate";
	a->target = a->threshold = NAN;
	a->min_n = 30;
	a->dpi = 96;
	while ((ch = getopt_long(argc, argv, "c:d:hi:o:s:V", opts, NULL)) != -1) {
		switch (ch) {
		case 'c': a->config = optarg; break;
		case 'h': help(); return CS_EXIT_OK;
		case 'i': a->input = optarg; break;
		case 'o': a->output = optarg; break;
		case 's': a->service = optarg; break;
		case 'V': return cs_tool_version();
		case O_DPI:
			if (num_arg("--dpi", optarg, 24, 1200, &a->dpi) < 0)
				return CS_EXIT_USAGE;
			break;
		case O_FIGURE:
			a->figure = optarg;
			a->has_figure = 1;
			break;
		case O_FORMAT:
			if ((a->format = fmt_of(optarg)) == F_NONE)
				return cs_usage_error(synopsis, "--format: '%s' is "
				    "not png, pdf or svg", optarg);
			break;
		case O_GO_LIVE:
			if (!valid_day(optarg))
				return cs_usage_error(synopsis, "--go-live: '%s' is "
				    "not a date YYYY-MM-DD", optarg);
			a->go_live = optarg;
			break;
		case O_HEIGHT:
			if (num_arg("--height", optarg, 100, 20000, &a->height) < 0)
				return CS_EXIT_USAGE;
			break;
		case O_LANG:
			if (strcmp(optarg, "en") && strcmp(optarg, "fr"))
				return cs_usage_error(synopsis, "--lang: '%s' is not "
				    "fr or en", optarg);
			a->lang = optarg;
			break;
		case O_MIN_N:
			if (num_arg("--min-n", optarg, 0, 1e9, &a->min_n) < 0)
				return CS_EXIT_USAGE;
			break;
		case O_TARGET:
			if (num_arg("--target", optarg, 0, 100, &a->target) < 0)
				return CS_EXIT_USAGE;
			break;
		case O_THRESHOLD:
			if (num_arg("--threshold", optarg, 0, 86400,
			    &a->threshold) < 0)
				return CS_EXIT_USAGE;
			break;
		case O_TITLE: a->title = optarg; break;
		case O_PERIOD: a->period = optarg; break;
		case O_TYPE:
			a->has_type = 1;
			if (!strcmp(optarg, "rate"))
				a->type = CS_CHART_RATE;
			else if (!strcmp(optarg, "volume"))
				a->type = CS_CHART_VOLUME;
			else if (!strcmp(optarg, "wait"))
				a->type = CS_CHART_WAIT;
			else if (!strcmp(optarg, "compare"))
				a->type = CS_CHART_COMPARE;
			else if (!strcmp(optarg, "funnel"))
				a->type = CS_CHART_FUNNEL;
			else if (!strcmp(optarg, "heatmap"))
				a->type = CS_CHART_HEATMAP;
			else
				return cs_usage_error(synopsis, "--type: '%s' is not "
				    "rate, volume, wait, heatmap, compare or funnel",
				    optarg);
			break;
		case O_WIDTH:
			if (num_arg("--width", optarg, 100, 20000, &a->width) < 0)
				return CS_EXIT_USAGE;
			break;
		case O_ZOOM: a->zoom = 1; break;
		case 'd': case CS_OPT_FROM: case CS_OPT_TO:
			if (cs_tool_opt(&a->o, ch, optarg) != 0)
				return CS_EXIT_USAGE;
			break;
		default:
			return cs_usage_error(synopsis, "unknown option");
		}
	}
	if (optind < argc)
		return cs_usage_error(synopsis, "unexpected argument '%s'",
		    argv[optind]);
	if (!a->has_type)
		return cs_usage_error(synopsis, "no --type: rate, volume, wait, "
		    "heatmap, compare or funnel");
	if (a->type == CS_CHART_HEATMAP) {
		if (!a->has_figure)
			a->figure = "offered";
		else if (strcmp(a->figure, "offered") && strcmp(a->figure, "lost"))
			return cs_usage_error(synopsis, "--figure: '%s': a heatmap "
			    "counts the calls offered or lost", a->figure);
	} else if (!cs_chartdata_rate_n(a->figure))
		return cs_usage_error(synopsis, "--figure: '%s' is not a rate of "
		    "callstat-kpi(7) (answer_rate, abandon_rate, service_level, "
		    "containment_rate...)", a->figure);
	if (!a->output)
		return cs_usage_error(synopsis, "no output: give one with -o FILE");
	if (a->o.db && a->input)
		return cs_usage_error(synopsis, "-d and -i: give the database or "
		    "the CSV, not both");
	if (!a->o.db && (a->o.from[0] || a->o.to[0]))
		return cs_usage_error(synopsis, "--from and --to are for -d: cut "
		    "a CSV before it is drawn");
	if (a->o.db && a->type == CS_CHART_COMPARE &&
	    (a->o.from[0] || a->o.to[0]))
		return cs_usage_error(synopsis, "--from and --to: a compare "
		    "chart from -d splits at [bot] go_live as callstat-compare "
		    "does; for other periods, pipe callstat-compare --before "
		    "A..B --after C..D --csv into it");
	if (a->o.from[0] && a->o.to[0] && strcmp(a->o.from, a->o.to) > 0)
		return cs_usage_error(synopsis, "--from %s is after --to %s",
		    a->o.from, a->o.to);
	if (a->format == F_NONE) {
		const char *dot = strrchr(a->output, '.');
		if (!dot || (a->format = fmt_of(dot + 1)) == F_NONE)
			return cs_usage_error(synopsis, "%s: no .png, .pdf or .svg "
			    "extension: say which with --format", a->output);
	}
	if (!isnan(a->target) && a->type != CS_CHART_RATE &&
	    a->type != CS_CHART_COMPARE)
		return cs_usage_error(synopsis, "--target is for a rate chart "
		    "(a wait chart's line is --threshold)");
	if (!isnan(a->threshold) && a->type != CS_CHART_WAIT)
		return cs_usage_error(synopsis, "--threshold is for a wait chart");
	/* the state's target counts the calls a person answered: a line
	   drawn on another rate is the user's choice, said to be one */
	if (!isnan(a->target) && strcmp(a->figure, "agent_answer_rate") != 0)
		fprintf(stderr, "%s: warning: --target %g is drawn on %s; the "
		    "state's target counts the calls a person answered: "
		    "--figure agent_answer_rate\n", cs_tool_name(), a->target,
		    a->figure);
	if (a->format == F_PNG) {
		if (!a->width) a->width = 1200;
		if (!a->height) a->height = 750;
	} else {
		if (!a->width) a->width = 842;
		if (!a->height) a->height = 595;
	}
	return -1;
}

/* The whole of fp into a malloc'd buffer. */
static char *
slurp(FILE *fp, size_t *len)
{
	size_t cap = 65536, n = 0, k;
	char *b = malloc(cap), *p;

	if (!b)
		return NULL;
	while ((k = fread(b + n, 1, cap - n, fp)) > 0) {
		n += k;
		if (n == cap) {
			if (!(p = realloc(b, cap *= 2))) {
				free(b);
				return NULL;
			}
			b = p;
		}
	}
	if (ferror(fp)) {
		free(b);
		return NULL;
	}
	*len = n;
	return b;
}


static cairo_status_t
write_cb(void *closure, const unsigned char *data, unsigned int length)
{
	return fwrite(data, 1, length, closure) == length ?
	    CAIRO_STATUS_SUCCESS : CAIRO_STATUS_WRITE_ERROR;
}

/* Draws c onto a surface of the format asked for, written to out. */
static int
render(const struct args *a, const struct cs_chart *c, FILE *out)
{
	cairo_surface_t *sf = NULL;
	cairo_t *cr = NULL;
	struct cs_error err;
	double scale = a->format == F_PNG ? a->dpi / 96 : 1;
	int rc = -1;

	if (a->format == F_PNG)
		sf = cairo_image_surface_create(CAIRO_FORMAT_RGB24,
		    (int)a->width, (int)a->height);
	else if (a->format == F_PDF)
		sf = cairo_pdf_surface_create_for_stream(write_cb, out, a->width,
		    a->height);
	else
		sf = cairo_svg_surface_create_for_stream(write_cb, out, a->width,
		    a->height);
	cr = cairo_create(sf);
	cairo_scale(cr, scale, scale);
	if (cs_chart_draw(c, cr, a->width / scale, a->height / scale, &err) < 0) {
		cs_warnx("%s", err.msg);
		goto out;
	}
	cairo_show_page(cr);
	if (a->format == F_PNG &&
	    cairo_surface_write_to_png_stream(sf, write_cb, out) !=
	    CAIRO_STATUS_SUCCESS) {
		cs_warnx("%s: cannot write the PNG", a->output);
		goto out;
	}
	cairo_destroy(cr);
	cr = NULL;
	cairo_surface_finish(sf);
	if (cairo_surface_status(sf) != CAIRO_STATUS_SUCCESS) {
		cs_warnx("%s: %s", a->output,
		    cairo_status_to_string(cairo_surface_status(sf)));
		goto out;
	}
	rc = 0;
out:
	if (cr)
		cairo_destroy(cr);
	cairo_surface_destroy(sf);
	return rc;
}

/*
 * -d: the chart's model from the database, through the calls of the tool
 * whose CSV the chart otherwise reads: callstat-kpi's figures by service
 * and month, as CSV in memory, read as that CSV; callstat-calls' calls for
 * a heatmap.  Returns 0, or -1 after a message.
 */
static int
read_db(const struct args *a, const struct cs_config *cfg, struct cs_db *db,
    struct cs_chart *c, struct cs_chartdata_opts *co, const struct cs_lang *L,
    char *period, size_t psize)
{
	const char *from = cs_tool_from(&a->o), *to = cs_tool_to(&a->o);
	struct cs_error err;
	int rc = -1;

	if (a->type == CS_CHART_HEATMAP) {
		struct cs_chartdata_heat *g = calloc(1, sizeof(*g));
		if (!g) {
			cs_warnx("out of memory");
			return -1;
		}
		if (cs_chartdb_heat(db, from ? cs_tool_day_start(from, 0) :
		    INT64_MIN, to ? cs_tool_day_start(to, 1) : INT64_MAX,
		    a->service, 1, co->lost, g, &err) != 0 ||
		    cs_chartdata_heat_model(c, g, L, &err) != 0)
			cs_warnx("%s: %s", db->path, err.msg);
		else {
			snprintf(co->first, sizeof(co->first), "%s", g->first);
			snprintf(co->last, sizeof(co->last), "%s", g->last);
			rc = 0;
		}
		free(g);
	} else if (a->type == CS_CHART_COMPARE) {
		/* callstat-compare's defaults: the split at go_live, periods
		   of the same length, in hours, its seed */
		struct cs_compare_query q;
		char *text = NULL;
		size_t len = 0;

		memset(&q, 0, sizeof(q));
		q.hours = CS_KPI_IN_HOURS;
		q.seed = 1;
		q.resamples = CS_STATS_RESAMPLES;
		struct cs_compare_periods pr;

		if (cs_chartdb_compare_csv(db, cfg, &q, &pr, &text, &len,
		    &err) != 0)
			cs_warnx("%s: %s", db->path, err.msg);
		else if (cs_chartdata_read(c, co, text, len, L, &err) != 0)
			cs_warnx("%s: %s", db->path, err.msg);
		else {
			cs_chartwords_periods(L, pr.before_from, pr.before_to,
			    pr.after_from, pr.after_to, period, psize);
			rc = 0;
		}
		free(text);
	} else {
		struct cs_kpi_query q;
		char *text = NULL;
		size_t len = 0;

		memset(&q, 0, sizeof(q));
		q.by_service = 1;
		q.by_period = 1;
		q.period = CS_PERIOD_MONTH;
		q.from = from;
		q.to = to;
		q.hours = CS_KPI_IN_HOURS;
		if (cs_chartdb_kpi_csv(db, cfg, &q, &text, &len, &err) != 0)
			cs_warnx("%s: %s", db->path, err.msg);
		else if (cs_chartdata_read(c, co, text, len, L, &err) != 0)
			cs_warnx("%s: %s", db->path, err.msg);
		else
			rc = 0;
		free(text);
	}
	/* read without locks: no import came meanwhile (db.h) */
	if (rc == 0 && cs_db_unchanged(db, &err) != 0) {
		cs_warnx("%s", err.msg);
		rc = -1;
	}
	return rc;
}

int
main(int argc, char **argv)
{
	struct args a;
	struct cs_config cfg;
	struct cs_lang L;
	struct cs_chart c;
	struct cs_chartdata_opts co;
	struct cs_error err;
	struct cs_chartwords_in wi;
	struct cs_chartwords words;
	char *text = NULL;
	char period[512] = "";
	char go_live[11] = "";
	const char *lang, *src;
	double threshold = 20;
	size_t len = 0;
	FILE *in = stdin, *out = NULL;
	struct cs_db db;
	int status, have_db = 0;

	cs_tool_init("callstat-chart");
	memset(&c, 0, sizeof(c));
	cs_lang_init(&L);
	if ((status = parse_args(argc, argv, &a)) >= 0)
		return status;
	status = CS_EXIT_FAIL;
	if (a.o.db) {
		if (cs_tool_open_read(a.config, a.o.db, &cfg, &db) != 0)
			return CS_EXIT_FAIL;
		have_db = 1;
		snprintf(go_live, sizeof(go_live), "%s", cfg.go_live);
		threshold = cfg.service_level;
	} else if (a.config) {
		if (cs_tool_config(a.config, &cfg) != 0)
			return CS_EXIT_FAIL;
		snprintf(go_live, sizeof(go_live), "%s", cfg.go_live);
		threshold = cfg.service_level;
		cs_config_release(&cfg);
	}
	if (a.go_live)
		snprintf(go_live, sizeof(go_live), "%s", a.go_live);
	if (!isnan(a.threshold))
		threshold = a.threshold;
	lang = a.lang;
	if (!lang) {
		const char *env = getenv("LANG");
		lang = env && !strncmp(env, "fr", 2) ? "fr" : "en";
	}
	if (cs_lang_find(&L, lang, &err) < 0) {
		cs_warnx("%s", err.msg);
		goto out;
	}

	co.type = a.type;
	co.figure = a.figure;
	co.service = a.service;
	co.lost = a.type == CS_CHART_HEATMAP && !strcmp(a.figure, "lost");
	if (have_db) {
		src = db.path;
		if (read_db(&a, &cfg, &db, &c, &co, &L, period,
		    sizeof(period)) != 0)
			goto out;
	} else {
		src = a.input && strcmp(a.input, "-") ? a.input : NULL;
		if (src && !(in = fopen(src, "r"))) {
			cs_warnx("%s: %s", src, strerror(errno));
			goto out;
		}
		text = slurp(in, &len);
		if (src)
			fclose(in);
		if (!text) {
			cs_warnx("%s: cannot read", src ? src : "standard input");
			goto out;
		}
		if (cs_chartdata_read(&c, &co, text, len, &L, &err) < 0) {
			cs_warnx("%s: %s", src ? src : "standard input", err.msg);
			goto out;
		}
	}

	/* the words around the chart */
	c.min_n = a.min_n;
	c.zoom = a.zoom;
	if (a.type == CS_CHART_COMPARE) {
		/* the periods: from -d, or as --period says them
		   (callstat-compare's CSV does not carry them) */
		if (a.period != NULL)
			snprintf(period, sizeof(period), "%s", a.period);
		if (*period == '\0')
			cs_warnx("warning: a compare chart's CSV does not say its "
			    "periods: give them with --period, for the caption");
	}
	wi.type = a.type;
	wi.figure = a.figure;
	wi.service = a.title ? NULL : a.service;
	wi.target = a.target;
	wi.threshold = threshold;
	wi.go_live = go_live;
	wi.source = src;
	wi.periods = period;
	wi.first = co.first;
	wi.last = co.last;
	cs_chartwords_fill(&c, &wi, &words, &L);
	if (a.title)
		c.title = a.title;

	if (!strcmp(a.output, "-"))
		out = stdout;
	else if (!(out = fopen(a.output, "wb"))) {
		cs_warnx("%s: %s", a.output, strerror(errno));
		goto out;
	}
	if (render(&a, &c, out) == 0)
		status = CS_EXIT_OK;
	if (fclose(out) != 0 && status == CS_EXIT_OK) {
		cs_warnx("%s: %s", a.output, strerror(errno));
		status = CS_EXIT_FAIL;
	}
	if (status != CS_EXIT_OK && out != stdout)
		unlink(a.output);
out:
	free(text);
	cs_chart_release(&c);
	cs_lang_release(&L);
	if (have_db) {
		if (cs_db_close(&db, &err) != 0) {
			cs_warnx("%s", err.msg);
			status = CS_EXIT_FAIL;
		}
		cs_config_release(&cfg);
	}
	return status;
}
