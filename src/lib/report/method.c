/*
 * report/method.c: the report's Methodology chapter (method.h):
 * callstat-kpi(7)'s content in words a councillor can follow, exact
 * enough for an auditor to recompute every figure, with the thresholds
 * and the services of the town's configuration.
 *
 * Every sentence is an English msgid translated through the catalogue
 * (po/fr.po); numbers and names go in through cs_lang_fill's {1}..{9},
 * never through a format string a catalogue could change.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "report/method.h"
#include "stats.h"

#define TR(s) cs_lang_tr(L, (s))

/* An item of the list just begun: msgid translated, with its {1}..{n}
 * filled. */
static void
fill_item(struct cs_doc *d, const struct cs_lang *L, const char *msgid,
    int nargs, const char *const *args)
{
	char buf[2048];

	cs_lang_fill(L, buf, sizeof(buf), msgid, nargs, args);
	cs_doc_item(d, buf);
}

static void
calls_counted(struct cs_doc *d, const struct cs_config *cfg,
    const struct cs_lang *L)
{
	char sh[32];
	const char *a[1] = { sh };

	cs_lang_seconds(L, cfg->short_abandon, 0, sh, sizeof(sh));
	cs_doc_heading(d, 2, TR("Which calls are counted"));
	cs_doc_para(d, CS_DOC_NORMAL, TR("A call is one attempt by an outside "
	    "caller to reach the town hall, from the moment the phone system "
	    "sees it to the moment the caller hangs up. A call often leaves "
	    "several records behind (the bot, a transfer, a queue, an agent's "
	    "phone): all the records that share the phone system's identifier "
	    "of the call are one call, counted once."));
	cs_doc_list(d, CS_DOC_NORMAL);
	cs_doc_item(d, TR("Only calls from outside callers to the town are "
	    "counted. Calls the town makes, and calls from staff (the "
	    "configuration's [internal] list), are kept but never counted."));
	cs_doc_item(d, TR("Unless a page says otherwise, a call is counted "
	    "when it starts within its service's opening hours, on a day that "
	    "is neither a public holiday nor a day the town hall was closed. "
	    "Hours hold their start and not their end: 08:30-12:00 holds "
	    "08:30:00 but not 12:00:00. Calls outside the hours are counted "
	    "apart and shown beside where the report says so."));
	fill_item(d, L, "A call nobody answered that lasted {1} or less from "
	    "start to end is a short call: a misdial, not a lost caller. Short "
	    "calls are left out of the calls offered and shown beside them.",
	    1, a);
	cs_doc_item(d, TR("Callers are told apart by a pseudonymised number "
	    "(a keyed hash): no caller's phone number is stored in clear or "
	    "printed in this report."));

	cs_doc_heading(d, 2, TR("Where a call belongs"));
	cs_doc_para(d, CS_DOC_NORMAL, TR("Each call belongs to exactly one "
	    "service: the first of these rules that gives one, services tried "
	    "in the order of the table of services below."));
	cs_doc_list(d, CS_DOC_NORMAL);
	cs_doc_item(d, TR("1. The service of the queue the call last entered."));
	cs_doc_item(d, TR("2. For a call a person answered, the service of "
	    "the extension that answered it."));
	cs_doc_item(d, TR("3. For a call the bot handled alone, the service "
	    "the bot's conversation names, or else the service of the "
	    "caller's last request (the intents in the table of services)."));
	cs_doc_item(d, TR("4. The service of the number the caller dialled."));
	cs_doc_item(d, TR("5. Otherwise the service \"other\", which is "
	    "always open."));
}

static void
outcomes(struct cs_doc *d, const struct cs_config *cfg,
    const struct cs_lang *L)
{
	static const enum cs_doc_align al[2] = { CS_DOC_LEFT, CS_DOC_LEFT };
	const char *hdr[2], *row[2];
	char sh[32], abandoned[1024], shortc[1024];
	const char *a[1] = { sh };

	cs_lang_seconds(L, cfg->short_abandon, 0, sh, sizeof(sh));
	cs_doc_heading(d, 2, TR("What became of a call"));
	cs_doc_para(d, CS_DOC_NORMAL, TR("Each counted call has exactly one "
	    "outcome, decided in this order: a person answered; else the bot "
	    "answered and did not hand the call over; else what last happened "
	    "to the call decides. A line the phone system marks as answered is "
	    "not enough: only a person's or the bot's answer counts."));
	hdr[0] = TR("Outcome");
	hdr[1] = TR("Meaning");
	cs_doc_table(d, 2, hdr, al);
	row[0] = TR("Answered by a person");
	row[1] = TR("A person took the call: an agent or an extension "
	    "answered, directly or after the bot handed the call over.");
	cs_doc_row(d, row);
	row[0] = TR("Answered by the bot");
	row[1] = TR("The bot answered and no person did: the bot settled the "
	    "call alone, even when the caller hung up on the bot.");
	cs_doc_row(d, row);
	cs_lang_fill(L, abandoned, sizeof(abandoned), "The caller hung up "
	    "before anyone answered (for a call the bot handed over: before a "
	    "person answered), after more than {1}. A caller who hangs up "
	    "during the welcome message is abandoned too.", 1, a);
	row[0] = TR("Abandoned");
	row[1] = abandoned;
	cs_doc_row(d, row);
	cs_lang_fill(L, shortc, sizeof(shortc), "Would be abandoned, but "
	    "lasted {1} or less from start to end: a misdial. Not in the calls "
	    "offered; shown beside them.", 1, a);
	row[0] = TR("Short call");
	row[1] = shortc;
	cs_doc_row(d, row);
	row[0] = TR("Missed");
	row[1] = TR("The phone system gave up: nobody answered in time, the "
	    "line was busy or failed, the queue timed out or had nobody in "
	    "it.");
	cs_doc_row(d, row);
	row[0] = TR("Voicemail");
	row[1] = TR("The call ended in a voicemail box or a recorded message "
	    "only: answered by the phone system, by nobody.");
	cs_doc_row(d, row);
	cs_doc_para(d, CS_DOC_NORMAL, TR("A call is escalated when the bot "
	    "answered it and then handed it over to a person (a queue or an "
	    "extension). Escalation is not an outcome: an escalated call ends "
	    "as answered by a person, abandoned or missed."));
}

/* One line of the table of figures: "Answer rate\n[answer_rate]", its
 * definition. */
static void
figure(struct cs_doc *d, const char *label, const char *column,
    const char *def)
{
	char name[512];
	const char *row[2] = { name, def };

	snprintf(name, sizeof(name), "%s\n[%s]", label, column);
	cs_doc_row(d, row);
}

static void
figures(struct cs_doc *d, const struct cs_config *cfg,
    const struct cs_lang *L)
{
	static const enum cs_doc_align al[2] = { CS_DOC_LEFT, CS_DOC_LEFT };
	const char *hdr[2];
	char t[32], sl_label[256], sl_def[1024];
	const char *a[1] = { t };

	cs_lang_seconds(L, cfg->service_level, 0, t, sizeof(t));
	cs_doc_heading(d, 2, TR("The figures"));
	cs_doc_para(d, CS_DOC_NORMAL, TR("Each figure is computed per service "
	    "and period over the counted calls, short calls left out. Under "
	    "its name, in square brackets, the name callstat-kpi gives it, for "
	    "whoever recomputes it."));
	hdr[0] = TR("Figure");
	hdr[1] = TR("Definition");
	cs_doc_table(d, 2, hdr, al);
	figure(d, TR("Calls offered"), "offered",
	    TR("The counted calls, short calls left out."));
	figure(d, TR("Answer rate"), "answer_rate",
	    TR("Calls answered by the bot or by a person, divided by the "
	    "calls offered."));
	figure(d, TR("Agent answer rate"), "agent_answer_rate",
	    TR("Calls a person answered, divided by the calls that needed a "
	    "person: those the bot handed over, and those that rang an "
	    "extension or entered a queue, whatever became of them. The "
	    "state's 85% target counts this rate only: the bot can lift the "
	    "answer rate near 100% while this one stays flat."));
	figure(d, TR("Abandon rate"), "abandon_rate",
	    TR("Abandoned calls divided by the calls offered."));
	cs_lang_fill(L, sl_label, sizeof(sl_label), "Service level ({1})", 1,
	    a);
	cs_lang_fill(L, sl_def, sizeof(sl_def), "Calls answered (by the bot "
	    "or by a person) within {1} of their start, divided by the calls "
	    "offered.", 1, a);
	figure(d, sl_label, "service_level", sl_def);
	figure(d, TR("Waits"), "asa, wait_p50, wait_p90",
	    TR("For each answered call, the seconds from its start to its "
	    "first answer by the bot or by a person; a welcome message or a "
	    "menu played before counts as waiting. The report gives their "
	    "mean, their median and their 90th percentile, nearest-rank: the "
	    "smallest wait such that at least half (or 90%) of the waits are "
	    "no longer."));
	figure(d, TR("Wait for a person"), "human_wait_p90",
	    TR("For each call a person answered, the seconds from the moment "
	    "it was offered to people (its start, or the bot's hand-over) to "
	    "the person's answer; the report gives the 90th percentile."));
	figure(d, TR("Bot sessions"), "bot_sessions",
	    TR("Calls the bot answered."));
	figure(d, TR("Containment"), "containment_rate",
	    TR("Calls the bot settled alone, divided by the calls the bot "
	    "answered."));
	figure(d, TR("Containment within 24 h"), "containment_24h",
	    TR("The same, counting only the callers who did not call again "
	    "(any service) within 24 hours; withheld numbers left out."));
	figure(d, TR("Escalation rate"), "escalation_rate",
	    TR("Calls the bot handed to a person, divided by the calls the "
	    "bot answered."));
	figure(d, TR("Handed-over calls a person answered"),
	    "escalation_answer_rate",
	    TR("Of the calls the bot handed over, the share a person "
	    "answered; the others were abandoned or missed after the "
	    "hand-over."));
	figure(d, TR("Call back within 2 h or 24 h"),
	    "callback_2h, callback_24h",
	    TR("Of the lost calls (abandoned or missed) whose number was not "
	    "withheld, the share whose caller called the town again (any "
	    "service) within 2 hours (or 24 hours) and got an answer."));
	figure(d, TR("Repeat within 24 h"), "repeat_24h",
	    TR("Of the calls offered whose number was not withheld, the share "
	    "whose caller had already called the same service in the 24 hours "
	    "before."));
	cs_doc_para(d, CS_DOC_NORMAL, TR("Rates are shown as percentages with "
	    "one decimal, rounded only when printed. A rate whose denominator "
	    "is 0, or a mean of no call, is shown as \"—\", never as 0."));
}

static void
comparison(struct cs_doc *d, const struct cs_lang *L, uint64_t boot_seed,
    int resamples)
{
	char n[32], res[32], seed[32];
	const char *a[2];

	cs_doc_heading(d, 2, TR("Before and after"));
	cs_doc_para(d, CS_DOC_NORMAL, TR("The report compares two periods, "
	    "usually before and after the bot went live, and gives the number "
	    "of calls of both."));
	cs_doc_list(d, CS_DOC_NORMAL);
	cs_doc_item(d, TR("For a rate: the value of each period with its 95% "
	    "confidence interval (Wilson's score interval), the difference in "
	    "points with its 95% interval (Newcombe's hybrid score method), "
	    "and the two-sided p-value of the two-proportion z-test "
	    "(pooled)."));
	cs_lang_number(L, resamples, 0, res, sizeof(res));
	snprintf(seed, sizeof(seed), "%llu", (unsigned long long)boot_seed);
	a[0] = res;
	a[1] = seed;
	fill_item(d, L, "For the waits: a 95% interval of the difference from "
	    "a bootstrap of {1} resamples (seed {2}, so that a second run gives "
	    "the same interval), and the two-sided p-value of the Mann-Whitney "
	    "U test (normal approximation with tie correction, without "
	    "continuity correction).", 2, a);
	cs_doc_item(d, TR("A difference whose p-value is over 0.05 is written "
	    "as \"not significant\": chance alone could have made it."));
	snprintf(n, sizeof(n), "%d", CS_REPORT_MIN_N);
	a[0] = n;
	fill_item(d, L, "A rate whose denominator is under {1} calls is not "
	    "given as a percentage: the report says \"too few calls\" instead, "
	    "since a single call would move it by several points.", 1, a);
}

static const char *
holidays_words(const struct cs_config *cfg, const struct cs_lang *L)
{
	switch (cfg->holidays) {
	case CS_HOLIDAYS_FR:
		return TR("French public holidays (fr)");
	case CS_HOLIDAYS_FR_ALSACE_MOSELLE:
		return TR("French public holidays, with Good Friday and 26 "
		    "December (fr-alsace-moselle)");
	case CS_HOLIDAYS_NONE:
		break;
	}
	return TR("none");
}

/* The closed days in words, "a, b, c", into buf. */
static void
closed_days(const struct cs_config *cfg, const struct cs_lang *L, char *buf,
    size_t size)
{
	size_t o = 0;

	buf[0] = '\0';
	if (cfg->nclosed == 0) {
		snprintf(buf, size, "%s", TR("none"));
		return;
	}
	for (size_t i = 0; i < cfg->nclosed && o < size; i++) {
		char day[64];
		int k = cfg->closed[i];

		cs_lang_day(L, k / 10000, k / 100 % 100, k % 100, day,
		    sizeof(day));
		o += (size_t)snprintf(buf + o, size - o, "%s%s",
		    i > 0 ? ", " : "", day);
	}
}

static void
settings(struct cs_doc *d, const struct cs_config *cfg,
    const struct cs_lang *L)
{
	char buf[4096], v[64];
	const char *a[1];

	cs_doc_heading(d, 2, TR("Calendar and settings"));
	cs_doc_list(d, CS_DOC_NORMAL);
	a[0] = cfg->timezone != NULL ? cfg->timezone : "Europe/Paris";
	fill_item(d, L, "Time zone: {1}. Days, weeks (ISO weeks, Monday "
	    "first), months and years are cut in this zone, and a call belongs "
	    "to the period in which it started.", 1, a);
	a[0] = holidays_words(cfg, L);
	fill_item(d, L, "Public holidays: {1}.", 1, a);
	closed_days(cfg, L, buf, sizeof(buf));
	a[0] = buf;
	fill_item(d, L, "Days the town hall was closed: {1}.", 1, a);
	if (cfg->go_live[0] != '\0') {
		int y = 0, m = 0, dd = 0;

		if (sscanf(cfg->go_live, "%d-%d-%d", &y, &m, &dd) == 3)
			cs_lang_day(L, y, m, dd, v, sizeof(v));
		else
			snprintf(v, sizeof(v), "%s", cfg->go_live);
		a[0] = v;
		fill_item(d, L, "The bot went live on {1}.", 1, a);
	} else
		cs_doc_item(d, TR("The bot's go-live date: not set."));
	cs_lang_seconds(L, cfg->service_level, 0, v, sizeof(v));
	a[0] = v;
	fill_item(d, L, "Service level threshold: {1}.", 1, a);
	cs_lang_seconds(L, cfg->short_abandon, 0, v, sizeof(v));
	fill_item(d, L, "Short calls: {1} or less.", 1, a);
	if (cfg->dial_timeout > 0) {
		cs_lang_seconds(L, cfg->dial_timeout, 0, v, sizeof(v));
		fill_item(d, L, "A ring nobody answered that lasted {1} or more "
		    "counts as missed rather than abandoned, where no queue log "
		    "says what happened.", 1, a);
	}
}

/* The values of m's terms of kind k, joined by ", ", into buf; "—"
 * when none. */
static void
terms(const struct cs_match *m, enum cs_term_kind k, char *buf, size_t size)
{
	size_t o = 0;
	int n = 0;

	buf[0] = '\0';
	for (size_t i = 0; i < m->n && o < size; i++) {
		if (m->t[i].kind != k)
			continue;
		o += (size_t)snprintf(buf + o, size - o, "%s%s",
		    n++ > 0 ? ", " : "", m->t[i].value);
	}
	if (n == 0)
		snprintf(buf, size, "—");
}

static void
services(struct cs_doc *d, const struct cs_config *cfg,
    const struct cs_lang *L)
{
	static const enum cs_doc_align al[6] = { CS_DOC_LEFT, CS_DOC_LEFT,
	    CS_DOC_LEFT, CS_DOC_LEFT, CS_DOC_LEFT, CS_DOC_LEFT };
	const char *hdr[6], *row[6];
	char name[512], did[1024], queue[1024], ext[1024], intents[1024];

	cs_doc_heading(d, 2, TR("Services"));
	cs_doc_para(d, CS_DOC_NORMAL, TR("The services of the town's "
	    "configuration, in the order in which the rules above try them: "
	    "the numbers callers dial, the queues, the staff's extensions and "
	    "the opening hours that place a call in a service."));
	hdr[0] = TR("Service");
	hdr[1] = TR("Numbers dialled");
	hdr[2] = TR("Queues");
	hdr[3] = TR("Extensions");
	hdr[4] = TR("Opening hours");
	hdr[5] = TR("Reasons for calling (intents)");
	cs_doc_table(d, 6, hdr, al);
	for (size_t i = 0; i < cfg->nservices; i++) {
		const struct cs_service *s = &cfg->services[i];
		size_t o = 0;

		if (s->label != NULL && strcmp(s->label, s->name) != 0)
			snprintf(name, sizeof(name), "%s (%s)", s->label,
			    s->name);
		else
			snprintf(name, sizeof(name), "%s", s->name);
		terms(&s->match, CS_TERM_DID, did, sizeof(did));
		terms(&s->match, CS_TERM_QUEUE, queue, sizeof(queue));
		terms(&s->match, CS_TERM_EXT, ext, sizeof(ext));
		intents[0] = '\0';
		for (size_t j = 0; j < s->nintents && o < sizeof(intents); j++)
			o += (size_t)snprintf(intents + o, sizeof(intents) - o,
			    "%s%s", j > 0 ? ", " : "", s->intents[j]);
		if (s->nintents == 0)
			snprintf(intents, sizeof(intents), "—");
		row[0] = name;
		row[1] = did;
		row[2] = queue;
		row[3] = ext;
		row[4] = s->has_hours && s->hours_text != NULL ? s->hours_text :
		    TR("always open");
		row[5] = intents;
		cs_doc_row(d, row);
	}
	if (cfg->nservices == 0)
		cs_doc_para(d, CS_DOC_NORMAL, TR("The configuration names no "
		    "service: every call belongs to the service \"other\"."));
	else
		cs_doc_para(d, CS_DOC_NOTE, TR("A call no rule places belongs "
		    "to the service \"other\", which is always open. Public "
		    "holidays and closed days close every other service."));
}

int
cs_report_method(struct cs_doc *d, const struct cs_config *cfg,
    const struct cs_lang *L, uint64_t seed, int resamples,
    struct cs_error *err)
{
	if (d == NULL || cfg == NULL)
		return cs_error_set(err, "report: no document or configuration");
	cs_doc_heading(d, 1, TR("Methodology"));
	cs_doc_para(d, CS_DOC_NORMAL, TR("This chapter says what every figure "
	    "of the report means and which settings were used, so that anyone "
	    "can recompute the figures from the phone system's records. They "
	    "come from the same code as callstat-kpi and callstat-compare."));
	calls_counted(d, cfg, L);
	outcomes(d, cfg, L);
	figures(d, cfg, L);
	comparison(d, L, seed, resamples > 0 ? resamples : CS_STATS_RESAMPLES);
	settings(d, cfg, L);
	services(d, cfg, L);
	return 0;
}
