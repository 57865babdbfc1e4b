/*
 * no_state.c: the state and resume of the formats whose readers need
 * nothing to resume a file that grew (format.h).  Apart from format.c,
 * which lists the formats that use them.
 */
#include "format.h"

void
cs_format_no_state(void *rd, int st[2])
{
	(void)rd;
	st[0] = st[1] = 0;
}

void
cs_format_no_resume(void *rd, const int st[2])
{
	(void)rd;
	(void)st;
}
