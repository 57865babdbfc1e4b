/* hist.c: a dense histogram of waits (hist.h). */
#include <stdlib.h>
#include <string.h>

#include "hist.h"

int
cs_hist_add(struct cs_hist *h, long secs, long n)
{
	if (secs < 0)
		secs = 0;
	if (secs >= h->n) {
		long cap = h->n ? h->n : 256;
		long *nc;

		while (cap <= secs)
			cap *= 2;
		if ((nc = realloc(h->counts, (size_t)cap * sizeof(*nc))) == NULL)
			return -1;
		memset(nc + h->n, 0, (size_t)(cap - h->n) * sizeof(*nc));
		h->counts = nc;
		h->n = cap;
	}
	h->counts[secs] += n;
	h->total += n;
	return 0;
}
