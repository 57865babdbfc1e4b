#include "freeswitch_tables.h"

static const struct cs_tabledef_col fs_col[] = {
	CS_FS_COLUMNS(CS_TABLEDEF_COL)
};
static const int fs_key[] = { CS_FS_COL_START, CS_FS_COL_RHASH };
const struct cs_tabledef cs_table_fs_cdr = {
	.name = "fs_cdr",
	.col = fs_col, .ncols = CS_FS_NCOL,
	.key = fs_key, .nkey = 2,
	.conflict = CS_TABLEDEF_IGNORE,
	.records = 1,
};

static const struct cs_tabledef_col fsq_col[] = {
	CS_FSQ_COLUMNS(CS_TABLEDEF_COL)
};
static const int fsq_key[] = { CS_FSQ_COL_TIME, CS_FSQ_COL_RHASH };
const struct cs_tabledef cs_table_fs_queue = {
	.name = "fs_queue",
	.col = fsq_col, .ncols = CS_FSQ_NCOL,
	.key = fsq_key, .nkey = 2,
	.conflict = CS_TABLEDEF_IGNORE,
};
