/*
 * avaya_smdr_format.c: Avaya IP Office SMDR in the table of formats
 * (format.h).  Its records are legs (avaya_smdr_leg.c) stored in
 * generic-csv's table, whose entry maps them onto the model: no table of
 * its own.
 *
 * What SMDR cannot say: how a call nobody answered ended.  A record gives
 * how long it rang and that nobody connected, not whether the caller hung
 * up or the PBX gave up (a hunt group's timeout, no answer): abandoned
 * and missed are one to it.  Only a record that never rang (a Ring Time
 * of 0, times being rounded up) says the PBX refused it: busy, or nobody
 * to ring.  So lost calls are counted, but not split.
 */
#include <stdint.h>
#include <stdlib.h>
#include <strings.h>

#include "avaya_smdr.h"
#include "format.h"
#include "generic_csv.h"

struct smdr_rd {
	struct cs_format_ctx ctx;
	struct cs_smdr_reader r;
	struct cs_smdr_record rec;
	struct cs_gcsv_record leg;
	struct cs_gcsv_memo memo;
};

static void *
smdr_open(const struct cs_format_ctx *ctx, struct cs_error *err)
{
	struct smdr_rd *rd = calloc(1, sizeof(*rd));

	if (rd == NULL) {
		cs_error_set(err, "out of memory");
		return NULL;
	}
	rd->ctx = *ctx;
	if (cs_smdr_reader_init(&rd->r, ctx->utc, err) != 0) {
		free(rd);
		return NULL;
	}
	return rd;
}

static void
smdr_close(void *p)
{
	struct smdr_rd *rd = p;

	if (rd == NULL)
		return;
	cs_smdr_reader_release(&rd->r);
	free(rd);
}

/* Delta Server's files begin with the fields' names. */
static int
smdr_noise(const char *s, size_t len)
{
	return len >= 11 && strncasecmp(s, "Call Start,", 11) == 0 ?
	    CS_FORMAT_NOISE_OURS : 0;
}

static int
smdr_parse(void *p, const char *line, size_t len, int64_t *t,
    struct cs_error *err)
{
	struct smdr_rd *rd = p;
	size_t off = 0;

	while (off < len && (line[off] == ' ' || line[off] == '\t'))
		off++;
	if (smdr_noise(line + off, len - off))
		return 1;
	if (cs_smdr_parse(&rd->r, line, len, &rd->rec, err) != 0)
		return -1;
	cs_smdr_leg(&rd->r, rd->ctx.cfg, &rd->rec, &rd->leg);
	*t = rd->leg.start;
	return 0;
}

static int
smdr_store(void *p, const struct cs_store_at *at)
{
	struct smdr_rd *rd = p;

	return cs_gcsv_store(&rd->ctx, &rd->memo, &rd->leg, at);
}

/* A file that grew is read on near the last Call Start it held (the
 * repeated DST hour); the calls whose later records are to come are not
 * kept: such a record is placed at its Call Start. */
static void
smdr_state(void *p, int st[2])
{
	struct smdr_rd *rd = p;
	uint64_t last = (uint64_t)rd->r.last;

	st[0] = (int)(int32_t)(uint32_t)(last >> 32);
	st[1] = (int)(int32_t)(uint32_t)last;
}

static void
smdr_resume(void *p, const int st[2])
{
	struct smdr_rd *rd = p;

	rd->r.last = (int64_t)((uint64_t)(uint32_t)st[0] << 32 |
	    (uint64_t)(uint32_t)st[1]);
}

/* Its rows are generic-csv's: that entry maps them (the table of formats
 * finds it first: this is never called). */
static int
smdr_map(const struct cs_row *row, struct cs_piece *p, struct cs_piece_buf *buf)
{
	return cs_format_generic_csv.map(row, p, buf);
}

static int
smdr_looks(const char *s, const char *e)
{
	return cs_smdr_looks(s, e);
}

const struct cs_format cs_format_avaya_smdr = {
	.name = "avaya-smdr",
	.title = "an Avaya IP Office SMDR file",
	.piece = CS_PIECE_LEG,
	.table = &cs_table_generic_csv,
	.mapped = CS_TABLEDEF_ALL,
	.lacks = "abandoned, missed, abandon_rate, abandon_wait",
	.looks = smdr_looks,
	.noise = smdr_noise,
	.open = smdr_open,
	.close = smdr_close,
	.state = smdr_state,
	.resume = smdr_resume,
	.parse = smdr_parse,
	.store = smdr_store,
	.map = smdr_map,
};
