/*
 * rasa_json.c: Rasa's trackers exported as JSON (rasa.h): one document,
 * a list of them, or one a line; each tracker's events handed to rasa.c,
 * a bad one rejected at its line and column.
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#include "rasa.h"
#include "readers.h"

/* ---- exported JSON ---- */

/* Where an offset of the text is: its line and column (characters, from
 * 1), counted on from the last offset asked, since they come in order. */
struct where {
	const char *s;
	size_t at;
	long line, col;
};

static void
where_at(struct where *w, size_t p, long *line, long *col)
{
	if (p < w->at) {
		w->at = 0;
		w->line = w->col = 1;
	}
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

/* The end of the JSON value at s[i] (known to be valid: jansson read it). */
static size_t
skip_value(const char *s, size_t i, size_t n)
{
	int depth = 0;

	while (i < n) {
		char c = s[i];

		if (c == '"') {
			i = skip_string(s, i, n);
			if (depth == 0)
				return i;
			continue;
		}
		if (c == '{' || c == '[') {
			depth++;
		} else if (c == '}' || c == ']') {
			if (--depth <= 0)
				return depth == 0 ? i + 1 : i;
		} else if (depth == 0 && (c == ',' || c == ' ' || c == '\t' ||
		    c == '\n' || c == '\r')) {
			return i;
		}
		i++;
	}
	return n;
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

/* Where to read again after a document that is not JSON: the next line
 * that starts a document ('{' or '[' in its first column), or n. */
static size_t
next_document(const char *s, size_t p, size_t n)
{
	const char *nl;

	while (p < n && (nl = memchr(s + p, '\n', n - p)) != NULL) {
		p = (size_t)(nl - s) + 1;
		if (p < n && (s[p] == '{' || s[p] == '['))
			return p;
	}
	return n;
}

/* Reads text (len bytes, valid UTF-8): documents, one after another. */
int
rasa_read_json(struct rasa_rd *rd, const char *text, size_t len)
{
	struct where w = { text, 0, 1, 1 };
	size_t p = 0;

	for (;;) {
		json_error_t jerr;
		json_t *v;
		long line, col;
		size_t end, first, i;
		json_t *t;

		if ((p = rasa_skip_ws(text, p, len)) >= len)
			return 0;
		where_at(&w, p, &line, &col);
		if (text[p] != '{' && text[p] != '[') {
			rasa_reject(rd, line, col, "expected a Rasa tracker "
			    "{\"sender_id\": ..., \"events\": [...]}, or a list "
			    "of them");
			p = next_document(text, p, len);
			continue;
		}
		/* a key written twice keeps its last value, as Rasa's own
		   reader does (its test trackers have some) */
		v = json_loadb(text + p, len - p, JSON_DISABLE_EOF_CHECK, &jerr);
		if (v == NULL) {
			if (jerr.line >= 1)
				rasa_reject(rd, line + jerr.line - 1, jerr.line == 1 ?
				    col + jerr.column - 1 : jerr.column, "%s",
				    jerr.text);
			else
				rasa_reject(rd, line, col, "%s", jerr.text);
			p = next_document(text, p, len);
			continue;
		}
		end = p + (size_t)jerr.position;
		if (end <= p || end > len)
			end = len;
		if (json_is_object(v)) {
			if (tracker(rd, v, text, p, end, &w) != 0) {
				json_decref(v);
				return -1;
			}
		} else {
			/* a list of trackers: the places of each */
			first = rd->npos;
			if (elements(rd, text, p, end) != 0) {
				json_decref(v);
				return -1;
			}
			if (rd->npos - first != json_array_size(v))
				rd->npos = first;
			json_array_foreach(v, i, t) {
				size_t at = rd->npos > first ?
				    rd->pos[first + i] : p;

				if (tracker(rd, t, text, at, end, &w) != 0) {
					json_decref(v);
					return -1;
				}
			}
			rd->npos = first;
		}
		json_decref(v);
		p = end;
	}
}
