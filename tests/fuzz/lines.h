/*
 * lines.h: a fuzz input cut into lines as the import cuts a file (a UTF-8
 * BOM dropped, lines ended by LF, a CR before it dropped), each line
 * handed to fn in a buffer of its own exact size, so that ASan sees any
 * read past its end.
 */
#ifndef CS_FUZZ_LINES_H
#define CS_FUZZ_LINES_H

#include <stdlib.h>
#include <string.h>

static void
fuzz_lines(const uint8_t *data, size_t size,
    void (*fn)(void *arg, const char *line, size_t len), void *arg)
{
	const char *s = (const char *)data, *end = s + size;

	if (size >= 3 && memcmp(s, "\xef\xbb\xbf", 3) == 0)
		s += 3;
	while (s < end) {
		const char *nl = memchr(s, '\n', (size_t)(end - s));
		const char *e = nl != NULL ? nl : end;
		size_t len = (size_t)(e - s);
		char *copy;

		if (len > 0 && e[-1] == '\r')
			len--;
		if ((copy = malloc(len > 0 ? len : 1)) == NULL)
			return;
		if (len > 0)
			memcpy(copy, s, len);
		fn(arg, copy, len);
		free(copy);
		s = nl != NULL ? nl + 1 : end;
	}
}

#endif
