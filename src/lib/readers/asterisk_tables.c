#include "asterisk_tables.h"

static const struct cs_tabledef_col cdr_col[] = {
	CS_CDR_COLUMNS(CS_TABLEDEF_COL)
};
static const int cdr_key[] = { CS_CDR_COL_START, CS_CDR_COL_RHASH };
const struct cs_tabledef cs_table_cdr = {
	.name = "cdr",
	.col = cdr_col, .ncols = CS_CDR_NCOL,
	.key = cdr_key, .nkey = 2,
	.conflict = CS_TABLEDEF_IGNORE,
	.records = 1,
};

static const struct cs_tabledef_col qlog_col[] = {
	CS_QLOG_COLUMNS(CS_TABLEDEF_COL)
};
static const int qlog_key[] = { CS_QLOG_COL_TIME, CS_QLOG_COL_RHASH };
const struct cs_tabledef cs_table_queue_log = {
	.name = "queue_log",
	.col = qlog_col, .ncols = CS_QLOG_NCOL,
	.key = qlog_key, .nkey = 2,
	.conflict = CS_TABLEDEF_IGNORE,
	.records = 1,
};
