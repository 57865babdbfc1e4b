/*
 * bot_json.c: a line of a JSON Lines export read as one object (bot_json.h).
 */
#include "bot_json.h"
#include "readers.h"

int
cs_bot_json_object(const char *line, size_t len, size_t skip,
    const char *what, char **buf, size_t *cap, json_t **obj,
    struct cs_error *err)
{
	json_error_t jerr;
	size_t n;
	int ascii;

	*obj = NULL;
	if (cs_readers_begin(line, len, &ascii, buf, cap, 2 * len + 1, err) != 0)
		return -1;
	/* bytes that are not UTF-8 are read as Latin-1, as in every reader */
	n = cs_readers_utf8_copy(*buf, line + skip, len - skip);
	if ((*obj = json_loadb(*buf, n, JSON_REJECT_DUPLICATES, &jerr)) == NULL) {
		err->column = jerr.column > 0 ? (long)skip + jerr.column : 0;
		return cs_error_set(err, "%s", jerr.text);
	}
	if (!json_is_object(*obj)) {
		json_decref(*obj);
		*obj = NULL;
		err->column = (long)skip + 1;
		return cs_error_set(err, "expected an object {...}, one %s a line",
		    what);
	}
	return 0;
}
