/*
 * kpi_intent.h: the reasons for calling, from the bot's sessions
 * (callstat-kpi(7), "By intent"): per intent, its sessions, the calls they
 * were linked to, how many of those the bot handled alone or handed over,
 * how often it did not understand, and how long and how many turns.
 */
#ifndef CS_KPI_INTENT_H
#define CS_KPI_INTENT_H

#include <stddef.h>

#include "db.h"
#include "error.h"
#include "kpi.h"

enum cs_intent_fig {
	CS_INTENT_SESSIONS, CS_INTENT_CALLS, CS_INTENT_CONTAINMENT_RATE,
	CS_INTENT_ESCALATION_RATE, CS_INTENT_FALLBACK_RATE,
	CS_INTENT_HANDLING_TIME, CS_INTENT_TURNS,
	CS_INTENT_NFIGS
};

/* The figure's name (the CSV column) and kind. */
const char *cs_intent_name(enum cs_intent_fig f);
enum cs_col_kind cs_intent_kind(enum cs_intent_fig f);

struct cs_intent_row {
	char intent[128];		/* "(none)": no intent understood */
	double v[CS_INTENT_NFIGS];
	int has[CS_INTENT_NFIGS];	/* 0: empty (no denominator) */
};

/*
 * The sessions that start in q's days (and, with q->service, whose call
 * belongs to that service), per intent, the most frequent first.  *rows is
 * the caller's to free().  Reentrant, as cs_kpi_compute.
 */
int cs_kpi_intents(struct cs_db *db, const struct cs_kpi_query *q,
    struct cs_intent_row **rows, size_t *nrows, struct cs_error *err);

#endif
