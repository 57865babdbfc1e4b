/*
 * config_service.c: the sections of callstat.conf(5) that a town names,
 * [service NAME] (a service's label, match terms, opening hours and
 * intents; [format NAME] is config_format.c's), the match lists
 * every section shares, and looking up a service; and the helpers that
 * set a value or record the first error, for config.c too.  config.c
 * reads the file and the town-wide sections, and hands these keys here.
 */
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "config.h"
#include "config_int.h"
#include "privacy.h"

int
cs_config_fail(struct load *l, const char *fmt, const char *a, const char *b)
{
	if (!l->failed) {
		snprintf(l->err.msg, sizeof(l->err.msg), fmt, a, b);
		l->failed = 1;
		l->fail_line = l->phys;
	}
	return 0;	/* inih: this line is an error */
}

int
cs_config_set_str(struct load *l, char **dst, const char *v)
{
	free(*dst);
	*dst = cs_strdup(v);
	if (*dst == NULL)
		return cs_config_fail(l, "out of memory%s%s", "", "");
	return 1;
}

int
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

int
cs_config_match_add(struct load *l, struct cs_match *m, const char *v)
{
	struct cs_error e;
	struct cs_match more;
	struct cs_term *nt;

	if (cs_match_parse(&more, v, &e) != 0)
		return cs_config_fail(l, "%s%s", e.msg, "");
	if (more.n == 0)
		return 1;
	nt = realloc(m->t, (m->n + more.n) * sizeof(*nt));
	if (nt == NULL) {
		cs_match_release(&more);
		return cs_config_fail(l, "out of memory%s%s", "", "");
	}
	m->t = nt;
	memcpy(m->t + m->n, more.t, more.n * sizeof(*nt));
	m->n += more.n;
	free(more.t);
	return 1;
}

int
cs_config_service_key(struct load *l, const char *name, const char *key, const char *v,
    int again)
{
	struct cs_config *c = l->c;
	struct cs_service *s = NULL;

	for (size_t i = 0; i < c->nservices; i++)
		if (strcmp(c->services[i].name, name) == 0)
			s = &c->services[i];
	if (s == NULL) {
		struct cs_service *ns;

		if (strcmp(name, "other") == 0)
			return cs_config_fail(l, "[service other] is reserved: it holds the "
			    "calls no service matches%s%s", "", "");
		for (const char *p = name; *p != '\0'; p++)
			if (!isalnum((unsigned char)*p) && *p != '-' && *p != '_')
				return cs_config_fail(l, "bad service name '%s': use letters, "
				    "digits, '-' and '_'%s", name, "");
		ns = realloc(c->services, (c->nservices + 1) * sizeof(*ns));
		if (ns == NULL)
			return cs_config_fail(l, "out of memory%s%s", "", "");
		c->services = ns;
		s = &c->services[c->nservices++];
		memset(s, 0, sizeof(*s));
		s->line = l->phys;
		s->name = cs_strdup(name);
		if (s->name == NULL)
			return cs_config_fail(l, "out of memory%s%s", "", "");
	}
	if (strcmp(key, "label") == 0)
		return again ? cs_config_add_str(l, &s->label, v) : cs_config_set_str(l, &s->label, v);
	if (strcmp(key, "match") == 0)
		return cs_config_match_add(l, &s->match, v);
	if (strcmp(key, "hours") == 0) {
		struct cs_error e;
		size_t len = s->hours_text != NULL ? strlen(s->hours_text) : 0;
		char *nt = realloc(s->hours_text, len + strlen(v) + 2);

		if (nt == NULL)
			return cs_config_fail(l, "out of memory%s%s", "", "");
		/* continuation lines add to the hours as written */
		if (len > 0 && again)
			nt[len++] = ' ';
		else
			len = 0;
		strcpy(nt + len, v);
		s->hours_text = nt;
		if (cs_hours_parse(&s->hours, s->hours_text, &e) != 0)
			return cs_config_fail(l, "%s%s", e.msg, "");
		s->has_hours = 1;
		return 1;
	}
	if (strcmp(key, "intents") == 0) {
		char *copy = cs_strdup(v), *save = NULL, *w;

		if (copy == NULL)
			return cs_config_fail(l, "out of memory%s%s", "", "");
		for (w = strtok_r(copy, " \t,", &save); w != NULL;
		    w = strtok_r(NULL, " \t,", &save)) {
			char **ni = realloc(s->intents, (s->nintents + 1) * sizeof(*ni));

			if (ni == NULL || (ni[s->nintents] = cs_strdup(w)) == NULL) {
				if (ni != NULL)
					s->intents = ni;
				free(copy);
				return cs_config_fail(l, "out of memory%s%s", "", "");
			}
			s->intents = ni;
			s->nintents++;
		}
		free(copy);
		return 1;
	}
	return cs_config_fail(l, "unknown key '%s' in [service %s]", key, name);
}

void
cs_config_named_release(struct cs_config *c)
{
	for (size_t i = 0; i < c->nservices; i++) {
		struct cs_service *s = &c->services[i];

		free(s->name);
		free(s->label);
		free(s->hours_text);
		cs_match_release(&s->match);
		for (size_t j = 0; j < s->nintents; j++)
			free(s->intents[j]);
		free(s->intents);
	}
	free(c->services);
	for (size_t i = 0; i < c->nformats; i++) {
		for (size_t j = 0; j < c->formats[i].n; j++) {
			free(c->formats[i].key[j]);
			free(c->formats[i].value[j]);
		}
		free(c->formats[i].key);
		free(c->formats[i].value);
		free(c->formats[i].name);
	}
	free(c->formats);
}

int
cs_config_service_by(const struct cs_config *c, enum cs_term_kind kind,
    const char *value)
{
	char norm[256];

	if (value == NULL || *value == '\0')
		return -1;
	/* a number is normalised once, not once a term */
	if (kind == CS_TERM_DID)
		cs_number_normalise(value, norm, sizeof(norm));
	for (size_t s = 0; s < c->nservices; s++) {
		const struct cs_match *m = &c->services[s].match;

		for (size_t i = 0; i < m->n; i++)
			if (m->t[i].kind == kind && (kind == CS_TERM_DID ?
			    cs_term_match_number(&m->t[i], norm) :
			    cs_term_match(&m->t[i], value)))
				return (int)s;
	}
	return -1;
}

int
cs_config_service(const struct cs_config *c, const char *name)
{
	for (size_t i = 0; i < c->nservices; i++)
		if (strcmp(c->services[i].name, name) == 0)
			return (int)i;
	return -1;
}

int
cs_config_intent_service(const struct cs_config *c, const char *intent)
{
	for (size_t i = 0; intent != NULL && *intent != '\0' &&
	    i < c->nservices; i++)
		for (size_t j = 0; j < c->services[i].nintents; j++)
			if (strcmp(c->services[i].intents[j], intent) == 0)
				return (int)i;
	return -1;
}
