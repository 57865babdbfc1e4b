/*
 * sources.c: [import] sources read into the list of files to import
 * (sources.h).  What cannot be read there becomes an entry that says so,
 * so that the import goes on with the rest and reports it.
 */
#include <dirent.h>
#include <errno.h>
#include <glob.h>
#include <limits.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "path.h"
#include "sources.h"

struct list {
	struct cs_sources *out;
	char **real;		/* the real paths listed so far */
	size_t nreal;
	const char *conf;	/* the configuration's path, for messages */
	int oom;
};

int
cs_sources_compressed(const char *name)
{
	static const char *const ext[] = { ".gz", ".xz", ".bz2", ".zst" };
	size_t len = strlen(name);

	for (size_t i = 0; i < sizeof(ext) / sizeof(ext[0]); i++) {
		size_t n = strlen(ext[i]);

		if (len > n && strcmp(name + len - n, ext[i]) == 0)
			return 1;
	}
	return 0;
}

/* Adds an entry; fmt (with its arguments) is its message, NULL for none. */
static void
add(struct list *l, enum cs_source_kind kind, const char *path,
    const char *fmt, ...)
{
	struct cs_source *ns;
	char msg[CS_ERROR_MAX];
	va_list ap;

	if (l->oom)
		return;
	ns = realloc(l->out->s, (l->out->n + 1) * sizeof(*ns));
	if (ns == NULL) {
		l->oom = 1;
		return;
	}
	l->out->s = ns;
	ns += l->out->n;
	ns->kind = kind;
	ns->path = cs_strdup(path);
	ns->why = NULL;
	if (fmt != NULL) {
		va_start(ap, fmt);
		vsnprintf(msg, sizeof(msg), fmt, ap);
		va_end(ap);
		ns->why = cs_strdup(msg);
	}
	l->out->n++;
	if (ns->path == NULL || (fmt != NULL && ns->why == NULL))
		l->oom = 1;
}

/* 1 when path's file was listed already (by another name, say a directory
 * and a glob that both hold it); else remembers it and returns 0. */
static int
seen(struct list *l, const char *path)
{
	char *real = realpath(path, NULL), **nr;

	if (real == NULL)
		return 0;
	for (size_t i = 0; i < l->nreal; i++)
		if (strcmp(l->real[i], real) == 0) {
			free(real);
			return 1;
		}
	nr = realloc(l->real, (l->nreal + 1) * sizeof(*nr));
	if (nr == NULL) {
		free(real);
		l->oom = 1;
		return 0;
	}
	l->real = nr;
	l->real[l->nreal++] = real;
	return 0;
}

/* A path that stat(2) could not follow. */
static void
add_unreachable(struct list *l, const char *path, int err)
{
	struct stat st;

	if (lstat(path, &st) == 0 && S_ISLNK(st.st_mode))
		add(l, CS_SOURCE_MISSING, path, "%s: a symbolic link to nothing; "
		    "restore the file it points to, or correct [import] sources "
		    "in %s", path, l->conf);
	else
		add(l, CS_SOURCE_MISSING, path, "%s: %s; correct [import] "
		    "sources in %s", path, strerror(err), l->conf);
}

static void
add_file(struct list *l, const char *path)
{
	if (seen(l, path))
		return;
	if (cs_sources_compressed(path))
		add(l, CS_SOURCE_COMPRESSED, path, "%s: compressed, not read: "
		    "have logrotate compress a rotation later (delaycompress), "
		    "or leave it out of [import] sources (see callstat.conf(5))",
		    path);
	else if (access(path, R_OK) != 0)
		add(l, CS_SOURCE_MISSING, path, "%s: %s; let the user who runs "
		    "the import read it", path, strerror(errno));
	else
		add(l, CS_SOURCE_FILE, path, NULL);
}

static int
cmp_name(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* A directory: its regular files, by name, not those of subdirectories. */
static void
add_dir(struct list *l, const char *dir)
{
	DIR *d = opendir(dir);
	struct dirent *e;
	char **names = NULL, path[PATH_MAX];
	size_t n = 0, len = strlen(dir);

	if (d == NULL) {
		add(l, CS_SOURCE_MISSING, dir, "%s: cannot read the directory: "
		    "%s; let the user who runs the import read it", dir,
		    strerror(errno));
		return;
	}
	while ((e = readdir(d)) != NULL) {
		char **nn;

		if (e->d_name[0] == '.')
			continue;	/* ., .., and an exporter's temporary files */
		nn = realloc(names, (n + 1) * sizeof(*nn));
		if (nn == NULL || (nn[n] = cs_strdup(e->d_name)) == NULL) {
			if (nn != NULL)
				names = nn;
			l->oom = 1;
			break;
		}
		names = nn;
		n++;
	}
	closedir(d);
	if (n > 1)
		qsort(names, n, sizeof(*names), cmp_name);
	for (size_t i = 0; i < n; i++) {
		struct stat st;

		int w = snprintf(path, sizeof(path), "%s%s%s", dir,
		    len > 0 && dir[len - 1] == '/' ? "" : "/", names[i]);

		if (w < 0 || (size_t)w >= sizeof(path))
			add(l, CS_SOURCE_MISSING, names[i], "%s: %s in %s",
			    names[i], strerror(ENAMETOOLONG), dir);
		else if (stat(path, &st) != 0)
			add_unreachable(l, path, errno);
		else if (S_ISREG(st.st_mode))
			add_file(l, path);
		free(names[i]);
	}
	free(names);
}

/* A path named in the list or matched by a pattern. */
static void
add_path(struct list *l, const char *path)
{
	struct stat st;

	if (stat(path, &st) != 0)
		add_unreachable(l, path, errno);
	else if (S_ISDIR(st.st_mode))
		add_dir(l, path);
	else
		add_file(l, path);
}

static void
add_word(struct list *l, const char *word, const char *confdir)
{
	char path[PATH_MAX];
	glob_t g;
	int rc;

	if (word[0] == '/' || strcmp(confdir, ".") == 0)
		rc = snprintf(path, sizeof(path), "%s", word);
	else
		rc = snprintf(path, sizeof(path), "%s/%s", confdir, word);
	if (rc < 0 || (size_t)rc >= sizeof(path)) {
		add(l, CS_SOURCE_MISSING, word, "%s: %s; correct [import] "
		    "sources in %s", word, strerror(ENAMETOOLONG), l->conf);
		return;
	}
	if (strpbrk(word, "*?[") == NULL) {
		add_path(l, path);
		return;
	}
	memset(&g, 0, sizeof(g));
	rc = glob(path, 0, NULL, &g);
	if (rc == 0) {
		for (size_t i = 0; i < g.gl_pathc; i++)
			add_path(l, g.gl_pathv[i]);
	} else if (rc == GLOB_NOSPACE) {
		l->oom = 1;
	} else {
		add(l, CS_SOURCE_MISSING, path, "%s: matches no file; check that "
		    "the logs are still written there, or correct [import] "
		    "sources in %s", path, l->conf);
	}
	globfree(&g);
}

int
cs_sources_list(struct cs_sources *out, const struct cs_config *c,
    struct cs_error *err)
{
	struct list l;
	char confdir[PATH_MAX];

	memset(out, 0, sizeof(*out));
	if (c->nsources == 0)
		return cs_error_set(err, "%s: no [import] sources: name the logs "
		    "to read there (see callstat.conf(5)), or give the files",
		    c->path != NULL ? c->path : "the configuration");
	memset(&l, 0, sizeof(l));
	l.out = out;
	l.conf = c->path != NULL ? c->path : "the configuration";
	cs_path_dir(c->path != NULL ? c->path : ".", confdir, sizeof(confdir));
	for (size_t i = 0; i < c->nsources && !l.oom; i++)
		add_word(&l, c->sources[i], confdir);
	for (size_t i = 0; i < l.nreal; i++)
		free(l.real[i]);
	free(l.real);
	if (l.oom) {
		cs_sources_release(out);
		return cs_error_set(err, "out of memory");
	}
	return 0;
}

void
cs_sources_release(struct cs_sources *s)
{
	for (size_t i = 0; i < s->n; i++) {
		free(s->s[i].path);
		free(s->s[i].why);
	}
	free(s->s);
	memset(s, 0, sizeof(*s));
}
