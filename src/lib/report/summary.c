/*
 * report/summary.c: the page a councillor reads aloud: the answer rate
 * and the rate of answers by a person, before and after, what the bot
 * did with the calls it took, the waits, the calls lost and the calls out
 * of hours, in sentences; then the town's table of figures.
 */
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "report/parts.h"

#define TEXT 1024

/* "the year before" or "over March 2023 – February 2024". */
static void
before_words(const struct cs_report *r, char *buf, size_t size)
{
	const char *arg[1] = { r->before };

	if (r->year_before)
		snprintf(buf, size, "%s", cs_lang_tr(r->L, "the year before"));
	else
		cs_lang_fill(r->L, buf, size, "over {1}", 1, arg);
}

/* The value of f in the period, and its n, from the comparison or from
 * the period's own figures. */
static int
now(const struct cs_report *r, const char *service, enum cs_kpi_fig f,
    double *v, double *n)
{
	const struct cs_kpi_row *k = strcmp(service, CS_COMPARE_TOWN) == 0 ?
	    r->town : cs_report_svc(r, service);

	if (k == NULL || !k->has[f])
		return 0;
	*v = k->v[f];
	*n = cs_kpi_kind(f) == CS_COL_RATE ? k->den[f] : NAN;
	return 1;
}

void
cs_report_rate_sentence(struct cs_report *r, const char *service,
    enum cs_kpi_fig f, enum cs_doc_style style)
{
	const struct cs_compare_row *c = r->has_before ?
	    cs_report_cmp(r, service, f) : NULL;
	char val[64], bval[64], diff[64], lo[64], hi[64], bw[192], p[96];
	char text[TEXT], num[32];
	const char *arg[8];
	double v, n;
	int agent = f == CS_KPI_AGENT_ANSWER_RATE;

	if (!now(r, service, f, &v, &n))
		return;
	if (n < CS_REPORT_MIN_N) {
		cs_say_count(r, n, num, sizeof(num));
		arg[0] = r->period;
		arg[1] = num;
		cs_lang_fill(r->L, text, sizeof(text), agent ?
		    "Over {1}, {2} calls were offered to a person: too few to "
		    "give a percentage." : "Over {1}, {2} calls were offered: "
		    "too few to give a percentage.", 2, arg);
		cs_doc_para(r->d, style, text);
		return;
	}
	cs_lang_percent(r->L, v * 100, 1, val, sizeof(val));
	arg[0] = r->period;
	arg[1] = val;
	if (c == NULL || !c->has[CS_CMP_BEFORE] ||
	    c->v[CS_CMP_BEFORE_N] < CS_REPORT_MIN_N) {
		cs_lang_fill(r->L, text, sizeof(text), agent ? "Over {1}, people "
		    "answered {2} of the calls offered to them (the agent answer "
		    "rate: the state's 85 % target counts this one only)." :
		    "Over {1}, {2} of the calls were answered.", 2, arg);
		cs_doc_para(r->d, style, text);
		return;
	}
	cs_lang_percent(r->L, c->v[CS_CMP_BEFORE] * 100, 1, bval, sizeof(bval));
	before_words(r, bw, sizeof(bw));
	cs_say_change(r, f, c->v[CS_CMP_DIFF], diff, sizeof(diff));
	arg[2] = bval;
	arg[3] = bw;
	arg[4] = diff;
	if (c->has[CS_CMP_DIFF_LOW] && c->has[CS_CMP_DIFF_HIGH]) {
		char *sp;

		cs_say_change(r, f, c->v[CS_CMP_DIFF_LOW], lo, sizeof(lo));
		cs_say_change(r, f, c->v[CS_CMP_DIFF_HIGH], hi, sizeof(hi));
		/* the unit once: "+26.9 to +28.4 points" reads "+26.9 to
		   +28.4" after "+27.7 points" */
		if ((sp = strstr(lo, "\xc2\xa0")) != NULL)
			*sp = '\0';
		if ((sp = strstr(hi, "\xc2\xa0")) != NULL)
			*sp = '\0';
		arg[5] = lo;
		arg[6] = hi;
		cs_lang_fill(r->L, text, sizeof(text), agent ? "Over {1}, people "
		    "answered {2} of the calls offered to them, against {3} {4} "
		    "({5}; 95 % confidence interval: {6} to {7}). This is the "
		    "agent answer rate: the state's 85 % target counts this one "
		    "only." : "Over {1}, {2} of the calls were answered, against "
		    "{3} {4} ({5}; 95 % confidence interval: {6} to {7}).", 7, arg);
	} else
		cs_lang_fill(r->L, text, sizeof(text), agent ? "Over {1}, people "
		    "answered {2} of the calls offered to them, against {3} {4} "
		    "({5})." : "Over {1}, {2} of the calls were answered, against "
		    "{3} {4} ({5}).", 5, arg);
	if (c->has[CS_CMP_P_VALUE] && c->v[CS_CMP_P_VALUE] > 0.05) {
		size_t l = strlen(text);

		cs_say_p(r, 1, c->v[CS_CMP_P_VALUE], p, sizeof(p));
		arg[0] = p;
		text[l++] = ' ';
		cs_lang_fill(r->L, text + l, sizeof(text) - l, "This difference "
		    "is not significant ({1}): it may be chance.", 1, arg);
	}
	cs_doc_para(r->d, style, text);
}

/* What the bot did with the calls it answered. */
static void
bot(struct cs_report *r, const struct cs_kpi_row *t)
{
	char a[5][48], text[TEXT];
	const char *arg[5] = { a[0], a[1], a[2], a[3], a[4] };
	double esc = t->v[CS_KPI_ESCALATED];
	double esc_agent = t->num[CS_KPI_ESCALATION_ANSWER_RATE];

	/* a log that cannot carry the bot's sessions (lacks.h): what it
	   does carry, the calls the bot settled alone */
	if (!t->has[CS_KPI_BOT_SESSIONS] && t->v[CS_KPI_BOT] > 0) {
		cs_say_count(r, t->v[CS_KPI_BOT], a[0], sizeof(a[0]));
		cs_lang_fill(r->L, text, sizeof(text), "The voice bot settled "
		    "{1} calls alone. The phone system's log does not say when "
		    "the bot handed a call to a person, so neither the calls it "
		    "answered nor those it handed over can be counted.", 1, arg);
		cs_doc_para(r->d, CS_DOC_NORMAL, text);
		return;
	}
	if (t->v[CS_KPI_BOT_SESSIONS] == 0) {
		cs_doc_para(r->d, CS_DOC_NORMAL, cs_lang_tr(r->L, "The voice bot "
		    "answered no call in this period."));
		return;
	}
	cs_say_count(r, t->v[CS_KPI_BOT_SESSIONS], a[0], sizeof(a[0]));
	cs_say_count(r, t->v[CS_KPI_BOT], a[1], sizeof(a[1]));
	cs_say_value(r, CS_KPI_CONTAINMENT_RATE, t->has[CS_KPI_CONTAINMENT_RATE],
	    t->v[CS_KPI_CONTAINMENT_RATE], t->den[CS_KPI_CONTAINMENT_RATE], a[2],
	    sizeof(a[2]));
	cs_say_count(r, esc, a[3], sizeof(a[3]));
	cs_lang_fill(r->L, text, sizeof(text), "The voice bot answered {1} "
	    "calls. It settled {2} of them alone (containment: {3}) and handed "
	    "{4} to a person.", 4, arg);
	if (esc > 0) {
		size_t l = strlen(text);

		cs_say_count(r, esc_agent, a[0], sizeof(a[0]));
		cs_say_count(r, esc - esc_agent, a[1], sizeof(a[1]));
		cs_say_value(r, CS_KPI_ESCALATION_ANSWER_RATE, 1,
		    t->v[CS_KPI_ESCALATION_ANSWER_RATE], esc, a[2], sizeof(a[2]));
		text[l++] = ' ';
		cs_lang_fill(r->L, text + l, sizeof(text) - l, "Of the calls "
		    "handed over, a person answered {1} ({3}); {2} callers hung "
		    "up or were not answered after the hand-over.", 3, arg);
	}
	cs_doc_para(r->d, CS_DOC_NORMAL, text);
}

/* The waits, against the period before when there is one. */
static void
waits(struct cs_report *r, const struct cs_kpi_row *t)
{
	const struct cs_compare_row *c50 = cs_report_cmp(r, CS_COMPARE_TOWN,
	    CS_KPI_WAIT_P50), *c90 = cs_report_cmp(r, CS_COMPARE_TOWN,
	    CS_KPI_WAIT_P90);
	char a[7][96], text[TEXT];
	const char *arg[7] = { a[0], a[1], a[2], a[3], a[4], a[5], a[6] };

	if (!t->has[CS_KPI_WAIT_P50])
		return;
	cs_say_value(r, CS_KPI_WAIT_P50, 1, t->v[CS_KPI_WAIT_P50], NAN, a[0],
	    sizeof(a[0]));
	cs_say_value(r, CS_KPI_WAIT_P90, 1, t->v[CS_KPI_WAIT_P90], NAN, a[1],
	    sizeof(a[1]));
	cs_say_value(r, CS_KPI_ASA, t->has[CS_KPI_ASA], t->v[CS_KPI_ASA], NAN,
	    a[2], sizeof(a[2]));
	cs_say_value(r, CS_KPI_SERVICE_LEVEL, t->has[CS_KPI_SERVICE_LEVEL],
	    t->v[CS_KPI_SERVICE_LEVEL], t->den[CS_KPI_SERVICE_LEVEL], a[3],
	    sizeof(a[3]));
	cs_lang_seconds(r->L, r->cfg->service_level, 0, a[4], sizeof(a[4]));
	if (r->has_before && c50 && c90 && c50->has[CS_CMP_BEFORE] &&
	    c90->has[CS_CMP_BEFORE]) {
		cs_say_value(r, CS_KPI_WAIT_P50, 1, c50->v[CS_CMP_BEFORE], NAN,
		    a[5], sizeof(a[5]));
		cs_say_value(r, CS_KPI_WAIT_P90, 1, c90->v[CS_CMP_BEFORE], NAN,
		    a[6], sizeof(a[6]));
		cs_lang_fill(r->L, text, sizeof(text), "Half of the callers who "
		    "got an answer waited {1} or less, nine in ten {2} or less "
		    "(against {6} and {7} before); {3} on average. {4} of the "
		    "calls were answered within {5}.", 7, arg);
		if (c90->has[CS_CMP_P_VALUE] && c90->v[CS_CMP_P_VALUE] > 0.05) {
			size_t l = strlen(text);
			char p[96];
			const char *pa[1] = { p };

			cs_say_p(r, 1, c90->v[CS_CMP_P_VALUE], p, sizeof(p));
			text[l++] = ' ';
			cs_lang_fill(r->L, text + l, sizeof(text) - l, "The change "
			    "in the waits is not significant ({1}).", 1, pa);
		}
	} else
		cs_lang_fill(r->L, text, sizeof(text), "Half of the callers who "
		    "got an answer waited {1} or less, nine in ten {2} or less; "
		    "{3} on average. {4} of the calls were answered within {5}.",
		    5, arg);
	cs_doc_para(r->d, CS_DOC_NORMAL, text);
}

/* The calls lost, and the callers who got through later. */
static void
lost(struct cs_report *r, const struct cs_kpi_row *t)
{
	char a[3][64], text[TEXT];
	const char *arg[3] = { a[0], a[1], a[2] };

	if (t->v[CS_KPI_LOST] == 0)
		return;
	cs_say_count(r, t->v[CS_KPI_LOST], a[0], sizeof(a[0]));
	cs_say_value(r, CS_KPI_ABANDON_RATE, t->has[CS_KPI_ABANDON_RATE],
	    t->v[CS_KPI_ABANDON_RATE], t->den[CS_KPI_ABANDON_RATE], a[1],
	    sizeof(a[1]));
	cs_say_value(r, CS_KPI_CALLBACK_24H, t->has[CS_KPI_CALLBACK_24H],
	    t->v[CS_KPI_CALLBACK_24H], t->den[CS_KPI_CALLBACK_24H], a[2],
	    sizeof(a[2]));
	/* a log that cannot tell the two apart (lacks.h) leaves the rate
	   empty: said in words */
	if (!t->has[CS_KPI_ABANDON_RATE] && t->den[CS_KPI_ABANDON_RATE] == 0 &&
	    t->v[CS_KPI_OFFERED] > 0) {
		arg[1] = arg[2];
		cs_lang_fill(r->L, text, sizeof(text), "{1} calls were lost: the "
		    "caller hung up before an answer, or the phone system gave "
		    "up; its log cannot tell the two apart. Of the lost callers "
		    "whose number is known, {2} called again and got an answer "
		    "within 24 hours.", 2, arg);
	} else
		cs_lang_fill(r->L, text, sizeof(text), "{1} calls were lost: the "
		    "caller hung up before an answer, or the phone system gave "
		    "up (abandon rate: {2}). Of the lost callers whose number is "
		    "known, {3} called again and got an answer within 24 hours.",
		    3, arg);
	cs_doc_para(r->d, CS_DOC_NORMAL, text);
}

/* The calls out of opening hours, which the figures above leave out. */
static void
night(struct cs_report *r)
{
	const struct cs_kpi_row *n = r->night;
	char a[3][48], text[TEXT];
	const char *arg[3] = { a[0], a[1], a[2] };

	if (n == NULL || n->v[CS_KPI_OFFERED] == 0)
		return;
	cs_say_count(r, n->v[CS_KPI_OFFERED], a[0], sizeof(a[0]));
	cs_say_count(r, n->v[CS_KPI_ANSWERED], a[1], sizeof(a[1]));
	cs_say_count(r, n->v[CS_KPI_BOT], a[2], sizeof(a[2]));
	cs_lang_fill(r->L, text, sizeof(text), "Outside opening hours, {1} "
	    "calls came in: {2} were answered, {3} of them by the bot. They are "
	    "not counted in the figures above.", 3, arg);
	cs_doc_para(r->d, CS_DOC_NORMAL, text);
}

int
cs_report_summary(struct cs_report *r, struct cs_error *err)
{
	const struct cs_kpi_row *t = r->town;
	const char *arg[2] = { r->period, r->before };
	char text[TEXT];

	cs_doc_heading(r->d, 1, cs_lang_tr(r->L, "Summary"));
	if (t == NULL || t->v[CS_KPI_OFFERED] + t->v[CS_KPI_SHORT] == 0) {
		cs_lang_fill(r->L, text, sizeof(text), "No call was recorded "
		    "over {1}: there is nothing to report for this period. See "
		    "the data quality section for what the database holds.", 1,
		    arg);
		cs_doc_para(r->d, CS_DOC_LEAD, text);
		return 0;
	}
	cs_report_rate_sentence(r, CS_COMPARE_TOWN, CS_KPI_ANSWER_RATE,
	    CS_DOC_LEAD);
	cs_report_rate_sentence(r, CS_COMPARE_TOWN, CS_KPI_AGENT_ANSWER_RATE,
	    CS_DOC_LEAD);
	bot(r, t);
	waits(r, t);
	lost(r, t);
	night(r);
	if (!r->has_before) {
		cs_lang_fill(r->L, text, sizeof(text), "No call was recorded over "
		    "{2}: there is nothing to compare this period with.", 2, arg);
		cs_doc_para(r->d, CS_DOC_NOTE, text);
	} else {
		cs_doc_heading(r->d, 2, cs_lang_tr(r->L, "The town's figures, "
		    "before and after"));
		cs_lang_fill(r->L, text, sizeof(text), "Before: {2}. After: {1}. "
		    "Calls in opening hours; n: the calls each rate or wait is "
		    "counted over.", 2, arg);
		cs_doc_para(r->d, CS_DOC_NOTE, text);
		cs_report_cmp_table(r, CS_COMPARE_TOWN);
	}
	return cs_doc_ok(r->d, err);
}
