/*
 * config_int.h: what config.c and config_service.c share while a file is
 * read: the reader's state (struct load) and the helpers that set a value
 * or record the first error.  Private to those two files.
 */
#ifndef CS_CONFIG_INT_H
#define CS_CONFIG_INT_H

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

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
};

/* Records the first error (fmt takes two strings); returns 0, which tells
 * inih that this line is an error. */
static inline int
cs_config_fail(struct load *l, const char *fmt, const char *a, const char *b)
{
	if (!l->failed) {
		snprintf(l->err.msg, sizeof(l->err.msg), fmt, a, b);
		l->failed = 1;
		l->fail_line = l->phys;
	}
	return 0;	/* inih: this line is an error */
}

static inline int
cs_config_set_str(struct load *l, char **dst, const char *v)
{
	free(*dst);
	*dst = cs_strdup(v);
	if (*dst == NULL)
		return cs_config_fail(l, "out of memory%s%s", "", "");
	return 1;
}

/* A text continued on an indented line: joined with a blank. */
static inline int
cs_config_add_str(struct load *l, char **dst, const char *v)
{
	size_t len = *dst != NULL ? strlen(*dst) : 0;
	char *n = realloc(*dst, len + strlen(v) + 2);

	if (n == NULL)
		return cs_config_fail(l, "out of memory%s%s", "", "");
	if (len > 0)
		n[len++] = ' ';
	strcpy(n + len, v);
	*dst = n;
	return 1;
}

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
