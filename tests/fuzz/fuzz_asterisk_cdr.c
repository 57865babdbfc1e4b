/*
 * fuzz_asterisk_cdr.c: the Asterisk CDR reader (readers/asterisk_cdr.c),
 * line by line, with times read as UTC and as local time (Europe/Paris, whose
 * repeated and skipped hours take their own paths), and the format
 * detector on the whole input.  Checks what the reader promises of a
 * record it returns.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "fuzz.h"
#include "lines.h"
#include "readers/asterisk.h"
#include "readers/format.h"
#include "readers/readers.h"
#include "timeutil.h"

static void
one(void *arg, const char *line, size_t len)
{
	struct cs_cdr_reader *r = arg;
	struct cs_cdr_record rec;
	struct cs_error err;

	err.msg[0] = '\0';
	if (cs_cdr_parse(r, line, len, &rec, &err) != 0) {
		if (err.msg[0] == '\0')
			abort();	/* a rejected line says why */
		return;
	}
	for (int i = 0; i < 16; i++)
		if (rec.f[i] == NULL)
			abort();
	/* the range checks hold */
	if (!cs_log_time_ok(rec.start) && (rec.start < CS_LOG_TIME_MIN -
	    86400 || rec.start > CS_LOG_TIME_MAX + 86400))
		abort();
	if (rec.duration < 0 || rec.duration > CS_LOG_DURATION_MAX ||
	    rec.billsec < 0 || rec.billsec > CS_LOG_DURATION_MAX)
		abort();
	for (int i = 0; i < CS_CDR_NFIELDS; i++)
		if (rec.f[i] != NULL)
			(void)strlen(rec.f[i]);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static int ready;
	struct cs_format_ctx ctx;
	struct cs_cdr_reader r;
	struct cs_error err;

	if (!ready) {
		if (cs_tz_use("Europe/Paris", &err) != 0) {
			fprintf(stderr, "fuzz_asterisk_cdr: %s\n", err.msg);
			abort();
		}
		ready = 1;
	}
	(void)cs_format_detect((const char *)data, size);
	for (int utc = 0; utc <= 1; utc++) {
		if (cs_cdr_reader_init(&r, utc, &err) != 0)
			return 0;
		/* the libcsv path on every line, then the fast split */
		r.no_fast = utc;
		fuzz_lines(data, size, one, &r);
		cs_cdr_reader_release(&r);
	}
	/* each record stored and its row mapped, as the rebuild maps it
	   (asterisk_cdr_format.c, asterisk_map.c) */
	fuzz_default_ctx(&ctx);
	return fuzz_format_stored(&cs_format_asterisk_cdr, &ctx, data, size);
}
