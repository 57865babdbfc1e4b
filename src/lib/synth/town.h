/*
 * town.h: the pieces of callstat-synth's town (town.c) that its files
 * share; internal to src/lib/synth, not for the rest of callstat.
 *
 *   town.c           the event loop: a day's new calls, then each event
 *                    in time order, until the period ends
 *   town_setup.c     the town from the configuration: services, agents,
 *                    the bot
 *   town_calendar.c  local days, instants, opening hours
 *   town_agents.c    when an agent is logged in and at the phone
 *   town_callers.c   the callers' numbers, and a call before it is decided
 *   town_arrive.c    what the phone system does with a call: the bot, a
 *                    queue, a direct line, staff calls
 *   town_outcome.c   a call's truth, and what its caller does next
 *   town_bot.c       the bot's session of a call it answered
 */
#ifndef CS_SYNTH_TOWN_H
#define CS_SYNTH_TOWN_H

#include <stdint.h>

#include "synth.h"

#define GRACE		300	/* agents finish the queue after closing */
#define MAX_FOLLOW	4	/* call-backs of call-backs... */
#define POOL_MAX	55000
#define BOT_APART	30	/* seconds between two calls of one caller
				   to the bot, at the least */

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

/* An event of the town, in its heap (town_events.c). */
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
	struct event *ev;		/* a heap (town.c) */
	size_t nev, capev;
	uint64_t evseq, chan, serial;
	long first_day, last_day;	/* days since 1970-01-01 (local dates) */
	int64_t end_instant;		/* local midnight after --to */
	int64_t golive;			/* 0: no bot */
	long pool;
	double total_share;
	struct cs_synth_asterisk *aw;	/* NULL: not written (--pbx) */
	struct cs_synth_generic *gw;
	struct cs_synth_truthw *tw;
	struct cs_synth_botw *bw;
	int64_t *last_bot;		/* per caller of the pool: when the
					   bot last took a call of theirs */
	struct cs_synth_stats *st;
	struct cs_error *err;
};

/* town.c: schedules an event (p's, or a day's); -1 when out of memory. */
int cs_town_push(struct town *tw, int64_t time, int type, struct pcall *p,
    long day);
/* The earliest event, taken off the heap (which is not empty). */
struct event cs_town_pop(struct town *tw);

/* town_setup.c */

/* The services, agents and bot of o->cfg into tw; -1 with tw->err set. */
int cs_town_setup(struct town *tw, const struct cs_synth_opts *o);
/* Writes the glob did with its trailing '?' replaced by the ext's digits. */
int cs_town_direct_did(const char *glob, const char *ext, char out[24]);

/* town_calendar.c: days are numbers of local dates since 1970-01-01. */

/* The day of instant t. */
long cs_town_day_of(int64_t t);
/* The local date of a day number (wday 0 Monday). */
void cs_town_date_of(long day, int *y, int *mo, int *d, int *wday);
/* The instant of a local time of day (seconds after midnight) on a day. */
int64_t cs_town_instant(long day, int secs);
/* 1 if the town hall is closed that day (holidays, closed days). */
int cs_town_closed_day(const struct town *tw, long day);
/* 1 if the service (town index) is open at t: its hours, holidays and
 * closed days, as callstat-kpi(7) counts "in hours". */
int cs_town_open(const struct town *tw, int s, int64_t t);
/* The working hours of a service on a weekday, into from[] and to[]
 * (CS_HOURS_MAX each); returns how many ranges. */
int cs_town_work_ranges(const struct cs_service *cs, int wday, int from[],
    int to[]);

/* town_agents.c */

/* The first moment at or after x, before limit, at which the agent's phone
 * is logged in (a working range of its service, present that day); -1. */
int64_t cs_town_agent_logged(struct town *tw, struct cs_synth_agent *a,
    int64_t x, int64_t limit);
/* The first moment at or after t at which the agent is at the phone. */
int64_t cs_town_agent_at_phone(struct town *tw, struct cs_synth_agent *a,
    int64_t t, int64_t now);
/* Seconds a phone rings before it is picked up. */
long cs_town_ring_delay(struct cs_rng *r);
/* Seconds of talk, around median. */
long cs_town_talk_time(struct cs_rng *r, double median);

/* town_callers.c */

/* The number of caller idx of the pool (ARCEP fiction ranges). */
void cs_town_caller_number(long idx, char out[24]);
/* A caller of the pool, drawn with r. */
long cs_town_new_caller(struct town *tw, struct cs_rng *r);
/* A new call, its PRNG seeded from parent; NULL when out of memory. */
struct pcall *cs_town_pcall_new(struct town *tw, struct cs_rng *parent,
    int path, int topic, int64_t start);
/* Seconds a caller waits in a queue before hanging up. */
double cs_town_patience(struct town *tw, struct cs_rng *r);
/* c, empty, for call p. */
void cs_town_call_init(struct town *tw, struct pcall *p,
    struct cs_synth_call *c);
/* The caller's presentation, and the truth's normalised number. */
void cs_town_present(struct town *tw, struct pcall *p,
    struct cs_synth_call *c);

/* town_arrive.c: each returns 0 (p done with), 1 (p scheduled again) or
 * -1 (tw->err set). */

/* Call p arrives at now. */
int cs_town_arrive(struct town *tw, struct pcall *p, int64_t now);
/* Call p enters its queue (p->queue) at now. */
int cs_town_queue_enter(struct town *tw, struct pcall *p, int64_t now);

/* town_bot.c */

/* c's session (c->sess, and c->console), if the bot answered c: its
 * events, how it names its call, and rule 3's service. */
void cs_town_bot_plan(struct town *tw, const struct pcall *p,
    struct cs_synth_call *c);

/* town_outcome.c */

/* Decides c's truth (inbound), hands it to the writers and schedules what
 * its caller does next.  Returns 0, or -1 with tw->err set. */
int cs_town_emit(struct town *tw, struct pcall *p, struct cs_synth_call *c);

#endif
