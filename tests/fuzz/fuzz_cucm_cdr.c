/*
 * fuzz_cucm_cdr.c: cucm-cdr (readers/cucm_cdr.c, cucm_format.c), line by
 * line, with a configuration that names a voicemail number and a hunt
 * pilot (so that forwarded CDRs are split and a file without huntPilotDN
 * finds its queue).  Each row parsed is stored and mapped by generic-csv's
 * entry, whose table it shares (fuzz_format_stored), so that the mapping
 * sees every row the parser lets through.
 */
#include <stdlib.h>
#include <string.h>

#include "config.h"
#include "fuzz.h"
#include "match.h"
#include "privacy.h"
#include "readers/cucm.h"
#include "readers/generic_csv.h"
#include "timeutil.h"

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static struct cs_config cfg;
	static struct cs_service svc;
	static struct cs_privacy priv;
	static int ready;
	struct cs_format_ctx ctx;
	struct cs_error err;

	if (!ready) {
		if (cs_tz_use("Europe/Paris", &err) != 0)
			abort();
		cs_config_init(&cfg);
		svc.name = "accueil";
		if (cs_match_parse(&cfg.voicemail, "ext:8500", &err) != 0 ||
		    cs_match_parse(&svc.match, "queue:3100 did:0199000100",
		    &err) != 0)
			abort();
		cfg.services = &svc;
		cfg.nservices = 1;
		memset(&priv, 0, sizeof(priv));
		ready = 1;
	}
	memset(&ctx, 0, sizeof(ctx));
	ctx.priv = &priv;
	ctx.cfg = &cfg;
	ctx.utc = 1;
	return fuzz_format_stored(&cs_format_cucm_cdr, &ctx, data, size);
}
