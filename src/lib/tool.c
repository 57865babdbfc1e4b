#include <errno.h>
#include <getopt.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "tool.h"
#include "calls.h"
#include "timeutil.h"

static const char *progname = "callstat";

void
cs_tool_init(const char *name)
{
	progname = name;
}

const char *
cs_tool_name(void)
{
	return progname;
}

void
cs_warnx(const char *fmt, ...)
{
	va_list ap;

	fprintf(stderr, "%s: ", progname);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
}

int
cs_usage_error(const char *synopsis, const char *fmt, ...)
{
	va_list ap;

	fprintf(stderr, "%s: ", progname);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fprintf(stderr, "\nusage: %s\nTry '%s --help' for more information.\n",
	    synopsis, progname);
	return CS_EXIT_USAGE;
}

int
cs_tool_version(void)
{
	printf("%s %s\n", progname, CS_VERSION);
	return CS_EXIT_OK;
}

static void
day_text(char out[11], int y, int m, int d)
{
	char tmp[40];

	snprintf(tmp, sizeof(tmp), "%04d-%02d-%02d", y, m, d);
	memcpy(out, tmp, 10);
	out[10] = '\0';
}

int
cs_tool_day_arg(const char *arg, int is_to, char out[11])
{
	struct cs_datetime dt;
	int y, m, n = -1;

	if (cs_date_parse(arg, &dt) == 0) {
		day_text(out, dt.year, dt.mon, dt.mday);
		return 0;
	}
	if (sscanf(arg, "%4d-%2d%n", &y, &m, &n) == 2 && n == 7 &&
	    arg[n] == '\0' && y >= 1970 && y <= 9999 && m >= 1 && m <= 12) {
		day_text(out, y, m, is_to ? cs_month_days(y, m) : 1);
		return 0;
	}
	if (sscanf(arg, "%4d%n", &y, &n) == 1 && n == 4 && arg[n] == '\0' &&
	    y >= 1970 && y <= 9999) {
		day_text(out, y, is_to ? 12 : 1, is_to ? 31 : 1);
		return 0;
	}
	return -1;
}

int
cs_tool_range_arg(const char *synopsis, const char *opt, const char *arg,
    char from[11], char to[11])
{
	char a[32], *dots;

	snprintf(a, sizeof(a), "%s", arg);
	if ((dots = strstr(a, "..")) != NULL)
		*dots = '\0';
	if (strlen(arg) >= sizeof(a) || cs_tool_day_arg(a, 0, from) != 0 ||
	    cs_tool_day_arg(dots != NULL ? dots + 2 : a, 1, to) != 0)
		return cs_usage_error(synopsis, "%s: bad period '%s': write "
		    "DATE..DATE or DATE, each YYYY-MM-DD, YYYY-MM or YYYY",
		    opt, arg);
	if (strcmp(from, to) > 0)
		return cs_usage_error(synopsis, "%s: the period '%s' ends "
		    "before it starts", opt, arg);
	return 0;
}

int64_t
cs_tool_day_start(const char *day, int next)
{
	struct cs_datetime dt;
	int64_t out[2];

	if (cs_date_parse(day, &dt) != 0)
		return 0;
	cs_local_to_utc(&dt, out);
	return next ? cs_local_midnight(out[0], 1) : out[0];
}

void
cs_tool_opts_init(struct cs_tool_opts *o, const char *synopsis)
{
	memset(o, 0, sizeof(*o));
	o->synopsis = synopsis;
	o->format = CS_OUT_TABLE;
	o->hours = CS_TOOL_IN_HOURS;
}

static void
set_format(struct cs_tool_opts *o, enum cs_out_format f)
{
	o->format = f;
	o->nformat++;
}

static void
set_hours(struct cs_tool_opts *o, enum cs_tool_hours h)
{
	o->hours = h;
	o->nhours++;
}

int
cs_tool_opt(struct cs_tool_opts *o, int ch, const char *arg)
{
	switch (ch) {
	case 'c':
		o->config = arg;
		break;
	case 'd':
		o->db = arg;
		break;
	case 'o':
		o->output = arg;
		break;
	case CS_OPT_FROM:
	case CS_OPT_TO:
		if (cs_tool_day_arg(arg, ch == CS_OPT_TO,
		    ch == CS_OPT_TO ? o->to : o->from) != 0) {
			cs_usage_error(o->synopsis, "%s: bad date '%s': write "
			    "YYYY-MM-DD, YYYY-MM or YYYY",
			    ch == CS_OPT_TO ? "--to" : "--from", arg);
			return -1;
		}
		break;
	case CS_OPT_CSV:
		set_format(o, CS_OUT_CSV);
		break;
	case CS_OPT_TSV:
		set_format(o, CS_OUT_TSV);
		break;
	case CS_OPT_JSON:
		set_format(o, CS_OUT_JSON);
		break;
	case CS_OPT_ALL_HOURS:
		set_hours(o, CS_TOOL_ALL_HOURS);
		break;
	case CS_OPT_OUT_OF_HOURS:
		set_hours(o, CS_TOOL_OUT_OF_HOURS);
		break;
	default:
		cs_usage_error(o->synopsis, "unknown option");
		return -1;
	}
	return 0;
}

int
cs_tool_opts_check(const struct cs_tool_opts *o, int argc, char **argv)
{
	if (optind < argc) {
		cs_usage_error(o->synopsis, "unexpected argument '%s'",
		    argv[optind]);
		return -1;
	}
	if (o->nformat > 1) {
		cs_usage_error(o->synopsis, "give one of --csv, --tsv, --json");
		return -1;
	}
	if (o->nhours > 1) {
		cs_usage_error(o->synopsis, "give --all-hours or --out-of-hours, "
		    "not both");
		return -1;
	}
	if (o->from[0] != '\0' && o->to[0] != '\0' &&
	    strcmp(o->from, o->to) > 0) {
		cs_usage_error(o->synopsis, "--from %s is after --to %s", o->from,
		    o->to);
		return -1;
	}
	return 0;
}

const char *
cs_tool_from(const struct cs_tool_opts *o)
{
	return o->from[0] != '\0' ? o->from : NULL;
}

const char *
cs_tool_to(const struct cs_tool_opts *o)
{
	return o->to[0] != '\0' ? o->to : NULL;
}

int
cs_tool_config(const char *config_arg, struct cs_config *cfg)
{
	struct cs_error err;
	const char *conf = cs_config_find(config_arg);

	if (conf == NULL) {
		cs_warnx("no configuration file: give one with -c, set "
		    "CALLSTAT_CONFIG, or write ./callstat.conf (see callstat.conf(5))");
		return -1;
	}
	if (cs_config_load(cfg, conf, &err) != 0) {
		cs_warnx("%s", err.msg);
		return -1;
	}
	return 0;
}

int
cs_tool_db(const char *path, enum cs_db_mode mode, struct cs_db *db)
{
	struct cs_error err;

	if (cs_db_open(db, path, mode, &err) != 0) {
		cs_warnx("%s", err.msg);
		return -1;
	}
	return 0;
}

int
cs_tool_open(const char *config_arg, const char *db_arg, enum cs_db_mode mode,
    struct cs_config *cfg, struct cs_db *db)
{
	if (cs_tool_config(config_arg, cfg) != 0)
		return -1;
	if (cs_tool_db(cs_db_find(db_arg), mode, db) != 0) {
		cs_config_release(cfg);
		return -1;
	}
	return 0;
}

/* The derived tables, rebuilt where db cannot be written. */
static int
refresh_here(struct cs_db *db, const struct cs_config *cfg, const char *why)
{
	struct cs_error err;

	cs_warnx("%s: the stored calls and daily totals are out of date (the "
	    "configuration or callstat changed) and cannot be stored again "
	    "(%s): rebuilt for this run only; to store them, run "
	    "callstat-import as the database's owner", db->path, why);
	if (cs_db_shadow_derived(db, &err) != 0 ||
	    cs_calls_rebuild(db, cfg, CS_TIME_MIN, CS_TIME_MAX, &err) != 0) {
		cs_warnx("%s", err.msg);
		return -1;
	}
	return 0;
}

int
cs_tool_open_read(const char *config_arg, const char *db_arg,
    struct cs_config *cfg, struct cs_db *db)
{
	struct cs_error err;
	struct cs_db w;
	char *path = NULL;
	int rc = -1;

	if (cs_tool_open(config_arg, db_arg, CS_DB_READ, cfg, db) != 0)
		return -1;
	/* current: nothing to write, and nothing written */
	if (cs_calls_refresh(db, cfg, NULL, &err) == 0)
		return 0;
	if ((path = cs_strdup(db->path)) == NULL) {
		cs_warnx("out of memory");
		goto out;
	}
	if (cs_db_open(&w, path, CS_DB_WRITE, &err) != 0) {
		rc = refresh_here(db, cfg, err.msg);
		goto out;
	}
	if (cs_calls_refresh(&w, cfg, NULL, &err) != 0) {
		cs_warnx("%s", err.msg);
		cs_db_close(&w, &err);
		goto out;
	}
	if (cs_db_close(&w, &err) != 0) {
		cs_warnx("%s", err.msg);
		goto out;
	}
	/* read again what was stored (a connection without locks would
	   see the file change under it) */
	cs_db_close(db, &err);
	rc = cs_tool_db(path, CS_DB_READ, db);
out:
	free(path);
	if (rc != 0) {
		if (db->h != NULL)
			cs_db_close(db, &err);
		cs_config_release(cfg);
	}
	return rc;
}

int
cs_tool_write(const char *path, const struct cs_table *t, enum cs_out_format f)
{
	struct cs_error err;
	int to_stdout = path == NULL || strcmp(path, "-") == 0;
	const char *name = to_stdout ? "standard output" : path;
	FILE *fp = to_stdout ? stdout : fopen(path, "w");
	int rc;

	if (fp == NULL) {
		cs_warnx("%s: %s", path, strerror(errno));
		return -1;
	}
	rc = cs_output_write(fp, t, f, &err);
	if (fclose(fp) != 0 && rc == 0) {
		cs_warnx("%s: write error: %s", name, strerror(errno));
		return -1;
	}
	if (rc != 0) {
		cs_warnx("%s: %s", name, err.msg);
		return -1;
	}
	return 0;
}
