/*
 * chartwords.c: the words around a chart (chartwords.h).
 */
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "chartdata.h"
#include "chartwords.h"

#define DASH " \xe2\x80\x94 "
#define EN_DASH " \xe2\x80\x93 "

void
cs_chartwords_periods(const struct cs_lang *L, const char *before_from,
    const char *before_to, const char *after_from, const char *after_to,
    char *buf, size_t size)
{
	char d[4][64];
	const char *day[4] = { before_from, before_to, after_from, after_to };

	for (int i = 0; i < 4; i++)
		cs_lang_period(L, day[i], d[i], sizeof(d[i]));
	snprintf(buf, size, "%s %s" EN_DASH "%s%s%s %s" EN_DASH "%s",
	    cs_lang_tr(L, "before the bot:"), d[0], d[1], cs_lang_tr(L, "; "),
	    cs_lang_tr(L, "after:"), d[2], d[3]);
}

static void
titles(struct cs_chart *c, const struct cs_chartwords_in *in,
    struct cs_chartwords *w, const struct cs_lang *L)
{
	char num[64];
	int lost = in->figure && strcmp(in->figure, "lost") == 0;

	c->target = NAN;
	if (in->type == CS_CHART_RATE || in->type == CS_CHART_COMPARE) {
		snprintf(w->title, sizeof(w->title), "%s%s%s", cs_lang_tr(L,
		    cs_chartdata_rate_title(in->figure)),
		    in->type == CS_CHART_COMPARE ? DASH : "",
		    in->type == CS_CHART_COMPARE ?
		    cs_lang_tr(L, "before and after the bot") : "");
		snprintf(w->ylabel, sizeof(w->ylabel), "%s",
		    cs_lang_tr(L, "Percent of the calls"));
		if (!isnan(in->target)) {
			c->target = in->target / 100;
			cs_lang_percent(L, in->target, in->target ==
			    floor(in->target) ? 0 : 1, num, sizeof(num));
			snprintf(w->target_label, sizeof(w->target_label),
			    "%s %s", cs_lang_tr(L, "Target"), num);
			c->target_label = w->target_label;
		}
	} else if (in->type == CS_CHART_VOLUME || in->type == CS_CHART_FUNNEL) {
		snprintf(w->title, sizeof(w->title), "%s", cs_lang_tr(L,
		    in->type == CS_CHART_VOLUME ? "Calls by outcome" :
		    "From the call to its outcome"));
		snprintf(w->ylabel, sizeof(w->ylabel), "%s",
		    cs_lang_tr(L, "Calls"));
	} else if (in->type == CS_CHART_HEATMAP) {
		snprintf(w->title, sizeof(w->title), "%s", cs_lang_tr(L, lost ?
		    "Calls lost by weekday and hour" :
		    "Calls offered by weekday and hour"));
		snprintf(w->ylabel, sizeof(w->ylabel), "%s",
		    cs_lang_tr(L, "Calls"));
	} else {
		snprintf(w->title, sizeof(w->title), "%s",
		    cs_lang_tr(L, "Wait before an answer"));
		snprintf(w->ylabel, sizeof(w->ylabel), "%s",
		    cs_lang_tr(L, "Seconds"));
		c->target = in->threshold;
		cs_lang_seconds(L, in->threshold, 0, num, sizeof(num));
		snprintf(w->target_label, sizeof(w->target_label), "%s %s",
		    cs_lang_tr(L, "Service level"), num);
		c->target_label = w->target_label;
	}
	if (in->service) {
		size_t l = strlen(w->title);
		snprintf(w->title + l, sizeof(w->title) - l, DASH "%s",
		    in->service);
	}
	c->title = w->title;
	c->ylabel = w->ylabel;
}

static void
caption(struct cs_chart *c, const struct cs_chartwords_in *in,
    struct cs_chartwords *w, const struct cs_lang *L)
{
	const char *src = in->source, *per = in->periods ? in->periods : "";
	int lost = in->figure && strcmp(in->figure, "lost") == 0;
	size_t l;

	if (in->type == CS_CHART_FUNNEL || in->type == CS_CHART_HEATMAP) {
		/* the periods summed, not the stages (or the hours) */
		char f[64], t[64];
		cs_lang_period(L, in->first ? in->first : "", f, sizeof(f));
		cs_lang_period(L, in->last ? in->last : "", t, sizeof(t));
		if (strcmp(f, t))
			snprintf(w->span, sizeof(w->span), "%s" EN_DASH "%s", f, t);
		else
			snprintf(w->span, sizeof(w->span), "%s", f);
	} else
		cs_chartdata_span(c, L, w->span, sizeof(w->span));
	if (in->type == CS_CHART_HEATMAP)
		snprintf(w->caption, sizeof(w->caption), "%s %s. %s %s, %s. %s",
		    cs_lang_tr(L, "Period:"), w->span, cs_lang_tr(L, "Source:"),
		    src ? src : "callstat-calls", cs_lang_tr(L, "calls in "
		    "opening hours, as callstat-calls prints them"),
		    cs_lang_tr(L, lost ? "Blank: no call. Lost: abandoned or "
		    "missed. Counts, not shares: a busy hour loses more calls; "
		    "compare with the calls offered (--figure offered)." :
		    "Blank: no call. Offered: every call but the short ones "
		    "(misdials)."));
	else if (in->type == CS_CHART_COMPARE)
		snprintf(w->caption, sizeof(w->caption), "%s%s%s%s%s %s. %s",
		    *per ? cs_lang_tr(L, "Periods:") : "", *per ? " " : "", per,
		    *per ? ". " : "", cs_lang_tr(L, "Source:"), src ? src :
		    "callstat-compare", cs_lang_tr(L, "Bars: 95 % intervals. Not "
		    "significant: p > 0.05."));
	else
		snprintf(w->caption, sizeof(w->caption), "%s %s. %s %s.",
		    cs_lang_tr(L, "Period:"), w->span, cs_lang_tr(L, "Source:"),
		    src ? src : "callstat-kpi");
	l = strlen(w->caption);
	if (in->type == CS_CHART_RATE || in->type == CS_CHART_COMPARE)
		snprintf(w->caption + l, sizeof(w->caption) - l, " %s %s.",
		    cs_lang_tr(L, "n:"),
		    cs_lang_tr(L, cs_chartdata_rate_nwords(in->figure)));
	else if (in->type == CS_CHART_WAIT)
		snprintf(w->caption + l, sizeof(w->caption) - l, " %s %s.",
		    cs_lang_tr(L, "n:"), cs_lang_tr(L, "calls answered"));
	c->caption = w->caption;
}

void
cs_chartwords_fill(struct cs_chart *c, const struct cs_chartwords_in *in,
    struct cs_chartwords *w, const struct cs_lang *L)
{
	c->type = in->type;
	c->lang = L;
	titles(c, in, w, L);
	c->go_live = NAN;
	c->go_live_label = NULL;
	if (in->type != CS_CHART_HEATMAP && in->go_live && *in->go_live)
		c->go_live = cs_chartdata_position(c, in->go_live);
	if (!isnan(c->go_live)) {
		int y, m, d;
		char num[64];

		sscanf(in->go_live, "%d-%d-%d", &y, &m, &d);
		cs_lang_day(L, y, m, d, num, sizeof(num));
		snprintf(w->golive_label, sizeof(w->golive_label), "%s %s",
		    cs_lang_tr(L, "Bot live from"), num);
		c->go_live_label = w->golive_label;
	}
	caption(c, in, w, L);
}
