/*
 * fuzz_bot_csv.c: the canonical bot events as CSV (readers/bot_csv.c),
 * line by line through its entry in the table of formats (fuzz.h).
 */
#include "fuzz.h"
#include "readers/bot.h"

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	return fuzz_format_lines(&cs_format_bot_csv, data, size);
}
