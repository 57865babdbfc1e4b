/*
 * callfix.c: the calls suites' fixture (callfix.h): their configuration,
 * and legs and queue events as Master.csv and queue_log write them, mapped
 * as the Asterisk reader maps them.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "calls.h"
#include "callfix.h"
#include "config.h"
#include "readers/asterisk.h"
#include "unit.h"

static const char conf_text[] =
	"# test_calls.c: two services with hours, one without\n"
	"[commune]\n"
	"name = Test\n"
	"timezone = Europe/Paris\n"
	"holidays = fr\n"
	"closed = 2025-03-13\n"
	"short_abandon = 5\n"
	"service_level = 20\n"
	"dial_timeout = 30\n"
	"\n"
	"[pbx]\n"
	"times = local\n"
	"welcome = data:custom/bienvenue*\n"
	"\n"
	"[bot]\n"
	"match = channel:PJSIP/voicebot-*\n"
	"\n"
	"[internal]\n"
	"match = ext:1000-2999 context:callback-script\n"
	"\n"
	"[service accueil]\n"
	"match = did:0199000100 did:01990021?? queue:accueil ext:2100-2199\n"
	"hours = mon-fri 08:30-12:00 13:30-17:30; sat 09:00-12:00\n"
	"\n"
	"[service urbanisme]\n"
	"match = did:0199000200 did:01990022?? queue:urbanisme ext:2200-2299\n"
	"hours = mon,tue,thu,fri 09:00-12:00 14:00-17:00; wed 09:00-12:00\n"
	"\n"
	"[service standard]\n"
	"match = did:0199000300\n";

/* The same without dial_timeout: NO ANSWER is then always abandoned. */
static const char conf_nodt_text[] =
	"[commune]\n"
	"timezone = Europe/Paris\n"
	"[service accueil]\n"
	"match = did:0199000100 did:01990021?? queue:accueil ext:2100-2199\n";

struct cs_config calls_cfg, calls_cfg_nodt;
static int cfg_ok, cfg_nodt_ok;
static char tmpdir[256];
int64_t calls_order_seq;

static int
write_file(const char *path, const char *text)
{
	FILE *fp = fopen(path, "w");
	int rc;

	if (fp == NULL)
		return -1;
	rc = fputs(text, fp) < 0 ? -1 : 0;
	if (fclose(fp) != 0)
		rc = -1;
	return rc;
}

int
cs_calls_fix_init(void)
{
	char path[512];
	struct cs_error err;

	snprintf(tmpdir, sizeof(tmpdir), "/tmp/cs-test-calls-XXXXXX");
	if (mkdtemp(tmpdir) == NULL)
		return -1;
	snprintf(path, sizeof(path), "%s/calls.conf", tmpdir);
	if (write_file(path, conf_text) != 0)
		return -1;
	if (cs_config_load(&calls_cfg, path, &err) != 0) {
		fprintf(stderr, "calls suite: %s\n", err.msg);
		return -1;
	}
	cfg_ok = 1;
	unlink(path);
	snprintf(path, sizeof(path), "%s/nodt.conf", tmpdir);
	if (write_file(path, conf_nodt_text) != 0)
		return -1;
	if (cs_config_load(&calls_cfg_nodt, path, &err) != 0) {
		fprintf(stderr, "calls suite: %s\n", err.msg);
		return -1;
	}
	cfg_nodt_ok = 1;
	unlink(path);
	/* the zone of the last configuration loaded: Paris too */
	return 0;
}

int
cs_calls_fix_clean(void)
{
	if (cfg_ok)
		cs_config_release(&calls_cfg);
	if (cfg_nodt_ok)
		cs_config_release(&calls_cfg_nodt);
	rmdir(tmpdir);
	return 0;
}

/*
 * The texts a mapping computes (keys, peers, queues) live here, in turns:
 * more than any test holds at once.
 */
static struct cs_piece_buf *
piece_buf(void)
{
	static struct cs_piece_buf bufs[2048];
	static int next;

	next = (next + 1) % (int)(sizeof(bufs) / sizeof(bufs[0]));
	return &bufs[next];
}

/* A leg as Master.csv has it, mapped as the Asterisk reader maps it. */
struct cs_leg
leg(int64_t start, int64_t answer, int64_t end, const char *src,
    const char *dst, const char *dcontext, const char *channel,
    const char *dstchannel, const char *app, const char *data,
    const char *disposition)
{
	struct cs_ast_leg a;
	struct cs_leg l;

	memset(&a, 0, sizeof(a));
	a.start = start;
	a.answer = answer;
	a.end = end;
	a.duration = (long)(end - start);
	a.caller = CALLER;
	a.src = src;
	a.dst = dst;
	a.dcontext = dcontext;
	a.channel = channel;
	a.dstchannel = dstchannel;
	a.lastapp = app;
	a.lastdata = data;
	a.disposition = disposition;
	a.uniqueid = "1741683600.1";
	a.linkedid = "";
	a.flags = 0;
	a.order = ++calls_order_seq;
	cs_asterisk_leg(&a, &l, piece_buf());
	return l;
}

/* An inbound leg from the trunk: the caller, the DID, from-trunk. */
struct cs_leg
inleg(int64_t start, int64_t answer, int64_t end, const char *dst,
    const char *dstchannel, const char *app, const char *data,
    const char *disposition)
{
	return leg(start, answer, end, "0639980101", dst, "from-trunk",
	    "PJSIP/trunk-00000001", dstchannel, app, data, disposition);
}

/* The bot answering the main number. */
struct cs_leg
botleg(int64_t start, int64_t answer, int64_t end)
{
	return inleg(start, answer, end, "0199000100", "PJSIP/voicebot-00000002",
	    "Dial", "PJSIP/voicebot", "ANSWERED");
}

/* A queue row after the bot's hand-over ([bot-handover] context). */
struct cs_leg
handleg(int64_t start, int64_t answer, int64_t end, const char *queue,
    const char *dstchannel, const char *data, const char *disposition)
{
	return leg(start, answer, end, "0639980101", queue, "bot-handover",
	    "PJSIP/trunk-00000001", dstchannel, "Queue", data, disposition);
}

/* A queue_log event, mapped as the Asterisk reader maps it. */
struct cs_qevent
qev(int64_t t, const char *queue, const char *agent, const char *event,
    const char *d1, const char *d2, const char *d3)
{
	struct cs_ast_qevent a;
	struct cs_qevent e;

	memset(&a, 0, sizeof(a));
	a.time = t;
	a.callid = "1741683600.1";
	a.queue = queue;
	a.agent = agent;
	a.event = event;
	a.data[0] = d1;
	a.data[1] = d2;
	a.data[2] = d3;
	a.data[3] = "";
	a.data[4] = "";
	a.order = ++calls_order_seq;
	CU_ASSERT_FATAL(cs_asterisk_qevent(&a, &e, piece_buf()) == 0);
	return e;
}

void
build(const struct cs_leg *legs, int nlegs, const struct cs_qevent *ev, int nev,
    struct cs_call *c)
{
	memset(c, 0x5a, sizeof(*c));	/* everything must be set */
	cs_call_build(&calls_cfg, legs, nlegs, ev, nev, c);
}
