/*
 * fuzz_bot_jsonl.c: the canonical bot events as JSON lines (readers/bot_jsonl.c),
 * line by line through its entry in the table of formats (fuzz.h).
 */
#include "fuzz.h"
#include "readers/bot.h"

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	return fuzz_format_lines(&cs_format_bot_jsonl, data, size);
}
