/*
 * fuzz_dialogflow_cx.c: the Dialogflow CX export reader (readers/dialogflow_cx.c),
 * line by line through its entry in the table of formats (fuzz.h).
 */
#include "fuzz.h"
#include "readers/bot.h"

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	return fuzz_format_lines(&cs_format_dialogflow_cx, data, size);
}
