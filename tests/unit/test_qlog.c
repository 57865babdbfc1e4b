/*
 * test_qlog.c: the Asterisk queue_log reader's suite: every sample line,
 * its fields, the lines it skips and the bad ones.  Every expected value
 * was read by hand from the sample lines in tests/data/samples, every
 * instant worked out by hand from the calendar (2025-01-01 is day 20089
 * since the epoch, 86400 s a day).
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "readers/readers.h"
#include "samples.h"
#include "timeutil.h"
#include "unit.h"

#define QLOG_DIR "tests/data/samples/asterisk_queue_log/"
#define T_0900Z	1741078800	/* 2025-03-04 09:00Z: 20151 * 86400 + 9 * 3600 */

/* ---- Asterisk queue_log ---- */

static struct cs_qlog_reader qr;
static struct cs_qlog_record qx;
static struct cs_error qerr;

static int
qlog(const char *line)
{
	memset(&qerr, 0, sizeof(qerr));
	return cs_qlog_parse(&qr, line, strlen(line), &qx, &qerr);
}

static void
qlog_open(int utc)
{
	struct cs_error err;

	CU_ASSERT_EQUAL_FATAL(cs_qlog_reader_init(&qr, utc, &err), 0);
}

static void
qlog_data(const char *d0, const char *d1, const char *d2, const char *d3,
    const char *d4, int ndata)
{
	ASSERT_STR(qx.data[0], d0);
	ASSERT_STR(qx.data[1], d1);
	ASSERT_STR(qx.data[2], d2);
	ASSERT_STR(qx.data[3], d3);
	ASSERT_STR(qx.data[4], d4);
	CU_ASSERT_EQUAL(qx.ndata, ndata);
}

/* Every line of a sample: counts of records and skipped lines. */
static void
qlog_file(const char *rel, int utc, int records, int skipped)
{
	struct cs_unit_lines l;
	int n[3] = { 0, 0, 0 };

	CU_ASSERT_EQUAL_FATAL(cs_unit_lines_read(&l, rel), 0);
	qlog_open(utc);
	for (size_t i = 0; i < l.n; i++) {
		int rc = cs_qlog_parse(&qr, l.s[i], l.len[i], &qx, &qerr);

		CU_ASSERT(rc >= -1 && rc <= 1);
		if (rc >= -1 && rc <= 1)
			n[rc + 1]++;
	}
	CU_ASSERT_EQUAL(n[0], 0);	/* rejected */
	CU_ASSERT_EQUAL(n[1], records);
	CU_ASSERT_EQUAL(n[2], skipped);
	cs_qlog_reader_release(&qr);
	cs_unit_lines_free(&l);
}

static void
test_qlog_samples_all(void)
{
	cs_unit_paris();
	for (int utc = 0; utc <= 1; utc++) {
		qlog_file(QLOG_DIR "asterisk_docs_example.queue_log", utc, 1,
		    0);
		qlog_file(QLOG_DIR
		    "book_3rd_ed_2010_systemname_rejoined.queue_log", utc, 11,
		    0);
		qlog_file(QLOG_DIR "freepbx_2010_asterisk14_format.queue_log",
		    utc, 7, 0);
		qlog_file(QLOG_DIR "readme_2020_abandon.queue_log", utc, 10,
		    0);
		/* 3 comment lines, 8 blank lines, 8 headers, 8 rules, and
		 * 1 + 4 + 1 + 2 + 1 + 1 + 1 + 1 rows. */
		qlog_file(QLOG_DIR
		    "wazo_realtime_queue_log_table_data1-5.txt", utc, 12, 27);
	}
}

static void
test_qlog_sample_lines(void)
{
	struct cs_unit_lines l;

	qlog_open(1);
	CU_ASSERT_EQUAL_FATAL(cs_unit_lines_read(&l, QLOG_DIR
	    "asterisk_docs_example.queue_log"), 0);
	CU_ASSERT_EQUAL(cs_qlog_parse(&qr, l.s[0], l.len[0], &qx, &qerr), 0);
	CU_ASSERT_EQUAL(qx.time, 1366720340);
	ASSERT_STR(qx.callid, "1366720340.303267");
	ASSERT_STR(qx.queue, "MYQUEUE");
	ASSERT_STR(qx.agent, "SIP/8007");
	ASSERT_STR(qx.event, "RINGNOANSWER");
	qlog_data("1000", "", "", "", "", 1);
	cs_unit_lines_free(&l);

	CU_ASSERT_EQUAL_FATAL(cs_unit_lines_read(&l, QLOG_DIR
	    "book_3rd_ed_2010_systemname_rejoined.queue_log"), 0);
	CU_ASSERT_EQUAL(cs_qlog_parse(&qr, l.s[0], l.len[0], &qx, &qerr), 0);
	CU_ASSERT_EQUAL(qx.time, 1292281046);
	ASSERT_STR(qx.callid, "psy1-1292281041.87");
	ASSERT_STR(qx.queue, "7100");
	ASSERT_STR(qx.agent, "NONE");
	ASSERT_STR(qx.event, "ENTERQUEUE");
	qlog_data("", "4165551212", "1", "", "", 3);
	CU_ASSERT_EQUAL(cs_qlog_parse(&qr, l.s[2], l.len[2], &qx, &qerr), 0);
	ASSERT_STR(qx.agent, "Local/9990@MemberConnector");
	ASSERT_STR(qx.event, "CONNECT");
	qlog_data("2", "psy1-1292281046.90", "0", "", "", 3);
	CU_ASSERT_EQUAL(cs_qlog_parse(&qr, l.s[3], l.len[3], &qx, &qerr), 0);
	qlog_data("2", "3073", "1", "", "", 3);
	/* An event with no data ends with '|'. */
	CU_ASSERT_EQUAL(cs_qlog_parse(&qr, l.s[4], l.len[4], &qx, &qerr), 0);
	ASSERT_STR(qx.callid, "MANAGER");
	ASSERT_STR(qx.event, "REMOVEMEMBER");
	qlog_data("", "", "", "", "", 0);
	cs_unit_lines_free(&l);

	/* Asterisk 1.4: CONNECT with two data fields; a stray blank. */
	CU_ASSERT_EQUAL_FATAL(cs_unit_lines_read(&l, QLOG_DIR
	    "freepbx_2010_asterisk14_format.queue_log"), 0);
	CU_ASSERT_EQUAL(cs_qlog_parse(&qr, l.s[1], l.len[1], &qx, &qerr), 0);
	ASSERT_STR(qx.event, "CONNECT");
	ASSERT_STR(qx.agent, "Local/2004@from-internal/n");
	qlog_data("36", "1266834033.87", "", "", "", 2);
	CU_ASSERT_EQUAL(cs_qlog_parse(&qr, l.s[6], l.len[6], &qx, &qerr), 0);
	CU_ASSERT_EQUAL(qx.time, 1266833407);
	ASSERT_STR(qx.callid, "NONE");
	ASSERT_STR(qx.event, "CONFIGRELOAD");
	qlog_data("", "", "", "", "", 0);
	cs_unit_lines_free(&l);

	CU_ASSERT_EQUAL_FATAL(cs_unit_lines_read(&l, QLOG_DIR
	    "readme_2020_abandon.queue_log"), 0);
	CU_ASSERT_EQUAL(cs_qlog_parse(&qr, l.s[7], l.len[7], &qx, &qerr), 0);
	CU_ASSERT_EQUAL(qx.time, 1596513009);
	ASSERT_STR(qx.callid, "1596512941.163");
	ASSERT_STR(qx.queue, "support");
	ASSERT_STR(qx.event, "ABANDON");
	qlog_data("1", "1", "68", "", "", 3);
	CU_ASSERT_EQUAL(cs_qlog_parse(&qr, l.s[5], l.len[5], &qx, &qerr), 0);
	ASSERT_STR(qx.callid, "CLI");
	ASSERT_STR(qx.agent, "SIP/0004f2040001");
	ASSERT_STR(qx.event, "ADDMEMBER");
	cs_unit_lines_free(&l);
	cs_qlog_reader_release(&qr);
}

static void
test_qlog_table_dump(void)
{
	struct cs_unit_lines l;

	CU_ASSERT_EQUAL_FATAL(cs_unit_lines_read(&l, QLOG_DIR
	    "wazo_realtime_queue_log_table_data1-5.txt"), 0);
	CU_ASSERT_EQUAL_FATAL(l.n, 39);

	cs_unit_paris();
	qlog_open(0);
	/* The comment, the blank line, the header, the rule. */
	CU_ASSERT_EQUAL(cs_qlog_parse(&qr, l.s[0], l.len[0], &qx, &qerr), 1);
	CU_ASSERT_EQUAL(cs_qlog_parse(&qr, l.s[3], l.len[3], &qx, &qerr), 1);
	CU_ASSERT_EQUAL(cs_qlog_parse(&qr, l.s[4], l.len[4], &qx, &qerr), 1);
	CU_ASSERT_EQUAL(cs_qlog_parse(&qr, l.s[5], l.len[5], &qx, &qerr), 1);
	/* 2012-07-03 15:27:23 CEST is 13:27:23Z: day 15340 + 184 = 15524,
	 * 48443 s; the microseconds are dropped. */
	CU_ASSERT_EQUAL(cs_qlog_parse(&qr, l.s[6], l.len[6], &qx, &qerr), 0);
	CU_ASSERT_EQUAL(qx.time, 1341322043);
	ASSERT_STR(qx.callid, "1341343640.4");
	ASSERT_STR(qx.queue, "NONE");
	ASSERT_STR(qx.agent, "Agent/3001");
	ASSERT_STR(qx.event, "AGENTCALLBACKLOGIN");
	qlog_data("1002@pcm-dev", "", "", "", "", 1);
	/* Unknown events are records, whatever their data. */
	CU_ASSERT_EQUAL(cs_qlog_parse(&qr, l.s[13], l.len[13], &qx, &qerr),
	    0);
	ASSERT_STR(qx.event, "AGENTCALLBACKLOGOFF");
	qlog_data("1002@pcm-dev", "43", "CommandLogoff", "", "", 3);
	/* ENTERQUEUE: url empty, callerid, origpos. */
	CU_ASSERT_EQUAL(cs_qlog_parse(&qr, l.s[22], l.len[22], &qx, &qerr),
	    0);
	ASSERT_STR(qx.event, "ENTERQUEUE");
	qlog_data("", "1000", "1", "", "", 3);
	CU_ASSERT_EQUAL(cs_qlog_parse(&qr, l.s[21], l.len[21], &qx, &qerr),
	    0);
	ASSERT_STR(qx.event, "CONNECT");
	qlog_data("2", "1341401601.27", "1", "", "", 3);
	/* The last block is indented one more column. */
	CU_ASSERT_EQUAL(cs_qlog_parse(&qr, l.s[36], l.len[36], &qx, &qerr),
	    1);
	CU_ASSERT_EQUAL(cs_qlog_parse(&qr, l.s[37], l.len[37], &qx, &qerr),
	    1);
	CU_ASSERT_EQUAL(cs_qlog_parse(&qr, l.s[38], l.len[38], &qx, &qerr),
	    0);
	ASSERT_STR(qx.event, "ABANDON");
	qlog_data("1", "1", "6", "", "", 3);
	/* 2012-07-04 07:49:52 CEST = 05:49:52Z, day 15525. */
	CU_ASSERT_EQUAL(qx.time, 1341380992);
	cs_qlog_reader_release(&qr);

	/* Exported with queue_log_realtime_use_gmt: 15:27:23Z. */
	qlog_open(1);
	CU_ASSERT_EQUAL(cs_qlog_parse(&qr, l.s[6], l.len[6], &qx, &qerr), 0);
	CU_ASSERT_EQUAL(qx.time, 1341329243);
	cs_qlog_reader_release(&qr);
	cs_unit_lines_free(&l);
}

static void
test_qlog_fields(void)
{
	qlog_open(1);
	/* ATTENDEDTRANSFER LINK has six data fields: the rest in data[4]. */
	CU_ASSERT_EQUAL(qlog("1741078862|1741078800.12|etat-civil|PJSIP/201|"
	    "ATTENDEDTRANSFER|LINK|PJSIP/201-00000001|PJSIP/202-00000002|5|"
	    "120|1"), 0);
	CU_ASSERT_EQUAL(qx.time, T_0900Z + 62);
	ASSERT_STR(qx.queue, "etat-civil");
	ASSERT_STR(qx.event, "ATTENDEDTRANSFER");
	qlog_data("LINK", "PJSIP/201-00000001", "PJSIP/202-00000002", "5",
	    "120|1", 6);
	CU_ASSERT_EQUAL(qlog("1741078862|x|q|a|CUSTOM|1|2|3|4|5|6|7|8"), 0);
	qlog_data("1", "2", "3", "4", "5|6|7|8", 8);
	/* Exactly five, and BRIDGE with its five. */
	CU_ASSERT_EQUAL(qlog("1741078862|x|q|a|ATTENDEDTRANSFER|BRIDGE|"
	    "f00d-beef|5|120|1"), 0);
	qlog_data("BRIDGE", "f00d-beef", "5", "120", "1", 5);
	/* Old layouts: ENTERQUEUE of 1.4, EXITWITHKEY of 1.4, TRANSFER. */
	CU_ASSERT_EQUAL(qlog("1741078862|x|q|NONE|ENTERQUEUE||0139000100"), 0);
	qlog_data("", "0139000100", "", "", "", 2);
	CU_ASSERT_EQUAL(qlog("1741078862|x|q|NONE|EXITWITHKEY|5|2"), 0);
	qlog_data("5", "2", "", "", "", 2);
	CU_ASSERT_EQUAL(qlog("1741078862|x|q|SIP/1|TRANSFER|200|from-internal|"
	    "12|30"), 0);
	qlog_data("200", "from-internal", "12", "30", "", 4);
	CU_ASSERT_EQUAL(qlog("1741078862|x|q|SIP/1|BLINDTRANSFER|200|"
	    "from-internal|12|30|2"), 0);
	qlog_data("200", "from-internal", "12", "30", "2", 5);
	/* No '|' after an event without data. */
	CU_ASSERT_EQUAL(qlog("1741078862|NONE|NONE|NONE|QUEUESTART"), 0);
	ASSERT_STR(qx.event, "QUEUESTART");
	qlog_data("", "", "", "", "", 0);
	/* Blanks around fields go, blanks inside stay; an empty field in
	 * the middle is kept. */
	CU_ASSERT_EQUAL(qlog(" 1741078862 | x | q | Jean Dupont |PAUSE| "
	    "pause repas ||x"), 0);
	ASSERT_STR(qx.agent, "Jean Dupont");
	qlog_data("pause repas", "", "x", "", "", 3);
	/* Latin-1 in a member name. */
	CU_ASSERT_EQUAL(qlog("1741078862|NONE|q|H\xe9l\xe8ne|ADDMEMBER|"), 0);
	ASSERT_STR(qx.agent, "H\xc3\xa9l\xc3\xa8ne");
	/* A negative hold time (the clock set back) is a number. */
	CU_ASSERT_EQUAL(qlog("1741078862|x|q|a|CONNECT|-1|y|0"), 0);
	qlog_data("-1", "y", "0", "", "", 3);
	cs_qlog_reader_release(&qr);
}

static void
test_qlog_skip(void)
{
	qlog_open(1);
	CU_ASSERT_EQUAL(qlog(""), 1);
	CU_ASSERT_EQUAL(qlog("   \t "), 1);
	CU_ASSERT_EQUAL(qlog("# comment"), 1);
	CU_ASSERT_EQUAL(qlog("   # indented comment|with|bars|and|more|"), 1);
	CU_ASSERT_EQUAL(qlog("time|callid|queuename|agent|event|data"), 1);
	CU_ASSERT_EQUAL(qlog("   time   |  callid  | queuename | agent | "
	    "event | data1"), 1);
	CU_ASSERT_EQUAL(qlog("------+------+---"), 1);
	CU_ASSERT_EQUAL(qlog("   ---------------------------+----------"), 1);
	CU_ASSERT_EQUAL(qlog("(12 rows)"), 1);
	CU_ASSERT_EQUAL(qlog("(1 row)"), 1);
	/* Lines that only look alike are not skipped. */
	CU_ASSERT_EQUAL(qlog("timestamp|callid|queuename|agent|event|"), -1);
	CU_ASSERT_EQUAL(qlog("+++"), -1);
	CU_ASSERT_EQUAL(qlog("(rows)"), -1);
	cs_qlog_reader_release(&qr);
}

static void
test_qlog_bad_lines(void)
{
	static const char nul[] = "1741078862|x|q\0|a|CONNECT|1|y|0";

	qlog_open(1);
	CU_ASSERT_EQUAL(qlog("1596191926|NONE"), -1);
	CU_ASSERT_STRING_EQUAL(qerr.msg, "expected at least 5 '|'-separated "
	    "fields, found 2");
	CU_ASSERT_EQUAL(qlog("1596191926|NONE|NONE|NONE"), -1);
	CU_ASSERT_STRING_EQUAL(qerr.msg, "expected at least 5 '|'-separated "
	    "fields, found 4");
	/* Numbers checked for known events. */
	CU_ASSERT_EQUAL(qlog("1596513009|1596512941.163|support|NONE|ABANDON|"
	    "1|one|68"), -1);
	CU_ASSERT_STRING_EQUAL(qerr.msg, "ABANDON origpos (data field 2) is "
	    "not a number: 'one'");
	CU_ASSERT_EQUAL(qlog("1596513009|1596512941.163|support|NONE|ABANDON|"
	    "1||68"), -1);
	CU_ASSERT_STRING_EQUAL(qerr.msg, "ABANDON origpos (data field 2) is "
	    "not a number: ''");
	CU_ASSERT_EQUAL(qlog("1366720340|1366720340.3|Q|SIP/8007|RINGNOANSWER|"
	    "1000ms"), -1);
	CU_ASSERT(cs_unit_starts(qerr.msg, "RINGNOANSWER ringtime"));
	CU_ASSERT_EQUAL(qlog("1366720340|1366720340.3|Q|SIP/8007|CONNECT|"
	    "2|psy1-1292281046.90|zero"), -1);
	CU_ASSERT(cs_unit_starts(qerr.msg, "CONNECT ringtime"));
	CU_ASSERT_EQUAL(qlog("1366720340|1366720340.3|Q|SIP/8007|CONNECT|"
	    "2.5|psy1-1292281046.90|0"), -1);
	CU_ASSERT(cs_unit_starts(qerr.msg, "CONNECT holdtime"));
	CU_ASSERT_EQUAL(qlog("1596191926|x|Q|NONE|ENTERQUEUE||0139000100|first"), -1);
	CU_ASSERT(cs_unit_starts(qerr.msg, "ENTERQUEUE origpos"));
	CU_ASSERT_EQUAL(qlog("1596191926|x|Q|a|COMPLETEAGENT|2|12s|1"), -1);
	CU_ASSERT(cs_unit_starts(qerr.msg, "COMPLETEAGENT calltime"));
	CU_ASSERT_EQUAL(qlog("1596191926|x|Q|a|EXITWITHKEY|5|2|1|x"), -1);
	CU_ASSERT(cs_unit_starts(qerr.msg, "EXITWITHKEY waittime"));
	CU_ASSERT_EQUAL(qlog("1596191926|x|Q|a|BLINDTRANSFER|200|ctx|12|30|1|2"), -1);
	CU_ASSERT(cs_unit_starts(qerr.msg, "BLINDTRANSFER origpos"));
	/* Events and times. */
	CU_ASSERT_EQUAL(qlog("1596191926|NONE|NONE|NONE||"), -1);
	CU_ASSERT_STRING_EQUAL(qerr.msg, "event is empty");
	CU_ASSERT_EQUAL(qlog("1596191926|NONE|NONE|NONE|queuestart|"), -1);
	CU_ASSERT(cs_unit_starts(qerr.msg, "event is not a name"));
	CU_ASSERT_EQUAL(qlog("yesterday|NONE|NONE|NONE|QUEUESTART|"), -1);
	CU_ASSERT_STRING_EQUAL(qerr.msg, "time is neither epoch seconds nor "
	    "YYYY-MM-DD HH:MM:SS: 'yesterday'");
	CU_ASSERT_EQUAL(qlog("2025-02-30 10:00:00|NONE|NONE|NONE|FULL|"), -1);
	CU_ASSERT(cs_unit_starts(qerr.msg, "time is neither"));
	/* Out of range: past INT64_MAX, at it, and the bounds (1990-01-01
	 * 00:00:00 UTC is 7305 days of 86400 s after the epoch, 2100-01-01
	 * 47482 days). */
	CU_ASSERT_EQUAL(qlog("99999999999999999999|NONE|NONE|NONE|FULL|"),
	    -1);
	CU_ASSERT_STRING_EQUAL(qerr.msg, "time is out of range: "
	    "'99999999999999999999' (1990-01-01 to 2099-12-31 are read); check "
	    "the PBX's clock, then remove the line or correct it");
	CU_ASSERT_EQUAL(qlog("9223372036854775807|x|Q|NONE|ENTERQUEUE||"
	    "0639980001|1"), -1);
	CU_ASSERT(cs_unit_starts(qerr.msg, "time is out of range: "
	    "'9223372036854775807'"));
	CU_ASSERT_EQUAL(qlog("1|x|Q|NONE|ENTERQUEUE||0639980001|1"), -1);
	CU_ASSERT(cs_unit_starts(qerr.msg, "time is out of range: '1'"));
	CU_ASSERT_EQUAL(qlog("631151999|NONE|NONE|NONE|FULL|"), -1);
	CU_ASSERT(cs_unit_starts(qerr.msg, "time is out of range"));
	CU_ASSERT_EQUAL(qlog("631152000|NONE|NONE|NONE|FULL|"), 0);
	CU_ASSERT_EQUAL(qx.time, 7305 * INT64_C(86400));
	CU_ASSERT_EQUAL(qlog("4102444799|NONE|NONE|NONE|FULL|"), 0);
	CU_ASSERT_EQUAL(qx.time, 47482 * INT64_C(86400) - 1);
	CU_ASSERT_EQUAL(qlog("4102444800|NONE|NONE|NONE|FULL|"), -1);
	CU_ASSERT(cs_unit_starts(qerr.msg, "time is out of range"));
	CU_ASSERT_EQUAL(qlog("0000-01-01 00:00:00|NONE|NONE|NONE|FULL|"), -1);
	CU_ASSERT(cs_unit_starts(qerr.msg, "time is out of range: "
	    "'0000-01-01 00:00:00'"));
	CU_ASSERT_EQUAL(qlog("9999-12-31 23:59:59|NONE|NONE|NONE|FULL|"), -1);
	CU_ASSERT(cs_unit_starts(qerr.msg, "time is out of range"));
	CU_ASSERT_EQUAL(qlog("1989-12-31 23:59:59|NONE|NONE|NONE|FULL|"), -1);
	CU_ASSERT(cs_unit_starts(qerr.msg, "time is out of range"));
	CU_ASSERT_EQUAL(qlog("2099-12-31 23:59:59|NONE|NONE|NONE|FULL|"), 0);
	CU_ASSERT_EQUAL(qx.time, 47482 * INT64_C(86400) - 1);
	/* Numbers of the data: 7 days of seconds (604800) at most. */
	CU_ASSERT_EQUAL(qlog("1596191926|x|Q|a|COMPLETEAGENT|2|604800|1"), 0);
	CU_ASSERT_EQUAL(qlog("1596191926|x|Q|a|COMPLETEAGENT|2|604801|1"), -1);
	CU_ASSERT_STRING_EQUAL(qerr.msg, "COMPLETEAGENT calltime (data field "
	    "2) is out of range: '604801' (at most 604800, 7 days of "
	    "seconds); remove the line or correct it");
	CU_ASSERT_EQUAL(qlog("1596191926|x|Q|a|ABANDON|1|1|"
	    "-9223372036854775808"), -1);
	CU_ASSERT(cs_unit_starts(qerr.msg, "ABANDON waittime (data field 3) is out "
	    "of range"));
	CU_ASSERT_EQUAL(qlog("1596191926|x|Q|a|ABANDON|1|1|-604800"), 0);
	CU_ASSERT_EQUAL(qlog("d\xe9" "but|NONE|NONE|NONE|FULL|"), -1);
	CU_ASSERT_STRING_EQUAL(qerr.msg, "time is neither epoch seconds nor "
	    "YYYY-MM-DD HH:MM:SS: 'd\xc3\xa9" "but'");
	CU_ASSERT_EQUAL(qlog(" |NONE|NONE|NONE|FULL|"), -1);
	CU_ASSERT(cs_unit_starts(qerr.msg, "time is empty"));
	/* Binary garbage. */
	memset(&qerr, 0, sizeof(qerr));
	CU_ASSERT_EQUAL(cs_qlog_parse(&qr, nul, sizeof(nul) - 1, &qx, &qerr),
	    -1);
	CU_ASSERT_STRING_EQUAL(qerr.msg, "binary data in line (byte 0x00 at "
	    "column 15)");
	CU_ASSERT_EQUAL(qlog("1596191926|NONE|NONE|NONE|QUEUESTART|\r"), -1);
	CU_ASSERT(cs_unit_starts(qerr.msg, "binary data in line"));
	/* And the reader goes on. */
	CU_ASSERT_EQUAL(qlog("1596191926|NONE|NONE|NONE|QUEUESTART|"), 0);
	CU_ASSERT_EQUAL(qx.time, 1596191926);
	cs_qlog_reader_release(&qr);
	cs_qlog_reader_release(&qr);
}

static CU_TestInfo tests[] = {
	{ "qlog_samples_all", test_qlog_samples_all },
	{ "qlog_sample_lines", test_qlog_sample_lines },
	{ "qlog_table_dump", test_qlog_table_dump },
	{ "qlog_fields", test_qlog_fields },
	{ "qlog_skip", test_qlog_skip },
	{ "qlog_bad_lines", test_qlog_bad_lines },
	CU_TEST_INFO_NULL
};

CS_UNIT_SUITE("queue_log", tests)
