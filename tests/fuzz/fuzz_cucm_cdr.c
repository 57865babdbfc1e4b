/*
 * fuzz_cucm_cdr.c: cucm-cdr (readers/cucm_cdr.c, cucm_format.c), line by
 * line, with a configuration that names a voicemail number and a hunt
 * pilot (so that forwarded CDRs are split and a file without huntPilotDN
 * finds its queue).  Each row parsed is stored (a pipe, a key of its
 * line) and mapped by generic-csv's entry, whose table it shares, so that
 * the mapping sees every row the parser lets through.
 */
#include <stdlib.h>
#include <string.h>

#include "config.h"
#include "fuzz.h"
#include "lines.h"
#include "match.h"
#include "privacy.h"
#include "readers/cucm.h"
#include "readers/generic_csv.h"
#include "rowq.h"
#include "timeutil.h"

struct run {
	void *rd;
	struct cs_rowq *q;
	long line;
};

static int
take(void *arg, const struct cs_row *row)
{
	struct cs_piece p;
	struct cs_piece_buf buf;
	char *mem;

	(void)arg;
	if (cs_format_map_row(row, &p, &buf) != 0)
		abort();	/* every row is a piece of a call */
	if ((mem = cs_piece_pack(&p)) == NULL)
		abort();
	free(mem);
	return 0;
}

static void
line(void *arg, const char *s, size_t len)
{
	struct run *r = arg;
	struct cs_error err = { "", 0 };
	struct cs_store_at at = { r->q, 42 + r->line, 1, r->line + 1 };
	int64_t t = 0;
	int rc;

	r->line++;
	rc = cs_format_cucm_cdr.parse(r->rd, s, len, &t, &err);
	if (rc == -1 && (err.msg[0] == '\0' || err.column < 0))
		abort();	/* a rejected line says why */
	if (rc == 0) {
		if (!cs_log_time_ok(t))
			abort();
		if (cs_format_cucm_cdr.store(r->rd, &at) != 0)
			abort();
	}
	(void)cs_format_cucm_cdr.looks(s, s + len);
	(void)cs_format_cucm_cdr.noise(s, len);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static struct cs_config cfg;
	static struct cs_service svc;
	static struct cs_privacy priv;
	static int ready;
	struct cs_format_ctx ctx;
	struct cs_error err;
	struct run r;

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
	memset(&r, 0, sizeof(r));
	if ((r.rd = cs_format_cucm_cdr.open(&ctx, &err)) == NULL)
		abort();
	if ((r.q = cs_rowq_new_pipe(&err)) == NULL)
		abort();
	fuzz_lines(data, size, line, &r);
	cs_format_cucm_cdr.close(r.rd);
	cs_rowq_close(r.q, 0);
	if (cs_rowq_consume(r.q, take, NULL, NULL) != 0)
		abort();
	cs_rowq_free(r.q);
	return 0;
}
