/*
 * conffix.h: the config suites' fixture (test_config.c,
 * test_config_errors.c): a temporary directory made by the suites' init and
 * emptied by their clean, configuration files written into it, and a load
 * that must fail naming the file and line.
 */
#ifndef CS_UNIT_CONFFIX_H
#define CS_UNIT_CONFFIX_H

extern char conf_tmpdir[256];
extern int conf_nfile;		/* files t0.conf ... written so far */

int cs_conf_fix_init(void);
int cs_conf_fix_clean(void);
/* Writes text to a new file of the temporary directory; returns its path
 * (static buffer, valid until the next call). */
const char *conf_file(const char *text);
/* Loads text (written by conf_file), which must fail, its message in
 * *err; returns the file's path. */
struct cs_error;
const char *load_fails(const char *text, struct cs_error *err);
/* Loads text, which must fail; the message must start "PATH:LINE: " and
 * quote what. */
void expect_error(const char *text, int line, const char *what);

#endif
