/* callstat-import: PBX logs into the database.  See callstat-import(1). */
#include <errno.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "calls.h"
#include "import.h"
#include "path.h"
#include "privacy.h"
#include "tool.h"

static const char synopsis[] =
	"callstat-import [-hqV] [-c config] [-d database] [--format format]\n"
	"       [--rejects file] [--times local|utc] file ...";

static void
help(void)
{
	printf("usage: %s\n\n"
	    "Reads PBX logs into the callstat database and rebuilds the calls\n"
	    "they touch.  A file is one transaction; a record already stored,\n"
	    "from whatever file, is never stored twice; '-' is standard input.\n\n"
	    "  -c, --config FILE     configuration (default $CALLSTAT_CONFIG,\n"
	    "                        ./callstat.conf, /etc/callstat/callstat.conf)\n"
	    "  -d, --db FILE         database (default $CALLSTAT_DB, ./callstat.db)\n"
	    "      --format FORMAT   asterisk-cdr or asterisk-queue-log\n"
	    "                        (default: detected from the content)\n"
	    "  -h, --help            this help\n"
	    "  -q, --quiet           no summary line per file\n"
	    "      --rejects FILE    also write each rejected line's FILE:LINE: reason\n"
	    "      --times local|utc how the PBX wrote its times (default: [pbx] times)\n"
	    "  -V, --version         print the version\n\n"
	    "Exit status: 0 success, 1 a file failed or a line was rejected,\n"
	    "2 usage error.  See callstat-import(1).\n", synopsis);
}

struct sink {
	FILE *rejects;
	int progress;		/* stderr is a terminal */
	int shown;		/* a progress line is on screen */
};

static void
on_reject(void *arg, const char *name, long line, const char *msg)
{
	struct sink *s = arg;

	if (s->shown) {
		fputs("\r\033[K", stderr);
		s->shown = 0;
	}
	cs_warnx("%s:%ld: %s", name, line, msg);
	if (s->rejects != NULL)
		fprintf(s->rejects, "%s:%ld: %s\n", name, line, msg);
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

int
main(int argc, char **argv)
{
	static const struct option longopts[] = {
		{ "config", required_argument, NULL, 'c' },
		{ "db", required_argument, NULL, 'd' },
		{ "format", required_argument, NULL, 'f' },
		{ "help", no_argument, NULL, 'h' },
		{ "quiet", no_argument, NULL, 'q' },
		{ "rejects", required_argument, NULL, 'r' },
		{ "times", required_argument, NULL, 't' },
		{ "version", no_argument, NULL, 'V' },
		{ NULL, 0, NULL, 0 },
	};
	const char *config_arg = NULL, *db_arg = NULL, *rejects_arg = NULL;
	const char *times_arg = NULL, *dbpath;
	const struct cs_format *format = NULL;
	int quiet = 0, ch, status = CS_EXIT_OK, open_ok = 0;
	struct cs_config cfg;
	struct cs_db db;
	struct cs_privacy priv;
	struct cs_import im;
	struct cs_error err;
	struct sink sink;
	char keypath[4096];

	cs_tool_init("callstat-import");
	memset(&sink, 0, sizeof(sink));
	memset(&priv, 0, sizeof(priv));
	while ((ch = getopt_long(argc, argv, "c:d:hqV", longopts, NULL)) != -1) {
		switch (ch) {
		case 'c':
			config_arg = optarg;
			break;
		case 'd':
			db_arg = optarg;
			break;
		case 'f':
			format = cs_format_find(optarg);
			if (format == NULL)
				return cs_usage_error(synopsis, "unknown format '%s': "
				    "use asterisk-cdr or asterisk-queue-log", optarg);
			break;
		case 'h':
			help();
			return CS_EXIT_OK;
		case 'q':
			quiet = 1;
			break;
		case 'r':
			rejects_arg = optarg;
			break;
		case 't':
			if (strcmp(optarg, "local") != 0 && strcmp(optarg, "utc") != 0)
				return cs_usage_error(synopsis, "--times takes local "
				    "or utc, not '%s'", optarg);
			times_arg = optarg;
			break;
		case 'V':
			return cs_tool_version();
		default:
			return cs_usage_error(synopsis, "unknown option");
		}
	}
	argc -= optind;
	argv += optind;
	if (argc == 0)
		return cs_usage_error(synopsis, "no input files (use - for "
		    "standard input)");

	/*
	 * Everything that can be checked is, before the database or its key
	 * is made: a refused import leaves no file behind.
	 */
	if (cs_tool_config(config_arg, &cfg) != 0)
		return CS_EXIT_FAIL;
	dbpath = cs_db_find(db_arg);
	if (cfg.key_file != NULL)
		snprintf(keypath, sizeof(keypath), "%s", cfg.key_file);
	else
		snprintf(keypath, sizeof(keypath), "%s.key", dbpath);
	if (cs_db_check_writable(dbpath, 1, &err) != 0 ||
	    cs_import_key_check(keypath, &err) != 0 ||
	    (rejects_arg != NULL && can_write(rejects_arg, &err) != 0)) {
		cs_warnx("%s", err.msg);
		cs_config_release(&cfg);
		return CS_EXIT_FAIL;
	}
	if (cs_tool_db(dbpath, CS_DB_CREATE, &db) != 0) {
		cs_config_release(&cfg);
		return CS_EXIT_FAIL;
	}
	open_ok = 1;
	if (cs_import_key(&priv, &db, keypath, &err) != 0) {
		cs_warnx("%s", err.msg);
		status = CS_EXIT_FAIL;
		goto out;
	}
	if (rejects_arg != NULL &&
	    (sink.rejects = fopen(rejects_arg, "w")) == NULL) {
		cs_warnx("%s: %s", rejects_arg, strerror(errno));
		status = CS_EXIT_FAIL;
		goto out;
	}
	sink.progress = isatty(STDERR_FILENO);

	memset(&im, 0, sizeof(im));
	im.db = &db;
	im.cfg = &cfg;
	im.priv = &priv;
	im.times_utc = times_arg != NULL ? strcmp(times_arg, "utc") == 0 :
	    cfg.times_utc;
	im.format = format;
	im.reject = on_reject;
	im.progress = on_progress;
	im.arg = &sink;

	for (int i = 0; i < argc; i++) {
		struct cs_import_stats st;
		const char *name = strcmp(argv[i], "-") == 0 ? "(stdin)" : argv[i];

		if (cs_import_file(&im, argv[i], &st, &err) != 0) {
			if (sink.shown)
				fputs("\r\033[K", stderr);
			sink.shown = 0;
			cs_warnx("%s", err.msg);
			cs_warnx("%s: not imported; the database is as it was before it",
			    name);
			status = CS_EXIT_FAIL;
			continue;
		}
		if (sink.shown)
			fputs("\r\033[K", stderr);
		sink.shown = 0;
		if (st.rejected > 0)
			status = CS_EXIT_FAIL;
		if (quiet)
			continue;
		if (st.unchanged) {
			fprintf(stderr, "%s: %s: nothing new since the last import\n",
			    cs_tool_name(), name);
			continue;
		}
		fprintf(stderr, "%s: %s: %ld lines read%s, %ld stored, "
		    "%ld skipped, %ld rejected", cs_tool_name(), name,
		    st.lines, st.resumed ? " (new since the last import)" : "",
		    st.stored, st.skipped, st.rejected);
		if (st.purged > 0)
			fprintf(stderr, ", %ld in the purged period", st.purged);
		fputc('\n', stderr);
	}
	/* a configuration changed since the last import: rebuild it all */
	if (cs_calls_refresh(&db, &cfg, NULL, &err) != 0) {
		cs_warnx("%s", err.msg);
		status = CS_EXIT_FAIL;
	}
out:
	if (sink.rejects != NULL && fclose(sink.rejects) != 0) {
		cs_warnx("%s: %s", rejects_arg, strerror(errno));
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
