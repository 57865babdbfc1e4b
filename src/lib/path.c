#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "path.h"

void
cs_path_dir(const char *path, char *dir, size_t n)
{
	const char *slash = strrchr(path, '/');

	if (slash == NULL)
		snprintf(dir, n, ".");
	else if (slash == path)
		snprintf(dir, n, "/");
	else
		snprintf(dir, n, "%.*s", (int)(slash - path), path);
}

int
cs_path_creatable(const char *path, char *dir, size_t n)
{
	cs_path_dir(path, dir, n);
	return access(dir, W_OK | X_OK) == 0 ? 0 : -1;
}
