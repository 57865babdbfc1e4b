/*
 * write_bot.c: the bot's sessions (town_bot.c plans them) as callstat's
 * canonical events, DIR/transcripts.jsonl (formats.md, "Bot transcripts"),
 * with the callers' personal data said in the forms pii.c makes; and
 * their truth, DIR/truth_sessions.csv, one row per session:
 *
 *   session, start (epoch seconds), start_local, call_id (truth.csv's id
 *   of the call it must link to, "" none), link (how: call_id,
 *   sip_call_id, caller, none), intent (the last the bot understood, ""
 *   none), service (the one it named, ""), outcome, turns, caller_turns,
 *   fallback_turns, handling_ms (first event to last).
 *
 * A session's lines go out together, sessions in the order they started,
 * through a heap as the other writers' (synth.h).
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "synth.h"

struct cs_synth_botw {
	const struct cs_synth_town *town;
	int columns;
	FILE *fp, *tfp;
	char *path, *tpath;
	struct cs_synth_heap h, ht;
	char *buf;
	size_t len, cap;
	int oom;
	long long bytes;
	long sessions, events;
};

static const char theader[] = "session,start,start_local,call_id,link,intent,"
    "service,outcome,turns,caller_turns,fallback_turns,handling_ms\n";

/* ---- a growing line ---- */

static void
add(struct cs_synth_botw *w, const char *s, size_t n)
{
	while (w->len + n + 1 > w->cap) {
		size_t cap = w->cap ? 2 * w->cap : 4096;
		char *b = realloc(w->buf, cap);

		if (b == NULL) {
			w->oom = 1;
			return;
		}
		w->buf = b;
		w->cap = cap;
	}
	memcpy(w->buf + w->len, s, n);
	w->len += n;
}

static void
adds(struct cs_synth_botw *w, const char *s)
{
	add(w, s, strlen(s));
}

/* ,"key":"value" with the value escaped as JSON wants */
static void
field(struct cs_synth_botw *w, const char *key, const char *v)
{
	adds(w, ",\"");
	adds(w, key);
	adds(w, "\":\"");
	for (const char *p = v; *p != '\0'; p++) {
		char esc[8];

		if (*p == '"' || *p == '\\') {
			esc[0] = '\\';
			esc[1] = *p;
			add(w, esc, 2);
		} else if ((unsigned char)*p < 0x20) {
			snprintf(esc, sizeof(esc), "\\u%04x", (unsigned char)*p);
			adds(w, esc);
		} else
			add(w, p, 1);
	}
	adds(w, "\"");
}

/* ---- what is said ---- */

static const char *const first_names[] = {
	"jean", "marie", "lucie", "karim", "sophie", "thomas", "nadia", "paul"
};
static const char *const last_names[] = {
	"martin", "bernard", "dubois", "moreau", "petit", "garcia", "leroy"
};
static const char *const no_match[] = {
	"euh je sais pas trop", "c'est compliqué en fait", "oui non enfin bref",
	"allô vous m'entendez", "c'est pour le truc de l'autre jour"
};
static const char *const bot_says[] = {
	"Très bien, je regarde.", "Je n'ai pas bien compris, pouvez-vous "
	"répéter ?", "D'accord. Autre chose ?", "Je vous donne l'information.",
	"Pouvez-vous préciser votre demande ?"
};

#define PICK(a, n) (a)[(n) % (sizeof(a) / sizeof((a)[0]))]

/* n random digits into out. */
static void
digits(struct cs_rng *r, char *out, int n)
{
	for (int i = 0; i < n; i++)
		out[i] = (char)('0' + cs_rng_range(r, 0, 9));
	out[n] = '\0';
}

/* A piece of personal data, made up, in one of its written forms. */
static void
pii(struct cs_rng *r, char *out, size_t size)
{
	char d[32], v[160];	/* a number spelled out: up to ~140 bytes */
	long kind = cs_rng_range(r, 0, 9);

	if (kind < 5) {			/* a telephone number */
		if (cs_rng_chance(r, 0.7)) {
			memcpy(d, "063998", 6);
			digits(r, d + 6, 4);
		} else {
			memcpy(d, "0199005", 7);
			digits(r, d + 7, 3);
		}
		cs_synth_phone_form(d, (enum cs_synth_phone_form)cs_rng_range(r, 0,
		    CS_SYNTH_PHONE_NFORMS - 1), v, sizeof(v));
		snprintf(out, size, "%s %s", cs_rng_chance(r, 0.5) ?
		    "vous pouvez me rappeler au" : "mon numéro c'est le", v);
	} else if (kind == 5) {		/* an e-mail address */
		const char *f = PICK(first_names, cs_rng_next(r) >> 33);
		const char *l = PICK(last_names, cs_rng_next(r) >> 33);

		if (cs_rng_chance(r, 0.3))
			snprintf(out, size, "mon adresse c'est %s point %s arobase "
			    "example point org", f, l);
		else
			snprintf(out, size, "mon adresse c'est %s.%s@example.org", f, l);
	} else if (kind == 6) {		/* an IBAN */
		char iban[28];

		memcpy(d, "3000600001", 10);
		digits(r, d + 10, 11);
		cs_synth_iban_fr76(d, iban);
		if (cs_rng_chance(r, 0.5))
			snprintf(out, size, "mon iban c'est %s", iban);
		else
			snprintf(out, size, "mon iban c'est %.4s %.4s %.4s %.4s %.4s "
			    "%.4s %.3s", iban, iban + 4, iban + 8, iban + 12,
			    iban + 16, iban + 20, iban + 24);
	} else if (kind == 7) {		/* a card number */
		long f = cs_rng_range(r, 0, 2);
		char sep = f == 0 ? ' ' : '-';

		memcpy(d, "497010", 6);
		digits(r, d + 6, 9);
		d[15] = (char)('0' + cs_synth_luhn_digit(d));
		d[16] = '\0';
		if (f == 2)
			snprintf(out, size, "ma carte c'est le %s", d);
		else
			snprintf(out, size, "ma carte c'est le %.4s%c%.4s%c%.4s%c%.4s",
			    d, sep, d + 4, sep, d + 8, sep, d + 12);
	} else {			/* a NIR with its key */
		long dep = cs_rng_range(r, 1, 94);

		snprintf(d, sizeof(d), "%ld%02ld%02ld%02ld%03ld%03ld",
		    cs_rng_range(r, 1, 2), cs_rng_range(r, 40, 99),
		    cs_rng_range(r, 1, 12), dep >= 20 ? dep + 1 : dep,
		    cs_rng_range(r, 1, 999), cs_rng_range(r, 1, 999));
		if (cs_rng_chance(r, 0.5))
			snprintf(out, size, "mon numéro de sécu %.1s %.2s %.2s %.2s "
			    "%.3s %.3s %02d", d, d + 1, d + 3, d + 5, d + 7,
			    d + 10, cs_synth_nir_key(d));
		else
			snprintf(out, size, "mon numéro de sécu %s%02d", d,
			    cs_synth_nir_key(d));
	}
}

/* What the caller says on a turn the bot understood as intent. */
static void
caller_text(const struct cs_synth_bev *e, uint64_t salt, char *out, size_t size)
{
	struct cs_rng r;
	char topic[64], *p;

	cs_rng_seed(&r, cs_synth_mix(e->draw, salt));
	snprintf(topic, sizeof(topic), "%s", e->intent);
	for (p = topic; *p != '\0'; p++)
		if (*p == '-' || *p == '_')
			*p = ' ';
	if (cs_rng_chance(&r, 0.3))
		pii(&r, out, size);
	else
		snprintf(out, size, "%s %s", cs_rng_chance(&r, 0.5) ?
		    "c'est pour" : "je voudrais des renseignements pour", topic);
}

/* ---- one session ---- */

static void
stamp(int64_t ms, char out[32])
{
	char t[20];

	cs_synth_format_time(ms / 1000, 1, t);
	t[10] = 'T';
	snprintf(out, 32, "%s.%03dZ", t, (int)(ms % 1000));
}

static void
put_event(struct cs_synth_botw *w, const struct cs_synth_session *s,
    const struct cs_synth_bev *e)
{
	static const char *const types[] = {
		"session_start", "utterance", "dtmf", "transfer", "session_end"
	};
	static const char *const matches[] = { "", "matched", "no_match", "no_input" };
	char ts[32], text[256];

	stamp(e->ms, ts);
	adds(w, "{\"session_id\":\"");
	adds(w, s->id);
	adds(w, "\"");
	field(w, "ts", ts);
	field(w, "type", types[e->type]);
	switch (e->type) {
	case CS_SYNTH_E_START:
		field(w, "speaker", "system");
		if (s->call_id[0] != '\0')
			field(w, "call_id", s->call_id);
		if (s->give_sip && s->sip[0] != '\0')
			field(w, "sip_call_id", s->sip);
		if (s->give_caller && s->caller[0] != '\0') {
			field(w, "caller", s->caller);
			if (s->called != NULL)
				field(w, "called", s->called);
		}
		field(w, "lang", "fr-FR");
		break;
	case CS_SYNTH_E_SAY:
		field(w, "speaker", e->caller ? "caller" : "bot");
		if (!e->caller) {
			field(w, "text", e == &s->ev[1] ? "Bonjour, vous êtes bien "
			    "à la mairie. Que puis-je faire pour vous ?" :
			    PICK(bot_says, e->draw));
			break;
		}
		if (e->match == CS_SYNTH_M_MATCHED) {
			caller_text(e, s->ev[0].ms, text, sizeof(text));
			field(w, "text", text);
		} else if (e->match == CS_SYNTH_M_NO_MATCH)
			field(w, "text", PICK(no_match, e->draw));
		if (e->intent != NULL)
			field(w, "intent", e->intent);
		if (e->match == CS_SYNTH_M_MATCHED || e->match == CS_SYNTH_M_NO_MATCH) {
			snprintf(text, sizeof(text), "%d.%02d", e->conf / 100,
			    e->conf % 100);
			adds(w, ",\"confidence\":");
			adds(w, text);
		}
		field(w, "match", matches[e->match]);
		break;
	case CS_SYNTH_E_DTMF:
		field(w, "speaker", "caller");
		snprintf(text, sizeof(text), "%u", 1 + e->draw % 9);
		field(w, "text", text);
		break;
	case CS_SYNTH_E_TRANSFER:
		field(w, "speaker", "bot");
		field(w, "transfer_target", s->target);
		if (s->service != NULL)
			field(w, "service", s->service);
		break;
	case CS_SYNTH_E_END:
		field(w, "speaker", "system");
		field(w, "outcome", s->outcome);
		if (s->service != NULL && s->target == NULL)
			field(w, "service", s->service);
		break;
	}
	adds(w, "}\n");
	w->events++;
}

static int
put_session(struct cs_synth_botw *w, const struct cs_synth_call *c,
    const struct cs_synth_session *s)
{
	static const char *const links[] = { "none", "call_id", "sip_call_id", "caller" };
	int64_t start = s->ev[0].ms / 1000;
	char line[512], local[20], call[48] = "";
	int n;

	w->len = 0;
	for (int i = 0; i < s->nev; i++)
		put_event(w, s, &s->ev[i]);
	if (w->oom || cs_synth_heap_push(&w->h, start, w->buf, w->len) != 0)
		return -1;
	if (s->link != CS_SYNTH_L_NONE)
		snprintf(call, sizeof(call), "%lld.%llu", (long long)c->start,
		    (unsigned long long)c->chan);
	cs_synth_format_time(start, 0, local);
	n = snprintf(line, sizeof(line), "%s,%lld,%s,%s,%s,%s,%s,%s,%d,%d,%d,%lld\n",
	    s->id, (long long)start, local, call, links[s->link],
	    s->intent != NULL ? s->intent : "", s->service != NULL ? s->service : "",
	    s->outcome, s->turns, s->caller_turns, s->fallback_turns,
	    (long long)(s->ev[s->nev - 1].ms - s->ev[0].ms));
	if (n < 0 || (size_t)n >= sizeof(line))
		return -1;
	w->sessions++;
	return cs_synth_heap_push(&w->ht, start, line, (size_t)n);
}

int
cs_synth_bot_put(struct cs_synth_botw *w, const struct cs_synth_call *c)
{
	if (c->sess.on && put_session(w, c, &c->sess) != 0)
		return -1;
	if (c->console.on && put_session(w, c, &c->console) != 0)
		return -1;
	return 0;
}

int
cs_synth_bot_advance(struct cs_synth_botw *w, int64_t now)
{
	int rc = 0;

	rc |= cs_synth_heap_flush(&w->h, now, w->fp, &w->bytes);
	rc |= cs_synth_heap_flush(&w->ht, now, w->tfp, &w->bytes);
	return rc;
}

struct cs_synth_botw *
cs_synth_bot_open(const struct cs_synth_town *town, const char *dir,
    int columns, struct cs_error *err)
{
	struct cs_synth_botw *w = calloc(1, sizeof(*w));

	if (w == NULL) {
		cs_error_set(err, "out of memory");
		return NULL;
	}
	w->town = town;
	w->columns = columns;
	if ((w->fp = cs_synth_create(dir, "transcripts.jsonl", &w->path, err)) == NULL ||
	    (w->tfp = cs_synth_create(dir, "truth_sessions.csv", &w->tpath, err)) == NULL) {
		cs_synth_bot_close(w, NULL, NULL);
		return NULL;
	}
	fputs(theader, w->tfp);
	w->bytes += sizeof(theader) - 1;
	return w;
}

int
cs_synth_bot_close(struct cs_synth_botw *w, struct cs_synth_stats *st,
    struct cs_error *err)
{
	int rc = 0;

	if (w == NULL)
		return 0;
	if (w->fp != NULL && w->tfp != NULL && err != NULL &&
	    cs_synth_bot_advance(w, INT64_MAX) != 0)
		rc = -1;
	if (w->fp != NULL && (ferror(w->fp) | fclose(w->fp)) != 0 && rc == 0) {
		cs_error_set(err, "%s: write error: %s", w->path, strerror(errno));
		rc = -1;
	}
	if (w->tfp != NULL && (ferror(w->tfp) | fclose(w->tfp)) != 0 && rc == 0) {
		cs_error_set(err, "%s: write error: %s", w->tpath, strerror(errno));
		rc = -1;
	}
	if (rc != 0 && err != NULL && err->msg[0] == '\0')
		cs_error_set(err, "write error");
	if (st != NULL) {
		st->sessions += w->sessions;
		st->bot_events += w->events;
		st->bytes += w->bytes;
	}
	cs_synth_heap_release(&w->h);
	cs_synth_heap_release(&w->ht);
	free(w->buf);
	free(w->path);
	free(w->tpath);
	free(w);
	return rc;
}
