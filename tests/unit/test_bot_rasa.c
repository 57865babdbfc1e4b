/*
 * test_bot_rasa.c: the rasa reader (readers/rasa.c), through its entry in
 * the table of formats (a whole-file format: format.h): what each event of
 * Rasa's test tracker, of the SQL tracker store made from
 * tests/data/samples/bots/rasa/make-rasa-db.sql and of trackers written
 * here became, event by event, in the order stored; the events rejected,
 * with their line and column; the keys that make a tracker read from the
 * store and from an export one.  The expected events were worked out by
 * hand from the fixtures (their SOURCE.txt says what each holds), never
 * copied from the program's output.  Instants: 2025-03-05T00:00Z is
 * 1741132800, 2025-03-06T00:00Z 1741219200.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <sqlite3.h>

#include "config.h"
#include "privacy.h"
#include "readers/bot.h"
#include "readers/format.h"
#include "rowq.h"
#include "unit.h"

#define DIR "tests/data/samples/bots/rasa/"
#define MAX_ROWS 64
#define MAX_REJ 16
#define ROW_MAX 400
#define ERR_MAX (CS_ERROR_MAX + 48)

/* What a file became: its events as "line|time.msec|session|type|speaker|
 * text|intent|confidence|match|outcome|call_id|sip|caller|called", the
 * hashes and digests a test names written as their names; the rejects as
 * "line:column: message". */
struct seen {
	struct cs_privacy priv;
	int nrows;
	char row[MAX_ROWS][ROW_MAX];
	int64_t rhash[MAX_ROWS];
	const char *name[8];
	char hash[8][CS_HASH_HEX + 1];
	int nhash;
	long reads;
	int nrej;
	char rej[MAX_REJ][ERR_MAX];
	/* while reading */
	const struct cs_format *f;
	void *rd;
	struct cs_rowq *q;
};

/* names: pairs of what is hashed (a number, or a session id with one)
 * and the name it is written as */
static void
seen_init(struct seen *s, const char *const *names)
{
	memset(s, 0, sizeof(*s));
	/* a key of zeros: the hashes of these tests, not the users' */
	for (; names != NULL && names[0] != NULL; names += 2, s->nhash++) {
		char buf[CS_HASH_HEX + 1];

		s->name[s->nhash] = names[1];
		snprintf(s->hash[s->nhash], sizeof(s->hash[0]), "%s",
		    cs_privacy_id(&s->priv, names[0], buf));
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
	s->rhash[s->nrows] = cs_row_int(row, CS_BOT_COL_RHASH);
	snprintf(s->row[s->nrows++], ROW_MAX,
	    "%lld|%lld.%03lld|%s|%s|%s|%s|%s|%lld|%s|%s|%s|%s|%s|%s",
	    (long long)cs_row_int(row, CS_BOT_COL_LINE),
	    (long long)cs_row_int(row, CS_BOT_COL_TIME),
	    (long long)cs_row_int(row, CS_BOT_COL_MSEC), T(SESSION), T(TYPE),
	    T(SPEAKER), T(TEXT), T(INTENT),
	    (long long)cs_row_int(row, CS_BOT_COL_CONFIDENCE), T(MATCH),
	    T(OUTCOME), T(CALL_ID), T(SIP_CALL_ID), T(CALLER), T(CALLED));
#undef T
	return 0;
}

static void
on_read(void *arg, long line)
{
	struct seen *s = arg;

	(void)line;
	s->reads++;
}

static void
on_reject(void *arg, long line, long column, const char *msg)
{
	struct seen *s = arg;

	if (s->nrej < MAX_REJ)
		snprintf(s->rej[s->nrej++], ERR_MAX, "%ld:%ld: %s", line, column,
		    msg);
}

static int
on_store(void *arg, long line, int64_t t, const void *raw, size_t len)
{
	struct seen *s = arg;
	struct cs_store_at at;

	(void)t;
	(void)raw;
	(void)len;
	memset(&at, 0, sizeof(at));
	at.q = s->q;
	at.line = line;
	return s->f->store(s->rd, &at);
}

/* Reads a whole file given as head (headlen bytes) and path, as the import
 * hands it over; returns what whole returned, its message in err. */
static int
read_whole(const char *head, size_t headlen, const char *path,
    struct seen *s, struct cs_error *err)
{
	struct cs_format_ctx ctx;
	struct cs_config cfg;
	struct cs_format_file in;
	struct cs_format_sink sink = {
		.read = on_read, .reject = on_reject, .store = on_store,
		.arg = s,
	};
	int rc;

	cs_config_init(&cfg);
	memset(&ctx, 0, sizeof(ctx));
	ctx.priv = &s->priv;
	ctx.cfg = &cfg;
	s->f = &cs_format_rasa;
	s->q = cs_rowq_new_pipe(err);
	CU_ASSERT_PTR_NOT_NULL_FATAL(s->q);
	s->rd = s->f->open(&ctx, err);
	CU_ASSERT_PTR_NOT_NULL_FATAL(s->rd);
	in.path = path;
	in.name = path != NULL ? path : "(stdin)";
	in.fd = -1;
	in.head = head;
	in.headlen = headlen;
	err->msg[0] = '\0';
	rc = s->f->whole(s->rd, &in, &sink, err);
	s->f->close(s->rd);
	CU_ASSERT_EQUAL(cs_rowq_close(s->q, 0), 0);
	CU_ASSERT_EQUAL(cs_rowq_consume(s->q, take, s, NULL), 0);
	cs_rowq_free(s->q);
	cs_config_release(&cfg);
	return rc;
}

static int
read_text(const char *text, struct seen *s)
{
	struct cs_error err;

	return read_whole(text, strlen(text), NULL, s, &err);
}

static char *
slurp(const char *rel)
{
	FILE *fp = fopen(cs_unit_data(rel), "rb");
	char *buf;
	size_t n;

	if (fp == NULL)
		return NULL;
	buf = calloc(1, 1 << 17);
	n = buf != NULL ? fread(buf, 1, (1 << 17) - 1, fp) : 0;
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
	for (int i = n; i < s->nrows; i++)
		fprintf(stderr, "\n  extra event %d: %s\n", i, s->row[i]);
}

static void
expect_rejects(const struct seen *s, const char *const *want, int n)
{
	CU_ASSERT_EQUAL(s->nrej, n);
	for (int i = 0; i < n && i < s->nrej; i++) {
		if (strcmp(s->rej[i], want[i]) != 0)
			fprintf(stderr, "\n  reject %d:\n  got  %s\n  want %s\n", i,
			    s->rej[i], want[i]);
		CU_ASSERT_STRING_EQUAL(s->rej[i], want[i]);
	}
}

/* An expected event, its fields in the order take() writes them. */
#define R(line, t, session, type, speaker, text, intent, conf, match, \
	    outcome, call_id, sip, caller, called) \
	line "|" t "|" session "|" type "|" speaker "|" text "|" intent "|" \
	conf "|" match "|" outcome "|" call_id "|" sip "|" caller "|" called

/* ---- Rasa's own test tracker ---- */

/*
 * tracker_moodbot.json: seven events, each '{' in column 5 of lines 36,
 * 44, 75, 83, 91, 122 and 130: action_listen, user /greet (greet 0.54),
 * utter_greet, action_listen, user /mood_great (mood_great 0.60),
 * utter_happy, action_listen.  No session_started: the session is the
 * sender.  The actions are not stored; the caller's turns are stored when
 * the next comes (the first) or the tracker ends (the second), then the
 * end, at the latest timestamp (.211042, the last event's, line 130),
 * resolved: the caller spoke and was understood.  Times to the
 * millisecond, cut: .200036 is 200, .209836 is 209.
 */
static void
test_moodbot(void)
{
	static const char *const want[] = {
		R("44", "1517821726.200", "mysender", "utterance", "caller",
		    "/greet", "greet", "540", "matched", "", "", "", "", ""),
		R("91", "1517821726.209", "mysender", "utterance", "caller",
		    "/mood_great", "mood_great", "600", "matched", "", "", "", "",
		    ""),
		R("130", "1517821726.211", "mysender", "session_end", "", "", "",
		    "0", "", "resolved", "", "", "", ""),
	};
	struct seen s;
	char *text = slurp(DIR "rasa_tracker_moodbot.json");

	CU_ASSERT_PTR_NOT_NULL_FATAL(text);
	seen_init(&s, NULL);
	CU_ASSERT_EQUAL(read_text(text, &s), 0);
	expect_rows(&s, want, 3);
	CU_ASSERT_EQUAL(s.reads, 7);
	CU_ASSERT_EQUAL(s.nrej, 0);
	free(text);
}

/* ---- trackers written here ---- */

/* Line 1: one sender, two sessions.  2025-03-06T09:00:00.5Z is
 * 1741219200 + 32400.5. */
#define L1 "{\"sender_id\":\"s1\",\"events\":[" \
	"{\"event\":\"session_started\",\"timestamp\":1741251600.5}," \
	"{\"event\":\"user\",\"timestamp\":1741251601,\"text\":\"euh\"," \
	    "\"parse_data\":{\"intent\":{\"name\":\"affirm\",\"confidence\":0.5}}}," \
	"{\"event\":\"action\",\"timestamp\":1741251601.1," \
	    "\"name\":\"action_two_stage_fallback\"}," \
	"{\"event\":\"bot\",\"timestamp\":1741251601.2," \
	    "\"text\":\"Vous voulez dire oui ?\"}," \
	"{\"event\":\"action\",\"timestamp\":1741251602,\"name\":\"action_listen\"}," \
	"{\"event\":\"flow_started\",\"timestamp\":1741251603," \
	    "\"flow_id\":\"pattern_internal_error\"}," \
	"{\"event\":\"action\",\"timestamp\":1741255199.9," \
	    "\"name\":\"action_session_start\"}," \
	"{\"event\":\"session_started\",\"timestamp\":1741255200}," \
	"{\"event\":\"bot\",\"timestamp\":1741255201,\"text\":\"Bonjour\"}]}"
/* Line 2: a list of two trackers: a caller's number as the sender, the
 * call's facts in the metadata; then bad events. */
#define L2_S3_USER "{\"event\":\"user\",\"timestamp\":1741251800,\"text\":\"x\"," \
	"\"parse_data\":{\"intent\":{\"name\":\"greet\",\"confidence\":3}}}"
#define L2_S3_BOT "{\"event\":\"bot\",\"text\":\"sans heure\"}"
#define L2_S3_FAR "{\"event\":\"user\",\"timestamp\":1e12}"
#define L2_S3_NOEV "{\"timestamp\":1741251801}"
#define L2 "[{\"sender_id\":\"+33639980130\",\"events\":[" \
	"{\"event\":\"user\",\"timestamp\":1741251700,\"text\":\"allo\"," \
	    "\"parse_data\":{\"intent\":{\"name\":\"greet\",\"confidence\":1}}," \
	    "\"input_channel\":\"twilio_voice\"," \
	    "\"metadata\":{\"call_id\":\"1741251700.42\"," \
	    "\"sip_call_id\":\"a84b4c76e66710@pbx\",\"From\":\"0639980130\"," \
	    "\"To\":\"0199000200\"}}]}," \
	"{\"sender_id\":\"s3\",\"events\":[" L2_S3_USER "," L2_S3_BOT "," \
	"{\"event\":\"slot\",\"name\":\"a\",\"value\":1}," L2_S3_FAR "," \
	L2_S3_NOEV ", 7]}]"

/* The column of what in line, from 1, by where it is in the text. */
static long
col(const char *line, const char *what)
{
	const char *p = strstr(line, what);

	return p != NULL ? (long)(p - line) + 1 : -1;
}

/*
 * Line 1: session 1 (named by its start, 09:00:00.500) stores its start,
 * the bot's reply at once, the caller's "euh" when the next session
 * starts (no_match: action_two_stage_fallback came after it), and its
 * end, at its latest event (the flow at 09:00:03; not the next session's
 * action_session_start) with outcome error (pattern_internal_error).
 * Session 2 (10:00:00.000): its start, the bot, and at the tracker's end
 * its end, abandoned (the caller never spoke).  action_listen: not stored.
 * Line 2: +33639980130 is the caller (the sender, and From: one hash),
 * the session its hash; call id, SIP Call-ID and To from the metadata,
 * To a number of no service here: [phone]; resolved.  s3: each bad event
 * rejected where its '{' is, the slot read and not stored.  Line 3 is
 * cut: jansson takes line 4's tracker as an element of its events and
 * stops on line 5's string; reading starts again on line 4, whose restart
 * ends no session, and line 5 is no tracker.
 */
static void
test_lines(void)
{
	static const char *const names[] = {
		"+33639980130", "+33639980130",
		NULL
	};
#define S1 "s1#2025-03-06T09:00:00.500Z"
#define S2 "s1#2025-03-06T10:00:00.000Z"
	static const char *const want[] = {
		R("1", "1741251600.500", S1, "session_start", "", "", "", "0", "",
		    "", "", "", "", ""),
		R("1", "1741251601.200", S1, "utterance", "bot",
		    "Vous voulez dire oui ?", "", "0", "", "", "", "", "", ""),
		R("1", "1741251601.000", S1, "utterance", "caller", "euh",
		    "affirm", "500", "no_match", "", "", "", "", ""),
		R("1", "1741251603.000", S1, "session_end", "", "", "", "0", "",
		    "error", "", "", "", ""),
		R("1", "1741255200.000", S2, "session_start", "", "", "", "0", "",
		    "", "", "", "", ""),
		R("1", "1741255201.000", S2, "utterance", "bot", "Bonjour", "",
		    "0", "", "", "", "", "", ""),
		R("1", "1741255201.000", S2, "session_end", "", "", "", "0", "",
		    "abandoned", "", "", "", ""),
		R("2", "1741251700.000", "+33639980130", "utterance", "caller",
		    "allo", "greet", "1000", "matched", "", "1741251700.42",
		    "a84b4c76e66710@pbx", "+33639980130", "[phone]"),
		R("2", "1741251700.000", "+33639980130", "session_end", "", "", "",
		    "0", "", "resolved", "", "", "+33639980130", ""),
	};
	const char *text = L1 "\n" L2 "\n"
	    "{\"sender_id\":\"s4\",\"events\":[\n"
	    "{\"sender_id\":\"s5\",\"events\":[{\"event\":\"restart\","
	    "\"timestamp\":1741251900}]}\n"
	    "\"just a string\"\n";
	const char *l2 = L2;
	char want_rej[7][ERR_MAX];
	struct seen s;

	seen_init(&s, names);
	snprintf(want_rej[0], ERR_MAX, "2:%ld: parse_data.intent.confidence: "
	    "3 is not between 0 and 1", col(l2, L2_S3_USER));
	snprintf(want_rej[1], ERR_MAX, "2:%ld: bot: no timestamp",
	    col(l2, L2_S3_BOT));
	snprintf(want_rej[2], ERR_MAX, "2:%ld: timestamp: 1000000000000 is "
	    "out of range (years 1990 to 2099)", col(l2, L2_S3_FAR));
	snprintf(want_rej[3], ERR_MAX, "2:%ld: no event: expected the event's "
	    "type (user, bot, action...)", col(l2, L2_S3_NOEV));
	snprintf(want_rej[4], ERR_MAX, "2:%ld: expected an event {\"event\": "
	    "...}", col(l2, ", 7]") + 2);
	CU_ASSERT_EQUAL(read_text(text, &s), 0);
	expect_rows(&s, want, 9);
	/* line 1's 9 events, line 2's first, s3's slot, line 4's restart */
	CU_ASSERT_EQUAL(s.reads, 12);
	CU_ASSERT_EQUAL_FATAL(s.nrej, 7);
	for (int i = 0; i < 5; i++) {
		if (strcmp(s.rej[i], want_rej[i]) != 0)
			fprintf(stderr, "\n  reject %d:\n  got  %s\n  want %s\n",
			    i, s.rej[i], want_rej[i]);
		CU_ASSERT_STRING_EQUAL(s.rej[i], want_rej[i]);
	}
	/* jansson's own words, where it saw the list go wrong: after the
	   string of line 5 (15 characters) */
	CU_ASSERT_STRING_EQUAL(s.rej[5], "5:15: ']' expected near "
	    "'\"just a string\"'");
	CU_ASSERT_STRING_EQUAL(s.rej[6], "5:1: expected a Rasa tracker "
	    "{\"sender_id\": ..., \"events\": [...]}, or a list of them");
#undef S1
#undef S2
}

/*
 * A pretty-printed tracker: each event's line and column; a key written
 * twice keeps its last value (as in Rasa's test tracker); a hand-over
 * action is a transfer, an utter_ response about humans is not; the same
 * events alike three times are three events, each its own key, and the
 * same tracker read again gives the same keys.
 */
static void
test_pretty_and_keys(void)
{
	static const char *const doc =
	    "{\n"
	    "  \"sender_id\": \"p1\",\n"
	    "  \"events\": [\n"
	    "    {\"event\": \"user\", \"timestamp\": 1741251600,\n"
	    "     \"text\": \"un agent\", \"text\": \"un humain\",\n"
	    "     \"parse_data\": {\"intent\": {\"name\": \"human\"}}},\n"
	    "    {\"event\": \"action\", \"timestamp\": 1741251601,\n"
	    "     \"name\": \"utter_are_you_human\"},\n"
	    "      {\"event\": \"bot\", \"timestamp\": 1741251602, \"text\": \"Pardon ?\"},\n"
	    "      {\"event\": \"bot\", \"timestamp\": 1741251602, \"text\": \"Pardon ?\"},\n"
	    "      {\"event\": \"bot\", \"timestamp\": 1741251602, \"text\": \"Pardon ?\"},\n"
	    "    {\"event\": \"action\", \"timestamp\": 1741251603,\n"
	    "     \"name\": \"action_handoff\"},\n"
	    "    {\"event\": \"user\", \"timestamp\": \"now\"}\n"
	    "  ]\n"
	    "}\n";
	static const char *const want[] = {
		R("9", "1741251602.000", "p1", "utterance", "bot", "Pardon ?", "",
		    "0", "", "", "", "", "", ""),
		R("10", "1741251602.000", "p1", "utterance", "bot", "Pardon ?", "",
		    "0", "", "", "", "", "", ""),
		R("11", "1741251602.000", "p1", "utterance", "bot", "Pardon ?", "",
		    "0", "", "", "", "", "", ""),
		R("12", "1741251603.000", "p1", "transfer", "bot", "", "", "0", "",
		    "", "", "", "", ""),
		R("4", "1741251600.000", "p1", "utterance", "caller", "un humain",
		    "human", "0", "matched", "", "", "", "", ""),
		R("12", "1741251603.000", "p1", "session_end", "", "", "", "0", "",
		    "escalated", "", "", "", ""),
	};
	static const char *const rej[] = {
		"14:5: timestamp: expected seconds since 1970 (1741078862.5)",
	};
	struct seen s, again;

	seen_init(&s, NULL);
	CU_ASSERT_EQUAL(read_text(doc, &s), 0);
	expect_rows(&s, want, 6);
	expect_rejects(&s, rej, 1);
	CU_ASSERT_EQUAL(s.reads, 6);
	/* the three alike: three keys */
	CU_ASSERT_NOT_EQUAL(s.rhash[0], s.rhash[1]);
	CU_ASSERT_NOT_EQUAL(s.rhash[1], s.rhash[2]);
	CU_ASSERT_NOT_EQUAL(s.rhash[0], s.rhash[2]);
	/* read again: the same keys */
	seen_init(&again, NULL);
	CU_ASSERT_EQUAL(read_text(doc, &again), 0);
	CU_ASSERT_EQUAL_FATAL(again.nrows, 6);
	for (int i = 0; i < 6; i++)
		CU_ASSERT_EQUAL(again.rhash[i], s.rhash[i]);
}

/* An event's key is its sender and what it says, not how the JSON writes
 * it: keys in another order and other white space give the same key,
 * another sender another. */
static void
test_key_order(void)
{
	static const char *const a =
	    "{\"sender_id\":\"k\",\"events\":[{\"event\":\"bot\","
	    "\"timestamp\":1741251602,\"text\":\"Oui\",\"data\":{\"a\":1,"
	    "\"b\":2}}]}";
	static const char *const b =
	    "{\"events\": [ {\"data\": {\"b\": 2, \"a\": 1}, \"text\": "
	    "\"Oui\",\n \"timestamp\": 1741251602, \"event\": \"bot\"} ],"
	    "\n \"sender_id\": \"k\"}";
	static const char *const c =
	    "{\"sender_id\":\"k2\",\"events\":[{\"event\":\"bot\","
	    "\"timestamp\":1741251602,\"text\":\"Oui\",\"data\":{\"a\":1,"
	    "\"b\":2}}]}";
	struct seen sa, sb, sc;

	seen_init(&sa, NULL);
	seen_init(&sb, NULL);
	seen_init(&sc, NULL);
	CU_ASSERT_EQUAL(read_text(a, &sa), 0);
	CU_ASSERT_EQUAL(read_text(b, &sb), 0);
	CU_ASSERT_EQUAL(read_text(c, &sc), 0);
	/* the bot's utterance, then the session's end */
	CU_ASSERT_EQUAL_FATAL(sa.nrows, 2);
	CU_ASSERT_EQUAL_FATAL(sb.nrows, 2);
	CU_ASSERT_EQUAL_FATAL(sc.nrows, 2);
	CU_ASSERT_EQUAL(sa.rhash[0], sb.rhash[0]);
	CU_ASSERT_EQUAL(sa.rhash[1], sb.rhash[1]);
	CU_ASSERT_NOT_EQUAL(sa.rhash[0], sc.rhash[0]);
}

/* ---- the SQL tracker store ---- */

static char db_path[64];

/* rasa.db made from make-rasa-db.sql, as the sqlite3 shell would; its
 * first bytes into head. */
static int
make_store(char *head, size_t n)
{
	char *sql = slurp(DIR "make-rasa-db.sql");
	sqlite3 *h = NULL;
	FILE *fp;
	int fd, ok;

	snprintf(db_path, sizeof(db_path), "/tmp/cs-unit-rasa-XXXXXX");
	if (sql == NULL || (fd = mkstemp(db_path)) < 0) {
		free(sql);
		return -1;
	}
	close(fd);
	ok = sqlite3_open(db_path, &h) == SQLITE_OK &&
	    sqlite3_exec(h, sql, NULL, NULL, NULL) == SQLITE_OK;
	sqlite3_close(h);
	free(sql);
	if (!ok || (fp = fopen(db_path, "rb")) == NULL)
		return -1;
	ok = fread(head, 1, n, fp) == n;
	fclose(fp);
	return ok ? 0 : -1;
}

/*
 * The store's 40 events, tracker by tracker (sender_id in byte order:
 * +33639980121, +33639980123, web-7f3a), each in the order of id, the
 * line of each stored event its id.  Worked out from SOURCE.txt's list:
 *   +33639980121, session 2025-03-05T09:40:00.105Z (ids 1-7, 15-23):
 *     start (id 2, its metadata: CallSid, From, To); the bot's greeting
 *     (6) stored at once, the caller's bonjour (4) when the next caller's
 *     turn comes; the turn not understood (15: nlu_fallback at 0.31, its
 *     number and e-mail redacted); the bot (17); acte_naissance (19,
 *     0.91) after the bot (21) and the hand-over (22:
 *     action_handoff_to_human) since it waits for the tracker's end; the
 *     end at the last event (23, action_listen at 25.300), escalated.
 *   +33639980123, session 09:40:10.005Z (ids 8-14): start, the bot, the
 *     caller's empty turn (no intent: no_input, confidence 0.0), the end
 *     at 12.120, abandoned.
 *   web-7f3a (ids 24-40): session 13:00:00.001Z: start; "Pardon ?" three
 *     times; the first turn, no_match (action_default_fallback after
 *     it); the answer (34), the second turn (33), the end at restart
 *     (36), resolved.  Then, no session_started: the session named by its
 *     first event, 13:05:00.000Z; the hand-over (38, the flow
 *     pattern_human_handoff; its utter_ response, 39, is not one), the
 *     bot (40), /greet (37), the end at the bot's 301.200, escalated.
 * B = 1741167600 (09:40:00Z), C = 1741179600 (13:00:00Z).
 */
static void
test_sql_store(void)
{
	static const char *const names[] = {
		"+33639980121#2025-03-05T09:40:00.105Z", "T1",
		"+33639980123#2025-03-05T09:40:10.005Z", "T3",
		"+33639980121", "+33639980121",
		"+33639980123", "+33639980123",
		NULL
	};
#define CS1 "CA5f0c9e3b7d2a41e8b6c4f1a2d3e4f5a6"
#define CS3 "CA9d8e7f6a5b4c3d2e1f0a9b8c7d6e5f4a"
#define W1 "web-7f3a#2025-03-05T13:00:00.001Z"
#define W2 "web-7f3a#2025-03-05T13:05:00.000Z"
	static const char *const want[] = {
		R("2", "1741167600.105", "T1", "session_start", "", "", "", "0",
		    "", "", CS1, "", "+33639980121", "[phone]"),
		R("6", "1741167602.610", "T1", "utterance", "bot", "Mairie de "
		    "Beaumont, bonjour. Que puis-je pour vous ?", "", "0", "", "",
		    "", "", "+33639980121", ""),
		R("4", "1741167602.500", "T1", "utterance", "caller", "bonjour",
		    "greet", "970", "matched", "", CS1, "", "+33639980121",
		    "[phone]"),
		R("17", "1741167615.310", "T1", "utterance", "bot", "Pardon, je "
		    "n'ai pas compris. Que voulez-vous ?", "", "0", "", "", "", "",
		    "+33639980121", ""),
		R("15", "1741167615.250", "T1", "utterance", "caller", "je voudrais "
		    "un acte de naissance, rappelez-moi au [phone] ou \xc3\xa0 "
		    "[email]", "nlu_fallback", "310", "no_match", "", CS1, "",
		    "+33639980121", "[phone]"),
		R("21", "1741167625.110", "T1", "utterance", "bot", "Je vous passe "
		    "le service de l'\xc3\xa9tat civil.", "", "0", "", "", "", "",
		    "+33639980121", ""),
		R("22", "1741167625.200", "T1", "transfer", "bot", "", "", "0", "",
		    "", "", "", "+33639980121", ""),
		R("19", "1741167625.000", "T1", "utterance", "caller", "un acte de "
		    "naissance", "etat_civil.acte_naissance", "910", "matched", "",
		    CS1, "", "+33639980121", "[phone]"),
		R("23", "1741167625.300", "T1", "session_end", "", "", "", "0", "",
		    "escalated", "", "", "+33639980121", ""),
		R("9", "1741167610.005", "T3", "session_start", "", "", "", "0",
		    "", "", CS3, "", "+33639980123", "[phone]"),
		R("13", "1741167612.110", "T3", "utterance", "bot", "Je ne vous "
		    "entends pas. Pouvez-vous r\xc3\xa9p\xc3\xa9ter ?", "", "0",
		    "", "", "", "", "+33639980123", ""),
		R("11", "1741167612.000", "T3", "utterance", "caller", "", "", "0",
		    "no_input", "", CS3, "", "+33639980123", "[phone]"),
		R("14", "1741167612.120", "T3", "session_end", "", "", "", "0", "",
		    "abandoned", "", "", "+33639980123", ""),
		R("25", "1741179600.001", W1, "session_start", "", "", "", "0", "",
		    "", "", "", "", ""),
		R("29", "1741179605.200", W1, "utterance", "bot", "Pardon ?", "",
		    "0", "", "", "", "", "", ""),
		R("30", "1741179605.200", W1, "utterance", "bot", "Pardon ?", "",
		    "0", "", "", "", "", "", ""),
		R("31", "1741179605.200", W1, "utterance", "bot", "Pardon ?", "",
		    "0", "", "", "", "", "", ""),
		R("27", "1741179605.000", W1, "utterance", "caller", "horaires de "
		    "la mairie", "horaires", "880", "no_match", "", "", "", "", ""),
		R("34", "1741179612.100", W1, "utterance", "bot", "La mairie est "
		    "ouverte du lundi au vendredi de 8 h 30 \xc3\xa0 17 h 30.", "",
		    "0", "", "", "", "", "", ""),
		R("33", "1741179612.000", W1, "utterance", "caller", "les horaires",
		    "horaires", "950", "matched", "", "", "", "", ""),
		R("36", "1741179620.000", W1, "session_end", "", "", "", "0", "",
		    "resolved", "", "", "", ""),
		R("38", "1741179901.000", W2, "transfer", "bot", "", "", "0", "",
		    "", "", "", "", ""),
		R("40", "1741179901.200", W2, "utterance", "bot", "Je ne peux pas "
		    "vous passer un agent pour l'instant.", "", "0", "", "", "", "",
		    "", ""),
		R("37", "1741179900.000", W2, "utterance", "caller", "/greet",
		    "greet", "1000", "matched", "", "", "", "", ""),
		R("40", "1741179901.200", W2, "session_end", "", "", "", "0", "",
		    "escalated", "", "", "", ""),
	};
	char head[100], *json;
	struct seen s, js;
	struct cs_error err;

	CU_ASSERT_EQUAL_FATAL(make_store(head, sizeof(head)), 0);
	seen_init(&s, names);
	CU_ASSERT_EQUAL(read_whole(head, sizeof(head), db_path, &s, &err), 0);
	expect_rows(&s, want, 25);
	CU_ASSERT_EQUAL(s.reads, 40);
	CU_ASSERT_EQUAL(s.nrej, 0);

	/* voice.json, the first tracker exported: the same 9 events, keys
	   and all */
	json = slurp(DIR "voice.json");
	CU_ASSERT_PTR_NOT_NULL_FATAL(json);
	seen_init(&js, names);
	CU_ASSERT_EQUAL(read_text(json, &js), 0);
	CU_ASSERT_EQUAL(js.reads, 16);
	CU_ASSERT_EQUAL_FATAL(js.nrows, 9);
	for (int i = 0; i < 9; i++) {
		/* the same but for the line: the file's, not the id */
		CU_ASSERT_STRING_EQUAL(strchr(js.row[i], '|'),
		    strchr(s.row[i], '|'));
		CU_ASSERT_EQUAL(js.rhash[i], s.rhash[i]);
	}
	free(json);
	unlink(db_path);
#undef CS1
#undef CS3
#undef W1
#undef W2
}

/* An SQLite database that is not Rasa's, and one on standard input: the
 * file refused, saying why and what was expected. */
static void
test_sql_refused(void)
{
	char head[100];
	sqlite3 *h = NULL;
	struct seen s;
	struct cs_error err;
	FILE *fp;
	int fd;

	snprintf(db_path, sizeof(db_path), "/tmp/cs-unit-rasa-XXXXXX");
	CU_ASSERT_FATAL((fd = mkstemp(db_path)) >= 0);
	close(fd);
	CU_ASSERT_EQUAL_FATAL(sqlite3_open(db_path, &h), SQLITE_OK);
	CU_ASSERT_EQUAL(sqlite3_exec(h, "CREATE TABLE events(id, sender_id, "
	    "type_name); INSERT INTO events VALUES(1, 's', 'user')", NULL,
	    NULL, NULL), SQLITE_OK);
	sqlite3_close(h);
	CU_ASSERT_PTR_NOT_NULL_FATAL(fp = fopen(db_path, "rb"));
	CU_ASSERT_EQUAL(fread(head, 1, sizeof(head), fp), sizeof(head));
	fclose(fp);

	seen_init(&s, NULL);
	CU_ASSERT_EQUAL(read_whole(head, sizeof(head), db_path, &s, &err), -1);
	CU_ASSERT_PTR_NOT_NULL(strstr(err.msg, "an SQLite database, but not a "
	    "Rasa SQL tracker store (no such column: timestamp): expected its "
	    "table events(id, sender_id, type_name, timestamp, data)"));
	CU_ASSERT_EQUAL(s.nrows, 0);

	seen_init(&s, NULL);
	CU_ASSERT_EQUAL(read_whole(head, sizeof(head), NULL, &s, &err), -1);
	CU_ASSERT_STRING_EQUAL(err.msg, "(stdin): an SQLite database cannot "
	    "be read from standard input; give its file");
	unlink(db_path);
}

/* ---- detection ---- */

static void
test_detect(void)
{
	char *mood = slurp(DIR "rasa_tracker_moodbot.json");
	static const char sqlite[32] = "SQLite format 3\0\x10\0";
	static const char canonical[] = "{\"session_id\":\"s\",\"ts\":"
	    "\"2025-03-04T09:01:02Z\",\"type\":\"utterance\"}\n";
	static const char *const lines[] = {
		"{\"sender_id\":\"s\",\"events\":[]}",
		"  [{\"sender_id\": \"s\", \"events\": []}]",
	};

	CU_ASSERT_PTR_NOT_NULL_FATAL(mood);
	CU_ASSERT_PTR_EQUAL(cs_format_detect(mood, strlen(mood)),
	    &cs_format_rasa);
	CU_ASSERT_PTR_EQUAL(cs_format_detect(sqlite, sizeof(sqlite)),
	    &cs_format_rasa);
	for (size_t i = 0; i < sizeof(lines) / sizeof(lines[0]); i++)
		CU_ASSERT_PTR_EQUAL(cs_format_detect(lines[i],
		    strlen(lines[i])), &cs_format_rasa);
	/* a line of one, as the table of formats' line test sees it */
	CU_ASSERT(cs_format_rasa.looks(lines[0], lines[0] + strlen(lines[0])));
	/* canonical events are bot-jsonl's, an SQLite header cut short no
	   database */
	CU_ASSERT_PTR_EQUAL(cs_format_detect(canonical, strlen(canonical)),
	    &cs_format_bot_jsonl);
	CU_ASSERT_PTR_NULL(cs_format_detect("SQLite format 3", 15));
	free(mood);
}

static CU_TestInfo tests[] = {
	{ "moodbot", test_moodbot },
	{ "lines", test_lines },
	{ "pretty_and_keys", test_pretty_and_keys },
	{ "key_order", test_key_order },
	{ "sql_store", test_sql_store },
	{ "sql_refused", test_sql_refused },
	{ "detect", test_detect },
	CU_TEST_INFO_NULL
};

CS_UNIT_SUITE("bot_rasa", tests)
