/*
 * import_run.h: the state of one file's import, shared by import.c (the
 * threads that read, build and write) and import_source.c (where a file
 * was left: the sources table).  Private to the import.
 */
#ifndef CS_IMPORT_RUN_H
#define CS_IMPORT_RUN_H

#include <sys/types.h>

#include "calls.h"
#include "import.h"
#include "rowq.h"
#include "stream.h"

struct run {
	struct cs_import *im;
	const char *name;
	struct cs_import_stats *st;
	struct cs_error *err;
	const struct cs_format *format;
	void *rd;		/* the format's reader, once the format is known */
	struct cs_rowq *q;	/* the rows, to the writing thread */
	/* the calls, built meanwhile on a third thread (NULL when the
	   database does not allow it): the records' rows go through legq to
	   the builder, which passes each batch on to the writer, and puts
	   the calls' rows into callq */
	struct cs_calls_stream *stream;
	struct cs_rowq *legq, *callq;
	struct cs_calls_builder builder;
	struct cs_error berr;
	int64_t source;
	int64_t purged_before;	/* lines before it are not stored (purge.h) */
	off_t consumed;		/* bytes up to the last full line */
	long line;		/* number of the last line read */
	/* the reading thread's own */
	int fd;
	off_t size, done;
	int resumed;
	int state[2];		/* the reader's, when the file was read before */
	struct cs_error rerr;
	int rfailed;
	int stopped;		/* a whole file's store stopped */
	char *conv;		/* a line made UTF-8 (--encoding) */
	size_t convcap;
	long not_utf8;		/* lines read as Latin-1 (CS_ENC_AUTO) */
	long note_col;		/* this line is one: where, else 0 */
	char note[CS_ERROR_MAX];
};

/*
 * Where the file was left last time: the source row of the same path whose
 * bytes are a prefix of the file now.  Reads (and hashes) that prefix.
 * Returns 1 and sets r->source, r->consumed, r->line when found, 0 when the
 * file is new or changed, -1 on error.
 */
int cs_import_find_resume(struct run *r, int fd, const char *real, off_t size);

/* Records the file as read so far (r->consumed bytes, r->line lines) with
 * what this import stored, skipped and rejected; makes its row when
 * r->source is 0. */
int cs_import_save_source(struct run *r, const char *real);

/* Runs sql with one integer parameter. */
int cs_import_exec_id(struct cs_db *db, const char *sql, int64_t id,
    struct cs_error *err);

/* Reads exactly n bytes (or to the end of the file); returns bytes read. */
ssize_t cs_import_read_full(int fd, char *buf, size_t n);

#endif
