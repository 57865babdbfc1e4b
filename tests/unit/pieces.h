/*
 * pieces.h: a line format's lines read, stored and mapped, for the suites
 * of the formats that store neutral legs (test_3cx.c, test_generic_csv.c):
 * what each line did, and the pieces of a call its rows became.
 */
#ifndef CS_UNIT_PIECES_H
#define CS_UNIT_PIECES_H

#include "error.h"
#include "model.h"
#include "readers/format.h"

#define CS_UNIT_MAX_LINES 16
#define CS_UNIT_MAX_PIECES 32

struct cs_unit_got {
	int rc[CS_UNIT_MAX_LINES];		/* each line's parse */
	char msg[CS_UNIT_MAX_LINES][CS_ERROR_MAX];	/* and why */
	long column[CS_UNIT_MAX_LINES];
	int n;					/* pieces */
	struct cs_piece p[CS_UNIT_MAX_PIECES];
	char *mem[CS_UNIT_MAX_PIECES];
	int line[CS_UNIT_MAX_PIECES];		/* from 1 */
};

/*
 * The n lines (at most CS_UNIT_MAX_LINES) read by f's reader opened with
 * ctx, each record stored (keyed 1000 times its line) and the rows mapped
 * by the format of their table, into g; asserts that the reader opens and
 * that every store and mapping succeeds.
 */
void cs_unit_pieces(const struct cs_format *f, const struct cs_format_ctx *ctx,
    const char *const *lines, int n, struct cs_unit_got *g);
void cs_unit_got_release(struct cs_unit_got *g);

/* The k-th piece (from 0) of line l, in the order stored; NULL: none. */
const struct cs_piece *cs_unit_piece(const struct cs_unit_got *g, int l,
    int k);

#endif
