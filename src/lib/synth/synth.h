/*
 * synth.h: callstat-synth's town, a model of who calls a town hall, when,
 * and what the telephone system did with each call; and the writers that
 * turn each modelled call into the files a PBX would have written.
 *
 * The model (town.c and the town_*.c files, town.h) knows nothing of file
 * formats: it produces one struct cs_synth_call per call, in PBX-neutral
 * terms (the bot answered at t, the caller entered the queue at t, these
 * phones rang from t to t', the agent picked up at t''...), and the ground
 * truth of that call (struct cs_synth_truth) as callstat-kpi(7) defines
 * it, decided from what the model knows happened, never from the files.  The writers (write_asterisk.c,
 * write_truth.c, and write_bot.c for the bot's sessions that town_bot.c
 * plans) turn calls into lines.  Everything is deterministic: one
 * PRNG (rng.c) seeded from --seed, no rand(), no clock.
 *
 * Memory stays constant whatever the period: calls are simulated in time
 * order, a day's arrivals at a time, and each writer keeps only the lines
 * of the calls still in progress, in a heap ordered by when Asterisk would
 * have written them (Master.csv: the end of the call; queue_log: the
 * event's time).
 */
#ifndef CS_SYNTH_H
#define CS_SYNTH_H

#include <stdint.h>
#include <stdio.h>

#include "config.h"
#include "error.h"
#include "rng.h"

/* ---- the draws from the library's generator (rng.h) ---- */

/* A 64-bit mix of two values (to derive a seed per day, per agent...). */
uint64_t cs_synth_mix(uint64_t a, uint64_t b);
/* Uniform integer in [lo, hi]. */
long cs_rng_range(struct cs_rng *r, long lo, long hi);
/* 1 with probability p. */
int cs_rng_chance(struct cs_rng *r, double p);
double cs_rng_exp(struct cs_rng *r, double mean);
/* Standard normal (Box-Muller, one value per call). */
double cs_rng_normal(struct cs_rng *r);
/* Log-normal with the given median and shape sigma. */
double cs_rng_lognormal(struct cs_rng *r, double median, double sigma);
/* Poisson-distributed count (inversion below 30, normal above). */
long cs_rng_poisson(struct cs_rng *r, double lambda);

/* ---- the shape of a town's calls over time ---- */

/* What a service is, guessed from its name, for its seasons and talk. */
enum cs_synth_kind {
	CS_SYNTH_GENERIC, CS_SYNTH_ACCUEIL, CS_SYNTH_ETAT_CIVIL,
	CS_SYNTH_URBANISME, CS_SYNTH_SCOLAIRE, CS_SYNTH_SOCIAL
};

enum cs_synth_kind cs_synth_kind_of(const char *service_name);

/*
 * The town's call volume on a local date relative to an ordinary Tuesday of
 * February: weekday (wday 0 Monday .. 6 Sunday), month (a low August, a
 * quiet end of December), public holidays and the day after one.  closed is
 * 1 on a holiday or closed day.
 */
double cs_synth_day_factor(int year, int mon, int mday, int wday, int closed);

/* The extra factor of one kind of service on a date: the September school
 * rush, passports in spring and elections for etat-civil, and so on. */
double cs_synth_season(enum cs_synth_kind kind, int year, int mon, int mday);

/*
 * The relative rate of calls in the half hour slot (0 = 00:00-00:30 .. 47)
 * of a day: busy mornings (Monday's the busiest), a lunch dip, quiet
 * evenings and nights; weekends and closed days are flat and low.
 */
double cs_synth_slot_weight(int wday, int closed, int slot);

/* ---- one queue attempt ---- */

/* A queue member, as a caller entering the queue finds it. */
struct cs_synth_member {
	int64_t dial;	/* when its phone can be rung (free and logged in),
			   -1: not before the caller leaves */
	int64_t pick;	/* when its agent would pick up once rung (>= dial) */
};

enum cs_synth_qexit {
	CS_SYNTH_Q_CONNECT, CS_SYNTH_Q_ABANDON, CS_SYNTH_Q_TIMEOUT,
	CS_SYNTH_Q_EMPTY
};

struct cs_synth_qresult {
	enum cs_synth_qexit exit;
	int member;	/* CONNECT: who answered */
	int64_t at;	/* CONNECT: the pick-up; else when the caller left */
};

/*
 * A ring-all queue, first come first served: the caller entering at enter
 * waits for the member whose pick-up comes first.  The caller hangs up at
 * enter + patience, the queue gives up at enter + timeout (the earlier one
 * wins; a tie is a timeout); a pick-up at or after that moment never
 * happens.  With no member at all (n == 0, nobody logged in) the queue
 * refuses the caller at once (EXITEMPTY).
 */
void cs_synth_queue_resolve(const struct cs_synth_member *m, int n,
    int64_t enter, long patience, long timeout, struct cs_synth_qresult *res);

/* ---- a modelled call, as the writers see it ---- */

#define CS_SYNTH_MAXRING 32

enum cs_synth_dir { CS_SYNTH_INBOUND, CS_SYNTH_INTERNAL, CS_SYNTH_OUTBOUND };

/* How a Dial to one phone ended. */
enum cs_synth_dial {
	CS_SYNTH_D_ANSWER, CS_SYNTH_D_BUSY,
	CS_SYNTH_D_NOANSWER,	/* the Dial timed out */
	CS_SYNTH_D_CANCEL	/* the caller hung up while it rang */
};

/* One phone rung by the queue. */
struct cs_synth_ring {
	int agent;		/* index into the town's agents */
	int64_t dial, end;	/* rang from dial to end (the winner: the call's end) */
	int64_t answer;		/* 0: not answered */
	uint64_t chan;		/* the member channel's number */
};

/* What the model decided, as callstat-kpi(7) counts it (one row of
 * truth.csv). */
struct cs_synth_truth {
	int service;		/* index into the configuration, -1: other */
	int in_hours;
	const char *outcome;	/* "agent"...; NULL for staff calls */
	long wait, human_wait, talk, abandon_wait;	/* -1: not applicable */
	int escalated, bot_answered, needed_agent;
	char caller[24];	/* normalised number, "" when withheld */
};

/* ---- the bot's session of a call (town_bot.c plans it, write_bot.c
 * writes it as callstat's canonical events) ---- */

#define CS_SYNTH_MAXEV 24

/* How a session must link to its call (formats.md's rules), as its
 * truth says; the names are bot_session.link's. */
enum cs_synth_link {
	CS_SYNTH_L_NONE, CS_SYNTH_L_CALL_ID, CS_SYNTH_L_SIP, CS_SYNTH_L_CALLER
};

enum cs_synth_evtype {
	CS_SYNTH_E_START, CS_SYNTH_E_SAY, CS_SYNTH_E_DTMF, CS_SYNTH_E_TRANSFER,
	CS_SYNTH_E_END
};

enum cs_synth_match {
	CS_SYNTH_M_NONE, CS_SYNTH_M_MATCHED, CS_SYNTH_M_NO_MATCH,
	CS_SYNTH_M_NO_INPUT
};

/* One event of a session. */
struct cs_synth_bev {
	int64_t ms;			/* its time, milliseconds since the epoch */
	unsigned char type;		/* enum cs_synth_evtype */
	unsigned char caller;		/* said by the caller (else the bot) */
	unsigned char match;		/* enum cs_synth_match */
	unsigned char conf;		/* confidence in hundredths */
	const char *intent;		/* NULL none */
	uint32_t draw;			/* what the writer says (its wording) */
};

struct cs_synth_session {
	int on;				/* the call has a session */
	char id[40];
	char call_id[48];		/* "" not given */
	char sip[64];			/* the bot leg's SIP Call-ID, "" none */
	int give_sip, give_caller;	/* the session carries them */
	char caller[24];		/* in clear, as the bot heard it */
	const char *called;		/* the number dialled, or NULL */
	enum cs_synth_link link;	/* how it must link */
	const char *service;		/* named on its end or transfer, NULL */
	const char *target;		/* transfer_target, NULL no transfer */
	const char *intent;		/* the last matched intent, NULL none */
	const char *outcome;
	int rule3;			/* the service rule 3 gives, -1 none */
	int turns, caller_turns, fallback_turns;
	struct cs_synth_bev ev[CS_SYNTH_MAXEV];
	int nev;
};

struct cs_synth_call {
	enum cs_synth_dir dir;
	int64_t start, end;
	uint64_t chan;		/* the caller's channel: uniqueid and name */
	uint64_t serial;	/* order of creation, for ties */
	char number[24];	/* the caller as presented: 0639980101,
				   +33639980101, anonymous; staff: its ext */
	const char *name;	/* caller-ID name, "" none */
	char dialled[24];	/* DID, extension or outside number */
	int dialled_svc;	/* the service whose number was dialled */

	/* the bot: Dial(PJSIP/voicebot) from the main number */
	int bot;
	int64_t bot_answer;	/* 0: the caller hung up while it rang */
	int64_t bot_end;	/* the hand-over, or the end */
	uint64_t bot_chan;

	/* Answer() + Playback(welcome) before the queue */
	int welcome;
	int welcome_only;	/* the caller hung up during it */
	int64_t welcome_end;

	/* closed: an announcement, or a voicemail box, and nothing else */
	int closed_msg;		/* 1 announcement, 2 voicemail */

	/* the queue */
	int queue;		/* service index, -1: none */
	int64_t q_enter, q_at;	/* entry; connect or exit */
	enum cs_synth_qexit q_exit;
	int q_pos;		/* position on entry */
	int q_agent_hangs_up;
	struct cs_synth_ring ring[CS_SYNTH_MAXRING];
	int nring, winner;	/* winner: index into ring, -1 */

	/* a Dial to one phone: direct lines, staff calls */
	int dial;
	int dial_agent;		/* agent index, -1: dial_ext or outside */
	char dial_ext[16];
	char from_ext[16];	/* staff calls: the caller's extension */
	enum cs_synth_dial d_result;
	int64_t d_answer, d_end;
	int d_timeout;
	uint64_t d_chan;

	/* voicemail after an unanswered Dial */
	int vm;
	int64_t vm_start, vm_end;

	struct cs_synth_session sess;	/* the bot's session, if it answered */
	struct cs_synth_session console;	/* a test from the bot's console
					   that day, of no call */

	struct cs_synth_truth truth;
};

/* ---- the town ---- */

struct cs_synth_agent {
	char ext[16];
	int svc;
	int64_t free_at;	/* end of its current call and wrap-up */
	struct cs_rng rng;	/* its own away-from-the-phone process */
	int64_t gen;		/* the away process is drawn up to here */
	int64_t away[8][2];	/* the next away stretches [from, to) */
	int naway;
	long absent_day;	/* day number of `absent` */
	int absent;
};

struct cs_synth_service {
	const struct cs_service *cfg;
	int index;		/* in the configuration */
	enum cs_synth_kind kind;
	char did[24];		/* its own number, "" none */
	char direct[24];	/* its direct lines' glob (did:01990021??), "" */
	char queue[64];		/* "" no queue */
	int first_agent, nagents;
	double share;		/* of the town's calls */
	double talk_median;
	int voicemail;		/* direct lines and closed hours: voicemail */
	int timeout;		/* Queue() timeout */
	int64_t *waiting;	/* when each caller in the queue leaves it */
	int nwaiting, capwaiting;
};

struct cs_synth_opts {
	const struct cs_config *cfg;
	char from[11], to[11];
	uint64_t seed;
	double calls_per_day;	/* new inbound calls on an ordinary weekday */
	int columns;		/* 16, 18 or 21 */
	int times_utc;
	double patience;	/* mean seconds a caller waits in a queue */
	double containment;	/* share of in-hours bot sessions settled alone */
	double presence[2];	/* share of opening time agents are at the
				   phone, before and after go-live */
	double staffing;	/* agents per erlang of expected load */
	double withheld;	/* share of callers who withhold their number */
	int agents;		/* > 0: agents per queue, whatever the load */
	unsigned pbx;		/* the PBX writers (cs_synth_pbxs[]) to
				   write with, a bit each; 0: asterisk */
};


/* The defaults of callstat-synth(1): a town that answers about 70 % of its
 * calls in opening hours before the bot and about 95 % after. */
void cs_synth_opts_init(struct cs_synth_opts *o);

/* What a run wrote. */
struct cs_synth_stats {
	long calls, inbound, legs, events;
	long sessions, bot_events;	/* transcripts.jsonl */
	long long bytes;
};

/*
 * Writes DIR/Master.csv, DIR/queue_log and DIR/truth.csv, and the bot's
 * DIR/transcripts.jsonl and DIR/truth_sessions.csv, for the town of
 * o->cfg over [o->from, o->to] (local days, inclusive).  Fails, saying why,
 * when the configuration cannot make a town (no service with a did: term)
 * or a file cannot be written; partial files are then left behind.
 */
int cs_synth_run(const struct cs_synth_opts *o, const char *dir,
    struct cs_synth_stats *st, struct cs_error *err);

/* ---- time helpers shared by the model and the writers ---- */

/* The local UTC offset of instant t, cached per quarter hour. */
long cs_synth_offset(int64_t t);
/* Local wall-clock fields of t (wday 0 Monday); fast, no libc. */
void cs_synth_local(int64_t t, int *y, int *mo, int *d, int *h, int *mi,
    int *s, int *wday);

/* Writes "YYYY-MM-DD HH:MM:SS" (20 bytes with the NUL) of t, local or UTC. */
void cs_synth_format_time(int64_t t, int utc, char out[20]);

/* ---- writers ---- */

/* Creates DIR/NAME for writing, buffered; *path its name (free it).
 * NULL, err saying why, when it cannot be. */
FILE *cs_synth_create(const char *dir, const char *name, char **path,
    struct cs_error *err);

struct cs_synth_town;

struct cs_synth_asterisk;
struct cs_synth_asterisk *cs_synth_asterisk_open(const struct cs_synth_town *town,
    const char *dir, int columns, int utc, int64_t first, struct cs_error *err);
/* Queues the lines of one call. */
int cs_synth_asterisk_put(struct cs_synth_asterisk *w, const struct cs_synth_call *c);
/* Writes every line due before now (nothing later can come before it). */
int cs_synth_asterisk_advance(struct cs_synth_asterisk *w, int64_t now);
/* Writes what is left and closes; frees w.  Returns -1 on a write error. */
int cs_synth_asterisk_close(struct cs_synth_asterisk *w, struct cs_synth_stats *st,
    struct cs_error *err);

/* The same calls as a generic CSV (write_generic.c): DIR/generic.csv. */
struct cs_synth_generic;
struct cs_synth_generic *cs_synth_generic_open(const struct cs_synth_town *town,
    const char *dir, int utc, struct cs_error *err);
int cs_synth_generic_put(struct cs_synth_generic *w, const struct cs_synth_call *c);
int cs_synth_generic_advance(struct cs_synth_generic *w, int64_t now);
int cs_synth_generic_close(struct cs_synth_generic *w, struct cs_synth_stats *st,
    struct cs_error *err);

/* The same calls as Avaya IP Office's SMDR (write_smdr.c): DIR/smdr.csv. */
struct cs_synth_smdr;
struct cs_synth_smdr *cs_synth_smdr_open(const struct cs_synth_town *town,
    const char *dir, int utc, struct cs_error *err);
int cs_synth_smdr_put(struct cs_synth_smdr *w, const struct cs_synth_call *c);
/* The call's Call ID, as the bot would be handed it. */
void cs_synth_smdr_call_id(const struct cs_synth_call *c, char *out, size_t n);
int cs_synth_smdr_advance(struct cs_synth_smdr *w, int64_t now);
int cs_synth_smdr_close(struct cs_synth_smdr *w, struct cs_synth_stats *st,
    struct cs_error *err);

struct cs_synth_fs;
struct cs_synth_fs *cs_synth_fs_open(const struct cs_synth_town *town,
    const char *dir, int utc, struct cs_error *err);
int cs_synth_fs_put(struct cs_synth_fs *w, const struct cs_synth_call *c);
/* The uuid of the call's A-leg, as the bot would be handed it. */
void cs_synth_fs_call_id(const struct cs_synth_call *c, char *out, size_t n);
int cs_synth_fs_advance(struct cs_synth_fs *w, int64_t now);
int cs_synth_fs_close(struct cs_synth_fs *w, struct cs_synth_stats *st,
    struct cs_error *err);

struct cs_synth_3cx;
/* DIR/3cx-cdr.log: the calls as 3CX's legacy CDR log writes them. */
struct cs_synth_3cx *cs_synth_3cx_open(const struct cs_synth_town *town,
    const char *dir, struct cs_error *err);
int cs_synth_3cx_put(struct cs_synth_3cx *w, const struct cs_synth_call *c);
/* The call's 3CX history id, as the bot would be handed it. */
void cs_synth_3cx_call_id(const struct cs_synth_call *c, char *out, size_t n);
int cs_synth_3cx_advance(struct cs_synth_3cx *w, int64_t now);
int cs_synth_3cx_close(struct cs_synth_3cx *w, struct cs_synth_stats *st,
    struct cs_error *err);

struct cs_synth_cel;
/* DIR/cel.csv: the calls as Asterisk's CEL (cel_custom) logs them. */
struct cs_synth_cel *cs_synth_cel_open(const struct cs_synth_town *town,
    const char *dir, struct cs_error *err);
int cs_synth_cel_put(struct cs_synth_cel *w, const struct cs_synth_call *c);
int cs_synth_cel_advance(struct cs_synth_cel *w, int64_t now);
int cs_synth_cel_close(struct cs_synth_cel *w, struct cs_synth_stats *st,
    struct cs_error *err);

struct cs_synth_cucm;
/* DIR/cdr.csv: the calls as Cisco Unified CM's CDR flat file. */
struct cs_synth_cucm *cs_synth_cucm_open(const struct cs_synth_town *town,
    const char *dir, struct cs_error *err);
int cs_synth_cucm_put(struct cs_synth_cucm *w, const struct cs_synth_call *c);
/* The call's globalCallID, as the bot would be handed it. */
void cs_synth_cucm_call_id(const struct cs_synth_call *c, char *out, size_t n);
int cs_synth_cucm_advance(struct cs_synth_cucm *w, int64_t now);
int cs_synth_cucm_close(struct cs_synth_cucm *w, struct cs_synth_stats *st,
    struct cs_error *err);

/*
 * The table of PBX writers (pbx.c): each writes the town's calls in its
 * PBX's logs, with the same open, put, advance and close shape.  A new
 * writer is its write_NAME.c and one line in cs_synth_pbxs[].
 */
struct cs_synth_pbx {
	const char *name;		/* as --pbx takes it */
	const char *files;		/* what it writes, for the man page */
	void *(*open)(const struct cs_synth_town *town, const char *dir,
	    const struct cs_synth_opts *o, int64_t first, struct cs_error *err);
	int (*put)(void *w, const struct cs_synth_call *c);
	int (*advance)(void *w, int64_t now);
	int (*close)(void *w, struct cs_synth_stats *st, struct cs_error *err);
	/* The id of the call its logs give, which the bot is handed (NULL:
	   Asterisk's uniqueid), and whether they log the SIP Call-ID of
	   the bot's leg (Master.csv's userfield: from 18 columns). */
	void (*call_id)(const struct cs_synth_call *c, char *out, size_t n);
	int sip;
};

/* Ends with a NULL name; at most CS_SYNTH_MAXPBX. */
#define CS_SYNTH_MAXPBX 8
extern const struct cs_synth_pbx cs_synth_pbxs[];

/* The first writer o chooses: the one the bot's sessions name calls as. */
const struct cs_synth_pbx *cs_synth_pbx_first(const struct cs_synth_opts *o);

/* The index of the writer NAME, -1 when there is none. */
int cs_synth_pbx_find(const char *name);

/* "asterisk, freeswitch": the writers' names, for messages. */
void cs_synth_pbx_names(char *buf, size_t size);

struct cs_synth_truthw;
struct cs_synth_truthw *cs_synth_truth_open(const struct cs_synth_town *town,
    const char *dir, struct cs_error *err);
int cs_synth_truth_put(struct cs_synth_truthw *w, const struct cs_synth_call *c);
int cs_synth_truth_advance(struct cs_synth_truthw *w, int64_t now);
int cs_synth_truth_close(struct cs_synth_truthw *w, struct cs_synth_stats *st,
    struct cs_error *err);

struct cs_synth_botw;
/* DIR/transcripts.jsonl and DIR/truth_sessions.csv; columns: Master.csv's
 * (16 has no userfield: a session linked by SIP Call-ID carries the
 * caller and the number dialled instead, and links by them). */
struct cs_synth_botw *cs_synth_bot_open(const struct cs_synth_town *town,
    const char *dir, int columns, struct cs_error *err);
/* Queues the session of c, and its console session, if any. */
int cs_synth_bot_put(struct cs_synth_botw *w, const struct cs_synth_call *c);
int cs_synth_bot_advance(struct cs_synth_botw *w, int64_t now);
int cs_synth_bot_close(struct cs_synth_botw *w, struct cs_synth_stats *st,
    struct cs_error *err);

/* ---- personal data, made up (pii.c) ---- */

enum cs_synth_phone_form {
	CS_SYNTH_PHONE_SPACED,		/* 06 39 98 01 19 */
	CS_SYNTH_PHONE_DOTTED,		/* 06.39.98.01.19 */
	CS_SYNTH_PHONE_RUN,		/* 0639980119 */
	CS_SYNTH_PHONE_PLUS33,		/* +33 6 39 98 01 19 */
	CS_SYNTH_PHONE_PLUS33_RUN,	/* +33639980119 */
	CS_SYNTH_PHONE_0033,		/* 0033639980119 */
	CS_SYNTH_PHONE_WORDS,		/* zéro six trente-neuf ... */
	CS_SYNTH_PHONE_NFORMS
};

/* 0 to 99 in French words ("soixante et onze", "quatre-vingt-dix-huit");
 * -1 when n is out of range or out too small. */
int cs_synth_say_0_99(int n, char *out, size_t size);
/* The 10-digit national number digits ("0639980119") in a form; -1 when
 * it is not one or out is too small. */
int cs_synth_phone_form(const char *digits, enum cs_synth_phone_form form,
    char *out, size_t size);
/* The Luhn check digit to append to digits, -1 if one is not a digit. */
int cs_synth_luhn_digit(const char *digits);
/* "FR76" + account (bank, branch and account: 21 digits) + the RIB key
 * that makes the IBAN's check digits 76; -1 if account is not 21 digits. */
int cs_synth_iban_fr76(const char *account, char out[28]);
/* The key of a 13-digit NIR (97 - NIR mod 97), -1 when not 13 digits. */
int cs_synth_nir_key(const char *nir13);

/* The town as the writers need it (town_setup.c makes it). */
struct cs_synth_town {
	const struct cs_config *cfg;
	struct cs_synth_service *svc;
	int nsvc;
	struct cs_synth_agent *agent;
	int nagents;
	int main_svc;		/* the service of the main number */
	char bot_chan[64];	/* PJSIP/voicebot- : prefix of its channels */
	char bot_data[64];	/* Dial's argument: PJSIP/voicebot */
	char bot_app[32];	/* "Dial", or the app of an app: term */
	const char *commune;	/* the name the town calls out with */
};

/* ---- the ordered output buffer the writers share ---- */

struct cs_synth_heap {
	struct cs_synth_hitem {
		int64_t key;
		uint64_t seq;
		char *text;
		size_t len;
	} *v;
	size_t n, cap;
	uint64_t seq;
};

/* Adds a copy of text (len bytes) under key; -1 when out of memory. */
int cs_synth_heap_push(struct cs_synth_heap *h, int64_t key, const char *text,
    size_t len);
/* Writes to fp, in key order, every item whose key is below upto. */
int cs_synth_heap_flush(struct cs_synth_heap *h, int64_t upto, FILE *fp,
    long long *bytes);

/* Ends a writer's file: writes what h holds (unless err is NULL: the run
 * failed already), closes fp, adds the bytes written to *total, releases
 * h.  -1, err naming path, on a write error. */
int cs_synth_finish(FILE *fp, struct cs_synth_heap *h, long long *bytes,
    long long *total, const char *path, struct cs_error *err);
void cs_synth_heap_release(struct cs_synth_heap *h);

/*
 * A writer's file whose lines are made a call at a time (write_*.c): the
 * call's lines made in buf, then held in h under the call's end until the
 * town's time passes it, since calls end in another order than they start.
 */
struct cs_synth_out {
	FILE *fp;
	char *path;
	struct cs_synth_heap h;
	char *buf;
	size_t len, cap;
	int oom;		/* buf could not grow: the call's put fails */
	long long bytes;	/* written so far */
};

/* Creates DIR/NAME (cs_synth_create) for o, zeroed first; -1 (err). */
int cs_synth_out_open(struct cs_synth_out *o, const char *dir,
    const char *name, struct cs_error *err);
/* Appends n bytes of s to the lines being made (o->oom when it cannot). */
void cs_synth_out_add(struct cs_synth_out *o, const char *s, size_t n);
/* Holds the lines made since the last push until the time t, and starts
 * the next call's; -1 when out of memory. */
int cs_synth_out_push(struct cs_synth_out *o, int64_t t);
/* Writes the lines held until now. */
int cs_synth_out_advance(struct cs_synth_out *o, int64_t now);
/* cs_synth_finish of o's file, then frees o's buffers. */
int cs_synth_out_close(struct cs_synth_out *o, long long *total,
    struct cs_error *err);

#endif
