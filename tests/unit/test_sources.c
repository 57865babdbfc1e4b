/*
 * test_sources.c: the sources suite.  [import] sources read into the files
 * to import (sources.c), in a scratch directory: the list's order, a
 * directory's files by name, globs, relative paths from the
 * configuration's directory, a file named twice, compressed files, and
 * what cannot be read.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "config.h"
#include "sources.h"
#include "unit.h"

static char dir[256];

static void
touch(const char *rel)
{
	char path[512];
	FILE *fp;

	snprintf(path, sizeof(path), "%s/%s", dir, rel);
	fp = fopen(path, "w");
	if (fp != NULL) {
		fputs("x\n", fp);
		fclose(fp);
	}
}

static int
suite_init(void)
{
	char path[512];

	snprintf(dir, sizeof(dir), "%s/cs-sources-XXXXXX",
	    getenv("TMPDIR") != NULL ? getenv("TMPDIR") : "/tmp");
	if (mkdtemp(dir) == NULL)
		return -1;
	snprintf(path, sizeof(path), "%s/logs", dir);
	mkdir(path, 0755);
	snprintf(path, sizeof(path), "%s/logs/sub", dir);
	mkdir(path, 0755);
	touch("logs/queue_log");
	touch("logs/Master.csv");
	touch("logs/Master.csv.1");
	touch("logs/Master.csv.2.gz");
	touch("logs/.partial");
	touch("logs/sub/deeper.csv");
	touch("callstat.conf");
	snprintf(path, sizeof(path), "%s/logs/gone", dir);
	return symlink("/nonexistent/callstat-sources-test", path);
}

static int
suite_clean(void)
{
	char cmd[600];

	snprintf(cmd, sizeof(cmd), "rm -rf '%s'", dir);
	return system(cmd) == 0 ? 0 : -1;
}

/* The configuration path and the list of words (blank-separated). */
static int
list(struct cs_sources *out, const char *conf, const char *words)
{
	struct cs_config c;
	struct cs_error err;
	char *copy = cs_strdup(words), *save = NULL, *w;
	int rc;

	cs_config_init(&c);
	c.path = (char *)conf;
	for (w = strtok_r(copy, " ", &save); w != NULL;
	    w = strtok_r(NULL, " ", &save)) {
		c.sources = realloc(c.sources, (c.nsources + 1) * sizeof(char *));
		c.sources[c.nsources++] = w;
	}
	rc = cs_sources_list(out, &c, &err);
	free(c.sources);
	free(copy);
	return rc;
}

/* The entries as "KIND:path" joined by blanks: F file, Z compressed, M
 * missing; paths without the scratch directory. */
static const char *
show(const struct cs_sources *s)
{
	static char buf[2048];
	size_t len = strlen(dir), n = 0;

	buf[0] = '\0';
	for (size_t i = 0; i < s->n; i++) {
		const char *p = s->s[i].path;
		char k = s->s[i].kind == CS_SOURCE_FILE ? 'F' :
		    s->s[i].kind == CS_SOURCE_COMPRESSED ? 'Z' : 'M';

		if (strncmp(p, dir, len) == 0)
			p += len + 1;
		n += (size_t)snprintf(buf + n, sizeof(buf) - n, "%s%c:%s",
		    i > 0 ? " " : "", k, p);
	}
	return buf;
}

static const char *
conf(void)
{
	static char path[512];

	snprintf(path, sizeof(path), "%s/callstat.conf", dir);
	return path;
}

static void
test_directory(void)
{
	struct cs_sources s;

	CU_ASSERT_EQUAL_FATAL(list(&s, conf(), "logs/"), 0);
	/* by name; not the subdirectory's, not the dot file; the link to
	   nothing and the compressed file said */
	CU_ASSERT_STRING_EQUAL(show(&s), "F:logs/Master.csv F:logs/Master.csv.1 "
	    "Z:logs/Master.csv.2.gz M:logs/gone F:logs/queue_log");
	cs_sources_release(&s);
}

static void
test_order_and_twice(void)
{
	struct cs_sources s;

	/* the list's order; a file named again (by a glob, by the
	   directory) comes once, where it is first named */
	CU_ASSERT_EQUAL_FATAL(list(&s, conf(), "logs/queue_log logs/Master.csv* logs"), 0);
	CU_ASSERT_STRING_EQUAL(show(&s), "F:logs/queue_log F:logs/Master.csv "
	    "F:logs/Master.csv.1 Z:logs/Master.csv.2.gz M:logs/gone");
	cs_sources_release(&s);
}

static void
test_missing(void)
{
	struct cs_sources s;

	CU_ASSERT_EQUAL_FATAL(list(&s, conf(), "nothing* logs/none /nonexistent/x"), 0);
	CU_ASSERT_STRING_EQUAL(show(&s), "M:nothing* M:logs/none M:/nonexistent/x");
	CU_ASSERT_PTR_NOT_NULL_FATAL(strstr(s.s[0].why, "matches no file"));
	CU_ASSERT_PTR_NOT_NULL(strstr(s.s[0].why, conf()));
	CU_ASSERT_PTR_NOT_NULL(strstr(s.s[1].why, "No such file or directory"));
	CU_ASSERT_PTR_NOT_NULL(strstr(s.s[2].why, "/nonexistent/x: "));
	cs_sources_release(&s);
	CU_ASSERT_EQUAL_FATAL(list(&s, conf(), "logs/gone"), 0);
	CU_ASSERT_PTR_NOT_NULL(strstr(s.s[0].why, "a symbolic link to nothing"));
	cs_sources_release(&s);
}

static void
test_relative(void)
{
	struct cs_sources s;
	char cwd[512];

	/* from the configuration's directory, wherever the process is */
	CU_ASSERT_PTR_NOT_NULL_FATAL(getcwd(cwd, sizeof(cwd)));
	CU_ASSERT_EQUAL_FATAL(chdir("/"), 0);
	CU_ASSERT_EQUAL(list(&s, conf(), "logs/queue_log"), 0);
	CU_ASSERT_EQUAL(chdir(cwd), 0);
	CU_ASSERT_STRING_EQUAL(show(&s), "F:logs/queue_log");
	cs_sources_release(&s);
}

static void
test_none(void)
{
	struct cs_sources s;

	CU_ASSERT_EQUAL(list(&s, conf(), ""), -1);
	CU_ASSERT_EQUAL(s.n, 0);
	CU_ASSERT(cs_sources_compressed("a.gz"));
	CU_ASSERT(cs_sources_compressed("Master.csv.3.zst"));
	CU_ASSERT(cs_sources_compressed("q.bz2") && cs_sources_compressed("q.xz"));
	CU_ASSERT(!cs_sources_compressed(".gz"));
	CU_ASSERT(!cs_sources_compressed("Master.csv.1"));
	CU_ASSERT(!cs_sources_compressed("gz"));
}

static void
test_config_key(void)
{
	struct cs_config c;
	struct cs_error err;
	char path[512];
	FILE *fp;

	snprintf(path, sizeof(path), "%s/import.conf", dir);
	fp = fopen(path, "w");
	CU_ASSERT_PTR_NOT_NULL_FATAL(fp);
	fputs("[import]\nsources = a b*\n   /c/\n", fp);
	fclose(fp);
	CU_ASSERT_EQUAL_FATAL(cs_config_load(&c, path, &err), 0);
	CU_ASSERT_EQUAL_FATAL(c.nsources, 3);
	CU_ASSERT_STRING_EQUAL(c.sources[0], "a");
	CU_ASSERT_STRING_EQUAL(c.sources[1], "b*");
	CU_ASSERT_STRING_EQUAL(c.sources[2], "/c/");
	cs_config_release(&c);
	CU_ASSERT_EQUAL(c.nsources, 0);
	fp = fopen(path, "w");
	CU_ASSERT_PTR_NOT_NULL_FATAL(fp);
	fputs("[import]\nsources = a\nsources = b\n", fp);
	fclose(fp);
	CU_ASSERT_EQUAL(cs_config_load(&c, path, &err), -1);
	CU_ASSERT_PTR_NOT_NULL(strstr(err.msg, "'sources' is given twice in [import]"));
}

static CU_TestInfo tests[] = {
	{ "a directory's files, by name", test_directory },
	{ "the list's order, a file once", test_order_and_twice },
	{ "what cannot be read", test_missing },
	{ "relative to the configuration", test_relative },
	{ "no sources; compressed names", test_none },
	{ "[import] sources in the file", test_config_key },
	CU_TEST_INFO_NULL
};

CS_UNIT_SUITE_FIXTURE("sources", tests, suite_init, suite_clean)
