/*
 * lang.c: a gettext catalogue read from its text, and numbers and dates
 * written as the catalogue's "@" entries say (lang.h).
 */
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "lang.h"

static const char *const months[12] = {
	"January", "February", "March", "April", "May", "June", "July",
	"August", "September", "October", "November", "December"
};
static const char *const months_abbr[12] = {
	"Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct",
	"Nov", "Dec"
};

void
cs_lang_init(struct cs_lang *l)
{
	memset(l, 0, sizeof(*l));
	strcpy(l->code, "en");
}

void
cs_lang_release(struct cs_lang *l)
{
	for (size_t i = 0; i < l->n; i++) {
		free(l->e[i].id);
		free(l->e[i].str);
	}
	free(l->e);
	cs_lang_init(l);
}

/* A growing string. */
struct buf {
	char *s;
	size_t len, cap;
};

static int
buf_add(struct buf *b, const char *s, size_t n)
{
	if (n > (size_t)PTRDIFF_MAX - b->len - 1)
		return -1;	/* no object is that large */
	if (b->len + n + 1 > b->cap) {
		size_t cap = b->cap ? b->cap * 2 : 64;
		while (cap < b->len + n + 1)
			cap *= 2;
		char *p = realloc(b->s, cap);
		if (!p)
			return -1;
		b->s = p;
		b->cap = cap;
	}
	memcpy(b->s + b->len, s, n);
	b->len += n;
	b->s[b->len] = '\0';
	return 0;
}

/* The C-quoted string at p (after blanks) appended to b; -1 if bad. */
static int
quoted(const char *p, const char *end, struct buf *b)
{
	while (p < end && (*p == ' ' || *p == '\t'))
		p++;
	if (p >= end || *p != '"')
		return -1;
	for (p++; p < end && *p != '"'; p++) {
		char c = *p;
		if (c == '\\') {
			if (++p >= end)
				return -1;
			switch (*p) {
			case 'n': c = '\n'; break;
			case 't': c = '\t'; break;
			case '"': c = '"'; break;
			case '\\': c = '\\'; break;
			default: return -1;
			}
		}
		if (buf_add(b, &c, 1) < 0)
			return -1;
	}
	if (p >= end)
		return -1;
	for (p++; p < end; p++)
		if (*p != ' ' && *p != '\t' && *p != '\r')
			return -1;
	if (!b->s && buf_add(b, "", 0) < 0)
		return -1;
	return 0;
}

static int
cmp_entry(const void *a, const void *b)
{
	return strcmp(((const struct cs_lang_entry *)a)->id,
	    ((const struct cs_lang_entry *)b)->id);
}

enum field { F_NONE, F_CTXT, F_ID, F_STR, F_OTHER };

struct entry_rd {
	struct buf ctxt, id, str;
	int fuzzy, has_id, plural;
};

static void
entry_clear(struct entry_rd *r)
{
	free(r->ctxt.s);
	free(r->id.s);
	free(r->str.s);
	memset(r, 0, sizeof(*r));
}

/* Keeps the entry read in r (translated, not fuzzy, not the header). */
static int
entry_keep(struct cs_lang *l, size_t *cap, struct entry_rd *r)
{
	int rc = 0;

	if (r->has_id && !r->fuzzy && !r->plural && r->id.len > 0 &&
	    r->str.len > 0) {
		struct buf key = { 0 };
		if (r->ctxt.s && (buf_add(&key, r->ctxt.s, r->ctxt.len) < 0 ||
		    buf_add(&key, "\004", 1) < 0))
			rc = -1;
		if (rc == 0 && buf_add(&key, r->id.s, r->id.len) < 0)
			rc = -1;
		if (rc == 0 && l->n == *cap) {
			size_t nc = *cap ? *cap * 2 : 64;
			struct cs_lang_entry *e = realloc(l->e, nc * sizeof(*e));
			if (!e)
				rc = -1;
			else {
				l->e = e;
				*cap = nc;
			}
		}
		if (rc == 0) {
			l->e[l->n].id = key.s;
			l->e[l->n].str = r->str.s;
			r->str.s = NULL;
			l->n++;
		} else
			free(key.s);
	}
	entry_clear(r);
	return rc;
}

int
cs_lang_load(struct cs_lang *l, const char *code, const char *text,
    size_t len, struct cs_error *err)
{
	struct entry_rd r = { 0 };
	enum field f = F_NONE;
	size_t cap = 0;
	long lineno = 0;
	const char *p = text, *end = text + len;

	cs_lang_release(l);
	snprintf(l->code, sizeof(l->code), "%s", code);
	while (p < end) {
		const char *eol = memchr(p, '\n', (size_t)(end - p));
		const char *le = eol ? eol : end;
		const char *q = p;
		struct buf *b = NULL;

		lineno++;
		while (q < le && (*q == ' ' || *q == '\t' || *q == '\r'))
			q++;
		if (q == le) {
			/* a blank line ends nothing by itself */
		} else if (*q == '#') {
			if (q + 1 < le && q[1] == ',' &&
			    memmem(q, (size_t)(le - q), "fuzzy", 5)) {
				if (r.has_id && entry_keep(l, &cap, &r) < 0)
					goto nomem;
				r.fuzzy = 1;
			}
		} else if (*q == '"') {
			if (f == F_CTXT)
				b = &r.ctxt;
			else if (f == F_ID)
				b = &r.id;
			else if (f == F_STR)
				b = &r.str;
			else if (f == F_NONE)
				goto bad;
			if (b && quoted(q, le, b) < 0)
				goto bad;
		} else if (!strncmp(q, "msgctxt", 7) || !strncmp(q, "msgid ", 6)) {
			int ctxt = q[3] == 'c';
			if (r.has_id && entry_keep(l, &cap, &r) < 0)
				goto nomem;
			if (ctxt) {
				f = F_CTXT;
				if (quoted(q + 7, le, &r.ctxt) < 0)
					goto bad;
			} else {
				f = F_ID;
				r.has_id = 1;
				if (quoted(q + 5, le, &r.id) < 0)
					goto bad;
			}
		} else if (!strncmp(q, "msgid_plural", 12)) {
			r.plural = 1;
			f = F_OTHER;
		} else if (!strncmp(q, "msgstr[", 7)) {
			r.plural = 1;
			f = F_OTHER;
		} else if (!strncmp(q, "msgstr", 6)) {
			if (!r.has_id)
				goto bad;
			f = F_STR;
			if (quoted(q + 6, le, &r.str) < 0)
				goto bad;
		} else
			goto bad;
		p = eol ? eol + 1 : end;
	}
	if (entry_keep(l, &cap, &r) < 0)
		goto nomem;
	if (l->n)
		qsort(l->e, l->n, sizeof(*l->e), cmp_entry);
	return 0;
bad:
	entry_clear(&r);
	cs_lang_release(l);
	return cs_error_set(err, "line %ld: not a line of a gettext catalogue",
	    lineno);
nomem:
	entry_clear(&r);
	cs_lang_release(l);
	return cs_error_set(err, "out of memory");
}

const char *
cs_lang_tr(const struct cs_lang *l, const char *msgid)
{
	struct cs_lang_entry key = { .id = (char *)msgid }, *e;

	if (!l || !l->n)
		return msgid;
	e = bsearch(&key, l->e, l->n, sizeof(*l->e), cmp_entry);
	return e ? e->str : msgid;
}

/* msgid in context ctxt (gettext's "ctxt\004id" key), or msgid. */
static const char *
trc(const struct cs_lang *l, const char *ctxt, const char *msgid)
{
	char key[128];
	const char *s;

	snprintf(key, sizeof(key), "%s\004%s", ctxt, msgid);
	s = cs_lang_tr(l, key);
	return s == key ? msgid : s;
}

/* tmpl with each {name} replaced by its value (names[i], values[i]). */
static void
subst(const char *tmpl, const char *const *names, const char *const *values,
    int n, char *buf, size_t size)
{
	size_t o = 0;

	if (!size)
		return;
	for (const char *p = tmpl; *p && o + 1 < size; ) {
		int k = -1;
		if (*p == '{')
			for (int i = 0; i < n; i++) {
				size_t nl = strlen(names[i]);
				if (!strncmp(p + 1, names[i], nl) && p[1 + nl] == '}') {
					k = i;
					p += nl + 2;
					break;
				}
			}
		if (k >= 0) {
			for (const char *v = values[k]; *v && o + 1 < size; v++)
				buf[o++] = *v;
		} else
			buf[o++] = *p++;
	}
	buf[o] = '\0';
}

void
cs_lang_number(const struct cs_lang *l, double v, int decimals, char *buf,
    size_t size)
{
	const char *dp = cs_lang_tr(l, "@decimal_point");
	const char *ts = cs_lang_tr(l, "@thousands_sep");
	char raw[64], *dot;
	size_t o = 0, intlen;
	const char *s;

	if (!strcmp(dp, "@decimal_point"))
		dp = ".";
	if (!strcmp(ts, "@thousands_sep"))
		ts = ",";
	if (decimals < 0)
		decimals = 0;
	if (!isfinite(v)) {
		snprintf(buf, size, "%s", "-");
		return;
	}
	snprintf(raw, sizeof(raw), "%.*f", decimals, v);
	if (!strcmp(raw, "-0") || (raw[0] == '-' && strspn(raw + 1, "0.") ==
	    strlen(raw + 1)))
		memmove(raw, raw + 1, strlen(raw));	/* no "-0,0" */
	s = raw;
	if (size == 0)
		return;
	if (*s == '-') {
		/* a real minus sign, U+2212, reads better than a hyphen */
		const char *minus = "\xe2\x88\x92";
		for (; *minus && o + 1 < size; minus++)
			buf[o++] = *minus;
		s++;
	}
	dot = strchr(s, '.');
	intlen = dot ? (size_t)(dot - s) : strlen(s);
	for (size_t i = 0; i < intlen && o + 1 < size; i++) {
		if (i > 0 && (intlen - i) % 3 == 0)
			for (const char *t = ts; *t && o + 1 < size; t++)
				buf[o++] = *t;
		buf[o++] = s[i];
	}
	if (dot) {
		for (const char *t = dp; *t && o + 1 < size; t++)
			buf[o++] = *t;
		for (const char *t = dot + 1; *t && o + 1 < size; t++)
			buf[o++] = *t;
	}
	buf[o] = '\0';
}

void
cs_lang_percent(const struct cs_lang *l, double pct, int decimals, char *buf,
    size_t size)
{
	const char *tmpl = cs_lang_tr(l, "@percent");
	const char *names[] = { "n" };
	char num[64];
	const char *values[] = { num };

	if (!strcmp(tmpl, "@percent"))
		tmpl = "{n}%";
	cs_lang_number(l, pct, decimals, num, sizeof(num));
	subst(tmpl, names, values, 1, buf, size);
}

void
cs_lang_seconds(const struct cs_lang *l, double secs, int decimals,
    char *buf, size_t size)
{
	const char *tmpl = cs_lang_tr(l, "@seconds");
	const char *names[] = { "n" };
	char num[64];
	const char *values[] = { num };

	if (!strcmp(tmpl, "@seconds"))
		tmpl = "{n} s";
	cs_lang_number(l, secs, decimals, num, sizeof(num));
	subst(tmpl, names, values, 1, buf, size);
}

void
cs_lang_month(const struct cs_lang *l, int year, int month, int abbr,
    char *buf, size_t size)
{
	const char *tmpl = cs_lang_tr(l, "@month_year");
	const char *names[] = { "month", "year" };
	char y[16];
	const char *values[2];

	if (month < 1 || month > 12) {
		snprintf(buf, size, "%04d-%02d", year, month);
		return;
	}
	if (abbr) {
		snprintf(buf, size, "%s",
		    trc(l, "month abbreviation", months_abbr[month - 1]));
		return;
	}
	if (!strcmp(tmpl, "@month_year"))
		tmpl = "{month} {year}";
	snprintf(y, sizeof(y), "%d", year);
	values[0] = cs_lang_tr(l, months[month - 1]);
	values[1] = y;
	subst(tmpl, names, values, 2, buf, size);
}

void
cs_lang_day(const struct cs_lang *l, int year, int month, int day,
    char *buf, size_t size)
{
	const char *tmpl = cs_lang_tr(l, "@day_month_year");
	const char *names[] = { "day", "month", "year" };
	char y[16], d[16];
	const char *values[3];

	if (month < 1 || month > 12) {
		snprintf(buf, size, "%04d-%02d-%02d", year, month, day);
		return;
	}
	if (!strcmp(tmpl, "@day_month_year"))
		tmpl = "{day} {month} {year}";
	snprintf(y, sizeof(y), "%d", year);
	snprintf(d, sizeof(d), "%d", day);
	values[0] = d;
	/* the first of a month may be written otherwise (French: 1er) */
	if (day == 1 && strcmp(cs_lang_tr(l, "@first_day"), "@first_day") != 0)
		values[0] = cs_lang_tr(l, "@first_day");
	values[1] = cs_lang_tr(l, months[month - 1]);
	values[2] = y;
	subst(tmpl, names, values, 3, buf, size);
}

void
cs_lang_period(const struct cs_lang *l, const char *period, char *buf,
    size_t size)
{
	int y, m, d, k = 0;
	size_t len = strlen(period);

	if (len == 10 && sscanf(period, "%4d-%2d-%2d%n", &y, &m, &d, &k) == 3 &&
	    k == 10)
		cs_lang_day(l, y, m, d, buf, size);
	else if (len == 7 && sscanf(period, "%4d-%2d%n", &y, &m, &k) == 2 &&
	    k == 7)
		cs_lang_month(l, y, m, 0, buf, size);
	else
		snprintf(buf, size, "%s", period);
}

static const char *const weekdays[] = {
	"Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday",
	"Sunday"
};

void
cs_lang_weekday(const struct cs_lang *l, int wd, char *buf, size_t size)
{
	if (wd < 0 || wd > 6) {
		snprintf(buf, size, "%d", wd);
		return;
	}
	snprintf(buf, size, "%s", cs_lang_tr(l, weekdays[wd]));
}

void
cs_lang_hour(const struct cs_lang *l, int hour, char *buf, size_t size)
{
	const char *tmpl = cs_lang_tr(l, "@hour");
	const char *names[] = { "n" };
	char num[16];
	const char *values[] = { num };

	if (!strcmp(tmpl, "@hour"))
		tmpl = "{n}:00";
	snprintf(num, sizeof(num), "%d", hour);
	subst(tmpl, names, values, 1, buf, size);
}

size_t
cs_lang_fill(const struct cs_lang *l, char *buf, size_t size,
    const char *msgid, int nargs, const char *const *args)
{
	const char *s = cs_lang_tr(l, msgid);
	size_t n = 0;

	for (; *s; s++) {
		const char *put = s;
		size_t len = 1;

		if (s[0] == '{' && s[1] >= '1' && s[1] <= '9' && s[2] == '}' &&
		    s[1] - '1' < nargs) {
			put = args[s[1] - '1'] ? args[s[1] - '1'] : "";
			len = strlen(put);
			s += 2;
		}
		for (size_t i = 0; i < len; i++, n++)
			if (n + 1 < size)
				buf[n] = put[i];
	}
	if (size > 0)
		buf[n < size ? n : size - 1] = '\0';
	return n;
}
