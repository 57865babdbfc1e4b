/*
 * config.c: callstat.conf(5) read (inih, through a line reader that folds
 * long lines and keeps physical line numbers), its town-wide sections
 * ([commune], [pbx], [bot], [internal], [privacy]) and the configuration's
 * lifecycle.  The sections a town names, [service NAME] and [format NAME],
 * and match lists are config_service.c's.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <ini.h>
#include <sodium.h>

#include "config.h"
#include "config_int.h"
#include "readers/encoding.h"

void
cs_config_init(struct cs_config *c)
{
	memset(c, 0, sizeof(*c));
	c->holidays = CS_HOLIDAYS_FR;
	c->short_abandon = 5;
	c->service_level = 20;
	c->retention_months = 13;
}

static int
parse_int(const char *v, int lo, int hi, int *out)
{
	char *end;
	long n;

	errno = 0;
	n = strtol(v, &end, 10);
	if (end == v || *end != '\0' || errno != 0 || n < lo || n > hi)
		return -1;
	*out = (int)n;
	return 0;
}


static int
add_closed(struct load *l, const char *v)
{
	char *copy = cs_strdup(v), *save = NULL, *w;
	int ok = 1;

	if (copy == NULL)
		return cs_config_fail(l, "out of memory%s%s", "", "");
	for (w = strtok_r(copy, " \t,", &save); w != NULL && ok;
	    w = strtok_r(NULL, " \t,", &save)) {
		struct cs_datetime d;
		int *nc;

		if (cs_date_parse(w, &d) != 0) {
			ok = cs_config_fail(l, "bad date '%s' in closed: write YYYY-MM-DD%s", w, "");
			break;
		}
		nc = realloc(l->c->closed, (l->c->nclosed + 1) * sizeof(*nc));
		if (nc == NULL) {
			ok = cs_config_fail(l, "out of memory%s%s", "", "");
			break;
		}
		l->c->closed = nc;
		nc[l->c->nclosed++] = d.year * 10000 + d.mon * 100 + d.mday;
	}
	free(copy);
	return ok;
}
static int
do_commune(struct load *l, const char *key, const char *v, int again)
{
	struct cs_config *c = l->c;

	if (strcmp(key, "name") == 0)
		return again ? cs_config_add_str(l, &c->name, v) : cs_config_set_str(l, &c->name, v);
	if (again && strcmp(key, "closed") != 0)
		return cs_config_fail(l, "'%s' takes one value%s", key, "");
	if (strcmp(key, "timezone") == 0) {
		struct cs_error e;

		if (cs_tz_use(v, &e) != 0)
			return cs_config_fail(l, "%s%s", e.msg, "");
		return cs_config_set_str(l, &c->timezone, v);
	}
	if (strcmp(key, "holidays") == 0) {
		if (strcmp(v, "fr") == 0)
			c->holidays = CS_HOLIDAYS_FR;
		else if (strcmp(v, "fr-alsace-moselle") == 0)
			c->holidays = CS_HOLIDAYS_FR_ALSACE_MOSELLE;
		else if (strcmp(v, "none") == 0)
			c->holidays = CS_HOLIDAYS_NONE;
		else
			return cs_config_fail(l, "unknown holidays '%s': use fr, "
			    "fr-alsace-moselle or none%s", v, "");
		return 1;
	}
	if (strcmp(key, "closed") == 0)
		return add_closed(l, v);
	if (strcmp(key, "short_abandon") == 0) {
		if (parse_int(v, 0, 3600, &c->short_abandon) != 0)
			return cs_config_fail(l, "short_abandon must be seconds from 0 to 3600, "
			    "not '%s'%s", v, "");
		return 1;
	}
	if (strcmp(key, "service_level") == 0) {
		if (parse_int(v, 0, 86400, &c->service_level) != 0)
			return cs_config_fail(l, "service_level must be seconds from 0 to 86400, "
			    "not '%s'%s", v, "");
		return 1;
	}
	if (strcmp(key, "dial_timeout") == 0) {
		if (parse_int(v, 1, 86400, &c->dial_timeout) != 0)
			return cs_config_fail(l, "dial_timeout must be seconds from 1 to 86400, "
			    "not '%s'%s", v, "");
		return 1;
	}
	if (strcmp(key, "retention_months") == 0) {
		if (parse_int(v, 1, 1200, &c->retention_months) != 0)
			return cs_config_fail(l, "retention_months must be a number of months "
			    "from 1 to 1200, not '%s'%s", v, "");
		return 1;
	}
	if (strcmp(key, "key_file") == 0)
		return cs_config_set_str(l, &c->key_file, v);
	return cs_config_fail(l, "unknown key '%s' in [commune]%s", key, "");
}
/* A list of words separated by blanks (a key continued on indented lines
 * adds to it): [import] sources. */
static int
add_words(struct load *l, char ***list, size_t *n, const char *v)
{
	char *copy = cs_strdup(v), *save = NULL, *w;

	if (copy == NULL)
		return cs_config_fail(l, "out of memory%s%s", "", "");
	for (w = strtok_r(copy, " \t", &save); w != NULL;
	    w = strtok_r(NULL, " \t", &save)) {
		char **nl = realloc(*list, (*n + 1) * sizeof(*nl));

		if (nl == NULL || (nl[*n] = cs_strdup(w)) == NULL) {
			if (nl != NULL)
				*list = nl;
			free(copy);
			return cs_config_fail(l, "out of memory%s%s", "", "");
		}
		*list = nl;
		(*n)++;
	}
	free(copy);
	return 1;
}

/* Drops an inline comment that starts with '#' after a blank (inih only
 * knows ';' there) and the blanks before it. */
static void
strip_comment(char *v)
{
	size_t len;

	for (char *p = v; *p != '\0'; p++)
		if (*p == '#' && p > v && (p[-1] == ' ' || p[-1] == '\t')) {
			*p = '\0';
			break;
		}
	len = strlen(v);
	while (len > 0 && (v[len - 1] == ' ' || v[len - 1] == '\t'))
		v[--len] = '\0';
}

/*
 * A key given a second time in a section (or in another section of the
 * same name) is an error that names both lines: were the last value kept,
 * a line added at the end of a long file would silently win.
 */
static int
check_once(struct load *l, const char *section, const char *key)
{
	struct seen *ns;
	char msg[CS_ERROR_MAX];

	for (size_t i = 0; i < l->nseen; i++)
		if (strcmp(l->seen[i].key, key) == 0 &&
		    strcmp(l->seen[i].section, section) == 0) {
			snprintf(msg, sizeof(msg), "'%s' is given twice in [%s], "
			    "on lines %d and %d: keep one (a list goes on over "
			    "indented lines)", key, section, l->seen[i].line,
			    l->phys);
			cs_config_fail(l, "%s%s", msg, "");
			return -1;
		}
	ns = realloc(l->seen, (l->nseen + 1) * sizeof(*ns));
	if (ns == NULL) {
		cs_config_fail(l, "out of memory%s%s", "", "");
		return -1;
	}
	l->seen = ns;
	ns[l->nseen].section = cs_strdup(section);
	ns[l->nseen].key = cs_strdup(key);
	ns[l->nseen].line = l->phys;
	l->nseen++;
	if (ns[l->nseen - 1].section == NULL || ns[l->nseen - 1].key == NULL) {
		cs_config_fail(l, "out of memory%s%s", "", "");
		return -1;
	}
	return 0;
}

static int
handler(void *user, const char *section, const char *key, const char *value)
{
	struct load *l = user;
	struct cs_config *c = l->c;
	char v[4096];
	int again;

	if (l->failed)
		return 1;	/* report only the first error */
	if (key == NULL) {
		/* a new section (INI_CALL_HANDLER_ON_NEW_SECTION builds) */
		return 1;
	}
	snprintf(v, sizeof(v), "%s", value);
	strip_comment(v);
	/* an indented line under a key goes on with its value */
	again = l->indented && strcmp(section, l->prev_section) == 0 &&
	    strcmp(key, l->prev_key) == 0;
	if (!again && check_once(l, section, key) != 0)
		return 0;
	snprintf(l->prev_section, sizeof(l->prev_section), "%s", section);
	snprintf(l->prev_key, sizeof(l->prev_key), "%s", key);

	if (strcmp(section, "commune") == 0)
		return do_commune(l, key, v, again);
	/* a service's keys each say what a continuation line does */
	if (again && strcmp(key, "match") != 0 && strcmp(key, "welcome") != 0 &&
	    strcmp(key, "voicemail") != 0 &&
	    strcmp(section, "import") != 0 &&
	    strncmp(section, "format ", 7) != 0 &&
	    strncmp(section, "service ", 8) != 0)
		return cs_config_fail(l, "'%s' takes one value%s", key, "");
	if (strcmp(section, "pbx") == 0) {
		if (strcmp(key, "times") == 0) {
			if (strcmp(v, "local") == 0)
				c->times_utc = 0;
			else if (strcmp(v, "utc") == 0)
				c->times_utc = 1;
			else
				return cs_config_fail(l, "times must be local or utc, not '%s'%s",
				    v, "");
			return 1;
		}
		if (strcmp(key, "welcome") == 0)
			return cs_config_match_add(l, &c->welcome, v);
		if (strcmp(key, "voicemail") == 0)
			return cs_config_match_add(l, &c->voicemail, v);
		return cs_config_fail(l, "unknown key '%s' in [pbx]%s", key, "");
	}
	if (strcmp(section, "bot") == 0) {
		if (strcmp(key, "match") == 0)
			return cs_config_match_add(l, &c->bot, v);
		if (strcmp(key, "go_live") == 0) {
			struct cs_datetime d;

			if (cs_date_parse(v, &d) != 0)
				return cs_config_fail(l, "bad go_live date '%s': write "
				    "YYYY-MM-DD%s", v, "");
			memcpy(c->go_live, v, 10);
			c->go_live[10] = '\0';
			return 1;
		}
		return cs_config_fail(l, "unknown key '%s' in [bot]%s", key, "");
	}
	if (strcmp(section, "internal") == 0) {
		if (strcmp(key, "match") == 0)
			return cs_config_match_add(l, &c->internal, v);
		return cs_config_fail(l, "unknown key '%s' in [internal]%s", key, "");
	}
	if (strcmp(section, "import") == 0) {
		if (strcmp(key, "sources") == 0)
			return add_words(l, &c->sources, &c->nsources, v);
		if (strcmp(key, "encoding") == 0) {
			enum cs_encoding enc;

			if (cs_encoding_find(v, &enc) != 0)
				return cs_config_fail(l, "encoding must be %s, not "
				    "'%s'", CS_ENCODING_NAMES, v);
			return cs_config_set_str(l, &c->encoding, v);
		}
		return cs_config_fail(l, "unknown key '%s' in [import]%s", key, "");
	}
	if (strcmp(section, "privacy") == 0) {
		if (strcmp(key, "callback_days") == 0) {
			if (parse_int(v, 0, 3650, &c->callback_days) != 0)
				return cs_config_fail(l, "callback_days must be a number of days "
				    "from 0 to 3650, not '%s'%s", v, "");
			return 1;
		}
		return cs_config_fail(l, "unknown key '%s' in [privacy]%s", key, "");
	}
	if (strncmp(section, "service ", 8) == 0 && section[8] != '\0')
		return cs_config_service_key(l, section + 8, key, v, again);
	if (strncmp(section, "format ", 7) == 0 && section[7] != '\0')
		return cs_config_format_key(l, section + 7, key, v);
	return cs_config_fail(l, "unknown section [%s]: use commune, pbx, bot, internal, "
	    "privacy, import, service NAME or format NAME%s", section, "");
}

static int
valid_section(const char *name)
{
	static const char *const plain[] = {
		"commune", "pbx", "bot", "internal", "privacy", "import"
	};

	for (size_t i = 0; i < sizeof(plain) / sizeof(plain[0]); i++)
		if (strcmp(name, plain[i]) == 0)
			return 1;
	return (strncmp(name, "service ", 8) == 0 && name[8] != '\0') ||
	    (strncmp(name, "format ", 7) == 0 && name[7] != '\0');
}

/* Checks a [section] header line as it goes by: unknown ones are errors
 * even when they hold no key. */
static void
check_header(struct load *l, const char *p)
{
	char name[256];
	const char *end = strchr(p, ']');
	size_t len;

	if (end == NULL)
		return;		/* inih reports the syntax error */
	len = (size_t)(end - p - 1);
	if (len >= sizeof(name))
		len = sizeof(name) - 1;
	memcpy(name, p + 1, len);
	name[len] = '\0';
	if (!valid_section(name)) {
		cs_config_fail(l, "unknown section [%s]: use commune, pbx, bot, internal, "
		    "privacy, import, service NAME or format NAME%s", name, "");
		return;
	}
	if (strncmp(name, "service ", 8) == 0) {
		struct header *n = realloc(l->svc, (l->nsvc + 1) * sizeof(*n));

		if (n == NULL || (n[l->nsvc].name = cs_strdup(name + 8)) == NULL) {
			if (n != NULL)
				l->svc = n;
			cs_config_fail(l, "out of memory%s%s", "", "");
			return;
		}
		l->svc = n;
		n[l->nsvc++].line = l->phys;
	}
}

/* inih's reader (fgets-like): one physical line, folded when long. */
static char *
feed_line(char *str, int num, void *stream)
{
	struct load *l = stream;
	size_t room = (size_t)num - 3, left, take;
	const char *p;
	int cont = 0, comment;

	if (room > INI_CHUNK)
		room = INI_CHUNK;
	if (l->line == NULL || l->line[l->pos] == '\0') {
		ssize_t n = getline(&l->line, &l->linecap, l->fp);

		if (n < 0)
			return NULL;
		l->phys++;
		if (memchr(l->line, '\0', (size_t)n) != NULL) {
			/* inih would stop the line there, silently */
			cs_config_fail(l, "NUL byte; the file is not text%s%s", "", "");
			return NULL;
		}
		while (n > 0 && (l->line[n - 1] == '\n' || l->line[n - 1] == '\r'))
			l->line[--n] = '\0';
		l->pos = 0;
		p = l->line + strspn(l->line, " \t");
		if (l->phys == 1 && strncmp(p, "\xef\xbb\xbf", 3) == 0)
			p += 3;
		if (*p == '[') {
			check_header(l, p);
			/* inih continues no key across a header */
			l->prev_section[0] = l->prev_key[0] = '\0';
		}
		l->indented = l->line[0] == ' ' || l->line[0] == '\t';
	} else {
		cont = 1;
		l->indented = 1;
	}
	p = l->line + l->pos;
	left = strlen(p);
	comment = l->line[strspn(l->line, " \t")] == ';' ||
	    l->line[strspn(l->line, " \t")] == '#';
	take = left;
	if (take > room) {
		/* fold at the last blank that fits: lists are blank-separated */
		take = room;
		while (take > 0 && p[take] != ' ' && p[take] != '\t')
			take--;
		if (take == 0)
			take = room;
	}
	if (cont) {
		str[0] = ' ';
		memcpy(str + 1, p, take);
		str[take + 1] = '\n';
		str[take + 2] = '\0';
	} else {
		memcpy(str, p, take);
		str[take] = '\n';
		str[take + 1] = '\0';
	}
	/* the rest of a long comment is dropped, not continued */
	l->pos = comment ? l->pos + left : l->pos + take;
	while (!comment && (l->line[l->pos] == ' ' || l->line[l->pos] == '\t'))
		l->pos++;
	if (l->nmap == l->capmap) {
		int cap = l->capmap ? 2 * l->capmap : 64;
		int *nm = realloc(l->map, (size_t)cap * sizeof(*nm));

		if (nm == NULL)
			return NULL;
		l->map = nm;
		l->capmap = cap;
	}
	l->map[l->nmap++] = l->phys;
	return str;
}

static int
cmp_int(const void *a, const void *b)
{
	int x = *(const int *)a, y = *(const int *)b;

	return (x > y) - (x < y);
}

static int
file_digest(FILE *fp, char out[65])
{
	crypto_hash_sha256_state st;
	unsigned char buf[8192], h[crypto_hash_sha256_BYTES];
	size_t n;

	crypto_hash_sha256_init(&st);
	while ((n = fread(buf, 1, sizeof(buf), fp)) > 0)
		crypto_hash_sha256_update(&st, buf, n);
	if (ferror(fp))
		return -1;
	crypto_hash_sha256_final(&st, h);
	sodium_bin2hex(out, 65, h, sizeof(h));
	rewind(fp);
	return 0;
}

int
cs_config_load(struct cs_config *c, const char *path, struct cs_error *err)
{
	struct load l;
	FILE *fp = NULL;
	int line, rc = -1;

	cs_config_init(c);
	memset(&l, 0, sizeof(l));
	l.c = c;
	if (sodium_init() < 0)
		return cs_error_set(err, "libsodium failed to initialise");
	fp = fopen(path, "r");
	if (fp == NULL) {
		cs_error_set(err, "%s: %s", path, strerror(errno));
		goto out;
	}
	if (file_digest(fp, c->digest) != 0) {
		cs_error_set(err, "%s: %s", path, strerror(errno));
		goto out;
	}
	if ((c->path = cs_strdup(path)) == NULL) {
		cs_error_set(err, "out of memory");
		goto out;
	}
	l.fp = fp;
	l.path = path;
	line = ini_parse_stream(feed_line, &l, handler, &l);
	if (line < 0 || ferror(fp)) {
		cs_error_set(err, "%s: cannot read the file", path);
		goto out;
	}
	if (l.failed) {
		cs_error_set(err, "%s:%d: %s", path, l.fail_line, l.err.msg);
		goto out;
	}
	if (line > 0) {
		cs_error_set(err, "%s:%d: syntax error: expected [section] "
		    "or key = value", path, line <= l.nmap ? l.map[line - 1] : line);
		goto out;
	}
	if (c->timezone == NULL) {
		if ((c->timezone = cs_strdup("Europe/Paris")) == NULL) {
			cs_error_set(err, "out of memory");
			goto out;
		}
		if (cs_tz_use(c->timezone, err) != 0)
			goto out;
	}
	if (c->nclosed > 1)
		qsort(c->closed, c->nclosed, sizeof(*c->closed), cmp_int);
	/* a [service X] with no key at all: no match either */
	for (size_t i = 0; i < l.nsvc; i++)
		if (cs_config_service(c, l.svc[i].name) < 0) {
			cs_error_set(err, "%s:%d: [service %s] has no match: say "
			    "which numbers, queues or extensions are its own",
			    path, l.svc[i].line, l.svc[i].name);
			goto out;
		}
	for (size_t i = 0; i < c->nservices; i++)
		if (c->services[i].match.n == 0) {
			cs_error_set(err, "%s:%d: [service %s] has no match: say "
			    "which numbers, queues or extensions are its own",
			    path, c->services[i].line, c->services[i].name);
			goto out;
		}
	rc = 0;
out:
	if (fp != NULL)
		fclose(fp);
	free(l.line);
	free(l.map);
	for (size_t i = 0; i < l.nseen; i++) {
		free(l.seen[i].section);
		free(l.seen[i].key);
	}
	free(l.seen);
	for (size_t i = 0; i < l.nsvc; i++)
		free(l.svc[i].name);
	free(l.svc);
	if (rc != 0)
		cs_config_release(c);
	return rc;
}

void
cs_config_release(struct cs_config *c)
{
	free(c->path);
	free(c->name);
	free(c->timezone);
	free(c->closed);
	free(c->key_file);
	cs_match_release(&c->welcome);
	cs_match_release(&c->voicemail);
	cs_match_release(&c->bot);
	cs_match_release(&c->internal);
	cs_config_named_release(c);
	for (size_t i = 0; i < c->nsources; i++)
		free(c->sources[i]);
	free(c->sources);
	free(c->encoding);
	cs_config_init(c);
}

const char *
cs_config_find(const char *explicit)
{
	const char *env;

	if (explicit != NULL)
		return explicit;
	env = getenv("CALLSTAT_CONFIG");
	if (env != NULL && *env != '\0')
		return env;
	if (access("callstat.conf", F_OK) == 0)
		return "callstat.conf";
	if (access("/etc/callstat/callstat.conf", F_OK) == 0)
		return "/etc/callstat/callstat.conf";
	return NULL;
}
int
cs_config_closed_day(const struct cs_config *c, int year, int mon, int mday)
{
	int key = year * 10000 + mon * 100 + mday;

	if (cs_holiday(c->holidays, year, mon, mday))
		return 1;
	return c->nclosed > 0 && bsearch(&key, c->closed, c->nclosed,
	    sizeof(*c->closed), cmp_int) != NULL;
}
