/*
 * test_bot_csv.c: the bot_csv suite, the canonical events as CSV
 * (readers/bot_csv.c) through their entry in the table of formats: lines
 * parsed, then stored into a queue whose rows the test reads back.
 *
 * Expected values are worked out by hand: 2025-03-04T00:00Z is day 20151
 * since the epoch (2025-01-01 is day 20089, then 31 + 28 + 3 days), so
 * 1741046400; 09:01:02Z adds 32462 s.  Times with +01:00 are an hour
 * earlier in UTC.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "config.h"
#include "privacy.h"
#include "readers/bot.h"
#include "readers/format.h"
#include "rowq.h"
#include "unit.h"

#define T0 1741046400LL		/* 2025-03-04T00:00:00Z */
#define MAX_ROWS 32
#define MAX_LINES 64

/* What came out of a run: each line's result, and the stored rows. */
struct run {
	int rc[MAX_LINES];
	char msg[MAX_LINES][CS_ERROR_MAX];
	long column[MAX_LINES];
	int64_t t[MAX_LINES];
	int nrows;
	char v[MAX_ROWS][CS_BOT_NCOL][300];	/* texts: "(null)" for NULL */
	int64_t rhash[MAX_ROWS];
};

static struct cs_config cfg;
static struct cs_privacy priv;	/* a key of zeros */

static int
init(void)
{
	struct cs_error err;

	cs_config_init(&cfg);
	if (cs_config_load(&cfg, cs_unit_data("sample-data/example/callstat.conf"),
	    &err) != 0) {
		fprintf(stderr, "bot_csv: %s\n", err.msg);
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

static int
take(void *arg, const struct cs_row *row)
{
	struct run *r = arg;

	if (r->nrows == MAX_ROWS)
		return 0;
	for (int i = 0; i < CS_BOT_NCOL; i++) {
		char *v = r->v[r->nrows][i];
		const char *s;

		if (i == CS_BOT_COL_TIME || i == CS_BOT_COL_RHASH ||
		    i == CS_BOT_COL_SOURCE || i == CS_BOT_COL_LINE ||
		    i == CS_BOT_COL_MSEC || i == CS_BOT_COL_CONFIDENCE) {
			/* a NULL number reads 0 here: t0410 tells them apart */
			snprintf(v, 300, "%lld", (long long)cs_row_int(row, i));
			continue;
		}
		s = cs_row_text(row, i);
		snprintf(v, 300, "%s", s != NULL ? s : "(null)");
	}
	r->rhash[r->nrows] = cs_row_int(row, CS_BOT_COL_RHASH);
	r->nrows++;
	return 0;
}

/* Parses n lines (as the import gives them: no line end, no BOM) with one
 * reader, storing each record. */
static void
run_lines(const char *const *lines, int n, struct run *r)
{
	struct cs_format_ctx ctx = { .priv = &priv, .cfg = &cfg };
	struct cs_error err;
	struct cs_rowq *q;
	void *rd;

	memset(r, 0, sizeof(*r));
	CU_ASSERT_FATAL(n <= MAX_LINES);
	q = cs_rowq_new_pipe(&err);
	CU_ASSERT_PTR_NOT_NULL_FATAL(q);
	rd = cs_format_bot_csv.open(&ctx, &err);
	CU_ASSERT_PTR_NOT_NULL_FATAL(rd);
	for (int i = 0; i < n; i++) {
		struct cs_error e = { "", 0 };
		struct cs_store_at at = { q, 12345, 1, i + 1 };

		r->rc[i] = cs_format_bot_csv.parse(rd, lines[i], strlen(lines[i]),
		    &r->t[i], &e);
		snprintf(r->msg[i], sizeof(r->msg[i]), "%s", e.msg);
		r->column[i] = e.column;
		if (r->rc[i] == 0)
			CU_ASSERT_EQUAL(cs_format_bot_csv.store(rd, &at), 0);
	}
	cs_format_bot_csv.close(rd);
	cs_rowq_close(q, 0);
	CU_ASSERT_EQUAL(cs_rowq_consume(q, take, r, NULL), 0);
	cs_rowq_free(q);
}

/* A fixture's lines as the import gives them. */
static int
file_lines(const char *rel, char *buf, size_t size, const char **lines)
{
	FILE *fp = fopen(cs_unit_data(rel), "rb");
	size_t len;
	int n = 0;
	char *p;

	if (fp == NULL)
		return -1;
	len = fread(buf, 1, size - 1, fp);
	fclose(fp);
	buf[len] = '\0';
	p = buf;
	if (len >= 3 && memcmp(p, "\xef\xbb\xbf", 3) == 0)
		p += 3;
	while (*p != '\0' && n < MAX_LINES) {
		char *nl = strchr(p, '\n');

		if (nl != NULL)
			*nl = '\0';
		if (nl != NULL && nl > p && nl[-1] == '\r')
			nl[-1] = '\0';
		lines[n++] = p;
		if (nl == NULL)
			break;
		p = nl + 1;
	}
	return n;
}

#define V(r, row, col) ((r)->v[row][CS_BOT_COL_##col])
#define IS(r, row, col, want) CU_ASSERT_STRING_EQUAL(V(r, row, col), want)

static int
is_hash(const char *s)
{
	return strlen(s) == CS_HASH_HEX &&
	    strspn(s, "0123456789abcdef") == CS_HASH_HEX;
}

/* The fixture's seven events, as canonical.jsonl has them. */
static void
check_canonical(const struct run *r)
{
	CU_ASSERT_EQUAL_FATAL(r->nrows, 7);
	CU_ASSERT_EQUAL(r->rc[0], 1);	/* the header */
	/* session_start: 09:01:02Z */
	IS(r, 0, TIME, "1741078862");
	IS(r, 0, MSEC, "0");
	IS(r, 0, SESSION, "s-8c1e");
	IS(r, 0, TYPE, "session_start");
	IS(r, 0, CALL_ID, "1741078862.1043");
	IS(r, 0, CALLED, "+33199000100");
	IS(r, 0, LANG, "fr-FR");
	IS(r, 0, SPEAKER, "(null)");
	IS(r, 0, EXTRA, "(null)");
	CU_ASSERT(is_hash(V(r, 0, CALLER)));
	/* the caller's turn, 09:01:09.5Z: its number redacted */
	IS(r, 1, TIME, "1741078869");
	IS(r, 1, MSEC, "500");
	IS(r, 1, SPEAKER, "caller");
	IS(r, 1, TEXT, "c'est pour la cantine, rappelez-moi au [phone]");
	IS(r, 1, INTENT, "nlu_fallback");
	IS(r, 1, CONFIDENCE, "310");
	IS(r, 1, MATCH, "no_match");
	IS(r, 1, CALLER, "(null)");
	/* the transfer, 09:01:16Z, and the end half a second later */
	IS(r, 2, TIME, "1741078876");
	IS(r, 2, TYPE, "transfer");
	IS(r, 2, TRANSFER_TARGET, "scolaire");
	IS(r, 2, SERVICE, "scolaire");
	IS(r, 3, TIME, "1741078876");
	IS(r, 3, MSEC, "500");
	IS(r, 3, OUTCOME, "escalated");
	/* a session named by the caller's number: 10:15:00+01:00 */
	IS(r, 4, TIME, "1741079700");
	CU_ASSERT(is_hash(V(r, 4, SESSION)));
	IS(r, 4, SESSION, V(r, 4, CALLER));	/* +33 6.. and 06..: one hash */
	IS(r, 4, SIP_CALL_ID, "a84b4c76e66710@pc33.example.org");
	IS(r, 4, CALLED, "0199000100");
	IS(r, 4, EXTRA, "{\"vendor_flag\":\"x\"}");
	/* 10:15:04.250+01:00, and 10:15:30+0100 */
	IS(r, 5, TIME, "1741079704");
	IS(r, 5, MSEC, "250");
	IS(r, 5, CONFIDENCE, "920");
	IS(r, 5, INTENT, "etat_civil.acte");
	IS(r, 5, TEXT, "je voudrais un acte de naissance");
	IS(r, 6, TIME, "1741079730");
	IS(r, 6, OUTCOME, "resolved");
	IS(r, 6, SERVICE, "etat_civil");
	IS(r, 6, SESSION, V(r, 4, SESSION));
	for (int i = 0; i < 7; i++) {
		char want[16];

		snprintf(want, sizeof(want), "%d", i + 2);
		IS(r, i, LINE, want);
		CU_ASSERT_EQUAL(r->rc[i + 1], 0);
	}
}

static void
test_canonical(void)
{
	static char buf[8192];
	const char *lines[MAX_LINES];
	struct run *r = calloc(1, sizeof(*r));
	int n = file_lines("tests/data/bot/canonical.csv", buf, sizeof(buf),
	    lines);

	CU_ASSERT_PTR_NOT_NULL_FATAL(r);
	CU_ASSERT_EQUAL_FATAL(n, 8);
	run_lines(lines, n, r);
	check_canonical(r);
	CU_ASSERT_EQUAL(r->t[1], T0 + 32462);
	free(r);
}

/* The same events, columns in another order, all quoted, CRLF, a BOM and
 * decimal commas: the same rows, and the same keys (stored once). */
static void
test_same_events(void)
{
	static char buf[2][8192];
	const char *lines[2][MAX_LINES];
	struct run *r[2];

	for (int k = 0; k < 2; k++) {
		int n = file_lines(k == 0 ? "tests/data/bot/canonical.csv" :
		    "tests/data/bot/canonical-win.csv", buf[k], sizeof(buf[k]),
		    lines[k]);

		CU_ASSERT_EQUAL_FATAL(n, 8);
		r[k] = calloc(1, sizeof(*r[k]));
		CU_ASSERT_PTR_NOT_NULL_FATAL(r[k]);
		run_lines(lines[k], n, r[k]);
	}
	check_canonical(r[1]);
	for (int i = 0; i < 7; i++) {
		for (int c = 0; c < CS_BOT_NCOL; c++)
			CU_ASSERT_STRING_EQUAL(r[0]->v[i][c], r[1]->v[i][c]);
		/* not the line's digest (12345 here): the event's */
		CU_ASSERT_NOT_EQUAL(r[0]->rhash[i], 12345);
	}
	/* seven events, seven keys */
	for (int i = 0; i < 7; i++)
		for (int j = 0; j < i; j++)
			CU_ASSERT_NOT_EQUAL(r[0]->rhash[i], r[0]->rhash[j]);
	free(r[0]);
	free(r[1]);
}

/*
 * The same text said again and again, among others (the store keeps the
 * redaction of short texts by their hash: bot.c): redacted every time,
 * whatever came between; texts at the memo's limit (255 and 256 bytes)
 * redacted alike.
 */
static void
test_said_again(void)
{
	static char line[MAX_LINES][600];
	const char *lines[MAX_LINES];
	static const char pii[] = "rappelez-moi au 06 39 98 01 01";
	char pad[300], want[300];
	struct run *r = calloc(1, sizeof(*r));
	int n = 0;

	CU_ASSERT_PTR_NOT_NULL_FATAL(r);
	lines[n++] = "ts,type,session_id,speaker,text";
	for (int i = 0; i < 28; i++) {
		/* the number's text at 0, 9, 18, 27; others between */
		if (i % 9 == 0)
			snprintf(line[n], sizeof(line[n]), "2025-03-04T09:01:%02dZ,"
			    "utterance,s-1,caller,%s", i, pii);
		else
			snprintf(line[n], sizeof(line[n]), "2025-03-04T09:01:%02dZ,"
			    "utterance,s-1,bot,texte %d", i, i);
		lines[n] = line[n];
		n++;
	}
	/* 255 and 256 bytes: the number at the end */
	for (int k = 0; k < 2; k++) {
		size_t fill = 255 + (size_t)k - strlen(pii);

		memset(pad, 'a', fill);
		pad[fill] = '\0';
		snprintf(line[n], sizeof(line[n]), "2025-03-04T09:02:0%dZ,"
		    "utterance,s-1,caller,%s%s", k, pad, pii);
		lines[n] = line[n];
		n++;
	}
	run_lines(lines, n, r);
	CU_ASSERT_EQUAL_FATAL(r->nrows, 30);
	for (int i = 0; i < 28; i++) {
		char other[32];

		snprintf(other, sizeof(other), "texte %d", i);
		IS(r, i, TEXT, i % 9 == 0 ? "rappelez-moi au [phone]" : other);
	}
	for (int k = 0; k < 2; k++) {
		size_t fill = 255 + (size_t)k - strlen(pii);

		memset(want, 'a', fill);
		snprintf(want + fill, sizeof(want) - fill, "rappelez-moi au [phone]");
		IS(r, 28 + k, TEXT, want);
	}
	free(r);
}

static void
test_confidence(void)
{
	static const struct {
		const char *text;
		int rc;
		const char *stored;
	} cases[] = {
		{ "0", 0, "0" }, { "1", 0, "1000" }, { "1.000", 0, "1000" },
		{ "\"0,5\"", 0, "500" }, { ".5", 0, "500" }, { "1.", 0, "1000" },
		{ "0.1235", 0, "124" }, { "0.1234", 0, "123" },
		{ "0.9995", 0, "1000" }, { "0.0004", 0, "0" },
		{ "00.25", 0, "250" }, { "\"0,999\"", 0, "999" },
		{ "", 0, "0" },		/* absent: NULL, read as 0 here */
		{ "1.0001", -1, NULL }, { "5.", -1, NULL }, { "-0.1", -1, NULL },
		{ "0.5e1", -1, NULL }, { "abc", -1, NULL }, { "0..5", -1, NULL },
		{ ".", -1, NULL }, { "99999999999999999999", -1, NULL },
	};
	size_t n = sizeof(cases) / sizeof(cases[0]);
	char line[MAX_LINES][80];
	const char *lines[MAX_LINES];
	struct run *r = calloc(1, sizeof(*r));
	int row = 0;

	CU_ASSERT_PTR_NOT_NULL_FATAL(r);
	lines[0] = "session_id,ts,type,confidence";
	for (size_t i = 0; i < n; i++) {
		snprintf(line[i], sizeof(line[i]), "s,2025-03-04T09:01:02Z,"
		    "utterance,%s", cases[i].text);
		lines[i + 1] = line[i];
	}
	run_lines(lines, (int)n + 1, r);
	for (size_t i = 0; i < n; i++) {
		CU_ASSERT_EQUAL(r->rc[i + 1], cases[i].rc);
		if (r->rc[i + 1] != cases[i].rc)
			fprintf(stderr, "\n  confidence %s: %d\n", cases[i].text,
			    r->rc[i + 1]);
		if (cases[i].rc == 0 && row < r->nrows)
			IS(r, row++, CONFIDENCE, cases[i].stored);
	}
	CU_ASSERT_EQUAL(r->nrows, row);
	CU_ASSERT_STRING_EQUAL(r->msg[14], "confidence: 1.0001 is not between 0 "
	    "and 1");
	CU_ASSERT_STRING_EQUAL(r->msg[16], "confidence: '-0.1' is not a number "
	    "from 0 to 1 (0.92 or 0,92)");
	free(r);
}

/* No header: every line rejected, saying one is needed. */
static void
test_no_header(void)
{
	static const char *const lines[] = {
		"s-1,2025-03-04T09:01:02Z,session_start",
		"",
		"s-1,2025-03-04T09:01:03Z,session_end",
	};
	struct run r;

	run_lines(lines, 3, &r);
	CU_ASSERT_EQUAL(r.rc[0], -1);
	CU_ASSERT_STRING_EQUAL(r.msg[0], "no header: a bot-csv file starts with "
	    "a line naming its columns (session_id,ts,type,...)");
	CU_ASSERT_EQUAL(r.rc[1], 1);	/* blank */
	CU_ASSERT_EQUAL(r.rc[2], -1);
	CU_ASSERT_STRING_EQUAL(r.msg[2], "no header naming session_id, ts and "
	    "type: a bot-csv file starts with one");
	CU_ASSERT_EQUAL(r.nrows, 0);
}

static void
test_bad_headers(void)
{
	static const char *const lines[] = {
		"session_id,type,text",
		"s-1,session_start,bonjour",
		"session_id,ts,type,ts",
		"s-1,2025-03-04T09:01:02Z,session_start,x",
		"session_id,ts,type,",
		/* a good header again: the rows after it are read */
		"type , ts,\"session_id\"",
		"session_start,2025-03-04T09:01:02Z,s-1",
		"session_start,2025-03-04T09:01:02Z",
	};
	struct run r;

	run_lines(lines, 8, &r);
	CU_ASSERT_EQUAL(r.rc[0], -1);
	CU_ASSERT_STRING_EQUAL(r.msg[0], "header: no column ts; a bot-csv header "
	    "names session_id, ts and type, in any order");
	CU_ASSERT_EQUAL(r.rc[1], -1);
	CU_ASSERT_EQUAL(r.rc[2], -1);
	CU_ASSERT_STRING_EQUAL(r.msg[2], "header: column 'ts' named twice "
	    "(columns 2 and 4)");
	CU_ASSERT_EQUAL(r.rc[3], -1);
	CU_ASSERT_STRING_EQUAL(r.msg[3], "no header naming session_id, ts and "
	    "type: a bot-csv file starts with one");
	CU_ASSERT_EQUAL(r.rc[4], -1);
	CU_ASSERT_STRING_EQUAL(r.msg[4], "header: column 4 has no name; name it "
	    "or remove it");
	CU_ASSERT_EQUAL(r.rc[5], 1);
	CU_ASSERT_EQUAL(r.rc[6], 0);
	CU_ASSERT_EQUAL(r.t[6], T0 + 32462);
	CU_ASSERT_EQUAL(r.rc[7], -1);
	CU_ASSERT_STRING_EQUAL(r.msg[7], "expected 3 fields as the header "
	    "names, found 2");
	CU_ASSERT_EQUAL_FATAL(r.nrows, 1);
	IS(&r, 0, SESSION, "s-1");
	IS(&r, 0, TYPE, "session_start");
	/* a header naming the other columns but not the first three */
	{
		static const char *const l2[] = { "text,intent" };

		run_lines(l2, 1, &r);
		CU_ASSERT_STRING_EQUAL(r.msg[0], "header: no column session_id, "
		    "ts, type; a bot-csv header names session_id, ts and type, "
		    "in any order");
	}
}

static void
test_bad_rows(void)
{
	static const char *const lines[] = {
		"session_id,ts,type,text,extra",
		/* 0        1         2         */
		/* 123456789012345678901234567890 */
		"s,2025-03-04T09:01:02Z,t,a\"b,",
		"s,2025-03-04T09:01:02Z,t,  \"abc,",
		",2025-03-04T09:01:02Z,t,,",
		"s,,t,,",
		"s,2025-03-04T09:01:02Z,,,",
		"s,2025-03-04 09:01:02,t,,",
		"s,2025-03-04T25:01:02Z,t,,",
		"s,1980-03-04T09:01:02Z,t,,",
		"s,2025-03-04T09:01:02Z,t,\"il a dit \"\"oui\"\"\",\"x\"\"y\"",
		"s,2025-03-04T09:01:02Z,t,caf\xe9,\xe9t\xe9",
		"s,2025-03-04T09:01:02Z,t,a\x01,",
	};
	struct run r;

	run_lines(lines, 12, &r);
	CU_ASSERT_EQUAL(r.rc[1], -1);
	CU_ASSERT_STRING_EQUAL(r.msg[1], "misplaced quote in field 4 (a quoted "
	    "field must end at a comma, with the quotes inside it doubled)");
	CU_ASSERT_EQUAL(r.column[1], 27);	/* the quote after "a" */
	CU_ASSERT_EQUAL(r.rc[2], -1);
	CU_ASSERT_STRING_EQUAL(r.msg[2], "unterminated quoted field 4 (a field "
	    "cannot span lines in bot-csv: write its line breaks as spaces)");
	CU_ASSERT_EQUAL(r.column[2], 28);	/* the quote that opens it */
	CU_ASSERT_STRING_EQUAL(r.msg[3], "no session_id");
	CU_ASSERT_STRING_EQUAL(r.msg[4], "no ts");
	CU_ASSERT_STRING_EQUAL(r.msg[5], "no type");
	CU_ASSERT_STRING_EQUAL(r.msg[6], "ts: '2025-03-04 09:01:02' has no "
	    "offset; write it with Z or +01:00");
	CU_ASSERT_STRING_EQUAL(r.msg[7], "ts: '2025-03-04T25:01:02Z' is not an "
	    "ISO 8601 time (2025-03-04T09:01:02Z)");
	CU_ASSERT_STRING_EQUAL(r.msg[8], "ts: '1980-03-04T09:01:02Z' is out of "
	    "range (1990 to 2099)");
	for (int i = 3; i <= 8; i++)
		CU_ASSERT_EQUAL(r.rc[i], -1);
	/* doubled quotes, and Latin-1 read as such; extra as JSON */
	CU_ASSERT_EQUAL(r.rc[9], 0);
	CU_ASSERT_EQUAL(r.rc[10], 0);
	CU_ASSERT_EQUAL(r.rc[11], -1);
	CU_ASSERT_EQUAL_FATAL(r.nrows, 2);
	IS(&r, 0, TEXT, "il a dit \"oui\"");
	IS(&r, 0, EXTRA, "{\"extra\":\"x\\\"y\"}");
	IS(&r, 1, TEXT, "caf\xc3\xa9");
	IS(&r, 1, EXTRA, "{\"extra\":\"\xc3\xa9t\xc3\xa9\"}");
}

/* The header's line, given again after a resume, is no record. */
static void
test_detect(void)
{
	CU_ASSERT(cs_format_bot_csv.header);
	CU_ASSERT_EQUAL(cs_format_find("bot-csv"), &cs_format_bot_csv);
}

static CU_TestInfo tests[] = {
	{ "canonical", test_canonical },
	{ "same_events", test_same_events },
	{ "said_again", test_said_again },
	{ "confidence", test_confidence },
	{ "no_header", test_no_header },
	{ "bad_headers", test_bad_headers },
	{ "bad_rows", test_bad_rows },
	{ "entry", test_detect },
	CU_TEST_INFO_NULL,
};

CS_UNIT_SUITE_FIXTURE("bot_csv", tests, init, clean)
