/*
 * fuzz_rasa.c: the Rasa tracker reader (readers/rasa.c), its exported
 * JSON (a document, a list of trackers, one a line), as a whole file
 * through its entry in the table of formats (fuzz.h).  Storing, and the
 * SQL tracker store, are fuzzed through fuzz_import, which detects them.
 */
#include "fuzz.h"
#include "readers/bot.h"

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	return fuzz_format_whole(&cs_format_rasa, data, size);
}
