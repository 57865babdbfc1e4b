/*
 * fuzz_asterisk_cel.c: the CEL reader (readers/asterisk_cel.c) line by
 * line, times of a dateformat read as UTC and as local time
 * (Europe/Paris), and every event read given to the calls
 * (readers/asterisk_cel_call.c).  Checks what the reader promises of a
 * record, and of the rows and queue_log lines a call is told as.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "fuzz.h"
#include "lines.h"
#include "readers/asterisk.h"
#include "readers/asterisk_cel.h"
#include "readers/format.h"
#include "timeutil.h"

struct run {
	struct cs_cel_reader r;
	struct cs_cel_calls *calls;
	long line;
};

static int
got_cdr(void *arg, const struct cs_cdr_record *rec, long line, int64_t rhash)
{
	if (rec->start > rec->end || (rec->answer != 0 &&
	    (rec->answer < rec->start || rec->answer > rec->end)) ||
	    rec->duration < 0 || rec->billsec < 0 || rec->billsec > rec->duration)
		abort();
	for (int i = 0; i < CS_CDR_NFIELDS; i++)
		if (rec->f[i] != NULL)
			(void)strlen(rec->f[i]);
	return 0;
}

static int
got_qlog(void *arg, const struct cs_qlog_record *rec, long line, int64_t rhash)
{
	(void)strlen(rec->callid);
	(void)strlen(rec->queue);
	(void)strlen(rec->agent);
	(void)strlen(rec->event);
	for (int i = 0; i < CS_QLOG_NDATA; i++)
		if (rec->data[i] == NULL)
			abort();
		else
			(void)strlen(rec->data[i]);
	return 0;
}

static void
one(void *arg, const char *line, size_t len)
{
	struct run *u = arg;
	struct cs_cel_record rec;
	struct cs_error err;
	struct cs_cel_out out = { got_cdr, got_qlog, NULL };
	int rc;

	err.msg[0] = '\0';
	u->line++;
	rc = cs_cel_parse(&u->r, line, len, &rec, &err);
	if (rc == -1 && err.msg[0] == '\0')
		abort();	/* a rejected line says why */
	if (rc != 0)
		return;
	if (rec.time < CS_LOG_TIME_MIN - 86400 ||
	    rec.time > CS_LOG_TIME_MAX + 86400 || rec.usec < 0 ||
	    rec.usec > 999999)
		abort();
	for (int i = 0; i < CS_CEL_NFIELDS; i++)
		if (rec.f[i] == NULL)
			abort();
		else
			(void)strlen(rec.f[i]);
	if (u->calls != NULL &&
	    cs_cel_calls_add(u->calls, &rec, u->line, u->line, &out) != 0)
		abort();	/* out of memory, or a check above */
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static int ready;
	struct run u;
	struct cs_error err;

	if (!ready) {
		if (cs_tz_use("Europe/Paris", &err) != 0) {
			fprintf(stderr, "fuzz_asterisk_cel: %s\n", err.msg);
			abort();
		}
		ready = 1;
	}
	/* the file as the import hands it to the format */
	fuzz_format_whole(&cs_format_asterisk_cel, data, size);
	for (int utc = 0; utc <= 1; utc++) {
		memset(&u, 0, sizeof(u));
		if (cs_cel_reader_init(&u.r, utc, &err) != 0)
			return 0;
		u.calls = cs_cel_calls_new();
		fuzz_lines(data, size, one, &u);
		cs_cel_calls_free(u.calls);
		cs_cel_reader_release(&u.r);
	}
	return 0;
}
