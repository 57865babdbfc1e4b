/*
 * rowq_int.h: a row's values as rowq.c keeps them in a batch, for the
 * files that read them where they lie (rowvtab.c).  Not for the rest of
 * the library: rowq.h's cs_row_int and cs_row_text read them.
 */
#ifndef CS_ROWQ_INT_H
#define CS_ROWQ_INT_H

#include <stdint.h>

#include "tabledef.h"

enum { V_ROW, V_NULL, V_INT, V_TEXT };

/* A value; a row starts with a V_ROW value giving its table and length. */
struct val {
	int type;
	int len;		/* V_TEXT: bytes; V_ROW: values that follow */
	union {
		int64_t i;	/* V_INT; V_TEXT: offset in the text */
		const struct cs_tabledef *t;	/* V_ROW */
	};
};

#endif
