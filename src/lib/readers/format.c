/*
 * format.c: the table of formats (format.h): finding a format by its name,
 * by the content of a file, or by the table a row goes into.
 */
#include <stdio.h>
#include <string.h>

#include "3cx.h"
#include "asterisk.h"
#include "avaya_smdr.h"
#include "bot.h"
#include "cucm.h"
#include "format.h"
#include "freeswitch.h"
#include "generic_csv.h"
#include "readers.h"

/* No line is two formats' (a test says so of the samples): the order
 * is that of the messages that list them. */
const struct cs_format *const cs_formats[] = {
	&cs_format_asterisk_cdr,
	&cs_format_asterisk_queue_log,
	&cs_format_asterisk_cel,
	&cs_format_freeswitch_cdr,
	&cs_format_freeswitch_queue,
	&cs_format_bot_jsonl,
	&cs_format_bot_csv,
	&cs_format_connect_ctr,
	&cs_format_dialogflow_cx,
	&cs_format_lex_v2,
	&cs_format_rasa,
	&cs_format_generic_csv,
	&cs_format_3cx_cdr,
	&cs_format_avaya_smdr,
	&cs_format_cucm_cdr,
	NULL
};

const struct cs_format *
cs_format_find(const char *name)
{
	if (name == NULL)
		return NULL;
	for (int i = 0; cs_formats[i] != NULL; i++)
		if (!cs_formats[i]->hidden && strcmp(cs_formats[i]->name, name) == 0)
			return cs_formats[i];
	return NULL;
}

const char *
cs_format_name(const struct cs_format *f)
{
	return f != NULL ? f->name : NULL;
}

/*
 * The formats' names, or their titles said as what a file is not ("neither
 * a nor b", "none of a, b or c"), into buf.
 */
static void
join(char *buf, size_t size, int titles)
{
	const struct cs_format *named[64];
	size_t off = 0;
	int n = 0;

	for (int i = 0; cs_formats[i] != NULL && n < 64; i++)
		if (!cs_formats[i]->hidden)
			named[n++] = cs_formats[i];
	buf[0] = '\0';
	for (int i = 0; i < n && off < size; i++) {
		const char *sep = i > 0 && i == n - 1 ?
		    (titles && n == 2 ? " nor " : " or ") : i > 0 ? ", " :
		    !titles ? "" : n == 2 ? "neither " : n > 2 ? "none of " : "not ";

		off += (size_t)snprintf(buf + off, size - off, "%s%s", sep,
		    titles ? named[i]->title : named[i]->name);
	}
}

void
cs_format_titles(char *buf, size_t size)
{
	join(buf, size, 1);
}

void
cs_format_names(char *buf, size_t size)
{
	join(buf, size, 0);
}

/* How many lines that are no format may open a file of a known one. */
#define DETECT_LINES 8

const struct cs_format *
cs_format_detect(const char *buf, size_t len)
{
	const char *p = buf, *end = buf + len;
	const struct cs_format *hinted = NULL;
	int tried = 0;

	for (int i = 0; cs_formats[i] != NULL; i++)
		if (cs_formats[i]->looks_file != NULL &&
		    cs_formats[i]->looks_file(buf, len))
			return cs_formats[i];
	while (p < end) {
		const char *nl = memchr(p, '\n', (size_t)(end - p));
		const char *s = p, *e = nl != NULL ? nl : end;
		int noise = 0;

		p = nl != NULL ? nl + 1 : end;
		if (e > s && e[-1] == '\r')
			e--;
		while (s < e && cs_readers_blank((unsigned char)*s))
			s++;
		while (e > s && cs_readers_blank((unsigned char)e[-1]))
			e--;
		if (s == e)
			continue;
		/*
		 * Lines that hold no record (comments, a table dump's header
		 * and rule): look past them.  One only a format writes says
		 * which, if nothing else does.
		 */
		for (int i = 0; cs_formats[i] != NULL && noise == 0; i++) {
			const struct cs_format *f = cs_formats[i];

			if (f->noise != NULL &&
			    (noise = f->noise(s, (size_t)(e - s))) ==
			    CS_FORMAT_NOISE_OURS && hinted == NULL)
				hinted = f;
		}
		if (noise != 0)
			continue;
		for (int i = 0; cs_formats[i] != NULL; i++)
			if (cs_formats[i]->looks(s, e))
				return cs_formats[i];
		/* a damaged first line (a crash, a copy cut short) costs that
		   line only: the next ones decide */
		if (++tried == DETECT_LINES)
			return NULL;
	}
	return hinted;
}

const struct cs_format *
cs_format_of_row(const struct cs_row *row)
{
	for (int i = 0; cs_formats[i] != NULL; i++)
		if (cs_formats[i]->table == row->table)
			return cs_formats[i];
	return NULL;
}

int
cs_format_map_piece(const struct cs_format *f, const struct cs_row *row,
    int i, struct cs_piece *p, int64_t *rhash, struct cs_piece_buf *buf)
{
	if (f == NULL)
		return 1;
	if (i == 0) {
		*rhash = cs_row_int(row, 1);
		return f->map(row, p, buf);
	}
	return f->map_more != NULL ? f->map_more(row, i, p, rhash, buf) : 1;
}

int
cs_format_map_row(const struct cs_row *row, int i, struct cs_piece *p,
    int64_t *rhash, struct cs_piece_buf *buf)
{
	return cs_format_map_piece(cs_format_of_row(row), row, i, p, rhash, buf);
}
