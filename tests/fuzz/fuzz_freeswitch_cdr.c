/*
 * fuzz_freeswitch_cdr.c: the FreeSWITCH mod_cdr_csv reader
 * (readers/freeswitch_cdr.c), line by line through its entry in the table
 * of formats (fuzz.h), then through the parser itself in UTC, checking
 * what it promises of a record: every field of its template there, the
 * durations in range, a uuid; last, each record stored and its row mapped
 * (fuzz_format_stored: freeswitch_format.c, a queue member's events from
 * its row among them).
 */
#include <stdlib.h>
#include <string.h>

#include "fuzz.h"
#include "lines.h"
#include "privacy.h"
#include "readers/format.h"
#include "readers/freeswitch.h"
#include "timeutil.h"

static void
one(void *arg, const char *line, size_t len)
{
	struct cs_fs_reader *r = arg;
	struct cs_fs_record rec;
	struct cs_error err;

	err.msg[0] = '\0';
	(void)cs_fs_looks(line, line + len);
	if (cs_fs_parse(r, line, len, &rec, &err) != 0) {
		if (err.msg[0] == '\0')
			abort();	/* a rejected line says why */
		return;
	}
	if (r->nfields != CS_FS_SQL_FIELDS && r->nfields !=
	    CS_FS_EXAMPLE_FIELDS && r->nfields != CS_FS_RECOMMENDED_FIELDS)
		abort();
	for (int i = 0; i < r->nfields; i++)
		if (rec.f[i] == NULL)
			abort();
	if (rec.f[CS_FS_UUID][0] == '\0' || rec.duration < 0 ||
	    rec.duration > CS_LOG_DURATION_MAX || rec.billsec < 0 ||
	    rec.billsec > CS_LOG_DURATION_MAX)
		abort();
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct cs_format_ctx ctx;
	struct cs_fs_reader r;
	struct cs_error err;

	fuzz_format_lines(&cs_format_freeswitch_cdr, data, size);
	if (cs_fs_reader_init(&r, 1, &err) != 0) {
		cs_fs_reader_release(&r);
		return 0;
	}
	fuzz_lines(data, size, one, &r);
	cs_fs_reader_release(&r);
	fuzz_default_ctx(&ctx);
	return fuzz_format_stored(&cs_format_freeswitch_cdr, &ctx, data, size);
}
