/*
 * output.h: the one output layer of every tool: an aligned table for
 * people, CSV and TSV for spreadsheets and scripts, JSON (Jansson) for
 * programs.
 *
 * A struct cs_table holds columns and cells; the caller owns it and every
 * string it points to.  Numbers are written in the shortest form that reads
 * back to the same double, whole values without a decimal point; an empty
 * cell is nothing in CSV and TSV, null in JSON and "—" in a table, where
 * rates show as percentages with one decimal and no line ends in spaces.
 * A table's columns are two spaces apart, or one when two would make it
 * wider than CS_TABLE_FIT columns (a terminal's 100).
 */
#ifndef CS_OUTPUT_H
#define CS_OUTPUT_H

#include <stddef.h>
#include <stdio.h>

#include "error.h"

#define CS_TABLE_FIT 100

enum cs_out_format { CS_OUT_TABLE, CS_OUT_CSV, CS_OUT_TSV, CS_OUT_JSON };

/* What a column holds, for the table's way of showing it. */
enum cs_col_kind {
	CS_COL_TEXT,	/* left-aligned */
	CS_COL_COUNT,	/* whole numbers */
	CS_COL_RATE,	/* a fraction, shown as 57.1 % */
	CS_COL_SECONDS	/* a mean or percentile of seconds, one decimal */
};

struct cs_column {
	const char *name;	/* CSV header and JSON key */
	const char *title;	/* table header, lines apart by '\n', each line
				   under the one before; NULL: name */
	enum cs_col_kind kind;
};

enum cs_cell_type { CS_CELL_EMPTY, CS_CELL_NUMBER, CS_CELL_TEXT };

struct cs_cell {
	enum cs_cell_type type;
	double num;
	const char *text;
};

struct cs_table {
	const struct cs_column *col;
	size_t ncols;
	struct cs_cell *cell;	/* nrows * ncols, row by row */
	size_t nrows;
};

/* Writes t to fp; fails on a write error (checked with ferror). */
int cs_output_write(FILE *fp, const struct cs_table *t, enum cs_out_format f,
    struct cs_error *err);

/*
 * Reads list, names of cols separated by commas, or "all" for every column
 * in order, into idx (room for ncols): the index in cols of each name, in
 * the list's order; *n gets how many.  Fails on an unknown name, an empty
 * one or one given twice, naming it.
 */
int cs_output_pick(const struct cs_column *cols, size_t ncols,
    const char *list, size_t *idx, size_t *n, struct cs_error *err);

/* The shortest text that strtod() reads back as v ("0.5714285714285714",
 * "14"). buf needs 32 bytes. */
void cs_output_number(double v, char *buf, size_t n);

#endif
