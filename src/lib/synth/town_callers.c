/* town_callers.c: who calls, and a call before it is decided (town.h). */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "privacy.h"
#include "town.h"

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


void
cs_town_caller_number(long idx, char out[24])
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

long
cs_town_new_caller(struct town *tw, struct cs_rng *r)
{
	/* a few residents call often, most now and then */
	return (long)((double)tw->pool * pow(cs_rng_uniform(r), 1.6));
}

/* ---- building calls ---- */

struct pcall *
cs_town_pcall_new(struct town *tw, struct cs_rng *parent, int path, int topic,
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

double
cs_town_patience(struct town *tw, struct cs_rng *r)
{
	double mean = tw->o->patience, sigma = 0.8;
	double v = cs_rng_lognormal(r, mean / exp(sigma * sigma / 2), sigma);

	return v < 3 ? 3 : v > 1800 ? 1800 : v;
}

void
cs_town_call_init(struct town *tw, struct pcall *p, struct cs_synth_call *c)
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
void
cs_town_present(struct town *tw, struct pcall *p, struct cs_synth_call *c)
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
	cs_town_caller_number(p->caller, num);
	c->name = caller_name(tw, p->caller, num);
	if (p->present33)
		snprintf(c->number, sizeof(c->number), "+33%.9s", num + 1);
	else
		snprintf(c->number, sizeof(c->number), "%s", num);
	cs_number_normalise(c->number, c->truth.caller, sizeof(c->truth.caller));
}
