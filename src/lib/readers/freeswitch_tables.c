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
