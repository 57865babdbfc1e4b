/*
 * conffix.c: the config suites' fixture (conffix.h): configuration files
 * written to a temporary directory, and the check of a load that fails.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "conffix.h"
#include "config.h"
#include "unit.h"

char conf_tmpdir[256];
int conf_nfile;

int
cs_conf_fix_init(void)
{
	conf_nfile = 0;
	snprintf(conf_tmpdir, sizeof(conf_tmpdir),
	    "/tmp/cs-test-config-XXXXXX");
	return mkdtemp(conf_tmpdir) == NULL ? -1 : 0;
}

int
cs_conf_fix_clean(void)
{
	char p[512];

	for (int i = 0; i < conf_nfile; i++) {
		snprintf(p, sizeof(p), "%s/t%d.conf", conf_tmpdir, i);
		unlink(p);
	}
	snprintf(p, sizeof(p), "%s/callstat.conf", conf_tmpdir);
	unlink(p);
	rmdir(conf_tmpdir);
	return 0;
}

const char *
conf_file(const char *text)
{
	static char path[512];
	FILE *fp;

	snprintf(path, sizeof(path), "%s/t%d.conf", conf_tmpdir, conf_nfile++);
	fp = fopen(path, "w");
	if (fp == NULL)
		return path;
	fputs(text, fp);
	fclose(fp);
	return path;
}

const char *
load_fails(const char *text, struct cs_error *err)
{
	struct cs_config c;
	const char *path = conf_file(text);
	int rc;

	memset(err, 0, sizeof(*err));
	rc = cs_config_load(&c, path, err);
	CU_ASSERT_EQUAL(rc, -1);
	if (rc == 0)
		cs_config_release(&c);
	return path;
}

void
expect_error(const char *text, int line, const char *what)
{
	struct cs_error err;
	const char *path = load_fails(text, &err);
	char prefix[600];
	int ok;

	snprintf(prefix, sizeof(prefix), "%s:%d: ", path, line);
	ok = strncmp(err.msg, prefix, strlen(prefix)) == 0 &&
	    (what == NULL || strstr(err.msg + strlen(prefix), what) != NULL);
	CU_ASSERT(ok);
	if (!ok)
		fprintf(stderr, "\n  want \"%s...%s...\", got \"%s\"\n", prefix,
		    what != NULL ? what : "", err.msg);
}
