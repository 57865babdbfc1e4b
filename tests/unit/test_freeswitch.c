/*
 * test_freeswitch.c: the freeswitch suite: FreeSWITCH mod_cdr_csv lines
 * split and checked (templates, quotes FreeSWITCH does not escape, stamps
 * and epochs), detected, and mapped onto the model.  Instants worked out
 * by hand: 2023-10-10 is day 19640 since the epoch (1696896000), 2025-03-04
 * day 20151 (1741046400); Europe/Paris is UTC+2 in October, UTC+1 in March.
 */
#include <stdlib.h>
#include <string.h>

#include "readers/format.h"
#include "readers/freeswitch.h"
#include "timeutil.h"
#include "unit.h"

/* The first line of rpimaker_basic_example_template_2023.csv. */
#define EXAMPLE "\"spypi\",\"91342657\",\"*1001\",\"blueivr\"," \
	"\"2023-10-10 23:24:01\",\"2023-10-10 23:24:03\",\"2023-10-10 23:24:11\"," \
	"\"10\",\"8\",\"NORMAL_CLEARING\",\"eb1e406c-8871-4d69-9631-e7130f7ae390\"," \
	"\"1e764847-babe-44c7-8187-af0ce971b1ae\",\"\",\"PCMU\",\"PCMU\""

static int
parse(struct cs_fs_reader *r, const char *line, struct cs_fs_record *rec,
    struct cs_error *err)
{
	return cs_fs_parse(r, line, strlen(line), rec, err);
}

static void
test_fs_example(void)
{
	struct cs_fs_reader r;
	struct cs_fs_record rec;
	struct cs_error err;

	CU_ASSERT_EQUAL_FATAL(cs_tz_use("Europe/Paris", &err), 0);
	CU_ASSERT_EQUAL_FATAL(cs_fs_reader_init(&r, 0, &err), 0);
	CU_ASSERT_EQUAL_FATAL(parse(&r, EXAMPLE, &rec, &err), 0);
	CU_ASSERT_EQUAL(r.nfields, 15);
	CU_ASSERT_STRING_EQUAL(rec.f[CS_FS_NAME], "spypi");
	CU_ASSERT_STRING_EQUAL(rec.f[CS_FS_DEST], "*1001");
	CU_ASSERT_STRING_EQUAL(rec.f[CS_FS_BLEG],
	    "1e764847-babe-44c7-8187-af0ce971b1ae");
	CU_ASSERT_STRING_EQUAL(rec.f[CS_FS_WRITE_CODEC], "PCMU");
	CU_ASSERT_PTR_NULL(rec.f[CS_FS_CC_QUEUE]);
	/* 23:24:01 local is 21:24:01Z: 1696896000 + 77041 */
	CU_ASSERT_EQUAL(rec.start, 1696973041);
	CU_ASSERT_EQUAL(rec.answer, 1696973043);
	CU_ASSERT_EQUAL(rec.end, 1696973051);
	CU_ASSERT_EQUAL(rec.duration, 10);
	CU_ASSERT_EQUAL(rec.billsec, 8);
	/* a line of another count than the first's: rejected */
	CU_ASSERT_EQUAL(parse(&r, "\"a\",\"b\",\"c\"", &rec, &err), -1);
	CU_ASSERT_STRING_EQUAL(err.msg, "expected 15 fields like the first "
	    "record of this file, found 3");
	cs_fs_reader_release(&r);
}

/* FreeSWITCH escapes nothing: a name with '","' or '", "' in it. */
static void
test_fs_quotes(void)
{
	struct cs_fs_reader r;
	struct cs_fs_record rec;
	struct cs_error err;

	CU_ASSERT_EQUAL_FATAL(cs_fs_reader_init(&r, 1, &err), 0);
	CU_ASSERT_EQUAL_FATAL(parse(&r, "\"O\"Neil, \"Jo\"\",\"2101\",\"2102\","
	    "\"default\",\"1741078800\",\"\",\"1741078810\",\"10\",\"0\","
	    "\"NO_ANSWER\",\"u1\",\"\",\"\",\"PCMA\",\"PCMA\"", &rec, &err), 0);
	CU_ASSERT_STRING_EQUAL(rec.f[CS_FS_NAME], "O\"Neil, \"Jo\"");
	CU_ASSERT_STRING_EQUAL(rec.f[CS_FS_NUMBER], "2101");
	CU_ASSERT_EQUAL(rec.answer, 0);
	/* once the template is known, the extra fields go back into the name */
	CU_ASSERT_EQUAL_FATAL(parse(&r, "\"A\",\"B\", \"C\",\"2101\",\"2102\","
	    "\"default\",\"1741078800\",\"\",\"1741078810\",\"10\",\"0\","
	    "\"NO_ANSWER\",\"u2\",\"\",\"\",\"PCMA\",\"PCMA\"", &rec, &err), 0);
	CU_ASSERT_STRING_EQUAL(rec.f[CS_FS_NAME], "A\",\"B\", \"C");
	CU_ASSERT_STRING_EQUAL(rec.f[CS_FS_UUID], "u2");
	cs_fs_reader_release(&r);
}

/* The sql template, epochs in seconds and microseconds. */
static void
test_fs_sql_epochs(void)
{
	struct cs_fs_reader r;
	struct cs_fs_record rec;
	struct cs_error err;

	CU_ASSERT_EQUAL_FATAL(cs_fs_reader_init(&r, 0, &err), 0);
	CU_ASSERT_EQUAL_FATAL(parse(&r, "INSERT INTO cdr VALUES (\"x\",\"2101\","
	    "\"0199000100\",\"public\",\"1741078800000000\",\"1741078805\","
	    "\"1741078830\",\"30\",\"25\",\"NORMAL_CLEARING\",\"u3\",\"\", "
	    "\"acc\");", &rec, &err), 0);
	CU_ASSERT_EQUAL(r.nfields, 13);
	CU_ASSERT_EQUAL(rec.start, 1741078800);
	CU_ASSERT_EQUAL(rec.answer, 1741078805);
	CU_ASSERT_EQUAL(rec.end, 1741078830);
	CU_ASSERT_STRING_EQUAL(rec.f[CS_FS_ACCOUNTCODE], "acc");
	CU_ASSERT_PTR_NULL(rec.f[CS_FS_READ_CODEC]);
	cs_fs_reader_release(&r);
}

#define REC27(side, q, joined, answered, canceled, why, orig) \
	"\"n\",\"0639980001\",\"0199000100\",\"public\",\"1741078800\"," \
	"\"1741078800\",\"1741078900\",\"100\",\"100\",\"NORMAL_CLEARING\"," \
	"\"u4\",\"\",\"\",\"PCMA\",\"PCMA\",\"" q "\",\"" side "\",\"m\"," \
	"\"u4\",\"2101@default\",\"" joined "\",\"" answered "\",\"\",\"" \
	canceled "\",\"\",\"" why "\",\"" orig "\""

static void
test_fs_recommended(void)
{
	struct cs_fs_reader r;
	struct cs_fs_record rec;
	struct cs_error err;

	CU_ASSERT_EQUAL_FATAL(cs_fs_reader_init(&r, 0, &err), 0);
	CU_ASSERT_EQUAL_FATAL(parse(&r, REC27("member", "accueil@default",
	    "1741078805", "1741078825", "", "NONE", ""), &rec, &err), 0);
	CU_ASSERT_EQUAL(r.nfields, 27);
	CU_ASSERT_EQUAL(rec.cc[CS_FS_CC_T_JOINED], 1741078805);
	CU_ASSERT_EQUAL(rec.cc[CS_FS_CC_T_ANSWERED], 1741078825);
	CU_ASSERT_EQUAL(rec.cc[CS_FS_CC_T_CANCELED], 0);
	CU_ASSERT_STRING_EQUAL(rec.f[CS_FS_CC_AGENT], "2101@default");
	CU_ASSERT_STRING_EQUAL(rec.f[CS_FS_ORIG_LEG], "");
	CU_ASSERT_EQUAL(parse(&r, REC27("member", "q", "soon", "", "", "", ""),
	    &rec, &err), -1);
	CU_ASSERT_STRING_EQUAL(err.msg, "cc_queue_joined_epoch is not an "
	    "epoch: 'soon'");
	CU_ASSERT_EQUAL(parse(&r, REC27("member", "q", "99999999999", "", "",
	    "", ""), &rec, &err), -1);
	CU_ASSERT_PTR_NOT_NULL(strstr(err.msg, "out of range"));
	cs_fs_reader_release(&r);
}

static void
test_fs_bad(void)
{
	static const struct { const char *line, *msg; } bad[] = {
		{ "", "not a mod_cdr_csv record" },
		{ "\"", "not a mod_cdr_csv record" },
		{ "spypi,1,2", "not a mod_cdr_csv record" },
		{ "INSERT INTO cdr VALUES \"a\"", "not a mod_cdr_csv record" },
		{ "\"a\",\"b\"", "expected 13 (the sql" },
		/* a start of epoch 0, an epoch out of range */
		{ "\"x\",\"2101\",\"2102\",\"default\",\"0\",\"\",\"\","
		    "\"0\",\"0\",\"NO_ANSWER\",\"u9\",\"\",\"\"",
		    "start_stamp is 0" },
		{ "\"x\",\"2101\",\"2102\",\"default\",\"631148400\",\"\","
		    "\"\",\"0\",\"0\",\"NO_ANSWER\",\"u9\",\"\",\"\"",
		    "start_stamp is out of range" },
	};
	struct cs_fs_reader r;
	struct cs_fs_record rec;
	struct cs_error err;

	CU_ASSERT_EQUAL_FATAL(cs_fs_reader_init(&r, 0, &err), 0);
	for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		CU_ASSERT_EQUAL(parse(&r, bad[i].line, &rec, &err), -1);
		CU_ASSERT_PTR_NOT_NULL(strstr(err.msg, bad[i].msg));
	}
	CU_ASSERT_EQUAL(r.nfields, 0);
	cs_fs_reader_release(&r);
}

static void
test_fs_detect(void)
{
	const char *sql = "INSERT INTO cdr VALUES (\"x\",\"2101\",\"0199000100\","
	    "\"public\",\"2025-03-04 10:00:00\",\"\",\"2025-03-04 10:00:30\","
	    "\"30\",\"0\",\"NO_ANSWER\",\"u3\",\"\", \"\");";

	CU_ASSERT_EQUAL(cs_format_detect(EXAMPLE, strlen(EXAMPLE)),
	    &cs_format_freeswitch_cdr);
	CU_ASSERT_EQUAL(cs_format_detect(sql, strlen(sql)),
	    &cs_format_freeswitch_cdr);
	CU_ASSERT_EQUAL(cs_format_find("freeswitch-cdr"),
	    &cs_format_freeswitch_cdr);
	/* an Asterisk Master.csv line is not one */
	CU_ASSERT_FALSE(cs_fs_looks(EXAMPLE + 1, EXAMPLE + strlen(EXAMPLE)));
	{
		const char *ast = "\"\",\"1\",\"2\",\"c\",\"\",\"SIP/1\",\"\","
		    "\"Dial\",\"\",\"2025-03-04 09:00:00\",,\"2025-03-04 "
		    "09:00:10\",10,0,\"NO ANSWER\",\"DOCUMENTATION\"";

		CU_ASSERT_FALSE(cs_fs_looks(ast, ast + strlen(ast)));
	}
}

/* The member's three rows, and an agent's leg, as pieces. */
static void
test_fs_map(void)
{
	struct cs_fs_leg a;
	struct cs_piece p;
	struct cs_piece_buf buf;

	memset(&a, 0, sizeof(a));
	a.start = 1741078800;
	a.answer = 1741078800;
	a.end = 1741078900;
	a.duration = 100;
	a.caller = "h";
	a.number = "";
	a.dest = "0199000100";
	a.uuid = "u4";
	a.cc_queue = "accueil@default";
	a.cc_side = "member";
	a.cc_member_session = "u4";
	a.cc_agent = "2101@default";
	a.orig_leg = "";
	a.cc[CS_FS_CC_T_JOINED] = 1741078805;
	a.cc[CS_FS_CC_T_ANSWERED] = 1741078825;
	CU_ASSERT_EQUAL(cs_freeswitch_piece(&a, &p, &buf), 0);
	CU_ASSERT_EQUAL(p.kind, CS_PIECE_LEG);
	CU_ASSERT_EQUAL(p.u.leg.target, CS_TARGET_QUEUE);
	CU_ASSERT_STRING_EQUAL(p.u.leg.queue, "accueil");
	CU_ASSERT_STRING_EQUAL(p.u.leg.peer, "2101");
	CU_ASSERT_EQUAL(p.u.leg.answer, 1741078825);
	CU_ASSERT_EQUAL(p.u.leg.ended, CS_LEG_ANSWERED);
	CU_ASSERT_STRING_EQUAL(p.u.leg.key, "u4");
	a.part = 1;
	a.start = 1741078805;
	CU_ASSERT_EQUAL(cs_freeswitch_piece(&a, &p, &buf), 0);
	CU_ASSERT_EQUAL(p.kind, CS_PIECE_QEVENT);
	CU_ASSERT_EQUAL(p.u.ev.kind, CS_QEV_ENTERED);
	CU_ASSERT_STRING_EQUAL(p.u.ev.queue, "accueil");
	a.part = 2;
	a.start = 1741078825;
	CU_ASSERT_EQUAL(cs_freeswitch_piece(&a, &p, &buf), 0);
	CU_ASSERT_EQUAL(p.u.ev.kind, CS_QEV_CONNECTED);
	CU_ASSERT_EQUAL(p.u.ev.wait, 20);
	CU_ASSERT_STRING_EQUAL(p.u.ev.peer, "2101");
	a.cc[CS_FS_CC_T_ANSWERED] = 0;
	a.cc_cancel_reason = "BREAK_OUT";
	CU_ASSERT_EQUAL(cs_freeswitch_piece(&a, &p, &buf), 0);
	CU_ASSERT_EQUAL(p.u.ev.kind, CS_QEV_ABANDONED);
	a.cc_cancel_reason = "NO_AGENT_TIMEOUT";
	CU_ASSERT_EQUAL(cs_freeswitch_piece(&a, &p, &buf), 0);
	CU_ASSERT_EQUAL(p.u.ev.kind, CS_QEV_MISSED);
	a.cc_cancel_reason = "EXIT_WITH_KEY";
	CU_ASSERT_EQUAL(cs_freeswitch_piece(&a, &p, &buf), 0);
	CU_ASSERT_EQUAL(p.u.ev.kind, CS_QEV_LEFT_BY_KEY);
	/* the agent's leg: keyed by its member, deciding nothing */
	a.part = 0;
	a.uuid = "u5";
	a.cc_side = "agent";
	a.dest = "2101";
	CU_ASSERT_EQUAL(cs_freeswitch_piece(&a, &p, &buf), 0);
	CU_ASSERT_EQUAL(p.u.leg.target, CS_TARGET_OTHER);
	CU_ASSERT_STRING_EQUAL(p.u.leg.key, "u4");
	CU_ASSERT_STRING_EQUAL(p.u.leg.alias, "u5");
	/* a leg FreeSWITCH originated: towards a person, keyed by its A-leg */
	a.cc_side = "";
	a.cc_queue = "";
	a.orig_leg = "u1";
	CU_ASSERT_EQUAL(cs_freeswitch_piece(&a, &p, &buf), 0);
	CU_ASSERT_EQUAL(p.u.leg.target, CS_TARGET_PERSON);
	CU_ASSERT_STRING_EQUAL(p.u.leg.key, "u1");
	CU_ASSERT_STRING_EQUAL(p.u.leg.peer, "2101");
	CU_ASSERT_STRING_EQUAL(p.u.leg.to, "");
	/* the example template: the A-leg's alias is the leg it bridged */
	a.orig_leg = NULL;
	a.cc_side = a.cc_queue = NULL;
	a.bleg = "u6";
	CU_ASSERT_EQUAL(cs_freeswitch_piece(&a, &p, &buf), 0);
	CU_ASSERT_STRING_EQUAL(p.u.leg.key, "u5");
	CU_ASSERT_STRING_EQUAL(p.u.leg.alias, "u6");
	CU_ASSERT_EQUAL(p.u.leg.target, CS_TARGET_PERSON);
}

static CU_TestInfo tests[] = {
	{ "fs_example", test_fs_example },
	{ "fs_quotes", test_fs_quotes },
	{ "fs_sql_epochs", test_fs_sql_epochs },
	{ "fs_recommended", test_fs_recommended },
	{ "fs_bad", test_fs_bad },
	{ "fs_detect", test_fs_detect },
	{ "fs_map", test_fs_map },
	CU_TEST_INFO_NULL
};

CS_UNIT_SUITE("freeswitch", tests)
