/*
 * test_redact.c: the redact suite.  Each form redact.h lists, written by
 * hand with what it must become; what must stay as it is (dates, times,
 * amounts, postcodes, years, an Asterisk uniqueid, a sentence with a
 * number or two); which rule wins where two could; the counts; the output
 * cut short; bytes that are not UTF-8.  Every case is also redacted twice:
 * the second time changes nothing.
 *
 * Phone numbers are in the ranges ARCEP keeps for fiction (06 39 98 xx xx,
 * 01 99 00 xx xx).  The IBANs, cards and NIRs are made up, their check
 * digits computed as the standards say:
 *   - IBAN: check = 98 - (BBAN + country letters as 10..35 + "00") mod 97
 *     (ISO 13616); FR + 30006000011234567890189 gives 76, DE +
 *     370400440532013000 gives 89, FR + 1234512345ABCDEFGHIJK06 gives 67;
 *   - card: Luhn, from the right every second digit doubled (9 taken off
 *     above 9), the sum a multiple of 10.  4970 1012 3456 789x: 3+9+8+5+
 *     6+1+4+6+2+2+0+2+0+5+9+8 = 70 with x = 3;
 *   - NIR: key = 97 - (the 13 digits mod 97), 2A read 19 and 2B 18:
 *     1850578006084 gives 91, 185052A012345 (1851905012345) 79,
 *     185052B012345 (1851805012345) 09, 2990275123036 97.
 * The sums were done with Python's integers and the Luhn one by hand.
 */
#include <stdio.h>
#include <string.h>

#include "redact.h"
#include "unit.h"

static long none[CS_REDACT_N];

/* in becomes want, with counts c (phone, email, iban, card, nir); and
 * want stays want. */
static void
check_counts(const char *in, const char *want, const long c[CS_REDACT_N])
{
	char out[1024], again[1024];
	long got[CS_REDACT_N], got2[CS_REDACT_N];

	memset(out, 'x', sizeof(out));
	cs_redact(in, out, sizeof(out), got);
	CU_ASSERT_STRING_EQUAL(out, want);
	if (strcmp(out, want) != 0)
		fprintf(stderr, "\n  redact '%s':\n   got '%s'\n  want '%s'\n",
		    in, out, want);
	if (c != NULL) {
		CU_ASSERT(memcmp(got, c, sizeof(got)) == 0);
		if (memcmp(got, c, sizeof(got)) != 0)
			fprintf(stderr, "\n  redact '%s': counts %ld %ld %ld "
			    "%ld %ld, want %ld %ld %ld %ld %ld\n", in, got[0],
			    got[1], got[2], got[3], got[4], c[0], c[1], c[2],
			    c[3], c[4]);
	}
	cs_redact(out, again, sizeof(again), got2);
	CU_ASSERT_STRING_EQUAL(again, out);
	if (strcmp(again, out) != 0)
		fprintf(stderr, "\n  redact twice '%s': '%s'\n", out, again);
}

static void
check(const char *in, const char *want)
{
	check_counts(in, want, NULL);
}

/* in stays as it is, nothing counted */
static void
stays(const char *in)
{
	check_counts(in, in, none);
}

static void
test_phone_digits(void)
{
	static const long one[CS_REDACT_N] = { [CS_REDACT_PHONE] = 1 };

	check_counts("mon numéro c'est le 06 39 98 01 19 merci",
	    "mon numéro c'est le [phone] merci", one);
	check_counts("06.39.98.01.19", "[phone]", one);
	check_counts("0639980119", "[phone]", one);
	check_counts("06-39-98-01-19.", "[phone].", one);
	check_counts("rappelez le +33 6 39 98 01 19", "rappelez le [phone]",
	    one);
	check_counts("+33639980119", "[phone]", one);
	check_counts("0033199000123 svp", "[phone] svp", one);
	check_counts("au 01 99 00 01 23, ou au 01.99.00.01.24",
	    "au [phone], ou au [phone]",
	    (long[CS_REDACT_N]){ [CS_REDACT_PHONE] = 2 });
	check("+33 (0)1 99 00 01 23", "[phone]");
	/* right after letters: still a number (phone.h) */
	check("tel:0639980119", "tel:[phone]");
}

static void
test_phone_words(void)
{
	check("zéro six douze trente-quatre cinquante-six soixante-dix-huit",
	    "[phone]");
	check("c'est le zéro six douze trente-quatre cinquante-six "
	    "soixante-dix-huit merci", "c'est le [phone] merci");
	check("zero 6 12 34 56 78", "[phone]");
	/* 06 39 98 01 19, with commas and a full stop */
	check("Zéro six, trente-neuf, quatre-vingt-dix-huit, zéro un, "
	    "dix-neuf.", "[phone].");
	/* no hyphens, no accents, any case: 01 99 00 12 34 */
	check("ZERO UN quatre vingt dix neuf zero zero douze trente quatre",
	    "[phone]");
	check("ZÉRO SIX TRENTE NEUF 98 01 19", "[phone]");
	/* "et" inside a number: 06 71 21 32 40 */
	check("zéro six soixante et onze vingt et un trente-deux quarante",
	    "[phone]");
	/* digit by digit */
	check("zéro six trois neuf neuf huit zéro un un neuf", "[phone]");
	/* a trailing "et" is not taken */
	check("zéro six douze trente quatre cinquante six soixante dix huit "
	    "et voilà", "[phone] et voilà");
	check_counts("un deux trois quatre cinq six", "[phone]",
	    (long[CS_REDACT_N]){ [CS_REDACT_PHONE] = 1 });
	/* no-break spaces between the words */
	check("z\xc3\xa9ro\xc2\xa0six\xc2\xa0" "douze trente-quatre cinquante-six "
	    "soixante-dix-huit", "[phone]");
}

static void
test_phone_words_stay(void)
{
	stays("j'ai deux enfants");
	stays("le 3 mars");
	stays("j'ai deux enfants et trois chats, le 3 mars");
	/* one number, however many words: 399 */
	stays("trois cent quatre-vingt-dix-neuf euros");
	stays("trois cent quatre vingt dix neuf euros");
	stays("le vingt-trois mars deux mille vingt-cinq");
	/* two numbers in six words; five words in three numbers */
	stays("neuf cent quatre-vingt-dix-neuf, quatre cent");
	stays("vingt-deux trente-trois quarante");
	stays("zéro six douze trente");
	stays("cinq ou six personnes, sept ou huit voitures");
	stays("de 9 h à 12 h et de 14 h à 18 h");
	/* three numbers or more, in six words or more, are one too: a
	 * number cut short (zéro, six, 12, 34, 56: seven words) */
	check("zéro six douze trente-quatre cinquante-six", "[phone]");
	check("vingt-deux trente-trois quarante-quatre", "[phone]");
	/* only digits: that is phone.c's to judge, and these are not */
	stays("1 2 3 4 5 6");
	/* words that begin like number words */
	stays("unique deuxième troisième centre douzaine sixième");
	stays("un appartement neuf");
}

static void
test_email(void)
{
	static const long one[CS_REDACT_N] = { [CS_REDACT_EMAIL] = 1 };

	check_counts("écrivez à jean.dupont@example.fr svp",
	    "écrivez à [email] svp", one);
	check_counts("jean-pierre_2+x@mairie.example.org.",
	    "[email].", one);
	check_counts("jean point dupont arobase gmail point com", "[email]",
	    one);
	check_counts("jean.dupont at gmail dot com", "[email]", one);
	check_counts("mon adresse c'est hélène point martin arobase orange "
	    "point fr merci", "mon adresse c'est [email] merci", one);
	check("JEAN TIRET PIERRE AROBASE LAPOSTE POINT NET", "[email]");
	check("jean.dupont arobase gmail.com", "[email]");
	check("jean @ gmail.com", "[email]");
	/* digits in the address are the address's */
	check("0639980119@sms.example.fr", "[email]");
}

static void
test_email_stay(void)
{
	stays("rendez-vous à la mairie");
	stays("je suis at home");
	stays("le point sur la situation");
	stays("un @ seul");
	stays("a@b");
	stays("x@y.1");
	/* a tag is kept, and is not an address's first part */
	stays("[email] arobase gmail");
}

static void
test_iban(void)
{
	static const long one[CS_REDACT_N] = { [CS_REDACT_IBAN] = 1 };

	check_counts("FR76 3000 6000 0112 3456 7890 189 merci",
	    "[iban] merci", one);
	check_counts("mon iban FR7630006000011234567890189.",
	    "mon iban [iban].", one);
	check_counts("DE89 3704 0044 0532 0130 00", "[iban]", one);
	check_counts("FR67 1234 5123 45AB CDEF GHIJ K06", "[iban]", one);
	check("fr76 3000 6000 0112 3456 7890 189", "[iban]");
	/* the check fails: the text stays (no other rule takes its
	 * groups of 4) */
	stays("FR76 3000 6000 0112 3456 7890 188 faux");
	stays("FR77 3000 6000 0112 3456 7890 189");
	/* letters and digits, but too short to be one */
	stays("AB12 3456");
}

static void
test_card(void)
{
	static const long one[CS_REDACT_N] = { [CS_REDACT_CARD] = 1 };

	check_counts("carte 4970 1012 3456 7893 exp 12/27",
	    "carte [card] exp 12/27", one);
	check_counts("4970-1012-3456-7893", "[card]", one);
	check_counts("4970101234567893", "[card]", one);
	/* American Express, 4-6-5: 378282246310005 passes Luhn */
	check_counts("3782 822463 10005", "[card]", one);
	/* 13 and 19 digits */
	check("1234567890128", "[card]");
	/* 4 + 6 = 10 */
	check("n 4000 0000 0000 0000 006 ok", "n [card] ok");
	/* groups of 2 are a phone number's way, not a card's */
	stays("4000 0000 0000 0000 02");
	/* fails Luhn: left to the other rules, which take none of it */
	stays("4970 1012 3456 7890 faux");
	/* a 16-digit run that fails Luhn is a run of 9 digits or more:
	 * phone.c takes it */
	check("4970101234567890", "[phone]");
}

static void
test_nir(void)
{
	static const long one[CS_REDACT_N] = { [CS_REDACT_NIR] = 1 };

	check_counts("mon numéro de sécu 1 85 05 78 006 084 91",
	    "mon numéro de sécu [nir]", one);
	check_counts("185057800608491", "[nir]", one);
	check_counts("1 85 05 78 006 084", "[nir]", one);
	check_counts("1850578006084.", "[nir].", one);
	check_counts("1 85 05 2A 012 345 79", "[nir]", one);
	check_counts("1 85 05 2b 012 345 09", "[nir]", one);
	check_counts("1 85 05 2A 012 345", "[nir]", one);
	/* written with dashes or dots, the key too */
	check_counts("1-85-05-78-006-084-91", "[nir]", one);
	check_counts("1.85.05.78.006.084.91", "[nir]", one);
	check_counts("secu: 1-85-05-2A-012-345-79.", "secu: [nir].", one);
	/* special months: 20, 42, 50-99 */
	check("2 99 42 75 123 456", "[nir]");
	check("1 85 99 78 006 084", "[nir]");
	/* month 13 or 00, first digit 3: not one */
	stays("1 85 13 78 006 084");
	stays("1 85 00 78 006 084");
	/* the key is checked: 92 is wrong for these 13 digits, so it is not
	 * their key; the 13 digits are still a NIR without one */
	check_counts("1 85 05 78 006 084 92", "[nir] 92", one);
	/* 15 digits run together with a wrong key: a run phone.c takes */
	check("185057800608492", "[phone]");
}

/* Where two rules could take the same digits. */
static void
test_order(void)
{
	/* a NIR with its key that also passes Luhn: NIR first */
	check_counts("299027512303697", "[nir]",
	    (long[CS_REDACT_N]){ [CS_REDACT_NIR] = 1 });
	/* 13 digits of a NIR's shape passing Luhn: NIR first */
	check_counts("1850578006006", "[nir]",
	    (long[CS_REDACT_N]){ [CS_REDACT_NIR] = 1 });
	/* 16 digits starting with 06 passing Luhn: card before phone */
	check_counts("0639980119123455", "[card]",
	    (long[CS_REDACT_N]){ [CS_REDACT_CARD] = 1 });
	/* a phone number in pairs is never a card (groups of 3 or more) */
	check_counts("06 39 98 01 19 12 34", "[phone] 12 34",
	    (long[CS_REDACT_N]){ [CS_REDACT_PHONE] = 1 });
	/* an address holding a card number: the address */
	check("4970101234567893@example.fr", "[email]");
	/* an IBAN's digits are not a phone number's */
	check_counts("FR76 3000 6000 0112 3456 7890 189", "[iban]",
	    (long[CS_REDACT_N]){ [CS_REDACT_IBAN] = 1 });
	/* a number after a card: each its own */
	check("4970101234567893-0639980119", "[card]-[phone]");
	/* spelled words around digits: one spelled number */
	check("zéro six 39 98 01 19", "[phone]");
}

/*
 * What a rule decides at a place depends on nothing that another rule may
 * replace, so that a second pass over the output, where a tag stands
 * instead, decides the same (found by fuzz_redact).
 */
static void
test_context(void)
{
	/* digits glued by '.' to a number taken go with it: left alone,
	 * ".9701041970" would be a uniqueid's tail here and a number of 10
	 * digits after "[card]" */
	check("$49701 point 7890 4970101234567893.9701041970",
	    "$49701 point 7890 [card]");
	check("123456789.4970101234567893", "[card]");
	check("0639980119.5 ou 1741683600.12", "[phone] ou 1741683600.12");
	/* the domain's last part starts with letters; digits after them
	 * would be a number once the address is cut there */
	check("a@b.fr0639980119", "[email]");
	/* when the whole does not end as a domain does, the address ends
	 * where another rule could start after a part that would: what
	 * a second pass would see */
	check("x@b.fr4970101234567893.a.9", "[email][card].a.9");
	check("jean@free.fr.0639980119", "[email].[phone]");
	check("x arobase b point fr point 0639980119 ok",
	    "[email] point [phone] ok");
	/* the last such place: before ".9", then the glued ".9" */
	check("x@b.fr4970101234567893.9", "[email]");
	check("x@b.fr-0639980119.2 ok", "[email] ok");
	/* a group of an IBAN's that a tag ends is no group's end:
	 * DE89390400440532013000 is a number of 20 digits after "DE" */
	check("FR76 30056 8 019879 et DE89390400440532013000",
	    "FR76 30056 8 019879 et DE[phone]");
	/* a connecting word is no part of an address: "point" would join
	 * "at" to the number before, then start an address once the number
	 * is a tag */
	check("49 douze 709999-9999123456 point at 3456 point nt r]1;",
	    "49 douze 709999-[phone] point at 3456 point nt r]1;");
	stays("jean point at");
	/* a number word just before digits */
	check("un deux trois quatre cinq six0639980119", "[phone][phone]");
	/* right after a number, a word starts (as after a tag) */
	check("0639980119un deux trois quatre cinq six", "[phone][phone]");
}

static void
test_stays(void)
{
	stays("le 12/03/2025 à 10:30");
	stays("le 2025-03-12 à 10:30:00");
	stays("ça fait 12,50 euros, ou 1 250,00 €");
	stays("75001 Paris");
	stays("en 2025, j'ai 3 enfants");
	stays("uniqueid 1741683600.12");
	stays("le numéro 12, poste 2101");
	stays("le 12 03 2025");
	stays("ticket 12345678");
	stays("");
	stays("rappel [phone] et [email] ok, [iban] [card] [nir]");
}

static void
test_counts(void)
{
	char out[256];
	long c[CS_REDACT_N] = { 9, 9, 9, 9, 9 };

	cs_redact("06 39 98 01 19, a@b.fr, FR76 3000 6000 0112 3456 7890 189, "
	    "4970101234567893, 1 85 05 78 006 084 91, 01 99 00 01 23, "
	    "jean arobase orange point fr", out, sizeof(out), c);
	CU_ASSERT_STRING_EQUAL(out, "[phone], [email], [iban], [card], [nir], "
	    "[phone], [email]");
	CU_ASSERT_EQUAL(c[CS_REDACT_PHONE], 2);
	CU_ASSERT_EQUAL(c[CS_REDACT_EMAIL], 2);
	CU_ASSERT_EQUAL(c[CS_REDACT_IBAN], 1);
	CU_ASSERT_EQUAL(c[CS_REDACT_CARD], 1);
	CU_ASSERT_EQUAL(c[CS_REDACT_NIR], 1);
	/* zeroed when nothing is found */
	cs_redact("rien", out, sizeof(out), c);
	for (int i = 0; i < CS_REDACT_N; i++)
		CU_ASSERT_EQUAL(c[i], 0);
	/* counts may be NULL, in may be NULL */
	CU_ASSERT_PTR_EQUAL(cs_redact("0639980119", out, sizeof(out), NULL),
	    out);
	CU_ASSERT_STRING_EQUAL(out, "[phone]");
	cs_redact(NULL, out, sizeof(out), c);
	CU_ASSERT_STRING_EQUAL(out, "");
}

static void
test_truncation(void)
{
	char out[32];
	long c[CS_REDACT_N];

	/* "ab " fits in 4, the tag does not: cut before it, counted */
	memset(out, 'x', sizeof(out));
	cs_redact("ab 0639980119 cd", out, 4, c);
	CU_ASSERT_STRING_EQUAL(out, "ab ");
	CU_ASSERT_EQUAL(c[CS_REDACT_PHONE], 1);
	/* the tag fits exactly; nothing after it */
	cs_redact("ab 0639980119 cd", out, 11, NULL);
	CU_ASSERT_STRING_EQUAL(out, "ab [phone]");
	/* part of the tag would fit: none of it goes */
	cs_redact("ab 0639980119 cd", out, 9, NULL);
	CU_ASSERT_STRING_EQUAL(out, "ab ");
	/* "é" is 2 bytes: with 3 bytes, "h" and the NUL */
	cs_redact("héllo", out, 3, NULL);
	CU_ASSERT_STRING_EQUAL(out, "h");
	cs_redact("héllo", out, 4, NULL);
	CU_ASSERT_STRING_EQUAL(out, "h\xc3\xa9");
	/* U+202F is 3 bytes */
	cs_redact("a\xe2\x80\xaf" "b", out, 4, NULL);
	CU_ASSERT_STRING_EQUAL(out, "a");
	cs_redact("a\xe2\x80\xaf" "b", out, 5, NULL);
	CU_ASSERT_STRING_EQUAL(out, "a\xe2\x80\xaf");
	/* a 4-byte character (U+1F600) */
	cs_redact("ok\xf0\x9f\x98\x80", out, 5, NULL);
	CU_ASSERT_STRING_EQUAL(out, "ok");
	/* n = 1: only the NUL; n = 0: out untouched */
	cs_redact("abc", out, 1, NULL);
	CU_ASSERT_STRING_EQUAL(out, "");
	out[0] = 'z';
	cs_redact("abc", out, 0, c);
	CU_ASSERT_EQUAL(out[0], 'z');
	/* a byte that is no character's start is cut as it is */
	cs_redact("ab\x80\x80\x80\x80\x80", out, 5, NULL);
	CU_ASSERT_STRING_EQUAL(out, "ab\x80\x80");
}

static void
test_utf8(void)
{
	/* accents survive, byte for byte */
	stays("Hélène, ça coûte 3 € à Besançon — « oui »");
	/* invalid UTF-8 passes through untouched, around what is taken */
	check("\xff\xfe 06 39 98 01 19 \xc3", "\xff\xfe [phone] \xc3");
	stays("\xc3\x28 \xa0\xa1 \xe2\x82 \xf0\x28\x8c\xbc");
	/* a lone lead byte before digits */
	check("\xc3" "0639980119", "\xc3[phone]");
}

static CU_TestInfo tests[] = {
	{ "phone numbers in digits", test_phone_digits },
	{ "phone numbers in words", test_phone_words },
	{ "sentences with numbers stay", test_phone_words_stay },
	{ "e-mail addresses", test_email },
	{ "what is no address stays", test_email_stay },
	{ "IBAN", test_iban },
	{ "card numbers", test_card },
	{ "NIR", test_nir },
	{ "which rule first", test_order },
	{ "decided the same after a tag", test_context },
	{ "dates, amounts, ids stay", test_stays },
	{ "counts", test_counts },
	{ "truncation", test_truncation },
	{ "UTF-8", test_utf8 },
	CU_TEST_INFO_NULL,
};

CS_UNIT_SUITE("redact", tests)
