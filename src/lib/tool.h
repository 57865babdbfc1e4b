/*
 * tool.h: what every tool's main() shares: its name in messages, usage
 * errors, and the common options' values.
 */
#ifndef CS_TOOL_H
#define CS_TOOL_H

#include <stdint.h>

#include "config.h"
#include "db.h"
#include "error.h"
#include "output.h"

/* Exit statuses, the same for every tool (style.md). */
#define CS_EXIT_OK 0
#define CS_EXIT_FAIL 1
#define CS_EXIT_USAGE 2

/* Sets the name messages start with. */
void cs_tool_init(const char *name);
const char *cs_tool_name(void);

/* "name: message" on stderr. */
void cs_warnx(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

/* Prints "name: message", the synopsis and "Try 'name --help'...", and
 * returns CS_EXIT_USAGE. */
int cs_usage_error(const char *synopsis, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));

/* Prints "name VERSION" and returns CS_EXIT_OK. */
int cs_tool_version(void);

/*
 * Reads a --from or --to argument: YYYY-MM-DD, or YYYY-MM or YYYY for the
 * first (is_to = 0) or last (is_to = 1) day of that month or year, into out
 * as YYYY-MM-DD.  Returns -1 when it is none of these.
 */
int cs_tool_day_arg(const char *arg, int is_to, char out[11]);

/*
 * The instant the local day (YYYY-MM-DD, as cs_tool_day_arg writes it)
 * starts, or with next set, the instant the day after it starts.  Needs
 * the configuration's time zone in force.
 */
int64_t cs_tool_day_start(const char *day, int next);

/*
 * Loads the configuration (cs_config_find), printing what went wrong.
 * Returns 0, or -1 after printing a message.
 */
int cs_tool_config(const char *config_arg, struct cs_config *cfg);

/*
 * Opens the database at path (cs_db_open) in mode, printing what went
 * wrong.  Returns 0, or -1 after printing a message.
 */
int cs_tool_db(const char *path, enum cs_db_mode mode, struct cs_db *db);

/*
 * cs_tool_config, then cs_tool_db on the database cs_db_find(db_arg)
 * names.  Returns 0, or -1 after printing a message (cfg released).
 */
int cs_tool_open(const char *config_arg, const char *db_arg,
    enum cs_db_mode mode, struct cs_config *cfg, struct cs_db *db);

/*
 * For the tools that only read: cs_tool_open with CS_DB_READ, then the
 * derived tables brought up to date with the configuration (calls.h).
 * When they are not (the configuration or the rules changed since they
 * were made), the database is opened read-write, just long enough to
 * rebuild and store them; when it cannot be written, they are rebuilt for
 * this process only, in temporary tables (cs_db_shadow_derived), with a
 * warning that says who can store them.  Returns 0, or -1 after printing
 * a message (cfg released, db closed).
 */
int cs_tool_open_read(const char *config_arg, const char *db_arg,
    struct cs_config *cfg, struct cs_db *db);

/*
 * Writes t in format f to path (-o; NULL or "-": standard output), checking
 * every write and the close.  Returns 0, or -1 after printing one message.
 */
int cs_tool_write(const char *path, const struct cs_table *t,
    enum cs_out_format f);

#endif
