/*
 * test_cel.c: the asterisk-cel reader: one line parsed (asterisk_cel.c),
 * and calls told from their events as cdr_csv rows and queue_log lines
 * (asterisk_cel_call.c).  Every expected value is worked out by hand from
 * the events, in the comments.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "readers/asterisk.h"
#include "readers/asterisk_cel.h"
#include "readers/format.h"
#include "unit.h"

#define T0 1709542800	/* 2024-03-04 09:00:00 UTC */

/* ---- parsing ---- */

static void
test_parse_sample(void)
{
	/* the first line of testsuite_CELMaster1.csv */
	static const char line[] = "\"CHAN_START\",\"1335310195.513823\",\"\","
	    "\"\",\"\",\"\",\"\",\"s\",\"default\",\"TinCan/string\",\"\",\"\","
	    "\"3\",\"\",\"1335310195.0\",\"1335310195.0\",\"\",\"\",\"\",\"\"";
	struct cs_cel_reader r;
	struct cs_cel_record rec;
	struct cs_error err;

	CU_ASSERT_EQUAL_FATAL(cs_cel_reader_init(&r, 0, &err), 0);
	CU_ASSERT_EQUAL_FATAL(cs_cel_parse(&r, line, strlen(line), &rec, &err), 0);
	CU_ASSERT_EQUAL(rec.event, CS_CEL_EV_CHAN_START);
	CU_ASSERT_EQUAL(rec.time, 1335310195);
	CU_ASSERT_EQUAL(rec.usec, 513823);
	CU_ASSERT_STRING_EQUAL(rec.f[CS_CEL_CHANNAME], "TinCan/string");
	CU_ASSERT_STRING_EQUAL(rec.f[CS_CEL_EXTEN], "s");
	CU_ASSERT_STRING_EQUAL(rec.f[CS_CEL_LINKEDID], "1335310195.0");
	CU_ASSERT(cs_cel_looks(line, line + strlen(line)));
	/* a CDR of 20 columns is no CEL event, nor this line a CDR */
	CU_ASSERT(!cs_format_asterisk_cdr.looks(line, line + strlen(line)));
	cs_cel_reader_release(&r);
}

static void
test_parse_extra(void)
{
	/* Asterisk 12's JSON extra, a dateformat time in UTC */
	static const char json[] = "\"HANGUP\",\"2024-03-04 09:00:30.250000\","
	    "\"Dupont\",\"0639980101\",\"\",\"\",\"\",\"0199000100\",\"from-trunk\","
	    "\"PJSIP/trunk-00000001\",\"Queue\",\"accueil,t\",\"3\",\"\","
	    "\"1709542800.1\",\"1709542800.1\",\"\",\"\",\"\","
	    "\"{\"\"hangupcause\"\":17,\"\"hangupsource\"\":\"\"PJSIP/trunk-00000001\"\","
	    "\"\"dialstatus\"\":\"\"BUSY\"\"}\"";
	/* before 12: cause,source,dialstatus */
	static const char old[] = "\"HANGUP\",\"1335310213.624898\",\"\",\"\","
	    "\"\",\"\",\"s\",\"s\",\"default\",\"TinCan/string\",\"\",\"\",\"3\","
	    "\"\",\"1335310195.0\",\"1335310195.0\",\"\",\"\",\"\",\"16,,ANSWER\"";
	struct cs_cel_reader r;
	struct cs_cel_record rec;
	struct cs_error err;

	CU_ASSERT_EQUAL_FATAL(cs_cel_reader_init(&r, 1, &err), 0);
	CU_ASSERT_EQUAL_FATAL(cs_cel_parse(&r, json, strlen(json), &rec, &err), 0);
	CU_ASSERT_EQUAL(rec.time, T0 + 30);
	CU_ASSERT_EQUAL(rec.usec, 250000);
	CU_ASSERT_EQUAL(rec.cause, 17);
	CU_ASSERT_STRING_EQUAL(rec.source, "PJSIP/trunk-00000001");
	CU_ASSERT_STRING_EQUAL(rec.dialstatus, "BUSY");
	CU_ASSERT_EQUAL_FATAL(cs_cel_parse(&r, old, strlen(old), &rec, &err), 0);
	CU_ASSERT_EQUAL(rec.cause, 16);
	CU_ASSERT_STRING_EQUAL(rec.source, "");
	CU_ASSERT_STRING_EQUAL(rec.dialstatus, "ANSWER");
	cs_cel_reader_release(&r);
}

/* The message a bad line gets, or "" when it parsed. */
static const char *
bad(struct cs_cel_reader *r, const char *line, struct cs_error *err)
{
	struct cs_cel_record rec;

	if (cs_cel_parse(r, line, strlen(line), &rec, err) == 0)
		return "";
	return err->msg;
}

static void
test_bad_lines(void)
{
	struct cs_cel_reader r;
	struct cs_error err;

	CU_ASSERT_EQUAL_FATAL(cs_cel_reader_init(&r, 0, &err), 0);
	CU_ASSERT_STRING_EQUAL(bad(&r, "\"ANSWER\",\"1\"", &err),
	    "expected 20 fields (cel_custom's legacy mapping), found 2");
	CU_ASSERT_STRING_EQUAL(bad(&r, "\"foo bar\",\"1335310195.1\",,,,,,,,"
	    "\"c\",,,,,\"u\",\"l\",,,,", &err), "eventtype is not an event's "
	    "name in capitals, digits and '_': 'foo bar'");
	/* an event of a later Asterisk is read */
	CU_ASSERT_STRING_EQUAL(bad(&r, "\"NEW_EVENT_2\",\"1335310195.1\",,,,,,,,"
	    "\"c\",,,,,\"u\",\"l\",,,,", &err), "");
	CU_ASSERT_STRING_EQUAL(bad(&r, "\"ANSWER\",\"yesterday\",,,,,,,,\"c\","
	    ",,,,\"u\",\"l\",,,,", &err), "eventtime is neither epoch.usec nor "
	    "YYYY-MM-DD HH:MM:SS: 'yesterday'");
	CU_ASSERT_STRING_EQUAL(bad(&r, "\"ANSWER\",\"12.5\",,,,,,,,\"c\","
	    ",,,,\"u\",\"l\",,,,", &err), "eventtime is out of range: '12.5' "
	    "(years 1990 to 2099 are read); check the PBX's clock, then remove "
	    "the line or correct it");
	CU_ASSERT_STRING_EQUAL(bad(&r, "\"ANSWER\",\"1335310195.1\",,,,,,,,\"c\","
	    ",,,,\"\",\"l\",,,,", &err), "uniqueid (field 15) is empty: every "
	    "event needs it");
	CU_ASSERT_STRING_EQUAL(bad(&r, "\"ANSWER\",\"1335310195.1\",,,,,,,,\"c\","
	    ",,,,\"u\",\"l\",,,,\"open", &err), "unterminated quoted field 20 (a "
	    "field that starts with '\"' must end with '\"')");
	CU_ASSERT_STRING_EQUAL(bad(&r, "\"ANSWER\",\"1335310195.1\",,,,,,,,\"c\","
	    ",,,,\"u\",\"l\",,,,", &err), "");
	cs_cel_reader_release(&r);
}

/* ---- calls ---- */

#define MAXR 16

struct told {
	struct {
		int64_t start, answer, end;
		char dstchannel[64], lastapp[32], lastdata[64], dst[32];
		char disposition[16], uniqueid[32];
		long line;
	} cdr[MAXR];
	int ncdr;
	struct {
		int64_t time;
		char event[24], queue[32], agent[64], data[3][24], caller[32];
	} q[MAXR];
	int nq;
};

static int
got_cdr(void *arg, const struct cs_cdr_record *r, long line, int64_t rhash)
{
	struct told *t = arg;

	if (t->ncdr == MAXR)
		return -1;
	t->cdr[t->ncdr].start = r->start;
	t->cdr[t->ncdr].answer = r->answer;
	t->cdr[t->ncdr].end = r->end;
	snprintf(t->cdr[t->ncdr].dstchannel, 64, "%s", r->f[CS_CDR_DSTCHANNEL]);
	snprintf(t->cdr[t->ncdr].lastapp, 32, "%s", r->f[CS_CDR_LASTAPP]);
	snprintf(t->cdr[t->ncdr].lastdata, 64, "%s", r->f[CS_CDR_LASTDATA]);
	snprintf(t->cdr[t->ncdr].dst, 32, "%s", r->f[CS_CDR_DST]);
	snprintf(t->cdr[t->ncdr].disposition, 16, "%s", r->f[CS_CDR_DISPOSITION]);
	snprintf(t->cdr[t->ncdr].uniqueid, 32, "%s", r->f[CS_CDR_UNIQUEID]);
	t->cdr[t->ncdr].line = line;
	t->ncdr++;
	return 0;
}

static int
got_qlog(void *arg, const struct cs_qlog_record *r, long line, int64_t rhash)
{
	struct told *t = arg;

	if (t->nq == MAXR)
		return -1;
	t->q[t->nq].time = r->time;
	snprintf(t->q[t->nq].event, 24, "%s", r->event);
	snprintf(t->q[t->nq].queue, 32, "%s", r->queue);
	snprintf(t->q[t->nq].agent, 64, "%s", r->agent);
	for (int i = 0; i < 3; i++)
		snprintf(t->q[t->nq].data[i], 24, "%s", r->data[i]);
	t->nq++;
	return 0;
}

/* One event, as cel_custom writes it (Asterisk 12 on); ev "HANGUP" takes
 * x as its hangup source and cause. */
static void
ev(struct cs_cel_reader *r, struct cs_cel_calls *cc, struct told *t,
    const char *type, int dt, const char *chan, const char *uid,
    const char *app, const char *data, const char *peer, const char *x)
{
	char line[1024];
	struct cs_cel_record rec;
	struct cs_error err;
	struct cs_cel_out out = { got_cdr, got_qlog, t };
	static long n;

	snprintf(line, sizeof(line), "\"%s\",\"%d.000001\",\"Dupont\","
	    "\"0639980101\",\"\",\"\",\"\",\"0199000100\",\"from-trunk\",\"%s\","
	    "\"%s\",\"%s\",\"3\",\"\",\"%s\",\"1709542800.1\",\"%s\",\"\",\"\","
	    "\"%s\"", type, T0 + dt, chan, app, data, uid, peer, x);
	CU_ASSERT_EQUAL_FATAL(cs_cel_parse(r, line, strlen(line), &rec, &err), 0);
	n++;
	CU_ASSERT_EQUAL(cs_cel_calls_add(cc, &rec, n, n * 7919, &out), 0);
}

#define A "PJSIP/trunk-00000001"
#define AU "1709542800.1"
#define B1 "PJSIP/2101-00000002"
#define B2 "PJSIP/2102-00000003"
#define SRC_A "{\"\"hangupcause\"\":16,\"\"hangupsource\"\":\"\"" A "\"\"}"
#define SRC_DP "{\"\"hangupcause\"\":16,\"\"hangupsource\"\":\"\"dialplan/builtin\"\"}"

/*
 * A welcome, then the queue: two phones rung from +12 s, 2101 answers at
 * +20 s (2102 stops ringing), the caller hangs up at +80 s, 2101 at +81 s.
 * cdr_csv: 2101's row continues the caller's record (starts at +0), 2102's
 * starts when it was dialled (+12); no row of the welcome.  queue_log:
 * ENTERQUEUE +10, CONNECT +20 after 10 s of wait, COMPLETECALLER at the
 * caller's hang-up, 60 s of talk.
 */
static void
test_queue_answered(void)
{
	struct cs_cel_reader r;
	struct cs_cel_calls *cc = cs_cel_calls_new();
	struct told t;
	struct cs_error err;

	memset(&t, 0, sizeof(t));
	CU_ASSERT_PTR_NOT_NULL_FATAL(cc);
	CU_ASSERT_EQUAL_FATAL(cs_cel_reader_init(&r, 0, &err), 0);
	ev(&r, cc, &t, "CHAN_START", 0, A, AU, "", "", "", "");
	ev(&r, cc, &t, "ANSWER", 0, A, AU, "Answer", "", "", "");
	ev(&r, cc, &t, "APP_START", 0, A, AU, "Playback", "custom/bienvenue-accueil", "", "");
	ev(&r, cc, &t, "APP_END", 10, A, AU, "Playback", "custom/bienvenue-accueil", "", "");
	ev(&r, cc, &t, "APP_START", 10, A, AU, "Queue", "accueil,t,,,300", "", "");
	ev(&r, cc, &t, "CHAN_START", 12, B1, "1709542812.2", "", "", "", "");
	ev(&r, cc, &t, "CHAN_START", 12, B2, "1709542812.3", "", "", "", "");
	ev(&r, cc, &t, "ANSWER", 20, B1, "1709542812.2", "AppQueue", "(Outgoing Line)", "", "");
	ev(&r, cc, &t, "HANGUP", 20, B2, "1709542812.3", "AppQueue", "(Outgoing Line)", "",
	    "{\"\"hangupcause\"\":26}");
	ev(&r, cc, &t, "CHAN_END", 20, B2, "1709542812.3", "AppQueue", "(Outgoing Line)", "", "");
	ev(&r, cc, &t, "BRIDGE_ENTER", 20, B1, "1709542812.2", "AppQueue", "(Outgoing Line)", "", "");
	ev(&r, cc, &t, "BRIDGE_ENTER", 20, A, AU, "Queue", "accueil,t,,,300", B1, "");
	ev(&r, cc, &t, "BRIDGE_EXIT", 80, A, AU, "Queue", "accueil,t,,,300", B1, "");
	ev(&r, cc, &t, "HANGUP", 80, A, AU, "Queue", "accueil,t,,,300", "", SRC_A);
	ev(&r, cc, &t, "CHAN_END", 80, A, AU, "Queue", "accueil,t,,,300", "", "");
	CU_ASSERT_EQUAL(t.ncdr, 0);	/* 2101 is still up */
	ev(&r, cc, &t, "BRIDGE_EXIT", 81, B1, "1709542812.2", "AppQueue", "(Outgoing Line)", "", "");
	ev(&r, cc, &t, "HANGUP", 81, B1, "1709542812.2", "AppQueue", "(Outgoing Line)", "", "");
	ev(&r, cc, &t, "CHAN_END", 81, B1, "1709542812.2", "AppQueue", "(Outgoing Line)", "", "");
	CU_ASSERT_EQUAL(cs_cel_calls_open(cc), 0);
	CU_ASSERT_EQUAL_FATAL(t.ncdr, 2);
	CU_ASSERT_STRING_EQUAL(t.cdr[0].dstchannel, B1);
	CU_ASSERT_EQUAL(t.cdr[0].start, T0);
	CU_ASSERT_EQUAL(t.cdr[0].answer, T0 + 20);
	CU_ASSERT_EQUAL(t.cdr[0].end, T0 + 81);
	CU_ASSERT_STRING_EQUAL(t.cdr[0].disposition, "ANSWERED");
	CU_ASSERT_STRING_EQUAL(t.cdr[0].lastapp, "Queue");
	CU_ASSERT_STRING_EQUAL(t.cdr[0].lastdata, "accueil,t,,,300");
	CU_ASSERT_STRING_EQUAL(t.cdr[0].dst, "0199000100");
	CU_ASSERT_STRING_EQUAL(t.cdr[0].uniqueid, AU);
	CU_ASSERT_STRING_EQUAL(t.cdr[1].dstchannel, B2);
	CU_ASSERT_EQUAL(t.cdr[1].start, T0 + 12);
	CU_ASSERT_EQUAL(t.cdr[1].answer, 0);
	CU_ASSERT_EQUAL(t.cdr[1].end, T0 + 20);
	CU_ASSERT_STRING_EQUAL(t.cdr[1].disposition, "NO ANSWER");
	CU_ASSERT_EQUAL_FATAL(t.nq, 3);
	CU_ASSERT_STRING_EQUAL(t.q[0].event, "ENTERQUEUE");
	CU_ASSERT_EQUAL(t.q[0].time, T0 + 10);
	CU_ASSERT_STRING_EQUAL(t.q[0].queue, "accueil");
	CU_ASSERT_STRING_EQUAL(t.q[0].data[1], "0639980101");
	CU_ASSERT_STRING_EQUAL(t.q[1].event, "CONNECT");
	CU_ASSERT_EQUAL(t.q[1].time, T0 + 20);
	CU_ASSERT_STRING_EQUAL(t.q[1].agent, B1);
	CU_ASSERT_STRING_EQUAL(t.q[1].data[0], "10");
	CU_ASSERT_STRING_EQUAL(t.q[2].event, "COMPLETECALLER");
	CU_ASSERT_EQUAL(t.q[2].time, T0 + 80);
	CU_ASSERT_STRING_EQUAL(t.q[2].data[1], "60");
	cs_cel_reader_release(&r);
	cs_cel_calls_free(cc);
}

/*
 * The caller hangs up in the queue at +30 s while 2101 rings (from +1):
 * 2101's row from +0 (the caller's record), unanswered; ABANDON at +30
 * after 30 s.  Then a queue that gives up at +300 s on a caller who goes
 * on to voicemail until +340: EXITWITHTIMEOUT, and one row of the caller
 * alone (no one dialled): VoiceMail, from +0, answered at +300.
 */
static void
test_queue_abandoned_and_missed(void)
{
	struct cs_cel_reader r;
	struct cs_cel_calls *cc = cs_cel_calls_new();
	struct told t;
	struct cs_error err;

	memset(&t, 0, sizeof(t));
	CU_ASSERT_EQUAL_FATAL(cs_cel_reader_init(&r, 0, &err), 0);
	ev(&r, cc, &t, "CHAN_START", 0, A, AU, "", "", "", "");
	ev(&r, cc, &t, "APP_START", 0, A, AU, "Queue", "accueil", "", "");
	ev(&r, cc, &t, "CHAN_START", 1, B1, "1709542801.2", "", "", "", "");
	ev(&r, cc, &t, "HANGUP", 30, A, AU, "Queue", "accueil", "", SRC_A);
	ev(&r, cc, &t, "HANGUP", 30, B1, "1709542801.2", "AppQueue", "", "", "");
	ev(&r, cc, &t, "CHAN_END", 30, B1, "1709542801.2", "AppQueue", "", "", "");
	ev(&r, cc, &t, "CHAN_END", 30, A, AU, "Queue", "accueil", "", "");
	CU_ASSERT_EQUAL_FATAL(t.ncdr, 1);
	CU_ASSERT_EQUAL(t.cdr[0].start, T0);
	CU_ASSERT_EQUAL(t.cdr[0].answer, 0);
	CU_ASSERT_EQUAL(t.cdr[0].end, T0 + 30);
	CU_ASSERT_STRING_EQUAL(t.cdr[0].disposition, "NO ANSWER");
	CU_ASSERT_EQUAL_FATAL(t.nq, 2);
	CU_ASSERT_STRING_EQUAL(t.q[1].event, "ABANDON");
	CU_ASSERT_EQUAL(t.q[1].time, T0 + 30);
	CU_ASSERT_STRING_EQUAL(t.q[1].data[2], "30");

	memset(&t, 0, sizeof(t));
	ev(&r, cc, &t, "CHAN_START", 0, A, AU, "", "", "", "");
	ev(&r, cc, &t, "APP_START", 0, A, AU, "Queue", "accueil", "", "");
	ev(&r, cc, &t, "APP_END", 300, A, AU, "Queue", "accueil", "", "");
	ev(&r, cc, &t, "APP_START", 300, A, AU, "VoiceMail", "2101@accueil,u", "", "");
	ev(&r, cc, &t, "ANSWER", 300, A, AU, "VoiceMail", "2101@accueil,u", "", "");
	ev(&r, cc, &t, "HANGUP", 340, A, AU, "VoiceMail", "2101@accueil,u", "", SRC_A);
	ev(&r, cc, &t, "CHAN_END", 340, A, AU, "", "", "", "");
	CU_ASSERT_EQUAL_FATAL(t.ncdr, 1);
	CU_ASSERT_STRING_EQUAL(t.cdr[0].dstchannel, "");
	CU_ASSERT_STRING_EQUAL(t.cdr[0].lastapp, "VoiceMail");
	CU_ASSERT_EQUAL(t.cdr[0].start, T0);
	CU_ASSERT_EQUAL(t.cdr[0].answer, T0 + 300);
	CU_ASSERT_EQUAL(t.cdr[0].end, T0 + 340);
	CU_ASSERT_EQUAL_FATAL(t.nq, 2);
	CU_ASSERT_STRING_EQUAL(t.q[1].event, "EXITWITHTIMEOUT");
	CU_ASSERT_EQUAL(t.q[1].time, T0 + 300);

	/* a queue given up on, then the dialplan's end: no caller's hang-up */
	memset(&t, 0, sizeof(t));
	ev(&r, cc, &t, "CHAN_START", 0, A, AU, "", "", "", "");
	ev(&r, cc, &t, "APP_START", 0, A, AU, "Queue", "accueil", "", "");
	ev(&r, cc, &t, "APP_END", 300, A, AU, "Queue", "accueil", "", "");
	ev(&r, cc, &t, "HANGUP", 300, A, AU, "", "", "", SRC_DP);
	ev(&r, cc, &t, "CHAN_END", 300, A, AU, "", "", "", "");
	CU_ASSERT_EQUAL_FATAL(t.nq, 2);
	CU_ASSERT_STRING_EQUAL(t.q[1].event, "EXITWITHTIMEOUT");
	cs_cel_reader_release(&r);
	cs_cel_calls_free(cc);
}

/*
 * A direct line: 2101 busy at +2 s (cause 17), then voicemail from +2 to
 * +40.  Rows: the Dial, BUSY, from +0 to +2; then, the Dial's B gone and
 * another application, a new record of the caller: VoiceMail from +2,
 * answered at +2, to +40.
 */
static void
test_dial_busy_voicemail(void)
{
	struct cs_cel_reader r;
	struct cs_cel_calls *cc = cs_cel_calls_new();
	struct told t;
	struct cs_error err;

	memset(&t, 0, sizeof(t));
	CU_ASSERT_EQUAL_FATAL(cs_cel_reader_init(&r, 0, &err), 0);
	ev(&r, cc, &t, "CHAN_START", 0, A, AU, "", "", "", "");
	ev(&r, cc, &t, "APP_START", 0, A, AU, "Dial", "PJSIP/2101,30", "", "");
	ev(&r, cc, &t, "CHAN_START", 0, B1, "1709542800.2", "", "", "", "");
	ev(&r, cc, &t, "HANGUP", 2, B1, "1709542800.2", "AppDial", "(Outgoing Line)", "",
	    "{\"\"hangupcause\"\":17}");
	ev(&r, cc, &t, "CHAN_END", 2, B1, "1709542800.2", "AppDial", "(Outgoing Line)", "", "");
	ev(&r, cc, &t, "APP_END", 2, A, AU, "Dial", "PJSIP/2101,30", "", "");
	ev(&r, cc, &t, "APP_START", 2, A, AU, "VoiceMail", "2101@accueil,u", "", "");
	ev(&r, cc, &t, "ANSWER", 2, A, AU, "VoiceMail", "2101@accueil,u", "", "");
	ev(&r, cc, &t, "HANGUP", 40, A, AU, "VoiceMail", "2101@accueil,u", "", SRC_A);
	ev(&r, cc, &t, "CHAN_END", 40, A, AU, "", "", "", "");
	ev(&r, cc, &t, "LINKEDID_END", 40, A, AU, "", "", "", "");
	CU_ASSERT_EQUAL_FATAL(t.ncdr, 2);
	CU_ASSERT_STRING_EQUAL(t.cdr[0].lastapp, "Dial");
	CU_ASSERT_STRING_EQUAL(t.cdr[0].disposition, "BUSY");
	CU_ASSERT_EQUAL(t.cdr[0].start, T0);
	CU_ASSERT_EQUAL(t.cdr[0].end, T0 + 2);
	CU_ASSERT_STRING_EQUAL(t.cdr[1].lastapp, "VoiceMail");
	CU_ASSERT_EQUAL(t.cdr[1].start, T0 + 2);
	CU_ASSERT_EQUAL(t.cdr[1].answer, T0 + 2);
	CU_ASSERT_EQUAL(t.cdr[1].end, T0 + 40);
	CU_ASSERT_EQUAL(t.nq, 0);
	CU_ASSERT_EQUAL(cs_cel_calls_open(cc), 0);
	cs_cel_reader_release(&r);
	cs_cel_calls_free(cc);
}

/*
 * A queue whose member is a Local channel (FreePBX): Local;1 is the
 * queue's (AppQueue), its ;2 half dials the phone, PJSIP/2101 (AppDial).
 * The phone answers at +15, Local;1 at +15; both bridge.  One row, the
 * Local;1 (the phone is the Local's party, not the caller's), from +0,
 * answered at +15; CONNECT at +15 with the Local as agent (its peer is
 * 2101, as app_queue logs it), 15 s of wait.
 */
static void
test_queue_local_member(void)
{
	struct cs_cel_reader r;
	struct cs_cel_calls *cc = cs_cel_calls_new();
	struct told t;
	struct cs_error err;
	const char *l1 = "Local/2101@from-queue-0000001a;1";
	const char *l2 = "Local/2101@from-queue-0000001a;2";

	memset(&t, 0, sizeof(t));
	CU_ASSERT_EQUAL_FATAL(cs_cel_reader_init(&r, 0, &err), 0);
	ev(&r, cc, &t, "CHAN_START", 0, A, AU, "", "", "", "");
	ev(&r, cc, &t, "APP_START", 0, A, AU, "Queue", "accueil", "", "");
	ev(&r, cc, &t, "CHAN_START", 1, l1, "1709542801.2", "", "", "", "");
	ev(&r, cc, &t, "CHAN_START", 1, l2, "1709542801.3", "", "", "", "");
	ev(&r, cc, &t, "APP_START", 1, l2, "1709542801.3", "Dial", "PJSIP/2101", "", "");
	ev(&r, cc, &t, "CHAN_START", 1, B1, "1709542801.4", "", "", "", "");
	ev(&r, cc, &t, "ANSWER", 15, B1, "1709542801.4", "AppDial", "(Outgoing Line)", "", "");
	ev(&r, cc, &t, "ANSWER", 15, l2, "1709542801.3", "Dial", "PJSIP/2101", "", "");
	ev(&r, cc, &t, "BRIDGE_ENTER", 15, B1, "1709542801.4", "AppDial", "(Outgoing Line)", "", "");
	ev(&r, cc, &t, "BRIDGE_ENTER", 15, l2, "1709542801.3", "Dial", "PJSIP/2101", B1, "");
	ev(&r, cc, &t, "ANSWER", 15, l1, "1709542801.2", "AppQueue", "(Outgoing Line)", "", "");
	ev(&r, cc, &t, "BRIDGE_ENTER", 15, l1, "1709542801.2", "AppQueue", "(Outgoing Line)", "", "");
	ev(&r, cc, &t, "BRIDGE_ENTER", 15, A, AU, "Queue", "accueil", l1, "");
	ev(&r, cc, &t, "HANGUP", 60, A, AU, "Queue", "accueil", "", SRC_A);
	ev(&r, cc, &t, "CHAN_END", 60, A, AU, "Queue", "accueil", "", "");
	ev(&r, cc, &t, "HANGUP", 60, l1, "1709542801.2", "AppQueue", "(Outgoing Line)", "", "");
	ev(&r, cc, &t, "CHAN_END", 60, l1, "1709542801.2", "AppQueue", "(Outgoing Line)", "", "");
	ev(&r, cc, &t, "HANGUP", 60, l2, "1709542801.3", "Dial", "PJSIP/2101", "", "");
	ev(&r, cc, &t, "CHAN_END", 60, l2, "1709542801.3", "Dial", "PJSIP/2101", "", "");
	ev(&r, cc, &t, "HANGUP", 60, B1, "1709542801.4", "AppDial", "(Outgoing Line)", "", "");
	ev(&r, cc, &t, "CHAN_END", 60, B1, "1709542801.4", "AppDial", "(Outgoing Line)", "", "");
	CU_ASSERT_EQUAL(cs_cel_calls_open(cc), 0);
	CU_ASSERT_EQUAL_FATAL(t.ncdr, 1);
	CU_ASSERT_STRING_EQUAL(t.cdr[0].dstchannel, l1);
	CU_ASSERT_EQUAL(t.cdr[0].start, T0);
	CU_ASSERT_EQUAL(t.cdr[0].answer, T0 + 15);
	CU_ASSERT_EQUAL(t.cdr[0].end, T0 + 60);
	CU_ASSERT_EQUAL_FATAL(t.nq, 3);
	CU_ASSERT_STRING_EQUAL(t.q[1].event, "CONNECT");
	CU_ASSERT_STRING_EQUAL(t.q[1].agent, l1);
	CU_ASSERT_STRING_EQUAL(t.q[1].data[0], "15");
	CU_ASSERT_STRING_EQUAL(t.q[2].event, "COMPLETECALLER");
	cs_cel_reader_release(&r);
	cs_cel_calls_free(cc);
}

static CU_TestInfo tests[] = {
	{ "parse_sample", test_parse_sample },
	{ "parse_extra", test_parse_extra },
	{ "bad_lines", test_bad_lines },
	{ "queue_answered", test_queue_answered },
	{ "queue_abandoned_and_missed", test_queue_abandoned_and_missed },
	{ "dial_busy_voicemail", test_dial_busy_voicemail },
	{ "queue_local_member", test_queue_local_member },
	CU_TEST_INFO_NULL
};

CS_UNIT_SUITE("cel", tests)
