/*
 * error.h: how library code reports failure.
 *
 * Library functions never print and never exit.  They return 0 on success
 * and -1 on failure, after writing a one-line, lowercase message without a
 * final full stop into the struct cs_error the caller passed.  The tool
 * prefixes it with its own name (and the file and line where it applies)
 * and prints it.  A NULL error pointer is allowed: the message is dropped.
 */
#ifndef CS_ERROR_H
#define CS_ERROR_H

#define CS_ERROR_MAX 512

struct cs_error {
	char msg[CS_ERROR_MAX];
	long column;	/* where in a line, from 1, when a reader knows; 0 */
};

/* Writes the formatted message into err (if not NULL); always returns -1 so
 * that "return cs_error_set(err, ...)" reads naturally. */
int cs_error_set(struct cs_error *err, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));

/* Duplicates s, or returns NULL when out of memory. */
char *cs_strdup(const char *s);

/* FNV-1a hash of a string, for the hash tables of the rebuild. */
unsigned cs_str_hash(const char *s);

#endif
