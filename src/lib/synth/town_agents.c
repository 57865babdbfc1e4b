/* town_agents.c: when the town's agents are at the phone (town.h). */

#include "town.h"

static int
agent_absent(struct town *tw, struct cs_synth_agent *a, long day)
{
	if (a->absent_day != day) {
		uint64_t h = cs_synth_mix(tw->o->seed ^ 0xab5e47ULL,
		    (uint64_t)day * 1000003ULL + (uint64_t)(a - tw->pub.agent));

		a->absent_day = day;
		a->absent = h % 1000 < 35;	/* leave, illness, training */
	}
	return a->absent;
}

/* The first moment at or after x, before limit, at which the agent's phone
 * is logged in (a working range of its service, present that day); -1. */
int64_t
cs_town_agent_logged(struct town *tw, struct cs_synth_agent *a, int64_t x,
    int64_t limit)
{
	const struct cs_service *cs = tw->pub.svc[a->svc].cfg;
	int y, mo, d, h, mi, s, wday, from[CS_HOURS_MAX], to[CS_HOURS_MAX], n;
	long day;

	if (x >= limit)
		return -1;
	day = cs_town_day_of(x);
	if (cs_town_closed_day(tw, day) || agent_absent(tw, a, day))
		return -1;
	cs_synth_local(x, &y, &mo, &d, &h, &mi, &s, &wday);
	n = cs_town_work_ranges(cs, wday, from, to);
	for (int i = 0; i < n; i++) {
		int64_t a0 = cs_town_instant(day, from[i]);
		int64_t b0 = cs_town_instant(day, to[i]) + GRACE;

		if (x >= a0 && x < b0)
			return x;
		if (x < a0)
			return a0 < limit ? a0 : -1;
	}
	return -1;
}

/* The first moment at or after t at which the agent is at the phone. */
int64_t
cs_town_agent_at_phone(struct town *tw, struct cs_synth_agent *a, int64_t t,
    int64_t now)
{
	/* drop the stretches already over */
	int k = 0;

	for (int i = 0; i < a->naway; i++)
		if (a->away[i][1] > now) {
			a->away[k][0] = a->away[i][0];
			a->away[k][1] = a->away[i][1];
			k++;
		}
	a->naway = k;
	for (int guard = 0; guard < 64; guard++) {
		int moved = 0;

		while (a->gen <= t && a->naway < 8) {
			double p = tw->o->presence[tw->golive > 0 &&
			    a->gen >= tw->golive ? 1 : 0];
			double off = 420, on;
			int64_t f, e;

			if (p >= 0.999)
				p = 0.999;
			if (p <= 0.01)
				p = 0.01;
			on = off * p / (1 - p);
			f = a->gen + (int64_t)cs_rng_exp(&a->rng, on);
			e = f + 30 + (int64_t)cs_rng_exp(&a->rng, off - 30);
			a->gen = e;
			if (e > now) {
				a->away[a->naway][0] = f;
				a->away[a->naway][1] = e;
				a->naway++;
			}
		}
		for (int i = 0; i < a->naway; i++)
			if (t >= a->away[i][0] && t < a->away[i][1]) {
				t = a->away[i][1];
				moved = 1;
			}
		if (!moved && (a->gen > t || a->naway == 8))
			break;
	}
	return t;
}

long
cs_town_ring_delay(struct cs_rng *r)
{
	long d = (long)cs_rng_lognormal(r, 7, 0.5);

	return d < 2 ? 2 : d > 45 ? 45 : d;
}

long
cs_town_talk_time(struct cs_rng *r, double median)
{
	long t = (long)cs_rng_lognormal(r, median, 0.7);

	return t < 8 ? 8 : t > 5400 ? 5400 : t;
}
