/*
 * test_json_flat.c: the json_flat suite.  The quick reading of a flat
 * object (readers/json_flat.c), with what each value must become worked
 * out from RFC 8259 by hand (é is U+00E9, C3 A9 in UTF-8; U+1F600 is the
 * pair D83D DE00 and F0 9F 98 80), and the shapes it must leave to
 * Jansson.  That the two readings agree on every other input is the
 * bot_jsonl fuzz harness's check.
 */
#include <stdio.h>
#include <string.h>

#include "readers/json_flat.h"
#include "unit.h"

static const char *const keys[] = { "a", "b", "c" };

/* Reads s into v; its return. */
static int
flat(const char *s, struct cs_json_flat_val v[3])
{
	static char buf[512];

	strcpy(buf, s);
	return cs_json_flat(buf, strlen(buf), keys, 3, v);
}

static void
test_values(void)
{
	struct cs_json_flat_val v[3];

	CU_ASSERT_EQUAL_FATAL(flat("{\"a\":\"x\",\"c\":null}", v), 0);
	CU_ASSERT_EQUAL(v[0].type, CS_JF_STRING);
	CU_ASSERT_STRING_EQUAL(v[0].s, "x");
	CU_ASSERT_EQUAL(v[1].type, CS_JF_ABSENT);
	CU_ASSERT_EQUAL(v[2].type, CS_JF_NULL);

	CU_ASSERT_EQUAL_FATAL(flat(" { \"b\" : -42 , \"a\" : 0.25 } ", v), 0);
	CU_ASSERT_EQUAL(v[1].type, CS_JF_INT);
	CU_ASSERT_EQUAL(v[1].i, -42);
	CU_ASSERT_EQUAL(v[0].type, CS_JF_REAL);
	CU_ASSERT_DOUBLE_EQUAL(v[0].d, 0.25, 0);

	/* the nearest double, as strtod gives it: 0.8445 is not exact */
	CU_ASSERT_EQUAL_FATAL(flat("{\"a\":0.8445,\"b\":123456789012345678}", v), 0);
	CU_ASSERT(v[0].d == 0.8445);
	CU_ASSERT_EQUAL(v[1].i, 123456789012345678LL);
}

static void
test_escapes(void)
{
	struct cs_json_flat_val v[3];

	CU_ASSERT_EQUAL_FATAL(flat("{\"a\":\"q\\\"b\\\\s\\/n\\nt\\tr\\r\"}", v), 0);
	CU_ASSERT_STRING_EQUAL(v[0].s, "q\"b\\s/n\nt\tr\r");
	CU_ASSERT_EQUAL_FATAL(flat("{\"a\":\"\\u00e9t\\u00E9\",\"b\":\"\\ud83d\\ude00\"}", v), 0);
	CU_ASSERT_STRING_EQUAL(v[0].s, "\xc3\xa9t\xc3\xa9");
	CU_ASSERT_STRING_EQUAL(v[1].s, "\xf0\x9f\x98\x80");
	/* a key written with an escape is the same key */
	CU_ASSERT_EQUAL_FATAL(flat("{\"\\u0062\":\"x\"}", v), 0);
	CU_ASSERT_STRING_EQUAL(v[1].s, "x");
}

/*
 * Plain bytes are read eight at a time: an escape, a quote or a control
 * character at each place of an eight-byte word, after 0 to 24 plain
 * bytes and before 0 to 9, is found where it is.
 */
static void
test_words(void)
{
	static const struct {
		const char *in, *out;	/* out NULL: left to Jansson */
	} mid[] = {
		{ "\\\"", "\"" }, { "\\\\", "\\" }, { "\\n", "\n" },
		{ "\\u00e9", "\xc3\xa9" }, { "\xc3\xa9", "\xc3\xa9" },
		{ "\x7f", "\x7f" }, { "\x01", NULL }, { "\t", NULL },
		{ "\x1f", NULL }, { " ", " " },
	};
	struct cs_json_flat_val v[3];
	char line[128], want[64];

	for (size_t m = 0; m < sizeof(mid) / sizeof(mid[0]); m++)
		for (int before = 0; before <= 24; before++)
			for (int after = 0; after <= 9; after++) {
				int n = snprintf(line, sizeof(line), "{\"a\":\"%.*s%s%.*s\",\"b\":1}",
				    before, "xxxxxxxxxxxxxxxxxxxxxxxx", mid[m].in,
				    after, "yyyyyyyyy");
				int rc = cs_json_flat(line, (size_t)n, keys, 3, v);

				if (mid[m].out == NULL) {
					CU_ASSERT_EQUAL(rc, -1);
					continue;
				}
				snprintf(want, sizeof(want), "%.*s%s%.*s", before,
				    "xxxxxxxxxxxxxxxxxxxxxxxx", mid[m].out, after,
				    "yyyyyyyyy");
				CU_ASSERT_EQUAL_FATAL(rc, 0);
				CU_ASSERT_STRING_EQUAL(v[0].s, want);
				CU_ASSERT_EQUAL(v[1].i, 1);
			}
	/* a string that runs to the end of the line, of every length */
	for (int len = 0; len <= 20; len++) {
		int n = snprintf(line, sizeof(line), "{\"a\":\"%.*s", len,
		    "xxxxxxxxxxxxxxxxxxxx");

		CU_ASSERT_EQUAL(cs_json_flat(line, (size_t)n, keys, 3, v), -1);
	}
}

/* What is left to Jansson: it reads it, or says what is wrong. */
static void
test_left(void)
{
	static const char *const left[] = {
		"{}", "[]", "", "{\"a\":\"x\"} x", "{\"a\":\"x\",}",
		"{\"d\":1}",			/* unknown key */
		"{\"a\":1,\"a\":2}",		/* twice */
		"{\"a\":{\"x\":1}}", "{\"a\":[1]}", "{\"a\":true}",
		"{\"a\":1e3}", "{\"a\":0.5E1}", "{\"a\":01}", "{\"a\":-}",
		"{\"a\":1.}", "{\"a\":.5}",
		"{\"a\":1234567890123456789}",	/* 19 digits */
		"{\"a\":0.1234567890123456}",	/* 16 digits */
		/* past what a long long holds (a UBSan overflow, found by
		   fuzzing) */
		"{\"a\":123456789012345678901234567890}",
		"{\"a\":1.23456789012345678901234567890}",
		"{\"a\":\"\\u0000\"}", "{\"a\":\"\\ud800\"}",
		"{\"a\":\"\\udc00\"}", "{\"a\":\"\\ud800\\u0041\"}",
		"{\"a\":\"\\x\"}", "{\"a\":\"\\u12g4\"}", "{\"a\":\"tab\there\"}",
		"{\"a\":\"open", "{\"a\" \"x\"}", "{\"a\":nul}",
	};
	struct cs_json_flat_val v[3];

	for (size_t i = 0; i < sizeof(left) / sizeof(left[0]); i++)
		CU_ASSERT_EQUAL(flat(left[i], v), -1);
}

static CU_TestInfo tests[] = {
	{ "values", test_values },
	{ "escapes", test_escapes },
	{ "eight bytes at a time", test_words },
	{ "left to Jansson", test_left },
	CU_TEST_INFO_NULL,
};

CS_UNIT_SUITE("json_flat", tests)
