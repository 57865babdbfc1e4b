/*
 * report/method.h: two chapters of the council's report, built into its
 * document tree (report/doc.h) in the reader's language (lang.h):
 *
 * - Methodology (method.c): what a call is, which calls are counted,
 *   where a call belongs, the outcomes, every figure the report prints,
 *   how two periods are compared, the calendar and settings used, and a
 *   table of the configuration's services.  callstat-kpi(7)'s content in
 *   plain words, with the thresholds taken from the configuration.
 * - Data quality (quality.c): what the database's records cover, the
 *   files imported, days with no records where calls were expected, the
 *   lines rejected, the bot's sessions linked to no call, the repeated
 *   hour when summer time ends, and what the phone system's formats
 *   could not say.
 *
 * Both only read; they add blocks to d and return 0, or -1 with err
 * (a failed query; d->failed is left to cs_doc_ok for memory).
 */
#ifndef CS_REPORT_METHOD_H
#define CS_REPORT_METHOD_H

#include <stdint.h>

#include "config.h"
#include "db.h"
#include "error.h"
#include "lang.h"
#include "report/doc.h"

/*
 * A rate whose denominator is under this many calls is not printed as a
 * percentage: the report says "too few calls" instead (Methodology says
 * so in words, and the summary and service pages must use the same).
 */
#define CS_REPORT_MIN_N 30

/* The "Methodology" chapter (level 1), with its "Services" (level 2);
 * seed and resamples: the bootstrap's, as the comparisons ran it. */
int cs_report_method(struct cs_doc *d, const struct cs_config *cfg,
    const struct cs_lang *L, uint64_t seed, int resamples,
    struct cs_error *err);

/*
 * The "Data quality" chapter (level 1) of the local days from..to
 * (YYYY-MM-DD, inclusive; NULL: the days the derived tables hold).  Reads
 * db (a read-only handle is enough; an import may be writing meanwhile)
 * with queries that cost a few milliseconds whatever the size of the
 * records: no table of records is scanned.
 */
int cs_report_quality(struct cs_doc *d, struct cs_db *db,
    const struct cs_config *cfg, const char *from, const char *to,
    const struct cs_lang *L, struct cs_error *err);

#endif
