/* callstat-import: PBX logs into the database.  See callstat-import(1). */
#include <errno.h>
#include <getopt.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "calls.h"
#include "import.h"
#include "readers/3cx.h"
#include "readers/generic_csv.h"
#include "path.h"
#include "privacy.h"
#include "sources.h"
#include "tool.h"

static const char synopsis[] =
	"callstat-import [-hqV] [-c config] [-d database] [--format format]\n"
	"       [--columns list] [--encoding enc] [--rejects file]\n"
	"       [--times local|utc] file ...\n"
	"       callstat-import [-q] [-c config] [-d database] [--format format]\n"
	"       [--columns list] [--encoding enc] [--rejects file]\n"
	"       [--times local|utc] --sources\n"
	"       callstat-import [-q] [-c config] --list-sources";

static void
help(void)
{
	char names[512];

	cs_format_names(names, sizeof(names));
	printf("usage: %s\n\n"
	    "Reads PBX logs into the callstat database and rebuilds the calls\n"
	    "they touch.  A file is one transaction; a record already stored,\n"
	    "from whatever file, is never stored twice; '-' is standard input.\n\n"
	    "      --columns LIST    a 3CX CDR log's fields in the file's order, as\n"
	    "                        the 3CX console names them, comma-separated\n"
	    "                        (default: 3CX's default order)\n"
	    "  -c, --config FILE     configuration (default $CALLSTAT_CONFIG,\n"
	    "                        ./callstat.conf, /etc/callstat/callstat.conf)\n"
	    "  -d, --db FILE         database (default $CALLSTAT_DB, ./callstat.db)\n"
	    "      --encoding ENC    the files' encoding: latin1, cp1252 or utf-8\n"
	    "                        (default: [import] encoding, else UTF-8 with\n"
	    "                        what is not read as Latin-1)\n"
	    "      --format FORMAT   %s\n"
	    "                        (generic-csv:NAME: the columns its [format\n"
	    "                        NAME] section names)\n"
	    "                        (default: detected from the content)\n"
	    "  -h, --help            this help\n"
	    "      --list-sources    print the files --sources would read, and exit\n"
	    "  -q, --quiet           no summary line per file\n"
	    "      --rejects FILE    also write each rejected line's FILE:LINE: reason\n"
	    "      --sources         import the files the configuration's [import]\n"
	    "                        sources names, in its order, instead of file ...\n"
	    "      --times local|utc how the PBX wrote its times (default: [pbx] times)\n"
	    "  -V, --version         print the version\n\n"
	    "Exit status: 0 success, 1 a file failed or a line was rejected,\n"
	    "2 usage error.  See callstat-import(1).\n", synopsis, names);
}

struct sink {
	FILE *rejects;
	int progress;		/* stderr is a terminal */
	int shown;		/* a progress line is on screen */
};

static void
on_reject(void *arg, const char *name, long line, long column, const char *msg)
{
	struct sink *s = arg;
	char where[48];

	if (s->shown) {
		fputs("\r\033[K", stderr);
		s->shown = 0;
	}
	/* FILE:LINE: or, when the reader knows the column, FILE:LINE:COLUMN: */
	if (column > 0)
		snprintf(where, sizeof(where), "%ld:%ld", line, column);
	else
		snprintf(where, sizeof(where), "%ld", line);
	cs_warnx("%s:%s: %s", name, where, msg);
	if (s->rejects != NULL)
		fprintf(s->rejects, "%s:%s: %s\n", name, where, msg);
}

/* What is said of a line, not rejected: not in the --rejects file. */
static void
on_note(void *arg, const char *name, long line, long column, const char *msg)
{
	struct sink *s = arg;
	FILE *rejects = s->rejects;

	s->rejects = NULL;
	on_reject(arg, name, line, column, msg);
	s->rejects = rejects;
}

static void
on_progress(void *arg, const char *name, off_t done, off_t total, long lines)
{
	struct sink *s = arg;

	if (!s->progress || (total > 0 && total < 8 * 1024 * 1024))
		return;
	if (done < 0)
		fprintf(stderr, "\r%s: %s: %ld lines read, rebuilding the calls\033[K",
		    cs_tool_name(), name, lines);
	else if (total > 0)
		fprintf(stderr, "\r%s: %s: %d%% (%ld lines)\033[K", cs_tool_name(),
		    name, (int)(done * 100 / total), lines);
	else
		fprintf(stderr, "\r%s: %s: %ld lines\033[K", cs_tool_name(), name,
		    lines);
	s->shown = 1;
}

/* Whether path could be written (made, or emptied), making nothing. */
static int
can_write(const char *path, struct cs_error *err)
{
	char dir[4096];
	struct stat st;

	if (stat(path, &st) == 0) {
		if (S_ISDIR(st.st_mode))
			return cs_error_set(err, "%s: is a directory", path);
		if (access(path, W_OK) != 0)
			return cs_error_set(err, "%s: %s", path, strerror(errno));
		return 0;
	}
	if (errno != ENOENT)
		return cs_error_set(err, "%s: %s", path, strerror(errno));
	if (cs_path_creatable(path, dir, sizeof(dir)) != 0)
		return cs_error_set(err, "%s: cannot create it: %s: %s", path, dir,
		    strerror(errno));
	return 0;
}

/* What the command line asks for. */
struct args {
	struct cs_tool_opts o;		/* -c, -d */
	const char *rejects, *times;	/* --rejects, --times, or NULL */
	const char *encoding;		/* --encoding, or NULL */
	const char *variant;		/* --format NAME:VARIANT's, or NULL */
	const char *columns;		/* --columns, or NULL */
	const struct cs_format *format;	/* --format, or NULL: detect */
	int quiet;
	int sources, list;		/* --sources, --list-sources */
	char **files;
	int nfiles;
};

/*
 * Reads the command line into a.  Returns -1 to go on, or the exit status
 * (after a usage message, the help or the version).
 */
static int
parse_args(int argc, char **argv, struct args *a)
{
	enum { O_FORMAT = CS_OPT_TOOL, O_COLUMNS, O_ENCODING, O_LIST_SOURCES, O_REJECTS, O_SOURCES,
		O_TIMES };
	static const struct option longopts[] = {
		{ "columns", required_argument, NULL, O_COLUMNS },
		{ "config", required_argument, NULL, 'c' },
		{ "db", required_argument, NULL, 'd' },
		{ "encoding", required_argument, NULL, O_ENCODING },
		{ "format", required_argument, NULL, O_FORMAT },
		{ "help", no_argument, NULL, 'h' },
		{ "list-sources", no_argument, NULL, O_LIST_SOURCES },
		{ "quiet", no_argument, NULL, 'q' },
		{ "rejects", required_argument, NULL, O_REJECTS },
		{ "sources", no_argument, NULL, O_SOURCES },
		{ "times", required_argument, NULL, O_TIMES },
		{ "version", no_argument, NULL, 'V' },
		{ NULL, 0, NULL, 0 },
	};
	int ch;

	memset(a, 0, sizeof(*a));
	cs_tool_opts_init(&a->o, synopsis);
	a->format = NULL;
	while ((ch = getopt_long(argc, argv, "c:d:hqV", longopts, NULL)) != -1) {
		switch (ch) {
		case O_FORMAT: {
			/* NAME:VARIANT: generic-csv's [format VARIANT] */
			const char *colon = strchr(optarg, ':');
			char fname[64];

			snprintf(fname, sizeof(fname), "%.*s", colon != NULL ?
			    (int)(colon - optarg) : (int)strlen(optarg), optarg);
			a->format = cs_format_find(fname);
			a->variant = colon != NULL ? colon + 1 : NULL;
			if (a->format == &cs_format_generic_csv &&
			    (a->variant == NULL || *a->variant == '\0'))
				return cs_usage_error(synopsis, "generic-csv needs "
				    "the name of its [format NAME] section: "
				    "--format generic-csv:NAME");
			if (a->format != NULL && a->variant != NULL &&
			    a->format != &cs_format_generic_csv)
				return cs_usage_error(synopsis, "%s takes no "
				    "':%s'", fname, a->variant);
			if (a->format == NULL) {
				char names[512];

				cs_format_names(names, sizeof(names));
				return cs_usage_error(synopsis, "unknown format '%s': "
				    "use %s", optarg, names);
			}
			break;
		}
		case O_COLUMNS: {
			enum cs_3cx_field order[CS_3CX_MAXCOLS];
			struct cs_error err;
			int n;

			if (cs_3cx_columns(optarg, order, &n, &err) != 0)
				return cs_usage_error(synopsis, "%s", err.msg);
			a->columns = optarg;
			break;
		}
		case O_ENCODING: {
			enum cs_encoding enc;

			if (cs_encoding_find(optarg, &enc) != 0)
				return cs_usage_error(synopsis, "unknown encoding "
				    "'%s': use %s", optarg, CS_ENCODING_NAMES);
			a->encoding = optarg;
			break;
		}
		case 'h':
			help();
			return CS_EXIT_OK;
		case O_LIST_SOURCES:
			a->list = 1;
			break;
		case 'q':
			a->quiet = 1;
			break;
		case O_REJECTS:
			a->rejects = optarg;
			break;
		case O_SOURCES:
			a->sources = 1;
			break;
		case O_TIMES:
			if (strcmp(optarg, "local") != 0 && strcmp(optarg, "utc") != 0)
				return cs_usage_error(synopsis, "--times takes local "
				    "or utc, not '%s'", optarg);
			a->times = optarg;
			break;
		case 'V':
			return cs_tool_version();
		default:
			if (cs_tool_opt(&a->o, ch, optarg) != 0)
				return CS_EXIT_USAGE;
		}
	}
	a->files = argv + optind;
	a->nfiles = argc - optind;
	if (a->sources && a->list)
		return cs_usage_error(synopsis, "give --sources or --list-sources, "
		    "not both");
	if ((a->sources || a->list) && a->nfiles > 0)
		return cs_usage_error(synopsis, "%s reads the files the "
		    "configuration's [import] sources names: give no file ('%s')",
		    a->sources ? "--sources" : "--list-sources", a->files[0]);
	if (a->nfiles == 0 && !a->sources && !a->list)
		return cs_usage_error(synopsis, "no input files (use - for "
		    "standard input, or --sources for those the configuration "
		    "names)");
	return -1;
}

/*
 * The configuration (and with --sources, the files it names, into srcs),
 * then the database and its key, checked before either is made (a refused
 * import leaves no file behind), then made and opened, and --rejects'
 * file.  Returns 0, or -1 after a message; *open_ok says whether cfg and
 * db are to be released.
 */
/* 1 when generic-csv's [format name] is missing or cannot read a file
 * (err says why, as the import would), before any file is opened. */
static int
format_unusable(const struct cs_config *cfg, const char *name,
    struct cs_error *err)
{
	struct cs_format_ctx ctx;
	void *rd;

	memset(&ctx, 0, sizeof(ctx));
	ctx.cfg = cfg;
	ctx.variant = name;
	if ((rd = cs_format_generic_csv.open(&ctx, err)) == NULL)
		return 1;
	cs_format_generic_csv.close(rd);
	return 0;
}

static int
open_all(const struct args *a, struct cs_config *cfg, struct cs_db *db,
    struct cs_privacy *priv, struct sink *sink, struct cs_sources *srcs,
    int *open_ok)
{
	const char *dbpath;
	char keypath[4096];
	struct cs_error err;

	if (cs_tool_config(a->o.config, cfg) != 0)
		return -1;
	/* no [import] sources: refused before the database is made */
	if (a->sources && cs_sources_list(srcs, cfg, &err) != 0) {
		cs_warnx("%s", err.msg);
		cs_config_release(cfg);
		return -1;
	}
	/* and a [format NAME] that cannot read a file */
	if (a->variant != NULL && format_unusable(cfg, a->variant, &err)) {
		cs_warnx("%s", err.msg);
		cs_config_release(cfg);
		return -1;
	}
	dbpath = cs_db_find(a->o.db);
	if (cfg->key_file != NULL)
		snprintf(keypath, sizeof(keypath), "%s", cfg->key_file);
	else
		snprintf(keypath, sizeof(keypath), "%s.key", dbpath);
	if (cs_db_check_writable(dbpath, 1, &err) != 0 ||
	    cs_import_key_check(keypath, &err) != 0 ||
	    (a->rejects != NULL && can_write(a->rejects, &err) != 0)) {
		cs_warnx("%s", err.msg);
		cs_config_release(cfg);
		return -1;
	}
	if (cs_tool_db(dbpath, CS_DB_CREATE, db) != 0) {
		cs_config_release(cfg);
		return -1;
	}
	*open_ok = 1;
	if (cs_import_key(priv, db, keypath, &err) != 0) {
		cs_warnx("%s", err.msg);
		return -1;
	}
	if (a->rejects != NULL &&
	    (sink->rejects = fopen(a->rejects, "w")) == NULL) {
		cs_warnx("%s: %s", a->rejects, strerror(errno));
		return -1;
	}
	return 0;
}

/* Clears the progress line, if one is on screen. */
static void
clear_progress(struct sink *sink)
{
	if (sink->shown)
		fputs("\r\033[K", stderr);
	sink->shown = 0;
}

/* Imports one file, saying how it went; returns the exit status it makes. */
static int
import_one(struct cs_import *im, struct sink *sink, const char *path,
    int quiet)
{
	struct cs_import_stats st;
	struct cs_error err;
	const char *name = strcmp(path, "-") == 0 ? "(stdin)" : path;

	if (cs_import_file(im, path, &st, &err) != 0) {
		clear_progress(sink);
		cs_warnx("%s", err.msg);
		cs_warnx("%s: not imported; the database is as it was before it",
		    name);
		return CS_EXIT_FAIL;
	}
	clear_progress(sink);
	if (quiet)
		return st.rejected > 0 ? CS_EXIT_FAIL : CS_EXIT_OK;
	if (st.unchanged) {
		fprintf(stderr, "%s: %s: nothing new since the last import\n",
		    cs_tool_name(), name);
	} else {
		fprintf(stderr, "%s: %s: %ld lines read%s, %ld stored, "
		    "%ld skipped, %ld rejected", cs_tool_name(), name,
		    st.lines, st.resumed ? " (new since the last import)" : "",
		    st.stored, st.skipped, st.rejected);
		if (st.purged > 0)
			fprintf(stderr, ", %ld in the purged period", st.purged);
		fputc('\n', stderr);
	}
	return st.rejected > 0 ? CS_EXIT_FAIL : CS_EXIT_OK;
}

/*
 * What --sources found at one entry of its list: a file is imported, the
 * others said (a compressed file's note unless quiet).  Returns the exit
 * status it makes.
 */
static int
import_source(struct cs_import *im, struct sink *sink,
    const struct cs_source *src, int quiet)
{
	switch (src->kind) {
	case CS_SOURCE_FILE:
		return import_one(im, sink, src->path, quiet);
	case CS_SOURCE_COMPRESSED:
		if (!quiet)
			cs_warnx("%s", src->why);
		return CS_EXIT_OK;
	case CS_SOURCE_MISSING:
		cs_warnx("%s", src->why);
		break;
	}
	return CS_EXIT_FAIL;
}

/* Every file, then the calls rebuilt if the configuration changed. */
static int
import_all(const struct args *a, struct cs_config *cfg, struct cs_db *db,
    struct cs_privacy *priv, struct sink *sink, const struct cs_sources *srcs)
{
	struct cs_import im;
	struct cs_error err;
	int status = CS_EXIT_OK;

	memset(&im, 0, sizeof(im));
	im.db = db;
	im.cfg = cfg;
	im.priv = priv;
	im.times_utc = a->times != NULL ? strcmp(a->times, "utc") == 0 :
	    cfg->times_utc;
	im.format = a->format;
	im.variant = a->variant;
	im.columns = a->columns;
	im.encoding = CS_ENC_AUTO;
	if (a->encoding != NULL || cfg->encoding != NULL)
		(void)cs_encoding_find(a->encoding != NULL ? a->encoding :
		    cfg->encoding, &im.encoding);
	im.note = on_note;
	im.reject = on_reject;
	im.progress = on_progress;
	im.arg = sink;
	for (int i = 0; i < a->nfiles; i++)
		if (import_one(&im, sink, a->files[i], a->quiet) != CS_EXIT_OK)
			status = CS_EXIT_FAIL;
	for (size_t i = 0; i < srcs->n; i++)
		if (import_source(&im, sink, &srcs->s[i], a->quiet) != CS_EXIT_OK)
			status = CS_EXIT_FAIL;
	/* a configuration changed since the last import: rebuild it all */
	if (cs_calls_refresh(db, cfg, NULL, &err) != 0) {
		cs_warnx("%s", err.msg);
		status = CS_EXIT_FAIL;
	}
	return status;
}

/*
 * --list-sources: the files --sources would read, one a line on standard
 * output; what it would leave out on standard error.  Returns the exit
 * status.
 */
static int
list_sources(const struct args *a)
{
	struct cs_config cfg;
	struct cs_sources srcs;
	struct cs_error err;
	int status = CS_EXIT_OK;

	if (cs_tool_config(a->o.config, &cfg) != 0)
		return CS_EXIT_FAIL;
	if (cs_sources_list(&srcs, &cfg, &err) != 0) {
		cs_warnx("%s", err.msg);
		cs_config_release(&cfg);
		return CS_EXIT_FAIL;
	}
	for (size_t i = 0; i < srcs.n; i++) {
		const struct cs_source *s = &srcs.s[i];

		if (s->kind == CS_SOURCE_FILE)
			printf("%s\n", s->path);
		else if (s->kind == CS_SOURCE_MISSING || !a->quiet) {
			fflush(stdout);
			cs_warnx("%s", s->why);
		}
		if (s->kind == CS_SOURCE_MISSING)
			status = CS_EXIT_FAIL;
	}
	cs_sources_release(&srcs);
	cs_config_release(&cfg);
	if (fflush(stdout) != 0 || ferror(stdout)) {
		cs_warnx("standard output: write error: %s", strerror(errno));
		status = CS_EXIT_FAIL;
	}
	return status;
}

int
main(int argc, char **argv)
{
	struct args a;
	struct cs_config cfg;
	struct cs_db db;
	struct cs_privacy priv;
	struct cs_error err;
	struct sink sink;
	struct cs_sources srcs;
	int status, open_ok = 0;

	cs_tool_init("callstat-import");
	if ((status = parse_args(argc, argv, &a)) >= 0)
		return status;
	if (a.list)
		return list_sources(&a);
	memset(&sink, 0, sizeof(sink));
	memset(&priv, 0, sizeof(priv));
	memset(&srcs, 0, sizeof(srcs));
	if (open_all(&a, &cfg, &db, &priv, &sink, &srcs, &open_ok) != 0) {
		status = CS_EXIT_FAIL;
	} else {
		sink.progress = isatty(STDERR_FILENO);
		status = import_all(&a, &cfg, &db, &priv, &sink, &srcs);
	}
	cs_sources_release(&srcs);
	if (sink.rejects != NULL && fclose(sink.rejects) != 0) {
		cs_warnx("%s: %s", a.rejects, strerror(errno));
		status = CS_EXIT_FAIL;
	}
	cs_privacy_release(&priv);
	if (open_ok) {
		if (cs_db_close(&db, &err) != 0) {
			cs_warnx("%s", err.msg);
			status = CS_EXIT_FAIL;
		}
		cs_config_release(&cfg);
	}
	return status;
}
