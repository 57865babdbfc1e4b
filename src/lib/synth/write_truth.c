/*
 * write_truth.c: truth.csv, one row per call with what the model decided
 * (callstat-kpi(7)'s facts of that call), in the order the calls started;
 * its last column names the bot's session of the call (write_bot.c's
 * truth_sessions.csv says how it must link).
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "synth.h"

struct cs_synth_truthw {
	const struct cs_synth_town *town;
	FILE *fp;
	char *path;
	struct cs_synth_heap h;
	long long bytes;
};

static const char header[] = "call_id,start,start_local,direction,service,"
    "in_hours,outcome,wait,human_wait,talk,abandon_wait,escalated,"
    "bot_answered,needed_agent,caller,session\n";

struct cs_synth_truthw *
cs_synth_truth_open(const struct cs_synth_town *town, const char *dir,
    struct cs_error *err)
{
	struct cs_synth_truthw *w = calloc(1, sizeof(*w));
	size_t n = strlen(dir) + sizeof("/truth.csv");

	if (w == NULL || (w->path = malloc(n)) == NULL) {
		free(w);
		cs_error_set(err, "out of memory");
		return NULL;
	}
	w->town = town;
	snprintf(w->path, n, "%s/truth.csv", dir);
	if ((w->fp = fopen(w->path, "w")) == NULL) {
		cs_error_set(err, "%s: %s", w->path, strerror(errno));
		free(w->path);
		free(w);
		return NULL;
	}
	setvbuf(w->fp, NULL, _IOFBF, 1 << 20);
	fputs(header, w->fp);
	w->bytes = sizeof(header) - 1;
	return w;
}

static void
opt(char *out, size_t n, long v)
{
	if (v < 0)
		out[0] = '\0';
	else
		snprintf(out, n, "%ld", v);
}

int
cs_synth_truth_put(struct cs_synth_truthw *w, const struct cs_synth_call *c)
{
	const struct cs_synth_truth *t = &c->truth;
	const struct cs_config *cfg = w->town->cfg;
	char line[512], local[20], wa[24], hw[24], tk[24], aw[24];
	const char *dir = c->dir == CS_SYNTH_INBOUND ? "inbound" :
	    c->dir == CS_SYNTH_INTERNAL ? "internal" : "outbound";
	const char *svc = "";
	int n;

	if (c->dir == CS_SYNTH_INBOUND)
		svc = t->service >= 0 ? cfg->services[t->service].name : "other";
	cs_synth_format_time(c->start, 0, local);
	opt(wa, sizeof(wa), t->wait);
	opt(hw, sizeof(hw), t->human_wait);
	opt(tk, sizeof(tk), t->talk);
	opt(aw, sizeof(aw), t->abandon_wait);
	n = snprintf(line, sizeof(line),
	    "%lld.%llu,%lld,%s,%s,%s,%d,%s,%s,%s,%s,%s,%d,%d,%d,%s,%s\n",
	    (long long)c->start, (unsigned long long)c->chan, (long long)c->start,
	    local, dir, svc, c->dir == CS_SYNTH_INBOUND ? t->in_hours : 0,
	    t->outcome != NULL ? t->outcome : "", wa, hw, tk, aw, t->escalated,
	    t->bot_answered, t->needed_agent, t->caller,
	    c->sess.on ? c->sess.id : "");
	if (n < 0 || (size_t)n >= sizeof(line))
		return -1;
	return cs_synth_heap_push(&w->h, c->start, line, (size_t)n);
}

int
cs_synth_truth_advance(struct cs_synth_truthw *w, int64_t now)
{
	return cs_synth_heap_flush(&w->h, now, w->fp, &w->bytes);
}

int
cs_synth_truth_close(struct cs_synth_truthw *w, struct cs_synth_stats *st,
    struct cs_error *err)
{
	int rc = 0;

	if (w == NULL)
		return 0;
	if (err != NULL && cs_synth_heap_flush(&w->h, INT64_MAX, w->fp, &w->bytes) != 0)
		rc = -1;
	if ((ferror(w->fp) | fclose(w->fp)) != 0 || rc != 0) {
		cs_error_set(err, "%s: write error: %s", w->path, strerror(errno));
		rc = -1;
	}
	(void)st;
	cs_synth_heap_release(&w->h);
	free(w->path);
	free(w);
	return rc;
}
