/*
 * test_bot_platforms.c: the bot platforms' readers (dialogflow-cx,
 * lex-v2): what each line of the fixtures under tests/data/samples/bots/
 * became, event by event.  The fixtures were written by hand from the
 * platforms' documented fields; the expected events below were worked out
 * by hand from them, never copied from the program's output.  Instants:
 * 2025-03-04T00:00Z is 1741046400 (day 20151), 86400 s a day.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "config.h"
#include "privacy.h"
#include "readers/bot.h"
#include "readers/format.h"
#include "rowq.h"
#include "timeutil.h"
#include "unit.h"

#define DF_FILE "tests/data/samples/bots/dialogflow_cx/turns.jsonl"
#define LEX_FILE "tests/data/samples/bots/lexv2/textlog.jsonl"

#define MAX_ROWS 64
/* a message with its column in front */
#define ERR_MAX (CS_ERROR_MAX + 32)
#define ROW_MAX 400

/* What the lines of a file became: each line's return, its events as
 * "time.msec|session|type|speaker|text|intent|confidence|match|target|
 * outcome|call_id|sip|caller|lang", hashes written as the number's name. */
struct seen {
	struct cs_privacy priv;
	int nrows;
	char row[MAX_ROWS][ROW_MAX];
	/* the hashes a test names: hash[i] is written as name[i] */
	const char *name[4];
	char hash[4][CS_HASH_HEX + 1];
	int nhash;
};

static void
seen_init(struct seen *s, const char *const *numbers)
{
	memset(s, 0, sizeof(*s));
	/* a key of zeros: the hashes of these tests, not the users' */
	for (; numbers != NULL && *numbers != NULL; numbers++, s->nhash++) {
		s->name[s->nhash] = *numbers;
		cs_privacy_hash(&s->priv, *numbers, s->hash[s->nhash]);
	}
}

static const char *
named(const struct seen *s, const char *v)
{
	if (v == NULL)
		return "";
	for (int i = 0; i < s->nhash; i++)
		if (strcmp(v, s->hash[i]) == 0)
			return s->name[i];
	return v;
}

static int
take(void *arg, const struct cs_row *row)
{
	struct seen *s = arg;
#define T(c) named(s, cs_row_text(row, CS_BOT_COL_##c))

	if (s->nrows == MAX_ROWS)
		return 0;
	snprintf(s->row[s->nrows++], ROW_MAX,
	    "%lld.%03lld|%s|%s|%s|%s|%s|%lld|%s|%s|%s|%s|%s|%s|%s",
	    (long long)cs_row_int(row, CS_BOT_COL_TIME),
	    (long long)cs_row_int(row, CS_BOT_COL_MSEC), T(SESSION), T(TYPE),
	    T(SPEAKER), T(TEXT), T(INTENT),
	    (long long)cs_row_int(row, CS_BOT_COL_CONFIDENCE), T(MATCH),
	    T(TRANSFER_TARGET), T(OUTCOME), T(CALL_ID), T(SIP_CALL_ID),
	    T(CALLER), T(LANG));
#undef T
	return 0;
}

/*
 * Reads the lines of text (one a line, '\n' separated) with format f:
 * rc[i] gets each line's return, errs[i] its message; the events stored
 * go to s.
 */
static void
read_lines(const struct cs_format *f, const char *text, struct seen *s,
    int *rc, char (*errs)[ERR_MAX], int max)
{
	struct cs_format_ctx ctx;
	struct cs_config cfg;
	struct cs_error err;
	struct cs_store_at at;
	struct cs_rowq *q;
	void *rd;
	int i = 0;

	cs_config_init(&cfg);
	memset(&ctx, 0, sizeof(ctx));
	ctx.priv = &s->priv;
	ctx.cfg = &cfg;
	q = cs_rowq_new_pipe(&err);
	CU_ASSERT_PTR_NOT_NULL_FATAL(q);
	rd = f->open(&ctx, &err);
	CU_ASSERT_PTR_NOT_NULL_FATAL(rd);
	for (const char *p = text; *p != '\0' && i < max; i++) {
		const char *nl = strchr(p, '\n');
		size_t len = nl != NULL ? (size_t)(nl - p) : strlen(p);
		int64_t t = 0;

		err.msg[0] = '\0';
		err.column = 0;
		rc[i] = f->parse(rd, p, len, &t, &err);
		snprintf(errs[i], ERR_MAX, "%ld: %s", err.column, err.msg);
		if (rc[i] == 0) {
			memset(&at, 0, sizeof(at));
			at.q = q;
			at.rhash = i;
			at.line = i + 1;
			CU_ASSERT_EQUAL(f->store(rd, &at), 0);
		}
		p = nl != NULL ? nl + 1 : p + len;
	}
	f->close(rd);
	CU_ASSERT_EQUAL(cs_rowq_close(q, 0), 0);
	CU_ASSERT_EQUAL(cs_rowq_consume(q, take, s, NULL), 0);
	cs_rowq_free(q);
	cs_config_release(&cfg);
}

static char *
slurp(const char *rel)
{
	FILE *fp = fopen(cs_unit_data(rel), "rb");
	char *buf;
	size_t n;

	if (fp == NULL)
		return NULL;
	buf = calloc(1, 1 << 16);
	n = buf != NULL ? fread(buf, 1, (1 << 16) - 1, fp) : 0;
	fclose(fp);
	if (buf != NULL)
		buf[n] = '\0';
	return buf;
}

static void
expect_rows(const struct seen *s, const char *const *want, int n)
{
	CU_ASSERT_EQUAL(s->nrows, n);
	for (int i = 0; i < n && i < s->nrows; i++) {
		if (strcmp(s->row[i], want[i]) != 0)
			fprintf(stderr, "\n  event %d:\n  got  %s\n  want %s\n", i,
			    s->row[i], want[i]);
		CU_ASSERT_STRING_EQUAL(s->row[i], want[i]);
	}
}

/* ---- dialogflow-cx ---- */

/* Each turn of the fixture, as worked out from its columns: the caller's
 * utterance, the bot's reply, a hand-over, the end, in that order. */
static void
test_df_fixture(void)
{
	static const char *const numbers[] = {
		"+33639980101", "0639980102", NULL
	};
	static const char *const want[] = {
		/* turn 1, the welcome (an EVENT match: no caller's turn);
		   "09:01:02.123 UTC" = 32462 s into the day */
		"1741078862.123|CID-a84b4c76e66710_pc33|utterance|bot|Bonjour, "
		    "mairie de D\xc3\xa9moville, que puis-je pour vous ?||0"
		    "|||||a84b4c76e66710_pc33|+33639980101|fr",
		/* turn 2, 09:01:09.500Z: an intent matched at 0.87 */
		"1741078869.500|CID-a84b4c76e66710_pc33|utterance|caller|je "
		    "voudrais inscrire mon fils \xc3\xa0 la cantine|"
		    "scolaire.cantine|870|matched||||a84b4c76e66710_pc33|"
		    "+33639980101|fr",
		"1741078869.500|CID-a84b4c76e66710_pc33|utterance|bot|Pour la "
		    "cantine, il me faut le nom de l'enfant. Quel est son "
		    "nom ?||0|||||a84b4c76e66710_pc33|+33639980101|fr",
		/* turn 3, 09:01:20 UTC: NO_MATCH, the number said redacted */
		"1741078880.000|CID-a84b4c76e66710_pc33|utterance|caller|"
		    "rappelez-moi au [phone]||210|no_match||||"
		    "a84b4c76e66710_pc33|+33639980101|fr",
		"1741078880.000|CID-a84b4c76e66710_pc33|utterance|bot|Je n'ai "
		    "pas compris.||0|||||a84b4c76e66710_pc33|+33639980101|fr",
		/* turn 4, 09:01:31.250 UTC: no input, then the hand-over */
		"1741078891.250|CID-a84b4c76e66710_pc33|utterance|caller|||0|"
		    "no_input||||a84b4c76e66710_pc33|+33639980101|fr",
		"1741078891.250|CID-a84b4c76e66710_pc33|utterance|bot|Je vous "
		    "passe le service scolaire.||0|||||a84b4c76e66710_pc33|"
		    "+33639980101|fr",
		"1741078891.250|CID-a84b4c76e66710_pc33|transfer|bot|||0|||||"
		    "a84b4c76e66710_pc33|+33639980101|fr",
		"1741078891.250|CID-a84b4c76e66710_pc33|session_end||||0|||"
		    "escalated||a84b4c76e66710_pc33|+33639980101|fr",
		/* session 2, named by a number, snake_case columns as text:
		   2025-03-05T14:30:00+01:00 is 13:30Z, 1741132800 + 48600 */
		"1741181400.000|0639980102|dtmf|caller|2||1000|matched||||||fr",
		"1741181400.000|0639980102|utterance|bot|Vous avez choisi "
		    "l'\xc3\xa9tat civil.||0|||||||fr",
		/* "13:30:10.5 UTC": typed text, then the end page */
		"1741181410.500|0639980102|utterance|caller|merci au revoir|fin|"
		    "950|matched||||||fr",
		"1741181410.500|0639980102|utterance|bot|Au revoir.||0|||||||fr",
		"1741181410.500|0639980102|session_end||||0|||resolved||||fr",
	};
	struct seen s;
	int rc[8];
	char errs[8][ERR_MAX];
	char *text = slurp(DF_FILE);

	CU_ASSERT_PTR_NOT_NULL_FATAL(text);
	seen_init(&s, numbers);
	read_lines(&cs_format_dialogflow_cx, text, &s, rc, errs, 8);
	for (int i = 0; i < 6; i++)
		CU_ASSERT_EQUAL(rc[i], 0);
	expect_rows(&s, want, (int)(sizeof(want) / sizeof(want[0])));
	free(text);
}

/* One line, its return and message ("column: message"). */
static int
df_one(const char *line, char *msg, struct seen *s)
{
	char errs[1][ERR_MAX];
	int rc[1];

	read_lines(&cs_format_dialogflow_cx, line, s, rc, errs, 1);
	snprintf(msg, ERR_MAX, "%s", errs[0]);
	return rc[0];
}

#define DF_ROW(t, rest) "{\"conversation_name\":\"projects/p/sessions/s1\"," \
	"\"request_time\":\"" t "\"" rest "}"

static void
test_df_lines(void)
{
	char msg[ERR_MAX];
	struct seen s;

	/* times: BigQuery's, ISO with Z, with an offset; none is refused */
	seen_init(&s, NULL);
	CU_ASSERT_EQUAL(df_one(DF_ROW("2025-03-04 09:01:02 UTC",
	    ",\"response\":{\"queryResult\":{\"text\":\"oui\"}}"), msg, &s), 0);
	CU_ASSERT_STRING_EQUAL(s.row[0],
	    "1741078862.000|s1|utterance|caller|oui||0|||||||");
	seen_init(&s, NULL);
	CU_ASSERT_EQUAL(df_one(DF_ROW("2025-03-04T10:01:02.5+01:00",
	    ",\"response\":{\"queryResult\":{\"text\":\"oui\"}}"), msg, &s), 0);
	CU_ASSERT_STRING_EQUAL(s.row[0],
	    "1741078862.500|s1|utterance|caller|oui||0|||||||");
	seen_init(&s, NULL);
	CU_ASSERT_EQUAL(df_one(DF_ROW("2025-03-04 09:01:02", ""), msg, &s), -1);
	CU_ASSERT_STRING_EQUAL(msg, "0: request_time: '2025-03-04 09:01:02' "
	    "has no time zone; write it with UTC, Z or +01:00");
	CU_ASSERT_EQUAL(df_one(DF_ROW("1970-01-01 00:00:00 UTC", ""), msg, &s),
	    -1);
	CU_ASSERT_PTR_NOT_NULL(strstr(msg, "is out of range"));
	CU_ASSERT_EQUAL(df_one(DF_ROW("04/03/2025 09:01 UTC", ""), msg, &s), -1);
	CU_ASSERT_PTR_NOT_NULL(strstr(msg, "is not a time"));
	/* a turn with nothing said or done holds no event */
	CU_ASSERT_EQUAL(df_one(DF_ROW("2025-03-04 09:01:02 UTC", ""), msg, &s),
	    1);
	CU_ASSERT_EQUAL(s.nrows, 0);

	/* what is wrong, said */
	CU_ASSERT_EQUAL(df_one("{\"request_time\":\"2025-03-04 09:01:02 UTC\"}",
	    msg, &s), -1);
	CU_ASSERT_STRING_EQUAL(msg, "0: no conversation_name");
	CU_ASSERT_EQUAL(df_one("{\"conversation_name\":\"a/b\"}", msg, &s), -1);
	CU_ASSERT_STRING_EQUAL(msg, "0: no request_time");
	CU_ASSERT_EQUAL(df_one(DF_ROW("2025-03-04 09:01:02 UTC",
	    ",\"response\":\"{\\\"queryResult\\\":\""), msg, &s), -1);
	CU_ASSERT_PTR_NOT_NULL(strstr(msg, "0: response: "));
	CU_ASSERT_EQUAL(df_one(DF_ROW("2025-03-04 09:01:02 UTC",
	    ",\"response\":[1]"), msg, &s), -1);
	CU_ASSERT_STRING_EQUAL(msg, "0: response: expected a JSON object");
	CU_ASSERT_EQUAL(df_one(DF_ROW("2025-03-04 09:01:02 UTC",
	    ",\"response\":{\"queryResult\":{\"text\":\"x\",\"match\":"
	    "{\"confidence\":3}}}"), msg, &s), -1);
	CU_ASSERT_STRING_EQUAL(msg,
	    "0: match.confidence: 3 is not between 0 and 1");
	CU_ASSERT_EQUAL(df_one("{\"conversation_name\":\"a/b\",", msg, &s), -1);
	CU_ASSERT_EQUAL(strncmp(msg, "0: ", 3) != 0, 1);	/* a column */
	CU_ASSERT_EQUAL(df_one("[\"conversation_name\",\"request_time\"]", msg,
	    &s), -1);
	CU_ASSERT_STRING_EQUAL(msg, "1: expected an object {...}, one turn a "
	    "line");

	/* the fallback told by the turn's signals alone; a telephony
	   transfer's number is the transfer's target (masked: a number) */
	seen_init(&s, NULL);
	CU_ASSERT_EQUAL(df_one(DF_ROW("2025-03-04 09:01:02 UTC",
	    ",\"response\":{\"queryResult\":{\"transcript\":\"euh\","
	    "\"responseMessages\":[{\"telephonyTransferCall\":"
	    "{\"phoneNumber\":\"+33199000100\"}}]}},"
	    "\"conversation_signals\":{\"turnSignals\":{\"noMatch\":true}}"),
	    msg, &s), 0);
	CU_ASSERT_EQUAL(s.nrows, 3);
	CU_ASSERT_STRING_EQUAL(s.row[0],
	    "1741078862.000|s1|utterance|caller|euh||0|no_match||||||");
	CU_ASSERT_STRING_EQUAL(s.row[1],
	    "1741078862.000|s1|transfer|bot|||0||[phone]|||||");
	CU_ASSERT_STRING_EQUAL(s.row[2],
	    "1741078862.000|s1|session_end||||0|||escalated||||");
	/* a withheld or redacted caller id is no caller */
	seen_init(&s, NULL);
	CU_ASSERT_EQUAL(df_one(DF_ROW("2025-03-04 09:01:02 UTC",
	    ",\"request\":{\"queryParams\":{\"payload\":{\"telephony\":"
	    "{\"caller_id\":\"REDACTED_IN_STANDARD_TIER_AGENT\"}}}},"
	    "\"response\":{\"queryResult\":{\"text\":\"oui\"}}"), msg, &s), 0);
	CU_ASSERT_STRING_EQUAL(s.row[0],
	    "1741078862.000|s1|utterance|caller|oui||0|||||||");
}

/* ---- lex-v2 ---- */

#define S_ID "c3f2e1d0-1111-4a2b-9c3d-5e6f7a8b9c0d"
#define S_FACTS S_ID "||+33639980103|fr-FR"

static void
test_lex_fixture(void)
{
	static const char *const numbers[] = {
		"+33639980103", "455980081820937", NULL
	};
	static const char *const want[] = {
		/* AWS's sample: 2022-03-25 is day 19076, 02:06:07 7567 s;
		   a session id of digits is hashed as a number would be */
		"1648173967.382|455980081820937|utterance|caller|yes|"
		    "MakeAppointment|1000|matched||||||en-US",
		"1648173967.382|455980081820937|session_end||||0|||resolved"
		    "||||en-US",
		/* 2025-03-06T08:15:00.250Z: 1741219200 + 29700; Connect's
		   session is the contact, the attributes name the caller */
		"1741248900.250|" S_ID "|utterance|caller|je voudrais un "
		    "rendez-vous pour une carte d'identit\xc3\xa9|"
		    "EtatCivil_RDV|910|matched|||" S_FACTS,
		"1741248900.250|" S_ID "|utterance|bot|Pour quelle date ?||0"
		    "||||" S_FACTS,
		/* a missed utterance, the number said redacted */
		"1741248909.000|" S_ID "|utterance|caller|euh mon num\xc3\xa9ro "
		    "c'est le [phone]||0|no_match|||" S_FACTS,
		"1741248909.000|" S_ID "|utterance|bot|Pardon, je n'ai pas "
		    "compris.||0||||" S_FACTS,
		/* behind an export's time: the event's own timestamp */
		"1741248920.500|" S_ID "|dtmf|caller|1|EtatCivil_RDV|990|"
		    "matched|||" S_FACTS,
		"1741248920.500|" S_ID "|utterance|bot|C'est not\xc3\xa9, au "
		    "revoir.||0||||" S_FACTS,
		"1741248920.500|" S_ID "|session_end||||0|||resolved|" S_FACTS,
		/* 09:00+01:00 is 08:00Z: nothing said, the intent failed */
		"1741248000.000|s-555|utterance|caller||FallbackIntent|0|"
		    "no_input||||||fr-FR",
		"1741248000.000|s-555|session_end||||0|||||||fr-FR",
	};
	struct seen s;
	int rc[8];
	char errs[8][ERR_MAX];
	char *text = slurp(LEX_FILE);

	CU_ASSERT_PTR_NOT_NULL_FATAL(text);
	seen_init(&s, numbers);
	read_lines(&cs_format_lex_v2, text, &s, rc, errs, 8);
	for (int i = 0; i < 5; i++)
		CU_ASSERT_EQUAL(rc[i], 0);
	expect_rows(&s, want, (int)(sizeof(want) / sizeof(want[0])));
	free(text);
}

static int
lex_one(const char *line, char *msg, struct seen *s)
{
	char errs[1][ERR_MAX];
	int rc[1];

	read_lines(&cs_format_lex_v2, line, s, rc, errs, 1);
	snprintf(msg, ERR_MAX, "%s", errs[0]);
	return rc[0];
}

#define LEX(rest) "{\"sessionId\":\"s1\",\"bot\":{}" rest "}"
#define LEX_TS ",\"timestamp\":\"2025-03-04T09:01:02Z\""

static void
test_lex_lines(void)
{
	char msg[ERR_MAX];
	long col;
	struct seen s;

	seen_init(&s, NULL);
	CU_ASSERT_EQUAL(lex_one(LEX(""), msg, &s), -1);
	CU_ASSERT_STRING_EQUAL(msg, "0: no timestamp");
	CU_ASSERT_EQUAL(lex_one("{\"bot\":{}" LEX_TS "}", msg, &s), -1);
	CU_ASSERT_STRING_EQUAL(msg, "0: no sessionId");
	CU_ASSERT_EQUAL(lex_one(LEX(",\"timestamp\":\"2025-03-04T09:01:02\""),
	    msg, &s), -1);
	CU_ASSERT_STRING_EQUAL(msg, "0: timestamp: '2025-03-04T09:01:02' has "
	    "no offset; write it with Z or +01:00");
	CU_ASSERT_EQUAL(lex_one(LEX(LEX_TS ",\"inputTranscript\":\"a\","
	    "\"interpretations\":[{\"nluConfidence\":\"haute\"}]"), msg, &s),
	    -1);
	CU_ASSERT_STRING_EQUAL(msg, "0: nluConfidence: 'haute' is not a number "
	    "from 0 to 1");
	CU_ASSERT_EQUAL(lex_one(LEX(LEX_TS ",\"inputTranscript\":\"a\","
	    "\"interpretations\":[{\"nluConfidence\":1.5}]"), msg, &s), -1);
	CU_ASSERT_STRING_EQUAL(msg, "0: nluConfidence: 1.5 is not between 0 "
	    "and 1");
	CU_ASSERT_EQUAL(lex_one("[1]", msg, &s), -1);
	CU_ASSERT_STRING_EQUAL(msg, "1: expected an object {...}, one log "
	    "event a line");
	/* bad JSON behind an export's time: the column in the line, 25
	   bytes after the object's own */
	CU_ASSERT_EQUAL(lex_one("{\"sessionId\":\"s1", msg, &s), -1);
	col = atol(msg);
	CU_ASSERT(col > 0);
	CU_ASSERT_EQUAL(lex_one("2025-03-04T09:01:02.000Z {\"sessionId\":\"s1",
	    msg, &s), -1);
	CU_ASSERT_EQUAL(atol(msg), col + 25);
	/* a call of the API with no input and no answer holds no event */
	CU_ASSERT_EQUAL(lex_one(LEX(LEX_TS ",\"operationName\":\"PutSession\""),
	    msg, &s), 1);
	CU_ASSERT_EQUAL(s.nrows, 0);
	/* the export's time when the event has none; the interpretation of
	   the intent gives the confidence, not the first one */
	seen_init(&s, NULL);
	CU_ASSERT_EQUAL(lex_one("2025-03-04T10:01:02.250+01:00 " LEX(
	    ",\"inputTranscript\":\"oui\",\"sessionState\":{\"intent\":"
	    "{\"name\":\"B\"}},\"interpretations\":[{\"nluConfidence\":0.8,"
	    "\"intent\":{\"name\":\"A\"}},{\"nluConfidence\":0.15,"
	    "\"intent\":{\"name\":\"B\"}}]"), msg, &s), 0);
	CU_ASSERT_STRING_EQUAL(s.row[0],
	    "1741078862.250|s1|utterance|caller|oui|B|150|matched||||||");
	/* a caller attribute that is no number is no caller; a contact id
	   attribute is the call id */
	seen_init(&s, NULL);
	CU_ASSERT_EQUAL(lex_one(LEX(LEX_TS ",\"inputTranscript\":\"oui\","
	    "\"requestAttributes\":{\"customernumber\":\"anonymous\","
	    "\"ContactId\":\"c-1\"}"), msg, &s), 0);
	CU_ASSERT_STRING_EQUAL(s.row[0],
	    "1741078862.000|s1|utterance|caller|oui||0||||c-1|||");
}

/* Detection: each platform's lines are its own, and no other format's. */
static void
test_platform_detect(void)
{
	static const struct {
		const char *line;
		const struct cs_format *f;
	} lines[] = {
		{ DF_ROW("2025-03-04 09:01:02 UTC", ""),
		    &cs_format_dialogflow_cx },
		{ LEX(LEX_TS ",\"inputTranscript\":\"oui\""), &cs_format_lex_v2 },
		{ "2025-03-04T09:01:02Z " LEX(",\"inputTranscript\":\"\""),
		    &cs_format_lex_v2 },
		{ "{\"timestamp\":\"t\",\"messageVersion\":\"2.0\","
		    "\"bot\":{\"name\":\"b\"},\"sessionId\":\"1\"}",
		    &cs_format_lex_v2 },
		/* a line of Lex's with no messageVersion nor input: none */
		{ "{\"sessionId\":\"1\",\"bot\":{}}", NULL },
		{ "{\"project_id\":\"p\",\"conversation_name\":\"a/b\","
		    "\"turn_position\":1,\"request_time\":\"x\"}",
		    &cs_format_dialogflow_cx },
		/* canonical events are bot-jsonl's, whatever they hold */
		{ "{\"session_id\":\"s\",\"ts\":\"2025-03-04T09:01:02Z\","
		    "\"type\":\"utterance\",\"text\":\"conversation_name "
		    "request_time\"}", &cs_format_bot_jsonl },
		{ "{\"session_id\":\"s\",\"ts\":\"2025-03-04T09:01:02Z\","
		    "\"type\":\"x\",\"conversation_name\":\"c\"}",
		    &cs_format_bot_jsonl },
	};

	for (size_t i = 0; i < sizeof(lines) / sizeof(lines[0]); i++) {
		const char *s = lines[i].line, *e = s + strlen(s);
		int n = 0;

		CU_ASSERT_EQUAL(cs_format_detect(s, strlen(s)), lines[i].f);
		for (int k = 0; cs_formats[k] != NULL; k++)
			n += cs_formats[k]->looks(s, e) != 0;
		CU_ASSERT_EQUAL(n, lines[i].f != NULL);
	}
}

static CU_TestInfo tests[] = {
	{ "df_fixture", test_df_fixture },
	{ "df_lines", test_df_lines },
	{ "lex_fixture", test_lex_fixture },
	{ "lex_lines", test_lex_lines },
	{ "platform_detect", test_platform_detect },
	CU_TEST_INFO_NULL
};

CS_UNIT_SUITE("bot_platforms", tests)
