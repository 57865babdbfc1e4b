/*
 * report/report.h: the council's report (callstat-report(1)) built as a
 * document tree (doc.h) from a database and its configuration: a cover,
 * the contents, a summary in plain words, a section per service with its
 * figures before and after and its charts, the town's pages, the
 * methodology and the data's quality.  Every number comes from
 * cs_kpi_compute or cs_compare_run, the code of callstat-kpi and
 * callstat-compare; nothing is computed here but the words.
 */
#ifndef CS_REPORT_H
#define CS_REPORT_H

#include <stdint.h>

#include "config.h"
#include "db.h"
#include "error.h"
#include "kpi.h"
#include "lang.h"
#include "report/doc.h"

struct cs_report_opts {
	/* the period reported, local days inclusive; "" for both: the twelve
	   months that end with the last month holding a call; one "": from
	   the first day or to the last day holding a call */
	char from[11], to[11];
	/* the period it is compared with; "": the same days a year before */
	char before_from[11], before_to[11];
	const char *service;		/* NULL: every service */
	enum cs_kpi_hours hours;	/* the calls counted (in hours) */
	uint64_t seed;			/* the bootstrap's, as callstat-compare */
	int resamples;			/* 0: CS_STATS_RESAMPLES */
	int64_t made;			/* when it is made (the cover, the PDF's
					   dates) */
	const struct cs_lang *L;
};

/*
 * Settles o's periods (from the database when not given) and builds the
 * report into d.  A period or a service without calls is said in words;
 * the report is still made.  Returns 0, or -1 with err when the database
 * cannot be read (or no call at all is in it, to settle a default
 * period) or memory ran out.
 */
int cs_report_build(struct cs_doc *d, struct cs_db *db,
    const struct cs_config *cfg, struct cs_report_opts *o,
    struct cs_error *err);

#endif
