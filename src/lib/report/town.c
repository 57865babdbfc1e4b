/*
 * report/town.c: the town's pages: every service's rates side by side,
 * before and after; when people call (the weekday by hour heatmap); why
 * they called the bot (the intents, with what became of them).
 */
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "chartdb.h"
#include "chartwords.h"
#include "kpi_intent.h"
#include "report/parts.h"
#include "tool.h"

/* At most this many intents in the table; the rest are summed. */
#define MAX_INTENTS 15

static int
heatmap(struct cs_report *r, struct cs_error *err)
{
	struct cs_chartdata_heat *g = calloc(1, sizeof(*g));
	struct cs_chartwords_in wi;
	struct cs_chartwords *w = calloc(1, sizeof(*w));
	struct cs_chart c;
	int rc = -1;

	memset(&c, 0, sizeof(c));
	memset(&wi, 0, sizeof(wi));
	if (g == NULL || w == NULL) {
		cs_error_set(err, "out of memory");
		goto out;
	}
	if (cs_chartdb_heat(r->db, cs_tool_day_start(r->o->from, 0),
	    cs_tool_day_start(r->o->to, 1), r->o->service, 1, 0, g, err) != 0 ||
	    cs_chartdata_heat_model(&c, g, r->L, err) != 0)
		goto out;
	wi.type = CS_CHART_HEATMAP;
	wi.figure = "offered";
	wi.first = g->first;
	wi.last = g->last;
	c.min_n = CS_REPORT_MIN_N;
	cs_chartwords_fill(&c, &wi, w, r->L);
	cs_doc_chart(r->d, &c, 0.62);
	rc = cs_doc_ok(r->d, err);
out:
	cs_chart_release(&c);
	free(g);
	free(w);
	return rc;
}

static int
intents(struct cs_report *r, struct cs_error *err)
{
	struct cs_kpi_query q;
	struct cs_intent_row *rows = NULL;
	size_t n = 0;
	const char *head[6];
	char cell[6][160];
	const char *row[6] = { cell[0], cell[1], cell[2], cell[3], cell[4],
	    cell[5] };
	static const enum cs_intent_fig figs[5] = {
		CS_INTENT_SESSIONS, CS_INTENT_CALLS, CS_INTENT_CONTAINMENT_RATE,
		CS_INTENT_ESCALATION_RATE, CS_INTENT_FALLBACK_RATE
	};

	memset(&q, 0, sizeof(q));
	q.by_intent = 1;
	q.from = r->o->from;
	q.to = r->o->to;
	q.service = r->o->service;
	q.hours = r->o->hours;
	if (cs_kpi_intents(r->db, &q, &rows, &n, err) != 0)
		return -1;
	cs_doc_heading(r->d, 2, cs_lang_tr(r->L, "Why people called the bot"));
	if (n == 0) {
		cs_doc_para(r->d, CS_DOC_NORMAL, cs_lang_tr(r->L, "No session of "
		    "the voice bot was recorded in this period."));
		free(rows);
		return cs_doc_ok(r->d, err);
	}
	cs_doc_para(r->d, CS_DOC_NORMAL, cs_lang_tr(r->L, "The reason for "
	    "calling is the last intent the bot understood in the session. "
	    "Settled alone: the share of these calls the bot handled without "
	    "a person; not understood: the share of the callers' turns the bot "
	    "could not match to any intent."));
	head[0] = cs_lang_tr(r->L, "Reason for calling");
	head[1] = cs_lang_tr(r->L, "Sessions");
	head[2] = cs_lang_tr(r->L, "Calls");
	head[3] = cs_lang_tr(r->L, "Settled alone");
	head[4] = cs_lang_tr(r->L, "Handed to a person");
	head[5] = cs_lang_tr(r->L, "Not understood");
	cs_doc_table(r->d, 6, head, NULL);
	for (size_t i = 0; i < n && i < MAX_INTENTS; i++) {
		snprintf(cell[0], sizeof(cell[0]), "%s",
		    strcmp(rows[i].intent, "(none)") == 0 ?
		    cs_lang_tr(r->L, "(no intent understood)") : rows[i].intent);
		for (int f = 0; f < 5; f++) {
			enum cs_intent_fig k = figs[f];

			if (!rows[i].has[k])
				snprintf(cell[f + 1], sizeof(cell[0]),
				    "\xe2\x80\x94");
			else if (cs_intent_kind(k) == CS_COL_RATE)
				cs_lang_percent(r->L, rows[i].v[k] * 100, 1,
				    cell[f + 1], sizeof(cell[0]));
			else
				cs_lang_number(r->L, rows[i].v[k], 0,
				    cell[f + 1], sizeof(cell[0]));
		}
		cs_doc_row(r->d, row);
	}
	if (n > MAX_INTENTS) {
		char num[32], text[256];
		const char *arg[1] = { num };

		cs_lang_number(r->L, (double)(n - MAX_INTENTS), 0, num,
		    sizeof(num));
		cs_lang_fill(r->L, text, sizeof(text), "And {1} other reasons, "
		    "each less frequent (callstat-kpi --by intent lists them "
		    "all).", 1, arg);
		cs_doc_para(r->d, CS_DOC_NOTE, text);
	}
	free(rows);
	return cs_doc_ok(r->d, err);
}

int
cs_report_town(struct cs_report *r, struct cs_error *err)
{
	cs_doc_heading(r->d, 1, cs_lang_tr(r->L, "Every service together"));
	if (cs_report_chart(r, CS_CHART_RATE, "agent_answer_rate", NULL,
	    r->monthly, r->monthly_len, 85, err) != 0)
		return -1;
	if (r->has_before && cs_report_chart(r, CS_CHART_COMPARE, "answer_rate",
	    NULL, r->compare_csv, r->compare_len, NAN, err) != 0)
		return -1;
	cs_doc_heading(r->d, 2, cs_lang_tr(r->L, "When people call"));
	if (heatmap(r, err) != 0)
		return -1;
	return intents(r, err);
}
