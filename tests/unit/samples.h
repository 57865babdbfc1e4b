/*
 * samples.h: the sample files of tests/data/samples as the readers' suites
 * read them (test_readers.c, test_cdr.c, test_cdr_lines.c, test_cdr_split.c,
 * test_qlog.c): whole, or line by line as the import gives lines; the CDR
 * samples; a 16-column Master.csv line.
 */
#ifndef CS_UNIT_SAMPLES_H
#define CS_UNIT_SAMPLES_H

#include <stddef.h>

#define CS_UNIT_CDR_DIR "tests/data/samples/asterisk_cdr_csv/"

/* A sample file, whole and NUL-terminated; NULL if it cannot be read. */
char *cs_unit_slurp(const char *rel, size_t *len);

/*
 * The lines of a file as a caller gives them: without "\n" or "\r\n".
 * cs_unit_lines_read returns 0, -1 when the file cannot be read.
 */
#define CS_UNIT_SAMPLE_LINES 256
struct cs_unit_lines {
	char	*buf;
	size_t	 n;
	char	*s[CS_UNIT_SAMPLE_LINES];
	size_t	 len[CS_UNIT_SAMPLE_LINES];
};
int cs_unit_lines_read(struct cs_unit_lines *l, const char *rel);
void cs_unit_lines_free(struct cs_unit_lines *l);

/* Local time is Europe/Paris's (asserted). */
void cs_unit_paris(void);

/* A string of a record: not NULL, and equal to s. */
#define ASSERT_STR(p, s) do {						\
	CU_ASSERT_PTR_NOT_NULL(p);					\
	if ((p) != NULL)						\
		CU_ASSERT_STRING_EQUAL((p), (s));			\
} while (0)

/* 1 if s starts with prefix. */
int cs_unit_starts(const char *s, const char *prefix);

/* The CDR sample files, under CS_UNIT_CDR_DIR. */
extern const char *const cs_unit_cdr_samples[];
extern const size_t cs_unit_ncdr_samples;

/* A 16-column record of 2025-03-04 09:00:00 (day 20151). */
#define BASE16 "\"\",\"100\",\"200\",\"ctx\",\"\"\"A\"\" <100>\"," \
	"\"SIP/100-1\",\"SIP/200-2\",\"Dial\",\"SIP/200\"," \
	"\"2025-03-04 09:00:00\",\"2025-03-04 09:00:10\"," \
	"\"2025-03-04 09:01:00\",60,50,\"ANSWERED\",\"DOCUMENTATION\""

#endif
