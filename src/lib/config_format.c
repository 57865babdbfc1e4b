/*
 * config_format.c: the [format NAME] sections of callstat.conf(5), the
 * columns of a CSV of any shape for the generic-csv reader: each key
 * checked as it is read (a known key, once; header yes or no; a separator
 * of one character; a column number with header = no), and looking one up.
 * What the columns mean is the reader's (readers/generic_csv.c).
 */
#include <stdlib.h>
#include <string.h>

#include "config.h"
#include "config_int.h"

/* callstat's fields: each names a column of the file. */
static const char *const columns[] = {
	"call_id", "leg", "start", "answer", "end", "duration", "caller",
	"caller_name", "dialled", "destination", "queue", "answered_by",
	"disposition", "sip_call_id",
};

/* What the file's values mean: each names a value of a column. */
static const char *const values[] = {
	"answered_by.human", "answered_by.bot", "answered_by.pbx",
	"disposition.answered", "disposition.abandoned",
	"disposition.no_answer", "disposition.busy", "disposition.failed",
	"disposition.queue_timeout", "disposition.queue_empty",
};

static int
in(const char *key, const char *const *list, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if (strcmp(key, list[i]) == 0)
			return 1;
	return 0;
}

#define IN(key, list) in(key, list, sizeof(list) / sizeof(list[0]))

const char *
cs_format_def_get(const struct cs_format_def *f, const char *key)
{
	for (size_t i = 0; i < f->n; i++)
		if (strcmp(f->key[i], key) == 0)
			return f->value[i];
	return NULL;
}

const struct cs_format_def *
cs_config_format(const struct cs_config *c, const char *name)
{
	for (size_t i = 0; i < c->nformats; i++)
		if (strcmp(c->formats[i].name, name) == 0)
			return &c->formats[i];
	return NULL;
}

char
cs_format_separator(const char *v)
{
	if (v == NULL)
		return ',';
	if (strcmp(v, "tab") == 0)
		return '\t';
	/* ';' opens a comment in callstat.conf: its name */
	if (strcmp(v, "semicolon") == 0)
		return ';';
	return strlen(v) == 1 ? v[0] : 0;
}

/* A value of the key (already known) that cannot be: 0 after
 * cs_config_fail, else 1. */
static int
check_value(struct load *l, const char *name, const char *key, const char *v)
{
	if (strcmp(key, "header") == 0 && strcmp(v, "yes") != 0 &&
	    strcmp(v, "no") != 0)
		return cs_config_fail(l, "header must be yes or no, not '%s' "
		    "(in [format %s])", v, name);
	if (strcmp(key, "separator") == 0 && strlen(v) != 1 &&
	    cs_format_separator(v) == 0)
		return cs_config_fail(l, "separator must be one character, tab "
		    "or semicolon, not '%s' (in [format %s])", v, name);
	if (strcmp(key, "separator") == 0 && (*v == '"' || *v == '\n'))
		return cs_config_fail(l, "separator cannot be '%s' (in [format "
		    "%s])", v, name);
	return 1;
}

int
cs_config_format_key(struct load *l, const char *name, const char *key,
    const char *v)
{
	struct cs_config *c = l->c;
	struct cs_format_def *f;
	char **nk, **nv;

	if (!IN(key, columns) && !IN(key, values) &&
	    strcmp(key, "header") != 0 && strcmp(key, "separator") != 0)
		return cs_config_fail(l, "unknown key '%s' in [format %s]", key,
		    name);
	if (!check_value(l, name, key, v))
		return 0;
	if ((f = (struct cs_format_def *)cs_config_format(c, name)) == NULL) {
		struct cs_format_def *nf = realloc(c->formats,
		    (c->nformats + 1) * sizeof(*nf));

		if (nf == NULL)
			return cs_config_fail(l, "out of memory%s%s", "", "");
		c->formats = nf;
		f = &c->formats[c->nformats++];
		memset(f, 0, sizeof(*f));
		if ((f->name = cs_strdup(name)) == NULL)
			return cs_config_fail(l, "out of memory%s%s", "", "");
	}
	nk = realloc(f->key, (f->n + 1) * sizeof(*nk));
	if (nk != NULL)
		f->key = nk;
	nv = realloc(f->value, (f->n + 1) * sizeof(*nv));
	if (nv != NULL)
		f->value = nv;
	if (nk == NULL || nv == NULL)
		return cs_config_fail(l, "out of memory%s%s", "", "");
	f->key[f->n] = cs_strdup(key);
	f->value[f->n] = cs_strdup(v);
	f->n++;
	if (f->key[f->n - 1] == NULL || f->value[f->n - 1] == NULL)
		return cs_config_fail(l, "out of memory%s%s", "", "");
	return 1;
}
