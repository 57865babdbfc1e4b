/*
 * test_derive.c: what a rebuild after bot events writes (derive.h's
 * cs_derive_keep): the calls the bot settled, and the calls of their
 * callers in the day after them; the days' totals count every call.
 */
#include <stdlib.h>
#include <string.h>

#include <CUnit/CUnit.h>

#include "callfix.h"
#include "derive.h"
#include "tables.h"
#include "unit.h"

#define OTHER_CALLER "0a1b2c3d4e5f60718293a4b5c6d7e8f9"

/* What came out of the derivation: the calls rows' ids, and the days'
   totals of offered calls and of calls the bot settled. */
struct out {
	char ids[16][32];
	int n;
	long offered, bot, rows_daily;
};

static int
take(void *arg, const struct cs_row *row)
{
	struct out *o = arg;

	if (row->table == &cs_table_calls) {
		CU_ASSERT_FATAL(o->n < 16);
		snprintf(o->ids[o->n++], sizeof(o->ids[0]), "%s", cs_row_text(row, 1));
	} else if (row->table == &cs_table_daily) {
		o->rows_daily++;
		o->offered += cs_row_int(row, 4);	/* offered */
		o->bot += cs_row_int(row, 8);		/* bot */
	}
	return 0;
}

static struct cs_call
call(int64_t start, enum cs_outcome outcome, const char *caller)
{
	struct cs_call c;

	memset(&c, 0, sizeof(c));
	c.start = start;
	c.end = start + 120;
	c.direction = CS_INBOUND;
	c.service = ACCUEIL;
	c.in_hours = 1;
	c.outcome = outcome;
	c.wait = outcome == CS_OUTCOME_AGENT || outcome == CS_OUTCOME_BOT ? 5 : -1;
	c.human_wait = outcome == CS_OUTCOME_AGENT ? 5 : -1;
	c.talk = outcome == CS_OUTCOME_AGENT ? 100 : -1;
	c.abandon_wait = -1;
	c.bot_answered = outcome == CS_OUTCOME_BOT;
	c.caller = caller;
	c.bot_key = "";
	return c;
}

static int
has(const struct out *o, const char *id)
{
	for (int i = 0; i < o->n; i++)
		if (strcmp(o->ids[i], id) == 0)
			return 1;
	return 0;
}

/* Derives the calls below, keeping or not; their starts' sum in *sum. */
static void
derive(int keep, struct out *o, long *stored, int64_t *sum)
{
	struct cs_error err = { "", 0 };
	struct cs_rowq *q = cs_rowq_new_pipe(&err);
	struct cs_derive *d;
	struct cs_call c;

	CU_ASSERT_PTR_NOT_NULL_FATAL(q);
	d = cs_derive_new(q, &calls_cfg, AT(TUE11, 0, 0, 0), AT(SAT15, 0, 0, 0),
	    &err);
	CU_ASSERT_PTR_NOT_NULL_FATAL(d);
	if (keep)
		cs_derive_keep(d);
	/* a: the bot settled it */
	c = call(T0, CS_OUTCOME_BOT, CALLER);
	CU_ASSERT_EQUAL(cs_derive_add(d, "a", &c, 1), 0);
	/* d: another caller, missed */
	c = call(T0 + 100, CS_OUTCOME_MISSED, OTHER_CALLER);
	CU_ASSERT_EQUAL(cs_derive_add(d, "d", &c, 1), 0);
	/* e: withheld, the bot settled it */
	c = call(T0 + 200, CS_OUTCOME_BOT, "");
	CU_ASSERT_EQUAL(cs_derive_add(d, "e", &c, 1), 0);
	/* b: a's caller an hour later, an agent took it: its repeat_24h
	   follows a's service */
	c = call(T0 + 3600, CS_OUTCOME_AGENT, CALLER);
	CU_ASSERT_EQUAL(cs_derive_add(d, "b", &c, 1), 0);
	/* c: a's caller again, more than a day after a (b, within the day
	   before it, is no call of the bot's) */
	c = call(T0 + 86400 + 60, CS_OUTCOME_AGENT, CALLER);
	CU_ASSERT_EQUAL(cs_derive_add(d, "c", &c, 1), 0);
	/* f: the other caller a day and a half later, after the bot settled
	   g... which comes after it: order of arrival is not of start */
	c = call(T0 + 2 * 86400, CS_OUTCOME_AGENT, OTHER_CALLER);
	CU_ASSERT_EQUAL(cs_derive_add(d, "f", &c, 1), 0);
	c = call(T0 + 2 * 86400 - 600, CS_OUTCOME_BOT, OTHER_CALLER);
	CU_ASSERT_EQUAL(cs_derive_add(d, "g", &c, 1), 0);
	CU_ASSERT_EQUAL(cs_derive_finish(d), 0);
	*stored = cs_derive_stored(d, sum);
	cs_derive_free(d);
	cs_rowq_close(q, 0);
	memset(o, 0, sizeof(*o));
	CU_ASSERT_EQUAL(cs_rowq_consume(q, take, o, NULL), 0);
	cs_rowq_free(q);
}

static void
test_keep(void)
{
	struct out all, kept;
	long n_all, n_kept;
	int64_t sum_all, sum_kept;
	int64_t want = 7 * T0 + 100 + 200 + 3600 + 86400 + 60 + 2 * 86400 +
	    2 * 86400 - 600;

	derive(0, &all, &n_all, &sum_all);
	derive(1, &kept, &n_kept, &sum_kept);
	/* every call rebuilt, whether written or kept */
	CU_ASSERT_EQUAL(n_all, 7);
	CU_ASSERT_EQUAL(n_kept, 7);
	CU_ASSERT_EQUAL(sum_all, want);
	CU_ASSERT_EQUAL(sum_kept, want);
	CU_ASSERT_EQUAL(all.n, 7);
	/* written: the bot's calls (a, e, g) and the calls of their callers
	   in the day after them (b after a, f after g) */
	CU_ASSERT_EQUAL(kept.n, 5);
	CU_ASSERT(has(&kept, "a"));
	CU_ASSERT(has(&kept, "e"));
	CU_ASSERT(has(&kept, "g"));
	CU_ASSERT(has(&kept, "b"));
	CU_ASSERT(has(&kept, "f"));
	CU_ASSERT(!has(&kept, "c"));
	CU_ASSERT(!has(&kept, "d"));
	/* the days' totals count them all, the same either way */
	CU_ASSERT_EQUAL(all.offered, 7);
	CU_ASSERT_EQUAL(all.bot, 3);
	CU_ASSERT_EQUAL(kept.offered, all.offered);
	CU_ASSERT_EQUAL(kept.bot, all.bot);
	CU_ASSERT_EQUAL(kept.rows_daily, all.rows_daily);
}

static CU_TestInfo tests[] = {
	{ "a rebuild after bot events writes what a session can change",
	  test_keep },
	CU_TEST_INFO_NULL
};

CS_UNIT_SUITE_FIXTURE("derive", tests, cs_calls_fix_init, cs_calls_fix_clean)
