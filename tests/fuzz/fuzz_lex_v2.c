/*
 * fuzz_lex_v2.c: the Amazon Lex V2 text log reader (readers/lex_v2.c),
 * line by line through its entry in the table of formats.  Checks what the
 * reader promises: a rejected line says why, a record's time is in range.
 * Storing is fuzzed through fuzz_import, which detects the format.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "fuzz.h"
#include "lines.h"
#include "readers/bot.h"
#include "readers/format.h"
#include "timeutil.h"

static void
one(void *arg, const char *line, size_t len)
{
	struct cs_error err;
	int64_t t = 0;
	int rc;

	err.msg[0] = '\0';
	err.column = 0;
	rc = cs_format_lex_v2.parse(arg, line, len, &t, &err);
	if (rc == -1 && (err.msg[0] == '\0' || err.column < 0))
		abort();	/* a rejected line says why */
	if (rc == 0 && !cs_log_time_ok(t))
		abort();
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static int ready;
	struct cs_format_ctx ctx;
	struct cs_error err;
	void *rd;

	if (!ready) {
		if (cs_tz_use("Europe/Paris", &err) != 0) {
			fprintf(stderr, "fuzz_lex_v2: %s\n", err.msg);
			abort();
		}
		ready = 1;
	}
	(void)cs_format_detect((const char *)data, size);
	memset(&ctx, 0, sizeof(ctx));
	if ((rd = cs_format_lex_v2.open(&ctx, &err)) == NULL)
		return 0;
	fuzz_lines(data, size, one, rd);
	cs_format_lex_v2.close(rd);
	return 0;
}
