/*
 * chartwords.h: the words around a chart (its title, value axis, caption,
 * target and go-live labels) in the reader's language, made in one place
 * so that callstat-chart and the council's report draw the same chart
 * with the same words.
 */
#ifndef CS_CHARTWORDS_H
#define CS_CHARTWORDS_H

#include "draw/chart.h"
#include "lang.h"

struct cs_chartwords_in {
	enum cs_chart_type type;
	const char *figure;	/* rate, compare: the rate's column; heatmap:
				   "lost" for the calls lost */
	const char *service;	/* appended to the title, or NULL */
	double target;		/* rate, compare: a target in percent, NAN */
	double threshold;	/* wait: the service level's seconds */
	const char *go_live;	/* YYYY-MM-DD, "" or NULL: no marker */
	const char *source;	/* what the caption names as the source, NULL:
				   the tool whose CSV the chart reads */
	const char *periods;	/* compare: the periods compared in words, or
				   "" when not known */
	const char *first, *last;	/* funnel, heatmap: the periods summed */
};

/* Where the words live while the chart is drawn. */
struct cs_chartwords {
	char title[256], ylabel[256], caption[1024], span[256];
	char golive_label[256], target_label[128];
};

/*
 * Sets c's type, lang, title, ylabel, caption, target, target_label,
 * go_live and go_live_label from in (c's periods must be filled: the
 * go-live marker's position and the caption's span come from them); the
 * strings point into w, which must outlive c's drawing.
 */
void cs_chartwords_fill(struct cs_chart *c, const struct cs_chartwords_in *in,
    struct cs_chartwords *w, const struct cs_lang *L);

/* "before the bot: D1 – D2; after: D3 – D4" in words, for in->periods. */
void cs_chartwords_periods(const struct cs_lang *L, const char *before_from,
    const char *before_to, const char *after_from, const char *after_to,
    char *buf, size_t size);

#endif
