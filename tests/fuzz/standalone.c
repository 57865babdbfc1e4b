/*
 * standalone.c: a main() for the harnesses without libFuzzer.  Reads each
 * file named on the command line and hands it to LLVMFuzzerTestOneInput();
 * a crash, a leak or undefined behaviour is the sanitizers' to report
 * (make check-san builds these with them).  Exit status 0, or 1 when a
 * file cannot be read.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "fuzz.h"

static int
replay(const char *path)
{
	FILE *fp;
	uint8_t *buf = NULL, *nb;
	size_t len = 0, cap = 0, got;
	int rc = -1;

	if ((fp = fopen(path, "rb")) == NULL) {
		fprintf(stderr, "%s: %s\n", path, strerror(errno));
		return -1;
	}
	for (;;) {
		if (len == cap) {
			cap = cap == 0 ? 65536 : 2 * cap;
			if ((nb = realloc(buf, cap)) == NULL) {
				fprintf(stderr, "%s: out of memory\n", path);
				goto out;
			}
			buf = nb;
		}
		got = fread(buf + len, 1, cap - len, fp);
		len += got;
		if (got == 0)
			break;
	}
	if (ferror(fp)) {
		fprintf(stderr, "%s: %s\n", path, strerror(errno));
		goto out;
	}
	/* a copy of exactly its size, so ASan sees any read past its end */
	if ((nb = malloc(len > 0 ? len : 1)) == NULL) {
		fprintf(stderr, "%s: out of memory\n", path);
		goto out;
	}
	if (len > 0)
		memcpy(nb, buf, len);
	LLVMFuzzerTestOneInput(nb, len);
	free(nb);
	rc = 0;
out:
	free(buf);
	fclose(fp);
	return rc;
}

int
main(int argc, char **argv)
{
	int status = 0, n = 0;

	for (int i = 1; i < argc; i++) {
		if (replay(argv[i]) != 0)
			status = 1;
		n++;
	}
	printf("%s: %d inputs replayed\n", argc > 0 ? argv[0] : "fuzz", n);
	return status;
}
