#include <stddef.h>

#include "tables.h"

_Static_assert(CS_DAILY_NCOL - CS_DAILY_FIRST_SUM == CS_SUM_N,
    "the daily sums are the daily table's last columns");

static const struct cs_tabledef_col calls_col[] = {
	CS_CALLS_COLUMNS(CS_TABLEDEF_COL)
};
static const int calls_key[] = { CS_CALLS_START, CS_CALLS_ID };
const struct cs_tabledef cs_table_calls = {
	.name = "calls",
	.col = calls_col, .ncols = CS_CALLS_NCOL,
	.key = calls_key, .nkey = 2,
	.conflict = CS_TABLEDEF_UPDATE,
};

static const struct cs_tabledef_col daily_col[] = {
	CS_DAILY_COLUMNS(CS_TABLEDEF_COL)
};
static const int daily_key[] = {
	CS_DAILY_DAY, CS_DAILY_SERVICE, CS_DAILY_IN_HOURS
};
const struct cs_tabledef cs_table_daily = {
	.name = "daily",
	.col = daily_col, .ncols = CS_DAILY_NCOL,
	.key = daily_key, .nkey = 3,
	.conflict = CS_TABLEDEF_ADD, .first_sum = CS_DAILY_FIRST_SUM,
};

static const struct cs_tabledef_col hist_col[] = {
	CS_HIST_COLUMNS(CS_TABLEDEF_COL)
};
static const int hist_key[] = {
	CS_HIST_DAY, CS_HIST_SERVICE, CS_HIST_IN_HOURS, CS_HIST_METRIC,
	CS_HIST_SECS
};
const struct cs_tabledef cs_table_wait_hist = {
	.name = "wait_hist",
	.col = hist_col, .ncols = CS_HIST_NCOL,
	.key = hist_key, .nkey = 5,
	.conflict = CS_TABLEDEF_ADD, .first_sum = CS_HIST_N,
};

static const struct cs_tabledef_col sessions_col[] = {
	CS_SESSIONS_COLUMNS(CS_TABLEDEF_COL)
};
static const int sessions_key[] = { CS_SESSIONS_START, CS_SESSIONS_SESSION };
const struct cs_tabledef cs_table_bot_session = {
	.name = "bot_session",
	.col = sessions_col, .ncols = CS_SESSIONS_NCOL,
	.key = sessions_key, .nkey = 2,
	.conflict = CS_TABLEDEF_REPLACE,
};

const struct cs_tabledef *const cs_derived_tables[] = {
	&cs_table_calls, &cs_table_daily, &cs_table_wait_hist,
	&cs_table_bot_session, NULL
};
