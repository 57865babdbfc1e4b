/*
 * town.c: the town behind callstat-synth.
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
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "match.h"
#include "readers/asterisk.h"
#include "privacy.h"
#include "synth.h"
#include "timeutil.h"

#define GRACE		300	/* agents finish the queue after closing */
#define MAX_FOLLOW	4	/* call-backs of call-backs... */
#define POOL_MAX	55000

enum path { P_MAIN, P_DID, P_DIRECT, P_INTERNAL, P_OUTBOUND };

/* A call in the simulation, before it is decided. */
struct pcall {
	int path;
	int topic;		/* town service the caller needs */
	int agent;		/* direct line or staff: agent index, -1 */
	long caller;		/* pool index; staff calls: -1 */
	int gen;		/* 0 a new call, 1 its first follow-up... */
	int64_t start;
	int64_t hangup_at;	/* a misdial: hangs up then, whatever happens */
	double patience;
	int present33;		/* the trunk writes the number as +33 */
	int misdial;
	/* set when the bot hands over */
	int64_t bot_answer, bot_end;
	uint64_t chan, bot_chan;
	int queue;		/* town service of the queue entered */
	int64_t record;		/* where the queue's first row starts */
	int preanswered;
	char outside[24];	/* outbound: the number called */
	struct cs_rng rng;
};

enum evtype { EV_DAY, EV_ARRIVE, EV_QUEUE };

struct event {
	int64_t time;
	uint64_t seq;
	int type;
	struct pcall *p;
	long day;
};

struct town {
	struct cs_synth_town pub;
	const struct cs_synth_opts *o;
	struct cs_rng rng;
	struct event *ev;
	size_t nev, capev;
	uint64_t evseq, chan, serial;
	long first_day, last_day;	/* days since 1970-01-01 (local dates) */
	int64_t end_instant;		/* local midnight after --to */
	int64_t golive;			/* 0: no bot */
	long pool;
	double total_share;
	struct cs_synth_asterisk *aw;
	struct cs_synth_truthw *tw;
	struct cs_synth_stats *st;
	struct cs_error *err;
	int failed;
};

static const struct {
	const char *prefix;
	int from, count;
} ranges[] = {
	/* ARCEP keeps these for fiction; 01 99 00 0x xx to 4x xx are left to
	 * the town's own numbers */
	{ "063998", 0, 10000 },
	{ "019900", 5000, 5000 },
	{ "026191", 0, 10000 },
	{ "035301", 0, 10000 },
	{ "046571", 0, 10000 },
	{ "053649", 0, 10000 },
};

static const char *const names[] = {
	"ATELIER EXEMPLE", "CABINET EXEMPLE", "BOULANGERIE EXEMPLE",
	"SCI EXEMPLE", "ECOLE EXEMPLE", "GARAGE EXEMPLE",
};

/* ---- calendar ---- */

static long
day_of(int64_t t)
{
	int y, mo, d, h, mi, s;
	struct cs_datetime dt = { 0 };

	cs_synth_local(t, &y, &mo, &d, &h, &mi, &s, NULL);
	dt.year = y;
	dt.mon = mo;
	dt.mday = d;
	return (long)(cs_utc_from_datetime(&dt) / 86400);
}

/* The local date of a day number. */
static void
date_of(long day, int *y, int *mo, int *d, int *wday)
{
	int h, mi, s;

	/* the UTC fields of noon of that day are its date */
	int64_t t = (int64_t)day * 86400 + 43200;

	cs_synth_local(t - cs_synth_offset(t), y, mo, d, &h, &mi, &s, wday);
}

/* The instant of a local time of day (seconds after midnight) on a day. */
static int64_t
instant(long day, int secs)
{
	int64_t guess = (int64_t)day * 86400 + secs;
	int64_t t = guess - cs_synth_offset(guess);

	/* the offset at the answer may differ (a DST change that day) */
	return guess - cs_synth_offset(t);
}

static int
closed_day(const struct town *tw, long day)
{
	int y, mo, d, wday;

	date_of(day, &y, &mo, &d, &wday);
	return cs_config_closed_day(tw->pub.cfg, y, mo, d);
}

/* 1 if the service (town index) is open at t: its hours, holidays and
 * closed days, as kpi.md's "in hours". */
static int
svc_open(const struct town *tw, int s, int64_t t)
{
	const struct cs_service *cs = tw->pub.svc[s].cfg;
	int y, mo, d, h, mi, sec, wday;

	cs_synth_local(t, &y, &mo, &d, &h, &mi, &sec, &wday);
	if (cs_config_closed_day(tw->pub.cfg, y, mo, d))
		return 0;
	if (!cs->has_hours)
		return 1;
	return cs_hours_open(&cs->hours, wday, h * 3600 + mi * 60 + sec);
}

/* The working hours of a service on a weekday: its opening hours, or office
 * hours for a service that is always open. */
static int
work_ranges(const struct cs_service *cs, int wday, int from[], int to[])
{
	int n = 0;

	if (!cs->has_hours) {
		if (wday >= 5)
			return 0;
		from[0] = 8 * 3600 + 1800;
		to[0] = 17 * 3600 + 1800;
		return 1;
	}
	for (int i = 0; i < cs->hours.n[wday] && n < CS_HOURS_MAX; i++, n++) {
		from[n] = cs->hours.r[wday][i].from;
		to[n] = cs->hours.r[wday][i].to;
	}
	return n;
}

/* ---- the event heap ---- */

static int
ev_before(const struct event *a, const struct event *b)
{
	return a->time < b->time || (a->time == b->time && a->seq < b->seq);
}

static int
ev_push(struct town *tw, int64_t time, int type, struct pcall *p, long day)
{
	struct event e = { time, tw->evseq++, type, p, day };
	size_t i;

	if (tw->nev == tw->capev) {
		size_t cap = tw->capev ? 2 * tw->capev : 4096;
		struct event *v = realloc(tw->ev, cap * sizeof(*v));

		if (v == NULL)
			return -1;
		tw->ev = v;
		tw->capev = cap;
	}
	for (i = tw->nev++; i > 0; ) {
		size_t up = (i - 1) / 2;

		if (!ev_before(&e, &tw->ev[up]))
			break;
		tw->ev[i] = tw->ev[up];
		i = up;
	}
	tw->ev[i] = e;
	return 0;
}

static struct event
ev_pop(struct town *tw)
{
	struct event top = tw->ev[0], last = tw->ev[--tw->nev];
	size_t i = 0;

	for (;;) {
		size_t c = 2 * i + 1;

		if (c >= tw->nev)
			break;
		if (c + 1 < tw->nev && ev_before(&tw->ev[c + 1], &tw->ev[c]))
			c++;
		if (!ev_before(&tw->ev[c], &last))
			break;
		tw->ev[i] = tw->ev[c];
		i = c;
	}
	if (tw->nev > 0)
		tw->ev[i] = last;
	return top;
}

/* ---- agents ---- */

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
static int64_t
agent_logged(struct town *tw, struct cs_synth_agent *a, int64_t x, int64_t limit)
{
	const struct cs_service *cs = tw->pub.svc[a->svc].cfg;
	int y, mo, d, h, mi, s, wday, from[CS_HOURS_MAX], to[CS_HOURS_MAX], n;
	long day;

	if (x >= limit)
		return -1;
	day = day_of(x);
	if (closed_day(tw, day) || agent_absent(tw, a, day))
		return -1;
	cs_synth_local(x, &y, &mo, &d, &h, &mi, &s, &wday);
	n = work_ranges(cs, wday, from, to);
	for (int i = 0; i < n; i++) {
		int64_t a0 = instant(day, from[i]), b0 = instant(day, to[i]) + GRACE;

		if (x >= a0 && x < b0)
			return x;
		if (x < a0)
			return a0 < limit ? a0 : -1;
	}
	return -1;
}

/* The first moment at or after t at which the agent is at the phone. */
static int64_t
agent_at_phone(struct town *tw, struct cs_synth_agent *a, int64_t t, int64_t now)
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

static long
ring_delay(struct cs_rng *r)
{
	long d = (long)cs_rng_lognormal(r, 7, 0.5);

	return d < 2 ? 2 : d > 45 ? 45 : d;
}

static long
talk_time(struct cs_rng *r, double median)
{
	long t = (long)cs_rng_lognormal(r, median, 0.7);

	return t < 8 ? 8 : t > 5400 ? 5400 : t;
}

/* ---- callers ---- */

static void
caller_number(long idx, char out[24])
{
	long p = (idx * 7919 + 13) % POOL_MAX;
	size_t r = 0;

	while (p >= ranges[r].count) {
		p -= ranges[r].count;
		r++;
	}
	snprintf(out, 24, "%s%04d", ranges[r].prefix, (int)(ranges[r].from + p) % 10000);
}

static int
caller_withheld(const struct town *tw, long idx)
{
	uint64_t h = cs_synth_mix(tw->o->seed ^ 0x3417ULL, (uint64_t)idx);

	return (double)(h >> 11) * 0x1.0p-53 < tw->o->withheld;
}

static const char *
caller_name(const struct town *tw, long idx, const char *number)
{
	uint64_t h = cs_synth_mix(tw->o->seed ^ 0x9a3eULL, (uint64_t)idx);

	if (number[1] == '6' || h % 100 >= 6)
		return "";
	return names[(h >> 8) % (sizeof(names) / sizeof(names[0]))];
}

static long
new_caller(struct town *tw, struct cs_rng *r)
{
	/* a few residents call often, most now and then */
	return (long)((double)tw->pool * pow(cs_rng_uniform(r), 1.6));
}

/* ---- building calls ---- */

static struct pcall *
pcall_new(struct town *tw, struct cs_rng *parent, int path, int topic,
    int64_t start)
{
	struct pcall *p = calloc(1, sizeof(*p));

	if (p == NULL)
		return NULL;
	p->path = path;
	p->topic = topic;
	p->agent = -1;
	p->caller = -1;
	p->queue = -1;
	p->start = start;
	cs_rng_seed(&p->rng, cs_rng_next(parent));
	return p;
}

static double
patience_of(struct town *tw, struct cs_rng *r)
{
	double mean = tw->o->patience, sigma = 0.8;
	double v = cs_rng_lognormal(r, mean / exp(sigma * sigma / 2), sigma);

	return v < 3 ? 3 : v > 1800 ? 1800 : v;
}

static void
call_init(struct town *tw, struct pcall *p, struct cs_synth_call *c)
{
	memset(c, 0, sizeof(*c));
	c->queue = -1;
	c->winner = -1;
	c->dial_agent = -1;
	c->start = p->start;
	c->serial = tw->serial++;
	c->truth.service = -1;
	c->truth.wait = c->truth.human_wait = c->truth.talk = -1;
	c->truth.abandon_wait = -1;
	c->name = "";
	c->dialled_svc = -1;
}

/* The caller's presentation, and the truth's normalised number. */
static void
present(struct town *tw, struct pcall *p, struct cs_synth_call *c)
{
	char num[24];

	c->dir = CS_SYNTH_INBOUND;
	c->chan = p->chan;
	if (caller_withheld(tw, p->caller)) {
		snprintf(c->number, sizeof(c->number), "anonymous");
		c->name = "Anonymous";
		c->truth.caller[0] = '\0';
		return;
	}
	caller_number(p->caller, num);
	c->name = caller_name(tw, p->caller, num);
	if (p->present33)
		snprintf(c->number, sizeof(c->number), "+33%.9s", num + 1);
	else
		snprintf(c->number, sizeof(c->number), "%s", num);
	cs_number_normalise(c->number, c->truth.caller, sizeof(c->truth.caller));
}

/* Writes the glob did with its trailing '?' replaced by the ext's digits. */
static int
direct_did(const char *glob, const char *ext, char out[24])
{
	size_t n = strlen(glob), q = 0, el = strlen(ext);

	if (n >= 24 || strchr(glob, '*') != NULL)
		return -1;
	while (q < n && glob[n - 1 - q] == '?')
		q++;
	if (q == 0 || q > el || memchr(glob, '?', n - q) != NULL)
		return -1;
	memcpy(out, glob, n - q);
	memcpy(out + n - q, ext + el - q, q);
	out[n] = '\0';
	return 0;
}

/* kpi.md's decision, from what the model knows happened. */
static void
decide(struct town *tw, struct cs_synth_call *c)
{
	const struct cs_config *cfg = tw->pub.cfg;
	struct cs_synth_truth *t = &c->truth;
	int64_t human = 0;
	const char *lost = NULL;
	int svc = -1;

	t->bot_answered = c->bot && c->bot_answer > 0;
	t->escalated = t->bot_answered && c->queue >= 0;
	t->needed_agent = c->queue >= 0 || (c->dial && c->dial_agent >= 0);
	if (c->queue >= 0 && c->q_exit == CS_SYNTH_Q_CONNECT)
		human = c->q_at;
	if (c->dial && c->d_result == CS_SYNTH_D_ANSWER)
		human = c->d_answer;

	if (human > 0) {
		t->outcome = "agent";
		t->wait = (long)((t->bot_answered ? c->bot_answer : human) - c->start);
		t->human_wait = (long)(human - (t->escalated ? c->bot_end : c->start));
		t->talk = (long)(c->end - human);
	} else if (t->bot_answered && !t->escalated) {
		t->outcome = "bot";
		t->wait = (long)(c->bot_answer - c->start);
	} else {
		if (c->queue >= 0)
			lost = c->q_exit == CS_SYNTH_Q_ABANDON ? "abandoned" : "missed";
		else if (c->dial) {
			long dur = (long)(c->d_end - c->start);

			/* config.md: a Dial's NO ANSWER reads as the caller's
			 * hang-up unless it lasted dial_timeout */
			if (c->d_result == CS_SYNTH_D_BUSY)
				lost = "missed";
			else
				lost = cfg->dial_timeout > 0 && dur >= cfg->dial_timeout ?
				    "missed" : "abandoned";
			if (c->vm)
				lost = "voicemail";
		} else if (c->bot) {
			long dur = (long)(c->bot_end - c->start);

			lost = cfg->dial_timeout > 0 && dur >= cfg->dial_timeout ?
			    "missed" : "abandoned";
		} else if (c->welcome_only) {
			/* the welcome leg as Asterisk writes it, and as the
			   rules see it */
			struct cs_ast_leg a;
			struct cs_leg v;
			struct cs_piece_buf pb;
			char file[96];

			snprintf(file, sizeof(file), "custom/bienvenue-%s",
			    tw->pub.svc[c->dialled_svc].cfg->name);
			memset(&a, 0, sizeof(a));
			a.dst = c->dialled;
			a.dcontext = "from-trunk";
			a.dstchannel = "";
			a.lastapp = "Playback";
			a.lastdata = file;
			cs_asterisk_leg(&a, &v, &pb);
			lost = cfg->welcome.n > 0 && cs_match_leg(&cfg->welcome, &v) ?
			    "abandoned" : "voicemail";
		} else
			lost = "voicemail";
		if (strcmp(lost, "abandoned") == 0) {
			if (c->end - c->start <= cfg->short_abandon)
				lost = "short";
			else
				t->abandon_wait = (long)(c->end - c->start);
		}
		t->outcome = lost;
	}

	/* where it belongs: queue, answering extension, dialled number */
	if (c->queue >= 0)
		svc = c->queue;
	else if (human > 0 && c->dial_agent >= 0)
		svc = tw->pub.agent[c->dial_agent].svc;
	else
		svc = c->dialled_svc;
	t->service = svc >= 0 ? tw->pub.svc[svc].index : -1;
	t->in_hours = svc >= 0 ? svc_open(tw, svc, c->start) : 1;
}

static int emit(struct town *tw, struct pcall *p, struct cs_synth_call *c);

/* A follow-up call of the same caller, delay seconds after the end. */
static int
follow(struct town *tw, struct pcall *p, int64_t at)
{
	struct pcall *q;

	if (p->gen >= MAX_FOLLOW || at >= tw->end_instant)
		return 0;
	if ((q = pcall_new(tw, &p->rng, p->path, p->topic, at)) == NULL)
		return -1;
	q->caller = p->caller;
	q->agent = p->agent;
	q->gen = p->gen + 1;
	q->present33 = p->present33;
	q->patience = patience_of(tw, &q->rng) * 1.2;	/* more determined */
	if (cs_rng_chance(&q->rng, 0.01)) {
		q->misdial = 1;
		q->hangup_at = at + cs_rng_range(&q->rng, 1, 5);
	}
	return ev_push(tw, at, EV_ARRIVE, q, 0);
}

/* Schedules what a caller does after a call ends this way. */
static int
after(struct town *tw, struct pcall *p, const struct cs_synth_call *c)
{
	const char *o = c->truth.outcome;
	struct cs_rng *r = &p->rng;
	int64_t at = 0;

	if (strcmp(o, "short") == 0) {
		if (cs_rng_chance(r, 0.6))
			at = c->end + cs_rng_range(r, 5, 90);
	} else if (strcmp(o, "abandoned") == 0 || strcmp(o, "missed") == 0) {
		if (cs_rng_chance(r, 0.6)) {
			double u = cs_rng_uniform(r);

			if (u < 0.5)
				at = c->end + 60 + (int64_t)cs_rng_exp(r, 900);
			else if (u < 0.8)
				at = c->end + 1800 + (int64_t)cs_rng_exp(r, 5400);
			else
				at = c->end + 57600 + (int64_t)cs_rng_exp(r, 36000);
		}
	} else if (strcmp(o, "voicemail") == 0) {
		if (cs_rng_chance(r, 0.35))
			at = c->end + 600 + (int64_t)cs_rng_exp(r, 50000);
	} else if (strcmp(o, "bot") == 0) {
		if (cs_rng_chance(r, 0.12))
			at = c->end + 300 + (int64_t)cs_rng_exp(r, 20000);
	} else if (cs_rng_chance(r, 0.07))
		at = c->end + 600 + (int64_t)cs_rng_exp(r, 36000);
	if (at > 0 && follow(tw, p, at) != 0)
		return -1;

	/* a message left: an agent of the service often calls back */
	if (c->vm && c->vm_end - c->vm_start >= 15 && cs_rng_chance(r, 0.5) &&
	    c->truth.caller[0] != '\0') {
		int s = c->dialled_svc;
		int64_t when = c->end + 1800 + (int64_t)cs_rng_exp(r, 10800);
		struct pcall *q;

		if (s >= 0 && tw->pub.svc[s].nagents > 0 && when < tw->end_instant &&
		    svc_open(tw, s, when)) {
			if ((q = pcall_new(tw, r, P_OUTBOUND, s, when)) == NULL)
				return -1;
			snprintf(q->outside, sizeof(q->outside), "%s", c->truth.caller);
			q->agent = tw->pub.svc[s].first_agent +
			    (int)cs_rng_range(r, 0, tw->pub.svc[s].nagents - 1);
			if (ev_push(tw, when, EV_ARRIVE, q, 0) != 0)
				return -1;
		}
	}
	return 0;
}

/* A closed message, or the service's voicemail box, and nothing else. */
static int
closed(struct town *tw, struct pcall *p, struct cs_synth_call *c, int s)
{
	struct cs_synth_service *sv = &tw->pub.svc[s];
	int64_t end;

	c->closed_msg = sv->voicemail ? 2 : 1;
	if (sv->voicemail)
		end = c->start + 9 + (cs_rng_chance(&p->rng, 0.6) ?
		    (int64_t)cs_rng_lognormal(&p->rng, 25, 0.5) : cs_rng_range(&p->rng, 0, 8));
	else
		end = c->start + (cs_rng_chance(&p->rng, 0.7) ? 14 :
		    cs_rng_range(&p->rng, 1, 13));
	if (p->hangup_at > 0 && p->hangup_at < end)
		end = p->hangup_at;
	c->end = end;
	return emit(tw, p, c);
}

static int
emit(struct town *tw, struct pcall *p, struct cs_synth_call *c)
{
	if (c->dir == CS_SYNTH_INBOUND)
		decide(tw, c);
	if (cs_synth_asterisk_put(tw->aw, c) != 0 || cs_synth_truth_put(tw->tw, c) != 0)
		return cs_error_set(tw->err, "out of memory");
	tw->st->calls++;
	if (c->dir == CS_SYNTH_INBOUND) {
		tw->st->inbound++;
		if (p->caller >= 0 && after(tw, p, c) != 0)
			return cs_error_set(tw->err, "out of memory");
	}
	return 0;
}

/* ---- the queue ---- */

static int
queue_enter(struct town *tw, struct pcall *p, int64_t now)
{
	struct cs_synth_service *sv = &tw->pub.svc[p->queue];
	struct cs_synth_member m[CS_SYNTH_MAXRING];
	int who[CS_SYNTH_MAXRING], nm = 0, pos = 1;
	struct cs_synth_qresult res;
	struct cs_synth_call c;
	long patience;
	int64_t limit, ringend;

	call_init(tw, p, &c);
	present(tw, p, &c);
	c.dialled_svc = p->path == P_MAIN ? tw->pub.main_svc : p->topic;
	snprintf(c.dialled, sizeof(c.dialled), "%s", tw->pub.svc[c.dialled_svc].did);
	if (p->bot_chan != 0) {
		c.bot = 1;
		c.bot_chan = p->bot_chan;
		c.bot_answer = p->bot_answer;
		c.bot_end = p->bot_end;
	}
	if (p->path == P_DID) {
		c.welcome = 1;
		c.welcome_end = now;
	}
	c.queue = p->queue;
	c.q_enter = now;
	patience = (long)p->patience;
	if (p->hangup_at > 0)
		patience = p->hangup_at > now ? (long)(p->hangup_at - now) : 0;
	limit = now + (patience < sv->timeout ? patience : sv->timeout);

	for (int i = 0; i < sv->nagents && nm < CS_SYNTH_MAXRING; i++) {
		int ai = sv->first_agent + i;
		struct cs_synth_agent *a = &tw->pub.agent[ai];
		int64_t x = a->free_at > now ? a->free_at : now;
		int64_t d;

		/* logged in today at all: else the queue does not count it */
		if (agent_logged(tw, a, now, now + 4 * 3600) < 0 && a->free_at <= now)
			continue;
		d = agent_logged(tw, a, x, limit);
		who[nm] = ai;
		m[nm].dial = d;
		m[nm].pick = d < 0 ? -1 :
		    agent_at_phone(tw, a, d, now) + ring_delay(&p->rng);
		nm++;
	}
	cs_synth_queue_resolve(m, nm, now, patience, sv->timeout, &res);
	c.q_exit = res.exit;
	c.q_at = res.at;

	/* position: callers of this queue still waiting */
	{
		int k = 0;

		for (int i = 0; i < sv->nwaiting; i++)
			if (sv->waiting[i] > now)
				sv->waiting[k++] = sv->waiting[i];
		sv->nwaiting = k;
		pos = k + 1;
		if (sv->nwaiting == sv->capwaiting) {
			int cap = sv->capwaiting ? 2 * sv->capwaiting : 16;
			int64_t *w = realloc(sv->waiting, (size_t)cap * sizeof(*w));

			if (w == NULL)
				return cs_error_set(tw->err, "out of memory");
			sv->waiting = w;
			sv->capwaiting = cap;
		}
		sv->waiting[sv->nwaiting++] = res.at;
	}
	c.q_pos = pos;

	ringend = res.at;
	for (int i = 0; i < nm; i++) {
		struct cs_synth_ring *r;

		if (m[i].dial < 0 || m[i].dial >= ringend)
			continue;
		if (m[i].dial == ringend && !(res.exit == CS_SYNTH_Q_CONNECT &&
		    res.member == i))
			continue;
		r = &c.ring[c.nring];
		r->agent = who[i];
		r->dial = m[i].dial;
		r->end = ringend;
		r->answer = 0;
		r->chan = tw->chan++;
		if (res.exit == CS_SYNTH_Q_CONNECT && res.member == i)
			c.winner = c.nring;
		c.nring++;
	}
	if (res.exit == CS_SYNTH_Q_CONNECT) {
		struct cs_synth_ring *r = &c.ring[c.winner];
		struct cs_synth_agent *a = &tw->pub.agent[r->agent];

		r->answer = res.at;
		c.end = res.at + talk_time(&p->rng, sv->talk_median);
		r->end = c.end;
		c.q_agent_hangs_up = cs_rng_chance(&p->rng, 0.4);
		a->free_at = c.end + cs_rng_range(&p->rng, 10, 60);
	} else
		c.end = res.at;
	return emit(tw, p, &c);
}

/* ---- arrivals ---- */

static int
arrive_direct(struct town *tw, struct pcall *p, int64_t now)
{
	struct cs_synth_call c;
	struct cs_synth_agent *a = &tw->pub.agent[p->agent];
	struct cs_synth_service *sv = &tw->pub.svc[a->svc];
	const struct cs_config *cfg = tw->pub.cfg;
	int64_t pick = -1, hang = INT64_MAX;
	int timeout = sv->voicemail ? 20 : cfg->dial_timeout > 0 ? cfg->dial_timeout : 30;

	call_init(tw, p, &c);
	present(tw, p, &c);
	c.dialled_svc = a->svc;
	direct_did(sv->direct, a->ext, c.dialled);
	c.dial = 1;
	c.dial_agent = p->agent;
	c.d_timeout = timeout;
	c.d_chan = tw->chan++;
	if (p->hangup_at > 0)
		hang = p->hangup_at;
	else if (cs_rng_chance(&p->rng, 0.15))
		hang = now + cs_rng_range(&p->rng, 6, timeout + 10);
	if (agent_logged(tw, a, now, now + 1) == now && a->free_at > now) {
		c.d_result = CS_SYNTH_D_BUSY;
		c.d_end = now + cs_rng_range(&p->rng, 0, 1);
	} else {
		if (agent_logged(tw, a, now, now + 1) == now &&
		    cs_rng_chance(&p->rng, 0.9))
			pick = agent_at_phone(tw, a, now, now) + ring_delay(&p->rng);
		if (pick >= 0 && pick < now + timeout && pick < hang) {
			c.d_result = CS_SYNTH_D_ANSWER;
			c.d_answer = pick;
			c.d_end = pick + talk_time(&p->rng, sv->talk_median * 0.8);
			a->free_at = c.d_end + cs_rng_range(&p->rng, 5, 40);
		} else if (hang < now + timeout) {
			c.d_result = CS_SYNTH_D_CANCEL;
			c.d_end = hang;
		} else {
			c.d_result = CS_SYNTH_D_NOANSWER;
			c.d_end = now + timeout;
		}
	}
	c.end = c.d_end;
	if (sv->voicemail && (c.d_result == CS_SYNTH_D_BUSY ||
	    c.d_result == CS_SYNTH_D_NOANSWER)) {
		c.vm = 1;
		c.vm_start = c.d_end;
		c.vm_end = c.vm_start + (cs_rng_chance(&p->rng, 0.7) ?
		    8 + (int64_t)cs_rng_lognormal(&p->rng, 20, 0.5) :
		    cs_rng_range(&p->rng, 1, 8));
		c.end = c.vm_end;
	}
	return emit(tw, p, &c);
}

/* Staff: an internal call to a colleague, or a call out. */
static int
arrive_staff(struct town *tw, struct pcall *p, int64_t now)
{
	struct cs_synth_call c;
	struct cs_synth_agent *from = NULL, *to = NULL;
	const char *lo = NULL;
	long talk;

	call_init(tw, p, &c);
	c.dir = p->path == P_INTERNAL ? CS_SYNTH_INTERNAL : CS_SYNTH_OUTBOUND;
	c.chan = tw->chan++;
	if (p->agent >= 0)
		from = &tw->pub.agent[p->agent];
	if (from != NULL && from->free_at > now)
		from = NULL;
	if (from == NULL) {
		/* a colleague of the back office */
		for (size_t i = 0; i < tw->pub.cfg->internal.n && lo == NULL; i++)
			if (tw->pub.cfg->internal.t[i].kind == CS_TERM_EXT)
				lo = "";
		if (lo == NULL)
			return 0;
		for (size_t i = 0; i < tw->pub.cfg->internal.n; i++) {
			const struct cs_term *t = &tw->pub.cfg->internal.t[i];

			if (t->kind == CS_TERM_EXT) {
				long span = t->range ? t->hi - t->lo : 0;

				snprintf(c.from_ext, sizeof(c.from_ext), "%ld", t->lo +
				    cs_rng_range(&p->rng, 0, span < 30 ? span : 30));
				break;
			}
		}
	} else
		snprintf(c.from_ext, sizeof(c.from_ext), "%s", from->ext);
	snprintf(c.number, sizeof(c.number), "%s", c.from_ext);
	c.dial = 1;
	c.d_chan = tw->chan++;
	if (c.dir == CS_SYNTH_INTERNAL) {
		int ai = (int)cs_rng_range(&p->rng, 0, tw->pub.nagents - 1);

		to = &tw->pub.agent[ai];
		if (strcmp(to->ext, c.from_ext) == 0)
			return 0;
		c.dial_agent = ai;
		snprintf(c.dialled, sizeof(c.dialled), "%s", to->ext);
		c.d_timeout = 30;
		if (to->free_at > now) {
			c.d_result = CS_SYNTH_D_BUSY;
			c.d_end = now + 1;
		} else if (cs_rng_chance(&p->rng, 0.8)) {
			c.d_result = CS_SYNTH_D_ANSWER;
			c.d_answer = now + cs_rng_range(&p->rng, 2, 15);
			talk = talk_time(&p->rng, 70);
			c.d_end = c.d_answer + talk;
			to->free_at = c.d_end;
		} else {
			c.d_result = CS_SYNTH_D_NOANSWER;
			c.d_end = now + 30;
		}
	} else {
		if (p->outside[0] != '\0')
			snprintf(c.dialled, sizeof(c.dialled), "%s", p->outside);
		else
			caller_number(new_caller(tw, &p->rng), c.dialled);
		c.d_timeout = 60;
		if (cs_rng_chance(&p->rng, 0.7)) {
			c.d_result = CS_SYNTH_D_ANSWER;
			c.d_answer = now + cs_rng_range(&p->rng, 4, 25);
			c.d_end = c.d_answer + talk_time(&p->rng, 110);
		} else if (cs_rng_chance(&p->rng, 0.15)) {
			c.d_result = CS_SYNTH_D_BUSY;
			c.d_end = now + cs_rng_range(&p->rng, 1, 3);
		} else {
			c.d_result = CS_SYNTH_D_NOANSWER;
			c.d_end = now + cs_rng_range(&p->rng, 15, 60);
		}
	}
	c.end = c.d_end;
	if (from != NULL && c.d_end > from->free_at)
		from->free_at = c.d_end;
	snprintf(c.truth.caller, sizeof(c.truth.caller), "%s", c.from_ext);
	return emit(tw, p, &c);
}

static double
containment_of(const struct town *tw, int topic)
{
	static const double adj[] = { 0, 0.1, 0.05, -0.2, 0.05, -0.25 };
	double c = tw->o->containment + adj[tw->pub.svc[topic].kind];

	return c < 0 ? 0 : c > 1 ? 1 : c;
}

static int
arrive(struct town *tw, struct pcall *p, int64_t now)
{
	struct cs_synth_call c;
	int ms = tw->pub.main_svc;

	if (p->path == P_INTERNAL || p->path == P_OUTBOUND)
		return arrive_staff(tw, p, now);
	p->chan = tw->chan++;
	if (p->path == P_DIRECT)
		return arrive_direct(tw, p, now);

	call_init(tw, p, &c);
	present(tw, p, &c);
	if (p->path == P_MAIN) {
		c.dialled_svc = ms;
		snprintf(c.dialled, sizeof(c.dialled), "%s", tw->pub.svc[ms].did);
		if (tw->golive > 0 && now >= tw->golive) {
			int64_t ans = now + cs_rng_range(&p->rng, 1, 2), h;
			int esc = !cs_rng_chance(&p->rng, containment_of(tw, p->topic));
			int target = -1;

			c.bot = 1;
			c.bot_chan = tw->chan++;
			if (p->hangup_at > 0 && p->hangup_at < ans) {
				c.bot_answer = 0;
				c.bot_end = c.end = p->hangup_at;
				return emit(tw, p, &c);
			}
			c.bot_answer = ans;
			h = ans + (int64_t)cs_rng_lognormal(&p->rng, esc ? 50 : 75, 0.6);
			if (h > ans + 1800)
				h = ans + 1800;
			if (p->hangup_at > 0) {
				c.bot_end = c.end = p->hangup_at;
				return emit(tw, p, &c);
			}
			if (esc) {
				if (tw->pub.svc[p->topic].queue[0] != '\0' &&
				    svc_open(tw, p->topic, h))
					target = p->topic;
				else if (svc_open(tw, ms, h))
					target = ms;
			}
			if (target < 0) {
				c.bot_end = c.end = h;
				return emit(tw, p, &c);
			}
			p->bot_chan = c.bot_chan;
			p->bot_answer = ans;
			p->bot_end = h;
			p->queue = target;
			p->preanswered = 1;
			p->record = h;
			return ev_push(tw, h, EV_QUEUE, p, 0) == 0 ? 1 :
			    cs_error_set(tw->err, "out of memory");
		}
		if (!svc_open(tw, ms, now))
			return closed(tw, p, &c, ms);
		p->queue = ms;
		p->record = now;
		return queue_enter(tw, p, now);
	}
	/* a service's own number: welcome, then its queue */
	c.dialled_svc = p->topic;
	snprintf(c.dialled, sizeof(c.dialled), "%s", tw->pub.svc[p->topic].did);
	if (!svc_open(tw, p->topic, now))
		return closed(tw, p, &c, p->topic);
	{
		int64_t w = now + 4 + (tw->pub.svc[p->topic].index % 4);
		int64_t quit = p->hangup_at;

		if (quit == 0 && cs_rng_chance(&p->rng, 0.02))
			quit = now + cs_rng_range(&p->rng, 1, w - now - 1);
		if (quit > 0 && quit < w) {
			c.welcome = 1;
			c.welcome_only = 1;
			c.welcome_end = c.end = quit;
			return emit(tw, p, &c);
		}
		p->queue = p->topic;
		p->preanswered = 1;
		p->record = now;
		return ev_push(tw, w, EV_QUEUE, p, 0) == 0 ? 1 :
		    cs_error_set(tw->err, "out of memory");
	}
}

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
	date_of(day, &y, &mo, &d, &wday);
	closedd = cs_config_closed_day(tw->pub.cfg, y, mo, d);
	for (int s = 0; s < 48; s++) {
		acc += cs_synth_slot_weight(wday, closedd, s);
		cum[s] = acc;
	}
	base = cs_synth_day_factor(y, mo, d, wday, closedd);
	if (!closedd && wday < 5 && closed_day(tw, day - 1))
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
			int64_t t = instant(day, slot * 1800 + (int)cs_rng_range(&r, 0, 1799));
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
			if ((p = pcall_new(tw, &r, path, s, t)) == NULL)
				return -1;
			p->caller = new_caller(tw, &r);
			p->present33 = cs_rng_chance(&r, 0.1);
			p->patience = patience_of(tw, &p->rng);
			if (path == P_DIRECT)
				p->agent = sv->first_agent +
				    (int)cs_rng_range(&r, 0, sv->nagents - 1);
			if (cs_rng_chance(&r, 0.03)) {
				p->misdial = 1;
				p->hangup_at = t + cs_rng_range(&r, 1, 5);
			}
			if (ev_push(tw, t, EV_ARRIVE, p, 0) != 0)
				return -1;
		}
	}

	/* staff calls, in the main service's working hours */
	if (tw->pub.nagents > 0 && !closedd) {
		int from[CS_HOURS_MAX], to[CS_HOURS_MAX];
		int n = work_ranges(tw->pub.svc[tw->pub.main_svc].cfg, wday, from, to);
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
				t = instant(day, from[j] + (int)x);
				if ((p = pcall_new(tw, &r, kind ? P_OUTBOUND : P_INTERNAL,
				    tw->pub.main_svc, t)) == NULL)
					return -1;
				if (cs_rng_chance(&r, 0.7))
					p->agent = (int)cs_rng_range(&r, 0, tw->pub.nagents - 1);
				if (ev_push(tw, t, EV_ARRIVE, p, 0) != 0)
					return -1;
			}
		}
	}
	return 0;
}

/* ---- the town from the configuration ---- */

static const char *
first_term(const struct cs_match *m, enum cs_term_kind kind, int literal)
{
	for (size_t i = 0; i < m->n; i++)
		if (m->t[i].kind == kind && (!literal ||
		    strpbrk(m->t[i].value, "*?[") == NULL))
			return m->t[i].value;
	return NULL;
}

static double
default_share(enum cs_synth_kind k)
{
	static const double share[] = { 0.10, 0.40, 0.22, 0.12, 0.12, 0.14 };

	return share[k];
}

static double
default_talk(enum cs_synth_kind k)
{
	static const double talk[] = { 150, 95, 165, 250, 140, 280 };

	return talk[k];
}

/* Seconds a service is open on an ordinary Tuesday (or office hours). */
static long
open_secs(const struct cs_service *cs)
{
	int from[CS_HOURS_MAX], to[CS_HOURS_MAX];
	int n = work_ranges(cs, 1, from, to);
	long t = 0;

	for (int i = 0; i < n; i++)
		t += to[i] - from[i];
	return t > 0 ? t : 25200;
}

static int
setup(struct town *tw, const struct cs_synth_opts *o)
{
	const struct cs_config *cfg = o->cfg;
	struct cs_synth_town *pt = &tw->pub;
	int nag = 0;

	pt->cfg = cfg;
	pt->commune = cfg->name != NULL && cfg->name[0] != '\0' ? cfg->name : "Mairie";
	pt->main_svc = -1;
	if ((pt->svc = calloc(cfg->nservices + 1, sizeof(*pt->svc))) == NULL)
		return cs_error_set(tw->err, "out of memory");
	for (size_t i = 0; i < cfg->nservices; i++) {
		const struct cs_service *cs = &cfg->services[i];
		struct cs_synth_service *sv = &pt->svc[pt->nsvc];
		const char *v;

		sv->cfg = cs;
		sv->index = (int)i;
		sv->kind = cs_synth_kind_of(cs->name);
		sv->share = default_share(sv->kind);
		sv->talk_median = default_talk(sv->kind);
		sv->timeout = 120;
		if ((v = first_term(&cs->match, CS_TERM_DID, 1)) != NULL) {
			if (cs_config_service_by(cfg, CS_TERM_DID, v) != (int)i)
				return cs_error_set(tw->err, "service %s: its number %s "
				    "belongs to an earlier service", cs->name, v);
			snprintf(sv->did, sizeof(sv->did), "%s", v);
		}
		for (size_t k = 0; k < cs->match.n; k++) {
			const struct cs_term *t = &cs->match.t[k];

			if (t->kind == CS_TERM_DID && strchr(t->value, '?') != NULL &&
			    direct_did(t->value, "0000000000", sv->direct) == 0) {
				snprintf(sv->direct, sizeof(sv->direct), "%s", t->value);
				break;
			}
		}
		if ((v = first_term(&cs->match, CS_TERM_QUEUE, 1)) != NULL) {
			if (cs_config_service_by(cfg, CS_TERM_QUEUE, v) != (int)i)
				return cs_error_set(tw->err, "service %s: queue %s "
				    "belongs to an earlier service", cs->name, v);
			snprintf(sv->queue, sizeof(sv->queue), "%s", v);
		}
		/* every service with a number takes calls; the first with
		 * a number and a queue is the main number */
		if (pt->main_svc < 0 && sv->did[0] != '\0' && sv->queue[0] != '\0')
			pt->main_svc = pt->nsvc;
		sv->voicemail = pt->nsvc != 0 && (i % 2 == 1);
		pt->nsvc++;
	}
	if (pt->main_svc < 0)
		return cs_error_set(tw->err, "%s: no service has both a did: number "
		    "and a queue: to be the town's main number", cfg->path);
	pt->svc[pt->main_svc].voicemail = 0;
	pt->svc[pt->main_svc].share += 0.05;
	for (int s = 0; s < pt->nsvc; s++)
		tw->total_share += pt->svc[s].share;

	/* agents: enough for the expected load of a busy morning */
	for (int s = 0; s < pt->nsvc; s++) {
		struct cs_synth_service *sv = &pt->svc[s];
		double calls = o->calls_per_day * sv->share / tw->total_share * 1.25;
		double aht = sv->talk_median * 1.28 + 45;
		double erl = calls * aht / (double)open_secs(sv->cfg) * 1.8;
		int want = o->agents > 0 ? o->agents : (int)ceil(erl * o->staffing);

		if (want < 1)
			want = 1;
		if (want > CS_SYNTH_MAXRING)
			want = CS_SYNTH_MAXRING;
		sv->nagents = want;
	}
	for (int s = 0; s < pt->nsvc; s++)
		nag += pt->svc[s].nagents;
	if ((pt->agent = calloc((size_t)nag + 1, sizeof(*pt->agent))) == NULL)
		return cs_error_set(tw->err, "out of memory");
	for (int s = 0; s < pt->nsvc; s++) {
		struct cs_synth_service *sv = &pt->svc[s];
		const struct cs_term *range = NULL;
		int got = 0;

		for (size_t k = 0; k < sv->cfg->match.n && range == NULL; k++)
			if (sv->cfg->match.t[k].kind == CS_TERM_EXT)
				range = &sv->cfg->match.t[k];
		sv->first_agent = pt->nagents;
		if (range == NULL || sv->queue[0] == '\0') {
			sv->nagents = 0;
			sv->direct[0] = '\0';
			continue;
		}
		for (long e = range->range ? range->lo : range->lo;
		    e <= (range->range ? range->hi : range->lo) && got < sv->nagents; e++) {
			char ext[16];
			struct cs_synth_agent *a = &pt->agent[pt->nagents];

			if (range->range && e % 100 == 0 && e < range->hi)
				continue;	/* 2100 is no one's phone */
			snprintf(ext, sizeof(ext), "%ld", e);
			if (cs_config_service_by(cfg, CS_TERM_EXT, ext) != sv->index)
				continue;
			snprintf(a->ext, sizeof(a->ext), "%s", ext);
			a->svc = s;
			a->absent_day = -1;
			cs_rng_seed(&a->rng, cs_synth_mix(o->seed ^ 0xa9e47ULL,
			    (uint64_t)pt->nagents));
			if (sv->direct[0] != '\0') {
				char did[24];

				if (direct_did(sv->direct, ext, did) != 0 ||
				    cs_config_service_by(cfg, CS_TERM_DID, did) != sv->index)
					sv->direct[0] = '\0';
			}
			pt->nagents++;
			got++;
		}
		sv->nagents = got;
		if (got == 0)
			sv->direct[0] = '\0';
	}

	/* the bot: how its legs look, from [bot] match */
	if (cfg->bot.n > 0 && cfg->go_live[0] != '\0') {
		const char *ch = first_term(&cfg->bot, CS_TERM_CHANNEL, 0);
		const char *app = first_term(&cfg->bot, CS_TERM_APP, 1);
		struct cs_datetime dt;
		int64_t t[2];

		if (ch != NULL) {
			size_t n = strcspn(ch, "*?[");

			snprintf(pt->bot_chan, sizeof(pt->bot_chan), "%.*s", (int)n, ch);
			snprintf(pt->bot_data, sizeof(pt->bot_data), "%.*s",
			    (int)(n > 0 && ch[n - 1] == '-' ? n - 1 : n), ch);
			snprintf(pt->bot_app, sizeof(pt->bot_app), "Dial");
		} else if (app != NULL) {
			snprintf(pt->bot_app, sizeof(pt->bot_app), "%s", app);
			snprintf(pt->bot_data, sizeof(pt->bot_data),
			    "40325ec2-5efd-4bd3-805f-53576e581d13,bot:9092");
		} else
			return cs_error_set(tw->err, "%s: [bot] match needs a channel: "
			    "or app: term for synth to draw the bot's legs", cfg->path);
		if (cs_date_parse(cfg->go_live, &dt) != 0)
			return cs_error_set(tw->err, "bad go_live '%s'", cfg->go_live);
		cs_local_to_utc(&dt, t);
		tw->golive = t[0];
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
	tw.end_instant = instant(tw.last_day + 1, 0);
	t0[0] = instant(tw.first_day, 0);
	cs_rng_seed(&tw.rng, cs_synth_mix(o->seed, 1));
	tw.chan = 100 + o->seed % 900;
	tw.pool = (long)(o->calls_per_day * 40);
	if (tw.pool < 200)
		tw.pool = 200;
	if (tw.pool > POOL_MAX)
		tw.pool = POOL_MAX;
	if (setup(&tw, o) != 0)
		goto out;
	for (int i = 0; i < tw.pub.nagents; i++)
		tw.pub.agent[i].gen = t0[0];
	if ((tw.aw = cs_synth_asterisk_open(&tw.pub, dir, o->columns, o->times_utc,
	    t0[0], err)) == NULL)
		goto out;
	if ((tw.tw = cs_synth_truth_open(&tw.pub, dir, err)) == NULL)
		goto out;
	if (ev_push(&tw, instant(tw.first_day, 0), EV_DAY, NULL, tw.first_day) != 0) {
		cs_error_set(err, "out of memory");
		goto out;
	}
	while (tw.nev > 0) {
		struct event e = ev_pop(&tw);
		int r = 0;

		if (cs_synth_asterisk_advance(tw.aw, e.time) != 0 ||
		    cs_synth_truth_advance(tw.tw, e.time - 4 * 3600) != 0) {
			cs_error_set(err, "%s: write error", dir);
			goto out;
		}
		switch (e.type) {
		case EV_DAY:
			if (new_day(&tw, e.day) != 0) {
				cs_error_set(err, "out of memory");
				goto out;
			}
			if (e.day < tw.last_day && ev_push(&tw, instant(e.day + 1, 0),
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
			r = arrive(&tw, e.p, e.time);
			if (r == 0 || r < 0)
				free(e.p);
			break;
		case EV_QUEUE:
			r = queue_enter(&tw, e.p, e.time);
			free(e.p);
			break;
		}
		if (r < 0)
			goto out;
	}
	rc = 0;
out:
	while (tw.nev > 0) {
		struct event e = ev_pop(&tw);

		free(e.p);
	}
	free(tw.ev);
	if (tw.aw != NULL && cs_synth_asterisk_close(tw.aw, st, rc == 0 ? err : NULL) != 0)
		rc = -1;
	if (tw.tw != NULL && cs_synth_truth_close(tw.tw, st, rc == 0 ? err : NULL) != 0)
		rc = -1;
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
	o->patience = 75;
	o->containment = 0.55;
	o->presence[0] = 0.6;
	o->presence[1] = 0.95;
	o->staffing = 1.3;
	o->withheld = 0.05;
}
