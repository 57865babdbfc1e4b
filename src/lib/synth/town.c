/*
 * town.c: the town behind callstat-synth, and its event loop.
 *
 * Residents call the town hall: each day brings, per service, a Poisson
 * number of new calls shaped by shape.c (weekday, season, hour), through
 * the main number, a service's own number or an agent's direct line.  Some
 * call again: after a lost call (a call-back), after a short misdial, or
 * because the first answer was not enough.  Staff call each other and call
 * out.  Before go-live the main number rings the front desk's queue; from
 * go-live the bot answers it day and night, settles a share of the calls
 * and hands the others over to the queue of the service they need.
 *
 * Each service's agents are servers: a caller who reaches a queue is
 * offered to the agents free and logged in, first come first served; an
 * agent on a call is busy until the call ends plus a wrap-up, and is away
 * from the phone now and then (the counter, a meeting), more often before
 * the bot than after.  So waits, abandons and time-outs come from the load
 * of the moment, never from a fixed distribution.
 *
 * Events (a day starts, a call arrives, a caller enters a queue) are
 * handled in time order from one heap; a call is decided in full when its
 * last open question is settled, and handed to the writers with its truth.
 *
 * town.h says which file holds which part.
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "timeutil.h"
#include "town.h"

/* ---- a day's new calls ---- */

static int
slot_pick(struct cs_rng *r, const double *cum)
{
	double u = cs_rng_uniform(r) * cum[47];
	int lo = 0, hi = 47;

	while (lo < hi) {
		int mid = (lo + hi) / 2;

		if (cum[mid] > u)
			hi = mid;
		else
			lo = mid + 1;
	}
	return lo;
}

static int
new_day(struct town *tw, long day)
{
	struct cs_rng r;
	int y, mo, d, wday, closedd;
	double cum[48], acc = 0, base, noise, trend;
	const double C = tw->o->calls_per_day;

	cs_rng_seed(&r, cs_synth_mix(tw->o->seed, (uint64_t)day + 0x5eed0000ULL));
	cs_town_date_of(day, &y, &mo, &d, &wday);
	closedd = cs_config_closed_day(tw->pub.cfg, y, mo, d);
	for (int s = 0; s < 48; s++) {
		acc += cs_synth_slot_weight(wday, closedd, s);
		cum[s] = acc;
	}
	base = cs_synth_day_factor(y, mo, d, wday, closedd);
	if (!closedd && wday < 5 && cs_town_closed_day(tw, day - 1))
		base *= 1.15;	/* the day after a holiday */
	noise = cs_rng_lognormal(&r, 1.0, 0.1);
	trend = pow(1.02, (double)(day - tw->first_day) / 365.25);

	for (int s = 0; s < tw->pub.nsvc; s++) {
		struct cs_synth_service *sv = &tw->pub.svc[s];
		double lambda = C * sv->share / tw->total_share * base * noise * trend *
		    cs_synth_season(sv->kind, y, mo, d);
		long n = cs_rng_poisson(&r, lambda);

		for (long i = 0; i < n; i++) {
			int slot = slot_pick(&r, cum);
			int64_t t = cs_town_instant(day, slot * 1800 +
			    (int)cs_rng_range(&r, 0, 1799));
			int path = P_MAIN;
			double u = cs_rng_uniform(&r);
			struct pcall *p;

			if (s == tw->pub.main_svc) {
				if (sv->direct[0] != '\0' && sv->nagents > 0 && u < 0.06)
					path = P_DIRECT;
			} else if (sv->did[0] != '\0' && sv->queue[0] != '\0' && u < 0.4)
				path = P_DID;
			else if (sv->direct[0] != '\0' && sv->nagents > 0 && u < 0.46)
				path = P_DIRECT;
			if ((p = cs_town_pcall_new(tw, &r, path, s, t)) == NULL)
				return -1;
			p->caller = cs_town_new_caller(tw, &r);
			p->present33 = cs_rng_chance(&r, 0.1);
			p->patience = cs_town_patience(tw, &p->rng);
			if (path == P_DIRECT)
				p->agent = sv->first_agent +
				    (int)cs_rng_range(&r, 0, sv->nagents - 1);
			if (cs_rng_chance(&r, 0.03)) {
				p->misdial = 1;
				p->hangup_at = t + cs_rng_range(&r, 1, 5);
			}
			if (cs_town_push(tw, t, EV_ARRIVE, p, 0) != 0)
				return -1;
		}
	}

	/* staff calls, in the main service's working hours */
	if (tw->pub.nagents > 0 && !closedd) {
		int from[CS_HOURS_MAX], to[CS_HOURS_MAX];
		int n = cs_town_work_ranges(tw->pub.svc[tw->pub.main_svc].cfg, wday,
		    from, to);
		long total = 0;

		for (int i = 0; i < n; i++)
			total += to[i] - from[i];
		for (int kind = 0; kind < 2 && total > 0; kind++) {
			long k = cs_rng_poisson(&r, C * (kind ? 0.04 : 0.05) *
			    (double)total / 28800.0);

			for (long i = 0; i < k; i++) {
				long x = cs_rng_range(&r, 0, total - 1);
				int j = 0;
				struct pcall *p;
				int64_t t;

				while (x >= to[j] - from[j]) {
					x -= to[j] - from[j];
					j++;
				}
				t = cs_town_instant(day, from[j] + (int)x);
				if ((p = cs_town_pcall_new(tw, &r, kind ? P_OUTBOUND : P_INTERNAL,
				    tw->pub.main_svc, t)) == NULL)
					return -1;
				if (cs_rng_chance(&r, 0.7))
					p->agent = (int)cs_rng_range(&r, 0, tw->pub.nagents - 1);
				if (cs_town_push(tw, t, EV_ARRIVE, p, 0) != 0)
					return -1;
			}
		}
	}
	return 0;
}

int
cs_synth_run(const struct cs_synth_opts *o, const char *dir,
    struct cs_synth_stats *st, struct cs_error *err)
{
	struct town tw;
	struct cs_datetime dfrom, dto;
	int64_t t0[1];
	int rc = -1;

	memset(&tw, 0, sizeof(tw));
	memset(st, 0, sizeof(*st));
	tw.o = o;
	tw.st = st;
	tw.err = err;
	if (cs_date_parse(o->from, &dfrom) != 0 || cs_date_parse(o->to, &dto) != 0)
		return cs_error_set(err, "bad dates %s and %s", o->from, o->to);
	tw.first_day = (long)(cs_utc_from_datetime(&dfrom) / 86400);
	tw.last_day = (long)(cs_utc_from_datetime(&dto) / 86400);
	tw.end_instant = cs_town_instant(tw.last_day + 1, 0);
	t0[0] = cs_town_instant(tw.first_day, 0);
	cs_rng_seed(&tw.rng, cs_synth_mix(o->seed, 1));
	tw.chan = 100 + o->seed % 900;
	tw.pool = (long)(o->calls_per_day * 40);
	if (tw.pool < 200)
		tw.pool = 200;
	if (tw.pool > POOL_MAX)
		tw.pool = POOL_MAX;
	if (cs_town_setup(&tw, o) != 0)
		goto out;
	for (int i = 0; i < tw.pub.nagents; i++)
		tw.pub.agent[i].gen = t0[0];
	if ((o->pbx & CS_SYNTH_PBX_ASTERISK) && (tw.aw = cs_synth_asterisk_open(
	    &tw.pub, dir, o->columns, o->times_utc, t0[0], err)) == NULL)
		goto out;
	if ((o->pbx & CS_SYNTH_PBX_GENERIC) && (tw.gw = cs_synth_generic_open(
	    &tw.pub, dir, o->times_utc, err)) == NULL)
		goto out;
	if ((tw.tw = cs_synth_truth_open(&tw.pub, dir, err)) == NULL)
		goto out;
	if ((tw.bw = cs_synth_bot_open(&tw.pub, dir, o->columns, err)) == NULL)
		goto out;
	if ((tw.last_bot = calloc((size_t)tw.pool, sizeof(*tw.last_bot))) == NULL) {
		cs_error_set(err, "out of memory");
		goto out;
	}
	if (cs_town_push(&tw, cs_town_instant(tw.first_day, 0), EV_DAY, NULL,
	    tw.first_day) != 0) {
		cs_error_set(err, "out of memory");
		goto out;
	}
	while (tw.nev > 0) {
		struct event e = cs_town_pop(&tw);
		int r = 0;

		if ((tw.aw != NULL && cs_synth_asterisk_advance(tw.aw, e.time) != 0) ||
		    (tw.gw != NULL && cs_synth_generic_advance(tw.gw, e.time) != 0) ||
		    cs_synth_truth_advance(tw.tw, e.time - 4 * 3600) != 0 ||
		    cs_synth_bot_advance(tw.bw, e.time - 4 * 3600) != 0) {
			cs_error_set(err, "%s: write error", dir);
			goto out;
		}
		switch (e.type) {
		case EV_DAY:
			if (new_day(&tw, e.day) != 0) {
				cs_error_set(err, "out of memory");
				goto out;
			}
			if (e.day < tw.last_day && cs_town_push(&tw, cs_town_instant(e.day + 1, 0),
			    EV_DAY, NULL, e.day + 1) != 0) {
				cs_error_set(err, "out of memory");
				goto out;
			}
			break;
		case EV_ARRIVE:
			if (e.p->start >= tw.end_instant) {
				free(e.p);
				break;
			}
			r = cs_town_arrive(&tw, e.p, e.time);
			if (r == 0 || r < 0)
				free(e.p);
			break;
		case EV_QUEUE:
			r = cs_town_queue_enter(&tw, e.p, e.time);
			free(e.p);
			break;
		}
		if (r < 0)
			goto out;
	}
	rc = 0;
out:
	while (tw.nev > 0) {
		struct event e = cs_town_pop(&tw);

		free(e.p);
	}
	free(tw.ev);
	if (tw.aw != NULL && cs_synth_asterisk_close(tw.aw, st, rc == 0 ? err : NULL) != 0)
		rc = -1;
	if (tw.gw != NULL && cs_synth_generic_close(tw.gw, st, rc == 0 ? err : NULL) != 0)
		rc = -1;
	if (tw.tw != NULL && cs_synth_truth_close(tw.tw, st, rc == 0 ? err : NULL) != 0)
		rc = -1;
	if (tw.bw != NULL && cs_synth_bot_close(tw.bw, st, rc == 0 ? err : NULL) != 0)
		rc = -1;
	free(tw.last_bot);
	for (int s = 0; s < tw.pub.nsvc; s++)
		free(tw.pub.svc[s].waiting);
	free(tw.pub.svc);
	free(tw.pub.agent);
	return rc;
}

void
cs_synth_opts_init(struct cs_synth_opts *o)
{
	memset(o, 0, sizeof(*o));
	o->seed = 1;
	o->calls_per_day = 500;
	o->columns = 18;
	o->pbx = CS_SYNTH_PBX_ASTERISK;
	o->patience = 75;
	o->containment = 0.55;
	o->presence[0] = 0.6;
	o->presence[1] = 0.95;
	o->staffing = 1.3;
	o->withheld = 0.05;
}
