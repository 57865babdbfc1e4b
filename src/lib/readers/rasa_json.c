/*
 * rasa_json.c: Rasa's trackers exported as JSON (rasa.h): one document,
 * a list of them, or one a line; each tracker's events handed to rasa.c,
 * a bad one rejected at its line and column.  The file is read as it
 * goes, a tracker at a time: memory does not grow with its size.
 */
#include <errno.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <jansson.h>

#include "rasa.h"
#include "readers.h"

/* ---- exported JSON ---- */

/* Where an offset of the text is: its line and column (characters, from
 * 1), counted on from the last offset asked, since they come in order
 * (the text is a window that slides along the file: see struct text). */
struct where {
	const char *s;
	size_t at;
	long line, col;
};

static void
where_at(struct where *w, size_t p, long *line, long *col)
{
	for (; w->at < p; w->at++)
		if (w->s[w->at] == '\n') {
			w->line++;
			w->col = 1;
		} else if (((unsigned char)w->s[w->at] & 0xc0) != 0x80) {
			w->col++;
		}
	*line = w->line;
	*col = w->col;
}

size_t
rasa_skip_ws(const char *s, size_t i, size_t n)
{
	while (i < n && (s[i] == ' ' || s[i] == '\t' || s[i] == '\n' ||
	    s[i] == '\r'))
		i++;
	return i;
}

static size_t
skip_string(const char *s, size_t i, size_t n)
{
	for (i++; i < n; i++)
		if (s[i] == '\\')
			i++;
		else if (s[i] == '"')
			return i + 1;
	return n;
}

/*
 * The end of the value at s[i] ('{', '[' or another) within s[0..n): 1
 * and *end, or 0 when it goes on past n.  Strings are skipped whole, so a
 * bracket inside one does not count.
 */
static int
value_end(const char *s, size_t i, size_t n, size_t *end)
{
	int depth = 0, in_str = 0;

	for (; i < n; i++) {
		char c = s[i];

		if (in_str) {
			if (c == '\\')
				i++;
			else if (c == '"')
				in_str = 0;
			if (!in_str && depth == 0) {
				*end = i + 1;
				return 1;
			}
			continue;
		}
		if (c == '"') {
			in_str = 1;
		} else if (c == '{' || c == '[') {
			depth++;
		} else if (c == '}' || c == ']') {
			if (--depth <= 0) {
				*end = depth == 0 ? i + 1 : i;
				return 1;
			}
		} else if (depth == 0 && (c == ',' || c == ' ' || c == '\t' ||
		    c == '\n' || c == '\r')) {
			*end = i;
			return 1;
		}
	}
	return 0;
}

/* The end of the JSON value at s[i] (known to be valid: jansson read it),
 * or n. */
static size_t
skip_value(const char *s, size_t i, size_t n)
{
	size_t end;

	return value_end(s, i, n, &end) ? end : n;
}

static int
pos_push(struct rasa_rd *rd, size_t p)
{
	if (rd->npos == rd->pos_cap) {
		size_t cap = rd->pos_cap == 0 ? 256 : 2 * rd->pos_cap;
		size_t *np = realloc(rd->pos, cap * sizeof(*np));

		if (np == NULL)
			return -1;
		rd->pos = np;
		rd->pos_cap = cap;
	}
	rd->pos[rd->npos++] = p;
	return 0;
}

/* The offsets of the elements of the array at s[i], appended to
 * rd->pos.  -1 when out of memory. */
static int
elements(struct rasa_rd *rd, const char *s, size_t i, size_t n)
{
	if (i >= n || s[i] != '[')
		return 0;
	for (i = rasa_skip_ws(s, i + 1, n); i < n && s[i] != ']';) {
		if (pos_push(rd, i) != 0)
			return -1;
		i = rasa_skip_ws(s, skip_value(s, i, n), n);
		i = rasa_skip_ws(s, i < n && s[i] == ',' ? i + 1 : i, n);
	}
	return 0;
}

/* The offsets of the elements of the object at s[i]'s member of that name
 * (its last, as jansson keeps the last of a key written twice), appended
 * to rd->pos.  -1 when out of memory. */
static int
member_elements(struct rasa_rd *rd, const char *s, size_t i, size_t n,
    const char *member)
{
	size_t mlen = strlen(member), first = rd->npos;

	for (i = rasa_skip_ws(s, i + 1, n); i < n && s[i] == '"';) {
		size_t k = i;

		i = skip_string(s, i, n);
		if (i - k == mlen + 2 && memcmp(s + k + 1, member, mlen) == 0) {
			rd->npos = first;
			i = rasa_skip_ws(s, i, n);
			i = rasa_skip_ws(s, i < n && s[i] == ':' ? i + 1 : i, n);
			if (elements(rd, s, i, n) != 0)
				return -1;
		} else {
			i = rasa_skip_ws(s, i, n);
			i = rasa_skip_ws(s, i < n && s[i] == ':' ? i + 1 : i, n);
		}
		i = rasa_skip_ws(s, skip_value(s, i, n), n);
		i = rasa_skip_ws(s, i < n && s[i] == ',' ? i + 1 : i, n);
	}
	return 0;
}

/* One tracker of a document, the object at text[at]. */
static int
tracker(struct rasa_rd *rd, json_t *v, const char *text, size_t at,
    size_t end, struct where *w)
{
	json_t *events = json_object_get(v, "events"), *ev;
	const char *sender = json_is_object(v) ?
	    rasa_str(json_object_get(v, "sender_id")) : NULL;
	long line, col;
	size_t i, first;
	int ok;

	where_at(w, at, &line, &col);
	if (sender == NULL || !json_is_array(events)) {
		rasa_reject(rd, line, col, "expected a Rasa tracker: an object with "
		    "sender_id (a string) and events (a list)");
		return 0;
	}
	first = rd->npos;
	if (member_elements(rd, text, at, end, "events") != 0 ||
	    rasa_tracker_begin(rd, sender) != 0)
		return -1;
	/* the events' own places, when the scan found as many as jansson */
	ok = rd->npos - first == json_array_size(events);
	json_array_foreach(events, i, ev) {
		long el = line, ec = col;

		if (ok)
			where_at(w, rd->pos[first + i], &el, &ec);
		if (rasa_event(rd, ev, el, ec, NULL, NAN) != 0)
			return -1;
	}
	rd->npos = first;
	return rasa_tracker_end(rd);
}

/*
 * The file as a window of it that slides on: what is read of it and not
 * yet consumed, s[0..len), the file's text before s[0] consumed and gone,
 * so that memory holds one tracker at a time whatever the file's size.
 * The bytes are the file's own (a tracker is made UTF-8 when it is parsed).
 */
struct text {
	const struct cs_format_file *in;
	size_t headpos;		/* what of in->head is in s already */
	char *s;
	size_t len, cap;
	int eof;
	struct where w;		/* w.s is s */
	struct cs_error *err;
};

/* Drops s[0..p), all consumed (where has counted up to p). */
static void
text_drop(struct text *t, size_t p)
{
	long line, col;

	if (p == 0)
		return;
	where_at(&t->w, p, &line, &col);
	memmove(t->s, t->s + p, t->len - p);
	t->len -= p;
	t->w.at = 0;
}

/* Reads more of the file after s[len); 0 (t->eof at its end), or -1 with
 * t->err saying why. */
static int
text_more(struct text *t)
{
	const struct cs_format_file *in = t->in;
	ssize_t k;

	if (t->len + 65536 > t->cap) {
		size_t cap = t->cap ? 2 * t->cap : 131072;
		char *ns;

		while (cap < t->len + 65536)
			cap *= 2;
		if ((ns = realloc(t->s, cap)) == NULL)
			return cs_error_set(t->err, "out of memory");
		t->s = ns;
		t->w.s = ns;
		t->cap = cap;
	}
	if (t->headpos < in->headlen) {
		size_t n = in->headlen - t->headpos;

		if (n > t->cap - t->len)
			n = t->cap - t->len;
		memcpy(t->s + t->len, in->head + t->headpos, n);
		t->headpos += n;
		t->len += n;
		return 0;
	}
	if (in->fd < 0) {
		t->eof = 1;
		return 0;
	}
	do
		k = read(in->fd, t->s + t->len, t->cap - t->len);
	while (k < 0 && errno == EINTR);
	if (k < 0)
		return cs_error_set(t->err, "%s: %s", in->name, strerror(errno));
	if (k == 0)
		t->eof = 1;
	t->len += (size_t)k;
	return 0;
}

/* The next byte of the text at or after *p that is not blank, reading on
 * as needed; 1 when there is one, 0 at the file's end, -1. */
static int
text_next(struct text *t, size_t *p)
{
	for (;;) {
		*p = rasa_skip_ws(t->s, *p, t->len);
		if (*p < t->len)
			return 1;
		if (t->eof)
			return 0;
		if (text_more(t) != 0)
			return -1;
	}
}

/*
 * The end of the value that starts at s[p], reading on until the window
 * holds it whole: 1 and *end, or 0 when the file ends first (*end: the
 * window's end), -1.
 */
static int
text_value(struct text *t, size_t p, size_t *end)
{
	while (!value_end(t->s, p, t->len, end)) {
		size_t want = 2 * t->len;

		if (t->eof) {
			*end = t->len;
			return 0;
		}
		/* the window at least doubled before the value is scanned
		   again: a tracker of any size is scanned a few times over,
		   not once per read */
		while (!t->eof && t->len < want)
			if (text_more(t) != 0)
				return -1;
	}
	return 1;
}

/* Where to read again after a document that is not JSON: the next line
 * that starts a document ('{' or '[' in its first column), reading on;
 * 1, 0 at the file's end, -1. */
static int
text_next_document(struct text *t, size_t *p)
{
	for (;;) {
		const char *nl = memchr(t->s + *p, '\n', t->len - *p);

		if (nl != NULL) {
			*p = (size_t)(nl - t->s) + 1;
			if (*p < t->len && (t->s[*p] == '{' || t->s[*p] == '['))
				return 1;
			if (*p < t->len)
				continue;
		} else {
			*p = t->len;
		}
		if (t->eof)
			return 0;
		if (text_more(t) != 0)
			return -1;
	}
}

/*
 * One value of the text, s[p..end), a tracker or not: parsed as UTF-8
 * (bytes that are not read as Latin-1, as elsewhere).  Returns 0, 1 when
 * it is not JSON (rejected, with Jansson's line and column), -1.
 */
static int
one_value(struct rasa_rd *rd, struct text *t, size_t p, size_t end)
{
	json_error_t jerr;
	json_t *v;
	long line, col;
	size_t n, need = 2 * (end - p) + 1;
	int rc;

	where_at(&t->w, p, &line, &col);
	if (need > rd->cap) {
		char *nb = realloc(rd->buf, need);

		if (nb == NULL)
			return -1;
		rd->buf = nb;
		rd->cap = need;
	}
	n = cs_readers_utf8_copy(rd->buf, t->s + p, end - p);
	/* a key written twice keeps its last value, as Rasa's own reader
	   does (its test trackers have some) */
	if ((v = json_loadb(rd->buf, n, JSON_DECODE_ANY, &jerr)) == NULL) {
		if (jerr.line >= 1)
			rasa_reject(rd, line + jerr.line - 1, jerr.line == 1 ?
			    col + jerr.column - 1 : jerr.column, "%s", jerr.text);
		else
			rasa_reject(rd, line, col, "%s", jerr.text);
		return 1;
	}
	rc = tracker(rd, v, t->s, p, end, &t->w);
	json_decref(v);
	return rc;
}

/*
 * The trackers of a file exported as JSON, read as it goes: documents one
 * after another, each a tracker or a list of them.  Returns 0, or -1 with
 * err saying why (out of memory, the file unreadable).
 */
int
rasa_read_json(struct rasa_rd *rd, const struct cs_format_file *in,
    struct cs_error *err)
{
	struct text t;
	size_t p = 0, end;
	long line, col;
	int rc = -1, k, whole;

	memset(&t, 0, sizeof(t));
	t.in = in;
	t.err = err;
	t.w.line = t.w.col = 1;
	for (;;) {
		text_drop(&t, p);
		p = 0;
		if ((k = text_next(&t, &p)) <= 0) {
			rc = k;
			break;
		}
		where_at(&t.w, p, &line, &col);
		if (t.s[p] == '{') {
			if ((whole = text_value(&t, p, &end)) < 0)
				break;
			if ((k = one_value(rd, &t, p, end)) < 0)
				goto nomem;
			/* not JSON: on at the next line that starts a
			   document */
			if (k == 0 && whole)
				p = end;
			else if ((k = text_next_document(&t, &p)) <= 0) {
				rc = k;
				break;
			}
			continue;
		}
		if (t.s[p] != '[') {
			rasa_reject(rd, line, col, "expected a Rasa tracker "
			    "{\"sender_id\": ..., \"events\": [...]}, or a list "
			    "of them");
			if ((k = text_next_document(&t, &p)) <= 0) {
				rc = k;
				break;
			}
			continue;
		}
		/* a list of trackers, each read as it comes */
		for (p++;;) {
			if ((k = text_next(&t, &p)) < 0)
				goto out;
			if (k == 0) {
				where_at(&t.w, t.len, &line, &col);
				rasa_reject(rd, line, col, "the list of trackers "
				    "ends before its ']'");
				rc = 0;
				goto out;
			}
			if (t.s[p] == ']') {
				p++;
				break;
			}
			if (t.s[p] == ',') {
				p++;
				continue;
			}
			if ((whole = text_value(&t, p, &end)) < 0)
				goto out;
			if (end <= p)
				end = p + 1;	/* a stray '}': one byte on */
			if ((k = one_value(rd, &t, p, end)) < 0)
				goto nomem;
			if (!whole) {
				/* the file ends inside it: said, and done */
				rc = 0;
				goto out;
			}
			/* a tracker that is not JSON is rejected alone: its
			   brackets said where it ends */
			p = end;
			text_drop(&t, p);
			p = 0;
		}
	}
out:
	free(t.s);
	return rc;
nomem:
	cs_error_set(err, "out of memory");
	free(t.s);
	return -1;
}
