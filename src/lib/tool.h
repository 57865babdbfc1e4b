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

/* Exit statuses, the same for every tool (EXIT STATUS in each man page). */
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
 * Reads a period DATE..DATE or DATE (each as cs_tool_day_arg reads it)
 * given to option opt into from and to.  Returns 0, or -1 after a usage
 * message (cs_usage_error with synopsis) when it is none, or ends before
 * it starts.
 */
int cs_tool_range_arg(const char *synopsis, const char *opt, const char *arg,
    char from[11], char to[11]);

/*
 * The instant the local day (YYYY-MM-DD, as cs_tool_day_arg writes it)
 * starts, or with next set, the instant the day after it starts.  Needs
 * the configuration's time zone in force.
 */
int64_t cs_tool_day_start(const char *day, int next);

/*
 * The options several tools share, parsed in one place so that they mean
 * and say the same in each.  A tool lists those it takes in its own
 * getopt_long table, with these values for the long-only ones, handles its
 * own options first and passes every other value getopt_long returns to
 * cs_tool_opt, which also answers an unknown one.
 */
enum {
	CS_OPT_ALL_HOURS = 0x100,	/* --all-hours */
	CS_OPT_CSV,			/* --csv */
	CS_OPT_FROM,			/* --from DATE */
	CS_OPT_JSON,			/* --json */
	CS_OPT_OUT_OF_HOURS,		/* --out-of-hours */
	CS_OPT_TO,			/* --to DATE */
	CS_OPT_TSV,			/* --tsv */
	CS_OPT_TOOL = 0x200		/* a tool's own long-only options from here */
};

/* Which calls, by opening hours: without an option, those in hours. */
enum cs_tool_hours {
	CS_TOOL_IN_HOURS, CS_TOOL_OUT_OF_HOURS, CS_TOOL_ALL_HOURS
};

struct cs_tool_opts {
	const char *synopsis;		/* for usage errors */
	const char *config;		/* -c FILE, or NULL */
	const char *db;			/* -d FILE, or NULL */
	const char *output;		/* -o FILE (callstat-synth: DIR), or NULL */
	char from[11], to[11];		/* --from, --to as YYYY-MM-DD (the first
					   and last day they name), "" if not given */
	enum cs_out_format format;	/* --csv, --tsv, --json; CS_OUT_TABLE */
	enum cs_tool_hours hours;	/* --all-hours, --out-of-hours */
	int nformat, nhours;		/* how many of each were given */
};

/* Nothing given yet; synopsis is kept for the usage messages. */
void cs_tool_opts_init(struct cs_tool_opts *o, const char *synopsis);

/*
 * Takes one value from getopt_long (ch) with its argument (arg): -c, -d,
 * -o, --from, --to, --csv, --tsv, --json, --all-hours, --out-of-hours.
 * Returns 0, or -1 after a usage message (cs_usage_error: the tool exits
 * CS_EXIT_USAGE) for a bad date or a value it does not know ('?' from
 * getopt_long included: "unknown option").
 */
int cs_tool_opt(struct cs_tool_opts *o, int ch, const char *arg);

/*
 * After the options, for the tools that take no operand: no argument left
 * (argv[optind...]), one output format at most, one hours option at most,
 * and --from not after --to, checked in that order.  Returns 0, or -1
 * after a usage message.
 */
int cs_tool_opts_check(const struct cs_tool_opts *o, int argc, char **argv);

/* --from and --to, or NULL for each one not given. */
const char *cs_tool_from(const struct cs_tool_opts *o);
const char *cs_tool_to(const struct cs_tool_opts *o);

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
