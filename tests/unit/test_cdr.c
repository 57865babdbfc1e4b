/*
 * test_cdr.c: the Asterisk cdr_csv reader's suite on the sample files:
 * what each sample line became, field by field, read as UTC and as Paris
 * time, and the records and rejected lines of every sample.  The reader on
 * lines made up to test one thing each is test_cdr_lines.c's; its fast
 * split against libcsv's, test_cdr_split.c's.  Every expected value was
 * read by hand from the sample lines in tests/data/samples, and every
 * instant worked out by hand from the calendar (2009-01-01T00:00Z is day
 * 14245 since the epoch, 2018-01-01 day 17532, 86400 s a day), never taken
 * from the code's output.
 */
#include <stdio.h>
#include <string.h>

#include "cdrfix.h"
#include "samples.h"
#include "unit.h"

#define CDR_DIR CS_UNIT_CDR_DIR

/* Parses every line of a sample: returns how many were records, and
 * counts the others in *rejected (the last message in err). */
static int
cdr_file(struct cs_cdr_reader *r, const char *rel, int *rejected,
    struct cs_error *err)
{
	struct cs_unit_lines l;
	struct cs_cdr_record rec;
	int ok = 0;

	*rejected = 0;
	CU_ASSERT_EQUAL_FATAL(cs_unit_lines_read(&l, rel), 0);
	for (size_t i = 0; i < l.n; i++) {
		if (cs_cdr_parse(r, l.s[i], l.len[i], &rec, err) == 0)
			ok++;
		else
			(*rejected)++;
	}
	cs_unit_lines_free(&l);
	return ok;
}

static void
test_cdr_sample_2009(void)
{
	struct cs_unit_lines l;

	CU_ASSERT_EQUAL_FATAL(cs_unit_lines_read(&l, CDR_DIR
	    "master_2009_systemname_prefix.csv"), 0);
	CU_ASSERT_EQUAL_FATAL(l.n, 1);

	cdr_open(1);
	CU_ASSERT_EQUAL(cs_cdr_parse(&cr, l.s[0], l.len[0], &cx, &cerr), 0);
	CU_ASSERT_EQUAL(cr.ncols, 18);
	ASSERT_STR(cx.f[CS_CDR_ACCOUNTCODE], "");
	ASSERT_STR(cx.f[CS_CDR_SRC], "3");
	ASSERT_STR(cx.f[CS_CDR_DST], "11");
	ASSERT_STR(cx.f[CS_CDR_DCONTEXT], "attendo");
	ASSERT_STR(cx.f[CS_CDR_CHANNEL], "lcr/439");
	ASSERT_STR(cx.f[CS_CDR_DSTCHANNEL], "IAX2/pbx-14597");
	ASSERT_STR(cx.f[CS_CDR_LASTAPP], "Read");
	ASSERT_STR(cx.f[CS_CDR_LASTDATA], "dtmf||20|noanswer||3");
	ASSERT_STR(cx.f[CS_CDR_START], "2009-04-23 15:16:52");
	ASSERT_STR(cx.f[CS_CDR_DISPOSITION], "ANSWERED");
	ASSERT_STR(cx.f[CS_CDR_AMAFLAGS], "DOCUMENTATION");
	ASSERT_STR(cx.f[CS_CDR_UNIQUEID],
	    "asterisk-1240499812.774");
	ASSERT_STR(cx.f[CS_CDR_USERFIELD], "102441/54");
	CU_ASSERT_PTR_NULL(cx.f[CS_CDR_PEERACCOUNT]);
	CU_ASSERT_PTR_NULL(cx.f[CS_CDR_LINKEDID]);
	CU_ASSERT_PTR_NULL(cx.f[CS_CDR_SEQUENCE]);
	CU_ASSERT_EQUAL(cx.sequence, -1);
	/* 2009-04-23 is day 14245 + 90 + 22 = 14357; 15:16:52 is 55012 s:
	 * 1240499812, the very epoch the uniqueid starts with. */
	CU_ASSERT_EQUAL(cx.start, 1240499812);
	CU_ASSERT_EQUAL(cx.answer, 1240499812);
	CU_ASSERT_EQUAL(cx.end, 1240499857);
	CU_ASSERT_EQUAL(cx.duration, 45);
	CU_ASSERT_EQUAL(cx.billsec, 45);
	CU_ASSERT_EQUAL(cx.ambiguous, 0);
	cs_cdr_reader_release(&cr);
	CU_ASSERT_PTR_NULL(cr.priv);

	/* Read as Paris time (CEST, UTC+2), two hours earlier. */
	cs_unit_paris();
	cdr_open(0);
	CU_ASSERT_EQUAL(cs_cdr_parse(&cr, l.s[0], l.len[0], &cx, &cerr), 0);
	CU_ASSERT_EQUAL(cx.start, 1240499812 - 7200);
	CU_ASSERT_EQUAL(cx.end, 1240499857 - 7200);
	CU_ASSERT_EQUAL(cx.ambiguous, 0);
	cs_cdr_reader_release(&cr);
	cs_unit_lines_free(&l);
}

static void
test_cdr_sample_2018_local_channels(void)
{
	struct cs_unit_lines l;
	int ok = 0;

	CU_ASSERT_EQUAL_FATAL(cs_unit_lines_read(&l, CDR_DIR
	    "master_2018_18col_local_channels.csv"), 0);
	CU_ASSERT_EQUAL_FATAL(l.n, 9);
	cdr_open(1);
	for (size_t i = 0; i < l.n; i++) {
		if (cs_cdr_parse(&cr, l.s[i], l.len[i], &cx, &cerr) != 0)
			continue;
		ok++;
		switch (i) {
		case 0:
			/* Doubled quotes inside clid. */
			ASSERT_STR(cx.f[CS_CDR_CLID],
			    "\"2889\" <2889>");
			ASSERT_STR(cx.f[CS_CDR_DSTCHANNEL],
			    "Local/09243820431@default-000005a6;1");
			ASSERT_STR(cx.f[CS_CDR_LASTDATA],
			    "Local/09243820431@default,30,t");
			/* 2018-09-07: day 17532 + 249 = 17781, 11:05:01. */
			CU_ASSERT_EQUAL(cx.start, 1536318301);
			CU_ASSERT_EQUAL(cx.answer, 1536318320);
			CU_ASSERT_EQUAL(cx.billsec, 0);
			ASSERT_STR(cx.f[CS_CDR_UNIQUEID],
			    "1536293101.12458");
			ASSERT_STR(cx.f[CS_CDR_USERFIELD], "");
			break;
		case 6:
			ASSERT_STR(cx.f[CS_CDR_ACCOUNTCODE],
			    "ast_h323");
			ASSERT_STR(cx.f[CS_CDR_CLID],
			    "\"\" <09083258557>");
			ASSERT_STR(cx.f[CS_CDR_LASTDATA],
			    "(Outgoing Line)");
			CU_ASSERT_EQUAL(cx.duration, 0);
			break;
		case 7:
			/* The empty, unquoted answer of a call not answered. */
			ASSERT_STR(cx.f[CS_CDR_ANSWER], "");
			CU_ASSERT_EQUAL(cx.answer, 0);
			ASSERT_STR(cx.f[CS_CDR_DISPOSITION],
			    "NO ANSWER");
			CU_ASSERT_EQUAL(cx.start, 1536318483);
			CU_ASSERT_EQUAL(cx.end, 1536318511);
			CU_ASSERT_EQUAL(cx.duration, 28);
			break;
		case 8:
			ASSERT_STR(cx.f[CS_CDR_CLID],
			    "\"1111 Krasnoperov S.\" <1111>");
			CU_ASSERT_EQUAL(cx.answer, 0);
			CU_ASSERT_EQUAL(cx.duration, 12);
			break;
		}
	}
	CU_ASSERT_EQUAL(ok, 9);
	cs_cdr_reader_release(&cr);

	/* The PBX wrote local time: in Paris (CEST) two hours earlier. */
	cs_unit_paris();
	cdr_open(0);
	CU_ASSERT_EQUAL(cs_cdr_parse(&cr, l.s[0], l.len[0], &cx, &cerr), 0);
	CU_ASSERT_EQUAL(cx.start, 1536318301 - 7200);
	cs_cdr_reader_release(&cr);
	cs_unit_lines_free(&l);
}

static void
test_cdr_sample_queue_and_dongle(void)
{
	struct cs_unit_lines l;

	CU_ASSERT_EQUAL_FATAL(cs_unit_lines_read(&l, CDR_DIR
	    "master_2018_queue_and_dongle_rejoined.csv"), 0);
	CU_ASSERT_EQUAL_FATAL(l.n, 2);
	cdr_open(1);
	/* The empty unquoted uniqueid is read as empty, not refused. */
	CU_ASSERT_EQUAL(cs_cdr_parse(&cr, l.s[0], l.len[0], &cx, &cerr), 0);
	CU_ASSERT_EQUAL(cr.ncols, 18);
	ASSERT_STR(cx.f[CS_CDR_UNIQUEID], "");
	ASSERT_STR(cx.f[CS_CDR_USERFIELD], "+380660640093");
	ASSERT_STR(cx.f[CS_CDR_LASTAPP], "Queue");
	ASSERT_STR(cx.f[CS_CDR_LASTDATA], "support-420");
	ASSERT_STR(cx.f[CS_CDR_DISPOSITION], "NO ANSWER");
	CU_ASSERT_EQUAL(cx.billsec, 15);
	CU_ASSERT_EQUAL(cx.answer, cx.start);
	/* 2018-06-30: day 17532 + 180 = 17712; 17:59:35 is 64775 s. */
	CU_ASSERT_EQUAL(cx.start, 1530381575);

	CU_ASSERT_EQUAL(cs_cdr_parse(&cr, l.s[1], l.len[1], &cx, &cerr), 0);
	ASSERT_STR(cx.f[CS_CDR_UNIQUEID], "1530369902.8942");
	ASSERT_STR(cx.f[CS_CDR_DSTCHANNEL],
	    "Dongle/LIFE-010000003c");
	/* 14:45:02 UTC: the uniqueid's epoch, so that PBX logged UTC. */
	CU_ASSERT_EQUAL(cx.start, 1530369902);
	CU_ASSERT_EQUAL(cx.answer, 1530369914);
	CU_ASSERT_EQUAL(cx.end, 1530369998);
	CU_ASSERT_EQUAL(cx.duration, 95);
	CU_ASSERT_EQUAL(cx.billsec, 83);
	cs_cdr_reader_release(&cr);
	cs_unit_lines_free(&l);
}

static void
test_cdr_sample_book(void)
{
	int rejected;

	cdr_open(1);
	CU_ASSERT_EQUAL(cdr_file(&cr, CDR_DIR "master_2019_book_rejoined.csv",
	    &rejected, &cerr), 1);
	CU_ASSERT_EQUAL(rejected, 0);
	cs_cdr_reader_release(&cr);

	cdr_open(1);
	CU_ASSERT_EQUAL(cdr("\"\",\"SOFTPHONE_A\",\"227\",\"sets\",\"\"\"101\"\" "
	    "<SOFTPHONE_A>\",\"PJSIP/SOFTPHONE_A-00000002\",\"\",\"Playback\","
	    "\"hear-odd-noise\",\"2019-03-04 02:31:39\",\"2019-03-04 02:31:39\","
	    "\"2019-03-04 02:31:42\",3,3,\"ANSWERED\",\"DOCUMENTATION\","
	    "\"1551666699.4\",\"\""), 0);
	ASSERT_STR(cx.f[CS_CDR_CLID], "\"101\" <SOFTPHONE_A>");
	ASSERT_STR(cx.f[CS_CDR_DSTCHANNEL], "");
	ASSERT_STR(cx.f[CS_CDR_LASTAPP], "Playback");
	/* 2019-03-04: day 17897 + 62; 02:31:39 = 9099 s: the uniqueid. */
	CU_ASSERT_EQUAL(cx.start, 1551666699);
	CU_ASSERT_EQUAL(cx.end, 1551666702);
	cs_cdr_reader_release(&cr);
}

static void
test_cdr_sample_bbf(void)
{
	struct cs_unit_lines l;

	CU_ASSERT_EQUAL_FATAL(cs_unit_lines_read(&l, CDR_DIR
	    "master_2020_bbf_rejoined.csv"), 0);
	CU_ASSERT_EQUAL_FATAL(l.n, 4);
	/* That PBX wrote CEST: read in Paris, start is the uniqueid epoch. */
	cs_unit_paris();
	cdr_open(0);
	CU_ASSERT_EQUAL(cs_cdr_parse(&cr, l.s[0], l.len[0], &cx, &cerr), 0);
	ASSERT_STR(cx.f[CS_CDR_UNIQUEID], "1598518960.99");
	/* 2020-08-27: day 18262 + 239 = 18501; 11:02:40 CEST = 09:02:40Z. */
	CU_ASSERT_EQUAL(cx.start, 1598518960);
	CU_ASSERT_EQUAL(cx.answer, 0);
	CU_ASSERT_EQUAL(cx.end, 1598518960);
	ASSERT_STR(cx.f[CS_CDR_DISPOSITION], "BUSY");
	CU_ASSERT_EQUAL(cs_cdr_parse(&cr, l.s[1], l.len[1], &cx, &cerr), 0);
	CU_ASSERT_EQUAL(cx.start, 1598518936);
	CU_ASSERT_EQUAL(cx.answer, 1598518940);
	CU_ASSERT_EQUAL(cx.end, 1598518945);
	CU_ASSERT_EQUAL(cs_cdr_parse(&cr, l.s[2], l.len[2], &cx, &cerr), 0);
	/* The backslash is data. */
	ASSERT_STR(cx.f[CS_CDR_LASTDATA],
	    "TELCHAN\\/5,,tF(hangup,h,2)");
	ASSERT_STR(cx.f[CS_CDR_CLID], "\"\" <7001>");
	CU_ASSERT_EQUAL(cx.duration, 660);
	CU_ASSERT_EQUAL(cx.billsec, 654);
	CU_ASSERT_EQUAL(cx.start, 1598519380);
	CU_ASSERT_EQUAL(cx.end, 1598519380 + 660);
	CU_ASSERT_EQUAL(cs_cdr_parse(&cr, l.s[3], l.len[3], &cx, &cerr), 0);
	ASSERT_STR(cx.f[CS_CDR_DSTCHANNEL], "SIP/sip0-00000001");
	CU_ASSERT_EQUAL(cx.start, 1598364701);
	cs_cdr_reader_release(&cr);
	cs_unit_lines_free(&l);
}

static void
test_cdr_sample_testsuite(void)
{
	static const char *disp[] = {
		"ANSWERED", "ANSWERED", "FAILED", "NO ANSWER", "BUSY"
	};
	struct cs_unit_lines l;
	int rejected;

	CU_ASSERT_EQUAL_FATAL(cs_unit_lines_read(&l, CDR_DIR
	    "testsuite_cdrlib_good.csv"), 0);
	CU_ASSERT_EQUAL_FATAL(l.n, 5);
	cdr_open(1);
	for (size_t i = 0; i < l.n; i++) {
		CU_ASSERT_EQUAL(cs_cdr_parse(&cr, l.s[i], l.len[i], &cx,
		    &cerr), 0);
		ASSERT_STR(cx.f[CS_CDR_DISPOSITION], disp[i]);
		ASSERT_STR(cx.f[CS_CDR_CLID],
		    "\"Test User\" <test>");
		/* 2009-01-14: day 14245 + 13; 23:51:15 = 85875 s. */
		CU_ASSERT_EQUAL(cx.start, 1231977075);
		CU_ASSERT_EQUAL(cx.end, 1231977080);
	}
	/* billsec 7 > duration 5 on line 2: kept, not interpreted. */
	CU_ASSERT_EQUAL(cs_cdr_parse(&cr, l.s[1], l.len[1], &cx, &cerr), 0);
	CU_ASSERT_EQUAL(cx.billsec, 7);
	cs_cdr_reader_release(&cr);
	cs_unit_lines_free(&l);

	/* The unterminated quoted last field. */
	cdr_open(1);
	memset(&cerr, 0, sizeof(cerr));
	CU_ASSERT_EQUAL(cdr_file(&cr, CDR_DIR "testsuite_cdrlib_buggy.csv",
	    &rejected, &cerr), 0);
	CU_ASSERT_EQUAL(rejected, 1);
	CU_ASSERT(cs_unit_starts(cerr.msg, "unterminated quoted field"));
	CU_ASSERT_EQUAL(cr.ncols, 0);
	cs_cdr_reader_release(&cr);
}

/* Every .csv sample: records, or rejected where said above. */
static void
test_cdr_samples_all(void)
{
	static const struct {
		const char	*file;
		int		 ok, rejected, ncols;
	} files[] = {
		{ "master_2009_systemname_prefix.csv", 1, 0, 18 },
		{ "master_2018_18col_local_channels.csv", 9, 0, 18 },
		{ "master_2018_queue_and_dongle_rejoined.csv", 2, 0, 18 },
		{ "master_2019_book_rejoined.csv", 1, 0, 18 },
		{ "master_2020_bbf_rejoined.csv", 4, 0, 18 },
		{ "testsuite_cdrlib_buggy.csv", 0, 1, 0 },
		{ "testsuite_cdrlib_good.csv", 5, 0, 18 },
	};
	char rel[256];
	int rejected;

	for (int utc = 0; utc <= 1; utc++) {
		cs_unit_paris();
		for (size_t i = 0; i < sizeof(files) / sizeof(files[0]); i++) {
			snprintf(rel, sizeof(rel), CDR_DIR "%s", files[i].file);
			cdr_open(utc);
			CU_ASSERT_EQUAL(cdr_file(&cr, rel, &rejected, &cerr),
			    files[i].ok);
			CU_ASSERT_EQUAL(rejected, files[i].rejected);
			CU_ASSERT_EQUAL(cr.ncols, files[i].ncols);
			cs_cdr_reader_release(&cr);
		}
	}
}

static CU_TestInfo tests[] = {
	{ "cdr_sample_2009", test_cdr_sample_2009 },
	{ "cdr_sample_2018_local_channels",
	    test_cdr_sample_2018_local_channels },
	{ "cdr_sample_queue_and_dongle", test_cdr_sample_queue_and_dongle },
	{ "cdr_sample_book", test_cdr_sample_book },
	{ "cdr_sample_bbf", test_cdr_sample_bbf },
	{ "cdr_sample_testsuite", test_cdr_sample_testsuite },
	{ "cdr_samples_all", test_cdr_samples_all },
	CU_TEST_INFO_NULL
};

CS_UNIT_SUITE("cdr", tests)
