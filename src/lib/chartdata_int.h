/*
 * chartdata_int.h: what the files of chartdata share, for chartdata*.c
 * only (the others use chartdata.h): CSV text as rows of fields
 * (chartdata_table.c), the periods and series of a model being built and
 * the calendar (chartdata_period.c), a heatmap from callstat-calls' CSV
 * (chartdata_heat.c).
 */
#ifndef CS_CHARTDATA_INT_H
#define CS_CHARTDATA_INT_H

#include <stddef.h>

#include "chartdata.h"

/* A row of the CSV: its n fields (NUL-terminated copies) and the line it
 * started on. */
struct cs_chartdata_row {
	char **f;
	int n;
	long line;
};

/* The CSV's rows, r[0] the header line; the rest is the reader's state. */
struct cs_chartdata_table {
	struct cs_chartdata_row *r;
	int n, cap;
	struct cs_chartdata_row cur;
	int curcap;
	long line;
	int nomem;
};

/* Reads the CSV text (len bytes, strict quoting) into t.  Returns 0, or -1
 * with err naming the line (t then holds nothing). */
int cs_chartdata_table_read(struct cs_chartdata_table *t, const char *text,
    size_t len, struct cs_error *err);

/* Frees what t holds and zeroes it. */
void cs_chartdata_table_free(struct cs_chartdata_table *t);

/* The index of column name in the header h, or -1. */
int cs_chartdata_col(const struct cs_chartdata_row *h, const char *name);

/* Whether row r of a table whose header is h is kept: 1 when it is, 0
 * when service is set and r's field ks (the service column) holds another,
 * -1 with err when r has not as many fields as h. */
int cs_chartdata_row_kept(const struct cs_chartdata_row *h,
    const struct cs_chartdata_row *r, int ks, const char *service,
    struct cs_error *err);

/* The number in field k of row r (column name, for the message) into *v,
 * NAN for an empty or missing field.  Returns 0, or -1 with err when it is
 * no number or is negative. */
int cs_chartdata_number(const struct cs_chartdata_row *r, int k,
    const char *name, double *v, struct cs_error *err);

/* Days in month m (1-12) of year y. */
int cs_chartdata_mdays(int y, int m);

/* Days since 1970-01-01 of a civil date. */
long cs_chartdata_days(int y, int m, int d);

/*
 * Fills c->periods with the distinct periods of ps (n of them, sorted in
 * place; the strings stay the caller's), and, when they are all days, all
 * months or all years, the ones missing between the first and the last.
 * Returns 0, or -1 with err (out of memory, more than 5000 periods).
 */
int cs_chartdata_periods(struct cs_chart *c, char **ps, int n,
    struct cs_error *err);

/* The index of period p in c's (sorted) periods, or -1. */
int cs_chartdata_period_index(const struct cs_chart *c, const char *p);

/* Appends a series named name (copied) with a value per period, none set
 * (has 0, n NAN).  Returns 0, or -1 when out of memory (the series may be
 * there, half made: cs_chart_release frees it). */
int cs_chartdata_series_add(struct cs_chart *c, const char *name);

/* The heatmap's model from callstat-calls' CSV t (read, at least a header
 * line), as cs_chartdata_read says.  Returns 0, or -1 with err. */
int cs_chartdata_heat_read(struct cs_chart *c, struct cs_chartdata_opts *o,
    const struct cs_chartdata_table *t, const struct cs_lang *L,
    struct cs_error *err);

#endif
