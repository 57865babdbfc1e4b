/*
 * fuzz.h: what the harnesses share.  Each fuzz_NAME.c defines
 * LLVMFuzzerTestOneInput(); linked with libFuzzer (make fuzz) it is fuzzed,
 * linked with standalone.c (make check-fuzz) it replays the corpus files
 * given on the command line.  A harness must not leak nor keep state that
 * changes what a later input does, beyond what it sets up once.
 */
#ifndef CS_FUZZ_H
#define CS_FUZZ_H

#include <stddef.h>
#include <stdint.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/*
 * A directory of its own for the harness's files, made once (mkdtemp
 * under $TMPDIR or /tmp) and removed at exit; NULL if it cannot be made.
 */
const char *fuzz_dir(void);
/* Writes data to path (replacing it); 0 or -1. */
int fuzz_write(const char *path, const uint8_t *data, size_t size);

/*
 * The input, line by line, through a format's parse (its entry in the
 * table of formats), times read in Europe/Paris: aborts when a rejected
 * line does not say why, or a record's time is out of range.  Storing is
 * fuzzed through fuzz_import, which detects the format.
 */
struct cs_format;
struct cs_format_ctx;
int fuzz_format_lines(const struct cs_format *f, const uint8_t *data,
    size_t size);

/*
 * The same, with the reader f opens with ctx (which must be a good one),
 * every line also through f's looks and noise, each record parsed stored
 * (into a pipe, keyed by its line) and every row stored mapped as the
 * rebuild maps it: aborts as fuzz_format_lines does, and when a store
 * fails or a stored row is no piece of a call.
 */
int fuzz_format_stored(const struct cs_format *f,
    const struct cs_format_ctx *ctx, const uint8_t *data, size_t size);
/* A good context of the default configuration and a key of zeros (the
 * formats that need nothing of a town's). */
void fuzz_default_ctx(struct cs_format_ctx *ctx);

/*
 * The input as a whole file of a whole-file format (format.h), handed over
 * as standard input would be (an SQLite database is then refused): aborts
 * when a record rejected does not say where and why, a record stored has
 * its time out of range, or a file refused does not say why.
 */
int fuzz_format_whole(const struct cs_format *f, const uint8_t *data,
    size_t size);

#endif
