/*
 * samples.c: the sample files as the readers' suites read them (samples.h).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "samples.h"
#include "timeutil.h"
#include "unit.h"

char *
cs_unit_slurp(const char *rel, size_t *len)
{
	FILE *fp;
	char *buf = NULL;
	long n;

	if ((fp = fopen(cs_unit_data(rel), "rb")) == NULL)
		return NULL;
	if (fseek(fp, 0, SEEK_END) == 0 && (n = ftell(fp)) >= 0 &&
	    fseek(fp, 0, SEEK_SET) == 0 && (buf = malloc((size_t)n + 1)) &&
	    fread(buf, 1, (size_t)n, fp) == (size_t)n) {
		buf[n] = '\0';
		*len = (size_t)n;
	} else {
		free(buf);
		buf = NULL;
	}
	fclose(fp);
	return buf;
}

int
cs_unit_lines_read(struct cs_unit_lines *l, const char *rel)
{
	size_t len;
	char *p, *end, *nl;

	memset(l, 0, sizeof(*l));
	if ((l->buf = cs_unit_slurp(rel, &len)) == NULL)
		return -1;
	p = l->buf;
	end = l->buf + len;
	while (p < end && l->n < CS_UNIT_SAMPLE_LINES) {
		nl = memchr(p, '\n', (size_t)(end - p));
		l->s[l->n] = p;
		l->len[l->n] = (size_t)((nl != NULL ? nl : end) - p);
		if (l->len[l->n] > 0 && p[l->len[l->n] - 1] == '\r')
			l->len[l->n]--;
		l->n++;
		p = nl != NULL ? nl + 1 : end;
	}
	return 0;
}

void
cs_unit_lines_free(struct cs_unit_lines *l)
{
	free(l->buf);
	l->buf = NULL;
}

void
cs_unit_paris(void)
{
	struct cs_error err;

	CU_ASSERT_EQUAL_FATAL(cs_tz_use("Europe/Paris", &err), 0);
}

int
cs_unit_starts(const char *s, const char *prefix)
{
	return strncmp(s, prefix, strlen(prefix)) == 0;
}

const char *const cs_unit_cdr_samples[] = {
	"master_2009_systemname_prefix.csv",
	"master_2018_18col_local_channels.csv",
	"master_2018_queue_and_dongle_rejoined.csv",
	"master_2019_book_rejoined.csv",
	"master_2020_bbf_rejoined.csv",
	/* Its only line is damaged, but it is a CDR all the same. */
	"testsuite_cdrlib_buggy.csv",
	"testsuite_cdrlib_good.csv",
};
const size_t cs_unit_ncdr_samples =
    sizeof(cs_unit_cdr_samples) / sizeof(cs_unit_cdr_samples[0]);
