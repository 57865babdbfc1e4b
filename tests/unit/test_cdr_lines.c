/*
 * test_cdr_lines.c: the Asterisk cdr_csv reader's suite on lines made up to
 * test one thing each: 16 to 21 columns and a count that changes, times
 * (empty, with microseconds, in Paris, across both changes of 2025),
 * Latin-1 beside UTF-8, bad lines and what each message says, the range a
 * log may say, long lines.  Every instant worked out by hand from the
 * calendar (2025-01-01T00:00Z is day 20089 since the epoch, 86400 s a
 * day), never taken from the code's output.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cdrfix.h"
#include "samples.h"
#include "timeutil.h"
#include "unit.h"

#define T_0900Z	1741078800	/* 20151 * 86400 + 9 * 3600 */

static void
test_cdr_columns(void)
{
	/* 16: none of the optional columns. */
	cdr_open(1);
	CU_ASSERT_EQUAL(cdr(BASE16), 0);
	CU_ASSERT_EQUAL(cr.ncols, 16);
	for (int i = CS_CDR_UNIQUEID; i < CS_CDR_NFIELDS; i++)
		CU_ASSERT_PTR_NULL(cx.f[i]);
	ASSERT_STR(cx.f[CS_CDR_CLID], "\"A\" <100>");
	CU_ASSERT_EQUAL(cx.start, T_0900Z);
	CU_ASSERT_EQUAL(cx.answer, T_0900Z + 10);
	CU_ASSERT_EQUAL(cx.end, T_0900Z + 60);
	CU_ASSERT_EQUAL(cx.duration, 60);
	CU_ASSERT_EQUAL(cx.billsec, 50);
	CU_ASSERT_EQUAL(cx.sequence, -1);
	cs_cdr_reader_release(&cr);

	/* 17: a uniqueid... */
	cdr_open(1);
	CU_ASSERT_EQUAL(cdr(BASE16 ",\"1741078800.12\""), 0);
	CU_ASSERT_EQUAL(cr.ncols, 17);
	CU_ASSERT_EQUAL(cr.col17, CS_CDR_UNIQUEID);
	ASSERT_STR(cx.f[CS_CDR_UNIQUEID], "1741078800.12");
	CU_ASSERT_PTR_NULL(cx.f[CS_CDR_USERFIELD]);
	/* ...and the file keeps that layout whatever comes next. */
	CU_ASSERT_EQUAL(cdr(BASE16 ",\"hello\""), 0);
	ASSERT_STR(cx.f[CS_CDR_UNIQUEID], "hello");
	CU_ASSERT_PTR_NULL(cx.f[CS_CDR_USERFIELD]);
	cs_cdr_reader_release(&cr);

	/* ...with a system name that holds a dash... */
	cdr_open(1);
	CU_ASSERT_EQUAL(cdr(BASE16 ",\"Asterisk-01-1362424276.2\""), 0);
	CU_ASSERT_EQUAL(cr.col17, CS_CDR_UNIQUEID);
	ASSERT_STR(cx.f[CS_CDR_UNIQUEID],
	    "Asterisk-01-1362424276.2");
	cs_cdr_reader_release(&cr);

	/* ...or a userfield. */
	cdr_open(1);
	CU_ASSERT_EQUAL(cdr(BASE16 ",\"dept=etat-civil\""), 0);
	CU_ASSERT_EQUAL(cr.col17, CS_CDR_USERFIELD);
	ASSERT_STR(cx.f[CS_CDR_USERFIELD], "dept=etat-civil");
	CU_ASSERT_PTR_NULL(cx.f[CS_CDR_UNIQUEID]);
	CU_ASSERT_EQUAL(cdr(BASE16 ",\"1741078800.12\""), 0);
	ASSERT_STR(cx.f[CS_CDR_USERFIELD], "1741078800.12");
	cs_cdr_reader_release(&cr);
	cdr_open(1);
	CU_ASSERT_EQUAL(cdr(BASE16 ",\"1741078800\""), 0);
	CU_ASSERT_EQUAL(cr.col17, CS_CDR_USERFIELD);
	cs_cdr_reader_release(&cr);

	/* 18: uniqueid, userfield. */
	cdr_open(1);
	CU_ASSERT_EQUAL(cdr(BASE16 ",\"1741078800.12\",\"note\""), 0);
	CU_ASSERT_EQUAL(cr.ncols, 18);
	ASSERT_STR(cx.f[CS_CDR_UNIQUEID], "1741078800.12");
	ASSERT_STR(cx.f[CS_CDR_USERFIELD], "note");
	CU_ASSERT_PTR_NULL(cx.f[CS_CDR_LINKEDID]);
	cs_cdr_reader_release(&cr);

	/* 19: peeraccount, linkedid, sequence. */
	cdr_open(1);
	CU_ASSERT_EQUAL(cdr(BASE16 ",\"peer\",\"1741078800.10\",3"), 0);
	CU_ASSERT_EQUAL(cr.ncols, 19);
	CU_ASSERT_PTR_NULL(cx.f[CS_CDR_UNIQUEID]);
	CU_ASSERT_PTR_NULL(cx.f[CS_CDR_USERFIELD]);
	ASSERT_STR(cx.f[CS_CDR_PEERACCOUNT], "peer");
	ASSERT_STR(cx.f[CS_CDR_LINKEDID], "1741078800.10");
	ASSERT_STR(cx.f[CS_CDR_SEQUENCE], "3");
	CU_ASSERT_EQUAL(cx.sequence, 3);
	cs_cdr_reader_release(&cr);

	/* 20: uniqueid or userfield, then the three. */
	cdr_open(1);
	CU_ASSERT_EQUAL(cdr(BASE16 ",\"1741078800.12\",\"peer\","
	    "\"1741078800.10\",4"), 0);
	CU_ASSERT_EQUAL(cr.ncols, 20);
	CU_ASSERT_EQUAL(cr.col17, CS_CDR_UNIQUEID);
	ASSERT_STR(cx.f[CS_CDR_UNIQUEID], "1741078800.12");
	CU_ASSERT_PTR_NULL(cx.f[CS_CDR_USERFIELD]);
	ASSERT_STR(cx.f[CS_CDR_PEERACCOUNT], "peer");
	ASSERT_STR(cx.f[CS_CDR_LINKEDID], "1741078800.10");
	CU_ASSERT_EQUAL(cx.sequence, 4);
	cs_cdr_reader_release(&cr);
	cdr_open(1);
	CU_ASSERT_EQUAL(cdr(BASE16 ",\"x\",\"peer\",\"1741078800.10\",4"), 0);
	CU_ASSERT_EQUAL(cr.col17, CS_CDR_USERFIELD);
	ASSERT_STR(cx.f[CS_CDR_USERFIELD], "x");
	CU_ASSERT_PTR_NULL(cx.f[CS_CDR_UNIQUEID]);
	ASSERT_STR(cx.f[CS_CDR_PEERACCOUNT], "peer");
	CU_ASSERT_EQUAL(cx.sequence, 4);
	cs_cdr_reader_release(&cr);

	/* 21: all five. */
	cdr_open(1);
	CU_ASSERT_EQUAL(cdr(BASE16 ",\"1741078800.12\",\"note\",\"peer\","
	    "\"1741078800.10\",5"), 0);
	CU_ASSERT_EQUAL(cr.ncols, 21);
	ASSERT_STR(cx.f[CS_CDR_UNIQUEID], "1741078800.12");
	ASSERT_STR(cx.f[CS_CDR_USERFIELD], "note");
	ASSERT_STR(cx.f[CS_CDR_PEERACCOUNT], "peer");
	ASSERT_STR(cx.f[CS_CDR_LINKEDID], "1741078800.10");
	CU_ASSERT_EQUAL(cx.sequence, 5);
	/* A sequence that is no number. */
	CU_ASSERT_EQUAL(cdr(BASE16 ",\"1741078800.12\",\"note\",\"peer\","
	    "\"1741078800.10\",x"), -1);
	CU_ASSERT_STRING_EQUAL(cerr.msg, "sequence is not a number: 'x'");
	cs_cdr_reader_release(&cr);
}

static void
test_cdr_count_changes(void)
{
	cdr_open(1);
	/* A bad first line fixes nothing. */
	CU_ASSERT_EQUAL(cdr("\"\",\"1\",\"2\",\"c\",\"\",\"SIP/1\",\"\","
	    "\"Dial\",\"\""), -1);
	CU_ASSERT_STRING_EQUAL(cerr.msg, "expected 16 to 21 fields, found 9");
	CU_ASSERT_EQUAL(cr.ncols, 0);
	CU_ASSERT_EQUAL(cdr(BASE16 ",\"1741078800.12\",\"note\""), 0);
	CU_ASSERT_EQUAL(cr.ncols, 18);
	CU_ASSERT_EQUAL(cdr(BASE16 ",\"1741078800.12\",\"note\",\"peer\","
	    "\"1741078800.10\",5"), -1);
	CU_ASSERT_STRING_EQUAL(cerr.msg, "expected 18 fields like the first "
	    "record of this file, found 21");
	CU_ASSERT_EQUAL(cdr(BASE16), -1);
	CU_ASSERT_STRING_EQUAL(cerr.msg, "expected 18 fields like the first "
	    "record of this file, found 16");
	CU_ASSERT_EQUAL(cr.ncols, 18);
	CU_ASSERT_EQUAL(cdr(BASE16 ",\"1741078800.13\",\"\""), 0);
	ASSERT_STR(cx.f[CS_CDR_UNIQUEID], "1741078800.13");
	cs_cdr_reader_release(&cr);

	/* Out of range both ways. */
	cdr_open(1);
	CU_ASSERT_EQUAL(cdr("\"a\",\"b\",\"c\",\"d\",\"e\",\"f\",\"g\",\"h\","
	    "\"i\",\"2025-03-04 09:00:00\",,,0,0,\"x\""), -1);
	CU_ASSERT_STRING_EQUAL(cerr.msg, "expected 16 to 21 fields, found 15");
	CU_ASSERT_EQUAL(cdr(BASE16 ",\"1\",\"2\",\"3\",\"4\",5,\"6\""), -1);
	CU_ASSERT_STRING_EQUAL(cerr.msg, "expected 16 to 21 fields, found 22");
	cs_cdr_reader_release(&cr);
}

static void
test_cdr_times(void)
{
	cdr_open(1);
	/* End empty: start + duration; answer empty: 0. */
	CU_ASSERT_EQUAL(cdr("\"\",\"1\",\"2\",\"c\",\"\",\"SIP/1\",\"\","
	    "\"Dial\",\"\",\"2025-03-04 09:00:00\",,,60,0,\"NO ANSWER\","
	    "\"DOCUMENTATION\""), 0);
	CU_ASSERT_EQUAL(cx.start, T_0900Z);
	CU_ASSERT_EQUAL(cx.answer, 0);
	CU_ASSERT_EQUAL(cx.end, T_0900Z + 60);
	/* Empty quoted times (cdr_custom writes them) are empty too, and
	 * microseconds are ignored. */
	CU_ASSERT_EQUAL(cdr("\"\",\"1\",\"2\",\"c\",\"\",\"SIP/1\",\"\","
	    "\"Dial\",\"\",\"2025-03-04 09:00:00.250000\",\"\",\"\",7,0,"
	    "\"NO ANSWER\",\"DOCUMENTATION\""), 0);
	CU_ASSERT_EQUAL(cx.start, T_0900Z);
	CU_ASSERT_EQUAL(cx.answer, 0);
	CU_ASSERT_EQUAL(cx.end, T_0900Z + 7);
	cs_cdr_reader_release(&cr);

	/* Paris in March is CET, UTC+1. */
	cs_unit_paris();
	cdr_open(0);
	CU_ASSERT_EQUAL(cdr(BASE16), 0);
	CU_ASSERT_EQUAL(cx.start, T_0900Z - 3600);
	CU_ASSERT_EQUAL(cx.answer, T_0900Z - 3600 + 10);
	CU_ASSERT_EQUAL(cx.end, T_0900Z - 3600 + 60);
	CU_ASSERT_EQUAL(cx.ambiguous, 0);
	/* 2025-03-30 02:30 never happened in Paris: read as mktime() does,
	 * with the old offset: 01:30Z (day 20177). */
	CU_ASSERT_EQUAL(cdr("\"\",\"1\",\"2\",\"c\",\"\",\"SIP/1\",\"\","
	    "\"Dial\",\"\",\"2025-03-30 02:30:00\",,,0,0,\"NO ANSWER\","
	    "\"DOCUMENTATION\""), 0);
	CU_ASSERT_EQUAL(cx.start, 1743298200);
	CU_ASSERT_EQUAL(cx.ambiguous, 0);
	cs_cdr_reader_release(&cr);
}

/* A 16-column Paris record of 2025-10-26 (day 20387, 00:00Z is
 * 1761436800), the day 03:00 CEST became 02:00 CET. */
#define DST(start, answer, end, dur, bill) \
	"\"\",\"1\",\"2\",\"c\",\"\",\"SIP/1\",\"SIP/2\",\"Dial\",\"\"," \
	start "," answer "," end "," dur "," bill ",\"ANSWERED\",\"OMIT\""

static void
test_cdr_dst_ambiguous(void)
{
	cs_unit_paris();
	cdr_open(0);
	/* All in the repeated hour: the first 02:30 is 00:30Z. */
	CU_ASSERT_EQUAL(cdr(DST("\"2025-10-26 02:30:00\"",
	    "\"2025-10-26 02:40:00\"", "\"2025-10-26 02:50:00\"", "1200",
	    "600")), 0);
	CU_ASSERT_EQUAL(cx.start, 1761438600);
	CU_ASSERT_EQUAL(cx.ambiguous, 1);
	CU_ASSERT_EQUAL(cx.answer, 1761439200);
	CU_ASSERT_EQUAL(cx.end, 1761439800);

	/* Start 02:50 CEST (00:50Z); 15 min later it is 02:05 CET (01:05Z),
	 * 25 min later 02:15 CET (01:15Z): answer and end are the second
	 * 02:05 and 02:15, as duration and billsec say. */
	CU_ASSERT_EQUAL(cdr(DST("\"2025-10-26 02:50:00\"",
	    "\"2025-10-26 02:05:00\"", "\"2025-10-26 02:15:00\"", "1500",
	    "600")), 0);
	CU_ASSERT_EQUAL(cx.start, 1761439800);
	CU_ASSERT_EQUAL(cx.ambiguous, 1);
	CU_ASSERT_EQUAL(cx.answer, 1761440700);
	CU_ASSERT_EQUAL(cx.end, 1761441300);

	/* Start before the change (01:30 CEST = 23:30Z the day before), end
	 * in the repeated hour: start is sure, end the first 02:20. */
	CU_ASSERT_EQUAL(cdr(DST("\"2025-10-26 01:30:00\"", "",
	    "\"2025-10-26 02:20:00\"", "3000", "0")), 0);
	CU_ASSERT_EQUAL(cx.start, 1761435000);
	CU_ASSERT_EQUAL(cx.ambiguous, 0);
	CU_ASSERT_EQUAL(cx.answer, 0);
	CU_ASSERT_EQUAL(cx.end, 1761438000);

	/* After it: 03:10 CET is 02:10Z. */
	CU_ASSERT_EQUAL(cdr(DST("\"2025-10-26 03:10:00\"", "", "", "60",
	    "0")), 0);
	CU_ASSERT_EQUAL(cx.start, 1761444600);
	CU_ASSERT_EQUAL(cx.ambiguous, 0);
	CU_ASSERT_EQUAL(cx.end, 1761444660);
	cs_cdr_reader_release(&cr);

	/* In UTC nothing is ambiguous: 02:30Z. */
	cdr_open(1);
	CU_ASSERT_EQUAL(cdr(DST("\"2025-10-26 02:30:00\"", "", "", "0",
	    "0")), 0);
	CU_ASSERT_EQUAL(cx.start, 1761445800);
	CU_ASSERT_EQUAL(cx.ambiguous, 0);
	cs_cdr_reader_release(&cr);
}

static void
test_cdr_latin1(void)
{
	cdr_open(1);
	/* "Hélène" written in Latin-1 by an old PBX. */
	CU_ASSERT_EQUAL(cdr("\"\",\"1\",\"2\",\"c\",\"\"\"H\xe9l\xe8ne\"\" "
	    "<1>\",\"SIP/1\",\"\",\"Dial\",\"\",\"2025-03-04 09:00:00\",,,0,0,"
	    "\"NO ANSWER\",\"DOCUMENTATION\""), 0);
	ASSERT_STR(cx.f[CS_CDR_CLID],
	    "\"H\xc3\xa9l\xc3\xa8ne\" <1>");
	/* UTF-8 stays as it is; a stray byte beside it is Latin-1; an
	 * overlong form and a lone continuation byte are no UTF-8. */
	CU_ASSERT_EQUAL(cdr("\"\",\"1\",\"2\",\"c\",\"Zo\xc3\xa9\",\"\xc3\xa9t"
	    "\xe9\",\"\xc0\xaf\",\"\x80\",\"\xe2\x82\xac\",\"2025-03-04 "
	    "09:00:00\",,,0,0,\"NO ANSWER\",\"DOCUMENTATION\""), 0);
	ASSERT_STR(cx.f[CS_CDR_CLID], "Zo\xc3\xa9");
	ASSERT_STR(cx.f[CS_CDR_CHANNEL], "\xc3\xa9t\xc3\xa9");
	ASSERT_STR(cx.f[CS_CDR_DSTCHANNEL], "\xc3\x80\xc2\xaf");
	ASSERT_STR(cx.f[CS_CDR_LASTAPP], "\xc2\x80");
	ASSERT_STR(cx.f[CS_CDR_LASTDATA], "\xe2\x82\xac");
	/* A sequence cut at the end of a field. */
	CU_ASSERT_EQUAL(cdr("\"\",\"1\",\"2\",\"c\",\"ab\xe2\x82\",\"\",\"\","
	    "\"\",\"\",\"2025-03-04 09:00:00\",,,0,0,\"x\",\"y\""), 0);
	ASSERT_STR(cx.f[CS_CDR_CLID], "ab\xc3\xa2\xc2\x82");
	cs_cdr_reader_release(&cr);
}

static void
test_cdr_bad_lines(void)
{
	static const char nul[] = "\"\",\"1\",\"2\",\"c\",\"\",\"SIP/1\0\","
	    "\"\",\"Dial\",\"\",\"2025-03-04 09:00:00\",,,0,0,\"x\",\"y\"";
	char glued[2 * sizeof(BASE16)];

	cdr_open(1);
	/* Cut short inside a quoted field, and at a comma. */
	CU_ASSERT_EQUAL(cdr("\"\",\"100\",\"200\",\"ctx\",\"\"\"A\"\" <100>\","
	    "\"SIP/100-1\",\"SIP/200-2\",\"Di"), -1);
	CU_ASSERT_STRING_EQUAL(cerr.msg, "unterminated quoted field 8 "
	    "(a field that starts with '\"' must end with '\"')");
	CU_ASSERT_EQUAL(cdr("\"\",\"100\",\"200\",\"ctx\",\"\"\"A\"\" <100>\","
	    "\"SIP/100-1\",\"SIP/200-2\",\"Dial\",\"SIP/200\""), -1);
	CU_ASSERT_STRING_EQUAL(cerr.msg, "expected 16 to 21 fields, found 9");

	/* Two records glued (a lost line end): 16 + 15 fields, the last of
	 * the first and the first of the second merged. */
	snprintf(glued, sizeof(glued), "%s%s", BASE16, BASE16);
	CU_ASSERT_EQUAL(cdr(glued), -1);
	CU_ASSERT_STRING_EQUAL(cerr.msg, "expected 16 to 21 fields, found 31");

	/* Impossible dates and times, each field named. */
	CU_ASSERT_EQUAL(cdr("\"\",\"1\",\"2\",\"c\",\"\",\"SIP/1\",\"\","
	    "\"Dial\",\"\",\"2025-02-30 09:00:00\",,,0,0,\"x\",\"y\""), -1);
	CU_ASSERT_STRING_EQUAL(cerr.msg, "start is not a valid date and time "
	    "(YYYY-MM-DD HH:MM:SS): '2025-02-30 09:00:00'");
	CU_ASSERT_EQUAL(cdr("\"\",\"1\",\"2\",\"c\",\"\",\"SIP/1\",\"\","
	    "\"Dial\",\"\",\"2025-03-04 09:00:00\",\"2025-13-01 00:00:00\",,0,"
	    "0,\"x\",\"y\""), -1);
	CU_ASSERT(cs_unit_starts(cerr.msg, "answer is not a valid date and time"));
	CU_ASSERT_EQUAL(cdr("\"\",\"1\",\"2\",\"c\",\"\",\"SIP/1\",\"\","
	    "\"Dial\",\"\",\"2025-03-04 09:00:00\",,\"2025-03-04 24:00:00\",0,"
	    "0,\"x\",\"y\""), -1);
	CU_ASSERT(cs_unit_starts(cerr.msg, "end is not a valid date and time"));
	CU_ASSERT_EQUAL(cdr("\"\",\"1\",\"2\",\"c\",\"\",\"SIP/1\",\"\","
	    "\"Dial\",\"\",\"04/03/2025 09:00\",,,0,0,\"x\",\"y\""), -1);
	CU_ASSERT(cs_unit_starts(cerr.msg, "start is not a valid date and time"));
	CU_ASSERT_EQUAL(cdr("\"\",\"1\",\"2\",\"c\",\"\",\"SIP/1\",\"\","
	    "\"Dial\",\"\",,,,0,0,\"x\",\"y\""), -1);
	CU_ASSERT_STRING_EQUAL(cerr.msg, "start is empty: every record needs "
	    "its start time");

	/* Words and signs where numbers belong. */
	CU_ASSERT_EQUAL(cdr("\"\",\"1\",\"2\",\"c\",\"\",\"SIP/1\",\"\","
	    "\"Dial\",\"\",\"2025-03-04 09:00:00\",,,abc,0,\"x\",\"y\""), -1);
	CU_ASSERT_STRING_EQUAL(cerr.msg, "duration is not a number: 'abc'");
	CU_ASSERT_EQUAL(cdr("\"\",\"1\",\"2\",\"c\",\"\",\"SIP/1\",\"\","
	    "\"Dial\",\"\",\"2025-03-04 09:00:00\",,,5,-3,\"x\",\"y\""), -1);
	CU_ASSERT_STRING_EQUAL(cerr.msg, "billsec is negative: '-3'");
	CU_ASSERT_EQUAL(cdr("\"\",\"1\",\"2\",\"c\",\"\",\"SIP/1\",\"\","
	    "\"Dial\",\"\",\"2025-03-04 09:00:00\",,,5s,0,\"x\",\"y\""), -1);
	CU_ASSERT_STRING_EQUAL(cerr.msg, "duration is not a number: '5s'");
	CU_ASSERT_EQUAL(cdr("\"\",\"1\",\"2\",\"c\",\"\",\"SIP/1\",\"\","
	    "\"Dial\",\"\",\"2025-03-04 09:00:00\",,,,0,\"x\",\"y\""), -1);
	CU_ASSERT_STRING_EQUAL(cerr.msg, "duration is empty: a number is "
	    "needed");
	CU_ASSERT_EQUAL(cdr("\"\",\"1\",\"2\",\"c\",\"\",\"SIP/1\",\"\","
	    "\"Dial\",\"\",\"2025-03-04 09:00:00\",,,99999999999999999999,0,"
	    "\"x\",\"y\""), -1);
	CU_ASSERT(cs_unit_starts(cerr.msg, "duration is out of range"));

	/* Binary garbage: a NUL, other control characters, a stray CR. */
	memset(&cerr, 0, sizeof(cerr));
	CU_ASSERT_EQUAL(cs_cdr_parse(&cr, nul, sizeof(nul) - 1, &cx, &cerr),
	    -1);
	CU_ASSERT_STRING_EQUAL(cerr.msg, "binary data in line (byte 0x00 at "
	    "column 25)");
	CU_ASSERT_EQUAL(cdr("\x1f\x8b\x08\x00\x00\x00\x00\x00"), -1);
	CU_ASSERT(cs_unit_starts(cerr.msg, "binary data in line"));
	CU_ASSERT_EQUAL(cdr(BASE16 "\r"), -1);
	CU_ASSERT(cs_unit_starts(cerr.msg, "binary data in line (byte 0x0d"));
	CU_ASSERT_EQUAL(cdr("\"\",\"1\",\"2\",\"c\",\"\",\"SIP/1\",\"\","
	    "\"Di\ral\",\"\",\"2025-03-04 09:00:00\",,,0,0,\"x\",\"y\""), -1);
	CU_ASSERT(cs_unit_starts(cerr.msg, "binary data in line"));

	/* Quotes out of place, and the empty line. */
	CU_ASSERT_EQUAL(cdr("\"\",\"1\",\"2\",\"c\",\"ab\"c\",\"SIP/1\",\"\","
	    "\"Dial\",\"\",\"2025-03-04 09:00:00\",,,0,0,\"x\",\"y\""), -1);
	CU_ASSERT(cs_unit_starts(cerr.msg, "misplaced quote in field 5"));
	CU_ASSERT_EQUAL(cdr("\"\",\"1\",\"2\",\"c\",ab\"c,\"SIP/1\",\"\","
	    "\"Dial\",\"\",\"2025-03-04 09:00:00\",,,0,0,\"x\",\"y\""), -1);
	CU_ASSERT(cs_unit_starts(cerr.msg, "misplaced quote in field 5"));
	CU_ASSERT_EQUAL(cdr(""), -1);
	CU_ASSERT_STRING_EQUAL(cerr.msg, "empty line");

	/* None of that fixed the column count, nor left the parser in a
	 * bad state: the next good line reads whole. */
	CU_ASSERT_EQUAL(cr.ncols, 0);
	CU_ASSERT_EQUAL(cdr("\"\",\"100\",\"200\",\"ctx\",\"\"\"A\"\" <100>\","
	    "\"SIP/100-1\",\"SIP/200-2\",\"Di"), -1);
	CU_ASSERT_EQUAL(cdr(BASE16), 0);
	ASSERT_STR(cx.f[CS_CDR_ACCOUNTCODE], "");
	ASSERT_STR(cx.f[CS_CDR_SRC], "100");
	ASSERT_STR(cx.f[CS_CDR_AMAFLAGS], "DOCUMENTATION");
	CU_ASSERT_EQUAL(cx.start, T_0900Z);
	CU_ASSERT_EQUAL(cr.ncols, 16);
	/* A tab is no binary data. */
	CU_ASSERT_EQUAL(cdr("\"\",\"1\",\"2\",\"c\",\"\",\"SIP/1\",\"\","
	    "\"Dial\",\"a\tb\",\"2025-03-04 09:00:00\",,,0,0,\"x\",\"y\""), 0);
	ASSERT_STR(cx.f[CS_CDR_LASTDATA], "a\tb");
	cs_cdr_reader_release(&cr);
	/* Released twice, no harm. */
	cs_cdr_reader_release(&cr);
}

/* The range of what a log may say (timeutil.h): each bound, and past it. */
static void
test_cdr_ranges(void)
{
	cdr_open(1);
	/* Out of range: durations beyond 7 days (604800 s), years before
	 * 1990 and after 2099, each field named. */
	CU_ASSERT_EQUAL(cdr("\"\",\"1\",\"2\",\"c\",\"\",\"SIP/1\",\"\","
	    "\"Dial\",\"\",\"2025-03-04 09:00:00\",,,9223372036854775807,0,"
	    "\"x\",\"y\""), -1);
	CU_ASSERT_STRING_EQUAL(cerr.msg, "duration is out of range: "
	    "'9223372036854775807' (at most 604800 seconds, 7 days); remove "
	    "the line or correct it");
	CU_ASSERT_EQUAL(cdr("\"\",\"1\",\"2\",\"c\",\"\",\"SIP/1\",\"\","
	    "\"Dial\",\"\",\"2025-03-04 09:00:00\",,,604801,0,\"x\",\"y\""),
	    -1);
	CU_ASSERT(cs_unit_starts(cerr.msg, "duration is out of range: '604801'"));
	CU_ASSERT_EQUAL(cdr("\"\",\"1\",\"2\",\"c\",\"\",\"SIP/1\",\"\","
	    "\"Dial\",\"\",\"2025-03-04 09:00:00\",,,604800,604801,\"x\","
	    "\"y\""), -1);
	CU_ASSERT(cs_unit_starts(cerr.msg, "billsec is out of range: '604801'"));
	CU_ASSERT_EQUAL(cdr("\"\",\"1\",\"2\",\"c\",\"\",\"SIP/1\",\"\","
	    "\"Dial\",\"\",\"2025-03-04 09:00:00\",,,604800,604800,\"x\","
	    "\"y\""), 0);
	CU_ASSERT_EQUAL(cx.end, T_0900Z + 604800);
	CU_ASSERT_EQUAL(cdr("\"\",\"1\",\"2\",\"c\",\"\",\"SIP/1\",\"\","
	    "\"Dial\",\"\",\"0000-01-01 00:00:00\",,,0,0,\"x\",\"y\""), -1);
	CU_ASSERT_STRING_EQUAL(cerr.msg, "start is out of range: "
	    "'0000-01-01 00:00:00' (years 1990 to 2099 are read); check the "
	    "PBX's clock, then remove the line or correct it");
	CU_ASSERT_EQUAL(cdr("\"\",\"1\",\"2\",\"c\",\"\",\"SIP/1\",\"\","
	    "\"Dial\",\"\",\"2025-03-04 09:00:00\",\"9999-12-31 23:59:59\",,"
	    "0,0,\"x\",\"y\""), -1);
	CU_ASSERT(cs_unit_starts(cerr.msg, "answer is out of range"));
	CU_ASSERT_EQUAL(cdr("\"\",\"1\",\"2\",\"c\",\"\",\"SIP/1\",\"\","
	    "\"Dial\",\"\",\"2025-03-04 09:00:00\",,\"2100-01-01 00:00:00\","
	    "0,0,\"x\",\"y\""), -1);
	CU_ASSERT(cs_unit_starts(cerr.msg, "end is out of range"));
	CU_ASSERT_EQUAL(cdr("\"\",\"1\",\"2\",\"c\",\"\",\"SIP/1\",\"\","
	    "\"Dial\",\"\",\"1989-12-31 23:59:59\",,,0,0,\"x\",\"y\""), -1);
	CU_ASSERT(cs_unit_starts(cerr.msg, "start is out of range"));
	CU_ASSERT_EQUAL(cdr("\"\",\"1\",\"2\",\"c\",\"\",\"SIP/1\",\"\","
	    "\"Dial\",\"\",\"1990-01-01 00:00:00\",,\"2099-12-31 23:59:59\","
	    "0,0,\"x\",\"y\""), 0);
	CU_ASSERT_EQUAL(cx.start, 7305 * INT64_C(86400));
	CU_ASSERT_EQUAL(cx.end, 47482 * INT64_C(86400) - 1);
	cs_cdr_reader_release(&cr);
	cdr_open(1);
	CU_ASSERT_EQUAL(cdr("\"\",\"1\",\"2\",\"c\",\"\",\"SIP/1\",\"\","
	    "\"Dial\",\"\",\"2025-03-04 09:00:00\",,,0,0,\"x\",\"y\","
	    "\"u.1\",\"\",\"\",\"l\",2147483648"), -1);
	CU_ASSERT(cs_unit_starts(cerr.msg, "sequence is out of range"));
	cs_cdr_reader_release(&cr);
}

static void
test_cdr_long_lines(void)
{
	size_t n = 20000, len;
	char *line = malloc(2 * n + 512), *p;

	CU_ASSERT_PTR_NOT_NULL_FATAL(line);
	cdr_open(1);
	/* Longer than the first buffers, all Latin-1 (twice as long in
	 * UTF-8), then short again. */
	p = line;
	p += sprintf(p, "\"\",\"1\",\"2\",\"c\",\"");
	memset(p, '\xe9', n);
	p += n;
	p += sprintf(p, "\",\"SIP/1\",\"\",\"Dial\",\"");
	memset(p, 'x', n);
	p += n;
	sprintf(p, "\",\"2025-03-04 09:00:00\",,,0,0,\"x\",\"y\"");
	len = strlen(line);
	CU_ASSERT_EQUAL(cs_cdr_parse(&cr, line, len, &cx, &cerr), 0);
	CU_ASSERT_EQUAL(strlen(cx.f[CS_CDR_CLID]), 2 * n);
	CU_ASSERT_EQUAL(strlen(cx.f[CS_CDR_LASTDATA]), n);
	CU_ASSERT(memcmp(cx.f[CS_CDR_CLID], "\xc3\xa9\xc3\xa9", 4) == 0);
	CU_ASSERT_EQUAL(cx.start, T_0900Z);
	CU_ASSERT_EQUAL(cdr(BASE16), 0);
	ASSERT_STR(cx.f[CS_CDR_SRC], "100");
	cs_cdr_reader_release(&cr);
	free(line);
}

static CU_TestInfo tests[] = {
	{ "cdr_columns", test_cdr_columns },
	{ "cdr_count_changes", test_cdr_count_changes },
	{ "cdr_times", test_cdr_times },
	{ "cdr_dst_ambiguous", test_cdr_dst_ambiguous },
	{ "cdr_latin1", test_cdr_latin1 },
	{ "cdr_bad_lines", test_cdr_bad_lines },
	{ "cdr_ranges", test_cdr_ranges },
	{ "cdr_long_lines", test_cdr_long_lines },
	CU_TEST_INFO_NULL
};

CS_UNIT_SUITE("cdr_lines", tests)
