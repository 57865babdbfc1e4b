/*
 * import.c: one file's import (import.h): a thread reads and parses it,
 * one builds the calls of its records, one writes the rows, in one
 * transaction; import_source.c finds where the file was left.
 */
#include <errno.h>
#include <pthread.h>
#include <fcntl.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <time.h>
#include <unistd.h>

#include "import_run.h"

#define CHUNK (256 * 1024)
#define PROGRESS_EVERY 65536



/* Reports a rejected line; what it quotes of the line is scrubbed of
 * anything that may be a caller's number. */
static void
reject(struct run *r, long line, long column, const char *msg)
{
	char safe[CS_ERROR_MAX];

	r->st->rejected++;
	cs_privacy_scrub_text(msg, safe, sizeof(safe));
	if (r->im->reject != NULL)
		r->im->reject(r->im->arg, r->name, line, column, safe);
}

/* The queue a record's row goes into: through the builder, or not. */
static struct cs_rowq *
records(struct run *r)
{
	return r->legq != NULL ? r->legq : r->q;
}

/*
 * The line as the reader reads it: UTF-8 (encoding.h).  Returns 0 with
 * *line and *len the line to read (r->conv when converted), 1 when the
 * line was rejected (reject says why), -1 when out of memory (r->rerr).
 */
static int
decode(struct run *r, char **line, size_t *len)
{
	enum cs_encoding enc = r->im->encoding;
	char msg[CS_ERROR_MAX];
	size_t bad;
	long n;

	if (enc == CS_ENC_LATIN1 || enc == CS_ENC_CP1252) {
		if (r->convcap < 3 * *len + 1) {
			char *b = realloc(r->conv, 3 * *len + 1);

			if (b == NULL)
				return cs_error_set(&r->rerr, "out of memory");
			r->conv = b;
			r->convcap = 3 * *len + 1;
		}
		n = cs_encoding_to_utf8(enc, *line, *len, r->conv, &bad);
		if (n < 0) {
			snprintf(msg, sizeof(msg), enc == CS_ENC_LATIN1 ?
			    "byte 0x%02x is a control code in Latin-1, not a "
			    "character: is the file Windows-1252 (--encoding "
			    "cp1252)?" : "byte 0x%02x is no character in "
			    "Windows-1252: is the file in another encoding?",
			    (unsigned char)(*line)[bad]);
			reject(r, r->line, (long)bad + 1, msg);
			return 1;
		}
		*line = r->conv;
		*len = (size_t)n;
		return 0;
	}
	if ((bad = cs_encoding_utf8_bad(*line, *len)) == *len)
		return 0;
	snprintf(msg, sizeof(msg), "not UTF-8 (byte 0x%02x)%s",
	    (unsigned char)(*line)[bad], enc == CS_ENC_UTF8 ?
	    ": name the file's encoding with --encoding latin1 or cp1252" :
	    "; read as Latin-1, as every such line of this file: name the "
	    "file's encoding with --encoding latin1 or cp1252");
	if (enc == CS_ENC_UTF8) {
		reject(r, r->line, (long)bad + 1, msg);
		return 1;
	}
	/* said once the line is read: a line rejected says why already */
	if (r->not_utf8 == 0)
		snprintf(r->note, sizeof(r->note), "%s", msg);
	r->note_col = (long)bad + 1;
	return 0;
}

/* One complete line (without '\n'). */
static int
do_line(struct run *r, char *line, size_t len)
{
	struct cs_error e;
	struct cs_store_at at;
	int64_t t;
	int rc;

	if (len > 0 && line[len - 1] == '\r')
		len--;
	if (len == 0)
		return 0;
	r->note_col = 0;
	if ((rc = decode(r, &line, &len)) != 0) {
		if (rc < 0)
			r->rfailed = 1;
		return rc < 0 ? -1 : 0;
	}
	e.column = 0;
	rc = r->format->parse(r->rd, line, len, &t, &e);
	if (rc < 0) {
		reject(r, r->line, e.column, e.msg);
		return 0;
	}
	if (r->note_col > 0 && r->not_utf8++ == 0 && r->im->note != NULL)
		r->im->note(r->im->arg, r->name, r->line, r->note_col, r->note);
	if (rc == 1)
		return 0;
	if (t < r->purged_before) {
		r->st->purged++;
		return 0;
	}
	at.q = records(r);
	at.rhash = r->format->keyed ? 0 :
	    cs_privacy_digest64(r->im->priv, line, len);
	at.source = r->source;
	at.line = r->line;
	return r->format->store(r->rd, &at);
}

/* ---- a whole-file format's records (format.h) ---- */

static void
whole_read(void *arg, long line)
{
	struct run *r = arg;

	r->line = line;
	r->st->lines++;
}

static void
whole_reject(void *arg, long line, long column, const char *msg)
{
	struct run *r = arg;

	r->line = line;
	r->st->lines++;
	reject(r, line, column, msg);
}

static int
whole_store(void *arg, long line, int64_t t, const void *raw, size_t len)
{
	struct run *r = arg;
	struct cs_store_at at;

	if (t < r->purged_before) {
		r->st->purged++;
		return 0;
	}
	at.q = records(r);
	at.rhash = r->format->keyed ? 0 :
	    cs_privacy_digest64(r->im->priv, raw, len);
	at.source = r->source;
	at.line = line;
	if (r->format->store(r->rd, &at) != 0) {
		r->stopped = 1;
		return -1;
	}
	return 0;
}

/*
 * Hands the file, its first have bytes in head, to its whole-file format.
 * Returns 0, -1 when the file could not be read (r->rerr says why), -2
 * when the writer or the builder stopped (their error says why).
 */
static int
read_whole(struct run *r, const char *head, size_t have)
{
	struct cs_format_file in;
	struct cs_format_sink sink = {
		.read = whole_read, .reject = whole_reject, .store = whole_store,
		.arg = r,
	};

	in.path = r->fd == STDIN_FILENO ? NULL : r->name;
	in.name = r->name;
	in.fd = r->fd;
	in.head = head;
	in.headlen = have;
	if (r->format->whole(r->rd, &in, &sink, &r->rerr) != 0)
		return r->stopped ? -2 : -1;
	/* what a later import compares: the whole file */
	r->consumed = r->done = r->size;
	return 0;
}

/*
 * The first line of a file resumed that is not blank, for a format whose
 * lines need their header: parsed again, as when the file was first read
 * (it is not stored again: a header holds no record).
 */
static int
reread_header(struct run *r)
{
	char *buf = malloc(CHUNK), *s, *nl;
	ssize_t k;
	struct cs_error e;
	int64_t t;
	size_t len;

	if (buf == NULL)
		return cs_error_set(&r->rerr, "out of memory");
	k = pread(r->fd, buf, CHUNK, 0);
	if (k < 0) {
		free(buf);
		return cs_error_set(&r->rerr, "%s: %s", r->name, strerror(errno));
	}
	/* as read_all gives it: no BOM, no line end */
	s = buf;
	if (k >= 3 && memcmp(buf, "\xef\xbb\xbf", 3) == 0)
		s += 3;
	for (;;) {
		nl = memchr(s, '\n', (size_t)(buf + k - s));
		len = nl != NULL ? (size_t)(nl - s) : (size_t)(buf + k - s);
		if (nl == NULL || strspn(s, " \t\r") < len)
			break;
		s = nl + 1;
	}
	if (len > 0 && s[len - 1] == '\r')
		len--;
	e.column = 0;
	if (r->im->encoding == CS_ENC_LATIN1 || r->im->encoding == CS_ENC_CP1252) {
		char *conv = malloc(3 * len + 1);
		size_t bad;
		long n;

		if (conv != NULL && (n = cs_encoding_to_utf8(r->im->encoding, s,
		    len, conv, &bad)) >= 0)
			(void)r->format->parse(r->rd, conv, (size_t)n, &t, &e);
		free(conv);
	} else {
		(void)r->format->parse(r->rd, s, len, &t, &e);
	}
	free(buf);
	return 0;
}

static int
start_reader(struct run *r)
{
	struct cs_format_ctx ctx;

	ctx.priv = r->im->priv;
	ctx.cfg = r->im->cfg;
	ctx.utc = r->im->times_utc;
	ctx.variant = r->im->variant;
	ctx.columns = r->im->columns;
	if ((r->rd = r->format->open(&ctx, &r->rerr)) == NULL)
		return -1;
	if (r->resumed) {
		r->format->resume(r->rd, r->state);
		if (r->format->header && reread_header(r) != 0)
			return -1;
	}
	return 0;
}

/*
 * The reading thread: reads the file from where it was left, splits it into
 * lines, has its format parse and store each (numbers hashed or scrubbed),
 * and queues the rows for the writing thread, or for the builder of the
 * calls when there is one.
 */
static int
read_all(struct run *r)
{
	struct cs_import *im = r->im;
	struct cs_import_stats *st = r->st;
	char *buf;
	size_t have = 0;

	if ((buf = malloc(CHUNK + 1)) == NULL)
		return cs_error_set(&r->rerr, "out of memory");
	for (;;) {
		ssize_t k = cs_import_read_full(r->fd, buf + have, CHUNK - have);
		size_t start = 0, i;

		if (k < 0) {
			cs_error_set(&r->rerr, "%s: %s", r->name, strerror(errno));
			goto fail;
		}
		if (k == 0 && have == 0)
			break;
		if (r->done == 0 && r->consumed == 0 && have == 0 && k >= 3 &&
		    memcmp(buf, "\xef\xbb\xbf", 3) == 0) {
			/* a UTF-8 BOM: part of the file, not of its first line */
			r->consumed += 3;
			memmove(buf, buf + 3, (size_t)k - 3);
			k -= 3;
		}
		r->done += k;
		have += (size_t)k;
		if (r->format == NULL) {
			r->format = cs_format_detect(buf, have);
			if (r->format == NULL) {
				char what[512];

				cs_format_titles(what, sizeof(what));
				cs_error_set(&r->rerr, "%s: %s; name the format "
				    "with --format", r->name, what);
				goto fail;
			}
		}
		if (r->rd == NULL && start_reader(r) != 0)
			goto fail;
		if (r->format->whole != NULL) {
			int wrc;

			if (im->encoding == CS_ENC_LATIN1 ||
			    im->encoding == CS_ENC_CP1252) {
				cs_error_set(&r->rerr, "%s: %s is read as UTF-8: "
				    "--encoding is for the line formats", r->name,
				    r->format->title);
				goto fail;
			}
			wrc = read_whole(r, buf, have);

			if (wrc == -1)
				goto fail;
			if (wrc == -2)
				goto stopped;
			break;
		}
		for (i = 0; i < have; i++) {
			char *nl = memchr(buf + i, '\n', have - i);

			if (nl == NULL)
				break;
			i = (size_t)(nl - buf);
			r->line++;
			st->lines++;
			if (do_line(r, buf + start, i - start) != 0)
				goto stopped;
			r->consumed += (off_t)(i + 1 - start);
			start = i + 1;
			if (im->progress != NULL && st->lines % PROGRESS_EVERY == 0)
				im->progress(im->arg, r->name, r->done, r->size,
				    st->lines);
		}
		if (k == 0) {
			/* the last line has no line end */
			if (have > 0) {
				st->lines++;
				reject(r, r->line + 1, 0, "line has no line end (cut "
				    "short, or still being written); it is read "
				    "again when the file grows");
			}
			break;
		}
		if (start == 0 && have == CHUNK) {
			/* a line longer than a chunk: no PBX writes that */
			r->line++;
			st->lines++;
			reject(r, r->line, 0, "line longer than 256 KiB");
			/* skip to the end of that line */
			for (;;) {
				char *nl;

				r->consumed += (off_t)have;
				k = cs_import_read_full(r->fd, buf, CHUNK);
				if (k <= 0) {
					have = 0;
					break;
				}
				r->done += k;
				nl = memchr(buf, '\n', (size_t)k);
				if (nl != NULL) {
					size_t upto = (size_t)(nl - buf) + 1;

					r->consumed += (off_t)upto;
					memmove(buf, buf + upto, (size_t)k - upto);
					have = (size_t)k - upto;
					break;
				}
				have = (size_t)k;
			}
			continue;
		}
		memmove(buf, buf + start, have - start);
		have -= start;
	}
	free(buf);
	if (r->legq != NULL)
		cs_rowq_close(r->legq, 0);
	return cs_rowq_close(r->q, 0);
fail:
	r->rfailed = 1;
stopped:
	/* stopped by the writer or the builder: their error says why */
	free(buf);
	if (r->legq != NULL)
		cs_rowq_close(r->legq, 1);
	cs_rowq_close(r->q, 1);
	return -1;
}

static void *
reader_main(void *arg)
{
	cs_thread_yield();
	read_all(arg);
	return NULL;
}

/* 1 when the database holds no record of any format, and no day's totals. */
static int
holds_nothing(struct cs_db *db)
{
	char sql[1024] = "SELECT EXISTS (SELECT 1 FROM daily)";
	sqlite3_stmt *st = NULL;
	struct cs_error e;
	size_t off = strlen(sql);
	int empty;

	for (int i = 0; cs_formats[i] != NULL && off < sizeof(sql); i++)
		off += (size_t)snprintf(sql + off, sizeof(sql) - off,
		    " OR EXISTS (SELECT 1 FROM %s)", cs_formats[i]->table->name);
	if (off >= sizeof(sql) || cs_db_prepare(db, &st, sql, &e) != 0)
		return 0;
	empty = sqlite3_step(st) == SQLITE_ROW && sqlite3_column_int(st, 0) == 0;
	sqlite3_finalize(st);
	return empty;
}

int
cs_import_bulk_begin(struct cs_db *db)
{
	return holds_nothing(db) ? cs_db_bulk_begin(db) : 0;
}

/*
 * Reads the file on a thread and builds its calls on another (when the
 * database allows), while this thread writes the rows into the database.
 */
static int
run_threads(struct run *r, struct cs_rowq_stats *qs)
{
	pthread_t reader;
	int have_reader = 0, have_builder = 0, drc;

	if ((r->q = cs_rowq_new(r->im->db, r->err)) == NULL)
		return -1;
	/* the calls, built on a third thread when the database allows */
	if (!r->im->rebuild) {
		if ((r->callq = cs_rowq_fork(r->q)) == NULL) {
			cs_error_set(r->err, "out of memory");
			return -1;
		}
		if (cs_calls_stream_open(r->im->db, r->im->cfg, r->callq, &r->stream,
		    &r->berr) != 0) {
			*r->err = r->berr;
			return -1;
		}
		if (r->stream == NULL)
			cs_rowq_close(r->callq, 0);
	}
	if (r->stream != NULL) {
		if ((r->legq = cs_rowq_new_pipe(&r->berr)) == NULL) {
			*r->err = r->berr;
			return -1;
		}
		r->builder.s = r->stream;
		r->builder.in = r->legq;
		r->builder.out = r->callq;
		r->builder.forward = r->callq;
		r->builder.err = &r->berr;
		if (cs_calls_builder_start(&r->builder) != 0) {
			cs_error_set(r->err, "cannot start a thread to build the calls");
			return -1;
		}
		have_builder = 1;
	}
	if (pthread_create(&reader, NULL, reader_main, r) != 0) {
		/* what runs already stops, as on a reader's error */
		cs_error_set(&r->rerr, "cannot start a thread to read %s", r->name);
		r->rfailed = 1;
		if (r->legq != NULL)
			cs_rowq_close(r->legq, 1);
		cs_rowq_close(r->q, 1);
	} else {
		have_reader = 1;
	}
	drc = cs_rowq_drain(r->q);
	if (have_reader)
		pthread_join(reader, NULL);
	if (have_builder)
		cs_calls_builder_join(&r->builder);
	if (r->rfailed) {
		*r->err = r->rerr;
		return -1;
	}
	if (r->builder.failed) {
		*r->err = r->berr;
		return -1;
	}
	if (drc != 0)
		return -1;
	cs_rowq_stats(r->q, qs);
	return 0;
}

int
cs_import_file(struct cs_import *im, const char *path,
    struct cs_import_stats *st, struct cs_error *err)
{
	struct run r;
	int rc = -1, in_tx = 0, resumed = 0, reserved = 0, bulk = 0;
	char real[PATH_MAX];
	struct stat sb;
	struct cs_rowq_stats qs;
	int is_stdin = strcmp(path, "-") == 0;

	memset(st, 0, sizeof(*st));
	memset(&r, 0, sizeof(r));
	r.im = im;
	r.st = st;
	r.err = err;
	r.name = is_stdin ? "(stdin)" : path;
	r.format = im->format;
	r.fd = -1;

	if (is_stdin) {
		r.fd = STDIN_FILENO;
		snprintf(real, sizeof(real), "-");
	} else {
		r.fd = open(path, O_RDONLY | O_CLOEXEC);
		if (r.fd < 0)
			return cs_error_set(err, "%s: %s", path, strerror(errno));
		if (realpath(path, real) == NULL)
			snprintf(real, sizeof(real), "%s", path);
	}
	if (fstat(r.fd, &sb) == 0 && S_ISREG(sb.st_mode))
		r.size = sb.st_size;
	else if (!is_stdin && fstat(r.fd, &sb) == 0 && S_ISDIR(sb.st_mode)) {
		cs_error_set(err, "%s: is a directory; give the log files in it", path);
		goto out;
	}
	bulk = cs_import_bulk_begin(im->db);
	/* a bulk load holds the file from its start: a reader that comes
	   meanwhile waits for it (the busy timeout) and then reads it all,
	   rather than read an empty database, or wait only once SQLite's
	   cache spills, depending on the file's size */
	if (cs_db_exec(im->db, bulk ? "BEGIN EXCLUSIVE" : "BEGIN IMMEDIATE",
	    err) != 0)
		goto out;
	in_tx = 1;
	/* the totals of a purged period are kept: its lines would count twice */
	if (cs_calls_purged_before(im->db, &r.purged_before, err) != 0)
		goto out;
	if (!is_stdin && S_ISREG(sb.st_mode)) {
		resumed = cs_import_find_resume(&r, r.fd, real, r.size);
		if (resumed < 0)
			goto out;
		r.done = r.consumed;
		if (resumed && r.consumed == r.size) {
			st->unchanged = 1;
			rc = 0;
			goto commit;
		}
		if (resumed && r.format->whole != NULL) {
			/* a whole-file format's file that grew is read again
			   whole; the records stored before are skipped */
			if (lseek(r.fd, 0, SEEK_SET) != 0) {
				cs_error_set(err, "%s: %s", path, strerror(errno));
				goto out;
			}
			r.consumed = r.done = 0;
			r.line = 0;
			resumed = 0;
		}
		st->resumed = r.resumed = resumed;
	}
	/* every record names its source: the row is made first, and is
	   completed (or dropped, for an empty file) at the end */
	if (r.source == 0) {
		if (cs_import_save_source(&r, real) != 0)
			goto out;
		reserved = 1;
	}
	if (run_threads(&r, &qs) != 0)
		goto out;
	st->stored = qs.stored;
	st->skipped = qs.skipped;
	if (r.format == NULL) {
		/* an empty file: nothing to store, nothing to remember */
		if (reserved && cs_import_exec_id(im->db, "DELETE FROM sources WHERE id = ?",
		    r.source, err) != 0)
			goto out;
		rc = 0;
		goto commit;
	}
	if (cs_import_save_source(&r, real) != 0)
		goto out;
	if (r.stream != NULL && !cs_calls_stream_given_up(r.stream) &&
	    st->skipped == 0) {
		/* the calls were built as the records were read */
		if (st->stored > 0 && cs_calls_mark_current(im->db, im->cfg,
		    err) != 0)
			goto out;
		st->streamed = st->stored > 0;
	} else if (st->stored > 0) {
		/* the calls whose legs may start a call's span before a new
		   record: read back and rebuilt */
		if (im->progress != NULL)
			im->progress(im->arg, r.name, -1, r.size, st->lines);
		if ((r.format->piece == CS_PIECE_BOT ?
		    cs_calls_update_sessions(im->db, im->cfg, qs.tmin -
		    CS_CALL_SPAN, qs.tmax + 1, err) :
		    cs_calls_update(im->db, im->cfg, qs.tmin - CS_CALL_SPAN,
		    qs.tmax + 1, NULL, err)) != 0)
			goto out;
	}
	rc = 0;
commit:
	if (cs_db_exec(im->db, "COMMIT", err) != 0) {
		rc = -1;
		goto out;
	}
	in_tx = 0;
out:
	if (in_tx)
		sqlite3_exec(im->db->h, "ROLLBACK", NULL, NULL, NULL);
	if (bulk)
		cs_db_bulk_end(im->db);
	cs_calls_stream_free(r.stream);
	cs_rowq_free(r.legq);
	cs_rowq_free(r.callq);
	cs_rowq_free(r.q);
	free(r.conv);
	if (r.rd != NULL)
		r.format->close(r.rd);
	if (r.fd >= 0 && !is_stdin)
		close(r.fd);
	return rc;
}
