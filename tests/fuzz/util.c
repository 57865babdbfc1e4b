/* util.c: the harnesses' scratch directory (fuzz.h). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "fuzz.h"

static char dir[256];

static void
remove_dir(void)
{
	char cmd[300];

	if (dir[0] != '\0' && strncmp(dir, "/", 1) == 0 &&
	    strstr(dir, "cs-fuzz-") != NULL &&
	    (size_t)snprintf(cmd, sizeof(cmd), "rm -rf '%s'", dir) < sizeof(cmd))
		if (system(cmd) != 0)
			fprintf(stderr, "fuzz: cannot remove %s\n", dir);
}

const char *
fuzz_dir(void)
{
	const char *tmp;

	if (dir[0] != '\0')
		return dir;
	tmp = getenv("TMPDIR");
	if (tmp == NULL || *tmp != '/' || strchr(tmp, '\'') != NULL)
		tmp = "/tmp";
	if ((size_t)snprintf(dir, sizeof(dir), "%s/cs-fuzz-XXXXXX", tmp) >=
	    sizeof(dir) || mkdtemp(dir) == NULL) {
		dir[0] = '\0';
		return NULL;
	}
	atexit(remove_dir);
	return dir;
}

int
fuzz_write(const char *path, const uint8_t *data, size_t size)
{
	FILE *fp = fopen(path, "wb");

	if (fp == NULL)
		return -1;
	if (size > 0 && fwrite(data, 1, size, fp) != size) {
		fclose(fp);
		return -1;
	}
	return fclose(fp) == 0 ? 0 : -1;
}
