#include <ctype.h>
#include <errno.h>
#include <fnmatch.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "match.h"
#include "privacy.h"

void
cs_match_release(struct cs_match *m)
{
	for (size_t i = 0; i < m->n; i++)
		free(m->t[i].value);
	free(m->t);
	m->t = NULL;
	m->n = 0;
}

/* Whether s is ASCII. */
static int
ascii(const char *s)
{
	for (; *s != '\0'; s++)
		if ((unsigned char)*s >= 0x80)
			return 0;
	return 1;
}

static int
parse_term(struct cs_term *t, const char *word, struct cs_error *err)
{
	static const struct {
		const char *name;
		enum cs_term_kind kind;
	} kinds[] = {
		{ "did", CS_TERM_DID }, { "queue", CS_TERM_QUEUE },
		{ "ext", CS_TERM_EXT }, { "channel", CS_TERM_CHANNEL },
		{ "app", CS_TERM_APP }, { "context", CS_TERM_CONTEXT },
		{ "data", CS_TERM_DATA },
	};
	const char *colon = strchr(word, ':');
	size_t klen;
	size_t i;

	memset(t, 0, sizeof(*t));
	if (colon == NULL || colon[1] == '\0')
		return cs_error_set(err, "bad match term '%s': write KIND:VALUE, "
		    "KIND one of did queue ext channel app context data", word);
	klen = (size_t)(colon - word);
	for (i = 0; i < sizeof(kinds) / sizeof(kinds[0]); i++)
		if (strlen(kinds[i].name) == klen &&
		    strncmp(kinds[i].name, word, klen) == 0)
			break;
	if (i == sizeof(kinds) / sizeof(kinds[0]))
		return cs_error_set(err, "unknown match term kind in '%s': use "
		    "did queue ext channel app context or data", word);
	t->kind = kinds[i].kind;
	if (t->kind == CS_TERM_DID) {
		char norm[256];

		cs_number_normalise(colon + 1, norm, sizeof(norm));
		t->value = cs_strdup(norm);
	} else {
		t->value = cs_strdup(colon + 1);
	}
	if (t->value == NULL)
		return cs_error_set(err, "out of memory");
	/* what fnmatch() would compare byte for byte (no flag is given
	   but to app terms, which ignore case) */
	t->literal = t->kind != CS_TERM_APP && strpbrk(t->value, "*?[\\") == NULL;
	if (t->kind != CS_TERM_APP && t->value[0] != '\0') {
		size_t n = strlen(t->value);

		if (t->value[n - 1] == '*' && strcspn(t->value, "*?[\\") == n - 1)
			t->prefix = n - 1;
		t->qmarks = !t->literal && strpbrk(t->value, "*[\\") == NULL &&
		    ascii(t->value);
	}
	if (t->kind == CS_TERM_EXT) {
		const char *dash = strchr(t->value, '-');
		char *end;

		if (dash != NULL && isdigit((unsigned char)t->value[0])) {
			errno = 0;
			t->lo = strtol(t->value, &end, 10);
			if (end != dash)
				goto badrange;
			t->hi = strtol(dash + 1, &end, 10);
			if (*end != '\0' || dash[1] == '\0' || errno != 0 ||
			    t->hi < t->lo)
				goto badrange;
			t->range = 1;
		}
	}
	return 0;
badrange:
	cs_error_set(err, "bad extension range in '%s': write ext:N-M with N <= M",
	    word);
	free(t->value);
	t->value = NULL;
	return -1;
}

int
cs_match_parse(struct cs_match *m, const char *s, struct cs_error *err)
{
	char *copy = cs_strdup(s), *save = NULL, *w;
	int rc = -1;

	m->t = NULL;
	m->n = 0;
	if (copy == NULL)
		return cs_error_set(err, "out of memory");
	for (w = strtok_r(copy, " \t", &save); w != NULL;
	    w = strtok_r(NULL, " \t", &save)) {
		struct cs_term *nt = realloc(m->t, (m->n + 1) * sizeof(*nt));

		if (nt == NULL) {
			cs_error_set(err, "out of memory");
			goto out;
		}
		m->t = nt;
		if (parse_term(&m->t[m->n], w, err) != 0)
			goto out;
		m->n++;
	}
	rc = 0;
out:
	free(copy);
	if (rc != 0)
		cs_match_release(m);
	return rc;
}

/*
 * value against a glob whose only wildcards are '?' (did:01990021??),
 * as fnmatch() would say: -1 when a byte past ASCII comes before the
 * answer, where a '?' stands for a character of the locale, not a byte.
 */
static int
qmarks(const char *pat, const char *value)
{
	for (; *pat != '\0'; pat++, value++) {
		if (*value == '\0')
			return 0;
		if ((unsigned char)*value >= 0x80)
			return -1;
		if (*pat != '?' && *pat != *value)
			return 0;
	}
	return *value == '\0';
}

/* value against t's glob, or its text when it has no wildcard */
static int
glob(const struct cs_term *t, const char *value)
{
	int hit;

	if (t->literal)
		return strcmp(t->value, value) == 0;
	if (t->prefix > 0)
		return strncmp(t->value, value, t->prefix) == 0;
	if (t->qmarks && (hit = qmarks(t->value, value)) >= 0)
		return hit;
	return fnmatch(t->value, value, 0) == 0;
}

int
cs_term_match_number(const struct cs_term *t, const char *norm)
{
	return glob(t, norm);
}

int
cs_term_match(const struct cs_term *t, const char *value)
{
	if (value == NULL || *value == '\0')
		return 0;
	if (t->kind == CS_TERM_DID) {
		char norm[256];

		cs_number_normalise(value, norm, sizeof(norm));
		return glob(t, norm);
	}
	if (t->kind == CS_TERM_EXT && t->range) {
		/* digits only, 15 at most (every leg meets these terms: one
		   pass, no strtol) */
		long v = 0;
		int n = 0;

		for (const char *s = value; *s != '\0'; s++) {
			if (*s < '0' || *s > '9' || ++n > 15)
				return 0;
			v = 10 * v + (*s - '0');
		}
		return v >= t->lo && v <= t->hi;
	}
	return glob(t, value);
}

int
cs_match_leg(const struct cs_match *m, const struct cs_leg *leg)
{
	for (size_t i = 0; i < m->n; i++) {
		const struct cs_term *t = &m->t[i];
		const char *app = leg->attr[CS_ATTR_APP];
		int hit = 0;

		switch (t->kind) {
		case CS_TERM_DID:
			hit = cs_term_match(t, leg->to);
			break;
		case CS_TERM_QUEUE:
			hit = cs_term_match(t, leg->queue);
			break;
		case CS_TERM_EXT:
			hit = cs_term_match(t, leg->to) || cs_term_match(t, leg->peer);
			break;
		case CS_TERM_CHANNEL:
			hit = cs_term_match(t, leg->attr[CS_ATTR_CHANNEL]);
			break;
		case CS_TERM_APP:
			hit = app != NULL && *app != '\0' &&
			    fnmatch(t->value, app, FNM_CASEFOLD) == 0;
			break;
		case CS_TERM_CONTEXT:
			hit = cs_term_match(t, leg->attr[CS_ATTR_CONTEXT]);
			break;
		case CS_TERM_DATA:
			hit = cs_term_match(t, leg->attr[CS_ATTR_DATA]);
			break;
		}
		if (hit)
			return 1;
	}
	return 0;
}

int
cs_match_caller(const struct cs_match *m, const struct cs_leg *leg)
{
	for (size_t i = 0; i < m->n; i++) {
		const struct cs_term *t = &m->t[i];
		int hit = 0;

		switch (t->kind) {
		case CS_TERM_EXT:
			hit = cs_term_match(t, leg->from) || cs_term_match(t, leg->from_peer);
			break;
		case CS_TERM_DID:
			hit = cs_term_match(t, leg->from);
			break;
		case CS_TERM_CONTEXT:
			hit = cs_term_match(t, leg->attr[CS_ATTR_CONTEXT]);
			break;
		case CS_TERM_CHANNEL:
			hit = cs_term_match(t, leg->attr[CS_ATTR_CALLER_CHANNEL]);
			break;
		case CS_TERM_APP:
			hit = cs_term_match(t, leg->attr[CS_ATTR_APP]);
			break;
		case CS_TERM_DATA:
			hit = cs_term_match(t, leg->attr[CS_ATTR_DATA]);
			break;
		case CS_TERM_QUEUE:
			break;
		}
		if (hit)
			return 1;
	}
	return 0;
}
