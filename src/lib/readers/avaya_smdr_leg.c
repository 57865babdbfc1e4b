/*
 * avaya_smdr_leg.c: an SMDR record as a neutral leg (generic_csv.h).
 *
 * Every record of a call repeats the call's Call Start, and its times are
 * those of its own segment: Ring Time from the segment's start to its
 * answer (for the first, from the call's arrival at the switch, queuing
 * included), Connected Time talking, then Hold Time and Park Time.  The
 * record's whole length is their sum (Avaya).  So a later record of a
 * call starts where the one before it ended: the reader keeps, for each
 * call with records to come (Continuation 1), its start and how long its
 * records so far lasted.
 *
 * Who a record reached is the town's side of it: Party2 for a call made
 * from an extension (Party1 is the caller), and for a call from outside
 * the party that is not the trunk (the PBX writes the extension, or the
 * voicemail channel, as either party).  A device E<n> is extension n
 * (a person when it answered), V<n> a voicemail or other channel of the
 * PBX, T<n> a line.  A hunt group nobody answered is named in its party's
 * name: a queue, when the configuration names it so (queue: terms).
 */
#include <stdlib.h>
#include <string.h>

#include "avaya_smdr.h"

struct cs_smdr_open {
	char id[32];		/* Call ID; "" a free slot */
	int state;		/* 0 free, 1 held, 2 freed (probe on) */
	struct cs_datetime start;
	int64_t t0;		/* its Call Start, UTC */
	long offset;		/* seconds its records so far lasted */
	int twice;		/* its Call Start was in the repeated hour */
};

/* Slots of the table: twice the calls held, so that probes stay short. */
#define NSLOT (2 * CS_SMDR_OPEN_MAX)

static unsigned
slot_of(const char *id)
{
	return cs_str_hash(id) % NSLOT;
}

/* The held call of id, or NULL. */
static struct cs_smdr_open *
find(struct cs_smdr_reader *r, const char *id)
{
	if (r->open == NULL || strlen(id) >= sizeof(r->open->id))
		return NULL;
	for (unsigned i = slot_of(id), n = 0; n < NSLOT; i = (i + 1) % NSLOT, n++) {
		struct cs_smdr_open *o = &r->open[i];

		if (o->state == 0)
			return NULL;
		if (o->state == 1 && strcmp(o->id, id) == 0)
			return o;
	}
	return NULL;
}

/* The free slot of id's probe: the first not held. */
static struct cs_smdr_open *
slot_for(struct cs_smdr_open *open, const char *id)
{
	unsigned i;

	for (i = slot_of(id); open[i].state == 1; i = (i + 1) % NSLOT)
		;
	return &open[i];
}

/*
 * Once as many slots were used as calls may be held, the calls still held
 * are put in a table of their own, the slots of the calls ended freed; a
 * table of calls whose last record never came (a stream whose calls never
 * end) is emptied: their later records, if any, are placed at their Call
 * Start.
 */
static void
compact(struct cs_smdr_reader *r)
{
	struct cs_smdr_open *held = calloc(NSLOT, sizeof(*held));
	int n = 0;

	for (unsigned i = 0; held != NULL && i < NSLOT; i++)
		if (r->open[i].state == 1)
			n++;
	if (held == NULL || n >= CS_SMDR_OPEN_MAX / 2) {
		free(held);
		memset(r->open, 0, NSLOT * sizeof(*r->open));
		r->nopen = 0;
		return;
	}
	for (unsigned i = 0; i < NSLOT; i++)
		if (r->open[i].state == 1)
			*slot_for(held, r->open[i].id) = r->open[i];
	free(r->open);
	r->open = held;
	r->nopen = n;
}

/* Holds the call id, its records so far having lasted offset seconds. */
static void
hold(struct cs_smdr_reader *r, const char *id, const struct cs_datetime *dt,
    int64_t t0, long offset, int twice)
{
	struct cs_smdr_open *o;

	if (strlen(id) >= sizeof(r->open->id))
		return;
	if (r->open == NULL &&
	    (r->open = calloc(NSLOT, sizeof(*r->open))) == NULL)
		return;		/* out of memory: placed at Call Start */
	if (r->nopen >= CS_SMDR_OPEN_MAX)
		compact(r);
	o = slot_for(r->open, id);
	if (o->state == 0)
		r->nopen++;	/* slots ever used: freed ones probe on */
	o->state = 1;
	strcpy(o->id, id);
	o->start = *dt;
	o->t0 = t0;
	o->offset = offset;
	o->twice = twice;
}

static int
same_time(const struct cs_datetime *a, const struct cs_datetime *b)
{
	return a->year == b->year && a->mon == b->mon && a->mday == b->mday &&
	    a->hour == b->hour && a->min == b->min && a->sec == b->sec;
}

static int64_t
dist(int64_t a, int64_t b)
{
	return a > b ? a - b : b - a;
}

/* The instant of a Call Start: in the repeated hour of the end of summer
 * time (*twice set), the one nearer the record before (records come as
 * calls end, a few minutes apart), else the earlier. */
static int64_t
instant(const struct cs_smdr_reader *r, const struct cs_datetime *dt,
    int *twice)
{
	int64_t t[2];

	*twice = 0;
	if (r->utc)
		return cs_utc_from_datetime(dt);
	if (cs_local_to_utc(dt, t) != 2)
		return t[0];	/* in the skipped hour: as mktime() reads it */
	*twice = 1;
	if (r->last == 0)
		return t[0];
	return dist(t[1], r->last) < dist(t[0], r->last) ? t[1] : t[0];
}

/* The town's side of the record: its device and name. */
static void
town_party(const struct cs_smdr_record *rec, const char **dev,
    const char **name)
{
	int second = !rec->inbound || *rec->f[CS_SMDR_P1_DEVICE] == 'T';

	*dev = rec->f[second ? CS_SMDR_P2_DEVICE : CS_SMDR_P1_DEVICE];
	*name = rec->f[second ? CS_SMDR_P2_NAME : CS_SMDR_P1_NAME];
}

void
cs_smdr_leg(struct cs_smdr_reader *r, const struct cs_config *cfg,
    const struct cs_smdr_record *rec, struct cs_gcsv_record *leg)
{
	const char *id = rec->f[CS_SMDR_CALL_ID], *dev, *name;
	struct cs_smdr_open *o = find(r, id);
	long off = 0, dur;
	int64_t t0;
	int twice;

	/* a call lasts 7 days at most: past it, a damaged stream */
	if (o != NULL && same_time(&o->start, &rec->start) &&
	    cs_log_time_ok(o->t0 + o->offset)) {
		t0 = o->t0;
		off = o->offset;
		twice = o->twice;
	} else
		t0 = instant(r, &rec->start, &twice);
	if (o != NULL)
		o->state = 2;	/* held again below if more follow */
	r->last = t0;
	dur = rec->ring + rec->connected + rec->hold + rec->park;
	if (rec->more && off + dur <= CS_LOG_DURATION_MAX)
		hold(r, id, &rec->start, t0, off + dur, twice);

	memset(leg, 0, sizeof(*leg));
	for (int i = 0; i < CS_GCSV_NFIELDS; i++)
		leg->f[i] = "";
	leg->start = t0 + off;
	leg->flags = twice ? CS_GCSV_FLAG_TWICE : 0;
	leg->answer = rec->connected > 0 ? leg->start + rec->ring : 0;
	leg->end = leg->start + dur;
	leg->duration = dur;
	leg->f[CS_GCSV_CALL_ID] = id;
	leg->f[CS_GCSV_CALLER] = rec->f[CS_SMDR_CALLER];
	/* from an extension with no caller (a virtual one's): Party1 */
	if (!rec->inbound && *rec->f[CS_SMDR_CALLER] == '\0' &&
	    *rec->f[CS_SMDR_P1_DEVICE] == 'E')
		leg->f[CS_GCSV_CALLER] = rec->f[CS_SMDR_P1_DEVICE] + 1;
	/* inbound: the DDI the caller dialled (Called Number may be where
	   the PBX sent it); outbound and internal: the digits dialled */
	leg->f[CS_GCSV_DIALLED] = rec->inbound ?
	    (*rec->f[CS_SMDR_DIALLED] != '\0' ? rec->f[CS_SMDR_DIALLED] :
	    rec->f[CS_SMDR_CALLED]) :
	    (*rec->f[CS_SMDR_CALLED] != '\0' ? rec->f[CS_SMDR_CALLED] :
	    rec->f[CS_SMDR_DIALLED]);

	town_party(rec, &dev, &name);
	leg->by = CS_GCSV_BY_NONE;
	leg->disp = rec->connected > 0 ? CS_GCSV_D_ANSWERED :
	    /* never rang (times are rounded up): busy, or refused */
	    rec->ring == 0 ? CS_GCSV_D_FAILED : CS_GCSV_D_NONE;
	if (rec->connected == 0 && *name != '\0' && cfg != NULL &&
	    cs_config_service_by(cfg, CS_TERM_QUEUE, name) >= 0) {
		leg->f[CS_GCSV_QUEUE] = name;
		return;
	}
	/* a channel of the PBX itself (voicemail, a tone, an announcement)
	   that never connected reached nobody */
	if (*dev == 'V' && rec->connected == 0)
		return;
	leg->f[CS_GCSV_DESTINATION] = *dev == 'E' ? dev + 1 : dev;
	if (rec->connected > 0)
		leg->by = *dev == 'V' ? CS_GCSV_BY_PBX :
		    *dev == 'E' || *dev == 'T' ? CS_GCSV_BY_HUMAN :
		    CS_GCSV_BY_NONE;
}
