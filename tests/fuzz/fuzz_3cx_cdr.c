/*
 * fuzz_3cx_cdr.c: 3CX's legacy CDR log (readers/3cx_cdr.c, 3cx_format.c),
 * line by line through its entry in the table of formats (fuzz.h), then
 * read again in the default order, or in an order of its own for an input
 * that starts with a digit; each record is checked (a history id of
 * digits, start <= answer <= end), stored (a pipe, a key of zeros) and its
 * rows mapped, so that the mapping sees every record the parser lets
 * through.  The input's first line is also tried as a --columns list.
 */
#include <stdlib.h>
#include <string.h>

#include "fuzz.h"
#include "lines.h"
#include "privacy.h"
#include "readers/3cx.h"
#include "rowq.h"
#include "timeutil.h"

/* An administrator's order: some fields, not the default's order. */
#define OWN "time-start,historyid,time-end,time-answered,final-type," \
	"final-dn,to-type,to-dn,reason-terminated,from-no,dial-no,duration"

struct run {
	void *rd;
	struct cs_rowq *q;
	long line;
};

static int
take(void *arg, const struct cs_row *row)
{
	struct cs_piece p;
	struct cs_piece_buf buf;
	char *mem;

	(void)arg;
	if (cs_format_map_row(row, &p, &buf) != 0)
		abort();	/* every row is a piece of a call */
	if ((mem = cs_piece_pack(&p)) == NULL)
		abort();
	free(mem);
	return 0;
}

static void
line(void *arg, const char *s, size_t len)
{
	struct run *r = arg;
	struct cs_error err = { "", 0 };
	struct cs_store_at at = { r->q, 42 + r->line, 1, ++r->line };
	int64_t t = 0;
	int rc;

	(void)cs_3cx_looks(s, s + len);
	(void)cs_3cx_header(s, len);
	rc = cs_format_3cx_cdr.parse(r->rd, s, len, &t, &err);
	if (rc == -1 && (err.msg[0] == '\0' || err.column < 0))
		abort();	/* a rejected line says why */
	if (rc == 0) {
		if (!cs_log_time_ok(t))
			abort();
		if (cs_format_3cx_cdr.store(r->rd, &at) != 0)
			abort();
	}
}

/* The first line as a --columns list: it either is one, or says why. */
static void
columns(const uint8_t *data, size_t size)
{
	enum cs_3cx_field order[CS_3CX_MAXCOLS];
	struct cs_error err = { "", 0 };
	char buf[512];
	size_t n = 0;
	int k;

	while (n < size && n < sizeof(buf) - 1 && data[n] != '\n')
		n++;
	memcpy(buf, data, n);
	buf[n] = '\0';
	if (cs_3cx_columns(buf, order, &k, &err) != 0) {
		if (err.msg[0] == '\0')
			abort();
		return;
	}
	if (k < 3 || k > CS_3CX_MAXCOLS)
		abort();	/* the required three, none twice */
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static struct cs_config cfg;
	static struct cs_privacy priv;
	static int ready;
	struct cs_format_ctx ctx;
	struct cs_error err;
	struct run r;

	fuzz_format_lines(&cs_format_3cx_cdr, data, size);
	columns(data, size);
	if (!ready) {
		cs_config_init(&cfg);
		memset(&priv, 0, sizeof(priv));
		ready = 1;
	}
	memset(&ctx, 0, sizeof(ctx));
	ctx.priv = &priv;
	ctx.cfg = &cfg;
	ctx.columns = size > 0 && data[0] >= '0' && data[0] <= '9' ? OWN : NULL;
	memset(&r, 0, sizeof(r));
	if ((r.rd = cs_format_3cx_cdr.open(&ctx, &err)) == NULL)
		abort();	/* both orders are good */
	if ((r.q = cs_rowq_new_pipe(&err)) == NULL)
		abort();
	fuzz_lines(data, size, line, &r);
	cs_format_3cx_cdr.close(r.rd);
	cs_rowq_close(r.q, 0);
	if (cs_rowq_consume(r.q, take, NULL, NULL) != 0)
		abort();
	cs_rowq_free(r.q);
	return 0;
}
