/*
 * chartdb.h: what callstat-chart -d draws, read from the database through
 * the same library calls as the tools whose CSV it otherwise reads, so
 * that a chart from the database equals the chart of that CSV piped in.
 * Needs the configuration's time zone in force (cs_tool_open_read).
 */
#ifndef CS_CHARTDB_H
#define CS_CHARTDB_H

#include <stddef.h>
#include <stdint.h>

#include "chartdata.h"
#include "config.h"
#include "db.h"
#include "error.h"
#include "compare.h"
#include "kpi.h"

/*
 * The CSV callstat-kpi --by service,month --csv would print for q (every
 * figure, rates as fractions), through cs_kpi_compute and
 * cs_output_write: *text (len bytes, NUL-terminated) is the caller's to
 * free().  Returns 0, or -1 with err.
 */
int cs_chartdb_kpi_csv(struct cs_db *db, const struct cs_config *cfg,
    const struct cs_kpi_query *q, char **text, size_t *len,
    struct cs_error *err);

/*
 * The CSV callstat-compare --csv would print for q, through cs_compare_run
 * and cs_output_write: *text (len bytes) is the caller's to free(), and
 * *periods the periods compared.  Returns 0, or -1 with err
 * (cs_compare_run's: no go_live, no data on a side).
 */
int cs_chartdb_compare_csv(struct cs_db *db, const struct cs_config *cfg,
    const struct cs_compare_query *q, struct cs_compare_periods *periods,
    char **text, size_t *len, struct cs_error *err);

/* The CSV of rows as cs_chartdb_kpi_csv (q: the columns) and
 * cs_chartdb_compare_csv write them, for rows already computed. */
int cs_chartdb_kpi_rows_csv(const struct cs_kpi_query *q,
    const struct cs_kpi_row *rows, size_t nrows, char **text, size_t *len,
    struct cs_error *err);
int cs_chartdb_compare_rows_csv(const struct cs_compare_row *rows,
    size_t nrows, char **text, size_t *len, struct cs_error *err);

/*
 * Adds to g (cs_chartdata_heat_add) every inbound call of the calls table
 * that callstat-calls would print with the same --from and --to (the
 * instants from <= start < to, as cs_tool_day_start makes them), -s
 * (NULL: every service) and hours (in_hours 1 or 0, or -1 for every
 * call), its start in local time.  Returns 0, or -1 with err.
 */
int cs_chartdb_heat(struct cs_db *db, int64_t from, int64_t to,
    const char *service, int in_hours, int lost,
    struct cs_chartdata_heat *g, struct cs_error *err);

#endif
