/*
 * 3cx-cdr (readers/3cx_cdr.c, 3cx_format.c): the sample lines of
 * tests/data/samples/3cx_cdr read, stored as generic-csv's legs and mapped
 * back: what each line became; --columns; rejected lines; detection.
 * Expected values worked out by hand from the lines (times UTC:
 * 2024/04/30 06:27:28 is 1714458448).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "config.h"
#include "phone.h"
#include "pieces.h"
#include "privacy.h"
#include "readers/3cx.h"
#include "readers/generic_csv.h"
#include "unit.h"

#define SAMPLES "tests/data/samples/3cx_cdr/"

static struct cs_config cfg;
static struct cs_privacy priv;	/* a key of zeros */

static int
init(void)
{
	struct cs_error err;

	cs_config_init(&cfg);
	if (cs_config_load(&cfg, cs_unit_data("tests/data/synth-town.conf"),
	    &err) != 0) {
		fprintf(stderr, "3cx: %s\n", err.msg);
		return -1;
	}
	memset(&priv, 0, sizeof(priv));
	return 0;
}

static int
clean(void)
{
	cs_config_release(&cfg);
	return 0;
}

/* The lines read by a 3cx-cdr reader with --columns columns, stored, the
 * rows mapped by the format of their table. */
static void
run(const char *columns, const char *const *lines, int n,
    struct cs_unit_got *g)
{
	struct cs_format_ctx ctx = { .priv = &priv, .cfg = &cfg,
	    .columns = columns };

	cs_unit_pieces(&cs_format_3cx_cdr, &ctx, lines, n, g);
}

/* The first line of a sample, without its line end. */
static const char *
sample(const char *name, char *buf, size_t size)
{
	char rel[256];
	FILE *fp;
	size_t len;

	snprintf(rel, sizeof(rel), SAMPLES "%s", name);
	fp = fopen(cs_unit_data(rel), "rb");
	CU_ASSERT_PTR_NOT_NULL_FATAL(fp);
	len = fread(buf, 1, size - 1, fp);
	fclose(fp);
	buf[len] = '\0';
	buf[strcspn(buf, "\r\n")] = '\0';
	return buf;
}

static void
test_samples(void)
{
	static char b[3][1024];
	const char *lines[3];
	struct cs_unit_got g;
	const struct cs_piece *p;

	lines[0] = sample("cdrlog_2023-09_cakephp_test_queue_forward.log", b[0],
	    sizeof(b[0]));
	lines[1] = sample("cdrlog_2024-04_v20_dorel14_issue16.log", b[1],
	    sizeof(b[1]));
	lines[2] = sample("cdrlog_2024-06_dorel14_testfile.log", b[2],
	    sizeof(b[2]));
	run(NULL, lines, 3, &g);
	CU_ASSERT_EQUAL(g.rc[0], 0);
	CU_ASSERT_EQUAL(g.rc[1], 0);
	CU_ASSERT_EQUAL(g.rc[2], 0);
	/* two queue calls (a leg, ENTERED, CONNECTED), one outbound leg */
	CU_ASSERT_EQUAL_FATAL(g.n, 7);

	/* cakephp, 20 fields: Call 612504 from +353861777149 to 960, which
	   the queue's forward (QFwdToDNA) says is a queue, answered by
	   Ext.504 at its start 13:33:54 (1695130434), ended 13:39:31 */
	p = cs_unit_piece(&g, 1, 0);
	CU_ASSERT_EQUAL(p->kind, CS_PIECE_LEG);
	CU_ASSERT_STRING_EQUAL(p->u.leg.key, "612504");
	CU_ASSERT_EQUAL(p->u.leg.start, 1695130434);
	CU_ASSERT_EQUAL(p->u.leg.answer, 1695130434);
	CU_ASSERT_EQUAL(p->u.leg.end, 1695130771);
	CU_ASSERT_EQUAL(p->u.leg.duration, 337);
	CU_ASSERT_STRING_EQUAL(p->u.leg.queue, "960");
	CU_ASSERT_STRING_EQUAL(p->u.leg.peer, "504");
	CU_ASSERT_EQUAL(strlen(p->u.leg.caller), CS_HASH_HEX);
	CU_ASSERT_STRING_EQUAL(p->u.leg.from, "");	/* a phone: hashed only */
	CU_ASSERT_EQUAL(p->u.leg.target, CS_TARGET_QUEUE);
	CU_ASSERT_EQUAL(p->u.leg.ended, CS_LEG_ANSWERED);
	CU_ASSERT_EQUAL(cs_unit_piece(&g, 1, 1)->u.ev.kind, CS_QEV_ENTERED);
	p = cs_unit_piece(&g, 1, 2);
	CU_ASSERT_EQUAL(p->u.ev.kind, CS_QEV_CONNECTED);
	CU_ASSERT_EQUAL(p->u.ev.wait, 0);
	CU_ASSERT_STRING_EQUAL(p->u.ev.peer, "504");

	/* v20, 27 fields: Call 265500 from a Line to Queue 80002, answered
	   by Extension 10013 at 06:27:36, 8 s after 06:27:28, ended 06:35:46
	   (duration 00:08:10 is the talk: 490 s) */
	p = cs_unit_piece(&g, 2, 0);
	CU_ASSERT_STRING_EQUAL(p->u.leg.key, "265500");
	CU_ASSERT_EQUAL(p->u.leg.start, 1714458448);
	CU_ASSERT_EQUAL(p->u.leg.answer, 1714458456);
	CU_ASSERT_EQUAL(p->u.leg.end, 1714458946);
	CU_ASSERT_EQUAL(p->u.leg.duration, 498);
	CU_ASSERT_STRING_EQUAL(p->u.leg.queue, "80002");
	CU_ASSERT_STRING_EQUAL(p->u.leg.peer, "10013");
	CU_ASSERT_STRING_EQUAL(p->u.leg.to, "80002");	/* dial-no */
	CU_ASSERT_EQUAL(p->u.leg.target, CS_TARGET_QUEUE);
	CU_ASSERT_EQUAL(p->u.leg.ended, CS_LEG_ANSWERED);
	p = cs_unit_piece(&g, 2, 2);
	CU_ASSERT_EQUAL(p->u.ev.kind, CS_QEV_CONNECTED);
	CU_ASSERT_EQUAL(p->u.ev.time, 1714458456);
	CU_ASSERT_EQUAL(p->u.ev.wait, 8);

	/* dorel14: Call 288831 from Ext.10016 to +46703014082 over a Line,
	   answered 05:59:58, 9 s after 05:59:49, ended 06:00:23 */
	p = cs_unit_piece(&g, 3, 0);
	CU_ASSERT_STRING_EQUAL(p->u.leg.key, "288831");
	CU_ASSERT_EQUAL(p->u.leg.start, 1718603989);
	CU_ASSERT_EQUAL(p->u.leg.answer, 1718603998);
	CU_ASSERT_EQUAL(p->u.leg.end, 1718604023);
	CU_ASSERT_STRING_EQUAL(p->u.leg.from, "10016");	/* an extension */
	CU_ASSERT_STRING_EQUAL(p->u.leg.to, CS_PHONE_MARK);	/* outside */
	CU_ASSERT(p->u.leg.to_outside);
	CU_ASSERT_STRING_EQUAL(p->u.leg.queue, "");
	CU_ASSERT_EQUAL(p->u.leg.target, CS_TARGET_PERSON);
	CU_ASSERT_EQUAL(p->u.leg.ended, CS_LEG_ANSWERED);
	CU_ASSERT_PTR_NULL(cs_unit_piece(&g, 3, 1));
	cs_unit_got_release(&g);
}

/* What types and reasons say: queue exits, busy, voicemail, the IVR. */
static void
test_outcomes(void)
{
	static const char *const lines[] = {
		/* 1: the caller hung up in queue 800 after 40 s */
		"Call 1,a,00:00:00,2025/03/04 09:00:00,,2025/03/04 09:00:40,"
		"TerminatedBySrc,0639980101,Ext.800,10000,800,0199000100,,"
		"Ext.800,800,,,,,Chain: 0639980101;Ext.800;,Line,Queue,Queue,,,,",
		/* 2: the queue's rule ended it after 120 s */
		"Call 2,a,00:00:00,2025/03/04 09:00:00,,2025/03/04 09:02:00,"
		"TerminatedByRule,0639980101,Ext.800,10000,800,0199000100,,"
		"Ext.800,800,,,,,,Line,Queue,Queue,,,,",
		/* 3: extension 2101 refused it */
		"Call 3,a,00:00:00,2025/03/04 09:00:00,,2025/03/04 09:00:02,"
		"TerminatedByDst,0639980101,Ext.2101,10000,2101,0199002101,,"
		"Ext.2101,2101,,,,,,Line,Extension,Extension,,,,",
		/* 4: 2101 rang 20 s, then its voicemail box took it for 30 s
		   (v20's lower case) */
		"Call 4,a,00:00:30,2025/03/04 09:00:00,2025/03/04 09:00:20,"
		"2025/03/04 09:00:50,src_participant_terminated,0639980101,"
		"Ext.2101,10000,2101,0199002101,,Ext.vm,vm,,,,,,external_line,"
		"extension,voicemail,,,,",
		/* 5: an IVR's prompt, all the call met */
		"Call 5,a,00:00:10,2025/03/04 09:00:00,2025/03/04 09:00:00,"
		"2025/03/04 09:00:10,TerminatedBySrc,0639980101,Ext.801,10000,"
		"801,0199000100,,Ext.801,801,,,,,,Line,Ivr,Ivr,,,,",
		/* 6: a queue's music answered, the caller hung up: nobody's
		   answer */
		"Call 6,a,00:00:50,2025/03/04 09:00:00,2025/03/04 09:00:00,"
		"2025/03/04 09:00:50,TerminatedBySrc,0639980101,Ext.800,10000,"
		"800,0199000100,,Ext.800,800,,,,,,Line,Queue,Queue,,,,",
	};
	struct cs_unit_got g;
	const struct cs_piece *p;

	run(NULL, lines, 6, &g);
	for (int i = 0; i < 6; i++)
		CU_ASSERT_EQUAL(g.rc[i], 0);
	p = cs_unit_piece(&g, 1, 0);
	CU_ASSERT_EQUAL(p->u.leg.ended, CS_LEG_UNANSWERED);
	CU_ASSERT_STRING_EQUAL(p->u.leg.queue, "800");
	p = cs_unit_piece(&g, 1, 2);
	CU_ASSERT_EQUAL(p->u.ev.kind, CS_QEV_ABANDONED);
	CU_ASSERT_EQUAL(p->u.ev.time, 1741078840);
	p = cs_unit_piece(&g, 2, 2);
	CU_ASSERT_EQUAL(p->u.ev.kind, CS_QEV_MISSED);
	CU_ASSERT_EQUAL(p->u.ev.time, 1741078920);
	p = cs_unit_piece(&g, 3, 0);
	CU_ASSERT_EQUAL(p->u.leg.target, CS_TARGET_PERSON);
	CU_ASSERT_EQUAL(p->u.leg.ended, CS_LEG_FAILED);	/* busy */
	CU_ASSERT_PTR_NULL(cs_unit_piece(&g, 3, 1));
	/* two legs: 2101 ringing to the box's answer, the box's */
	p = cs_unit_piece(&g, 4, 0);
	CU_ASSERT_STRING_EQUAL(p->u.leg.peer, "2101");
	CU_ASSERT_EQUAL(p->u.leg.start, 1741078800);
	CU_ASSERT_EQUAL(p->u.leg.end, 1741078820);
	CU_ASSERT_EQUAL(p->u.leg.answer, 0);
	CU_ASSERT_EQUAL(p->u.leg.ended, CS_LEG_UNANSWERED);
	p = cs_unit_piece(&g, 4, 1);
	CU_ASSERT_FATAL(p != NULL);
	CU_ASSERT_EQUAL(p->u.leg.target, CS_TARGET_VOICEMAIL);
	CU_ASSERT_EQUAL(p->u.leg.start, 1741078820);
	CU_ASSERT_EQUAL(p->u.leg.answer, 1741078820);
	CU_ASSERT_EQUAL(p->u.leg.end, 1741078850);
	CU_ASSERT_STRING_EQUAL(p->u.leg.key, "4");
	p = cs_unit_piece(&g, 5, 0);
	CU_ASSERT_EQUAL(p->u.leg.target, CS_TARGET_VOICEMAIL);	/* the PBX's */
	p = cs_unit_piece(&g, 6, 0);
	CU_ASSERT_EQUAL(p->u.leg.answer, 0);
	CU_ASSERT_EQUAL(p->u.leg.ended, CS_LEG_UNANSWERED);
	CU_ASSERT_EQUAL(cs_unit_piece(&g, 6, 2)->u.ev.kind, CS_QEV_ABANDONED);
	cs_unit_got_release(&g);
}

static void
test_columns(void)
{
	enum cs_3cx_field order[CS_3CX_MAXCOLS];
	struct cs_error err = { "", 0 };
	static const char *const lines[] = {
		"2025/03/04 09:00:00,Call 12,2025/03/04 09:01:00,,0639980101",
		"2025/03/04 09:00:00,Call 13",
	};
	struct cs_unit_got g;
	int n;

	CU_ASSERT_EQUAL(cs_3cx_columns(NULL, order, &n, &err), 0);
	CU_ASSERT_EQUAL(n, 27);
	CU_ASSERT_EQUAL(order[26], CS_3CX_MISSED_QUEUE_CALLS);
	CU_ASSERT_EQUAL(cs_3cx_columns(" Time_Start ,historyid,TIME-END", order,
	    &n, &err), 0);
	CU_ASSERT_EQUAL(n, 3);
	CU_ASSERT_EQUAL(order[0], CS_3CX_TIME_START);
	CU_ASSERT_EQUAL(order[2], CS_3CX_TIME_END);
	CU_ASSERT_EQUAL(cs_3cx_columns("historyid,time-start,end", order, &n,
	    &err), -1);
	CU_ASSERT_PTR_NOT_NULL(strstr(err.msg, "unknown 3CX field 'end'"));
	CU_ASSERT_EQUAL(cs_3cx_columns("historyid,time-end", order, &n, &err), -1);
	CU_ASSERT_PTR_NOT_NULL(strstr(err.msg, "names no time-start"));
	CU_ASSERT_EQUAL(cs_3cx_columns("historyid,time-start,time-end,chain,"
	    "chain", order, &n, &err), -1);
	CU_ASSERT_PTR_NOT_NULL(strstr(err.msg, "'chain' is named twice"));
	CU_ASSERT_EQUAL(cs_3cx_columns("historyid,,time-start,time-end", order,
	    &n, &err), -1);

	run("time-start,historyid,time-end,time-answered,from-no", lines, 2, &g);
	CU_ASSERT_EQUAL(g.rc[0], 0);
	CU_ASSERT_EQUAL(g.rc[1], -1);
	CU_ASSERT_STRING_EQUAL(g.msg[1], "expected at least 3 fields, found 2");
	CU_ASSERT_EQUAL_FATAL(g.n, 1);
	CU_ASSERT_STRING_EQUAL(g.p[0].u.leg.key, "12");
	CU_ASSERT_EQUAL(g.p[0].u.leg.start, 1741078800);
	CU_ASSERT_EQUAL(g.p[0].u.leg.end, 1741078860);
	/* no destination, no reason: a leg that decides nothing */
	CU_ASSERT_EQUAL(g.p[0].u.leg.target, CS_TARGET_OTHER);
	cs_unit_got_release(&g);
}

static void
test_rejects(void)
{
	static const char *const lines[] = {
		/* 1: the duration's minutes */
		"Call 1,a,00:61:00,2025/03/04 09:00:00,,2025/03/04 09:01:00,x",
		/* 2: the end before the start */
		"Call 2,a,,2025/03/04 09:00:00,,2025/03/04 08:59:00,x",
		/* 3: ISO's T */
		"Call 3,a,,2025-03-04T09:00:00,,2025/03/04 09:01:00,x",
		/* 4: blank */
		"",
		/* 5: a header */
		"historyid,callid,duration,time-start",
		/* 6: 28 fields */
		"Call 6,,,2025/03/04 09:00:00,,2025/03/04 09:01:00,,,,,,,,,,,,,,,"
		",,,,,,,x",
		/* 7: dashes for slashes are read too */
		"Call 7,a,,2025-03-04 09:00:00,,2025-03-04 09:01:00,x",
	};
	struct cs_unit_got g;

	run(NULL, lines, 7, &g);
	CU_ASSERT_EQUAL(g.rc[0], -1);
	CU_ASSERT_EQUAL(g.column[0], 3);
	CU_ASSERT_STRING_EQUAL(g.msg[0], "field 3 (duration) '00:61:00': not a "
	    "duration (HH:MM:SS)");
	CU_ASSERT_EQUAL(g.rc[1], -1);
	CU_ASSERT_EQUAL(g.column[1], 6);
	CU_ASSERT_PTR_NOT_NULL(strstr(g.msg[1], "before the call's start"));
	CU_ASSERT_EQUAL(g.rc[2], -1);
	CU_ASSERT_EQUAL(g.column[2], 4);
	CU_ASSERT_EQUAL(g.rc[3], 1);
	CU_ASSERT_EQUAL(g.rc[4], 1);
	CU_ASSERT_EQUAL(g.rc[5], -1);
	CU_ASSERT_PTR_NOT_NULL(strstr(g.msg[5], "expected at most 27 fields, "
	    "found 28"));
	CU_ASSERT_EQUAL(g.rc[6], 0);
	cs_unit_got_release(&g);
}

/* A file whose first line is of a format says which. */
static const struct cs_format *
detect(const char *s)
{
	return cs_format_detect(s, strlen(s));
}

static void
test_detect(void)
{
	static char b[1024];

	CU_ASSERT_EQUAL(detect(sample("cdrlog_2023-09_cakephp_test_queue_"
	    "forward.log", b, sizeof(b))), &cs_format_3cx_cdr);
	CU_ASSERT_EQUAL(detect(sample("cdrlog_2024-04_v20_dorel14_issue16.log",
	    b, sizeof(b))), &cs_format_3cx_cdr);
	CU_ASSERT_EQUAL(detect(sample("cdrlog_2024-06_dorel14_testfile.log", b,
	    sizeof(b))), &cs_format_3cx_cdr);
	/* after a header of 3CX's names */
	CU_ASSERT_EQUAL(detect("historyid,callid,duration,time-start\n"
	    "Call 1,a,,2025/03/04 09:00:00,,2025/03/04 09:01:00\n"),
	    &cs_format_3cx_cdr);
	/* the header alone says it too */
	CU_ASSERT_EQUAL(detect("historyid,time-start,time-end\n"),
	    &cs_format_3cx_cdr);
	CU_ASSERT_PTR_NULL(detect("Call me,2025/03/04 09:00:00\n"));
	CU_ASSERT_PTR_NULL(detect("Call 12 2025/03/04 09:00:00,a,b,c,d,e\n"));
	CU_ASSERT_EQUAL(cs_format_find("3cx-cdr"), &cs_format_3cx_cdr);
	CU_ASSERT_PTR_NOT_NULL(strstr(cs_format_3cx_cdr.lacks, "bot_sessions"));
}

/*
 * The split at commas, blanks trimmed, against the plain way written here:
 * 5,000 lines of the default order's 27 fields, each 0 to 11 bytes of
 * letters, digits and blanks (fields across the 16-byte blocks the reader
 * looks at at once); the fields are taken whether or not the line then
 * passes.  Then a line of one comma too many for the reader.
 */
static void
test_3cx_split(void)
{
	static const char alphabet[] = "ab1: \t";
	enum cs_3cx_field order[CS_3CX_MAXCOLS];
	struct cs_3cx_reader *r;
	struct cs_3cx_record rec;
	struct cs_error err;
	unsigned seed = 11;
	char big[200];
	int n, bad = 0;

	CU_ASSERT_EQUAL_FATAL(cs_3cx_columns(NULL, order, &n, &err), 0);
	CU_ASSERT_PTR_NOT_NULL_FATAL(r = cs_3cx_open(order, n, &err));
	for (int t = 0; t < 5000; t++) {
		char line[CS_3CX_NFIELDS * 12], want[CS_3CX_NFIELDS][12];
		size_t len = 0;

		for (int f = 0; f < CS_3CX_NFIELDS; f++) {
			int flen, s, e;
			char *at = line + len;

			seed = seed * 1103515245u + 12345u;
			flen = (int)((seed >> 16) % 12);
			for (int i = 0; i < flen; i++) {
				seed = seed * 1103515245u + 12345u;
				at[i] = alphabet[(seed >> 16) % (sizeof(alphabet) - 1)];
			}
			/* the plain way: blanks off both ends */
			for (s = 0; s < flen && (at[s] == ' ' || at[s] == '\t'); s++)
				;
			for (e = flen; e > s && (at[e - 1] == ' ' ||
			    at[e - 1] == '\t'); e--)
				;
			memcpy(want[f], at + s, (size_t)(e - s));
			want[f][e - s] = '\0';
			len += (size_t)flen;
			if (f + 1 < CS_3CX_NFIELDS)
				line[len++] = ',';
		}
		(void)cs_3cx_parse(r, line, len, &rec, &err);
		for (int f = 0; f < CS_3CX_NFIELDS; f++)
			bad += strcmp(rec.f[f], want[f]) != 0;
	}
	CU_ASSERT_EQUAL(bad, 0);
	/* 2 * 27 fields are split, one more is refused */
	memset(big, ',', 2 * CS_3CX_NFIELDS);
	CU_ASSERT_EQUAL(cs_3cx_parse(r, big, 2 * CS_3CX_NFIELDS - 1, &rec,
	    &err), -1);
	CU_ASSERT_PTR_NOT_NULL(strstr(err.msg, "expected at most 27 fields, "
	    "found 54"));
	CU_ASSERT_EQUAL(cs_3cx_parse(r, big, 2 * CS_3CX_NFIELDS, &rec, &err), -1);
	CU_ASSERT_STRING_EQUAL(err.msg, "more than 54 fields");
	cs_3cx_close(r);
}

static CU_TestInfo tests[] = {
	{ "3cx split", test_3cx_split },
	{ "samples", test_samples },
	{ "outcomes", test_outcomes },
	{ "columns", test_columns },
	{ "rejects", test_rejects },
	{ "detect", test_detect },
	CU_TEST_INFO_NULL,
};

CS_UNIT_SUITE_FIXTURE("3cx", tests, init, clean)
