/*
 * import.h: one input file into the database, in one transaction.
 *
 * The file is streamed line by line through the reader of its format (named,
 * or detected from its first line).  Each record is stored once, whatever
 * file brings it: its key is a keyed digest of the line.  A file imported
 * before is recognised by its path and the hash of what was read of it:
 * only the lines added since are read.  A bad line costs that line only: it
 * is reported through the reject callback and counted.  The file is read,
 * parsed and scrubbed on a thread of its own, the calls its records make
 * are built on a second when the database allows it (stream.h), and this
 * thread stores the records and the calls; else the calls are rebuilt from
 * the stored records once the file is read.  Everything is then committed
 * at once; on any failure nothing of the file remains.  The first file into
 * a database with no record is a bulk load (db.h).
 *
 * The reject callback, and the progress callback while the file is read,
 * are called from the reading thread.
 */
#ifndef CS_IMPORT_H
#define CS_IMPORT_H

#include <stdint.h>
#include <sys/types.h>

#include "config.h"
#include "db.h"
#include "error.h"
#include "privacy.h"
#include "readers/encoding.h"
#include "readers/format.h"

struct cs_import_stats {
	long lines;	/* lines read this time */
	long stored;	/* records stored */
	long skipped;	/* records already in the database */
	long rejected;	/* lines rejected */
	long purged;	/* lines dated before a purge (purge.h): not stored */
	int resumed;	/* the file grew: only its new lines were read */
	int unchanged;	/* nothing new since the last import */
	int streamed;	/* its calls were built as it was read (stream.h) */
};

struct cs_import {
	struct cs_db *db;
	const struct cs_config *cfg;
	const struct cs_privacy *priv;
	int times_utc;
	const struct cs_format *format;	/* NULL: detect */
	/* the format's variant: a generic-csv's [format NAME], or NULL */
	const char *variant;
	/* --columns: a 3CX CDR log's fields in order, or NULL (3cx.h) */
	const char *columns;
	/* the files' encoding (encoding.h): a line formats' lines are made
	   UTF-8 before the reader sees them; CS_ENC_AUTO: UTF-8, a line that
	   is not read as Latin-1 and said once a file through note */
	enum cs_encoding encoding;
	/* 1: rebuild the calls from the records stored, never as they are
	   read (the tests compare both ways) */
	int rebuild;
	/* called for each rejected line (name as given, line from 1, column
	   from 1 when the reader says where in the line, else 0) */
	void (*reject)(void *arg, const char *name, long line, long column,
	    const char *msg);
	/* called for what is no error but worth saying of a line (the first
	   line of a file that is not UTF-8), from the reading thread */
	void (*note)(void *arg, const char *name, long line, long column,
	    const char *msg);
	/* called every so often with the bytes done of total (0: unknown);
	   done is -1 when the file is read and its calls are being rebuilt */
	void (*progress)(void *arg, const char *name, off_t done, off_t total,
	    long lines);
	void *arg;
};

/*
 * Opens the key that hashes callers' numbers for this database (keypath),
 * creating it for a new database only.  The database remembers a digest of
 * its key: a missing or different key is refused, since with it every
 * caller would look new and every record be stored again.
 */
int cs_import_key(struct cs_privacy *p, struct cs_db *db, const char *keypath,
    struct cs_error *err);

/*
 * Whether cs_import_key could read keypath, or make it, making nothing:
 * an existing key is read and checked (cs_privacy_open); a missing one
 * needs a writable directory; a symbolic link to nothing, or a directory,
 * is refused.  Run before the database is made, so that a refused import
 * leaves no database behind.
 */
int cs_import_key_check(const char *keypath, struct cs_error *err);

/*
 * A bulk load (db.h), when the database holds no record of any format and
 * no day's totals (a database whose records were all purged keeps them,
 * and its readers): 1 when the journal was switched.
 */
int cs_import_bulk_begin(struct cs_db *db);

/*
 * Imports path ("-" is standard input).  Returns 0 when the file was read
 * and committed (rejected lines included, see st), -1 when it could not be
 * (err says why; the database is as it was before).
 */
int cs_import_file(struct cs_import *im, const char *path,
    struct cs_import_stats *st, struct cs_error *err);

#endif
