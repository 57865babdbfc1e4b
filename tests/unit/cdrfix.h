/*
 * cdrfix.h: the cdr_csv suites' fixture (test_cdr.c, test_cdr_lines.c): one
 * reader, the record it fills and the error of its last line, and a line
 * parsed with them.
 */
#ifndef CS_UNIT_CDRFIX_H
#define CS_UNIT_CDRFIX_H

#include "readers/readers.h"

/* The reader a test opens with cdr_open() and releases itself, the record
 * cdr() fills and the error of the last line cdr() parsed. */
extern struct cs_cdr_reader cr;
extern struct cs_cdr_record cx;
extern struct cs_error cerr;

/* Parses a NUL-terminated line with the reader cr into cx: 0, or -1 with
 * the reason in cerr. */
int cdr(const char *line);
/* Prepares cr, times read as UTC if utc, else as local time; a failure
 * ends the test (a fatal assertion). */
void cdr_open(int utc);

#endif
