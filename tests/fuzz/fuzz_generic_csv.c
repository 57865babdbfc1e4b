/*
 * fuzz_generic_csv.c: generic-csv (readers/generic_csv*.c), line by line,
 * with two sections of its own: columns named by a header (the synth
 * town's, a comma), and columns by number (a semicolon, a duration), for
 * an input that starts with a digit.  Each row parsed is also stored and
 * mapped (fuzz_format_stored), so that the mapping sees every row the
 * parser lets through.
 */
#include <stdlib.h>
#include <string.h>

#include "fuzz.h"
#include "privacy.h"
#include "readers/generic_csv.h"
#include "timeutil.h"

static char *named_k[] = {
	"call_id", "start", "answer", "end", "caller", "dialled",
	"destination", "queue", "answered_by", "disposition", "sip_call_id",
	"answered_by.human", "answered_by.bot", "answered_by.pbx",
	"disposition.answered", "disposition.abandoned",
	"disposition.no_answer", "disposition.busy", "disposition.failed",
	"disposition.queue_timeout", "disposition.queue_empty",
};
static char *named_v[] = {
	"call_id", "started_at", "answered_at", "ended_at", "caller",
	"dialled", "destination", "queue", "answered_by", "disposition",
	"sip_call_id", "agent", "bot", "system | voicemail", "answered",
	"abandoned", "no_answer", "busy", "failed", "timeout", "empty",
};
static char *num_k[] = {
	"header", "separator", "call_id", "start", "answer", "duration",
	"caller", "queue", "disposition", "disposition.answered",
	"disposition.abandoned",
};
static char *num_v[] = {
	"no", "semicolon", "1", "2", "3", "4", "5", "6", "7", "answered",
	"abandoned",
};

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static struct cs_config cfg;
	static struct cs_format_def defs[2];
	static struct cs_privacy priv;
	static int ready;
	struct cs_format_ctx ctx;
	struct cs_error err;

	if (!ready) {
		if (cs_tz_use("Europe/Paris", &err) != 0)
			abort();
		cs_config_init(&cfg);
		defs[0].name = "named";
		defs[0].key = named_k;
		defs[0].value = named_v;
		defs[0].n = sizeof(named_k) / sizeof(named_k[0]);
		defs[1].name = "numbered";
		defs[1].key = num_k;
		defs[1].value = num_v;
		defs[1].n = sizeof(num_k) / sizeof(num_k[0]);
		cfg.formats = defs;
		cfg.nformats = 2;
		memset(&priv, 0, sizeof(priv));
		ready = 1;
	}
	memset(&ctx, 0, sizeof(ctx));
	ctx.priv = &priv;
	ctx.cfg = &cfg;
	/* a line that starts with a digit is a row: no header */
	ctx.variant = size > 0 && data[0] >= '0' && data[0] <= '9' ?
	    "numbered" : "named";
	/* both sections are good */
	return fuzz_format_stored(&cs_format_generic_csv, &ctx, data, size);
}
