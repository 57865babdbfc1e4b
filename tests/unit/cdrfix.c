/*
 * cdrfix.c: the cdr_csv suites' fixture (cdrfix.h): the reader, record and
 * error the tests share, and a line parsed with them.
 */
#include <string.h>

#include "cdrfix.h"
#include "unit.h"

struct cs_cdr_reader cr;
struct cs_cdr_record cx;
struct cs_error cerr;

/* Parses a NUL-terminated line with the reader cr into cx. */
int
cdr(const char *line)
{
	memset(&cerr, 0, sizeof(cerr));
	return cs_cdr_parse(&cr, line, strlen(line), &cx, &cerr);
}

void
cdr_open(int utc)
{
	struct cs_error err;

	CU_ASSERT_EQUAL_FATAL(cs_cdr_reader_init(&cr, utc, &err), 0);
}
