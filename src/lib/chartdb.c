/*
 * chartdb.c: callstat-chart -d's data (chartdb.h): callstat-kpi's CSV made
 * in memory by the same calls, and the calls table binned for a heatmap.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <sqlite3.h>

#include "chartdb.h"
#include "output.h"
#include "timeutil.h"

/* t as CSV, as the tools print it, in *text (len bytes, the caller's to
 * free()); 0, or -1 with err and *text NULL. */
static int
csv_text(const struct cs_table *t, char **text, size_t *len,
    struct cs_error *err)
{
	FILE *fp = open_memstream(text, len);

	if (fp == NULL)
		return cs_error_set(err, "out of memory");
	if (cs_output_write(fp, t, CS_OUT_CSV, err) != 0) {
		fclose(fp);
		goto fail;
	}
	if (fclose(fp) != 0) {
		cs_error_set(err, "out of memory");
		goto fail;
	}
	return 0;
fail:
	free(*text);
	*text = NULL;
	*len = 0;
	return -1;
}

int
cs_chartdb_kpi_rows_csv(const struct cs_kpi_query *q,
    const struct cs_kpi_row *rows, size_t nrows, char **text, size_t *len,
    struct cs_error *err)
{
	struct cs_column col[2 + CS_KPI_NFIGS];
	struct cs_cell *cells = NULL;
	struct cs_table t;
	size_t nc = 0;
	int rc;

	*text = NULL;
	*len = 0;
	/* the columns of callstat-kpi --csv: its groupings, every figure */
	if (q->by_service)
		col[nc++] = (struct cs_column){ "service", NULL, CS_COL_TEXT };
	if (q->by_period)
		col[nc++] = (struct cs_column){ "period", NULL, CS_COL_TEXT };
	for (int f = 0; f < CS_KPI_NFIGS; f++)
		col[nc++] = (struct cs_column){ cs_kpi_name(f), NULL,
		    cs_kpi_kind(f) };
	if (!(cells = calloc(nrows * nc + 1, sizeof(*cells))))
		return cs_error_set(err, "out of memory");
	for (size_t r = 0; r < nrows; r++) {
		struct cs_cell *c = &cells[r * nc];
		if (q->by_service)
			*c++ = (struct cs_cell){ CS_CELL_TEXT, 0, rows[r].service };
		if (q->by_period)
			*c++ = (struct cs_cell){ CS_CELL_TEXT, 0, rows[r].period };
		for (int f = 0; f < CS_KPI_NFIGS; f++)
			c[f] = (struct cs_cell){ rows[r].has[f] ? CS_CELL_NUMBER :
			    CS_CELL_EMPTY, rows[r].v[f], NULL };
	}
	t.col = col;
	t.ncols = nc;
	t.cell = cells;
	t.nrows = nrows;
	rc = csv_text(&t, text, len, err);
	free(cells);
	return rc;
}

int
cs_chartdb_kpi_csv(struct cs_db *db, const struct cs_config *cfg,
    const struct cs_kpi_query *q, char **text, size_t *len,
    struct cs_error *err)
{
	struct cs_kpi_row *rows = NULL;
	size_t nrows = 0;
	int rc = -1;

	*text = NULL;
	*len = 0;
	if (cs_kpi_compute(db, cfg, q, &rows, &nrows, err) == 0)
		rc = cs_chartdb_kpi_rows_csv(q, rows, nrows, text, len, err);
	free(rows);
	return rc;
}

int
cs_chartdb_compare_rows_csv(const struct cs_compare_row *rows, size_t nrows,
    char **text, size_t *len, struct cs_error *err)
{
	struct cs_column col[2 + CS_CMP_NVALS];
	struct cs_cell *cells = NULL;
	struct cs_table t;
	int rc;

	*text = NULL;
	*len = 0;
	/* callstat-compare --csv's columns: figure, service, every value */
	col[0] = (struct cs_column){ "figure", NULL, CS_COL_TEXT };
	col[1] = (struct cs_column){ "service", NULL, CS_COL_TEXT };
	for (int v = 0; v < CS_CMP_NVALS; v++)
		col[2 + v] = (struct cs_column){ cs_compare_val_name(v), NULL,
		    CS_COL_COUNT };
	if (!(cells = calloc(nrows * (2 + CS_CMP_NVALS) + 1, sizeof(*cells))))
		return cs_error_set(err, "out of memory");
	for (size_t i = 0; i < nrows; i++) {
		struct cs_cell *c = &cells[i * (2 + CS_CMP_NVALS)];
		c[0] = (struct cs_cell){ CS_CELL_TEXT, 0, cs_kpi_name(rows[i].fig) };
		c[1] = (struct cs_cell){ CS_CELL_TEXT, 0, rows[i].service };
		for (int v = 0; v < CS_CMP_NVALS; v++)
			c[2 + v] = (struct cs_cell){ rows[i].has[v] ?
			    CS_CELL_NUMBER : CS_CELL_EMPTY, rows[i].v[v], NULL };
	}
	t.col = col;
	t.ncols = 2 + CS_CMP_NVALS;
	t.cell = cells;
	t.nrows = nrows;
	rc = csv_text(&t, text, len, err);
	free(cells);
	return rc;
}

int
cs_chartdb_compare_csv(struct cs_db *db, const struct cs_config *cfg,
    const struct cs_compare_query *q, struct cs_compare_periods *periods,
    char **text, size_t *len, struct cs_error *err)
{
	struct cs_compare_row *rows = NULL;
	size_t nrows = 0;
	int rc = -1;

	*text = NULL;
	*len = 0;
	if (cs_compare_run(db, cfg, q, periods, &rows, &nrows, err) == 0)
		rc = cs_chartdb_compare_rows_csv(rows, nrows, text, len, err);
	free(rows);
	return rc;
}

int
cs_chartdb_heat(struct cs_db *db, int64_t from, int64_t to,
    const char *service, int in_hours, int lost,
    struct cs_chartdata_heat *g, struct cs_error *err)
{
	sqlite3_stmt *st = NULL;
	char sql[512];
	int rc;

	/* callstat-calls' rows: the inbound calls, in hours unless told */
	snprintf(sql, sizeof(sql), "SELECT start, outcome FROM calls WHERE "
	    "direction = 'inbound' AND start >= ?1 AND start < ?2%s%s",
	    in_hours == 1 ? " AND in_hours = 1" :
	    in_hours == 0 ? " AND in_hours = 0" : "",
	    service ? " AND service = ?3" : "");
	if (cs_db_prepare(db, &st, sql, err) != 0)
		return -1;
	sqlite3_bind_int64(st, 1, from);
	sqlite3_bind_int64(st, 2, to);
	if (service)
		sqlite3_bind_text(st, 3, service, -1, SQLITE_STATIC);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		struct cs_datetime dt;
		const char *out = (const char *)sqlite3_column_text(st, 1);
		int wday;

		cs_utc_to_local(sqlite3_column_int64(st, 0), &dt, &wday);
		cs_chartdata_heat_count(g, dt.year, dt.mon, dt.mday, wday, dt.hour,
		    out ? out : "", lost);
	}
	sqlite3_finalize(st);
	if (rc != SQLITE_DONE)
		return cs_db_fail(db, "cannot read the calls", err);
	return 0;
}
