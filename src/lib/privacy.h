/*
 * privacy.h: callers' numbers never stored in clear.
 *
 * A number is normalised (spaces, dots, dashes, parentheses removed, +33 or
 * 0033 replaced by 0), then hashed with a keyed BLAKE2b (libsodium's
 * crypto_generichash) under a 32-byte key that lives in a file beside the
 * database, created with mode 0600 on first use.  The same number gives the
 * same hash under the same key, so repeat callers are found, but the hash
 * tells nothing without the key.  Withheld numbers hash to "".
 */
#ifndef CS_PRIVACY_H
#define CS_PRIVACY_H

#include <stddef.h>
#include <stdint.h>

#include "error.h"

#define CS_KEY_BYTES 32
#define CS_HASH_HEX 32		/* hex digits of a caller hash */

struct cs_privacy {
	unsigned char key[CS_KEY_BYTES];
};

/*
 * Reads the key from path, or creates the file (mode 0600, exclusive
 * create, so two first runs cannot make two keys) with a random key when it
 * does not exist.  Fails when the file cannot be made or has the wrong size,
 * or when it is readable by others (mode bits beyond 0600), and when path
 * is a directory, another kind of file, or a symbolic link to nothing.
 */
int cs_privacy_open(struct cs_privacy *p, const char *path, struct cs_error *err);
/* Wipes the key from memory. */
void cs_privacy_release(struct cs_privacy *p);

/* Writes the normalised form of the number in into out (n bytes). */
void cs_number_normalise(const char *in, char *out, size_t n);

/* 1 if in is a withheld number: empty, or anonymous, unknown, private,
 * restricted, withheld in any case (after trimming blanks). */
int cs_number_withheld(const char *in);

/*
 * Writes into out (CS_HASH_HEX + 1 bytes) the hex keyed hash of the
 * normalised number, or "" when it is withheld.
 */
void cs_privacy_hash(const struct cs_privacy *p, const char *number,
    char out[CS_HASH_HEX + 1]);

/* A keyed 64-bit digest of len bytes, for telling records apart. */
int64_t cs_privacy_digest64(const struct cs_privacy *p, const void *buf, size_t len);

/*
 * 1 if s looks like a telephone number that may be a person's: after
 * normalisation, 7 or more digits with nothing but an optional leading '+'.
 * Extensions (2101) and names (accueil) are not.
 */
int cs_number_is_phone(const char *s);

/*
 * A field as it may be stored: in itself when it holds no number (or is
 * NULL), else buf (n bytes) with every telephone number in any written
 * form (06 39 98 01 19, +33 6 39 98 01 19, 0033639980119, +33 (0)6...,
 * 06.39.98.01.19, +44 20 7946 0000...) replaced by "[phone]": the
 * detector of phone.h.  Uniqueids, dates, times, epoch seconds,
 * durations, extensions and channel ids stay as they are, and so does a
 * UUID (cs_privacy_is_uuid) whatever its hex digits look like.
 */
const char *cs_privacy_scrub_field(const char *in, char *buf, size_t n);

/* Whether s is a UUID as PBXs write them: 8-4-4-4-12 hex digits. */
int cs_privacy_is_uuid(const char *s);

/*
 * An identifier (a session's, a SIP Call-ID) as it may be stored, for
 * comparing with others stored so: NULL when in is NULL; a caller's number
 * given as one, its hash (as cs_privacy_hash); one with a number inside
 * (CID-297363723_79131759_799783510) "id:" and the hex keyed digest of the
 * whole, which tells it apart as well as the id did and says nothing of
 * the number, in buf; any other, in itself.  buf holds CS_HASH_HEX + 1
 * bytes.
 */
const char *cs_privacy_id(const struct cs_privacy *p, const char *in,
    char buf[CS_HASH_HEX + 1]);

/*
 * As cs_privacy_scrub_field, into out (n bytes, always terminated, cut to
 * fit), for messages that quote what a log line said: the
 * quote may cut a number short, so any run of 7 or more digits is replaced
 * too (CS_PHONE_QUOTED).
 */
void cs_privacy_scrub_text(const char *in, char *out, size_t n);

#endif
