/*
 * bot_json.h: what the bot readers of JSON Lines exports share (Jansson).
 */
#ifndef CS_BOT_JSON_H
#define CS_BOT_JSON_H

#include <stddef.h>

#include <jansson.h>

#include "../error.h"

/*
 * Reads line[skip..len) as one JSON object into *obj (the caller's, to
 * json_decref), after the checks every reader makes of a line (no binary
 * byte; bytes that are not UTF-8 read as Latin-1) in *buf (grown as
 * needed).  what names a line in the message ("event", "turn").  Returns
 * 0, or -1 with err saying why and where (its column, from the line's
 * start).
 */
int cs_bot_json_object(const char *line, size_t len, size_t skip,
    const char *what, char **buf, size_t *cap, json_t **obj,
    struct cs_error *err);

/*
 * Makes rd, a reader of bot-jsonl (cs_format_bot_jsonl's open), read every
 * line with Jansson, never the quick way (json_flat.h): the tests read
 * lines both ways and compare.
 */
void cs_bot_jsonl_use_jansson(void *rd);
/* The event rd read last (valid until its next line). */
struct cs_bot_rec;
const struct cs_bot_rec *cs_bot_jsonl_rec(const void *rd);

#endif
