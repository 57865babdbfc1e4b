/* util.c: the harnesses' scratch directory (fuzz.h). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "config.h"
#include "fuzz.h"
#include "lines.h"
#include "privacy.h"
#include "readers/format.h"
#include "rowq.h"
#include "timeutil.h"

static char dir[256];

static void
remove_dir(void)
{
	char cmd[300];

	if (dir[0] != '\0' && strncmp(dir, "/", 1) == 0 &&
	    strstr(dir, "cs-fuzz-") != NULL &&
	    (size_t)snprintf(cmd, sizeof(cmd), "rm -rf '%s'", dir) < sizeof(cmd))
		if (system(cmd) != 0)
			fprintf(stderr, "fuzz: cannot remove %s\n", dir);
}

const char *
fuzz_dir(void)
{
	const char *tmp;

	if (dir[0] != '\0')
		return dir;
	tmp = getenv("TMPDIR");
	if (tmp == NULL || *tmp != '/' || strchr(tmp, '\'') != NULL)
		tmp = "/tmp";
	if ((size_t)snprintf(dir, sizeof(dir), "%s/cs-fuzz-XXXXXX", tmp) >=
	    sizeof(dir) || mkdtemp(dir) == NULL) {
		dir[0] = '\0';
		return NULL;
	}
	atexit(remove_dir);
	return dir;
}

int
fuzz_write(const char *path, const uint8_t *data, size_t size)
{
	FILE *fp = fopen(path, "wb");

	if (fp == NULL)
		return -1;
	if (size > 0 && fwrite(data, 1, size, fp) != size) {
		fclose(fp);
		return -1;
	}
	return fclose(fp) == 0 ? 0 : -1;
}

/* The line being fuzzed's format and reader. */
struct format_run {
	const struct cs_format *f;
	void *rd;
};

static void
format_line(void *arg, const char *line, size_t len)
{
	struct format_run *run = arg;
	struct cs_error err;
	int64_t t = 0;
	int rc;

	err.msg[0] = '\0';
	err.column = 0;
	rc = run->f->parse(run->rd, line, len, &t, &err);
	if (rc == -1 && (err.msg[0] == '\0' || err.column < 0))
		abort();	/* a rejected line says why */
	if (rc == 0 && !cs_log_time_ok(t))
		abort();
}

int
fuzz_format_lines(const struct cs_format *f, const uint8_t *data, size_t size)
{
	static int ready;
	struct cs_format_ctx ctx;
	struct cs_error err;
	struct format_run run;

	if (!ready) {
		if (cs_tz_use("Europe/Paris", &err) != 0) {
			fprintf(stderr, "fuzz %s: %s\n", f->name, err.msg);
			abort();
		}
		ready = 1;
	}
	(void)cs_format_detect((const char *)data, size);
	memset(&ctx, 0, sizeof(ctx));
	run.f = f;
	if ((run.rd = f->open(&ctx, &err)) == NULL)
		return 0;
	fuzz_lines(data, size, format_line, &run);
	f->close(run.rd);
	return 0;
}

/* ---- a line format's records stored and mapped ---- */

struct stored_run {
	const struct cs_format *f;
	void *rd;
	struct cs_rowq *q;
	long line;
};

static void
stored_line(void *arg, const char *s, size_t len)
{
	struct stored_run *r = arg;
	struct cs_error err = { "", 0 };
	struct cs_store_at at = { r->q, 42 + r->line, 1, r->line + 1 };
	int64_t t = 0;
	int rc;

	r->line++;
	if (r->f->looks != NULL)
		(void)r->f->looks(s, s + len);
	if (r->f->noise != NULL)
		(void)r->f->noise(s, len);
	rc = r->f->parse(r->rd, s, len, &t, &err);
	if (rc == -1 && (err.msg[0] == '\0' || err.column < 0))
		abort();	/* a rejected line says why */
	if (rc == 0 && (!cs_log_time_ok(t) || r->f->store(r->rd, &at) != 0))
		abort();
}

/* A stored row, mapped as the rebuild maps it: a piece of a call. */
static int
stored_take(void *arg, const struct cs_row *row)
{
	struct cs_piece p;
	struct cs_piece_buf buf;
	int64_t rhash;
	char *mem;

	(void)arg;
	/* every leg's row is a piece of a call (a queue event may be none:
	   a RINGNOANSWER), and may hold more, never before the row's time
	   (format.h's map_more: a rebuild's stream relies on it) */
	for (int i = 0;; i++) {
		if (cs_format_map_row(row, i, &p, &rhash, &buf) != 0) {
			if (i == 0 && cs_format_of_row(row)->piece == CS_PIECE_LEG)
				abort();
			break;
		}
		if (i > 0 && p.time < cs_row_int(row, 0))
			abort();
		if ((mem = cs_piece_pack(&p)) == NULL)
			abort();
		free(mem);
	}
	return 0;
}

void
fuzz_default_ctx(struct cs_format_ctx *ctx)
{
	static struct cs_config cfg;
	static struct cs_privacy priv;	/* a key of zeros */
	static int ready;

	if (!ready) {
		cs_config_init(&cfg);
		ready = 1;
	}
	memset(ctx, 0, sizeof(*ctx));
	ctx->priv = &priv;
	ctx->cfg = &cfg;
}

int
fuzz_format_stored(const struct cs_format *f, const struct cs_format_ctx *ctx,
    const uint8_t *data, size_t size)
{
	struct stored_run r = { f, NULL, NULL, 0 };
	struct cs_error err;

	if ((r.rd = f->open(ctx, &err)) == NULL)
		abort();	/* the harness's context is a good one */
	if ((r.q = cs_rowq_new_pipe(&err)) == NULL)
		abort();
	fuzz_lines(data, size, stored_line, &r);
	f->close(r.rd);
	cs_rowq_close(r.q, 0);
	if (cs_rowq_consume(r.q, stored_take, NULL, NULL) != 0)
		abort();
	cs_rowq_free(r.q);
	return 0;
}

/* ---- a whole-file format (format.h) ---- */

static void
whole_read(void *arg, long line)
{
	(void)arg;
	if (line < 1)
		abort();	/* every record says where it starts */
}

static void
whole_reject(void *arg, long line, long column, const char *msg)
{
	(void)arg;
	if (line < 1 || column < 0 || msg[0] == '\0')
		abort();	/* a rejected record says where and why */
}

static int
whole_store(void *arg, long line, int64_t t, const void *raw, size_t len)
{
	(void)arg;
	if (line < 1 || !cs_log_time_ok(t) || (raw == NULL && len > 0))
		abort();
	return 0;
}

int
fuzz_format_whole(const struct cs_format *f, const uint8_t *data, size_t size)
{
	struct cs_format_ctx ctx;
	struct cs_format_file in;
	struct cs_format_sink sink = {
		.read = whole_read, .reject = whole_reject, .store = whole_store,
		.arg = NULL,
	};
	struct cs_error err;
	void *rd;

	(void)cs_format_detect((const char *)data, size);
	memset(&ctx, 0, sizeof(ctx));
	if ((rd = f->open(&ctx, &err)) == NULL)
		return 0;
	/* as standard input: the whole file in its head, nothing after; an
	   SQLite database, which is read by its path, as a file */
	in.path = NULL;
	in.name = "(fuzz)";
	in.fd = -1;
	in.head = (const char *)data;
	in.headlen = size;
	if (size >= 16 && memcmp(data, "SQLite format 3", 16) == 0 &&
	    fuzz_dir() != NULL) {
		static char path[300];

		snprintf(path, sizeof(path), "%s/whole.db", fuzz_dir());
		if (fuzz_write(path, data, size) == 0)
			in.path = path;
	}
	err.msg[0] = '\0';
	if (f->whole(rd, &in, &sink, &err) != 0 && err.msg[0] == '\0')
		abort();	/* a file refused says why */
	f->close(rd);
	return 0;
}
