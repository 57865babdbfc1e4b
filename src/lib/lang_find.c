/*
 * lang_find.c: where a language's catalogue is found (lang.h,
 * cs_lang_find): the environment, the installed directory, then beside
 * the running program.
 */
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "lang.h"

/* The whole of fp, NUL-terminated, or NULL. */
static char *
slurp(FILE *fp, size_t *len)
{
	size_t cap = 65536, n = 0, k;
	char *b = malloc(cap), *p;

	if (b == NULL)
		return NULL;
	while ((k = fread(b + n, 1, cap - n - 1, fp)) > 0) {
		n += k;
		if (n + 1 == cap) {
			if ((p = realloc(b, cap *= 2)) == NULL) {
				free(b);
				return NULL;
			}
			b = p;
		}
	}
	if (ferror(fp)) {
		free(b);
		return NULL;
	}
	b[n] = '\0';
	*len = n;
	return b;
}

int
cs_lang_find(struct cs_lang *l, const char *code, struct cs_error *err)
{
	char dirs[4][PATH_MAX], exe[PATH_MAX], path[PATH_MAX + 16];
	const char *env = getenv("CALLSTAT_PODIR");
	int nd = 0, rc;
	ssize_t k;
	FILE *fp = NULL;
	size_t len;
	char *text;

	cs_lang_init(l);
	if (strcmp(code, "en") == 0)
		return 0;
	if (env != NULL && *env != '\0')
		snprintf(dirs[nd++], sizeof(dirs[0]), "%s", env);
	snprintf(dirs[nd++], sizeof(dirs[0]), "%s", CS_PODIR);
	if ((k = readlink("/proc/self/exe", exe, sizeof(exe) - 1)) > 0) {
		char *sl;

		exe[k] = '\0';
		if ((sl = strrchr(exe, '/')) != NULL)
			*sl = '\0';
		snprintf(dirs[nd++], sizeof(dirs[0]), "%.*s/../share/callstat/po",
		    PATH_MAX - 40, exe);
		snprintf(dirs[nd++], sizeof(dirs[0]), "%.*s/../../po",
		    PATH_MAX - 40, exe);
	}
	for (int i = 0; i < nd && fp == NULL; i++) {
		snprintf(path, sizeof(path), "%.4000s/%.7s.po", dirs[i], code);
		fp = fopen(path, "r");
	}
	if (fp == NULL)
		return cs_error_set(err, "no catalogue %s.po in %s: set "
		    "CALLSTAT_PODIR to the directory that holds it", code,
		    env != NULL && *env != '\0' ? env : CS_PODIR);
	text = slurp(fp, &len);
	fclose(fp);
	if (text == NULL)
		return cs_error_set(err, "%s: cannot read", path);
	if ((rc = cs_lang_load(l, code, text, len, err)) < 0) {
		char msg[CS_ERROR_MAX];

		snprintf(msg, sizeof(msg), "%s", err ? err->msg : "");
		cs_error_set(err, "%.200s: %s", path, msg);
	}
	free(text);
	return rc;
}
