/*
 * test_cucm.c: the cucm suite: Cisco Unified CM CDR rows split and read by
 * the header's names, the two header rows, CMRs, rejects, detection, and
 * what a stored CDR becomes (generic-csv's neutral leg, through the table
 * of formats).  Instants worked out by hand: 2025-03-04 is day 20151
 * since the epoch (1741046400); 1593547211 is paStash's 12.5 row's.
 */
#include <stdlib.h>
#include <string.h>

#include "readers/cucm.h"
#include "readers/format.h"
#include "readers/generic_csv.h"
#include "unit.h"

/* paStash's header (its first 8 names), then the types' row. */
#define NAMES8 "\"cdrRecordType\",\"globalCallID_callManagerId\"," \
	"\"globalCallID_callId\",\"origLegCallIdentifier\"," \
	"\"dateTimeOrigination\",\"origNodeId\",\"origSpan\",\"origIpAddr\""

/* The hand-made file's header (tests/data/cucm/handmade.csv). */
#define HEAD "\"cdrRecordType\",\"globalCallID_callManagerId\"," \
	"\"globalCallID_callId\",\"origLegCallIdentifier\"," \
	"\"dateTimeOrigination\",\"callingPartyNumber\",\"origCause_value\"," \
	"\"destLegIdentifier\",\"originalCalledPartyNumber\"," \
	"\"finalCalledPartyNumber\",\"destCause_value\",\"dateTimeConnect\"," \
	"\"dateTimeDisconnect\",\"lastRedirectDn\",\"pkid\",\"duration\"," \
	"\"origDeviceName\",\"destDeviceName\",\"lastRedirectRedirectReason\"," \
	"\"huntPilotDN\",\"wasCallQueued\",\"totalWaitTimeInQueue\""
#define TYPES "INTEGER,INTEGER,INTEGER,INTEGER,INTEGER,VARCHAR(50),INTEGER," \
	"INTEGER,VARCHAR(50),VARCHAR(50),INTEGER,INTEGER,INTEGER,VARCHAR(50)," \
	"UNIQUEIDENTIFIER,INTEGER,VARCHAR(129),VARCHAR(129),INTEGER," \
	"VARCHAR(50),INTEGER,INTEGER"

static int
parse(struct cs_cucm_reader *r, const char *line, struct cs_cucm_record *rec,
    struct cs_error *err)
{
	err->column = 0;
	return cs_cucm_parse(r, line, strlen(line), rec, err);
}

static struct cs_cucm_reader *
reader_with_header(struct cs_cucm_record *rec, struct cs_error *err)
{
	struct cs_cucm_reader *r = cs_cucm_open(err);

	CU_ASSERT_PTR_NOT_NULL_FATAL(r);
	CU_ASSERT_EQUAL(parse(r, HEAD, rec, err), 1);
	CU_ASSERT_EQUAL(parse(r, TYPES, rec, err), 1);
	return r;
}

/* Each row of handmade.csv, as worked out from its fields. */
static void
test_cucm_rows(void)
{
	struct cs_cucm_record rec;
	struct cs_error err;
	struct cs_cucm_reader *r = reader_with_header(&rec, &err);

	/* hunt pilot 3100, answered by 2101 20 s after 09:00 local (08:00Z) */
	CU_ASSERT_EQUAL(parse(r, "1,1,1001,16777301,1741075200,\"0639980101\","
	    "16,16777302,\"3100\",\"2101\",0,1741075220,1741075400,\"3100\","
	    "\"a1b2c3d4-0000-4000-8000-000000001001\",180,\"SIP_TRUNK_PSTN\","
	    "\"SEP00AABB002101\",0,\"3100\",1,20", &rec, &err), 0);
	CU_ASSERT_EQUAL(rec.type, 1);
	CU_ASSERT_STRING_EQUAL(rec.call_id, "1-1001");
	CU_ASSERT_EQUAL(rec.start, 1741046400 + 8 * 3600);
	CU_ASSERT_EQUAL(rec.connect, 1741075220);
	CU_ASSERT_EQUAL(rec.end, 1741075400);
	CU_ASSERT_STRING_EQUAL(rec.f[CS_CUCM_CALLING], "0639980101");
	CU_ASSERT_STRING_EQUAL(rec.f[CS_CUCM_ORIG_CALLED], "3100");
	CU_ASSERT_STRING_EQUAL(rec.f[CS_CUCM_FINAL_CALLED], "2101");
	CU_ASSERT_STRING_EQUAL(rec.f[CS_CUCM_HUNT_PILOT], "3100");
	CU_ASSERT_EQUAL(rec.orig_cause, 16);
	CU_ASSERT_EQUAL(rec.dest_cause, 0);
	CU_ASSERT_EQUAL(rec.ended, CS_CUCM_ANSWERED);
	CU_ASSERT(rec.has_pilot);
	/* never connected, the caller cleared (16 on its side): abandoned */
	CU_ASSERT_EQUAL(parse(r, "1,1,1002,16777303,1741078800,\"+33639980102\","
	    "16,16777304,\"3100\",\"3100\",0,0,1741078845,\"\",\"x\",0,\"\",\"\","
	    "0,\"3100\",1,45", &rec, &err), 0);
	CU_ASSERT_EQUAL(rec.connect, 0);
	CU_ASSERT_EQUAL(rec.ended, CS_CUCM_CLEARED);
	/* 102, recovery on timer expiry: the hunt pilot gave up */
	CU_ASSERT_EQUAL(parse(r, "1,1,1003,1,1741082400,\"0639980103\",0,2,"
	    "\"3200\",\"3200\",102,0,1741082520,\"\",\"x\",0,\"\",\"\",0,"
	    "\"3200\",1,120", &rec, &err), 0);
	CU_ASSERT_EQUAL(rec.ended, CS_CUCM_NO_ANSWER);
	/* 17 user busy */
	CU_ASSERT_EQUAL(parse(r, "1,1,1004,1,1741084200,\"0639980104\",0,2,"
	    "\"0199002205\",\"2205\",17,0,1741084203,\"\",\"x\",0,\"\",\"\",0,"
	    "\"\",0,0", &rec, &err), 0);
	CU_ASSERT_EQUAL(rec.ended, CS_CUCM_BUSY);
	CU_ASSERT_STRING_EQUAL(rec.f[CS_CUCM_HUNT_PILOT], "");
	/* 34 no circuit: failed */
	CU_ASSERT_EQUAL(parse(r, "1,1,1010,1,1741084200,\"0639980104\",0,2,"
	    "\"3500\",\"\",34,0,1741084200,\"\",\"x\",0,\"\",\"\",0,"
	    "\"3500\",0,0", &rec, &err), 0);
	CU_ASSERT_EQUAL(rec.ended, CS_CUCM_FAILED);
	/* forwarded on no answer (2) from 2101 to the voicemail's 8500 */
	CU_ASSERT_EQUAL(parse(r, "1,1,1005,1,1741093200,\"0639980105\",16,2,"
	    "\"0199002101\",\"8500\",0,1741093225,1741093285,\"2101\",\"x\",60,"
	    "\"\",\"CiscoUM1-VI1\",2,\"\",0,0", &rec, &err), 0);
	CU_ASSERT_STRING_EQUAL(rec.f[CS_CUCM_LAST_REDIRECT], "2101");
	CU_ASSERT_STRING_EQUAL(rec.f[CS_CUCM_REDIRECT_REASON], "2");
	/* a CMR and a start record: no call */
	CU_ASSERT_EQUAL(parse(r, "2,1,1005,1,1741093285,\"0639980105\",0,0,\"\","
	    "\"\",0,0,0,\"\",\"x\",0,\"\",\"\",0,\"\",0,0", &rec, &err), 1);
	CU_ASSERT_EQUAL(parse(r, "0,1,1005,1,1741093285,\"0639980105\",0,0,\"\","
	    "\"\",0,0,0,\"\",\"x\",0,\"\",\"\",0,\"\",0,0", &rec, &err), 1);
	/* Cisco's abandoned example 1: 2001 off hook then on hook (the
	   guide gives no times: 15:00 local) */
	CU_ASSERT_EQUAL(parse(r, "1,1,1,100,1741096800,\"2001\",16,0,\"\",\"\","
	    "0,0,1741096802,\"\",\"x\",0,\"\",\"\",0,\"\",0,0", &rec, &err), 0);
	CU_ASSERT_STRING_EQUAL(rec.call_id, "1-1");
	CU_ASSERT_STRING_EQUAL(rec.f[CS_CUCM_FINAL_CALLED], "");
	CU_ASSERT_EQUAL(rec.ended, CS_CUCM_CLEARED);
	cs_cucm_close(r);
}

/* paStash's 12.5 row: its 30 columns, the rest lost with the excerpt. */
static void
test_cucm_pastash(void)
{
	struct cs_cucm_record rec;
	struct cs_error err;
	struct cs_cucm_reader *r = cs_cucm_open(&err);
	char line[1024];

	CU_ASSERT_EQUAL(parse(r, NAMES8 ",\"callingPartyNumber\","
	    "\"dateTimeConnect\",\"dateTimeDisconnect\"", &rec, &err), 1);
	/* 1593547211 = 2020-06-30 20:00:11Z; origIpAddr is read as text */
	snprintf(line, sizeof(line), "1,2,28377,36951964,1593547211,2,36951964,"
	    "152200202,\"+49123456789\",0,1593547291");
	CU_ASSERT_EQUAL(parse(r, line, &rec, &err), 0);
	CU_ASSERT_STRING_EQUAL(rec.call_id, "2-28377");
	CU_ASSERT_EQUAL(rec.start, 1593547211);
	CU_ASSERT_EQUAL(rec.connect, 0);
	/* no cause columns: 0, normal clearing: the caller hung up */
	CU_ASSERT_EQUAL(rec.ended, CS_CUCM_CLEARED);
	CU_ASSERT(!rec.has_pilot);
	/* the row as the excerpt left it: dateTimeConnect empty */
	CU_ASSERT_EQUAL(parse(r, "1,2,28377,36951964,1593547211,2,36951964,"
	    "152200202,\"+49123456789\",,", &rec, &err), -1);
	CU_ASSERT_STRING_EQUAL(err.msg, "field 10 (dateTimeConnect) '' is not "
	    "a time (epoch seconds, 0 for never)");
	CU_ASSERT_EQUAL(err.column, 10);
	cs_cucm_close(r);
}

static void
test_cucm_bad(void)
{
	struct cs_cucm_record rec;
	struct cs_error err;
	struct cs_cucm_reader *r = cs_cucm_open(&err);

	/* a row before any header */
	CU_ASSERT_EQUAL(parse(r, "1,1,2,3", &rec, &err), -1);
	CU_ASSERT_PTR_NOT_NULL(strstr(err.msg, "a row before the header"));
	cs_cucm_close(r);
	r = reader_with_header(&rec, &err);
	CU_ASSERT_EQUAL(parse(r, "1,1,1001,16777301,1741075200", &rec, &err), -1);
	CU_ASSERT_STRING_EQUAL(err.msg, "expected 22 fields, found 5");
	CU_ASSERT_EQUAL(parse(r, "7,1,1,1,1741075200,\"\",0,0,\"\",\"\",0,0,"
	    "1741075200,\"\",\"x\",0,\"\",\"\",0,\"\",0,0", &rec, &err), -1);
	CU_ASSERT_STRING_EQUAL(err.msg, "field 1 (cdrRecordType) '7' is not 0, "
	    "1 or 2");
	/* disconnect before origination */
	CU_ASSERT_EQUAL(parse(r, "1,1,1,1,1741075200,\"\",0,0,\"\",\"\",0,0,"
	    "1741075100,\"\",\"x\",0,\"\",\"\",0,\"\",0,0", &rec, &err), -1);
	CU_ASSERT_STRING_EQUAL(err.msg, "field 13 (dateTimeDisconnect) "
	    "'1741075100' is before dateTimeOrigination");
	/* connect after disconnect */
	CU_ASSERT_EQUAL(parse(r, "1,1,1,1,1741075200,\"\",0,0,\"\",\"\",0,"
	    "1741075300,1741075250,\"\",\"x\",0,\"\",\"\",0,\"\",0,0", &rec,
	    &err), -1);
	CU_ASSERT_EQUAL(err.column, 12);
	/* origination 0 is no time */
	CU_ASSERT_EQUAL(parse(r, "1,1,1,1,0,\"\",0,0,\"\",\"\",0,0,5,\"\",\"x\",0,"
	    "\"\",\"\",0,\"\",0,0", &rec, &err), -1);
	CU_ASSERT_STRING_EQUAL(err.msg, "field 5 (dateTimeOrigination) '0' is "
	    "not a time (epoch seconds)");
	/* an unterminated quote, a misplaced one, a bad cause */
	CU_ASSERT_EQUAL(parse(r, "1,1,1,1,1741075200,\"0639", &rec, &err), -1);
	CU_ASSERT_PTR_NOT_NULL(strstr(err.msg, "unterminated quoted field 6"));
	CU_ASSERT_EQUAL(parse(r, "1,1,1,1,1741075200,\"06\"39\"", &rec, &err), -1);
	CU_ASSERT_PTR_NOT_NULL(strstr(err.msg, "misplaced quote in field 6"));
	CU_ASSERT_EQUAL(parse(r, "1,1,1,1,1741075200,\"\",x,0,\"\",\"\",0,0,"
	    "1741075200,\"\",\"x\",0,\"\",\"\",0,\"\",0,0", &rec, &err), -1);
	CU_ASSERT_STRING_EQUAL(err.msg, "field 7 (origCause_value) 'x' is not "
	    "a cause code");
	/* binary garbage */
	CU_ASSERT_EQUAL(parse(r, "1,\001\377", &rec, &err), -1);
	CU_ASSERT_PTR_NOT_NULL(strstr(err.msg, "binary data"));
	/* a quote doubled inside a string, Latin-1 read as such */
	CU_ASSERT_EQUAL(parse(r, "1,1,9,1,1741075200,\"a\"\"b\xe9\",0,0,\"\",\"\","
	    "0,0,1741075200,\"\",\"x\",0,\"\",\"\",0,\"\",0,0", &rec, &err), 0);
	CU_ASSERT_STRING_EQUAL(rec.f[CS_CUCM_CALLING], "a\"b\xc3\xa9");
	cs_cucm_close(r);
	/* a CMR file's header: its CMRs are no calls, a CDR under it is
	   refused */
	r = cs_cucm_open(&err);
	CU_ASSERT_EQUAL(parse(r, "\"cdrRecordType\",\"globalCallID_callManagerId\","
	    "\"globalCallID_callId\",\"nodeId\"", &rec, &err), 1);
	CU_ASSERT_EQUAL(parse(r, "2,1,48553,1", &rec, &err), 1);
	CU_ASSERT_EQUAL(parse(r, "1,1,48553,1", &rec, &err), -1);
	CU_ASSERT_STRING_EQUAL(err.msg, "the header has no column "
	    "dateTimeOrigination: is it a CDR file?");
	cs_cucm_close(r);
}

/* Names in any case, in any order, among columns of later releases. */
static void
test_cucm_names(void)
{
	struct cs_cucm_record rec;
	struct cs_error err;
	struct cs_cucm_reader *r = cs_cucm_open(&err);

	CU_ASSERT_EQUAL(parse(r, "\"Huntpilotdn\",\"newColumn\","
	    "\"CDRRECORDTYPE\",\"datetimedisconnect\",\"Globalcallid_Callid\","
	    "\"globalcallid_callmanagerid\",\"dateTimeOrigination\","
	    "\"dateTimeConnect\",\"callingPartyNumber\"", &rec, &err), 1);
	CU_ASSERT_EQUAL(parse(r, "\"3100\",\"z\",1,1741075300,77,3,1741075200,"
	    "0,\"0639980101\"", &rec, &err), 0);
	CU_ASSERT_STRING_EQUAL(rec.call_id, "3-77");
	CU_ASSERT_STRING_EQUAL(rec.f[CS_CUCM_HUNT_PILOT], "3100");
	CU_ASSERT_EQUAL(rec.end, 1741075300);
	CU_ASSERT_STRING_EQUAL(rec.f[CS_CUCM_FINAL_CALLED], "");
	cs_cucm_close(r);
}

static void
test_cucm_detect(void)
{
	const char *cmr = "\"cdrRecordType\",\"globalCallID_callManagerId\","
	    "\"globalCallID_callId\",\"nodeId\"\nINTEGER,INTEGER,INTEGER,"
	    "INTEGER\n";
	char buf[4096];

	CU_ASSERT_EQUAL(cs_cucm_header_row(HEAD, strlen(HEAD)), 1);
	CU_ASSERT_EQUAL(cs_cucm_header_row(TYPES, strlen(TYPES)), 2);
	CU_ASSERT_EQUAL(cs_cucm_header_row("1,1,2", 5), 0);
	/* the two header rows alone say it */
	CU_ASSERT_PTR_EQUAL(cs_format_detect(cmr, strlen(cmr)),
	    &cs_format_cucm_cdr);
	/* a data row of many columns after a damaged start */
	snprintf(buf, sizeof(buf), "garbage\n1,1,1001,16777301,1741075200,"
	    "\"0639980101\",16,16777302,\"3100\",\"2101\",0,1741075220,"
	    "1741075400,\"3100\",\"x\",180,\"\",\"\",0,\"3100\",1,20\n");
	CU_ASSERT_PTR_EQUAL(cs_format_detect(buf, strlen(buf)),
	    &cs_format_cucm_cdr);
	/* a short line of numbers is not one */
	CU_ASSERT_PTR_NULL(cs_format_detect("1,1,1001\n", 9));
	CU_ASSERT_PTR_EQUAL(cs_format_find("cucm-cdr"), &cs_format_cucm_cdr);
	/* its rows are generic-csv's, which maps them */
	CU_ASSERT_PTR_EQUAL(cs_format_cucm_cdr.table,
	    &cs_table_generic_csv);
}

static CU_TestInfo tests[] = {
	{ "cucm_rows", test_cucm_rows },
	{ "cucm_pastash", test_cucm_pastash },
	{ "cucm_bad", test_cucm_bad },
	{ "cucm_names", test_cucm_names },
	{ "cucm_detect", test_cucm_detect },
	CU_TEST_INFO_NULL
};

CS_UNIT_SUITE("cucm", tests)
