/*
 * generic-csv (readers/generic_csv*.c): tests/data/generic/hosted.csv read
 * with the [format hosted] section of hosted.conf, line by line, stored and
 * mapped: each line's result, and the pieces its rows became.  Expected
 * values worked out by hand from the lines (Europe/Paris is UTC+1 on
 * 4 March 2025).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "config.h"
#include "pieces.h"
#include "privacy.h"
#include "readers/generic_csv.h"
#include "unit.h"

#define T0 1741046400LL		/* 2025-03-04T00:00:00Z */

static struct cs_config cfg;
static struct cs_privacy priv;	/* a key of zeros */

static int
init(void)
{
	struct cs_error err;

	cs_config_init(&cfg);
	if (cs_config_load(&cfg, cs_unit_data("tests/data/generic/hosted.conf"),
	    &err) != 0) {
		fprintf(stderr, "generic_csv: %s\n", err.msg);
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

static void
run(const char *variant, const char *const *lines, int n,
    struct cs_unit_got *g)
{
	struct cs_format_ctx ctx = { .priv = &priv, .cfg = &cfg, .utc = 0,
	    .variant = variant };

	cs_unit_pieces(&cs_format_generic_csv, &ctx, lines, n, g);
}

static void
test_hosted(void)
{
	static char buf[4096];
	const char *lines[16];
	int n = 0;
	FILE *fp = fopen(cs_unit_data("tests/data/generic/hosted.csv"), "rb");
	size_t len;
	struct cs_unit_got g;
	const struct cs_piece *p;

	CU_ASSERT_PTR_NOT_NULL_FATAL(fp);
	len = fread(buf, 1, sizeof(buf) - 1, fp);
	fclose(fp);
	buf[len] = '\0';
	for (char *s = buf, *nl; (nl = strchr(s, '\n')) != NULL; s = nl + 1) {
		*nl = '\0';
		lines[n++] = s;
	}
	CU_ASSERT_EQUAL_FATAL(n, 7);
	run("hosted", lines, n, &g);
	CU_ASSERT_EQUAL(g.rc[0], 1);		/* the header */
	for (int i = 1; i < 7; i++)
		CU_ASSERT_EQUAL(g.rc[i], 0);
	/* h1, h2, h3, h5 have a queue: the leg, ENTERED and the exit (3
	   each); h4's two rows have none: 4 * 3 + 2 */
	CU_ASSERT_EQUAL_FATAL(g.n, 14);

	/* h1: 09:00:00 local is 08:00:00Z; answered 20 s later by 2101 in
	   accueil, ended at 09:03:20 */
	p = cs_unit_piece(&g, 2, 0);
	CU_ASSERT_EQUAL(p->kind, CS_PIECE_LEG);
	CU_ASSERT_EQUAL(p->u.leg.start, T0 + 8 * 3600);
	CU_ASSERT_EQUAL(p->u.leg.answer, T0 + 8 * 3600 + 20);
	CU_ASSERT_EQUAL(p->u.leg.end, T0 + 8 * 3600 + 200);
	CU_ASSERT_EQUAL(p->u.leg.duration, 200);
	CU_ASSERT_STRING_EQUAL(p->u.leg.key, "h1");
	CU_ASSERT_STRING_EQUAL(p->u.leg.peer, "2101");
	CU_ASSERT_STRING_EQUAL(p->u.leg.queue, "accueil");
	CU_ASSERT_STRING_EQUAL(p->u.leg.to, "0199000100");	/* the town's */
	CU_ASSERT_EQUAL(strlen(p->u.leg.caller), CS_HASH_HEX);
	CU_ASSERT_STRING_EQUAL(p->u.leg.from, "");	/* a phone: not in clear */
	CU_ASSERT_EQUAL(p->u.leg.target, CS_TARGET_QUEUE);
	CU_ASSERT_EQUAL(p->u.leg.ended, CS_LEG_ANSWERED);
	p = cs_unit_piece(&g, 2, 1);
	CU_ASSERT_EQUAL(p->kind, CS_PIECE_QEVENT);
	CU_ASSERT_EQUAL(p->u.ev.kind, CS_QEV_ENTERED);
	CU_ASSERT_EQUAL(p->u.ev.time, T0 + 8 * 3600);
	p = cs_unit_piece(&g, 2, 2);
	CU_ASSERT_EQUAL(p->u.ev.kind, CS_QEV_CONNECTED);
	CU_ASSERT_EQUAL(p->u.ev.time, T0 + 8 * 3600 + 20);
	CU_ASSERT_EQUAL(p->u.ev.wait, 20);
	CU_ASSERT_STRING_EQUAL(p->u.ev.peer, "2101");
	/* the piece of an event comes at its leg's start */
	CU_ASSERT_EQUAL(p->time, T0 + 8 * 3600);

	/* h2: 10:00+01:00 is 09:00Z; the caller hung up after 45 s */
	p = cs_unit_piece(&g, 3, 0);
	CU_ASSERT_EQUAL(p->u.leg.start, T0 + 9 * 3600);
	CU_ASSERT_EQUAL(p->u.leg.answer, 0);
	CU_ASSERT_EQUAL(p->u.leg.ended, CS_LEG_UNANSWERED);
	p = cs_unit_piece(&g, 3, 2);
	CU_ASSERT_EQUAL(p->u.ev.kind, CS_QEV_ABANDONED);
	CU_ASSERT_EQUAL(p->u.ev.time, T0 + 9 * 3600 + 45);

	/* h3: epoch 1741082400 is 10:00Z; withheld; no agent rung, timeout */
	p = cs_unit_piece(&g, 4, 0);
	CU_ASSERT_EQUAL(p->u.leg.start, 1741082400);
	CU_ASSERT_STRING_EQUAL(p->u.leg.caller, "");
	CU_ASSERT_EQUAL(p->u.leg.target, CS_TARGET_QUEUE_EMPTY);
	CU_ASSERT_EQUAL(p->u.leg.ended, CS_LEG_FAILED);
	p = cs_unit_piece(&g, 4, 2);
	CU_ASSERT_EQUAL(p->u.ev.kind, CS_QEV_MISSED);
	CU_ASSERT_EQUAL(p->u.ev.time, 1741082520);

	/* h4: a direct line (2205) not answered, then the voicemail box
	   (answered by "voicemail", one of answered_by.pbx's values) */
	p = cs_unit_piece(&g, 5, 0);
	CU_ASSERT_EQUAL(p->u.leg.target, CS_TARGET_PERSON);
	CU_ASSERT_EQUAL(p->u.leg.ended, CS_LEG_UNANSWERED);
	CU_ASSERT_STRING_EQUAL(p->u.leg.peer, "2205");
	CU_ASSERT_PTR_NULL(cs_unit_piece(&g, 5, 1));
	p = cs_unit_piece(&g, 6, 0);
	CU_ASSERT_EQUAL(p->u.leg.target, CS_TARGET_VOICEMAIL);
	CU_ASSERT_EQUAL(p->u.leg.ended, CS_LEG_ANSWERED);
	CU_ASSERT_EQUAL(p->u.leg.start, T0 + 10 * 3600 + 25);

	/* h5: no agent logged in: the queue empty, missed */
	p = cs_unit_piece(&g, 7, 0);
	CU_ASSERT_EQUAL(p->u.leg.target, CS_TARGET_QUEUE_EMPTY);
	CU_ASSERT_EQUAL(p->u.leg.ended, CS_LEG_FAILED);
	CU_ASSERT_EQUAL(cs_unit_piece(&g, 7, 2)->u.ev.kind, CS_QEV_MISSED);
	cs_unit_got_release(&g);
}

static void
test_bad_rows(void)
{
	static const char *const lines[] = {
		"Call ID;Started;Answered;Ended;From;From name;To;Agent;Queue;Answered by;Result",
		/* 2: too few fields: Result is the 11th */
		"x;2025-03-04 09:00:00;;2025-03-04 09:01:00;0639980101",
		/* 3: a value no disposition.* key names, in column 11 */
		"x;2025-03-04 09:00:00;;2025-03-04 09:01:00;;;0199000100;;;;dropped",
		/* 4: answered, but no answer time */
		"x;2025-03-04 09:00:00;;2025-03-04 09:01:00;;;;;;;answered",
		/* 5: no such day */
		"x;2025-02-30 09:00:00;;2025-03-04 09:01:00;;;;;;;",
		/* 6: ends before it starts */
		"x;2025-03-04 09:00:00;;2025-03-04 08:59:00;;;;;;;",
		/* 7: an unterminated quote (starts at column 3) */
		"x;\"2025-03-04 09:00:00;;2025-03-04 09:01:00;;;;;;;",
		/* 8: no call id */
		";2025-03-04 09:00:00;;2025-03-04 09:01:00;;;;;;;",
		/* 9: binary */
		"x;\001\002;;;;;;;;;",
		/* 10: fine, blanks around fields and a doubled quote */
		" y ; 2025-03-04 09:00:00 ;;2025-03-04 09:01:00;;\"a \"\"b\"\"\";;;;;",
		/* 11: an answered_by value no key names, column 10 */
		"x;2025-03-04 09:00:00;;2025-03-04 09:01:00;;;;;;robot;",
	};
	struct cs_unit_got g;

	run("hosted", lines, 11, &g);
	CU_ASSERT_EQUAL(g.rc[0], 1);
	CU_ASSERT_EQUAL(g.rc[1], -1);
	CU_ASSERT_STRING_EQUAL(g.msg[1], "expected at least 11 fields, found 5");
	CU_ASSERT_EQUAL(g.rc[2], -1);
	CU_ASSERT_EQUAL(g.column[2], 11);
	CU_ASSERT_PTR_NOT_NULL(strstr(g.msg[2], "disposition 'dropped' (column 11, Result)"));
	CU_ASSERT_EQUAL(g.rc[3], -1);
	CU_ASSERT_PTR_NOT_NULL(strstr(g.msg[3], "answer time is empty"));
	CU_ASSERT_EQUAL(g.rc[4], -1);
	CU_ASSERT_EQUAL(g.column[4], 2);
	CU_ASSERT_EQUAL(g.rc[5], -1);
	CU_ASSERT_PTR_NOT_NULL(strstr(g.msg[5], "before the leg's start"));
	CU_ASSERT_EQUAL(g.rc[6], -1);
	CU_ASSERT_EQUAL(g.column[6], 3);
	CU_ASSERT_PTR_NOT_NULL(strstr(g.msg[6], "unterminated quoted field 2"));
	CU_ASSERT_EQUAL(g.rc[7], -1);
	CU_ASSERT_PTR_NOT_NULL(strstr(g.msg[7], "call_id"));
	CU_ASSERT_EQUAL(g.rc[8], -1);
	CU_ASSERT_PTR_NOT_NULL(strstr(g.msg[8], "binary data"));
	CU_ASSERT_EQUAL(g.rc[9], 0);
	CU_ASSERT_EQUAL(g.rc[10], -1);
	CU_ASSERT_EQUAL(g.column[10], 10);
	/* line 10's one leg, its key without the blanks */
	CU_ASSERT_EQUAL_FATAL(g.n, 1);
	CU_ASSERT_STRING_EQUAL(g.p[0].u.leg.key, "y");
	CU_ASSERT_EQUAL(g.p[0].u.leg.target, CS_TARGET_OTHER);
	cs_unit_got_release(&g);
}

/* Columns by number, a duration instead of the end. */
static void
test_numbered(void)
{
	static const char *const lines[] = {
		"n1;2025-03-04 09:00:00;2025-03-04 09:00:20;;0639980101;;0199000100;2101;accueil;agent;answered;;200",
		"n2;2025-03-04 09:00:00",
	};
	struct cs_unit_got g;

	run("numbered", lines, 2, &g);
	CU_ASSERT_EQUAL(g.rc[0], 0);
	CU_ASSERT_EQUAL(g.rc[1], -1);
	CU_ASSERT_STRING_EQUAL(g.msg[1], "expected at least 13 fields, found 2");
	CU_ASSERT_EQUAL_FATAL(g.n, 3);
	CU_ASSERT_EQUAL(g.p[0].u.leg.end, T0 + 8 * 3600 + 200);
	CU_ASSERT_EQUAL(g.p[0].u.leg.duration, 200);
	cs_unit_got_release(&g);
}

/* A section that cannot be read, or none. */
static void
test_open(void)
{
	struct cs_format_ctx ctx = { .priv = &priv, .cfg = &cfg };
	struct cs_error err = { "", 0 };
	struct cs_format_def def = { 0 };
	char *k[] = { "call_id", "start" }, *v[] = { "id", "at" };

	CU_ASSERT_PTR_NULL(cs_format_generic_csv.open(&ctx, &err));
	CU_ASSERT_PTR_NOT_NULL(strstr(err.msg, "--format generic-csv:NAME"));
	ctx.variant = "nosuch";
	CU_ASSERT_PTR_NULL(cs_format_generic_csv.open(&ctx, &err));
	CU_ASSERT_PTR_NOT_NULL(strstr(err.msg, "no [format nosuch] section"));
	def.name = "bare";
	def.key = k;
	def.value = v;
	def.n = 2;
	CU_ASSERT_PTR_NULL(cs_gcsv_open(&def, 0, &err));
	CU_ASSERT_PTR_NOT_NULL(strstr(err.msg, "neither an end nor a duration"));
	def.n = 1;
	CU_ASSERT_PTR_NULL(cs_gcsv_open(&def, 0, &err));
	CU_ASSERT_PTR_NOT_NULL(strstr(err.msg, "names no start column"));
	/* never told from content */
	CU_ASSERT_EQUAL(cs_format_generic_csv.looks("a,b", "a,b" + 3), 0);
	CU_ASSERT_EQUAL(cs_format_find("generic-csv"), &cs_format_generic_csv);
}

/* A header without a column the section names: said once, rows refused. */
static void
test_header(void)
{
	static const char *const lines[] = {
		"Call ID;Started;Ended",
		"x;2025-03-04 09:00:00;2025-03-04 09:01:00",
	};
	struct cs_unit_got g;

	run("hosted", lines, 2, &g);
	CU_ASSERT_EQUAL(g.rc[0], -1);
	CU_ASSERT_PTR_NOT_NULL(strstr(g.msg[0], "the header has no column 'Answered' (answer)"));
	CU_ASSERT_EQUAL(g.rc[1], -1);
	CU_ASSERT_EQUAL(g.n, 0);
	cs_unit_got_release(&g);
}

/*
 * The split of lines without quotes (found 16 bytes at a time) against
 * the plain way written here: 4,000 lines of each separator, comma and
 * tab, their text fields 0 to 11 bytes of letters, digits and blanks (a
 * tab is a blank only where it is no separator).
 */
static void
test_split_plain(void)
{
	static const char *const seps[] = { ",", "tab" };
	static const int map[] = { CS_GCSV_CALLER, CS_GCSV_CALLER_NAME,
		CS_GCSV_DIALLED, CS_GCSV_DESTINATION, CS_GCSV_QUEUE,
		CS_GCSV_SIP_CALL_ID };
	char *k[] = { "header", "separator", "call_id", "start", "end",
		"caller", "caller_name", "dialled", "destination", "queue",
		"sip_call_id" };
	char *v[] = { "no", NULL, "1", "2", "3", "4", "5", "6", "7", "8", "9" };
	struct cs_format_def def = { "split", k, v, 11 };
	struct cs_gcsv_record rec;
	struct cs_error err;
	unsigned seed = 5;
	int bad = 0, rejected = 0;

	for (int sv = 0; sv < 2; sv++) {
		const char *alphabet = sv == 0 ? "ab1: \t" : "ab1: ,";
		char sep = sv == 0 ? ',' : '\t';
		struct cs_gcsv_reader *r;

		v[1] = (char *)seps[sv];
		CU_ASSERT_PTR_NOT_NULL_FATAL(r = cs_gcsv_open(&def, 1, &err));
		for (int t = 0; t < 4000; t++) {
			char line[256], want[6][12];
			int len = snprintf(line, sizeof(line), " x%d %c 2025-03-04 "
			    "09:00:00%c2025-03-04 09:01:00 ", t, sep, sep);

			for (int f = 0; f < 6; f++) {
				int flen, s0, e0;
				char *at = line + len + 1;

				line[len] = sep;
				seed = seed * 1103515245u + 12345u;
				flen = (int)((seed >> 16) % 12);
				for (int i = 0; i < flen; i++) {
					seed = seed * 1103515245u + 12345u;
					at[i] = alphabet[(seed >> 16) % 6];
				}
				for (s0 = 0; s0 < flen && (at[s0] == ' ' ||
				    (at[s0] == '\t' && sep != '\t')); s0++)
					;
				for (e0 = flen; e0 > s0 && (at[e0 - 1] == ' ' ||
				    (at[e0 - 1] == '\t' && sep != '\t')); e0--)
					;
				memcpy(want[f], at + s0, (size_t)(e0 - s0));
				want[f][e0 - s0] = '\0';
				len += 1 + flen;
			}
			if (cs_gcsv_parse(r, line, (size_t)len, &rec, &err) != 0) {
				rejected++;
				continue;
			}
			bad += strcmp(rec.f[CS_GCSV_CALL_ID], "") == 0 ||
			    strncmp(rec.f[CS_GCSV_CALL_ID], "x", 1) != 0;
			for (int f = 0; f < 6; f++)
				bad += strcmp(rec.f[map[f]], want[f]) != 0;
		}
		cs_gcsv_close(r);
	}
	CU_ASSERT_EQUAL(rejected, 0);
	CU_ASSERT_EQUAL(bad, 0);
}

static CU_TestInfo tests[] = {
	{ "split without quotes", test_split_plain },
	{ "hosted", test_hosted },
	{ "bad_rows", test_bad_rows },
	{ "numbered", test_numbered },
	{ "open", test_open },
	{ "header", test_header },
	CU_TEST_INFO_NULL,
};

CS_UNIT_SUITE_FIXTURE("generic_csv", tests, init, clean)
