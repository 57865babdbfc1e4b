/*
 * cucm_format.c: Cisco Unified CM's CDR flat files in the table of formats
 * (format.h).  Each CDR is one leg, said as generic-csv's neutral leg
 * (generic_csv.h) and stored through cs_gcsv_store in its table, which
 * generic-csv's entry maps: no table of its own.
 *
 * From a CDR: the call is globalCallID (callManagerId-callId), shared by
 * the legs a transfer or a forward makes; start, answer and end are
 * dateTimeOrigination, dateTimeConnect (0: nobody answered) and
 * dateTimeDisconnect; the caller callingPartyNumber, the number dialled
 * originalCalledPartyNumber, what the leg reached finalCalledPartyNumber
 * (else lastRedirectDn), the queue the hunt pilot it came through
 * (huntPilotDN, from 8.0).  How a leg nobody answered ended comes from
 * the cause codes: the caller hanging up (normal clearing) is an abandon,
 * busy and no answer are the phone's, a hunt pilot's no answer its giving
 * up; anything else failed.
 *
 * A file of a release before 8.0 has no huntPilotDN: the queue is then
 * the number called (originalCalledPartyNumber, else lastRedirectDn)
 * when a service's queue: term names it, as the configuration says the
 * town's hunt pilots; otherwise the leg is a call to that number, and the
 * dial_timeout rule tells abandoned from missed, as for any phone rung.
 *
 * A CDR does not say that its destination is the voicemail system: the
 * configuration's [pbx] voicemail terms do (as CAR, Cisco's own reports,
 * asks for the voice mail numbers).  A call forwarded there is one CDR:
 * it is stored as two legs, the phone it first rang (lastRedirectDn,
 * from its start until the voicemail's answer, when the forward must have
 * happened) and the voicemail's.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "../match.h"
#include "cucm.h"
#include "generic_csv.h"

struct cucm_rd {
	struct cs_format_ctx ctx;
	struct cs_cucm_reader *r;
	struct cs_cucm_record rec;
	struct cs_gcsv_memo memo;
};

static void *
cucm_open(const struct cs_format_ctx *ctx, struct cs_error *err)
{
	struct cucm_rd *rd = calloc(1, sizeof(*rd));

	if (rd == NULL) {
		cs_error_set(err, "out of memory");
		return NULL;
	}
	rd->ctx = *ctx;
	if ((rd->r = cs_cucm_open(err)) == NULL) {
		free(rd);
		return NULL;
	}
	return rd;
}

static void
cucm_close(void *p)
{
	struct cucm_rd *rd = p;

	if (rd == NULL)
		return;
	cs_cucm_close(rd->r);
	free(rd);
}

static int
cucm_parse(void *p, const char *line, size_t len, int64_t *t,
    struct cs_error *err)
{
	struct cucm_rd *rd = p;
	int rc = cs_cucm_parse(rd->r, line, len, &rd->rec, err);

	if (rc == 0)
		*t = rd->rec.start;
	return rc;
}

/* Whether the number is the voicemail system's ([pbx] voicemail). */
static int
voicemail(const struct cs_config *cfg, const char *number)
{
	if (cfg == NULL || *number == '\0')
		return 0;
	for (size_t i = 0; i < cfg->voicemail.n; i++) {
		const struct cs_term *t = &cfg->voicemail.t[i];

		if ((t->kind == CS_TERM_EXT || t->kind == CS_TERM_DID ||
		    t->kind == CS_TERM_CHANNEL) && cs_term_match(t, number))
			return 1;
	}
	return 0;
}

/* The hunt pilot of a file without huntPilotDN: a number called that
 * the configuration names as a queue. */
static const char *
pilot_of(const struct cs_config *cfg, const struct cs_cucm_record *c)
{
	const char *n[2] = { c->f[CS_CUCM_ORIG_CALLED],
	    c->f[CS_CUCM_LAST_REDIRECT] };

	for (int i = 0; i < 2 && cfg != NULL; i++)
		if (*n[i] != '\0' &&
		    cs_config_service_by(cfg, CS_TERM_QUEUE, n[i]) >= 0)
			return n[i];
	return "";
}

static enum cs_gcsv_disp
disp_of(enum cs_cucm_end e, int queue)
{
	switch (e) {
	case CS_CUCM_ANSWERED:
		return CS_GCSV_D_ANSWERED;
	case CS_CUCM_CLEARED:
		return CS_GCSV_D_ABANDONED;
	case CS_CUCM_BUSY:
		return queue ? CS_GCSV_D_QUEUE_TIMEOUT : CS_GCSV_D_BUSY;
	case CS_CUCM_NO_ANSWER:
		return queue ? CS_GCSV_D_QUEUE_TIMEOUT : CS_GCSV_D_NO_ANSWER;
	default:
		return CS_GCSV_D_FAILED;
	}
}

static int
cucm_store(void *p, const struct cs_store_at *at)
{
	struct cucm_rd *rd = p;
	const struct cs_cucm_record *c = &rd->rec;
	const char *dest = *c->f[CS_CUCM_FINAL_CALLED] != '\0' ?
	    c->f[CS_CUCM_FINAL_CALLED] : c->f[CS_CUCM_LAST_REDIRECT];
	const char *from = c->f[CS_CUCM_LAST_REDIRECT];
	struct cs_gcsv_record g;

	memset(&g, 0, sizeof(g));
	for (int k = 0; k < CS_GCSV_NFIELDS; k++)
		g.f[k] = "";
	g.f[CS_GCSV_CALL_ID] = c->call_id;
	g.f[CS_GCSV_CALLER] = c->f[CS_CUCM_CALLING];
	g.f[CS_GCSV_DIALLED] = c->f[CS_CUCM_ORIG_CALLED];
	g.f[CS_GCSV_DESTINATION] = dest;
	g.f[CS_GCSV_QUEUE] = c->has_pilot ? c->f[CS_CUCM_HUNT_PILOT] :
	    pilot_of(rd->ctx.cfg, c);
	g.start = c->start;
	g.answer = c->connect;
	g.end = c->end;
	g.by = CS_GCSV_BY_NONE;
	g.disp = disp_of(c->ended, *g.f[CS_GCSV_QUEUE] != '\0');
	if (!voicemail(rd->ctx.cfg, dest))
		goto leg;
	g.by = CS_GCSV_BY_PBX;
	if (c->connect > 0 && *from != '\0' && strcmp(from, dest) != 0 &&
	    !voicemail(rd->ctx.cfg, from)) {
		/* forwarded: first the phone that did not answer */
		struct cs_gcsv_record a = g;
		struct cs_store_at at2 = *at;

		a.f[CS_GCSV_DESTINATION] = from;
		a.by = CS_GCSV_BY_NONE;
		a.answer = 0;
		a.end = c->connect;
		/* lastRedirectRedirectReason 1: forwarded when busy */
		a.disp = strcmp(c->f[CS_CUCM_REDIRECT_REASON], "1") == 0 ?
		    CS_GCSV_D_BUSY : CS_GCSV_D_NO_ANSWER;
		if (*a.f[CS_GCSV_QUEUE] != '\0')
			a.disp = CS_GCSV_D_QUEUE_TIMEOUT;
		a.duration = (long)(a.end - a.start);
		if (cs_gcsv_store(&rd->ctx, &rd->memo, &a, at) != 0)
			return -1;
		/* the voicemail's leg: a key of its own from the same line */
		at2.rhash = (int64_t)((uint64_t)at->rhash ^ (1ULL << 40));
		g.f[CS_GCSV_QUEUE] = "";
		g.start = c->connect;
		g.duration = (long)(g.end - g.start);
		return cs_gcsv_store(&rd->ctx, &rd->memo, &g, &at2);
	}
leg:
	g.duration = (long)(g.end - g.start);
	return cs_gcsv_store(&rd->ctx, &rd->memo, &g, at);
}

/* Its rows are generic-csv's: that format maps them (the table of
 * formats finds it first: this is never called). */
static int
cucm_map(const struct cs_row *row, struct cs_piece *p,
    struct cs_piece_buf *buf)
{
	return cs_format_generic_csv.map(row, p, buf);
}

/* Either header row: only CUCM writes them. */
static int
cucm_noise(const char *s, size_t len)
{
	return cs_cucm_header_row(s, len) != 0 ? CS_FORMAT_NOISE_OURS : 0;
}

/*
 * A data row: its record type (0, 1 or 2), then callManagerId, callId
 * and a leg or node id as bare integers, and more columns than any other
 * format's line of that shape (a CMR has 20 or more, a CDR about 90).
 */
static int
cucm_looks(const char *s, const char *e)
{
	const char *p = s;
	int commas = 0;

	if (e - s < 8 || (*s != '0' && *s != '1' && *s != '2') || s[1] != ',')
		return 0;
	p = s + 2;
	for (int k = 0; k < 3; k++) {
		const char *d = p;

		while (p < e && *p >= '0' && *p <= '9')
			p++;
		if (p == d || p == e || *p != ',')
			return 0;
		p++;
	}
	for (p = s; p < e; p++)
		commas += *p == ',';
	return commas >= 12;
}

const struct cs_format cs_format_cucm_cdr = {
	.name = "cucm-cdr",
	.title = "a Cisco Unified CM CDR file",
	.piece = CS_PIECE_LEG,
	.table = &cs_table_generic_csv,
	.mapped = CS_TABLEDEF_ALL,
	/* the cause codes tell who gave up, huntPilotDN (or, before 8.0, the
	   pilots' queue: terms) the queue, [pbx] voicemail the voicemail:
	   every figure (t0275 checks the town's) */
	.lacks = NULL,
	.looks = cucm_looks,
	.noise = cucm_noise,
	.open = cucm_open,
	.close = cucm_close,
	.header = 1,
	.state = cs_format_no_state,
	.resume = cs_format_no_resume,
	.parse = cucm_parse,
	.store = cucm_store,
	.map = cucm_map,
};
