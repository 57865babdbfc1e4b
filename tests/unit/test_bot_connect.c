/*
 * test_bot_connect.c: the bot_connect suite, the connect-ctr reader
 * (readers/connect_ctr.c).  Each contact record of the fixtures is parsed
 * and stored through a queue whose rows the test reads back: what events
 * it became, with their times, outcome, target and intent.  Every instant
 * was worked out by hand from the calendar (2022-01-01T00:00Z is day 18993
 * since the epoch, 2025-01-01 day 20089, 86400 s a day), never taken from
 * the code's output; outcomes from the rules of callstat-import(1).
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "config.h"
#include "privacy.h"
#include "readers/bot.h"
#include "readers/format.h"
#include "rowq.h"
#include "unit.h"

#define CTR "tests/data/samples/bots/amazon_connect/ctr.jsonl"

static char tmpdir[256];
static struct cs_privacy priv;
static struct cs_config cfg;

static int
suite_init(void)
{
	struct cs_error err;
	char path[512];

	snprintf(tmpdir, sizeof(tmpdir), "/tmp/cs-test-connect-XXXXXX");
	if (mkdtemp(tmpdir) == NULL)
		return -1;
	snprintf(path, sizeof(path), "%s/k.key", tmpdir);
	if (cs_privacy_open(&priv, path, &err) != 0)
		return -1;
	cs_config_init(&cfg);
	return cs_config_load(&cfg,
	    cs_unit_data("sample-data/example/callstat.conf"), &err);
}

static int
suite_clean(void)
{
	char path[512];

	cs_privacy_release(&priv);
	cs_config_release(&cfg);
	snprintf(path, sizeof(path), "%s/k.key", tmpdir);
	unlink(path);
	rmdir(tmpdir);
	return 0;
}

/* An event as stored, its texts copied ("" for NULL). */
struct ev {
	long long time, msec, rhash;
	char session[64], type[32], outcome[16], target[64], intent[64];
	char service[32], call_id[64], caller[64], called[32], extra[64];
	int caller_null;
};

struct got {
	struct ev ev[8];
	int n;
};

static void
copy(char *dst, size_t n, const char *s)
{
	snprintf(dst, n, "%s", s != NULL ? s : "");
}

static int
collect(void *arg, const struct cs_row *row)
{
	struct got *g = arg;
	struct ev *e;

	if (g->n == 8)
		return 1;
	e = &g->ev[g->n++];
	e->time = cs_row_int(row, CS_BOT_COL_TIME);
	e->msec = cs_row_int(row, CS_BOT_COL_MSEC);
	e->rhash = cs_row_int(row, CS_BOT_COL_RHASH);
	copy(e->session, sizeof(e->session), cs_row_text(row, CS_BOT_COL_SESSION));
	copy(e->type, sizeof(e->type), cs_row_text(row, CS_BOT_COL_TYPE));
	copy(e->outcome, sizeof(e->outcome), cs_row_text(row, CS_BOT_COL_OUTCOME));
	copy(e->target, sizeof(e->target),
	    cs_row_text(row, CS_BOT_COL_TRANSFER_TARGET));
	copy(e->intent, sizeof(e->intent), cs_row_text(row, CS_BOT_COL_INTENT));
	copy(e->service, sizeof(e->service), cs_row_text(row, CS_BOT_COL_SERVICE));
	copy(e->call_id, sizeof(e->call_id), cs_row_text(row, CS_BOT_COL_CALL_ID));
	copy(e->caller, sizeof(e->caller), cs_row_text(row, CS_BOT_COL_CALLER));
	e->caller_null = cs_row_text(row, CS_BOT_COL_CALLER) == NULL;
	copy(e->called, sizeof(e->called), cs_row_text(row, CS_BOT_COL_CALLED));
	copy(e->extra, sizeof(e->extra), cs_row_text(row, CS_BOT_COL_EXTRA));
	return 0;
}

/*
 * Parses one line and stores its events into g: the parse's status (0, 1
 * or -1, err says why), *t the record's time.
 */
static int
parse_store(const char *line, size_t len, int64_t *t, struct got *g,
    struct cs_error *err)
{
	struct cs_format_ctx ctx = { .priv = &priv, .cfg = &cfg };
	struct cs_store_at at = { .rhash = 42, .source = 1, .line = 7 };
	struct cs_error qerr;
	void *rd;
	int rc;

	memset(g, 0, sizeof(*g));
	err->msg[0] = '\0';
	err->column = 0;
	rd = cs_format_connect_ctr.open(&ctx, err);
	CU_ASSERT_PTR_NOT_NULL_FATAL(rd);
	rc = cs_format_connect_ctr.parse(rd, line, len, t, err);
	if (rc == 0) {
		at.q = cs_rowq_new_pipe(&qerr);
		CU_ASSERT_PTR_NOT_NULL_FATAL(at.q);
		CU_ASSERT_EQUAL(cs_format_connect_ctr.store(rd, &at), 0);
		CU_ASSERT_EQUAL(cs_rowq_close(at.q, 0), 0);
		CU_ASSERT_EQUAL(cs_rowq_consume(at.q, collect, g, NULL), 0);
		cs_rowq_free(at.q);
	}
	cs_format_connect_ctr.close(rd);
	return rc;
}

static int
parse_str(const char *line, int64_t *t, struct got *g, struct cs_error *err)
{
	return parse_store(line, strlen(line), t, g, err);
}

/* The fixture's line i (from 1), parsed and stored. */
static void
fixture_line(int i, struct got *g)
{
	static char buf[16384];
	struct cs_error err;
	FILE *fp = fopen(cs_unit_data(CTR), "r");
	int64_t t = 0;
	int n = 0;

	CU_ASSERT_PTR_NOT_NULL_FATAL(fp);
	while (fgets(buf, sizeof(buf), fp) != NULL && ++n < i)
		;
	fclose(fp);
	CU_ASSERT_EQUAL_FATAL(n, i);
	buf[strcspn(buf, "\n")] = '\0';
	CU_ASSERT_EQUAL_FATAL(parse_str(buf, &t, g, &err), 0);
	CU_ASSERT_EQUAL(t, g->ev[0].time);
}

static void
hash_of(const char *number, char *out)
{
	cs_privacy_hash(&priv, number, out);
}

/* Line 1, the public sample: queued in BasicQueue, an agent took it. */
static void
test_sample_answered(void)
{
	struct got g;
	char h[CS_HASH_HEX + 1];
	const char *id = "15a5cf14-3212-45a1-9f86-a8e97db8afaf";

	fixture_line(1, &g);
	CU_ASSERT_EQUAL_FATAL(g.n, 3);
	/* 2022-04-08 is day 18993 + 97 = 19090: 1649376000 */
	CU_ASSERT_STRING_EQUAL(g.ev[0].type, "session_start");
	CU_ASSERT_EQUAL(g.ev[0].time, 1649376000LL + 14 * 3600 + 59 * 60 + 38);
	CU_ASSERT_STRING_EQUAL(g.ev[0].session, id);
	CU_ASSERT_STRING_EQUAL(g.ev[0].call_id, id);	/* all we have */
	hash_of("0639980301", h);
	CU_ASSERT_STRING_EQUAL(g.ev[0].caller, h);
	CU_ASSERT_EQUAL(strlen(g.ev[0].caller), 32);
	/* the town's main number stays in clear */
	CU_ASSERT_STRING_EQUAL(g.ev[0].called, "+33199000100");
	CU_ASSERT_STRING_EQUAL(g.ev[0].extra, "{\"InitiationMethod\":\"INBOUND\"}");
	CU_ASSERT_STRING_EQUAL(g.ev[1].type, "transfer");
	CU_ASSERT_EQUAL(g.ev[1].time, 1649376000LL + 15 * 3600 + 42);
	CU_ASSERT_STRING_EQUAL(g.ev[1].target, "BasicQueue");
	CU_ASSERT_STRING_EQUAL(g.ev[1].session, id);
	CU_ASSERT_STRING_EQUAL(g.ev[2].type, "session_end");
	CU_ASSERT_EQUAL(g.ev[2].time, 1649376000LL + 15 * 3600 + 60 + 22);
	CU_ASSERT_STRING_EQUAL(g.ev[2].outcome, "escalated");
	CU_ASSERT_STRING_EQUAL(g.ev[2].extra,
	    "{\"DisconnectReason\":\"CUSTOMER_DISCONNECT\"}");
	CU_ASSERT_STRING_EQUAL(g.ev[2].intent, "");
	/* the session-level facts on session_start only */
	CU_ASSERT(g.ev[1].caller_null && g.ev[2].caller_null);
	/* three keys of their own, none the line's */
	CU_ASSERT(g.ev[0].rhash != g.ev[1].rhash && g.ev[1].rhash != g.ev[2].rhash
	    && g.ev[0].rhash != g.ev[2].rhash && g.ev[0].rhash != 42);
}

/* 2025-03-04 is day 20089 + 62 = 20151: 1741046400. */
#define D20250304 1741046400LL

/* Line 2: the bot settled it (no queue, no agent); Lex's intent name. */
static void
test_bot_settled(void)
{
	struct got g;

	fixture_line(2, &g);
	CU_ASSERT_EQUAL_FATAL(g.n, 2);
	CU_ASSERT_STRING_EQUAL(g.ev[0].type, "session_start");
	CU_ASSERT_EQUAL(g.ev[0].time, D20250304 + 8 * 3600 + 12 * 60 + 30);
	CU_ASSERT_STRING_EQUAL(g.ev[1].type, "session_end");
	CU_ASSERT_EQUAL(g.ev[1].time, D20250304 + 8 * 3600 + 13 * 60 + 41);
	CU_ASSERT_STRING_EQUAL(g.ev[1].outcome, "resolved");
	CU_ASSERT_STRING_EQUAL(g.ev[1].intent, "horaires_mairie");
	CU_ASSERT_STRING_EQUAL(g.ev[0].intent, "");
}

/* Line 3: queued in etat-civil and answered; the PBX's call id given. */
static void
test_queued_answered(void)
{
	struct got g;

	fixture_line(3, &g);
	CU_ASSERT_EQUAL_FATAL(g.n, 3);
	CU_ASSERT_EQUAL(g.ev[0].time, D20250304 + 9 * 3600 + 62);
	CU_ASSERT_STRING_EQUAL(g.ev[0].call_id, "1741078862.1043");
	CU_ASSERT_STRING_EQUAL(g.ev[0].session,
	    "0b6a2f7e-5c41-4d7a-9e0f-3a1b2c4d5e02");
	CU_ASSERT_EQUAL(g.ev[1].time, D20250304 + 9 * 3600 + 102);
	CU_ASSERT_STRING_EQUAL(g.ev[1].target, "etat-civil");
	CU_ASSERT_EQUAL(g.ev[2].time, D20250304 + 9 * 3600 + 5 * 60 + 20);
	CU_ASSERT_STRING_EQUAL(g.ev[2].outcome, "escalated");
	CU_ASSERT_STRING_EQUAL(g.ev[2].intent, "acte_naissance");
}

/* Line 4: queued in urbanisme, never answered; milliseconds; a service. */
static void
test_queued_abandoned(void)
{
	struct got g;

	fixture_line(4, &g);
	CU_ASSERT_EQUAL_FATAL(g.n, 3);
	CU_ASSERT_EQUAL(g.ev[0].time, D20250304 + 10 * 3600 + 20 * 60);
	CU_ASSERT_EQUAL(g.ev[0].msec, 250);
	CU_ASSERT_EQUAL(g.ev[1].time, D20250304 + 10 * 3600 + 20 * 60 + 33);
	CU_ASSERT_EQUAL(g.ev[1].msec, 0);
	CU_ASSERT_STRING_EQUAL(g.ev[1].target, "urbanisme");
	CU_ASSERT_EQUAL(g.ev[2].time, D20250304 + 10 * 3600 + 22 * 60 + 31);
	CU_ASSERT_STRING_EQUAL(g.ev[2].outcome, "abandoned");
	CU_ASSERT_STRING_EQUAL(g.ev[2].intent, "permis_construire");
	CU_ASSERT_STRING_EQUAL(g.ev[2].service, "urbanisme");
}

/* Line 5: the line dropped while the bot had it. */
static void
test_error(void)
{
	struct got g;

	fixture_line(5, &g);
	CU_ASSERT_EQUAL_FATAL(g.n, 2);
	CU_ASSERT_EQUAL(g.ev[0].time, D20250304 + 11 * 3600);
	CU_ASSERT_EQUAL(g.ev[1].time, D20250304 + 11 * 3600 + 19);
	CU_ASSERT_STRING_EQUAL(g.ev[1].outcome, "error");
	CU_ASSERT_STRING_EQUAL(g.ev[1].extra,
	    "{\"DisconnectReason\":\"TELECOM_PROBLEM\"}");
}

/* Outcomes of contacts the fixtures do not show, and what is optional. */
static void
test_outcomes(void)
{
	struct cs_error err;
	struct got g;
	int64_t t;

	/* a person took it, then the line dropped: escalated all the same */
	CU_ASSERT_EQUAL(parse_str("{\"ContactId\":\"c1\",\"InitiationMethod\":"
	    "\"INBOUND\",\"InitiationTimestamp\":\"2025-03-04T09:00:00Z\","
	    "\"Queue\":{\"Name\":\"accueil\",\"EnqueueTimestamp\":"
	    "\"2025-03-04T09:00:30Z\"},\"Agent\":{\"ConnectedToAgentTimestamp\":"
	    "\"2025-03-04T09:00:40Z\"},\"DisconnectReason\":\"TELECOM_PROBLEM\","
	    "\"DisconnectTimestamp\":\"2025-03-04T09:02:00Z\"}", &t, &g, &err), 0);
	CU_ASSERT_EQUAL_FATAL(g.n, 3);
	CU_ASSERT_STRING_EQUAL(g.ev[2].outcome, "escalated");
	/* queued, the line dropped before anyone answered: error */
	CU_ASSERT_EQUAL(parse_str("{\"ContactId\":\"c2\",\"InitiationMethod\":"
	    "\"INBOUND\",\"InitiationTimestamp\":\"2025-03-04T09:00:00Z\","
	    "\"Queue\":{\"Name\":\"accueil\",\"EnqueueTimestamp\":"
	    "\"2025-03-04T09:00:30Z\"},\"DisconnectReason\":\"TELECOM_PROBLEM\","
	    "\"DisconnectTimestamp\":\"2025-03-04T09:02:00Z\"}", &t, &g, &err), 0);
	CU_ASSERT_EQUAL_FATAL(g.n, 3);
	CU_ASSERT_STRING_EQUAL(g.ev[2].outcome, "error");
	/* a working queue set but never entered: no transfer, resolved */
	CU_ASSERT_EQUAL(parse_str("{\"ContactId\":\"c3\",\"InitiationMethod\":"
	    "\"INBOUND\",\"InitiationTimestamp\":\"2025-03-04T09:00:00Z\","
	    "\"Queue\":{\"Name\":\"accueil\",\"EnqueueTimestamp\":null},"
	    "\"DisconnectTimestamp\":\"2025-03-04T09:02:00Z\"}", &t, &g, &err), 0);
	CU_ASSERT_EQUAL_FATAL(g.n, 2);
	CU_ASSERT_STRING_EQUAL(g.ev[1].outcome, "resolved");
	CU_ASSERT(g.ev[0].caller_null);	/* no CustomerEndpoint */
	/* transferred out to a number: escalated, the number masked */
	CU_ASSERT_EQUAL(parse_str("{\"ContactId\":\"c4\",\"InitiationMethod\":"
	    "\"INBOUND\",\"InitiationTimestamp\":\"2025-03-04T09:00:00Z\","
	    "\"TransferredToEndpoint\":{\"Address\":\"+33639980399\"},"
	    "\"TransferCompletedTimestamp\":\"2025-03-04T09:01:00Z\","
	    "\"DisconnectTimestamp\":\"2025-03-04T09:02:00Z\"}", &t, &g, &err), 0);
	CU_ASSERT_EQUAL_FATAL(g.n, 3);
	CU_ASSERT_EQUAL(g.ev[1].time, D20250304 + 9 * 3600 + 60);
	CU_ASSERT_STRING_EQUAL(g.ev[1].target, "[phone]");
	CU_ASSERT_STRING_EQUAL(g.ev[2].outcome, "escalated");
	/* still going (no DisconnectTimestamp): its start only */
	CU_ASSERT_EQUAL(parse_str("{\"ContactId\":\"c5\",\"InitiationMethod\":"
	    "\"INBOUND\",\"InitiationTimestamp\":\"2025-03-04T09:00:00Z\","
	    "\"Attributes\":{\"intent\":\"x\",\"IntentName\":\"y\"}}", &t, &g,
	    &err), 0);
	CU_ASSERT_EQUAL_FATAL(g.n, 1);
	CU_ASSERT_STRING_EQUAL(g.ev[0].intent, "x");	/* ours first */
	/* a chat is no call: no record */
	CU_ASSERT_EQUAL(parse_str("{\"ContactId\":\"c6\",\"Channel\":\"CHAT\","
	    "\"InitiationMethod\":\"API\",\"InitiationTimestamp\":"
	    "\"2025-03-04T09:00:00Z\"}", &t, &g, &err), 1);
	CU_ASSERT_EQUAL(g.n, 0);
	/* the same contact delivered again, updated: the same keys */
	{
		long long k[2];

		CU_ASSERT_EQUAL(parse_str("{\"ContactId\":\"c7\",\"InitiationMethod\":"
		    "\"INBOUND\",\"InitiationTimestamp\":\"2025-03-04T09:00:00Z\","
		    "\"LastUpdateTimestamp\":\"2025-03-04T09:03:00Z\"}", &t, &g,
		    &err), 0);
		k[0] = g.ev[0].rhash;
		CU_ASSERT_EQUAL(parse_str("{\"ContactId\":\"c7\",\"InitiationMethod\":"
		    "\"INBOUND\",\"InitiationTimestamp\":\"2025-03-04T09:00:00Z\","
		    "\"LastUpdateTimestamp\":\"2025-03-05T10:00:00Z\"}", &t, &g,
		    &err), 0);
		k[1] = g.ev[0].rhash;
		CU_ASSERT_EQUAL(k[0], k[1]);
	}
}

static void
bad(const char *line, const char *want, long column)
{
	struct cs_error err;
	struct got g;
	int64_t t;

	CU_ASSERT_EQUAL(parse_str(line, &t, &g, &err), -1);
	CU_ASSERT_STRING_EQUAL(err.msg, want);
	CU_ASSERT_EQUAL(err.column, column);
	if (strcmp(err.msg, want) != 0 || err.column != column)
		fprintf(stderr, "\n  %s: got '%s' (column %ld), want '%s' "
		    "(column %ld)\n", line, err.msg, err.column, want, column);
}

static void
test_bad_lines(void)
{
	bad("[1]", "expected an object {...}, one contact record a line", 1);
	bad("{\"InitiationTimestamp\":\"2025-03-04T09:00:00Z\"}",
	    "no ContactId", 0);
	bad("{\"ContactId\":7}", "ContactId: expected a string", 0);
	bad("{\"ContactId\":\"c\"}", "no InitiationTimestamp", 0);
	bad("{\"ContactId\":\"c\",\"InitiationTimestamp\":\"2025-03-04 09:00:00\"}",
	    "InitiationTimestamp: '2025-03-04 09:00:00' has no offset; "
	    "write it with Z", 0);
	bad("{\"ContactId\":\"c\",\"InitiationTimestamp\":\"2025-03-04T09:00:00Z\","
	    "\"Queue\":{\"Name\":\"q\",\"EnqueueTimestamp\":\"yesterday\"}}",
	    "Queue.EnqueueTimestamp: 'yesterday' is not an ISO 8601 time "
	    "(2025-03-04T09:01:02Z)", 0);
	bad("{\"ContactId\":\"c\",\"InitiationTimestamp\":\"1989-12-31T23:59:59Z\"}",
	    "InitiationTimestamp: '1989-12-31T23:59:59Z' is out of range "
	    "(1990 to 2099)", 0);
	bad("{\"ContactId\":\"c\",\"InitiationTimestamp\":\"2025-03-04T09:00:00Z\","
	    "\"DisconnectTimestamp\":\"2025-03-04T08:59:59Z\"}",
	    "DisconnectTimestamp: before InitiationTimestamp; the record is "
	    "damaged", 0);
	bad("{\"ContactId\":\"c\",\"InitiationTimestamp\":\"2025-03-04T09:00:00Z\","
	    "\"Agent\":\"x\"}", "Agent: expected an object", 0);
	bad("{\"ContactId\":\"c\",\"InitiationTimestamp\":\"2025-03-04T09:00:00Z\","
	    "\"CustomerEndpoint\":{\"Address\":639980301}}",
	    "CustomerEndpoint.Address: expected a string", 0);
}

/* Bad JSON: Jansson's words, and where (its column, from 1). */
static void
test_bad_json(void)
{
	static const char *const lines[] = {
		"{\"ContactId\":\"c\",",
		"{\"ContactId\":\"c\",\"ContactId\":\"d\"}",
		"{\"ContactId\":\"c\" \"InitiationMethod\":1}",
	};
	/* Jansson's column: the last byte of the token at fault, counted
	   by hand (the end of the line, the second "ContactId", the
	   unexpected "InitiationMethod") */
	static const long column[] = { 17, 28, 35 };
	struct cs_error err;
	struct got g;
	int64_t t;

	for (size_t i = 0; i < sizeof(lines) / sizeof(lines[0]); i++) {
		CU_ASSERT_EQUAL(parse_str(lines[i], &t, &g, &err), -1);
		CU_ASSERT(err.msg[0] != '\0');
		CU_ASSERT_EQUAL(err.column, column[i]);
		if (err.column != column[i])
			fprintf(stderr, "\n  %s: column %ld (%s), want %ld\n",
			    lines[i], err.column, err.msg, column[i]);
	}
}

/* Detection: a CTR line is connect-ctr's, and no other format's. */
static void
test_detect(void)
{
	static const char line[] = "{\"ContactId\":\"c\",\"InitiationMethod\":"
	    "\"INBOUND\",\"InitiationTimestamp\":\"2025-03-04T09:00:00Z\"}\n";
	char buf[16384];
	FILE *fp = fopen(cs_unit_data(CTR), "r");
	size_t n;

	CU_ASSERT_EQUAL(cs_format_detect(line, sizeof(line) - 1),
	    &cs_format_connect_ctr);
	CU_ASSERT_PTR_NOT_NULL_FATAL(fp);
	n = fread(buf, 1, sizeof(buf), fp);
	fclose(fp);
	CU_ASSERT_EQUAL(cs_format_detect(buf, n), &cs_format_connect_ctr);
	/* a canonical event that mentions a contact is the canonical one's */
	CU_ASSERT_EQUAL(cs_format_detect("{\"session_id\":\"s\",\"ts\":"
	    "\"2025-03-04T09:00:00Z\",\"type\":\"x\",\"ContactId\":\"c\"}\n",
	    strlen("{\"session_id\":\"s\",\"ts\":\"2025-03-04T09:00:00Z\","
	    "\"type\":\"x\",\"ContactId\":\"c\"}\n")), &cs_format_bot_jsonl);
	CU_ASSERT_PTR_EQUAL(cs_format_find("connect-ctr"), &cs_format_connect_ctr);
}

static CU_TestInfo tests[] = {
	{ "sample_answered", test_sample_answered },
	{ "bot_settled", test_bot_settled },
	{ "queued_answered", test_queued_answered },
	{ "queued_abandoned", test_queued_abandoned },
	{ "error", test_error },
	{ "outcomes", test_outcomes },
	{ "bad_lines", test_bad_lines },
	{ "bad_json", test_bad_json },
	{ "detect", test_detect },
	CU_TEST_INFO_NULL
};

CS_UNIT_SUITE_FIXTURE("bot_connect", tests, suite_init, suite_clean)
