/*
 * fuzz_asterisk_queue_log.c: the queue_log reader (readers/asterisk_queue_log.c), line
 * by line, times of table dumps read as UTC and as local time
 * (Europe/Paris).  Checks what the reader promises of a record.
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
	struct cs_qlog_reader *r = arg;
	struct cs_qlog_record rec;
	struct cs_error err;
	int rc;

	err.msg[0] = '\0';
	rc = cs_qlog_parse(r, line, len, &rec, &err);
	if (rc == -1 && err.msg[0] == '\0')
		abort();	/* a rejected line says why */
	if (rc != 0)
		return;
	if (rec.time < CS_LOG_TIME_MIN - 86400 ||
	    rec.time > CS_LOG_TIME_MAX + 86400)
		abort();
	(void)strlen(rec.callid);
	(void)strlen(rec.queue);
	(void)strlen(rec.agent);
	(void)strlen(rec.event);
	for (int i = 0; i < CS_QLOG_NDATA; i++)
		if (rec.data[i] == NULL)
			abort();
		else
			(void)strlen(rec.data[i]);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static int ready;
	struct cs_format_ctx ctx;
	struct cs_qlog_reader r;
	struct cs_error err;

	if (!ready) {
		if (cs_tz_use("Europe/Paris", &err) != 0) {
			fprintf(stderr, "fuzz_asterisk_queue_log: %s\n", err.msg);
			abort();
		}
		ready = 1;
	}
	(void)cs_format_detect((const char *)data, size);
	for (int utc = 0; utc <= 1; utc++) {
		if (cs_qlog_reader_init(&r, utc, &err) != 0)
			return 0;
		fuzz_lines(data, size, one, &r);
		cs_qlog_reader_release(&r);
	}
	/* each record stored and its row mapped, as the rebuild maps it
	   (asterisk_qlog_format.c, asterisk_map.c) */
	fuzz_default_ctx(&ctx);
	return fuzz_format_stored(&cs_format_asterisk_queue_log, &ctx, data, size);
}
