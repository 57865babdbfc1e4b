/*
 * fuzz_avaya_smdr.c: the Avaya IP Office SMDR reader
 * (readers/avaya_smdr.c), line by line through its entry in the table of
 * formats (fuzz.h), then through the parser and the legs it makes
 * (avaya_smdr_leg.c) in UTC and in Paris's local time, checking what they
 * promise: only a local Call Start of the repeated hour flagged, every field
 * there, the times in range, a Call ID, a leg that ends after it starts
 * and answers between, whatever the calls held for their later records;
 * last, each record stored through the format's entry and its rows mapped
 * (fuzz_format_stored), with a configuration that names a hunt group.
 */
#include <stdlib.h>
#include <string.h>

#include "config.h"
#include "fuzz.h"
#include "lines.h"
#include "match.h"
#include "privacy.h"
#include "readers/avaya_smdr.h"
#include "readers/format.h"
#include "timeutil.h"

static void
one(void *arg, const char *line, size_t len)
{
	struct cs_smdr_reader *r = arg;
	struct cs_smdr_record rec;
	struct cs_gcsv_record leg;
	struct cs_error err;

	err.msg[0] = '\0';
	(void)cs_smdr_looks(line, line + len);
	if (cs_smdr_parse(r, line, len, &rec, &err) != 0) {
		if (err.msg[0] == '\0')
			abort();	/* a rejected line says why */
		return;
	}
	for (int i = 0; i < CS_SMDR_NFIELDS; i++)
		if (rec.f[i] == NULL)
			abort();
	if (rec.f[CS_SMDR_CALL_ID][0] == '\0' || rec.nfields < CS_SMDR_MIN_FIELDS ||
	    rec.nfields > CS_SMDR_MAX_FIELDS || rec.ring < 0 ||
	    rec.ring > CS_LOG_DURATION_MAX || rec.connected < 0 ||
	    rec.connected > CS_LOG_DURATION_MAX || rec.hold < 0 ||
	    rec.hold > CS_LOG_DURATION_MAX || rec.park < 0 ||
	    rec.park > CS_LOG_DURATION_MAX)
		abort();
	cs_smdr_leg(r, NULL, &rec, &leg);
	for (int i = 0; i < CS_GCSV_NFIELDS; i++)
		if (leg.f[i] == NULL)
			abort();
	if (leg.end < leg.start || leg.duration != leg.end - leg.start ||
	    (leg.answer != 0 && (leg.answer < leg.start || leg.answer > leg.end)) ||
	    !cs_log_time_ok(leg.start) ||
	    leg.duration > CS_LOG_DURATION_MAX)
		abort();
	if ((leg.flags & ~CS_GCSV_FLAG_TWICE) != 0 || (r->utc && leg.flags != 0))
		abort();
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct cs_smdr_reader r;
	struct cs_error err;

	static struct cs_config cfg;
	static struct cs_service svc;
	static struct cs_privacy priv;
	static int ready;
	struct cs_format_ctx ctx;

	if (!ready && cs_tz_use("Europe/Paris", &err) != 0)
		abort();
	fuzz_format_lines(&cs_format_avaya_smdr, data, size);
	for (int utc = 1; utc >= 0; utc--) {
		if (cs_smdr_reader_init(&r, utc, &err) != 0)
			return 0;
		fuzz_lines(data, size, one, &r);
		cs_smdr_reader_release(&r);
	}
	if (!ready) {
		cs_config_init(&cfg);
		svc.name = "etat-civil";
		if (cs_match_parse(&svc.match, "queue:etat-civil", &err) != 0)
			abort();
		cfg.services = &svc;
		cfg.nservices = 1;
		memset(&priv, 0, sizeof(priv));
		ready = 1;
	}
	memset(&ctx, 0, sizeof(ctx));
	ctx.priv = &priv;
	ctx.cfg = &cfg;
	return fuzz_format_stored(&cs_format_avaya_smdr, &ctx, data, size);
}
