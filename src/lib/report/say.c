/*
 * report/say.c: one figure's value, change or p-value in the reader's
 * words, and the table of a service's figures before and after.
 */
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "chartdata.h"
#include "report/parts.h"

#define MINUS "\xe2\x88\x92"
#define DASH "\xe2\x80\x94"

const struct cs_compare_row *
cs_report_cmp(const struct cs_report *r, const char *service,
    enum cs_kpi_fig f)
{
	for (size_t i = 0; i < r->ncmp; i++)
		if (r->cmp[i].fig == f && strcmp(r->cmp[i].service, service) == 0)
			return &r->cmp[i];
	return NULL;
}

const struct cs_kpi_row *
cs_report_svc(const struct cs_report *r, const char *service)
{
	for (size_t i = 0; i < r->nsvc; i++)
		if (strcmp(r->svc[i].service, service) == 0)
			return &r->svc[i];
	return NULL;
}

const char *
cs_report_label(const struct cs_report *r, const char *service)
{
	int i = cs_config_service(r->cfg, service);

	if (strcmp(service, CS_COMPARE_TOWN) == 0)
		return cs_lang_tr(r->L, "The town");
	if (i < 0)
		return cs_lang_tr(r->L, "Other calls (no service matched)");
	return r->cfg->services[i].label ? r->cfg->services[i].label :
	    r->cfg->services[i].name;
}

void
cs_say_figure(const struct cs_report *r, enum cs_kpi_fig f, char *buf,
    size_t size)
{
	const char *name = cs_kpi_name(f), *t = cs_chartdata_rate_title(name);
	char secs[32];

	switch (f) {
	case CS_KPI_OFFERED:
		t = "Calls offered";
		break;
	case CS_KPI_ASA:
		t = "Mean wait before an answer";
		break;
	case CS_KPI_WAIT_P50:
		t = "Median wait before an answer";
		break;
	case CS_KPI_WAIT_P90:
		t = "Wait that 90 % of the answered calls did not pass";
		break;
	case CS_KPI_HUMAN_WAIT_P90:
		t = "Wait for a person that 90 % of the calls did not pass";
		break;
	default:
		break;
	}
	if (t == NULL)
		t = name;
	if (f == CS_KPI_SERVICE_LEVEL || f == CS_KPI_SERVICE_LEVEL_ANSWERED) {
		cs_lang_seconds(r->L, r->cfg->service_level, 0, secs,
		    sizeof(secs));
		snprintf(buf, size, "%s (%s)", cs_lang_tr(r->L, t), secs);
	} else
		snprintf(buf, size, "%s", cs_lang_tr(r->L, t));
}

void
cs_say_count(const struct cs_report *r, double v, char *buf, size_t size)
{
	cs_lang_number(r->L, v, 0, buf, size);
}

void
cs_say_value(const struct cs_report *r, enum cs_kpi_fig f, int has,
    double v, double n, char *buf, size_t size)
{
	char num[32];
	const char *arg[1] = { num };

	if (!has) {
		snprintf(buf, size, DASH);
		return;
	}
	switch (cs_kpi_kind(f)) {
	case CS_COL_RATE:
		if (!isnan(n) && n < CS_REPORT_MIN_N) {
			cs_say_count(r, n, num, sizeof(num));
			cs_lang_fill(r->L, buf, size, "too few calls ({1})", 1,
			    arg);
		} else
			cs_lang_percent(r->L, v * 100, 1, buf, size);
		break;
	case CS_COL_SECONDS:
		cs_lang_seconds(r->L, v, v == floor(v) ? 0 : 1, buf, size);
		break;
	default:
		cs_say_count(r, v, buf, size);
		break;
	}
}

void
cs_say_change(const struct cs_report *r, enum cs_kpi_fig f, double diff,
    char *buf, size_t size)
{
	char num[32], signed_num[40];
	const char *sign = diff > 0 ? "+" : diff < 0 ? MINUS : "";
	const char *arg[1] = { signed_num };
	double a = fabs(diff);

	switch (cs_kpi_kind(f)) {
	case CS_COL_RATE:
		cs_lang_number(r->L, a * 100, 1, num, sizeof(num));
		snprintf(signed_num, sizeof(signed_num), "%s%s", sign, num);
		cs_lang_fill(r->L, buf, size, "{1}\xc2\xa0points", 1, arg);
		break;
	case CS_COL_SECONDS:
		cs_lang_seconds(r->L, a, a == floor(a) ? 0 : 1, num, sizeof(num));
		snprintf(buf, size, "%s%s", sign, num);
		break;
	default:
		cs_say_count(r, a, num, sizeof(num));
		snprintf(buf, size, "%s%s", sign, num);
		break;
	}
}

void
cs_say_p(const struct cs_report *r, int has, double p, char *buf,
    size_t size)
{
	char num[32];
	const char *arg[1] = { num };

	if (!has) {
		snprintf(buf, size, "%s", "");
		return;
	}
	if (p < 0.001) {
		cs_lang_number(r->L, 0.001, 3, num, sizeof(num));
		cs_lang_fill(r->L, buf, size, "p < {1}", 1, arg);
		return;
	}
	cs_lang_number(r->L, p, p < 0.01 ? 3 : 2, num, sizeof(num));
	cs_lang_fill(r->L, buf, size, p > 0.05 ? "not significant (p = {1})" :
	    "p = {1}", 1, arg);
}

/* "+26.9 to +28.4" for a change's 95 % interval, or "". */
static void
say_interval(const struct cs_report *r, const struct cs_compare_row *c,
    char *buf, size_t size)
{
	char lo[48], hi[48];
	const char *arg[2] = { lo, hi };

	if (!c->has[CS_CMP_DIFF_LOW] || !c->has[CS_CMP_DIFF_HIGH]) {
		snprintf(buf, size, "%s", "");
		return;
	}
	cs_say_change(r, c->fig, c->v[CS_CMP_DIFF_LOW], lo, sizeof(lo));
	cs_say_change(r, c->fig, c->v[CS_CMP_DIFF_HIGH], hi, sizeof(hi));
	/* in points, as the change beside it says: the numbers alone */
	if (cs_kpi_kind(c->fig) == CS_COL_RATE) {
		char *sp;

		if ((sp = strstr(lo, "\xc2\xa0")) != NULL)
			*sp = '\0';
		if ((sp = strstr(hi, "\xc2\xa0")) != NULL)
			*sp = '\0';
	}
	cs_lang_fill(r->L, buf, size, "{1} to {2}", 2, arg);
}

/* A side's value with its n: "70.1 % (n = 1,200)". */
static void
say_side(const struct cs_report *r, const struct cs_compare_row *c, int after,
    char *buf, size_t size)
{
	int v = after ? CS_CMP_AFTER : CS_CMP_BEFORE;
	int n = after ? CS_CMP_AFTER_N : CS_CMP_BEFORE_N;
	double nn = c->has[n] ? c->v[n] : NAN;
	char val[64], num[32], nbuf[64];
	const char *arg[1] = { num };

	cs_say_value(r, c->fig, c->has[v], c->v[v], nn, val, sizeof(val));
	if (!c->has[n] || cs_kpi_kind(c->fig) == CS_COL_COUNT ||
	    (cs_kpi_kind(c->fig) == CS_COL_RATE && nn < CS_REPORT_MIN_N)) {
		snprintf(buf, size, "%s", val);
		return;
	}
	/* the n on a line of its own, so that the column stays narrow */
	cs_say_count(r, nn, num, sizeof(num));
	cs_lang_fill(r->L, nbuf, sizeof(nbuf), "(n\xc2\xa0=\xc2\xa0{1})", 1, arg);
	snprintf(buf, size, "%s\n%s", val, nbuf);
}

void
cs_report_cmp_table(struct cs_report *r, const char *service)
{
	static const enum cs_doc_align align[6] = { CS_DOC_LEFT, CS_DOC_RIGHT,
		CS_DOC_RIGHT, CS_DOC_RIGHT, CS_DOC_RIGHT, CS_DOC_LEFT };
	const char *head[6];
	char cell[6][160];
	const char *row[6];

	head[0] = cs_lang_tr(r->L, "Figure");
	head[1] = cs_lang_tr(r->L, "Before");
	head[2] = cs_lang_tr(r->L, "After");
	head[3] = cs_lang_tr(r->L, "Change");
	head[4] = cs_lang_tr(r->L, "95 % interval of the change");
	head[5] = cs_lang_tr(r->L, "Significance");
	cs_doc_table(r->d, 6, head, align);
	for (int i = 0; i < 6; i++)
		row[i] = cell[i];
	/* the tested figures only, as before compare gave every figure:
	   the other counts and the means would double the table */
	for (size_t i = 0; i < cs_compare_ntested; i++) {
		const struct cs_compare_row *c = cs_report_cmp(r, service,
		    cs_compare_figs[i]);
		int small;

		if (c == NULL)
			continue;
		/* a rate with no value on either side says nothing here */
		if (!c->has[CS_CMP_BEFORE] && !c->has[CS_CMP_AFTER])
			continue;
		small = cs_kpi_kind(c->fig) == CS_COL_RATE &&
		    ((c->has[CS_CMP_BEFORE_N] && c->v[CS_CMP_BEFORE_N] <
		    CS_REPORT_MIN_N) || (c->has[CS_CMP_AFTER_N] &&
		    c->v[CS_CMP_AFTER_N] < CS_REPORT_MIN_N));
		cs_say_figure(r, c->fig, cell[0], sizeof(cell[0]));
		say_side(r, c, 0, cell[1], sizeof(cell[1]));
		say_side(r, c, 1, cell[2], sizeof(cell[2]));
		if (c->has[CS_CMP_DIFF] && !small)
			cs_say_change(r, c->fig, c->v[CS_CMP_DIFF], cell[3],
			    sizeof(cell[3]));
		else
			snprintf(cell[3], sizeof(cell[3]), DASH);
		if (small)
			cell[4][0] = '\0';
		else
			say_interval(r, c, cell[4], sizeof(cell[4]));
		cs_say_p(r, c->has[CS_CMP_P_VALUE] && !small,
		    c->v[CS_CMP_P_VALUE], cell[5], sizeof(cell[5]));
		cs_doc_row(r->d, row);
	}
}
