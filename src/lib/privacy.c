#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <unistd.h>

#include <sodium.h>

#include "phone.h"
#include "privacy.h"

/* The room of a normalised number (cs_number_normalise's n here). */
#define NORM_MAX 128

static int
read_key(int fd, struct cs_privacy *p, const char *path, struct cs_error *err)
{
	ssize_t r;
	size_t got = 0;
	unsigned char extra;

	while (got < CS_KEY_BYTES) {
		r = read(fd, p->key + got, CS_KEY_BYTES - got);
		if (r < 0 && errno == EINTR)
			continue;
		if (r < 0)
			return cs_error_set(err, "%s: %s", path, strerror(errno));
		if (r == 0)
			break;
		got += (size_t)r;
	}
	if (got != CS_KEY_BYTES || read(fd, &extra, 1) != 0)
		return cs_error_set(err, "%s: not a callstat key file (expected "
		    "%d bytes); move it away or set key_file in the configuration",
		    path, CS_KEY_BYTES);
	return 0;
}

/*
 * Makes the key file with a random key: 0, or 1 when it exists already
 * (another process made it first), or -1.
 */
static int
create_key(struct cs_privacy *p, const char *path, struct cs_error *err)
{
	int fd, rc = 0;

	randombytes_buf(p->key, CS_KEY_BYTES);
	fd = open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
	if (fd < 0 && errno == EEXIST)
		return 1;
	if (fd < 0)
		return cs_error_set(err, "cannot create key file %s: %s", path,
		    strerror(errno));
	if (write(fd, p->key, CS_KEY_BYTES) != CS_KEY_BYTES || fsync(fd) != 0) {
		rc = cs_error_set(err, "cannot write key file %s: %s", path,
		    strerror(errno));
		unlink(path);
	}
	close(fd);
	return rc;
}

int
cs_privacy_open(struct cs_privacy *p, const char *path, struct cs_error *err)
{
	int fd = -1, rc = -1;
	struct stat st;

	if (sodium_init() < 0)
		return cs_error_set(err, "libsodium failed to initialise");
	fd = open(path, O_RDONLY | O_CLOEXEC);
	if (fd < 0 && errno == ENOENT) {
		/* a link to nothing: making a key there would make it where
		   the link points, or fail on it forever */
		if (lstat(path, &st) == 0 && S_ISLNK(st.st_mode)) {
			cs_error_set(err, "key file %s is a symbolic link to a "
			    "file that does not exist; restore the key from your "
			    "backup where the link points, or remove the link",
			    path);
			goto out;
		}
		switch (create_key(p, path, err)) {
		case 0:
			rc = 0;
			goto out;
		case -1:
			goto out;
		}
		/* another process made it first: use that one, once */
		fd = open(path, O_RDONLY | O_CLOEXEC);
	}
	if (fd < 0) {
		cs_error_set(err, "cannot open key file %s: %s", path, strerror(errno));
		goto out;
	}
	if (fstat(fd, &st) != 0) {
		cs_error_set(err, "%s: %s", path, strerror(errno));
		goto out;
	}
	if (S_ISDIR(st.st_mode)) {
		cs_error_set(err, "key file %s is a directory, not a file; move "
		    "it away or set key_file in the configuration", path);
		goto out;
	}
	if (!S_ISREG(st.st_mode)) {
		cs_error_set(err, "key file %s is not a regular file; move it "
		    "away or set key_file in the configuration", path);
		goto out;
	}
	if (st.st_mode & 077) {
		cs_error_set(err, "key file %s is readable by others; "
		    "run chmod 600 %s", path, path);
		goto out;
	}
	if (read_key(fd, p, path, err) != 0)
		goto out;
	rc = 0;
out:
	if (fd >= 0)
		close(fd);
	if (rc != 0)
		sodium_memzero(p->key, sizeof(p->key));
	return rc;
}

void
cs_privacy_release(struct cs_privacy *p)
{
	sodium_memzero(p->key, sizeof(p->key));
}

void
cs_number_normalise(const char *in, char *out, size_t n)
{
	size_t o = 0;
	const char *s = in;

	if (n == 0)
		return;
	while (*s == ' ' || *s == '\t')
		s++;
	/* +33 and 0033 are France's prefix: the national form starts with 0 */
	if (strncmp(s, "+33", 3) == 0 || strncmp(s, "0033", 4) == 0) {
		s += s[0] == '+' ? 3 : 4;
		while (*s == ' ' || *s == '.' || *s == '-' || *s == '(' || *s == ')')
			s++;
		if (*s == '0')	/* "+33 (0)1..." */
			s++;
		if (o + 1 < n)
			out[o++] = '0';
	}
	for (; *s != '\0'; s++) {
		if (*s == ' ' || *s == '\t' || *s == '.' || *s == '-' ||
		    *s == '(' || *s == ')')
			continue;
		if (o + 1 < n)
			out[o++] = *s;
	}
	out[o] = '\0';
}

int
cs_number_withheld(const char *in)
{
	static const char *const words[] = {
		"anonymous", "unknown", "private", "restricted", "withheld"
	};
	size_t len;

	while (*in == ' ' || *in == '\t')
		in++;
	len = strlen(in);
	while (len > 0 && (in[len - 1] == ' ' || in[len - 1] == '\t'))
		len--;
	if (len == 0)
		return 1;
	for (size_t i = 0; i < sizeof(words) / sizeof(words[0]); i++)
		if (strlen(words[i]) == len && strncasecmp(in, words[i], len) == 0)
			return 1;
	return 0;
}

/*
 * The hashes a thread made last, by number and key: the legs of a call
 * repeat its caller, and callers call again (a cache of a pure function;
 * the numbers stay in the thread's memory, as the lines that gave them).
 * 4096 of them (some 270 KiB a thread): a month of a town's SMDR hashed
 * 23,179 numbers instead of 30,401 with 256.  Three look-ups in four miss;
 * each entry's hash of its number, in an array of its own (16 KiB, which
 * stays in the core's cache), tells most of them without reading the
 * entry (whose cache line the lines read since have pushed out).
 */
#define HASHED_N 4096
#define HASHED_LEN 32
static _Thread_local struct {
	unsigned char key[CS_KEY_BYTES];
	int valid;
	unsigned tag[HASHED_N];		/* cs_str_hash of e[i].norm */
	struct {
		char norm[HASHED_LEN];	/* "" empty */
		char hex[CS_HASH_HEX + 1];
	} e[HASHED_N];
} hashed;

/* n bytes as 2n lowercase hex digits and a NUL, as sodium_bin2hex writes
 * them (its constant time, some 400 instructions for 16 bytes, guards no
 * secret here: the digest is what is stored). */
static void
hex(char *out, const unsigned char *h, size_t n)
{
	static const char digit[] = "0123456789abcdef";

	for (size_t i = 0; i < n; i++) {
		out[2 * i] = digit[h[i] >> 4];
		out[2 * i + 1] = digit[h[i] & 15];
	}
	out[2 * n] = '\0';
}

void
cs_privacy_hash(const struct cs_privacy *p, const char *number,
    char out[CS_HASH_HEX + 1])
{
	char norm[NORM_MAX];
	unsigned char h[CS_HASH_HEX / 2];
	size_t len;
	unsigned slot = 0, tag = 0;

	out[0] = '\0';
	if (cs_number_withheld(number))
		return;
	cs_number_normalise(number, norm, sizeof(norm));
	if (norm[0] == '\0')
		return;
	if ((len = strlen(norm)) < HASHED_LEN) {
		if (!hashed.valid || memcmp(hashed.key, p->key, CS_KEY_BYTES) != 0) {
			memset(&hashed, 0, sizeof(hashed));
			memcpy(hashed.key, p->key, CS_KEY_BYTES);
			hashed.valid = 1;
		}
		tag = cs_str_hash(norm);
		slot = tag % HASHED_N;
		if (hashed.tag[slot] == tag &&
		    strcmp(hashed.e[slot].norm, norm) == 0) {
			memcpy(out, hashed.e[slot].hex, CS_HASH_HEX + 1);
			return;
		}
	}
	crypto_generichash(h, sizeof(h), (const unsigned char *)norm, len,
	    p->key, sizeof(p->key));
	hex(out, h, sizeof(h));
	if (len < HASHED_LEN) {
		hashed.tag[slot] = tag;
		memcpy(hashed.e[slot].norm, norm, len + 1);
		memcpy(hashed.e[slot].hex, out, CS_HASH_HEX + 1);
	}
}

int64_t
cs_privacy_digest64(const struct cs_privacy *p, const void *buf, size_t len)
{
	unsigned char h[8];
	uint64_t v = 0;

	crypto_shorthash_siphash24(h, buf, len, p->key);
	for (int i = 0; i < 8; i++)
		v = (v << 8) | h[i];
	return (int64_t)v;
}

/* What a character of a number is to cs_number_is_phone: a digit (0-9,
 * isdigit()'s in every locale glibc has), a separator normalise drops, or
 * anything else. */
enum { NUM_OTHER, NUM_DIGIT, NUM_SEP };
static const unsigned char numclass[256] = {
	['0'] = NUM_DIGIT, ['1'] = NUM_DIGIT, ['2'] = NUM_DIGIT,
	['3'] = NUM_DIGIT, ['4'] = NUM_DIGIT, ['5'] = NUM_DIGIT,
	['6'] = NUM_DIGIT, ['7'] = NUM_DIGIT, ['8'] = NUM_DIGIT,
	['9'] = NUM_DIGIT,
	[' '] = NUM_SEP, ['\t'] = NUM_SEP, ['.'] = NUM_SEP, ['-'] = NUM_SEP,
	['('] = NUM_SEP, [')'] = NUM_SEP
};

/*
 * What cs_number_normalise then a look at its digits would say, in one
 * pass and without the copy (two to three numbers a line go through it):
 * o counts the characters normalise would write, 127 at most.
 */
int
cs_number_is_phone(const char *s)
{
	size_t o = 0, digits = 0;

	while (*s == ' ' || *s == '\t')
		s++;
	if ((s[0] == '+' && s[1] == '3' && s[2] == '3') ||
	    (s[0] == '0' && s[1] == '0' && s[2] == '3' && s[3] == '3')) {
		s += s[0] == '+' ? 3 : 4;
		while (*s == ' ' || *s == '.' || *s == '-' || *s == '(' ||
		    *s == ')')
			s++;
		if (*s == '0')
			s++;
		o = digits = 1;		/* the national form's 0 */
	}
	for (; *s != '\0' && o < NORM_MAX - 1; s++) {
		switch (numclass[(unsigned char)*s]) {
		case NUM_SEP:
			continue;
		case NUM_DIGIT:
			o++;
			digits++;
			continue;
		default:
			if (o++ == 0 && *s == '+')
				continue;
			return 0;
		}
	}
	return digits >= 7;
}

/* Hex digits, whatever the locale (a FreeSWITCH line has four uuids or so:
 * a table, not ranges, for each of their 32 digits). */
static const unsigned char hexdigit[256] = {
	['0'] = 1, ['1'] = 1, ['2'] = 1, ['3'] = 1, ['4'] = 1, ['5'] = 1,
	['6'] = 1, ['7'] = 1, ['8'] = 1, ['9'] = 1,
	['a'] = 1, ['b'] = 1, ['c'] = 1, ['d'] = 1, ['e'] = 1, ['f'] = 1,
	['A'] = 1, ['B'] = 1, ['C'] = 1, ['D'] = 1, ['E'] = 1, ['F'] = 1,
};

/* Whether u's n first bytes are hex digits (stops at the NUL). */
static int
hex_run(const unsigned char *u, int n)
{
	int ok = 1;

	for (int i = 0; i < n && ok; i++)
		ok = hexdigit[u[i]];
	return ok;
}

int
cs_privacy_is_uuid(const char *s)
{
	const unsigned char *u = (const unsigned char *)s;

	/* each test stops at a NUL before the next reads past it */
	return hex_run(u, 8) && u[8] == '-' && hex_run(u + 9, 4) &&
	    u[13] == '-' && hex_run(u + 14, 4) && u[18] == '-' &&
	    hex_run(u + 19, 4) && u[23] == '-' && hex_run(u + 24, 12) &&
	    u[36] == '\0';
}

const char *
cs_privacy_scrub_field(const char *in, char *buf, size_t n)
{
	/* a PBX's random id: its digits are no number anyone dialled, and
	   masking them would make the id another.  Here, not in phone.c's
	   detector: cs_privacy_id (SIP Call-IDs) stores such ids as their
	   digest already, and must keep doing so for links with what is
	   stored */
	if (in != NULL && cs_privacy_is_uuid(in))
		return in;
	return cs_phone_masked(in, 0, buf, n);
}

const char *
cs_privacy_id(const struct cs_privacy *p, const char *in,
    char buf[CS_HASH_HEX + 1])
{
	struct cs_phone_span sp;

	if (in == NULL)
		return NULL;
	if (cs_number_is_phone(in)) {
		cs_privacy_hash(p, in, buf);
		return buf;
	}
	if (cs_phone_find(in, strlen(in), 0, 0, &sp)) {
		snprintf(buf, CS_HASH_HEX + 1, "id:%016llx", (unsigned long long)
		    cs_privacy_digest64(p, in, strlen(in)));
		return buf;
	}
	return in;
}

void
cs_privacy_scrub_text(const char *in, char *out, size_t n)
{
	cs_phone_mask(in, strlen(in), CS_PHONE_QUOTED, out, n);
}
