/*
 * fuzz_bot_jsonl.c: the canonical bot events as JSON lines (readers/bot_jsonl.c),
 * line by line through its entry in the table of formats (fuzz.h); and
 * each line read both ways, the quick one (json_flat.c) and Jansson's,
 * which must give the same event, or both refuse the line.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "fuzz.h"
#include "lines.h"
#include "readers/bot.h"
#include "readers/bot_json.h"

struct both {
	void *quick, *jansson;
};

static int
same_text(const char *a, const char *b)
{
	return (a == NULL && b == NULL) ||
	    (a != NULL && b != NULL && strcmp(a, b) == 0);
}

static void
differ(const char *what, const char *line, size_t len)
{
	fprintf(stderr, "fuzz bot-jsonl: the quick reading and Jansson's "
	    "differ in %s on: %.*s\n", what, (int)len, line);
	abort();
}

static void
both_ways(void *arg, const char *line, size_t len)
{
	struct both *b = arg;
	const struct cs_format *f = &cs_format_bot_jsonl;
	struct cs_error e1, e2;
	const struct cs_bot_rec *x, *y;
	int64_t t1 = 0, t2 = 0;
	int r1, r2;

	r1 = f->parse(b->quick, line, len, &t1, &e1);
	r2 = f->parse(b->jansson, line, len, &t2, &e2);
	if (r1 != r2)
		differ("accepting", line, len);
	if (r1 != 0)
		return;
	x = cs_bot_jsonl_rec(b->quick);
	y = cs_bot_jsonl_rec(b->jansson);
	if (t1 != t2 || x->time != y->time || x->msec != y->msec)
		differ("time", line, len);
	if (x->confidence != y->confidence)
		differ("confidence", line, len);
#define SAME(field) \
	if (!same_text(x->field, y->field)) \
		differ(#field, line, len)
	SAME(session); SAME(type); SAME(speaker); SAME(text); SAME(intent);
	SAME(match); SAME(transfer_target); SAME(outcome); SAME(service);
	SAME(call_id); SAME(sip_call_id); SAME(caller); SAME(called);
	SAME(lang); SAME(extra);
#undef SAME
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct cs_format_ctx ctx;
	struct cs_error err;
	struct both b;

	fuzz_format_lines(&cs_format_bot_jsonl, data, size);
	memset(&ctx, 0, sizeof(ctx));
	b.quick = cs_format_bot_jsonl.open(&ctx, &err);
	b.jansson = cs_format_bot_jsonl.open(&ctx, &err);
	if (b.quick != NULL && b.jansson != NULL) {
		cs_bot_jsonl_use_jansson(b.jansson);
		fuzz_lines(data, size, both_ways, &b);
	}
	if (b.quick != NULL)
		cs_format_bot_jsonl.close(b.quick);
	if (b.jansson != NULL)
		cs_format_bot_jsonl.close(b.jansson);
	return 0;
}
