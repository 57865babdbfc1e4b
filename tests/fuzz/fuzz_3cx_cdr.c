/*
 * fuzz_3cx_cdr.c: 3CX's legacy CDR log (readers/3cx_cdr.c, 3cx_format.c),
 * line by line through its entry in the table of formats (fuzz.h), then
 * read again in the default order, or in an order of its own for an input
 * that starts with a digit, each record stored and its rows mapped
 * (fuzz_format_stored), so that the mapping sees every record the parser
 * lets through.  The input's first line is also tried as a --columns
 * list.
 */
#include <stdlib.h>
#include <string.h>

#include "fuzz.h"
#include "privacy.h"
#include "readers/3cx.h"

/* An administrator's order: some fields, not the default's order. */
#define OWN "time-start,historyid,time-end,time-answered,final-type," \
	"final-dn,to-type,to-dn,reason-terminated,from-no,dial-no,duration"

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
	struct cs_format_ctx ctx;

	fuzz_format_lines(&cs_format_3cx_cdr, data, size);
	columns(data, size);
	fuzz_default_ctx(&ctx);
	ctx.columns = size > 0 && data[0] >= '0' && data[0] <= '9' ? OWN : NULL;
	/* both orders are good */
	return fuzz_format_stored(&cs_format_3cx_cdr, &ctx, data, size);
}
