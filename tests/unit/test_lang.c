/* lang.c: the gettext catalogue read from its text, numbers and dates in
 * English and in French, every expected string written by hand. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "lang.h"
#include "unit.h"

#define NNBSP "\xe2\x80\xaf"	/* U+202F, narrow no-break space */

/* po/fr.po, the catalogue the program ships */
static int
load_fr(struct cs_lang *l)
{
	FILE *fp = fopen(cs_unit_data("po/fr.po"), "r");
	char *text = NULL;
	size_t len = 0, cap = 0;
	struct cs_error err;
	int rc;

	cs_lang_init(l);
	if (!fp)
		return -1;
	for (;;) {
		if (len == cap) {
			cap = cap ? cap * 2 : 8192;
			text = realloc(text, cap);
		}
		size_t k = fread(text + len, 1, cap - len, fp);
		if (k == 0)
			break;
		len += k;
	}
	fclose(fp);
	rc = cs_lang_load(l, "fr", text, len, &err);
	free(text);
	return rc;
}

static void
test_english(void)
{
	struct cs_lang l;
	char b[128];

	cs_lang_init(&l);
	cs_lang_number(&l, 3120.5, 1, b, sizeof(b));
	CU_ASSERT_STRING_EQUAL(b, "3,120.5");
	cs_lang_number(&l, 1234567, 0, b, sizeof(b));
	CU_ASSERT_STRING_EQUAL(b, "1,234,567");
	cs_lang_number(&l, 999, 0, b, sizeof(b));
	CU_ASSERT_STRING_EQUAL(b, "999");
	cs_lang_percent(&l, 98.2, 1, b, sizeof(b));
	CU_ASSERT_STRING_EQUAL(b, "98.2%");
	cs_lang_seconds(&l, 1234, 0, b, sizeof(b));
	CU_ASSERT_STRING_EQUAL(b, "1,234 s");
	cs_lang_month(&l, 2025, 3, 0, b, sizeof(b));
	CU_ASSERT_STRING_EQUAL(b, "March 2025");
	cs_lang_month(&l, 2025, 5, 1, b, sizeof(b));
	CU_ASSERT_STRING_EQUAL(b, "May");
	cs_lang_day(&l, 2024, 3, 4, b, sizeof(b));
	CU_ASSERT_STRING_EQUAL(b, "4 March 2024");
	cs_lang_day(&l, 2024, 3, 1, b, sizeof(b));
	CU_ASSERT_STRING_EQUAL(b, "1 March 2024");
	cs_lang_period(&l, "2024-12", b, sizeof(b));
	CU_ASSERT_STRING_EQUAL(b, "December 2024");
	cs_lang_period(&l, "2024-W10", b, sizeof(b));
	CU_ASSERT_STRING_EQUAL(b, "2024-W10");
	CU_ASSERT_STRING_EQUAL(cs_lang_tr(&l, "Answer rate"), "Answer rate");
	cs_lang_weekday(&l, 0, b, sizeof(b));
	CU_ASSERT_STRING_EQUAL(b, "Monday");
	cs_lang_weekday(&l, 6, b, sizeof(b));
	CU_ASSERT_STRING_EQUAL(b, "Sunday");
	cs_lang_hour(&l, 8, b, sizeof(b));
	CU_ASSERT_STRING_EQUAL(b, "8:00");
	cs_lang_hour(&l, 17, b, sizeof(b));
	CU_ASSERT_STRING_EQUAL(b, "17:00");
}

static void
test_french(void)
{
	struct cs_lang l;
	char b[128];

	CU_ASSERT_EQUAL_FATAL(load_fr(&l), 0);
	cs_lang_percent(&l, 98.2, 1, b, sizeof(b));
	CU_ASSERT_STRING_EQUAL(b, "98,2" NNBSP "%");
	cs_lang_percent(&l, 85, 0, b, sizeof(b));
	CU_ASSERT_STRING_EQUAL(b, "85" NNBSP "%");
	cs_lang_number(&l, 3120.5, 1, b, sizeof(b));
	CU_ASSERT_STRING_EQUAL(b, "3" NNBSP "120,5");
	cs_lang_number(&l, 1234567, 0, b, sizeof(b));
	CU_ASSERT_STRING_EQUAL(b, "1" NNBSP "234" NNBSP "567");
	/* no "-0,0", and a real minus sign (U+2212) */
	cs_lang_number(&l, -0.04, 1, b, sizeof(b));
	CU_ASSERT_STRING_EQUAL(b, "0,0");
	cs_lang_number(&l, -1234, 0, b, sizeof(b));
	CU_ASSERT_STRING_EQUAL(b, "\xe2\x88\x92" "1" NNBSP "234");
	cs_lang_seconds(&l, 20, 0, b, sizeof(b));
	CU_ASSERT_STRING_EQUAL(b, "20\xc2\xa0s");
	cs_lang_month(&l, 2025, 3, 0, b, sizeof(b));
	CU_ASSERT_STRING_EQUAL(b, "mars 2025");
	cs_lang_month(&l, 2025, 2, 0, b, sizeof(b));
	CU_ASSERT_STRING_EQUAL(b, "février 2025");
	cs_lang_month(&l, 2025, 2, 1, b, sizeof(b));
	CU_ASSERT_STRING_EQUAL(b, "févr.");
	/* "May" is a month and its abbreviation: the context tells them apart */
	cs_lang_month(&l, 2025, 5, 1, b, sizeof(b));
	CU_ASSERT_STRING_EQUAL(b, "mai");
	cs_lang_day(&l, 2024, 3, 4, b, sizeof(b));
	CU_ASSERT_STRING_EQUAL(b, "4 mars 2024");
	cs_lang_day(&l, 2024, 3, 1, b, sizeof(b));
	CU_ASSERT_STRING_EQUAL(b, "1er mars 2024");
	cs_lang_period(&l, "2024-08", b, sizeof(b));
	CU_ASSERT_STRING_EQUAL(b, "août 2024");
	cs_lang_weekday(&l, 0, b, sizeof(b));
	CU_ASSERT_STRING_EQUAL(b, "lundi");
	cs_lang_weekday(&l, 6, b, sizeof(b));
	CU_ASSERT_STRING_EQUAL(b, "dimanche");
	/* a no-break space: "8" never ends a line without its "h" */
	cs_lang_hour(&l, 8, b, sizeof(b));
	CU_ASSERT_STRING_EQUAL(b, "8\xc2\xa0h");
	CU_ASSERT_STRING_EQUAL(cs_lang_tr(&l, "Answer rate"), "Taux de réponse");
	CU_ASSERT_STRING_EQUAL(cs_lang_tr(&l, "not in the catalogue"),
	    "not in the catalogue");
	cs_lang_release(&l);
}

static void
test_po_reading(void)
{
	static const char po[] =
	    "# a comment\n"
	    "msgid \"\"\n"
	    "msgstr \"\"\n"
	    "\"Language: xx\\n\"\n"
	    "\n"
	    "msgid \"Say \\\"hi\\\"\"\n"
	    "msgstr \"\"\n"
	    "\"Dis \"\n"
	    "\"\\\"salut\\\"\"\n"
	    "\n"
	    "#, fuzzy\n"
	    "msgid \"Fuzzy\"\n"
	    "msgstr \"Flou\"\n"
	    "\n"
	    "msgid \"Untranslated\"\n"
	    "msgstr \"\"\n"
	    "\n"
	    "msgctxt \"month abbreviation\"\n"
	    "msgid \"May\"\n"
	    "msgstr \"Mai.\"\n"
	    "msgid \"May\"\n"
	    "msgstr \"Maie\"\n";
	struct cs_lang l;
	struct cs_error err;
	char b[64];

	cs_lang_init(&l);
	CU_ASSERT_EQUAL_FATAL(cs_lang_load(&l, "xx", po, strlen(po), &err), 0);
	CU_ASSERT_EQUAL(l.n, 3);
	CU_ASSERT_STRING_EQUAL(cs_lang_tr(&l, "Say \"hi\""), "Dis \"salut\"");
	CU_ASSERT_STRING_EQUAL(cs_lang_tr(&l, "Fuzzy"), "Fuzzy");
	CU_ASSERT_STRING_EQUAL(cs_lang_tr(&l, "Untranslated"), "Untranslated");
	CU_ASSERT_STRING_EQUAL(cs_lang_tr(&l, "May"), "Maie");
	cs_lang_month(&l, 2025, 5, 1, b, sizeof(b));
	CU_ASSERT_STRING_EQUAL(b, "Mai.");
	cs_lang_month(&l, 2025, 5, 0, b, sizeof(b));
	CU_ASSERT_STRING_EQUAL(b, "Maie 2025");
	/* without "@" entries, English ways with numbers */
	cs_lang_percent(&l, 50, 0, b, sizeof(b));
	CU_ASSERT_STRING_EQUAL(b, "50%");
	cs_lang_release(&l);

	/* a line that is no .po: its number in the message */
	static const char bad[] = "msgid \"a\"\nmsgstr \"b\"\nnonsense\n";
	CU_ASSERT_EQUAL(cs_lang_load(&l, "xx", bad, strlen(bad), &err), -1);
	CU_ASSERT_PTR_NOT_NULL(strstr(err.msg, "line 3"));
	CU_ASSERT_EQUAL(l.n, 0);
	static const char unterminated[] = "msgid \"a\nmsgstr \"b\"\n";
	CU_ASSERT_EQUAL(cs_lang_load(&l, "xx", unterminated,
	    strlen(unterminated), &err), -1);
	CU_ASSERT_PTR_NOT_NULL(strstr(err.msg, "line 1"));
}

static CU_TestInfo tests[] = {
	{ "English numbers and dates", test_english },
	{ "French from po/fr.po", test_french },
	{ "the .po reader", test_po_reading },
	CU_TEST_INFO_NULL,
};

CS_UNIT_SUITE("lang", tests)
