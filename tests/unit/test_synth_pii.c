/*
 * test_synth_pii.c: the synth_pii suite: the personal data callstat-synth's
 * callers say (src/lib/synth/pii.c), checked against values worked out by
 * hand, and each form run through redact.c, which must replace it whole.
 */
#include <stdio.h>
#include <string.h>

#include "redact.h"
#include "synth/synth.h"
#include "unit.h"

/* in, redacted, is exactly tag */
static int
redacted_to(const char *in, const char *tag)
{
	char out[512];

	cs_redact(in, out, sizeof(out), NULL);
	if (strcmp(out, tag) != 0) {
		fprintf(stderr, "\n  redact '%s': '%s', want '%s'\n", in, out, tag);
		return 0;
	}
	return 1;
}

static void
test_words(void)
{
	static const struct { int n; const char *w; } want[] = {
		{ 0, "zéro" }, { 16, "seize" }, { 17, "dix-sept" },
		{ 20, "vingt" }, { 21, "vingt et un" }, { 39, "trente-neuf" },
		{ 61, "soixante et un" }, { 70, "soixante-dix" },
		{ 71, "soixante et onze" }, { 77, "soixante-dix-sept" },
		{ 80, "quatre-vingts" }, { 81, "quatre-vingt-un" },
		{ 91, "quatre-vingt-onze" }, { 98, "quatre-vingt-dix-huit" },
	};
	char buf[64];

	for (size_t i = 0; i < sizeof(want) / sizeof(want[0]); i++) {
		CU_ASSERT_EQUAL(cs_synth_say_0_99(want[i].n, buf, sizeof(buf)), 0);
		CU_ASSERT_STRING_EQUAL(buf, want[i].w);
	}
	CU_ASSERT_EQUAL(cs_synth_say_0_99(100, buf, sizeof(buf)), -1);
	CU_ASSERT_EQUAL(cs_synth_say_0_99(-1, buf, sizeof(buf)), -1);
	CU_ASSERT_EQUAL(cs_synth_say_0_99(98, buf, 8), -1);
}

static void
test_phone(void)
{
	static const char *const want[CS_SYNTH_PHONE_NFORMS] = {
		"06 39 98 01 19", "06.39.98.01.19", "0639980119",
		"+33 6 39 98 01 19", "+33639980119", "0033639980119",
		"zéro six trente-neuf quatre-vingt-dix-huit zéro un dix-neuf",
	};
	char buf[128], d[32];

	for (int f = 0; f < CS_SYNTH_PHONE_NFORMS; f++) {
		CU_ASSERT_EQUAL(cs_synth_phone_form("0639980119", f, buf,
		    sizeof(buf)), 0);
		CU_ASSERT_STRING_EQUAL(buf, want[f]);
		CU_ASSERT(redacted_to(buf, "[phone]"));
	}
	CU_ASSERT_EQUAL(cs_synth_phone_form("0199005071", CS_SYNTH_PHONE_WORDS,
	    buf, sizeof(buf)), 0);
	CU_ASSERT_STRING_EQUAL(buf, "zéro un quatre-vingt-dix-neuf zéro zéro "
	    "cinquante soixante et onze");
	CU_ASSERT(redacted_to(buf, "[phone]"));
	/* every pair of digits, spelled, is still a number redact.c finds */
	for (int n = 0; n < 100; n++) {
		snprintf(d, sizeof(d), "063998%02d%02d", n, 99 - n);
		CU_ASSERT_EQUAL(cs_synth_phone_form(d, CS_SYNTH_PHONE_WORDS, buf,
		    sizeof(buf)), 0);
		CU_ASSERT(redacted_to(buf, "[phone]"));
	}
	CU_ASSERT_EQUAL(cs_synth_phone_form("639980119", 0, buf, sizeof(buf)), -1);
	CU_ASSERT_EQUAL(cs_synth_phone_form("0639980119", 0, buf, 10), -1);
}

static void
test_card_iban_nir(void)
{
	char iban[28], card[20], nir[14];

	/* 7992739871x: Luhn's textbook example, check digit 3 */
	CU_ASSERT_EQUAL(cs_synth_luhn_digit("7992739871"), 3);
	CU_ASSERT_EQUAL(cs_synth_luhn_digit("497010123456789"), 3);
	CU_ASSERT_EQUAL(cs_synth_luhn_digit("4970x"), -1);
	snprintf(card, sizeof(card), "497010123456789%d",
	    cs_synth_luhn_digit("497010123456789"));
	CU_ASSERT(redacted_to(card, "[card]"));

	/* FR76 3000 6000 0112 3456 7890 189: the IBAN of redact's tests */
	CU_ASSERT_EQUAL(cs_synth_iban_fr76("300060000112345678901", iban), 0);
	CU_ASSERT_STRING_EQUAL(iban, "FR7630006000011234567890189");
	CU_ASSERT(redacted_to(iban, "[iban]"));
	CU_ASSERT_EQUAL(cs_synth_iban_fr76("30006000011234567890", iban), -1);
	CU_ASSERT_EQUAL(cs_synth_iban_fr76("3000600001123456789012", iban), -1);
	for (int i = 0; i < 50; i++) {
		char acc[22];

		snprintf(acc, sizeof(acc), "3000600001%011d", i * 7919);
		CU_ASSERT_FATAL(cs_synth_iban_fr76(acc, iban) == 0);
		CU_ASSERT(strncmp(iban, "FR76", 4) == 0);
		CU_ASSERT(redacted_to(iban, "[iban]"));
	}

	/* 1 85 05 78 006 084, key 91 (redact's tests) */
	CU_ASSERT_EQUAL(cs_synth_nir_key("1850578006084"), 91);
	CU_ASSERT_EQUAL(cs_synth_nir_key("185057800608"), -1);
	snprintf(nir, sizeof(nir), "2990275123036");
	CU_ASSERT_EQUAL(cs_synth_nir_key(nir), 97);
}

static CU_TestInfo tests[] = {
	{ "words", test_words },
	{ "phone", test_phone },
	{ "card, iban, nir", test_card_iban_nir },
	CU_TEST_INFO_NULL,
};

CS_UNIT_SUITE("synth_pii", tests)
