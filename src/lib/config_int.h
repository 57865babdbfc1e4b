/*
 * config_int.h: what config.c and config_service.c share while a file is
 * read: the reader's state (struct load) and the helpers that set a value
 * or record the first error.  Private to those two files.
 */
#ifndef CS_CONFIG_INT_H
#define CS_CONFIG_INT_H

#include <stdio.h>

#include "config.h"

/*
 * inih, as Debian builds it, reads lines of at most 199 characters and
 * never shows the handler a section without keys.  So callstat feeds it
 * through a reader of its own: long lines are folded into continuation
 * lines at blanks (list values then add up), every section header is
 * checked as it is read, and physical line numbers are kept for messages.
 */
#define INI_CHUNK 150

struct load {
	struct cs_config *c;
	const char *path;
	struct cs_error err;
	int failed;
	int fail_line;
	FILE *fp;
	char *line;		/* the physical line being fed */
	size_t linecap;
	size_t pos;		/* how much of it inih has had */
	int phys;		/* its number */
	int *map;		/* inih's line number -> physical line */
	int nmap, capmap;
	char prev_section[256], prev_key[64];
	int indented;		/* the line fed last may continue a key */
	/* the keys given so far, with their line: each at most once a
	   section, since a second value would silently replace the first */
	struct seen {
		char *section, *key;
		int line;
	} *seen;
	size_t nseen;
	/* the [service NAME] headers, with their line: a section without a
	   key makes no service, and inih says nothing of it */
	struct header {
		char *name;
		int line;
	} *svc;
	size_t nsvc;
};

/*
 * The helpers both files use, in config_service.c (which calls nothing of
 * config.c).  Each returns 1, or 0 after recording the first error, which
 * tells inih that the line is an error.  Not inline: the compiler would
 * then see every message's format and the 4 KiB value it quotes, and warn
 * that the 512-byte message may be cut, which it may, and is meant to.
 */

/* Records the first error (fmt takes two strings); returns 0. */
int cs_config_fail(struct load *l, const char *fmt, const char *a,
    const char *b);
/* *dst becomes a copy of v. */
int cs_config_set_str(struct load *l, char **dst, const char *v);
/* A text continued on an indented line: joined to *dst with a blank. */
int cs_config_add_str(struct load *l, char **dst, const char *v);

/* config_service.c: the sections a town names, and match lists. */

/* Adds v's terms to the match list m: a key given again, or continued on
 * indented lines, adds to the list.  Returns 1, or 0 after cs_config_fail. */
int cs_config_match_add(struct load *l, struct cs_match *m, const char *v);

/* A key of [service NAME] (again: an indented continuation line).
 * Returns 1, or 0 after cs_config_fail. */
int cs_config_service_key(struct load *l, const char *name, const char *key,
    const char *v, int again);

/* A key of [format NAME].  Returns 1, or 0 after cs_config_fail. */
int cs_config_format_key(struct load *l, const char *name, const char *key,
    const char *v);

/* Frees the services and format sections of c. */
void cs_config_named_release(struct cs_config *c);

#endif
