/* encoding.c: Latin-1 and Windows-1252 made UTF-8, their bytes with no
 * character found, UTF-8 checked (expected bytes from Unicode's tables). */
#include <stdlib.h>
#include <string.h>

#include "readers/encoding.h"
#include "readers/readers.h"
#include "unit.h"

static void
test_names(void)
{
	enum cs_encoding e;

	CU_ASSERT(cs_encoding_find("latin1", &e) == 0 && e == CS_ENC_LATIN1);
	CU_ASSERT(cs_encoding_find("ISO-8859-1", &e) == 0 && e == CS_ENC_LATIN1);
	CU_ASSERT(cs_encoding_find("cp1252", &e) == 0 && e == CS_ENC_CP1252);
	CU_ASSERT(cs_encoding_find("Windows-1252", &e) == 0 && e == CS_ENC_CP1252);
	CU_ASSERT(cs_encoding_find("UTF-8", &e) == 0 && e == CS_ENC_UTF8);
	CU_ASSERT(cs_encoding_find("ebcdic", &e) == -1);
	CU_ASSERT(cs_encoding_find("", &e) == -1);
}

static void
test_cp1252(void)
{
	/* é E9 -> C3 A9 (U+00E9); € 80 -> E2 82 AC (U+20AC); œ 9C -> C5 93
	   (U+0153); ’ 92 -> E2 80 99 (U+2019); Ÿ 9F -> C5 B8 (U+0178) */
	char out[64];
	size_t bad = 99;
	long n = cs_encoding_to_utf8(CS_ENC_CP1252, "a\xe9\x80\x9c\x92\x9f", 6,
	    out, &bad);

	CU_ASSERT_EQUAL(n, 1 + 2 + 3 + 2 + 3 + 2);
	CU_ASSERT_STRING_EQUAL(out, "a\xc3\xa9\xe2\x82\xac\xc5\x93\xe2\x80\x99"
	    "\xc5\xb8");
	/* the five bytes with no character */
	const char undef[] = "\x81\x8d\x8f\x90\x9d";
	for (int i = 0; i < 5; i++) {
		char in[4] = { 'x', 'y', undef[i], 'z' };

		bad = 99;
		CU_ASSERT_EQUAL(cs_encoding_to_utf8(CS_ENC_CP1252, in, 4, out,
		    &bad), -1);
		CU_ASSERT_EQUAL(bad, 2);
	}
	/* every other byte from 0x80 to 0x9F has one: 27 of 32 */
	int ok = 0;
	for (int c = 0x80; c < 0xa0; c++) {
		char in[1] = { (char)c };

		ok += cs_encoding_to_utf8(CS_ENC_CP1252, in, 1, out, &bad) > 0;
	}
	CU_ASSERT_EQUAL(ok, 27);
}

static void
test_latin1(void)
{
	/* ÿ FF -> C3 BF; é E9 -> C3 A9; A0 (no-break space) -> C2 A0 */
	char out[64];
	size_t bad = 99;

	CU_ASSERT_EQUAL(cs_encoding_to_utf8(CS_ENC_LATIN1, "\xff\xe9\xa0", 3,
	    out, &bad), 6);
	CU_ASSERT_STRING_EQUAL(out, "\xc3\xbf\xc3\xa9\xc2\xa0");
	/* 0x80-0x9F are control codes: rejected (a cp1252 file's €) */
	CU_ASSERT_EQUAL(cs_encoding_to_utf8(CS_ENC_LATIN1, "ab\x80", 3, out,
	    &bad), -1);
	CU_ASSERT_EQUAL(bad, 2);
	CU_ASSERT_EQUAL(cs_encoding_to_utf8(CS_ENC_LATIN1, "", 0, out, &bad), 0);
	CU_ASSERT_STRING_EQUAL(out, "");
}

static void
test_utf8(void)
{
	const char *ok = "plain ascii longer than eight \xc3\xa9\xe2\x82\xac";

	CU_ASSERT_EQUAL(cs_encoding_utf8_bad(ok, strlen(ok)), strlen(ok));
	/* a Latin-1 é after 9 ASCII bytes */
	CU_ASSERT_EQUAL(cs_encoding_utf8_bad("123456789\xe9z", 11), 9);
	/* a sequence cut short at the end */
	CU_ASSERT_EQUAL(cs_encoding_utf8_bad("ab\xe2\x82", 4), 2);
	/* overlong, surrogate */
	CU_ASSERT_EQUAL(cs_encoding_utf8_bad("\xc0\xaf", 2), 0);
	CU_ASSERT_EQUAL(cs_encoding_utf8_bad("\xed\xa0\x80", 3), 0);
}

/*
 * The scans that go 16 and 8 bytes at a time, at every place of lines of
 * every length up to 80: the first bad byte is found where it is (and
 * nothing in a clean line), a tab is no binary byte, a high byte makes a
 * line non-ASCII wherever it is.
 */
static void
test_scans_every_place(void)
{
	static const unsigned char bad[] = { 0x00, 0x01, 0x1f, 0x7f, 0x0d };
	char line[96];

	for (size_t len = 0; len <= 80; len++) {
		int ascii = -1;

		memset(line, 'a', sizeof(line));
		CU_ASSERT_EQUAL(cs_readers_find_binary(line, len, &ascii), len);
		CU_ASSERT_EQUAL(ascii, 1);
		CU_ASSERT_EQUAL(cs_encoding_utf8_bad(line, len), len);
		for (size_t at = 0; at < len; at++) {
			for (size_t k = 0; k < sizeof(bad); k++) {
				memset(line, 'a', sizeof(line));
				line[at] = (char)bad[k];
				CU_ASSERT_EQUAL(cs_readers_find_binary(line, len,
				    NULL), at);
			}
			/* a tab there, a bad byte further on */
			memset(line, 'a', sizeof(line));
			line[at] = '\t';
			CU_ASSERT_EQUAL(cs_readers_find_binary(line, len, &ascii), len);
			CU_ASSERT_EQUAL(ascii, 1);
			if (at + 1 < len) {
				line[len - 1] = 0x7f;
				CU_ASSERT_EQUAL(cs_readers_find_binary(line, len,
				    NULL), len - 1);
			}
			/* a high byte there: not ASCII; alone, not UTF-8 */
			memset(line, 'a', sizeof(line));
			line[at] = (char)0xe9;
			ascii = -1;
			CU_ASSERT_EQUAL(cs_readers_find_binary(line, len, &ascii), len);
			CU_ASSERT_EQUAL(ascii, 0);
			CU_ASSERT_EQUAL(cs_encoding_utf8_bad(line, len), at);
			/* é in UTF-8 there: valid */
			if (at + 1 < len) {
				line[at] = (char)0xc3;
				line[at + 1] = (char)0xa9;
				CU_ASSERT_EQUAL(cs_encoding_utf8_bad(line, len), len);
			}
		}
	}
}

/*
 * A line of plain bytes that ends where a 16-byte step ends, in a buffer
 * of its exact size: neither scan reads past it (make fuzz found the
 * UTF-8 scan reading one byte past a line of 48; ASan, in make check,
 * sees it).
 */
static void
test_scans_exact_end(void)
{
	for (size_t len = 16; len <= 64; len += 16) {
		char *line = malloc(len);
		int ascii = -1;

		CU_ASSERT_PTR_NOT_NULL_FATAL(line);
		memset(line, 'a', len);
		CU_ASSERT_EQUAL(cs_encoding_utf8_bad(line, len), len);
		CU_ASSERT_EQUAL(cs_readers_find_binary(line, len, &ascii), len);
		CU_ASSERT_EQUAL(ascii, 1);
		free(line);
	}
}

static CU_TestInfo tests[] = {
	{ "names", test_names },
	{ "cp1252", test_cp1252 },
	{ "latin1", test_latin1 },
	{ "utf8", test_utf8 },
	{ "the scans, a byte at every place", test_scans_every_place },
	{ "the scans stop at a line's end", test_scans_exact_end },
	CU_TEST_INFO_NULL,
};

CS_UNIT_SUITE("encoding", tests)
