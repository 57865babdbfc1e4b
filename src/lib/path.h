/*
 * path.h: where a file would go.  What the tools check before they make
 * anything (the database, its key, a rejects file), so that a refused run
 * leaves no file behind.
 */
#ifndef CS_PATH_H
#define CS_PATH_H

#include <stddef.h>

/* Writes the directory holding path into dir (n bytes): "." for a bare
 * name, "/" for a file of the root. */
void cs_path_dir(const char *path, char *dir, size_t n);

/*
 * Whether a file could be made at path: its directory, written into dir
 * (n bytes), can be written and searched.  Returns 0, or -1 with errno
 * saying why.
 */
int cs_path_creatable(const char *path, char *dir, size_t n);

#endif
