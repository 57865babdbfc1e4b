/*
 * check_int.h: what check.c and check_quality.c share: findings kept with
 * their texts, to be given in order among the bot's (check.h).
 */
#ifndef CS_CHECK_INT_H
#define CS_CHECK_INT_H

#include <stddef.h>

#include "check.h"

struct cs_check_kept {
	enum cs_check_kind kind;
	size_t seq;		/* order of adding: ties keep it */
	char day[16];
	char subject[256];
	char detail[2048];
};

/* Findings, owned; {0} is an empty list. */
struct cs_check_list {
	struct cs_check_kept *f;
	size_t n, cap, next;	/* next: the first not given yet */
};

/* Adds a finding, its detail printf-formatted.  Returns -1 when out of
 * memory. */
int cs_check_list_add(struct cs_check_list *l, enum cs_check_kind kind,
    const char *day, const char *subject, const char *fmt, ...)
    __attribute__((format(printf, 5, 6)));

/* Sorts them by day, then kind, then order of adding. */
void cs_check_list_sort(struct cs_check_list *l);

void cs_check_list_release(struct cs_check_list *l);

/*
 * Adds the data-quality findings of the days from..to (either NULL:
 * unbounded) to l: days without calls between busy days, calls stored
 * twice, clocks set back inside a file, calls no service matched, and
 * queue_log calls the CDRs lack (callstat-check(1) defines each).
 * Returns 0, or -1 with err.
 */
int cs_check_quality(struct cs_db *db, const struct cs_config *cfg,
    const char *from, const char *to, struct cs_check_list *l,
    struct cs_error *err);

#endif
