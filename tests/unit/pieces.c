/*
 * pieces.c: a line format's lines read, stored and mapped (pieces.h).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "pieces.h"
#include "rowq.h"
#include "unit.h"

static int
take(void *arg, const struct cs_row *row)
{
	struct cs_unit_got *g = arg;
	struct cs_piece_buf buf;
	int64_t rhash;

	/* every row is a piece, and may hold more (format.h's map_more) */
	for (int i = 0; g->n < CS_UNIT_MAX_PIECES; i++) {
		if (cs_format_map_row(row, i, &g->p[g->n], &rhash, &buf) != 0) {
			CU_ASSERT(i > 0);
			break;
		}
		g->mem[g->n] = cs_piece_pack(&g->p[g->n]);
		g->line[g->n] = (int)cs_row_int(row, 3);
		g->n++;
	}
	return 0;
}

void
cs_unit_pieces(const struct cs_format *f, const struct cs_format_ctx *ctx,
    const char *const *lines, int n, struct cs_unit_got *g)
{
	struct cs_error err;
	struct cs_rowq *q;
	void *rd;

	memset(g, 0, sizeof(*g));
	CU_ASSERT_FATAL(n <= CS_UNIT_MAX_LINES);
	q = cs_rowq_new_pipe(&err);
	CU_ASSERT_PTR_NOT_NULL_FATAL(q);
	rd = f->open(ctx, &err);
	CU_ASSERT_PTR_NOT_NULL_FATAL(rd);
	for (int i = 0; i < n; i++) {
		struct cs_error e = { "", 0 };
		struct cs_store_at at = { q, 1000 * (i + 1), 1, i + 1 };
		int64_t t;

		g->rc[i] = f->parse(rd, lines[i], strlen(lines[i]), &t, &e);
		snprintf(g->msg[i], sizeof(g->msg[i]), "%s", e.msg);
		g->column[i] = e.column;
		if (g->rc[i] == 0)
			CU_ASSERT_EQUAL(f->store(rd, &at), 0);
	}
	f->close(rd);
	cs_rowq_close(q, 0);
	CU_ASSERT_EQUAL(cs_rowq_consume(q, take, g, NULL), 0);
	cs_rowq_free(q);
}

void
cs_unit_got_release(struct cs_unit_got *g)
{
	for (int i = 0; i < g->n; i++)
		free(g->mem[i]);
}

const struct cs_piece *
cs_unit_piece(const struct cs_unit_got *g, int l, int k)
{
	for (int i = 0; i < g->n; i++)
		if (g->line[i] == l && k-- == 0)
			return &g->p[i];
	return NULL;
}
