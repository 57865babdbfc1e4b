/*
 * fuzz_lex_v2.c: the Amazon Lex V2 text log reader (readers/lex_v2.c),
 * line by line through its entry in the table of formats (fuzz.h).
 */
#include "fuzz.h"
#include "readers/bot.h"

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	return fuzz_format_lines(&cs_format_lex_v2, data, size);
}
