/*
 * import_source.c: where a file was left (import_run.h): the sources
 * table's row of each file read, found again by the fingerprint of the
 * bytes read before, so that a file that grew is read from there on.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include <sodium.h>

#include "import_run.h"

/*
 * What a later import recognises a file by: its first n bytes, given by
 * their number and a BLAKE2b hash of their first and last FP_SPAN bytes.
 * A file rotated or rewritten under the same name differs in its first
 * bytes; one that only grew keeps both spans.  Reading the spans costs the
 * same whatever the size of the file (hashing it all cost a second a
 * gigabyte, at every import of a file that grows).  out: "fp1:" and 64 hex
 * digits, or "" when the file cannot be read back (standard input).
 */
#define FP_SPAN (64 * 1024)
#define FP_LEN (4 + 64 + 1)

static int
fingerprint(int fd, off_t n, char out[FP_LEN])
{
	crypto_generichash_state s;
	unsigned char h[32], len[8], *buf;
	off_t spans[2][2] = {
		{ 0, n < FP_SPAN ? n : FP_SPAN },
		{ n > FP_SPAN ? n - FP_SPAN : 0, n },
	};

	out[0] = '\0';
	if ((buf = malloc(FP_SPAN)) == NULL)
		return -1;
	for (int i = 0; i < 8; i++)
		len[i] = (unsigned char)((uint64_t)n >> (8 * i));
	crypto_generichash_init(&s, NULL, 0, sizeof(h));
	crypto_generichash_update(&s, len, sizeof(len));
	for (int k = 0; k < 2; k++) {
		size_t want = (size_t)(spans[k][1] - spans[k][0]), got = 0;

		while (got < want) {
			ssize_t r = pread(fd, buf + got, want - got,
			    spans[k][0] + (off_t)got);

			if (r < 0 && errno == EINTR)
				continue;
			if (r <= 0) {
				free(buf);
				return -1;
			}
			got += (size_t)r;
		}
		crypto_generichash_update(&s, buf, want);
	}
	free(buf);
	crypto_generichash_final(&s, h, sizeof(h));
	memcpy(out, "fp1:", 4);
	sodium_bin2hex(out + 4, 65, h, sizeof(h));
	return 0;
}

ssize_t
cs_import_read_full(int fd, char *buf, size_t n)
{
	size_t got = 0;

	while (got < n) {
		ssize_t k = read(fd, buf + got, n - got);

		if (k < 0 && errno == EINTR)
			continue;
		if (k < 0)
			return -1;
		if (k == 0)
			break;
		got += (size_t)k;
	}
	return (ssize_t)got;
}

int
cs_import_find_resume(struct run *r, int fd, const char *real, off_t size)
{
	sqlite3_stmt *st = NULL;
	int found = 0;
	char want[FP_LEN] = "", have[FP_LEN];
	off_t psize = 0;
	long plines = 0;
	const struct cs_format *pformat = NULL;

	if (cs_db_prepare(r->im->db, &st, "SELECT id, size, hash, lines, ncols, "
	    "col17, format FROM sources WHERE path = ? ORDER BY id DESC LIMIT 1",
	    r->err) != 0)
		return -1;
	sqlite3_bind_text(st, 1, real, -1, SQLITE_STATIC);
	if (sqlite3_step(st) == SQLITE_ROW) {
		r->source = sqlite3_column_int64(st, 0);
		psize = (off_t)sqlite3_column_int64(st, 1);
		snprintf(want, sizeof(want), "%s", (const char *)sqlite3_column_text(st, 2));
		plines = (long)sqlite3_column_int64(st, 3);
		r->state[0] = sqlite3_column_int(st, 4);
		r->state[1] = sqlite3_column_int(st, 5);
		pformat = cs_format_find((const char *)sqlite3_column_text(st, 6));
		found = 1;
	}
	sqlite3_finalize(st);
	if (!found || psize > size || psize == 0 ||
	    (r->im->format != NULL && r->im->format != pformat)) {
		r->source = 0;
		return 0;
	}
	if (fingerprint(fd, psize, have) == 0 && strcmp(have, want) == 0) {
		r->consumed = psize;
		r->line = plines;
		r->format = pformat;
		if (lseek(fd, psize, SEEK_SET) != psize)
			return cs_error_set(r->err, "%s: %s", r->name, strerror(errno));
		return 1;
	}
	/* changed under the same name (rotated, rewritten): read it all */
	r->source = 0;
	return 0;
}

int
cs_import_exec_id(struct cs_db *db, const char *sql, int64_t id, struct cs_error *err)
{
	sqlite3_stmt *st = NULL;
	int rc;

	if (cs_db_prepare(db, &st, sql, err) != 0)
		return -1;
	sqlite3_bind_int64(st, 1, id);
	rc = sqlite3_step(st);
	sqlite3_finalize(st);
	if (rc != SQLITE_DONE)
		return cs_db_fail(db, "cannot update the sources", err);
	return 0;
}

int
cs_import_save_source(struct run *r, const char *real)
{
	sqlite3_stmt *st = NULL;
	char hex[FP_LEN], now[32];
	int state[2] = { 0, 0 };
	time_t t = time(NULL);
	struct tm tm;
	int rc;

	if (r->fd == STDIN_FILENO || fingerprint(r->fd, r->consumed, hex) != 0)
		hex[0] = '\0';
	gmtime_r(&t, &tm);
	strftime(now, sizeof(now), "%Y-%m-%dT%H:%M:%SZ", &tm);
	if (cs_db_prepare(r->im->db, &st, "INSERT OR REPLACE INTO sources(id, "
	    "path, format, size, hash, lines, ncols, col17, stored, skipped, "
	    "rejected, imported_at) VALUES(?, ?, ?, ?, ?, ?, ?, ?, "
	    "coalesce((SELECT stored FROM sources WHERE id = ?1), 0) + ?, "
	    "coalesce((SELECT skipped FROM sources WHERE id = ?1), 0) + ?, "
	    "coalesce((SELECT rejected FROM sources WHERE id = ?1), 0) + ?, ?)",
	    r->err) != 0)
		return -1;
	if (r->source != 0)
		sqlite3_bind_int64(st, 1, r->source);
	sqlite3_bind_text(st, 2, real, -1, SQLITE_STATIC);
	/* not known yet when the row is made before the file is read */
	sqlite3_bind_text(st, 3, r->format == NULL ? "unknown" :
	    r->format->name, -1, SQLITE_STATIC);
	sqlite3_bind_int64(st, 4, r->consumed);
	sqlite3_bind_text(st, 5, hex, -1, SQLITE_STATIC);
	sqlite3_bind_int64(st, 6, r->line);
	if (r->rd != NULL)
		r->format->state(r->rd, state);
	sqlite3_bind_int(st, 7, state[0]);
	sqlite3_bind_int(st, 8, state[1]);
	sqlite3_bind_int64(st, 9, r->st->stored);
	sqlite3_bind_int64(st, 10, r->st->skipped);
	sqlite3_bind_int64(st, 11, r->st->rejected);
	sqlite3_bind_text(st, 12, now, -1, SQLITE_STATIC);
	rc = sqlite3_step(st);
	sqlite3_finalize(st);
	if (rc != SQLITE_DONE)
		return cs_db_fail(r->im->db, "cannot record the source", r->err);
	if (r->source == 0)
		r->source = sqlite3_last_insert_rowid(r->im->db->h);
	return 0;
}

