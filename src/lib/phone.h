/*
 * phone.h: finding telephone numbers in free text, to mask them.
 *
 * One detector for every text that may hold a person's number: the fields
 * of the records stored (dial strings, channels, user fields, queue_log
 * data), the messages that quote a log line, and later the bot's
 * transcripts.  It finds, where no digit comes just before:
 *
 *   - French numbers, national: 0 then a digit 1-9 then 8 digits, run
 *     together (0639980119) or in groups with one separator between them
 *     (space, '.', '-', no-break space, narrow no-break space): the same
 *     separator throughout (0 800 123 456), or any of them between pairs
 *     (06 39 98 01 19, 06.39.98.01.19, 06-39-98-01-19); also (0)6 39 98 01
 *     19 and (06) 39 98 01 19;
 *   - French numbers, international: +33 or 0033, an optional (0) or 0,
 *     then 9 digits grouped any way (+33 6 39 98 01 19, +33.6.39.98.01.19,
 *     +33 (0)6 39 98 01 19, 0033639980119);
 *   - other international numbers: '+' or 00 then 8 to 15 digits, in groups
 *     separated by up to two of the separators above and parentheses
 *     (+44 20 7946 0000, +1 (202) 555-0100, 0044 20 7946 0000);
 *   - any other run of 9 or more digits, except a run followed by '.' and
 *     a digit or following a digit and '.' (an Asterisk uniqueid,
 *     1741086000.491, asterisk-1240499812.774) and a run of exactly 10
 *     digits starting with 1 to 4 (epoch seconds, 2001 to 2100).
 *
 * Never matched: dates and times (2025-03-03 10:00:00), durations,
 * extensions (2101), channel ids (PJSIP/trunk-00000501: 8 digits), epoch
 * seconds and uniqueids.  A number found always ends where no digit
 * follows.  The scan is one pass over the bytes, allocates nothing, and
 * returns at once for a text of fewer than 8 digits (7 with
 * CS_PHONE_QUOTED).
 */
#ifndef CS_PHONE_H
#define CS_PHONE_H

#include <stddef.h>

/* What a number is replaced with.  The Asterisk mapping knows it (an
 * outside number dialled: readers/asterisk_map.c). */
#define CS_PHONE_MARK "[phone]"

/*
 * For text that quotes a value cut short (a message quotes 60 bytes at
 * most): any run of 7 or more digits is taken for a number as well, epoch
 * seconds and uniqueids included.
 */
#define CS_PHONE_QUOTED 0x1

/* Where a number is: bytes start to end (excluded) of the text. */
struct cs_phone_span {
	size_t start, end;
};

/*
 * Finds the first number of s[0..len) that starts at or after from (what
 * comes before from is looked at: a number never starts right after a
 * digit).  Returns 1 and fills *sp, or 0 when there is none.  s need not
 * be NUL-terminated.
 */
int cs_phone_find(const char *s, size_t len, size_t from, int flags,
    struct cs_phone_span *sp);

/*
 * Copies s[0..len) into out (n bytes, n > 0: always terminated, cut to
 * fit) with every number replaced by CS_PHONE_MARK.  Returns how many
 * numbers were replaced.
 */
size_t cs_phone_mask(const char *s, size_t len, int flags, char *out,
    size_t n);

/*
 * A NUL-terminated field as it may be stored: s itself when it holds no
 * number, else buf (n bytes) with its numbers masked as cs_phone_mask.
 * Its length and its digits are counted in the same look, so that a field
 * of fewer than 8 digits costs one pass and no copy.
 */
const char *cs_phone_masked(const char *s, int flags, char *buf, size_t n);

#endif
