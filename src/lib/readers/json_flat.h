/*
 * json_flat.h: the quick way through the one shape of JSON most bot lines
 * have: a flat object of known keys whose values are strings, plain
 * numbers or null.  Anything else (a nested value, an unknown or repeated
 * key, an exponent, a doubtful escape, a syntax error) is left to Jansson,
 * which reads all of JSON and says what is wrong: for what it takes, this
 * gives what Jansson would (tests/fuzz/fuzz_bot_jsonl.c checks that on
 * every input).
 */
#ifndef CS_JSON_FLAT_H
#define CS_JSON_FLAT_H

#include <stddef.h>

enum cs_json_flat_type {
	CS_JF_ABSENT,		/* the key is not in the object */
	CS_JF_NULL,
	CS_JF_STRING,
	CS_JF_INT,		/* -?(0|[1-9][0-9]*), at most 18 digits */
	CS_JF_REAL		/* with a fraction, no exponent */
};

struct cs_json_flat_val {
	enum cs_json_flat_type type;
	const char *s;		/* CS_JF_STRING: decoded, NUL-terminated */
	long long i;		/* CS_JF_INT */
	double d;		/* CS_JF_REAL, as strtod would read it */
};

/*
 * Reads buf[0..len) (valid UTF-8, buf[len] == '\0') as one flat object
 * whose keys are all among keys[0..nkeys): vals[k] is keys[k]'s value.
 * Strings are decoded in place, so buf changes.  Returns 0, or -1 when the
 * line is not of that shape: then buf may have changed, and the caller
 * reads the line again with Jansson from its own copy.
 */
int cs_json_flat(char *buf, size_t len, const char *const *keys, int nkeys,
    struct cs_json_flat_val *vals);

#endif
