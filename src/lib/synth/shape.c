/*
 * shape.c: when a town's residents call, and one queue attempt.
 *
 * The numbers are plausible rather than measured: a town hall's phone is
 * busiest on Monday mornings, dips at lunch, is nearly silent at night and
 * on Sundays, slows down in August and at the end of December; schools
 * enrol in September, passports are renewed before the summer and
 * electoral rolls fill up in the weeks before an election.
 */
#include <string.h>

#include "synth.h"

enum cs_synth_kind
cs_synth_kind_of(const char *name)
{
	if (strstr(name, "accueil") != NULL || strstr(name, "standard") != NULL)
		return CS_SYNTH_ACCUEIL;
	if (strstr(name, "civil") != NULL || strstr(name, "elections") != NULL)
		return CS_SYNTH_ETAT_CIVIL;
	if (strstr(name, "urba") != NULL)
		return CS_SYNTH_URBANISME;
	if (strstr(name, "scol") != NULL || strstr(name, "ecole") != NULL ||
	    strstr(name, "enfance") != NULL)
		return CS_SYNTH_SCOLAIRE;
	if (strstr(name, "ccas") != NULL || strstr(name, "social") != NULL)
		return CS_SYNTH_SOCIAL;
	return CS_SYNTH_GENERIC;
}

double
cs_synth_day_factor(int year, int mon, int mday, int wday, int closed)
{
	static const double weekday[7] = { 1.25, 1.05, 0.95, 1.0, 0.85, 0.22, 0.06 };
	static const double month[12] = {
		1.08, 1.0, 1.02, 0.98, 0.92, 1.0, 0.82, 0.55, 1.15, 1.0, 0.95, 0.88
	};
	double f;

	(void)year;
	if (wday < 0 || wday > 6 || mon < 1 || mon > 12)
		return 0;
	f = weekday[wday] * month[mon - 1];
	if (closed && wday < 6)
		f = 0.08;
	if (mon == 12 && mday >= 24)
		f *= 0.6;
	if (mon == 1 && mday <= 2)
		f *= 0.7;
	return f;
}

/* First and second rounds of French elections: the electoral roll and
 * proxy votes bring calls in the six weeks before. */
static const int elections[] = {
	20120422, 20120506, 20120610, 20120617, 20140323, 20140330, 20140525,
	20150322, 20150329, 20151206, 20151213, 20170423, 20170507, 20170611,
	20170618, 20190526, 20200315, 20200628, 20210620, 20210627, 20220410,
	20220424, 20220612, 20220619, 20240609, 20240630, 20240707, 20260315,
	20260322,
};

static double
election_factor(int year, int mon, int mday)
{
	long day = (long)cs_days_from_civil(year, mon, mday);
	double f = 1.0;

	for (size_t i = 0; i < sizeof(elections) / sizeof(elections[0]); i++) {
		int e = elections[i];
		long ed = (long)cs_days_from_civil(e / 10000, e / 100 % 100, e % 100);
		long before = ed - day;

		/* rising over six weeks, highest in the last days */
		if (before >= 0 && before <= 42) {
			double g = 1.0 + 0.9 * (1.0 - (double)before / 42.0);

			if (g > f)
				f = g;
		}
	}
	return f;
}

double
cs_synth_season(enum cs_synth_kind kind, int year, int mon, int mday)
{
	switch (kind) {
	case CS_SYNTH_SCOLAIRE:
		if (mon == 9)
			return mday <= 20 ? 3.0 : 1.6;
		if (mon == 8)
			return mday >= 16 ? 2.4 : 0.35;
		if (mon == 7)
			return 0.6;
		if (mon == 3 || mon == 4)
			return 1.4;	/* enrolment for the next school year */
		if (mon == 6)
			return 1.3;	/* canteen and holiday centres */
		return 1.0;
	case CS_SYNTH_ETAT_CIVIL: {
		double f = mon >= 3 && mon <= 6 ? 1.45 : 1.0;	/* passports */

		if (mon == 8)
			f = 0.8;
		return f * election_factor(year, mon, mday);
	}
	case CS_SYNTH_URBANISME:
		return mon >= 4 && mon <= 7 ? 1.25 : mon == 12 ? 0.8 : 1.0;
	case CS_SYNTH_SOCIAL:
		return mon >= 11 || mon <= 2 ? 1.15 : mon == 8 ? 0.9 : 1.0;
	case CS_SYNTH_ACCUEIL:
	case CS_SYNTH_GENERIC:
		break;
	}
	return 1.0;
}

double
cs_synth_slot_weight(int wday, int closed, int slot)
{
	/* an ordinary weekday, per half hour from midnight */
	static const double weekday[48] = {
		0.02, 0.01, 0.01, 0.01, 0.01, 0.01, 0.01, 0.01, 0.01, 0.01,
		0.02, 0.02, 0.03, 0.05, 0.15, 0.30, 0.70, 1.30, 1.70, 1.80,
		1.80, 1.70, 1.50, 1.20, 0.55, 0.40, 0.50, 1.10, 1.40, 1.40,
		1.30, 1.20, 1.00, 0.90, 0.60, 0.35, 0.25, 0.18, 0.12, 0.10,
		0.06, 0.05, 0.04, 0.04, 0.03, 0.03, 0.02, 0.02,
	};
	/* Saturday: the morning; Sunday and holidays: a trickle by day */
	static const double saturday[48] = {
		0.02, 0.01, 0.01, 0.01, 0.01, 0.01, 0.01, 0.01, 0.01, 0.01,
		0.02, 0.02, 0.03, 0.05, 0.10, 0.20, 0.50, 1.00, 1.60, 1.80,
		1.80, 1.60, 1.20, 0.80, 0.40, 0.30, 0.30, 0.30, 0.30, 0.30,
		0.30, 0.30, 0.25, 0.25, 0.20, 0.20, 0.15, 0.12, 0.10, 0.08,
		0.06, 0.05, 0.04, 0.04, 0.03, 0.03, 0.02, 0.02,
	};
	double w;

	if (slot < 0 || slot > 47)
		return 0;
	if (closed || wday == 6) {
		if (slot < 16 || slot >= 40)
			return 0.02;
		return 0.5;
	}
	if (wday == 5)
		return saturday[slot];
	w = weekday[slot];
	if (wday == 0 && slot >= 16 && slot < 24)
		w *= 1.3;	/* Monday morning: the weekend's questions */
	return w;
}

void
cs_synth_queue_resolve(const struct cs_synth_member *m, int n, int64_t enter,
    long patience, long timeout, struct cs_synth_qresult *res)
{
	int64_t leave;
	int best = -1;

	if (n == 0) {
		res->exit = CS_SYNTH_Q_EMPTY;
		res->member = -1;
		res->at = enter;
		return;
	}
	if (patience < timeout) {
		res->exit = CS_SYNTH_Q_ABANDON;
		leave = enter + patience;
	} else {
		res->exit = CS_SYNTH_Q_TIMEOUT;
		leave = enter + timeout;
	}
	for (int i = 0; i < n; i++) {
		if (m[i].dial < 0 || m[i].dial >= leave || m[i].pick >= leave)
			continue;
		if (best < 0 || m[i].pick < m[best].pick)
			best = i;
	}
	if (best >= 0) {
		res->exit = CS_SYNTH_Q_CONNECT;
		res->member = best;
		res->at = m[best].pick;
	} else {
		res->member = -1;
		res->at = leave;
	}
}
