/*
 * encoding.h: the bytes of a line as UTF-8 before any reader sees it
 * (callstat-import --encoding).  A PBX on Windows often writes its exports
 * in Windows-1252, an old one in Latin-1; every reader reads UTF-8.
 */
#ifndef CS_ENCODING_H
#define CS_ENCODING_H

#include <stddef.h>

enum cs_encoding {
	CS_ENC_AUTO,	/* UTF-8; a line that is not is read as Latin-1, and
			   the import says so (no --encoding) */
	CS_ENC_UTF8,	/* UTF-8 only: a line that is not is rejected */
	CS_ENC_LATIN1,	/* ISO 8859-1: 0x80-0x9F (controls) rejected */
	CS_ENC_CP1252	/* Windows-1252: its five undefined bytes rejected */
};

/* The encoding of a name (latin1, iso-8859-1, cp1252, windows-1252,
 * utf-8, utf8; any case): 0, or -1 for none. */
int cs_encoding_find(const char *name, enum cs_encoding *enc);

/* "latin1, cp1252 or utf-8": for messages. */
#define CS_ENCODING_NAMES "latin1, cp1252 or utf-8"

/* Where in s[0..len) the first byte that is no part of valid UTF-8 is;
 * len when all of it is UTF-8. */
size_t cs_encoding_utf8_bad(const char *s, size_t len);

/*
 * s[0..len) in enc (LATIN1 or CP1252) as UTF-8 into out, which has room
 * for 3 * len + 1 bytes; NUL-terminated.  Returns the length of out, or
 * -1 when a byte has no character in enc: *bad is then its offset.
 */
long cs_encoding_to_utf8(enum cs_encoding enc, const char *s, size_t len,
    char *out, size_t *bad);

#endif
