/*
 * test_synth.c: the synth suite: the PRNG, the shape of a town's calls,
 * the queue model on a case worked out by hand, and the time formatting of
 * the writers.
 */
#include <math.h>
#include <stdint.h>
#include <string.h>

#include "synth/synth.h"
#include "timeutil.h"
#include "unit.h"

static void
test_rng(void)
{
	struct cs_rng a, b, c;
	uint64_t x = 0;
	int differ = 0;
	double sum = 0;
	long psum = 0;

	/* splitmix64's published first output for a state of 0 */
	CU_ASSERT_EQUAL(cs_splitmix64(&x), 0xe220a8397b1dcdafULL);

	cs_rng_seed(&a, 42);
	cs_rng_seed(&b, 42);
	cs_rng_seed(&c, 43);
	for (int i = 0; i < 1000; i++) {
		uint64_t va = cs_rng_next(&a), vb = cs_rng_next(&b);

		CU_ASSERT_EQUAL(va, vb);
		differ += va != cs_rng_next(&c);
	}
	CU_ASSERT(differ > 990);

	cs_rng_seed(&a, 7);
	for (int i = 0; i < 100000; i++) {
		double u = cs_rng_uniform(&a);

		CU_ASSERT_FATAL(u >= 0 && u < 1);
		sum += u;
	}
	CU_ASSERT(fabs(sum / 100000 - 0.5) < 0.01);
	for (int i = 0; i < 10000; i++) {
		long r = cs_rng_range(&a, 3, 5);

		CU_ASSERT_FATAL(r >= 3 && r <= 5);
		psum += cs_rng_poisson(&a, 4.0);
	}
	CU_ASSERT(fabs(psum / 10000.0 - 4.0) < 0.1);
	/* the same seed gives the same derived seeds */
	CU_ASSERT_EQUAL(cs_synth_mix(1, 2), cs_synth_mix(1, 2));
	CU_ASSERT_NOT_EQUAL(cs_synth_mix(1, 2), cs_synth_mix(2, 1));
}

static void
test_shape(void)
{
	/* 2024-02-05 is a Monday (wday 0) */
	double mon = cs_synth_day_factor(2024, 2, 5, 0, 0);
	double tue = cs_synth_day_factor(2024, 2, 6, 1, 0);
	double sat = cs_synth_day_factor(2024, 2, 10, 5, 0);
	double sun = cs_synth_day_factor(2024, 2, 11, 6, 0);

	CU_ASSERT(mon > tue && tue > sat && sat > sun && sun > 0);
	/* a low August, a busier September: same weekday */
	CU_ASSERT(cs_synth_day_factor(2024, 8, 6, 1, 0) <
	    cs_synth_day_factor(2024, 9, 3, 1, 0));
	/* a public holiday on a weekday is as quiet as a Sunday */
	CU_ASSERT_DOUBLE_EQUAL(cs_synth_day_factor(2024, 5, 1, 2, 1), 0.08, 1e-12);

	/* Monday at 09:30 (slot 19) beats Tuesday's; lunch and night dip */
	CU_ASSERT(cs_synth_slot_weight(0, 0, 19) > cs_synth_slot_weight(1, 0, 19));
	CU_ASSERT(cs_synth_slot_weight(1, 0, 25) < cs_synth_slot_weight(1, 0, 21) / 3);
	CU_ASSERT(cs_synth_slot_weight(1, 0, 4) < 0.05);
	/* Sunday and holidays: flat by day */
	CU_ASSERT_DOUBLE_EQUAL(cs_synth_slot_weight(6, 0, 20),
	    cs_synth_slot_weight(2, 1, 30), 1e-12);
	CU_ASSERT_DOUBLE_EQUAL(cs_synth_slot_weight(1, 0, 48), 0, 1e-12);

	CU_ASSERT_EQUAL(cs_synth_kind_of("scolaire"), CS_SYNTH_SCOLAIRE);
	CU_ASSERT_EQUAL(cs_synth_kind_of("etat-civil"), CS_SYNTH_ETAT_CIVIL);
	CU_ASSERT_EQUAL(cs_synth_kind_of("voirie"), CS_SYNTH_GENERIC);
	/* the school rush */
	CU_ASSERT_DOUBLE_EQUAL(cs_synth_season(CS_SYNTH_SCOLAIRE, 2024, 9, 2), 3.0, 1e-12);
	CU_ASSERT(cs_synth_season(CS_SYNTH_SCOLAIRE, 2024, 8, 5) < 0.5);
	/* 1 June 2024: passports (1.45) and the European election of 9 June,
	 * 8 days ahead: 1 + 0.9 * (1 - 8/42) */
	CU_ASSERT_DOUBLE_EQUAL(cs_synth_season(CS_SYNTH_ETAT_CIVIL, 2024, 6, 1),
	    1.45 * (1 + 0.9 * (1 - 8.0 / 42)), 1e-12);
	CU_ASSERT_DOUBLE_EQUAL(cs_synth_season(CS_SYNTH_ETAT_CIVIL, 2024, 10, 1), 1.0, 1e-12);
}

/*
 * Two agents, one call each a minute long, no ringing delay: worked by
 * hand.  free[] is when each agent is free again.
 */
static void
serve(int64_t free_at[2], int64_t enter, long patience, long timeout,
    struct cs_synth_qresult *res)
{
	struct cs_synth_member m[2];

	for (int i = 0; i < 2; i++) {
		m[i].dial = free_at[i] > enter ? free_at[i] : enter;
		m[i].pick = m[i].dial;
	}
	cs_synth_queue_resolve(m, 2, enter, patience, timeout, res);
	if (res->exit == CS_SYNTH_Q_CONNECT)
		free_at[res->member] = res->at + 60;
}

static void
test_queue(void)
{
	int64_t free_at[2] = { 0, 0 };
	struct cs_synth_qresult r;
	struct cs_synth_member m[2] = { { 5, 30 }, { 10, 12 } };

	/* three callers at 0: agents 0 and 1 at once, the third waits for
	 * agent 0 until 60 */
	serve(free_at, 0, 100, 120, &r);
	CU_ASSERT(r.exit == CS_SYNTH_Q_CONNECT && r.member == 0 && r.at == 0);
	serve(free_at, 0, 100, 120, &r);
	CU_ASSERT(r.exit == CS_SYNTH_Q_CONNECT && r.member == 1 && r.at == 0);
	serve(free_at, 0, 100, 120, &r);
	CU_ASSERT(r.exit == CS_SYNTH_Q_CONNECT && r.member == 0 && r.at == 60);
	/* at 10, patient for 30 s: both agents busy until 120 and 60 */
	serve(free_at, 10, 30, 120, &r);
	CU_ASSERT(r.exit == CS_SYNTH_Q_ABANDON && r.member == -1 && r.at == 40);
	/* at 50, the queue gives up at 80: agent 1 is free at 60 */
	serve(free_at, 50, 100, 30, &r);
	CU_ASSERT(r.exit == CS_SYNTH_Q_CONNECT && r.member == 1 && r.at == 60);
	CU_ASSERT_EQUAL(free_at[0], 120);
	CU_ASSERT_EQUAL(free_at[1], 120);
	/* at 70: nobody before 120; patience and timeout tie: a time-out */
	serve(free_at, 70, 40, 40, &r);
	CU_ASSERT(r.exit == CS_SYNTH_Q_TIMEOUT && r.at == 110);

	/* the first pick-up wins, not the first phone rung */
	cs_synth_queue_resolve(m, 2, 0, 100, 120, &r);
	CU_ASSERT(r.exit == CS_SYNTH_Q_CONNECT && r.member == 1 && r.at == 12);
	/* a pick-up at the very moment the caller leaves does not happen */
	cs_synth_queue_resolve(m, 2, 0, 12, 120, &r);
	CU_ASSERT(r.exit == CS_SYNTH_Q_ABANDON && r.at == 12);
	/* nobody logged in */
	cs_synth_queue_resolve(m, 0, 7, 100, 120, &r);
	CU_ASSERT(r.exit == CS_SYNTH_Q_EMPTY && r.at == 7);
}

static void
test_times(void)
{
	struct cs_error err;
	char buf[20];

	/* calls.md, call 1: 09:12:03 in Paris, UTC+1 */
	cs_synth_format_time(1739261523, 1, buf);
	CU_ASSERT_STRING_EQUAL(buf, "2025-02-11 08:12:03");
	CU_ASSERT_FATAL(cs_tz_use("Europe/Paris", &err) == 0);
	cs_synth_format_time(1739261523, 0, buf);
	CU_ASSERT_STRING_EQUAL(buf, "2025-02-11 09:12:03");
	/* call 18: after the change to summer time */
	cs_synth_format_time(1743327000, 0, buf);
	CU_ASSERT_STRING_EQUAL(buf, "2025-03-30 11:30:00");
	cs_synth_format_time(0, 1, buf);
	CU_ASSERT_STRING_EQUAL(buf, "1970-01-01 00:00:00");
}

static CU_TestInfo tests[] = {
	{ "rng", test_rng },
	{ "shape", test_shape },
	{ "queue", test_queue },
	{ "times", test_times },
	CU_TEST_INFO_NULL,
};

CS_UNIT_SUITE("synth", tests)
