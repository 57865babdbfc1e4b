/*
 * sources.h: the files that the configuration's [import] sources names,
 * as callstat-import --sources reads them (callstat.conf(5)).
 *
 * Each word of the list is a path, a glob(3) pattern or a directory (its
 * regular files, not those of its subdirectories, sorted by name; names
 * starting with '.' left out).  A relative word is taken from the
 * configuration file's directory, not from the working directory (cron's
 * is the user's home).  The result keeps the list's order; a file named
 * twice comes once, where it is first named.
 */
#ifndef CS_SOURCES_H
#define CS_SOURCES_H

#include <stddef.h>

#include "config.h"
#include "error.h"

enum cs_source_kind {
	CS_SOURCE_FILE,		/* a file to import */
	CS_SOURCE_COMPRESSED,	/* .gz .xz .bz2 .zst: not read, a note */
	CS_SOURCE_MISSING	/* nothing to read there: an error */
};

struct cs_source {
	enum cs_source_kind kind;
	char *path;	/* the file (or, for MISSING, the word or path) */
	char *why;	/* COMPRESSED and MISSING: the message to print, from
			   the path to what to do, without the tool's name */
};

struct cs_sources {
	struct cs_source *s;
	size_t n;
};

/*
 * Reads c's [import] sources into out (initialised by this call, owned by
 * the caller: cs_sources_release).  A pattern that matches nothing, a path
 * that does not exist or cannot be read, is a CS_SOURCE_MISSING entry, not
 * a failure.  Returns 0, or -1 (out of memory, or no [import] sources in
 * c: err says so) with out empty.
 */
int cs_sources_list(struct cs_sources *out, const struct cs_config *c,
    struct cs_error *err);
void cs_sources_release(struct cs_sources *s);

/* 1 if name ends as a compressed file that is not read (.gz .xz .bz2 .zst). */
int cs_sources_compressed(const char *name);

#endif
