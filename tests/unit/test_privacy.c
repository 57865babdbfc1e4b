/*
 * test_privacy.c: the privacy suite.  Normalisation and withheld numbers
 * as kpi.md defines them, the keyed hash, the key file (mode 0600, reused,
 * refused when others can read it or when it has the wrong size), what
 * looks like a phone number, the detector of numbers in free text (phone.h)
 * and scrubbing, and digest64.
 * The numbers are in the ranges ARCEP keeps for fiction.
 */
#include <fcntl.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <sodium.h>

#include "phone.h"
#include "privacy.h"
#include "unit.h"

static char tmpdir[256];

static int
suite_init(void)
{
	snprintf(tmpdir, sizeof(tmpdir), "/tmp/cs-test-privacy-XXXXXX");
	return mkdtemp(tmpdir) == NULL ? -1 : 0;
}

static const char *const keynames[] = {
	"a.key", "b.key", "open.key", "short.key", "long.key", "empty.key",
	"group.key", "other.key", "missingdir/x.key", "dangling.key",
};

static const char *
tmp(const char *name)
{
	static char path[4][512];
	static int i;

	i = (i + 1) % 4;
	snprintf(path[i], sizeof(path[i]), "%s/%s", tmpdir, name);
	return path[i];
}

static int
suite_clean(void)
{
	for (size_t i = 0; i < sizeof(keynames) / sizeof(keynames[0]); i++)
		unlink(tmp(keynames[i]));
	rmdir(tmp("dir.key"));
	rmdir(tmpdir);
	return 0;
}

static void
norm(const char *in, const char *want)
{
	char out[64];

	memset(out, 'x', sizeof(out));
	cs_number_normalise(in, out, sizeof(out));
	CU_ASSERT_STRING_EQUAL(out, want);
	if (strcmp(out, want) != 0)
		fprintf(stderr, "\n  normalise '%s': got '%s', want '%s'\n", in,
		    out, want);
}

static void
test_normalise(void)
{
	char small[5];

	norm("0639980119", "0639980119");
	norm("+33 6 39 98 01 19", "0639980119");
	norm("+33639980119", "0639980119");
	norm("0033639980119", "0639980119");
	norm("0033 6 39 98 01 19", "0639980119");
	norm("06.39.98.01.19", "0639980119");
	norm("06-39-98-01-19", "0639980119");
	norm("06 39 98 01 19", "0639980119");
	norm("(06) 39 98 01 19", "0639980119");
	norm("+33 (0)6 39 98 01 19", "0639980119");
	norm("+33 (0)1 99 00 01 00", "0199000100");
	norm(" 06 39 98 01 19 ", "0639980119");
	norm("2101", "2101");
	norm("", "");
	/* another country keeps its prefix */
	norm("+44 20 7946 0000", "+442079460000");
	/* the output is cut to fit and terminated */
	memset(small, 'x', sizeof(small));
	cs_number_normalise("+33 6 39 98 01 19", small, sizeof(small));
	CU_ASSERT_STRING_EQUAL(small, "0639");
}

static void
test_withheld(void)
{
	static const char *const yes[] = {
		"", " ", "\t", "anonymous", "Anonymous", "ANONYMOUS", "unknown",
		"Unknown", "private", "PRIVATE", "restricted", "Restricted",
		"withheld", "WithHeld", "  anonymous  ", "\tprivate\t",
	};
	static const char *const no[] = {
		"0639980119", "+33639980119", "2101", "anonymous1", "anon",
		"not withheld", "unknownx", "a nonymous",
	};

	for (size_t i = 0; i < sizeof(yes) / sizeof(yes[0]); i++) {
		CU_ASSERT_EQUAL(cs_number_withheld(yes[i]), 1);
		if (cs_number_withheld(yes[i]) != 1)
			fprintf(stderr, "\n  '%s' should be withheld\n", yes[i]);
	}
	for (size_t i = 0; i < sizeof(no) / sizeof(no[0]); i++) {
		CU_ASSERT_EQUAL(cs_number_withheld(no[i]), 0);
		if (cs_number_withheld(no[i]) != 0)
			fprintf(stderr, "\n  '%s' should not be withheld\n", no[i]);
	}
}

static int
is_hex(const char *s)
{
	for (; *s != '\0'; s++)
		if (!((*s >= '0' && *s <= '9') || (*s >= 'a' && *s <= 'f') ||
		    (*s >= 'A' && *s <= 'F')))
			return 0;
	return 1;
}

static void
test_hash(void)
{
	struct cs_privacy p, q;
	struct cs_error err;
	char h[CS_HASH_HEX + 1], h2[CS_HASH_HEX + 1];
	static const char *const same[] = {
		"+33 6 39 98 01 19", "0033639980119", "06.39.98.01.19",
		"06 39 98 01 19", "06-39-98-01-19", "+33 (0)6 39 98 01 19",
		"+33639980119",
	};
	static const char *const withheld[] = {
		"", "anonymous", "Anonymous", " PRIVATE ", "unknown", "Restricted",
		"withheld",
	};

	CU_ASSERT_EQUAL_FATAL(cs_privacy_open(&p, tmp("a.key"), &err), 0);
	CU_ASSERT_EQUAL_FATAL(cs_privacy_open(&q, tmp("b.key"), &err), 0);
	/* two new key files hold two different random keys */
	CU_ASSERT(memcmp(p.key, q.key, CS_KEY_BYTES) != 0);

	cs_privacy_hash(&p, "0639980119", h);
	CU_ASSERT_EQUAL(strlen(h), CS_HASH_HEX);
	CU_ASSERT(is_hex(h));
	/* equivalent forms hash alike */
	for (size_t i = 0; i < sizeof(same) / sizeof(same[0]); i++) {
		cs_privacy_hash(&p, same[i], h2);
		CU_ASSERT_STRING_EQUAL(h2, h);
		if (strcmp(h, h2) != 0)
			fprintf(stderr, "\n  '%s' hashes unlike 0639980119\n", same[i]);
	}
	/* another number, another hash */
	cs_privacy_hash(&p, "0639980118", h2);
	CU_ASSERT_STRING_NOT_EQUAL(h2, h);
	cs_privacy_hash(&p, "0199000100", h2);
	CU_ASSERT_STRING_NOT_EQUAL(h2, h);
	/* another key, another hash */
	cs_privacy_hash(&q, "0639980119", h2);
	CU_ASSERT_EQUAL(strlen(h2), CS_HASH_HEX);
	CU_ASSERT_STRING_NOT_EQUAL(h2, h);
	/* the hash is no plain digest of the number */
	CU_ASSERT_PTR_NULL(strstr(h, "0639980119"));
	/* withheld numbers hash to nothing */
	for (size_t i = 0; i < sizeof(withheld) / sizeof(withheld[0]); i++) {
		memset(h2, 'x', sizeof(h2));
		cs_privacy_hash(&p, withheld[i], h2);
		CU_ASSERT_STRING_EQUAL(h2, "");
	}
	cs_privacy_release(&p);
	cs_privacy_release(&q);
	/* release wipes the key */
	{
		unsigned char zero[CS_KEY_BYTES] = { 0 };

		CU_ASSERT(memcmp(p.key, zero, CS_KEY_BYTES) == 0);
	}
}

static void
test_key_file(void)
{
	struct cs_privacy p, q;
	struct cs_error err;
	struct stat st;
	char h1[CS_HASH_HEX + 1], h2[CS_HASH_HEX + 1];
	const char *path = tmp("open.key");

	unlink(path);
	CU_ASSERT_EQUAL_FATAL(cs_privacy_open(&p, path, &err), 0);
	/* created, 32 bytes, mode 0600 */
	CU_ASSERT_EQUAL_FATAL(stat(path, &st), 0);
	CU_ASSERT_EQUAL(st.st_mode & 07777, 0600);
	CU_ASSERT_EQUAL(st.st_size, CS_KEY_BYTES);
	cs_privacy_hash(&p, "+33 6 39 98 01 19", h1);

	/* reused on the second open: the same key, the same hash */
	CU_ASSERT_EQUAL_FATAL(cs_privacy_open(&q, path, &err), 0);
	CU_ASSERT(memcmp(p.key, q.key, CS_KEY_BYTES) == 0);
	cs_privacy_hash(&q, "06 39 98 01 19", h2);
	CU_ASSERT_STRING_EQUAL(h1, h2);
	CU_ASSERT_EQUAL(stat(path, &st), 0);
	CU_ASSERT_EQUAL(st.st_mode & 07777, 0600);
	cs_privacy_release(&p);
	cs_privacy_release(&q);

	/* even a stricter mode is fine */
	CU_ASSERT_EQUAL(chmod(path, 0400), 0);
	CU_ASSERT_EQUAL(cs_privacy_open(&p, path, &err), 0);
	cs_privacy_release(&p);
}

static void
expect_refused(const char *path, mode_t mode, const char *what)
{
	struct cs_privacy p;
	struct cs_error err;

	CU_ASSERT_EQUAL_FATAL(chmod(path, mode), 0);
	memset(&err, 0, sizeof(err));
	CU_ASSERT_EQUAL(cs_privacy_open(&p, path, &err), -1);
	CU_ASSERT_PTR_NOT_NULL(strstr(err.msg, path));
	if (what != NULL)
		CU_ASSERT_PTR_NOT_NULL(strstr(err.msg, what));
}

static int
write_bytes(const char *path, size_t n)
{
	unsigned char buf[64];
	int fd;
	ssize_t w;

	memset(buf, 0x42, sizeof(buf));
	unlink(path);
	fd = open(path, O_WRONLY | O_CREAT | O_EXCL, 0600);
	if (fd < 0)
		return -1;
	w = n > 0 ? write(fd, buf, n) : 0;
	close(fd);
	return w == (ssize_t)n ? 0 : -1;
}

static void
test_key_file_refused(void)
{
	struct cs_privacy p;
	struct cs_error err;
	const char *path;

	/* readable or writable by the group or others */
	path = tmp("group.key");
	CU_ASSERT_EQUAL_FATAL(write_bytes(path, CS_KEY_BYTES), 0);
	expect_refused(path, 0640, "chmod 600");
	expect_refused(path, 0660, NULL);
	path = tmp("other.key");
	CU_ASSERT_EQUAL_FATAL(write_bytes(path, CS_KEY_BYTES), 0);
	expect_refused(path, 0604, "chmod 600");
	expect_refused(path, 0644, NULL);
	/* back to 0600: accepted, and it is the key that was written */
	CU_ASSERT_EQUAL(chmod(path, 0600), 0);
	CU_ASSERT_EQUAL_FATAL(cs_privacy_open(&p, path, &err), 0);
	CU_ASSERT_EQUAL(p.key[0], 0x42);
	CU_ASSERT_EQUAL(p.key[CS_KEY_BYTES - 1], 0x42);
	cs_privacy_release(&p);

	/* the wrong size */
	path = tmp("short.key");
	CU_ASSERT_EQUAL_FATAL(write_bytes(path, CS_KEY_BYTES - 1), 0);
	expect_refused(path, 0600, "32");
	path = tmp("long.key");
	CU_ASSERT_EQUAL_FATAL(write_bytes(path, CS_KEY_BYTES + 1), 0);
	expect_refused(path, 0600, "32");
	path = tmp("empty.key");
	CU_ASSERT_EQUAL_FATAL(write_bytes(path, 0), 0);
	expect_refused(path, 0600, NULL);

	/* a key file that cannot be made */
	memset(&err, 0, sizeof(err));
	path = tmp("missingdir/x.key");
	CU_ASSERT_EQUAL(cs_privacy_open(&p, path, &err), -1);
	CU_ASSERT_PTR_NOT_NULL(strstr(err.msg, path));
}

/* A symbolic link to nothing: refused at once, naming the path (it used to
 * recurse until the stack overflowed), and nothing made where it points. */
static void
test_key_file_dangling(void)
{
	struct cs_privacy p;
	struct cs_error err;
	const char *path = tmp("dangling.key");
	char target[512];

	snprintf(target, sizeof(target), "%s/nowhere/x.key", tmpdir);
	unlink(path);
	CU_ASSERT_EQUAL_FATAL(symlink(target, path), 0);
	memset(&err, 0, sizeof(err));
	CU_ASSERT_EQUAL(cs_privacy_open(&p, path, &err), -1);
	CU_ASSERT_PTR_NOT_NULL(strstr(err.msg, path));
	CU_ASSERT_PTR_NOT_NULL(strstr(err.msg, "symbolic link"));
	/* a link to a place where a file could be made: still refused */
	unlink(path);
	snprintf(target, sizeof(target), "%s/made.key", tmpdir);
	CU_ASSERT_EQUAL_FATAL(symlink(target, path), 0);
	CU_ASSERT_EQUAL(cs_privacy_open(&p, path, &err), -1);
	CU_ASSERT_PTR_NOT_NULL(strstr(err.msg, "symbolic link"));
	CU_ASSERT_EQUAL(access(target, F_OK), -1);
	unlink(path);
}

/* A directory is told so, not "run chmod 600". */
static void
test_key_file_directory(void)
{
	struct cs_privacy p;
	struct cs_error err;
	const char *path = tmp("dir.key");

	CU_ASSERT_EQUAL_FATAL(mkdir(path, 0755), 0);
	memset(&err, 0, sizeof(err));
	CU_ASSERT_EQUAL(cs_privacy_open(&p, path, &err), -1);
	CU_ASSERT_PTR_NOT_NULL(strstr(err.msg, path));
	CU_ASSERT_PTR_NOT_NULL(strstr(err.msg, "is a directory"));
	CU_ASSERT_PTR_NULL(strstr(err.msg, "chmod"));
	/* the same with mode 700, which the mode check would let through */
	CU_ASSERT_EQUAL(chmod(path, 0700), 0);
	CU_ASSERT_EQUAL(cs_privacy_open(&p, path, &err), -1);
	CU_ASSERT_PTR_NOT_NULL(strstr(err.msg, "is a directory"));
	rmdir(path);
}

static void
test_is_phone(void)
{
	CU_ASSERT_EQUAL(cs_number_is_phone("0639980119"), 1);
	CU_ASSERT_EQUAL(cs_number_is_phone("06 39 98 01 19"), 1);
	CU_ASSERT_EQUAL(cs_number_is_phone("+33639980119"), 1);
	CU_ASSERT_EQUAL(cs_number_is_phone("+33 6 39 98 01 19"), 1);
	CU_ASSERT_EQUAL(cs_number_is_phone("0199000100"), 1);
	CU_ASSERT_EQUAL(cs_number_is_phone("+44 20 7946 0000"), 1);
	CU_ASSERT_EQUAL(cs_number_is_phone("1234567"), 1);	/* 7 digits */
	CU_ASSERT_EQUAL(cs_number_is_phone("123456"), 0);	/* 6 digits */
	CU_ASSERT_EQUAL(cs_number_is_phone("2101"), 0);
	CU_ASSERT_EQUAL(cs_number_is_phone("accueil"), 0);
	CU_ASSERT_EQUAL(cs_number_is_phone("anonymous"), 0);
	CU_ASSERT_EQUAL(cs_number_is_phone(""), 0);
	CU_ASSERT_EQUAL(cs_number_is_phone("[phone]"), 0);
	CU_ASSERT_EQUAL(cs_number_is_phone("0639980119x"), 0);
	CU_ASSERT_EQUAL(cs_number_is_phone("PJSIP/0639980119"), 0);
	CU_ASSERT_EQUAL(cs_number_is_phone("06+39980119"), 0);
}

/* The long way cs_number_is_phone stands for: normalise, then look. */
static int
is_phone_long(const char *s)
{
	char norm[128];
	const char *q = norm;
	size_t digits = 0;

	cs_number_normalise(s, norm, sizeof(norm));
	if (*q == '+')
		q++;
	for (; *q != '\0'; q++) {
		if (*q < '0' || *q > '9')
			return 0;
		digits++;
	}
	return digits >= 7;
}

/* Every string of up to 5 characters of an alphabet that holds each kind
 * (digits, the separators, '+', a letter), each behind the prefixes that
 * normalise treats apart, and long ones around its 127 characters. */
static void
test_is_phone_long_way(void)
{
	static const char alpha[] = "03+ .\t(-a";
	static const char *const pre[] = {
		"", "+33", "0033", " +33 (0)", "+3", "003", "  ", "1234567",
		"+", "06 39 98 01 1"
	};
	const int na = (int)sizeof(alpha) - 1;
	char s[160], tail[8];
	long n = 0, want = 0, bad = 0;

	for (int len = 0; len <= 5; len++) {
		long count = 1;

		for (int i = 0; i < len; i++)
			count *= na;
		want += count * (long)(sizeof(pre) / sizeof(pre[0]));
		for (long k = 0; k < count; k++) {
			long v = k;

			for (int i = 0; i < len; i++, v /= na)
				tail[i] = alpha[v % na];
			tail[len] = '\0';
			for (size_t p = 0; p < sizeof(pre) / sizeof(pre[0]); p++) {
				snprintf(s, sizeof(s), "%s%s", pre[p], tail);
				n++;
				if (cs_number_is_phone(s) != is_phone_long(s) &&
				    bad++ < 5)
					CU_FAIL(s);
			}
		}
	}
	CU_ASSERT_EQUAL(bad, 0);
	CU_ASSERT_EQUAL(n, want);
	CU_ASSERT(n > 600000);	/* 9 characters, 5 deep, 10 prefixes */
	/* past normalise's 127 characters: what is cut off is not seen */
	for (int len = 120; len < 135; len++) {
		for (int x = 0; x < 3; x++) {
			memset(s, '5', (size_t)len);
			s[len] = '\0';
			if (x == 1)
				s[len - 1] = 'x';
			if (x == 2)
				s[0] = '+';
			CU_ASSERT_EQUAL(cs_number_is_phone(s), is_phone_long(s));
		}
	}
	memset(s, '5', 140);
	s[140] = '\0';
	s[130] = 'x';
	CU_ASSERT_EQUAL(cs_number_is_phone(s), 1);	/* cut at 127 */
	s[100] = 'x';
	CU_ASSERT_EQUAL(cs_number_is_phone(s), 0);
}

static void
scrub(const char *in, const char *want)
{
	char out[256];

	memset(out, 'x', sizeof(out));
	cs_phone_mask(in, strlen(in), 0, out, sizeof(out));
	CU_ASSERT_STRING_EQUAL(out, want);
	if (strcmp(out, want) != 0)
		fprintf(stderr, "\n  scrub '%s': got '%s', want '%s'\n", in, out,
		    want);
}

static void
test_scrub(void)
{
	char small[6];

	scrub("PJSIP/0639980113@trunk,60", "PJSIP/[phone]@trunk,60");
	scrub("1741086000.491", "1741086000.491");	/* a uniqueid */
	scrub("1743242400.1020", "1743242400.1020");
	scrub("PJSIP/trunk-00000347", "PJSIP/trunk-00000347");	/* 8 digits */
	scrub("+33639980119", "[phone]");
	scrub("0639980119", "[phone]");
	scrub("123456789", "[phone]");				/* 9 digits */
	scrub("12345678", "12345678");				/* 8 digits */
	scrub("PJSIP/2101,30", "PJSIP/2101,30");
	scrub("accueil,t,,,120", "accueil,t,,,120");
	scrub("call 0639980119 then 0639980120", "call [phone] then [phone]");
	scrub("0639980119|1|1741086000.491", "[phone]|1|1741086000.491");
	scrub("", "");
	/* the output is cut to fit and terminated */
	memset(small, 'x', sizeof(small));
	cs_phone_mask("PJSIP/0639980113@trunk", 22, 0, small, sizeof(small));
	CU_ASSERT_EQUAL(strlen(small), sizeof(small) - 1);
	CU_ASSERT_STRING_EQUAL(small, "PJSIP");
}

/* The detector: each text with its numbers masked, written by hand. */
static const struct {
	const char *in, *want;
} masked[] = {
	/* French numbers, every written form */
	{ "0639980119", "[phone]" },
	{ "06 39 98 01 19", "[phone]" },
	{ "06.39.98.01.19", "[phone]" },
	{ "06-39-98-01-19", "[phone]" },
	{ "06 39.98-01 19", "[phone]" },		/* pairs, mixed */
	{ "01 99 00 01 00", "[phone]" },
	{ "0 800 123 456", "[phone]" },		/* one separator throughout */
	{ "0639 98 01 19", "[phone]" },
	{ "+33639980119", "[phone]" },
	{ "+33 6 39 98 01 19", "[phone]" },
	{ "+33.6.39.98.01.19", "[phone]" },
	{ "+33-6-39-98-01-19", "[phone]" },
	{ "+33 639 980 119", "[phone]" },
	{ "+33 (0)6 39 98 01 19", "[phone]" },
	{ "+33(0)639980119", "[phone]" },
	{ "+330639980119", "[phone]" },
	{ "0033639980119", "[phone]" },
	{ "0033 6 39 98 01 19", "[phone]" },
	{ "0033 (0)1 99 00 01 00", "[phone]" },
	{ "(0)6 39 98 01 19", "[phone]" },
	{ "(06) 39 98 01 19", "[phone]" },
	{ "06\xc2\xa0" "39\xc2\xa0" "98\xc2\xa0" "01\xc2\xa0" "19", "[phone]" },	/* U+00A0 */
	{ "06\xe2\x80\xaf" "39\xe2\x80\xaf" "98\xe2\x80\xaf" "01\xe2\x80\xaf" "19", "[phone]" },	/* U+202F */
	/* other countries */
	{ "+44 20 7946 0000", "[phone]" },
	{ "+1 (202) 555-0100", "[phone]" },
	{ "+4930123456", "[phone]" },		/* '+' and 10 digits */
	{ "+12345678", "[phone]" },		/* '+' and 8 digits */
	{ "0044 20 7946 0000", "[phone]" },
	{ "004930123456", "[phone]" },
	/* inside the fields of a record */
	{ "PJSIP/trunk/sip:+33.6.44.55.66.77@x", "PJSIP/trunk/sip:[phone]@x" },
	{ "PJSIP/0639980113@trunk,60", "PJSIP/[phone]@trunk,60" },
	{ "Local/0639980119@from-internal-00000012;1",
	    "Local/[phone]@from-internal-00000012;1" },
	{ "\"Rappel 06 39 98 01 19\"", "\"Rappel [phone]\"" },
	{ "tel:+33-6-39-98-01-19;user=phone", "tel:[phone];user=phone" },
	{ "IVR0639980119_tree", "IVR[phone]_tree" },
	{ "call 0639980119 then 06 39 98 01 20", "call [phone] then [phone]" },
	{ "0639980119|1|1741086000.491", "[phone]|1|1741086000.491" },
	{ "+33 6 39 98 01 19 10:00", "[phone] 10:00" },	/* 9 digits after 33 */
	{ "06 39 98 01 19 2 fois", "[phone] 2 fois" },
	{ "2101 0639980119", "2101 [phone]" },
	{ "123456789", "[phone]" },		/* 9 digits, any */
	{ "33639980119", "[phone]" },		/* E.164 without '+' */
	{ "639980119", "[phone]" },		/* without the 0 */
	{ "5555555555", "[phone]" },		/* 10 digits, not an epoch */
	{ "1741086000123", "[phone]" },	/* 13 digits */
	/* no number */
	{ "1741086000.491", "1741086000.491" },	/* uniqueid */
	{ "1743242400.1020", "1743242400.1020" },
	{ "asterisk-1240499812.774", "asterisk-1240499812.774" },
	{ "pbx-01-1741086000.12", "pbx-01-1741086000.12" },
	{ "1741086000", "1741086000" },		/* epoch seconds */
	{ "4102444800", "4102444800" },		/* 2100-01-01 */
	{ "2025-03-03 10:00:00", "2025-03-03 10:00:00" },
	{ "03-03-2025 10:00", "03-03-2025 10:00" },	/* 10 digits, not pairs */
	{ "03/03/2025 10:00:00", "03/03/2025 10:00:00" },
	{ "3600", "3600" },
	{ "2101", "2101" },
	{ "PJSIP/2101-00000501", "PJSIP/2101-00000501" },
	{ "PJSIP/trunk-00000501", "PJSIP/trunk-00000501" },
	{ "SIP/trunk-0000a1b2", "SIP/trunk-0000a1b2" },
	{ "accueil,t,,,120", "accueil,t,,,120" },
	{ "12345678", "12345678" },		/* 8 digits */
	{ "06 39 98 01", "06 39 98 01" },		/* 8 digits */
	{ "06 39 98 01 192", "06 39 98 01 192" },	/* 11: not a French number */
	{ "00 39 98 01 19", "00 39 98 01 19" },	/* 0 then 0 */
	{ "+3363998", "+3363998" },		/* '+' and 7 digits */
	{ "+33 6 39", "+33 6 39" },
	{ "192.168.100.200", "192.168.100.200" },
	{ "1.2.3.4.5.6.7.8.9", "1.2.3.4.5.6.7.8.9" },
	{ "(0)", "(0)" },
	{ "+", "+" },
	{ "", "" },
};

static void
test_phone_mask(void)
{
	char out[256];

	for (size_t i = 0; i < sizeof(masked) / sizeof(masked[0]); i++) {
		memset(out, 'x', sizeof(out));
		cs_phone_mask(masked[i].in, strlen(masked[i].in), 0, out,
		    sizeof(out));
		CU_ASSERT_STRING_EQUAL(out, masked[i].want);
		if (strcmp(out, masked[i].want) != 0)
			fprintf(stderr, "\n  mask '%s': got '%s', want '%s'\n",
			    masked[i].in, out, masked[i].want);
	}
	/* how many were masked */
	CU_ASSERT_EQUAL(cs_phone_mask("a 0639980119 b +33639980119 c", 29, 0,
	    out, sizeof(out)), 2);
	CU_ASSERT_EQUAL(cs_phone_mask("1741086000.491", 14, 0, out,
	    sizeof(out)), 0);
}

static void
test_phone_find(void)
{
	struct cs_phone_span sp;
	/* 0123456789012345678901234567890123 */
	static const char s[] = "x 06 39 98 01 19, y +33639980119z";

	CU_ASSERT_EQUAL_FATAL(cs_phone_find(s, sizeof(s) - 1, 0, 0, &sp), 1);
	CU_ASSERT_EQUAL(sp.start, 2);
	CU_ASSERT_EQUAL(sp.end, 16);
	CU_ASSERT_EQUAL_FATAL(cs_phone_find(s, sizeof(s) - 1, sp.end, 0, &sp), 1);
	CU_ASSERT_EQUAL(sp.start, 20);
	CU_ASSERT_EQUAL(sp.end, 32);
	CU_ASSERT_EQUAL(cs_phone_find(s, sizeof(s) - 1, sp.end, 0, &sp), 0);
	/* a number never starts right after a digit, even before from */
	CU_ASSERT_EQUAL(cs_phone_find("10639980119", 11, 1, 0, &sp), 0);
	/* len bounds the text: no NUL needed, nothing read beyond */
	CU_ASSERT_EQUAL(cs_phone_find("0639980119", 9, 0, 0, &sp), 1);
	CU_ASSERT_EQUAL(sp.end, 9);		/* 063998011: 9 digits */
	CU_ASSERT_EQUAL(cs_phone_find("06 39 98 01 19", 13, 0, 0, &sp), 0);
	/* quoted: a number cut short, epochs and uniqueids too */
	CU_ASSERT_EQUAL(cs_phone_find("'0639980'", 9, 0, CS_PHONE_QUOTED, &sp), 1);
	CU_ASSERT_EQUAL(sp.start, 1);
	CU_ASSERT_EQUAL(sp.end, 8);
	CU_ASSERT_EQUAL(cs_phone_find("'063998'", 8, 0, CS_PHONE_QUOTED, &sp), 0);
	CU_ASSERT_EQUAL(cs_phone_find("1741086000", 10, 0, CS_PHONE_QUOTED, &sp), 1);
}

static void
test_scrub_text(void)
{
	char out[256];

	cs_privacy_scrub_text("duration is not a number: '06 39 98 01 19'", out,
	    sizeof(out));
	CU_ASSERT_STRING_EQUAL(out, "duration is not a number: '[phone]'");
	cs_privacy_scrub_text("answer: '+33 (0)6 39 98 01 19'", out, sizeof(out));
	CU_ASSERT_STRING_EQUAL(out, "answer: '[phone]'");
	cs_privacy_scrub_text("billsec: '0639980119x'", out, sizeof(out));
	CU_ASSERT_STRING_EQUAL(out, "billsec: '[phone]x'");
	cs_privacy_scrub_text("cut: '...06399801'", out, sizeof(out));
	CU_ASSERT_STRING_EQUAL(out, "cut: '...[phone]'");
	cs_privacy_scrub_text("expected 18 fields, found 9", out, sizeof(out));
	CU_ASSERT_STRING_EQUAL(out, "expected 18 fields, found 9");
}

static void
test_scrub_field(void)
{
	char buf[64];
	const char *in = "PJSIP/2101-00000501";

	/* nothing to mask: the field itself, no copy */
	CU_ASSERT_PTR_EQUAL(cs_privacy_scrub_field(in, buf, sizeof(buf)), in);
	CU_ASSERT_PTR_NULL(cs_privacy_scrub_field(NULL, buf, sizeof(buf)));
	CU_ASSERT_PTR_EQUAL(cs_privacy_scrub_field("06 39 98 01 19", buf,
	    sizeof(buf)), buf);
	CU_ASSERT_STRING_EQUAL(buf, "[phone]");
}

/* A UUID stays whole, whatever runs of digits it holds; anything short
 * of one is scrubbed as any field.  The three were stored masked before
 * (fd8e13d5-7fbf-454d-abb7-e[phone]), in 6 % of a FreeSWITCH year's rows. */
static void
test_scrub_uuid(void)
{
	const char *kept[] = {
		"fd8e13d5-7fbf-454d-abb7-e06123456789",
		"06123456-7890-42d3-a4ed-6a1061646ff0",
		"056C1171-E60B-46C9-A259-0639980119F4",
	};
	const char *scrubbed[] = {
		/* one character short, one too many, a letter not hex */
		"fd8e13d5-7fbf-454d-abb7-e0612345678",
		"fd8e13d5-7fbf-454d-abb7-e061234567890",
		"fd8e13d5-7fbf-454d-abg7-e06123456789",
		/* a dash out of place */
		"fd8e13d5-7fbf-454d-abb7e-06123456789",
	};
	char buf[64];

	for (size_t i = 0; i < sizeof(kept) / sizeof(kept[0]); i++) {
		CU_ASSERT(cs_privacy_is_uuid(kept[i]));
		CU_ASSERT_PTR_EQUAL(cs_privacy_scrub_field(kept[i], buf,
		    sizeof(buf)), kept[i]);
	}
	for (size_t i = 0; i < sizeof(scrubbed) / sizeof(scrubbed[0]); i++) {
		CU_ASSERT(!cs_privacy_is_uuid(scrubbed[i]));
		CU_ASSERT_PTR_EQUAL(cs_privacy_scrub_field(scrubbed[i], buf,
		    sizeof(buf)), buf);
		CU_ASSERT_PTR_NOT_NULL(strstr(buf, "[phone]"));
	}
	CU_ASSERT(!cs_privacy_is_uuid(""));
}

static void
test_digest64(void)
{
	struct cs_privacy p, q;
	struct cs_error err;
	static const char line[] = "\"\",\"0639980101\",\"0199000100\"";
	int64_t a, b, c, d;

	CU_ASSERT_EQUAL_FATAL(cs_privacy_open(&p, tmp("a.key"), &err), 0);
	CU_ASSERT_EQUAL_FATAL(cs_privacy_open(&q, tmp("b.key"), &err), 0);
	a = cs_privacy_digest64(&p, line, sizeof(line) - 1);
	b = cs_privacy_digest64(&p, line, sizeof(line) - 1);
	c = cs_privacy_digest64(&p, line, sizeof(line) - 2);
	d = cs_privacy_digest64(&q, line, sizeof(line) - 1);
	CU_ASSERT_EQUAL(a, b);		/* deterministic */
	CU_ASSERT_NOT_EQUAL(a, c);	/* depends on every byte */
	CU_ASSERT_NOT_EQUAL(a, d);	/* and on the key */
	/* the same key read back from its file gives the same digest */
	cs_privacy_release(&p);
	CU_ASSERT_EQUAL_FATAL(cs_privacy_open(&p, tmp("a.key"), &err), 0);
	CU_ASSERT_EQUAL(cs_privacy_digest64(&p, line, sizeof(line) - 1), a);
	cs_privacy_release(&p);
	cs_privacy_release(&q);
}

/* An identifier as stored: a number hashed, one with a number inside
 * digested, any other kept. */
static void
test_id(void)
{
	struct cs_privacy p;
	struct cs_error err;
	char b1[CS_HASH_HEX + 1], b2[CS_HASH_HEX + 1], h[CS_HASH_HEX + 1];
	const char *plain = "a84b4c76e66710@pc33.atlanta.example.com";
	const char *r1, *r2;

	CU_ASSERT_EQUAL_FATAL(cs_privacy_open(&p, tmp("a.key"), &err), 0);
	CU_ASSERT_PTR_NULL(cs_privacy_id(&p, NULL, b1));
	/* no number: itself, not copied */
	CU_ASSERT_PTR_EQUAL(cs_privacy_id(&p, plain, b1), plain);
	CU_ASSERT_STRING_EQUAL(cs_privacy_id(&p, "s-8c1e", b1), "s-8c1e");
	/* a number: the caller's hash, whatever its form */
	cs_privacy_hash(&p, "0639980119", h);
	CU_ASSERT_STRING_EQUAL(cs_privacy_id(&p, "+33639980119", b1), h);
	/* a number inside: "id:" and 16 hex digits, the same for the same
	   text, another for another */
	r1 = cs_privacy_id(&p, "0639980107-77@192.0.2.10", b1);
	CU_ASSERT_PTR_EQUAL(r1, b1);
	CU_ASSERT_EQUAL(strlen(r1), 19);
	CU_ASSERT_NSTRING_EQUAL(r1, "id:", 3);
	CU_ASSERT(is_hex(r1 + 3));
	r2 = cs_privacy_id(&p, "0639980107-77@192.0.2.10", b2);
	CU_ASSERT_STRING_EQUAL(r1, r2);
	r2 = cs_privacy_id(&p, "0639980107-78@192.0.2.10", b2);
	CU_ASSERT_STRING_NOT_EQUAL(r1, r2);
	CU_ASSERT_PTR_NULL(strstr(r1, "0639980107"));
	cs_privacy_release(&p);
}

/*
 * cs_phone_masked looks first whether a stretch of digits, separators,
 * parentheses and '+' holds enough digits, and scans only then: on random
 * texts of digits, every separator, letters, '+', "(0)", "00", "33",
 * U+00A0 and U+202F, it masks exactly what the full scan (cs_phone_mask)
 * masks, quoted or not.
 */
static void
test_masked_prefilter(void)
{
	static const char *const tok[] = {
		"0", "06", "39", "98", "01", "19", "7", "123", "4567", "00",
		"33", "+", "+33", "(0)", "(06)", " ", ".", "-", "(", ")",
		"\xc2\xa0", "\xe2\x80\xaf", "a", "f1", "x", "@", "/", ",",
		"PJSIP/", "1741683600.", "e-",
	};
	uint64_t r = 42;
	long differ = 0, found = 0;

	for (int i = 0; i < 200000; i++) {
		char s[128], a[256], b[256];
		size_t n = 0;
		int ntok;

		r = r * 6364136223846793005ULL + 1442695040888963407ULL;
		ntok = 1 + (int)((r >> 33) % 14);
		for (int k = 0; k < ntok; k++) {
			const char *t;

			r = r * 6364136223846793005ULL + 1442695040888963407ULL;
			t = tok[(r >> 33) % (sizeof(tok) / sizeof(tok[0]))];
			if (n + strlen(t) >= sizeof(s))
				break;
			memcpy(s + n, t, strlen(t));
			n += strlen(t);
		}
		s[n] = '\0';
		for (int flags = 0; flags <= CS_PHONE_QUOTED;
		    flags += CS_PHONE_QUOTED) {
			const char *m = cs_phone_masked(s, flags, a, sizeof(a));

			cs_phone_mask(s, n, flags, b, sizeof(b));
			differ += strcmp(m, b) != 0;
			found += strcmp(b, s) != 0;
		}
	}
	CU_ASSERT_EQUAL(differ, 0);
	/* the texts hold numbers often enough for the test to mean it */
	CU_ASSERT(found > 10000);
}

/*
 * The hashes a thread made last are kept (privacy.c): 1,000 numbers, more
 * than it keeps, hashed in turn under two keys, twice, each as libsodium
 * makes it from the number (BLAKE2b, 16 bytes, keyed), in hex.
 */
static void
test_hash_again(void)
{
	struct cs_privacy k[2];
	char num[16], got[CS_HASH_HEX + 1], want[CS_HASH_HEX + 1];
	unsigned char h[CS_HASH_HEX / 2];
	int bad = 0;

	for (int j = 0; j < 2; j++)
		for (int i = 0; i < CS_KEY_BYTES; i++)
			k[j].key[i] = (unsigned char)(7 * i + 101 * j + 1);
	for (int round = 0; round < 4; round++)
		for (int i = 0; i < 1000; i++) {
			const struct cs_privacy *p = &k[(round + i) % 2];

			/* the fiction range, 01 99 00 xx xx */
			snprintf(num, sizeof(num), "019900%04d", (i * 37) % 1000);
			cs_privacy_hash(p, num, got);
			crypto_generichash(h, sizeof(h), (const unsigned char *)num,
			    strlen(num), p->key, sizeof(p->key));
			sodium_bin2hex(want, sizeof(want), h, sizeof(h));
			bad += strcmp(got, want) != 0;
		}
	CU_ASSERT_EQUAL(bad, 0);
}

/* The digest is keyed BLAKE2b-128 of the normalised number, in lowercase
 * hex: the reference values come from Python's hashlib.blake2b(number,
 * key=bytes(range(32)), digest_size=16), not from this code.  Stored
 * hashes depend on it never changing. */
static void
test_hash_reference(void)
{
	struct cs_privacy p;
	char h[CS_HASH_HEX + 1];

	for (int i = 0; i < CS_KEY_BYTES; i++)
		p.key[i] = (unsigned char)i;
	cs_privacy_hash(&p, "0639980119", h);
	CU_ASSERT_STRING_EQUAL(h, "8496836da28a591db71a4fbcb492d26e");
	/* again: from the thread's cache of recent hashes */
	cs_privacy_hash(&p, "06 39 98 01 19", h);
	CU_ASSERT_STRING_EQUAL(h, "8496836da28a591db71a4fbcb492d26e");
	cs_privacy_hash(&p, "+44 20 7946 0958", h);
	CU_ASSERT_STRING_EQUAL(h, "a4779123370c5c5b7fdeb380fc9a3c25");
	cs_privacy_release(&p);
}

static CU_TestInfo tests[] = {
	{ "an identifier as stored", test_id },
	{ "normalisation", test_normalise },
	{ "withheld numbers", test_withheld },
	{ "keyed hash", test_hash },
	{ "keyed hash: BLAKE2b's own digest", test_hash_reference },
	{ "keyed hash, again and under another key", test_hash_again },
	{ "key file created and reused", test_key_file },
	{ "key file refused", test_key_file_refused },
	{ "key file: a symbolic link to nothing", test_key_file_dangling },
	{ "key file: a directory", test_key_file_directory },
	{ "looks like a phone number", test_is_phone },
	{ "looks like a phone number: the one pass against the long way",
	    test_is_phone_long_way },
	{ "scrub", test_scrub },
	{ "phone numbers masked, every written form", test_phone_mask },
	{ "phone numbers found, spans", test_phone_find },
	{ "scrub quoted text", test_scrub_text },
	{ "scrub a field, no copy when clean", test_scrub_field },
	{ "a UUID stays whole", test_scrub_uuid },
	{ "a field's quick look, against the full scan", test_masked_prefilter },
	{ "digest64", test_digest64 },
	CU_TEST_INFO_NULL
};

CS_UNIT_SUITE_FIXTURE("privacy", tests, suite_init, suite_clean)
