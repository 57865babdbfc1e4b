/*
 * config.h: the configuration file of callstat.conf(5), read with inih.
 *
 * cs_config_load() fills a struct cs_config that owns all its strings;
 * cs_config_release() frees them.  Every error names the file and line,
 * and unknown sections and keys are errors: a typo must not silently change
 * a council's figures.
 */
#ifndef CS_CONFIG_H
#define CS_CONFIG_H

#include <stddef.h>

#include "error.h"
#include "match.h"
#include "timeutil.h"

struct cs_service {
	char *name;
	char *label;
	struct cs_match match;
	char **intents;
	size_t nintents;
	int has_hours;		/* no hours: always open */
	struct cs_hours hours;
	char *hours_text;	/* as written, continuation lines joined */
	int line;		/* of its [service NAME] header */
};

/* A [format NAME] section for generic-csv: its keys and values, in order. */
struct cs_format_def {
	char *name;
	char **key, **value;
	size_t n;
};

struct cs_config {
	char *path;
	char *name;
	char *timezone;
	enum cs_holidays holidays;
	int *closed;		/* closed days as YYYYMMDD, sorted */
	size_t nclosed;
	int short_abandon;
	int service_level;
	int dial_timeout;	/* 0: not set */
	int retention_months;
	char *key_file;		/* NULL: the database's path + ".key" */
	int times_utc;
	struct cs_match welcome;
	struct cs_match voicemail;	/* the voicemail system's numbers, for
					   formats whose records do not say */
	struct cs_match bot;
	char go_live[11];	/* "" when not set */
	struct cs_match internal;
	int callback_days;
	struct cs_service *services;	/* in the file's order */
	size_t nservices;
	struct cs_format_def *formats;
	size_t nformats;
	char **sources;		/* [import] sources, as written: paths, globs,
				   directories (sources.h reads them) */
	size_t nsources;
	char *encoding;		/* [import] encoding (readers/encoding.h's
				   names), or NULL */
	char digest[65];	/* hex SHA-256 of the file: rebuild when it changes */
};

/* Sets the defaults of callstat.conf(5): fr holidays, short_abandon 5 s,
 * service_level 20 s, retention 13 months.  The time zone stays NULL:
 * cs_config_load() makes it Europe/Paris when the file names none. */
void cs_config_init(struct cs_config *c);
/* Reads path into c (initialised by this call).  On failure err reads
 * "PATH:LINE: message" and c holds nothing that needs freeing.  Makes
 * the file's time zone the process's (cs_tz_use()): load every
 * configuration before threads start. */
int cs_config_load(struct cs_config *c, const char *path, struct cs_error *err);
void cs_config_release(struct cs_config *c);

/*
 * The configuration file to use: explicit (from -c) if not NULL, else
 * $CALLSTAT_CONFIG, else ./callstat.conf, else /etc/callstat/callstat.conf.
 * Returns NULL when none exists.
 */
const char *cs_config_find(const char *explicit);


/* The index of the first service (in the file's order) with a term of
 * kind that value matches, or -1. */
int cs_config_service_by(const struct cs_config *c, enum cs_term_kind kind,
    const char *value);

/* The [format NAME] section of name, or NULL; the value of its key, or
 * NULL when the section does not give it. */
const struct cs_format_def *cs_config_format(const struct cs_config *c,
    const char *name);
const char *cs_format_def_get(const struct cs_format_def *f, const char *key);
/* The character a separator value names (one character, "tab",
 * "semicolon"; NULL: ','), or 0 for none. */
char cs_format_separator(const char *v);

/* The index of the service named name, or -1. */
int cs_config_service(const struct cs_config *c, const char *name);

/* The index of the first service whose intents list intent, or -1. */
int cs_config_intent_service(const struct cs_config *c, const char *intent);

/* 1 if the local date is a closed day (a holiday or a `closed` day). */
int cs_config_closed_day(const struct cs_config *c, int year, int mon, int mday);

#endif
