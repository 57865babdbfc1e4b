/*
 * fuzz_connect_ctr.c: the Amazon Connect contact trace records reader
 * (readers/connect_ctr.c),
 * line by line through its entry in the table of formats (fuzz.h).
 */
#include "fuzz.h"
#include "readers/bot.h"

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	return fuzz_format_lines(&cs_format_connect_ctr, data, size);
}
