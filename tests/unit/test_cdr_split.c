/*
 * test_cdr_split.c: the cdr_csv reader's fast split of a line against
 * libcsv's (the slow way): on every sample, the town's Master.csv and
 * tricky lines, both give the same fields, or both reject the line.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "readers/readers.h"
#include "samples.h"
#include "timeutil.h"
#include "unit.h"

#define CDR_DIR CS_UNIT_CDR_DIR

/* Parses line with both readers; they must agree on everything. */
static void
both_splits(struct cs_cdr_reader *fast, struct cs_cdr_reader *slow,
    const char *line, size_t len)
{
	struct cs_cdr_record a, b;
	struct cs_error ea, eb;
	int ra, rb;

	memset(&ea, 0, sizeof(ea));
	memset(&eb, 0, sizeof(eb));
	ra = cs_cdr_parse(fast, line, len, &a, &ea);
	rb = cs_cdr_parse(slow, line, len, &b, &eb);
	CU_ASSERT_EQUAL(ra, rb);
	if (ra != rb || ra != 0) {
		CU_ASSERT_STRING_EQUAL(ea.msg, eb.msg);
		return;
	}
	for (int f = 0; f < CS_CDR_NFIELDS; f++) {
		CU_ASSERT((a.f[f] == NULL) == (b.f[f] == NULL));
		if (a.f[f] != NULL && b.f[f] != NULL)
			CU_ASSERT_STRING_EQUAL(a.f[f], b.f[f]);
	}
	CU_ASSERT_EQUAL(a.start, b.start);
	CU_ASSERT_EQUAL(a.answer, b.answer);
	CU_ASSERT_EQUAL(a.end, b.end);
	CU_ASSERT_EQUAL(a.duration, b.duration);
	CU_ASSERT_EQUAL(a.billsec, b.billsec);
	CU_ASSERT_EQUAL(a.sequence, b.sequence);
	CU_ASSERT_EQUAL(a.ambiguous, b.ambiguous);
}

/* Every line of a file (path as given), both ways; returns the lines. */
static long
both_file(const char *path, long *fast)
{
	struct cs_cdr_reader rf, rs;
	struct cs_error err;
	FILE *fp = fopen(path, "rb");
	char *line = NULL;
	size_t cap = 0;
	ssize_t n;
	long lines = 0;

	CU_ASSERT_PTR_NOT_NULL_FATAL(fp);
	CU_ASSERT_EQUAL_FATAL(cs_cdr_reader_init(&rf, 0, &err), 0);
	CU_ASSERT_EQUAL_FATAL(cs_cdr_reader_init(&rs, 0, &err), 0);
	rs.no_fast = 1;
	while ((n = getline(&line, &cap, fp)) > 0) {
		size_t len = (size_t)n;

		if (line[len - 1] == '\n')
			len--;
		if (len > 0 && line[len - 1] == '\r')
			len--;
		both_splits(&rf, &rs, line, len);
		lines++;
	}
	CU_ASSERT_EQUAL(rs.fast, 0);
	*fast = rf.fast;
	free(line);
	fclose(fp);
	cs_cdr_reader_release(&rf);
	cs_cdr_reader_release(&rs);
	return lines;
}

static void
test_cdr_fast_split(void)
{
	/* lines the fast split must decline, or split as libcsv does */
	static const char *const tricky[] = {
		BASE16,
		"",
		",",
		"\"a\"",
		" " BASE16,
		BASE16 " ",
		"\"\", \"100\"",
		"\"\" ,\"100\"",
		"\"\",\t\"100\"",
		"1 ,2",
		"1, 2",
		"a\"b,c",
		"\"a\"b,c",
		"\"a,b",
		"\"a\"\"",
		"\"\"\"\"",
		"\"a\"\"b\"\"c\",\"\"\"\",,\"\"",
		"\"\",\"100\",\"200\",",
		"\"a\rb\",c",
		"a\rb,c",
		"\"caf\xe9\",\"na\xefve\"",
		"\"\",\"100\",\"200\",\"ctx\",\"\"\"A\"\" <100>\","
		    "\"SIP/100-1\",\"SIP/200-2\",\"Dial\",\"SIP/200\","
		    "\"2025-03-04 09:00:00\",,\"2025-03-04 09:01:00\",60,0,"
		    "\"NO ANSWER\",\"DOCUMENTATION\"",
		/* records libcsv reads with a space trimmed */
		"\"\",\"100\",\"200\",\"ctx\",\"\"\"A\"\" <100>\","
		    "\"SIP/100-1\",\"SIP/200-2\",\"Dial\",\"SIP/200\","
		    "\"2025-03-04 09:00:00\",,\"2025-03-04 09:01:00\",60 ,0,"
		    "\"NO ANSWER\",\"DOCUMENTATION\"",
		"\"\",\"100\",\"200\",\"ctx\",\"\"\"A\"\" <100>\","
		    "\"SIP/100-1\",\"SIP/200-2\",\"Dial\",\"SIP/200\","
		    "\"2025-03-04 09:00:00\",,\"2025-03-04 09:01:00\", 60,0,"
		    "\"NO ANSWER\",\"DOCUMENTATION\"",
		"\"\",\"100\",\"200\",\"ctx\",\"\"\"A\"\" <100>\","
		    "\"SIP/100-1\",\"SIP/200-2\",\"Dial\",\"SIP/200\","
		    "\"2025-03-04 09:00:00\",,\"2025-03-04 09:01:00\",60,0,"
		    "\"NO ANSWER\" ,\"DOCUMENTATION\"\t",
	};
	struct cs_cdr_reader rf, rs;
	struct cs_error err;
	char path[512];
	long fast, lines;

	cs_unit_paris();
	for (size_t i = 0; i < cs_unit_ncdr_samples; i++) {
		snprintf(path, sizeof(path), "%s", cs_unit_data(CDR_DIR));
		snprintf(path + strlen(path), sizeof(path) - strlen(path), "%s",
		    cs_unit_cdr_samples[i]);
		lines = both_file(path, &fast);
		CU_ASSERT(lines > 0);
	}
	/* the town: every line as Asterisk writes it goes the fast way */
	lines = both_file("sample-data/Master.csv", &fast);
	CU_ASSERT_EQUAL(fast, lines);
	CU_ASSERT(lines > 10000);
	lines = both_file("tests/data/edge-cases.csv", &fast);
	CU_ASSERT(fast > 0);
	lines = both_file("tests/data/example-21col-utc.csv", &fast);

	for (size_t i = 0; i < sizeof(tricky) / sizeof(tricky[0]); i++) {
		CU_ASSERT_EQUAL_FATAL(cs_cdr_reader_init(&rf, 0, &err), 0);
		CU_ASSERT_EQUAL_FATAL(cs_cdr_reader_init(&rs, 0, &err), 0);
		rs.no_fast = 1;
		both_splits(&rf, &rs, tricky[i], strlen(tricky[i]));
		cs_cdr_reader_release(&rf);
		cs_cdr_reader_release(&rs);
	}
	/* the well-formed ones were split fast */
	CU_ASSERT_EQUAL_FATAL(cs_cdr_reader_init(&rf, 0, &err), 0);
	both_splits(&rf, &rf, BASE16, strlen(BASE16));
	CU_ASSERT_EQUAL(rf.fast, 2);
	cs_cdr_reader_release(&rf);
}

static CU_TestInfo tests[] = {
	{ "cdr_fast_split", test_cdr_fast_split },
	CU_TEST_INFO_NULL
};

CS_UNIT_SUITE("cdr_split", tests)
