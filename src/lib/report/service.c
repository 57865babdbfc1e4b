/*
 * report/service.c: a section per service: its figures before and after
 * in a sentence and a table, and callstat-chart's charts of it (the rate
 * with the go-live marker, the volume by outcome, the waits, the bot's
 * funnel).
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "chartdata.h"
#include "chartdb.h"
#include "chartwords.h"
#include "report/parts.h"

int
cs_report_chart(struct cs_report *r, enum cs_chart_type type,
    const char *figure, const char *service, const char *text, size_t len,
    double target, struct cs_error *err)
{
	struct cs_chart c;
	struct cs_chartdata_opts co;
	struct cs_chartwords_in wi;
	struct cs_chartwords *w = NULL;
	char periods[512] = "";

	memset(&c, 0, sizeof(c));
	memset(&co, 0, sizeof(co));
	memset(&wi, 0, sizeof(wi));
	co.type = type;
	co.figure = figure;
	co.service = service;
	co.lost = type == CS_CHART_HEATMAP && figure &&
	    strcmp(figure, "lost") == 0;
	if (cs_chartdata_read(&c, &co, text, len, r->L, err) != 0) {
		cs_chart_release(&c);
		/* no call, or none of this service's, in these periods:
		   nothing to draw, and the words say so */
		if (strncmp(err->msg, "no row", 6) == 0 ||
		    strncmp(err->msg, "no data", 7) == 0)
			return 0;
		return -1;
	}
	if ((w = calloc(1, sizeof(*w))) == NULL) {
		cs_chart_release(&c);
		return cs_error_set(err, "out of memory");
	}
	if (type == CS_CHART_COMPARE)
		cs_chartwords_periods(r->L, r->o->before_from, r->o->before_to,
		    r->o->from, r->o->to, periods, sizeof(periods));
	wi.type = type;
	wi.figure = figure;
	wi.service = service ? cs_report_label(r, service) : NULL;
	wi.target = target;
	wi.threshold = r->cfg->service_level;
	wi.go_live = r->cfg->go_live;
	wi.periods = periods;
	/* the funnel's rows are the period's whole: name its days */
	wi.first = type == CS_CHART_FUNNEL ? r->o->from : co.first;
	wi.last = type == CS_CHART_FUNNEL ? r->o->to : co.last;
	c.min_n = CS_REPORT_MIN_N;
	cs_chartwords_fill(&c, &wi, w, r->L);
	cs_doc_chart(r->d, &c, type == CS_CHART_HEATMAP ? 0.62 : 0.5);
	free(w);
	return cs_doc_ok(r->d, err);
}

/* The services with calls in either period, in the configuration's
 * order, "other" last, each once. */
static int
has_calls(const struct cs_report *r, const char *service)
{
	if (cs_report_svc(r, service) != NULL)
		return 1;
	return r->has_before &&
	    cs_report_cmp(r, service, CS_KPI_OFFERED) != NULL;
}

static int
service(struct cs_report *r, const char *name, const char *period_csv,
    size_t period_len, struct cs_error *err)
{
	const struct cs_kpi_row *k = cs_report_svc(r, name);
	const char *arg[2] = { r->period, r->before };
	char text[512];

	cs_doc_heading(r->d, 1, cs_report_label(r, name));
	if (k == NULL || k->v[CS_KPI_OFFERED] == 0) {
		cs_lang_fill(r->L, text, sizeof(text), "No call to this service "
		    "was counted over {1}.", 1, arg);
		cs_doc_para(r->d, CS_DOC_LEAD, text);
	} else {
		cs_report_rate_sentence(r, name, CS_KPI_ANSWER_RATE, CS_DOC_LEAD);
		cs_report_rate_sentence(r, name, CS_KPI_AGENT_ANSWER_RATE,
		    CS_DOC_NORMAL);
	}
	if (r->has_before) {
		cs_lang_fill(r->L, text, sizeof(text), "Before: {2}. After: {1}.",
		    2, arg);
		cs_doc_para(r->d, CS_DOC_NOTE, text);
		cs_report_cmp_table(r, name);
	}
	if (cs_report_chart(r, CS_CHART_RATE, "answer_rate", name, r->monthly,
	    r->monthly_len, NAN, err) != 0 ||
	    cs_report_chart(r, CS_CHART_VOLUME, NULL, name, r->monthly,
	    r->monthly_len, NAN, err) != 0 ||
	    cs_report_chart(r, CS_CHART_WAIT, NULL, name, r->monthly,
	    r->monthly_len, NAN, err) != 0)
		return -1;
	if (k != NULL && k->v[CS_KPI_BOT_SESSIONS] > 0 &&
	    cs_report_chart(r, CS_CHART_FUNNEL, NULL, name, period_csv,
	    period_len, NAN, err) != 0)
		return -1;
	return cs_doc_ok(r->d, err);
}

int
cs_report_services(struct cs_report *r, struct cs_error *err)
{
	struct cs_kpi_query q;
	char *csv = NULL;
	size_t len = 0;
	int rc = -1;

	/* the period's rows by service, as callstat-kpi --by service --csv,
	   for the funnels */
	memset(&q, 0, sizeof(q));
	q.by_service = 1;
	if (cs_chartdb_kpi_rows_csv(&q, r->svc, r->nsvc, &csv, &len, err) != 0)
		return -1;
	for (size_t i = 0; i <= r->cfg->nservices; i++) {
		const char *name = i < r->cfg->nservices ?
		    r->cfg->services[i].name : "other";

		if (r->o->service && strcmp(r->o->service, name) != 0)
			continue;
		/* "other" only when some call went there; a configured
		   service always has its section */
		if (i == r->cfg->nservices && !has_calls(r, name))
			continue;
		if (service(r, name, csv, len, err) != 0)
			goto out;
	}
	rc = 0;
out:
	free(csv);
	return rc;
}
