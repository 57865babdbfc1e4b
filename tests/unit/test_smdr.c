/*
 * test_smdr.c: the smdr suite: Avaya IP Office SMDR lines split and
 * checked, detected, and said as neutral legs (avaya_smdr.h): what each
 * line of tests/data/samples/avaya_smdr/ became.  Instants worked out by
 * hand, Europe/Paris being UTC+2 in summer: 2008-01-01 is day 13879 since
 * the epoch, so 2008-06-28 (day 179 of a leap year) is day 14058,
 * 1214611200; 2018-09-07 is day 17781, 1536278400.
 */
#include <stdlib.h>
#include <string.h>

#include "readers/avaya_smdr.h"
#include "readers/format.h"
#include "timeutil.h"
#include "unit.h"

#define KB "tests/data/samples/avaya_smdr/ipofficekb_smdr_examples.csv"
#define KAFKA "tests/data/samples/avaya_smdr/kafka_doc_2018_ipoffice_smdr.csv"

/* The lines of a sample, as read: no line end. */
static int
sample_lines(const char *rel, char lines[16][512])
{
	FILE *fp = fopen(cs_unit_data(rel), "r");
	int n = 0;

	if (fp == NULL)
		return -1;
	while (n < 16 && fgets(lines[n], 512, fp) != NULL) {
		lines[n][strcspn(lines[n], "\r\n")] = '\0';
		n++;
	}
	fclose(fp);
	return n;
}

/* Parses line and says it as a leg; the return of the parse. */
static int
leg_of(struct cs_smdr_reader *r, const struct cs_config *cfg,
    const char *line, struct cs_smdr_record *rec, struct cs_gcsv_record *leg,
    struct cs_error *err)
{
	int rc = cs_smdr_parse(r, line, strlen(line), rec, err);

	if (rc == 0)
		cs_smdr_leg(r, cfg, rec, leg);
	return rc;
}

#define LEG(l, st, an, en, cl, di, de, by_, disp_) do { \
	CU_ASSERT_EQUAL((l).start, (st)); \
	CU_ASSERT_EQUAL((l).answer, (an)); \
	CU_ASSERT_EQUAL((l).end, (en)); \
	CU_ASSERT_EQUAL((l).duration, (long)((en) - (st))); \
	CU_ASSERT_STRING_EQUAL((l).f[CS_GCSV_CALLER], (cl)); \
	CU_ASSERT_STRING_EQUAL((l).f[CS_GCSV_DIALLED], (di)); \
	CU_ASSERT_STRING_EQUAL((l).f[CS_GCSV_DESTINATION], (de)); \
	CU_ASSERT_STRING_EQUAL((l).f[CS_GCSV_QUEUE], ""); \
	CU_ASSERT_EQUAL((l).by, (by_)); \
	CU_ASSERT_EQUAL((l).disp, (disp_)); \
} while (0)

/* The Avaya knowledge base's examples, one by one. */
static void
test_smdr_kb(void)
{
	struct cs_smdr_reader r;
	struct cs_smdr_record rec;
	struct cs_gcsv_record l;
	struct cs_error err;
	char lines[16][512];

	CU_ASSERT_EQUAL_FATAL(cs_tz_use("Europe/Paris", &err), 0);
	CU_ASSERT_EQUAL_FATAL(sample_lines(KB, lines), 6);
	CU_ASSERT_EQUAL_FATAL(cs_smdr_reader_init(&r, 0, &err), 0);

	/* a lost incoming call: 09:28:41 local is 07:28:41Z, 1214611200 +
	   26921; it rang 9 s, nobody connected; the town's side is Party1 */
	CU_ASSERT_EQUAL_FATAL(leg_of(&r, NULL, lines[0], &rec, &l, &err), 0);
	CU_ASSERT_EQUAL(rec.nfields, 17);
	CU_ASSERT_STRING_EQUAL(rec.f[CS_SMDR_CALL_ID], "1000014155");
	CU_ASSERT_EQUAL(rec.inbound, 1);
	CU_ASSERT_EQUAL(rec.more, 0);
	LEG(l, 1214638121, 0, 1214638130, "8004206", "4324", "4324",
	    CS_GCSV_BY_NONE, CS_GCSV_D_NONE);
	CU_ASSERT_STRING_EQUAL(l.f[CS_GCSV_CALL_ID], "1000014155");

	/* 15 calls 11, voicemail answers: 2008-10-20 (day 14172) 06:43:58
	   local, 04:43:58Z = 1224460800 + 17038; ring 21 s, 10 s connected;
	   "I" in Is Internal and a trailing blank, as the KB prints them */
	CU_ASSERT_EQUAL_FATAL(leg_of(&r, NULL, lines[1], &rec, &l, &err), 0);
	CU_ASSERT_STRING_EQUAL(rec.f[CS_SMDR_PARK], "0");
	CU_ASSERT_EQUAL(rec.inbound, 0);
	LEG(l, 1224477838, 1224477859, 1224477869, "15", "11", "V9051",
	    CS_GCSV_BY_PBX, CS_GCSV_D_ANSWERED);

	/* transferred to voicemail: two records of call 1000014160, the
	   same Call Start (07:30:57Z, 1214611200 + 27057); the first rang
	   7 s, talked 13 s, held 11 s: 31 s; the second starts then */
	CU_ASSERT_EQUAL_FATAL(leg_of(&r, NULL, lines[2], &rec, &l, &err), 0);
	CU_ASSERT_EQUAL(rec.more, 1);
	CU_ASSERT_EQUAL(rec.hold, 11);
	LEG(l, 1214638257, 1214638264, 1214638288, "01707392200", "299999",
	    "4750", CS_GCSV_BY_HUMAN, CS_GCSV_D_ANSWERED);
	CU_ASSERT_EQUAL_FATAL(leg_of(&r, NULL, lines[3], &rec, &l, &err), 0);
	LEG(l, 1214638288, 1214638288, 1214638309, "01707392200", "299999",
	    "V9502", CS_GCSV_BY_PBX, CS_GCSV_D_ANSWERED);
	CU_ASSERT_STRING_EQUAL(l.f[CS_GCSV_CALL_ID], "1000014160");

	/* external incoming, 30 fields: to DDI 390664 (Dialled Number),
	   sent to 23 (Called Number); 13:14:19Z on 2008-08-01 (day 14092) */
	CU_ASSERT_EQUAL_FATAL(leg_of(&r, NULL, lines[4], &rec, &l, &err), 0);
	CU_ASSERT_EQUAL(rec.nfields, 31);
	LEG(l, 1217596459, 1217596466, 1217596471, "01707299900", "390664",
	    "23", CS_GCSV_BY_HUMAN, CS_GCSV_D_ANSWERED);

	/* internal: 4688 to 4207, 08:27:44Z on 2008-06-26 (day 14056) */
	CU_ASSERT_EQUAL_FATAL(leg_of(&r, NULL, lines[5], &rec, &l, &err), 0);
	LEG(l, 1214468864, 1214468868, 1214468912, "4688", "4207", "4207",
	    CS_GCSV_BY_HUMAN, CS_GCSV_D_ANSWERED);
	cs_smdr_reader_release(&r);
}

/* A real 30-field stream: a SIP caller, Cyrillic names, virtual
 * extensions that place calls with no Caller. */
static void
test_smdr_kafka(void)
{
	struct cs_smdr_reader r;
	struct cs_smdr_record rec;
	struct cs_gcsv_record l;
	struct cs_error err;
	char lines[16][512];

	CU_ASSERT_EQUAL_FATAL(cs_tz_use("Europe/Paris", &err), 0);
	CU_ASSERT_EQUAL_FATAL(sample_lines(KAFKA, lines), 9);
	CU_ASSERT_EQUAL_FATAL(cs_smdr_reader_init(&r, 0, &err), 0);
	/* 11:06:53 local, 09:06:53Z = 1536278400 + 32813: voicemail
	   (Party2; Party1 is the trunk) answers at once, 27 s */
	CU_ASSERT_EQUAL_FATAL(leg_of(&r, NULL, lines[0], &rec, &l, &err), 0);
	CU_ASSERT_EQUAL(rec.nfields, 30);
	LEG(l, 1536311213, 1536311213, 1536311240, "9145661757", "2160492",
	    "V9513", CS_GCSV_BY_PBX, CS_GCSV_D_ANSWERED);
	/* then sent to 4666: never rang, reached nobody */
	CU_ASSERT_EQUAL_FATAL(leg_of(&r, NULL, lines[1], &rec, &l, &err), 0);
	LEG(l, 1536311240, 0, 1536311240, "9145661757", "2160492", "",
	    CS_GCSV_BY_NONE, CS_GCSV_D_FAILED);
	/* a virtual extension's call that never rang: the caller is Party1 */
	CU_ASSERT_EQUAL_FATAL(leg_of(&r, NULL, lines[2], &rec, &l, &err), 0);
	LEG(l, 1536311240, 0, 1536311240, "3776", "78007750775", "",
	    CS_GCSV_BY_NONE, CS_GCSV_D_FAILED);
	/* 4731 out on line 17.4, 38 s, a Cyrillic name kept as UTF-8 */
	CU_ASSERT_EQUAL_FATAL(leg_of(&r, NULL, lines[3], &rec, &l, &err), 0);
	LEG(l, 1536311179, 1536311179, 1536311217, "4731", "69145869202",
	    "T9017", CS_GCSV_BY_HUMAN, CS_GCSV_D_ANSWERED);
	CU_ASSERT_STRING_EQUAL(rec.f[CS_SMDR_P1_NAME],
	    "\xd0\xa2\xd0\xb0\xd1\x80\xd0\xbe\xd0\xb2\xd0\xb0\xd1\x82\xd0\xbe"
	    "\xd0\xb2\xd0\xb0 \xd0\x9c");
	for (int i = 4; i < 9; i++) {
		CU_ASSERT_EQUAL(leg_of(&r, NULL, lines[i], &rec, &l, &err), 0);
		CU_ASSERT_EQUAL(l.disp, CS_GCSV_D_FAILED);
	}
	cs_smdr_reader_release(&r);
}

/* A hunt group nobody answered is a queue when the configuration names
 * it; UTC times with --times utc. */
static void
test_smdr_queue_utc(void)
{
	struct cs_smdr_reader r;
	struct cs_smdr_record rec;
	struct cs_gcsv_record l;
	struct cs_config cfg;
	struct cs_error err;

	cs_config_init(&cfg);
	CU_ASSERT_EQUAL_FATAL(cs_config_load(&cfg,
	    cs_unit_data("tests/data/synth-town.conf"), &err), 0);
	CU_ASSERT_EQUAL_FATAL(cs_smdr_reader_init(&r, 1, &err), 0);
	/* 2024-03-04 (day 19786, 1709510400) 09:00:00 UTC */
	CU_ASSERT_EQUAL(leg_of(&r, &cfg, "2024/03/04 09:00:00,00:00:00,42,"
	    "0612345678,I,0199000300,0199000300,,0,77,0,E601,etat-civil,"
	    "T9001,Line 1.1,0,0", &rec, &l, &err), 0);
	CU_ASSERT_EQUAL(l.start, 1709542800);
	CU_ASSERT_EQUAL(l.end, 1709542842);
	CU_ASSERT_STRING_EQUAL(l.f[CS_GCSV_QUEUE], "etat-civil");
	CU_ASSERT_STRING_EQUAL(l.f[CS_GCSV_DESTINATION], "");
	/* answered: the agent, no queue */
	CU_ASSERT_EQUAL(leg_of(&r, &cfg, "2024/03/04 09:00:00,00:01:00,12,"
	    "0612345678,I,0199000300,0199000300,,0,78,0,E2301,Extn2301,"
	    "T9001,Line 1.1,0,0", &rec, &l, &err), 0);
	CU_ASSERT_STRING_EQUAL(l.f[CS_GCSV_QUEUE], "");
	CU_ASSERT_STRING_EQUAL(l.f[CS_GCSV_DESTINATION], "2301");
	CU_ASSERT_EQUAL(l.answer, 1709542812);
	cs_smdr_reader_release(&r);
	cs_config_release(&cfg);
}

/* The hour repeated at the end of summer time: 2024-10-27 02:30 local is
 * 00:30Z (1729989000) or 01:30Z (1729992600). */
static void
test_smdr_dst(void)
{
	struct cs_smdr_reader r;
	struct cs_smdr_record rec;
	struct cs_gcsv_record l;
	struct cs_error err;

	CU_ASSERT_EQUAL_FATAL(cs_tz_use("Europe/Paris", &err), 0);
	CU_ASSERT_EQUAL_FATAL(cs_smdr_reader_init(&r, 0, &err), 0);
	/* nothing before: the earlier */
	CU_ASSERT_EQUAL(leg_of(&r, NULL, "2024/10/27 02:30:00,00:00:10,5,"
	    "0612345678,I,0199000100,0199000100,,0,1,0,E2101,A,T9001,L,0,0",
	    &rec, &l, &err), 0);
	CU_ASSERT_EQUAL(l.start, 1729989000);
	/* 02:50 in summer time (00:50Z), then a call of 02:10: 01:10Z, 20
	   minutes after, rather than 00:10Z, 40 minutes before */
	CU_ASSERT_EQUAL(leg_of(&r, NULL, "2024/10/27 02:50:00,00:00:10,5,"
	    "0612345678,I,0199000100,0199000100,,0,2,0,E2101,A,T9001,L,0,0",
	    &rec, &l, &err), 0);
	CU_ASSERT_EQUAL(l.start, 1729990200);
	CU_ASSERT_EQUAL(leg_of(&r, NULL, "2024/10/27 02:10:00,00:00:10,5,"
	    "0612345678,I,0199000100,0199000100,,0,3,0,E2101,A,T9001,L,0,0",
	    &rec, &l, &err), 0);
	CU_ASSERT_EQUAL(l.start, 1729991400);
	cs_smdr_reader_release(&r);
}

static void
reject(struct cs_smdr_reader *r, const char *line, const char *msg,
    long column)
{
	struct cs_smdr_record rec;
	struct cs_error err;

	CU_ASSERT_EQUAL(cs_smdr_parse(r, line, strlen(line), &rec, &err), -1);
	CU_ASSERT_STRING_EQUAL(err.msg, msg);
	CU_ASSERT_EQUAL(err.column, column);
}

#define TAIL ",0612345678,I,0199000100,0199000100,,0,9,0,E2101,A,T9001,L,0,0"

static void
test_smdr_bad(void)
{
	struct cs_smdr_reader r;
	struct cs_error err;

	CU_ASSERT_EQUAL_FATAL(cs_smdr_reader_init(&r, 1, &err), 0);
	reject(&r, "2024/03/04 09:00:00,00:00:10,5",
	    "expected 17 to 64 fields, found 3", 0);
	reject(&r, "2024-03-04 09:00:00,00:00:10,5" TAIL, "field 1 (call start): "
	    "not a date and time (YYYY/MM/DD HH:MM:SS): '2024-03-04 09:00:00'", 1);
	reject(&r, "2024/02/30 09:00:00,00:00:10,5" TAIL,
	    "field 1 (call start): no such date or time: '2024/02/30 09:00:00'", 1);
	reject(&r, "1970/01/01 00:00:00,00:00:10,5" TAIL, "field 1 (call start) "
	    "is out of range: '1970/01/01 00:00:00' (years 1990 to 2099 are "
	    "read); check the PBX's clock, then remove the line or correct it", 1);
	reject(&r, "2024/03/04 09:00:00,00:70:10,5" TAIL, "field 2 (connected "
	    "time): not a duration (HH:MM:SS) of at most 7 days: '00:70:10'", 2);
	reject(&r, "2024/03/04 09:00:00,00:00:10,x" TAIL,
	    "field 3 (ring time): not a number of seconds: 'x'", 3);
	reject(&r, "2024/03/04 09:00:00,00:00:10,5,0612345678,X,1,1,,0,9,0,E1,A,"
	    "T1,L,0,0", "field 5 (direction): not I or O: 'X'", 5);
	reject(&r, "2024/03/04 09:00:00,00:00:10,5,0612345678,I,1,1,,0,,0,E1,A,"
	    "T1,L,0,0", "field 10 (call id): empty: ''", 10);
	reject(&r, "2024/03/04 09:00:00,00:00:10,5,0612345678,I,1,1,,0,9,2,E1,A,"
	    "T1,L,0,0", "field 11 (continuation): not 0 or 1: '2'", 11);
	reject(&r, "2024/03/04 09:00:00,00:00:10,5,0612345678,I,1,1,,0,9,0,E1,A,"
	    "T1,L,-1,0", "field 16 (hold time): not a number of seconds: '-1'", 16);
	reject(&r, "2024/03/04 09:00:00,00:00:10,5,0612345678,I,1,1,,0,9,0,E1,A,"
	    "T1,L,0,\x01", "binary data in line (byte 0x01 at column 68)", 0);
	cs_smdr_reader_release(&r);
}

static void
test_smdr_detect(void)
{
	const char *good = "2008/06/28 09:28:41,00:00:00,9,8004206,I,4324,4324,,"
	    "0,1000014155,0,E4324,Joe Bloggs,T9161,LINE 5.1,0,0";
	const char *cdr = "\"\",\"8004206\",\"4324\",\"default\",\"\",\"SIP/1\","
	    "\"\",\"Dial\",\"\",\"2008-06-28 09:28:41\",\"\",\"2008-06-28 "
	    "09:28:50\",\"9\",\"0\",\"NO ANSWER\",\"DOCUMENTATION\"";

	CU_ASSERT_EQUAL(cs_smdr_looks(good, good + strlen(good)), 1);
	CU_ASSERT_EQUAL(cs_format_detect(good, strlen(good)),
	    &cs_format_avaya_smdr);
	CU_ASSERT_EQUAL(cs_smdr_looks(cdr, cdr + strlen(cdr)), 0);
	/* a dash date, a Direction that is none, a missing field */
	CU_ASSERT_EQUAL(cs_smdr_looks(good, good + 40), 0);
	{
		char s[256];

		snprintf(s, sizeof(s), "%s", good);
		s[4] = '-';
		CU_ASSERT_EQUAL(cs_smdr_looks(s, s + strlen(s)), 0);
		snprintf(s, sizeof(s), "%s", good);
		s[39] = 'X';	/* the direction I */
		CU_ASSERT_EQUAL(cs_smdr_looks(s, s + strlen(s)), 0);
	}
	/* Delta Server's header names the fields: ours, no record */
	CU_ASSERT_EQUAL(cs_format_avaya_smdr.noise("Call Start,Connected Time,"
	    "Ring Time", 35), CS_FORMAT_NOISE_OURS);
	CU_ASSERT_EQUAL(cs_format_find("avaya-smdr"), &cs_format_avaya_smdr);
	/* who ended a call nobody answered: not said (t0285 checks it) */
	CU_ASSERT_STRING_EQUAL(cs_format_avaya_smdr.lacks,
	    "abandoned, missed, abandon_rate, abandon_wait");
}

/*
 * A day of transfers: 3000 calls of two records each, a call's second
 * record coming after the next call's first, so that two calls at most
 * are under way.  Each second record starts where its first ended (rang
 * 5 s, connected 10 s: 15 s after the Call Start), however many calls
 * came before: the reader's table of calls under way frees the slots of
 * the calls that ended, and never forgets a call still under way.
 */
static void
test_smdr_many_transfers(void)
{
	struct cs_smdr_reader r;
	struct cs_smdr_record rec;
	struct cs_gcsv_record l;
	struct cs_error err;
	char line[256];
	int wrong = 0;

	CU_ASSERT_EQUAL_FATAL(cs_smdr_reader_init(&r, 1, &err), 0);
	for (int k = 0; k <= 3000; k++) {
		if (k < 3000) {
			/* call k's first record, 09:00:00 UTC + k minutes */
			snprintf(line, sizeof(line), "2024/03/04 %02d:%02d:00,"
			    "00:00:10,5,0612345678,I,0199000300,0199000300,,0,"
			    "%d,1,E2301,Extn2301,T9001,Line 1.1,0,0",
			    9 + k / 60 % 15, k % 60, 7000000 + k);
			CU_ASSERT_EQUAL_FATAL(leg_of(&r, NULL, line, &rec, &l,
			    &err), 0);
		}
		if (k == 0)
			continue;
		/* call k - 1's second record, voicemail, 20 s */
		snprintf(line, sizeof(line), "2024/03/04 %02d:%02d:00,00:00:20,"
		    "0,0612345678,I,0199000300,0199000300,,0,%d,0,V9502,"
		    "VM Channel 2,T9001,Line 1.1,0,0", 9 + (k - 1) / 60 % 15,
		    (k - 1) % 60, 7000000 + k - 1);
		CU_ASSERT_EQUAL_FATAL(leg_of(&r, NULL, line, &rec, &l, &err), 0);
		/* 2024-03-04 is day 19786: 1709510400 */
		if (l.start != 1709510400 + (9 + (k - 1) / 60 % 15) * 3600 +
		    (k - 1) % 60 * 60 + 15)
			wrong++;
	}
	CU_ASSERT_EQUAL(wrong, 0);
	cs_smdr_reader_release(&r);
}

/*
 * The split at commas, blanks trimmed, against the plain way written here:
 * 20,000 lines of 0 to 199 bytes of letters, digits, blanks and commas
 * (fields across the 16-byte blocks the reader looks at at once, runs of
 * commas, blanks alone); the fields are set whether or not the line then
 * passes.
 */
static void
test_smdr_split(void)
{
	static const char alphabet[] = "ab1:/ ,,,\t";
	struct cs_smdr_reader r;
	struct cs_smdr_record rec;
	struct cs_error err;
	unsigned seed = 7;
	int bad = 0;

	CU_ASSERT_EQUAL_FATAL(cs_smdr_reader_init(&r, 1, &err), 0);
	for (int t = 0; t < 20000; t++) {
		char line[200], want[CS_SMDR_NFIELDS][200];
		int len, nwant = 0, at = 0;

		seed = seed * 1103515245u + 12345u;
		len = (int)((seed >> 16) % sizeof(line));
		for (int i = 0; i < len; i++) {
			seed = seed * 1103515245u + 12345u;
			line[i] = alphabet[(seed >> 16) % (sizeof(alphabet) - 1)];
		}
		/* the plain way: up to each comma, blanks off both ends */
		for (int i = 0; i <= len; i++) {
			if (i < len && line[i] != ',')
				continue;
			if (nwant < CS_SMDR_NFIELDS) {
				int s = at, e = i;

				while (s < e && (line[s] == ' ' || line[s] == '\t'))
					s++;
				while (e > s && (line[e - 1] == ' ' || line[e - 1] == '\t'))
					e--;
				memcpy(want[nwant], line + s, (size_t)(e - s));
				want[nwant][e - s] = '\0';
			}
			nwant++;
			at = i + 1;
		}
		(void)cs_smdr_parse(&r, line, (size_t)len, &rec, &err);
		bad += rec.nfields != nwant;
		for (int k = 0; k < nwant && k < CS_SMDR_NFIELDS &&
		    rec.nfields == nwant; k++)
			bad += strcmp(rec.f[k], want[k]) != 0;
	}
	CU_ASSERT_EQUAL(bad, 0);
	cs_smdr_reader_release(&r);
}

static CU_TestInfo tests[] = {
	{ "smdr_split", test_smdr_split },
	{ "smdr_many_transfers", test_smdr_many_transfers },
	{ "smdr_kb", test_smdr_kb },
	{ "smdr_kafka", test_smdr_kafka },
	{ "smdr_queue_utc", test_smdr_queue_utc },
	{ "smdr_dst", test_smdr_dst },
	{ "smdr_bad", test_smdr_bad },
	{ "smdr_detect", test_smdr_detect },
	CU_TEST_INFO_NULL
};

CS_UNIT_SUITE("smdr", tests)
