/*
 * lacks.h: the figures a period's records cannot carry.  A phone system
 * whose log cannot tell two facts apart (SMDR, abandoned from missed) says
 * so in its format's entry (format.h's lacks); wherever its records fall
 * in a period, those figures of the period are empty, never a guess
 * (callstat-kpi(7)), and callstat-check(1) says why.
 */
#ifndef CS_LACKS_H
#define CS_LACKS_H

#include <stdint.h>

#include "db.h"
#include "error.h"
#include "readers/format.h"

/* A format that lacks figures, with records in the days asked for. */
struct cs_lack {
	const struct cs_format *f;
	int64_t first;		/* its first record there (UTC) */
};

#define CS_LACKS_MAX 16

/*
 * The formats whose entry lacks figures and whose records fall in the
 * local days from..to (inclusive; either NULL: unbounded), in the order of
 * cs_formats[], into out (CS_LACKS_MAX at most): *n of them.  Costs one
 * query when the database holds no such format's file.  Returns 0, or -1
 * (err says why).
 */
int cs_lacks_days(struct cs_db *db, const char *from, const char *to,
    struct cs_lack out[CS_LACKS_MAX], int *n, struct cs_error *err);

/*
 * The time of the first record of f's files in t0..t1 (t1 excluded), into
 * *first: 1; 0 when there is none; -1 (err says why).  Formats may share a
 * table (format.h): the record's source file tells them apart.
 */
int cs_lacks_first_record(struct cs_db *db, const struct cs_format *f,
    int64_t t0, int64_t t1, int64_t *first, struct cs_error *err);

/* 1 if the figure named name is in the list lacks ("a, b, c"; NULL: none). */
int cs_lacks_has(const char *lacks, const char *name);

#endif
