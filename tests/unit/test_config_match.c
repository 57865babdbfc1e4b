/*
 * test_config_match.c: the config_match suite.  The match terms of
 * config.md's [service NAME], [bot] and [internal] sections: parsing a
 * list, one term against a value (numbers normalised, extension ranges,
 * globs), a list against an Asterisk leg as the reader maps Master.csv's
 * row, and a channel's peer.
 */
#include <fnmatch.h>
#include <locale.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "match.h"
#include "readers/asterisk.h"
#include "unit.h"

static void
test_match_parse(void)
{
	struct cs_match m;
	struct cs_error err;

	CU_ASSERT_EQUAL_FATAL(cs_match_parse(&m, "did:+33199000100  queue:accueil\t"
	    "ext:2100-2199 ext:2101 ext:21* channel:PJSIP/voicebot-* "
	    "app:AudioSocket context:from-internal data:custom/bienvenue*",
	    &err), 0);
	CU_ASSERT_EQUAL_FATAL(m.n, 9);
	CU_ASSERT_EQUAL(m.t[0].kind, CS_TERM_DID);
	CU_ASSERT_STRING_EQUAL(m.t[0].value, "0199000100");	/* normalised */
	CU_ASSERT_EQUAL(m.t[1].kind, CS_TERM_QUEUE);
	CU_ASSERT_STRING_EQUAL(m.t[1].value, "accueil");
	CU_ASSERT_EQUAL(m.t[2].kind, CS_TERM_EXT);
	CU_ASSERT_EQUAL(m.t[2].range, 1);
	CU_ASSERT_EQUAL(m.t[2].lo, 2100);
	CU_ASSERT_EQUAL(m.t[2].hi, 2199);
	CU_ASSERT_EQUAL(m.t[3].kind, CS_TERM_EXT);
	CU_ASSERT_EQUAL(m.t[3].range, 0);
	CU_ASSERT_STRING_EQUAL(m.t[3].value, "2101");
	CU_ASSERT_EQUAL(m.t[4].range, 0);
	CU_ASSERT_EQUAL(m.t[5].kind, CS_TERM_CHANNEL);
	CU_ASSERT_STRING_EQUAL(m.t[5].value, "PJSIP/voicebot-*");
	CU_ASSERT_EQUAL(m.t[6].kind, CS_TERM_APP);
	CU_ASSERT_STRING_EQUAL(m.t[6].value, "AudioSocket");
	CU_ASSERT_EQUAL(m.t[7].kind, CS_TERM_CONTEXT);
	CU_ASSERT_STRING_EQUAL(m.t[7].value, "from-internal");
	CU_ASSERT_EQUAL(m.t[8].kind, CS_TERM_DATA);
	CU_ASSERT_STRING_EQUAL(m.t[8].value, "custom/bienvenue*");
	cs_match_release(&m);
	CU_ASSERT_EQUAL(m.n, 0);

	/* an empty list matches nothing and is no error */
	CU_ASSERT_EQUAL(cs_match_parse(&m, "", &err), 0);
	CU_ASSERT_EQUAL(m.n, 0);
	cs_match_release(&m);
	CU_ASSERT_EQUAL(cs_match_parse(&m, "   ", &err), 0);
	CU_ASSERT_EQUAL(m.n, 0);
	cs_match_release(&m);

	/* failures quote the bad term and leave nothing to free */
	CU_ASSERT_EQUAL(cs_match_parse(&m, "did:0199000100 foo:bar", &err), -1);
	CU_ASSERT_PTR_NOT_NULL(strstr(err.msg, "foo:bar"));
	CU_ASSERT_EQUAL(m.n, 0);
	CU_ASSERT_EQUAL(cs_match_parse(&m, "queue", &err), -1);
	CU_ASSERT_PTR_NOT_NULL(strstr(err.msg, "queue"));
	CU_ASSERT_EQUAL(cs_match_parse(&m, "ext:300-200", &err), -1);
	CU_ASSERT_PTR_NOT_NULL(strstr(err.msg, "ext:300-200"));
	CU_ASSERT_EQUAL(cs_match_parse(&m, "DID:0199000100", &err), -1);
}

static int
term_match(const char *term, const char *value)
{
	struct cs_match m;
	struct cs_error err;
	int r;

	if (cs_match_parse(&m, term, &err) != 0 || m.n != 1) {
		fprintf(stderr, "\n  cannot parse '%s'\n", term);
		return -1;
	}
	r = cs_term_match(&m.t[0], value);
	cs_match_release(&m);
	return r;
}

static void
test_term_match(void)
{
	/* did: numbers compared once normalised, +33 being a leading 0 */
	CU_ASSERT_EQUAL(term_match("did:0199000100", "0199000100"), 1);
	CU_ASSERT_EQUAL(term_match("did:0199000100", "+33 1 99 00 01 00"), 1);
	CU_ASSERT_EQUAL(term_match("did:0199000100", "+33199000100"), 1);
	CU_ASSERT_EQUAL(term_match("did:0199000100", "0033199000100"), 1);
	CU_ASSERT_EQUAL(term_match("did:0199000100", "01 99 00 01 00"), 1);
	CU_ASSERT_EQUAL(term_match("did:0199000100", "01.99.00.01.00"), 1);
	CU_ASSERT_EQUAL(term_match("did:0199000100", "01-99-00-01-00"), 1);
	CU_ASSERT_EQUAL(term_match("did:+33199000100", "0199000100"), 1);
	CU_ASSERT_EQUAL(term_match("did:01.99.00.01.00", "+33 1 99 00 01 00"), 1);
	CU_ASSERT_EQUAL(term_match("did:0199000100", "0199000101"), 0);
	CU_ASSERT_EQUAL(term_match("did:0199000100", "01990001000"), 0);
	CU_ASSERT_EQUAL(term_match("did:0199000100", ""), 0);
	CU_ASSERT_EQUAL(term_match("did:0199000100", NULL), 0);
	/* globs: ?? is exactly two characters */
	CU_ASSERT_EQUAL(term_match("did:01990021??", "0199002101"), 1);
	CU_ASSERT_EQUAL(term_match("did:01990021??", "0199002199"), 1);
	CU_ASSERT_EQUAL(term_match("did:01990021??", "+33 1 99 00 21 42"), 1);
	CU_ASSERT_EQUAL(term_match("did:01990021??", "019900210"), 0);
	CU_ASSERT_EQUAL(term_match("did:01990021??", "01990021000"), 0);
	CU_ASSERT_EQUAL(term_match("did:01990021??", "0199002201"), 0);
	CU_ASSERT_EQUAL(term_match("did:019900*", "0199002201"), 1);
	/* ext ranges: both bounds inclusive, digits only */
	CU_ASSERT_EQUAL(term_match("ext:2100-2199", "2100"), 1);
	CU_ASSERT_EQUAL(term_match("ext:2100-2199", "2150"), 1);
	CU_ASSERT_EQUAL(term_match("ext:2100-2199", "2199"), 1);
	CU_ASSERT_EQUAL(term_match("ext:2100-2199", "2099"), 0);
	CU_ASSERT_EQUAL(term_match("ext:2100-2199", "2200"), 0);
	CU_ASSERT_EQUAL(term_match("ext:2100-2199", "21a0"), 0);
	CU_ASSERT_EQUAL(term_match("ext:2100-2199", "2150x"), 0);
	CU_ASSERT_EQUAL(term_match("ext:2100-2199", "abc"), 0);
	CU_ASSERT_EQUAL(term_match("ext:2100-2199", "-2150"), 0);
	CU_ASSERT_EQUAL(term_match("ext:2100-2199", ""), 0);
	CU_ASSERT_EQUAL(term_match("ext:2100-2199", "0199002150"), 0);
	CU_ASSERT_EQUAL(term_match("ext:1000-2999", "99999999999999999999999"), 0);
	/* leading zeros count as the number; 15 digits at most */
	CU_ASSERT_EQUAL(term_match("ext:2100-2199", "00000000002150"), 1);
	CU_ASSERT_EQUAL(term_match("ext:2100-2199", "000000000002150"), 1);
	CU_ASSERT_EQUAL(term_match("ext:2100-2199", "0000000000002150"), 0);
	CU_ASSERT_EQUAL(term_match("ext:2100-2100", "2100"), 1);
	/* single extensions and globs */
	CU_ASSERT_EQUAL(term_match("ext:2101", "2101"), 1);
	CU_ASSERT_EQUAL(term_match("ext:2101", "2102"), 0);
	CU_ASSERT_EQUAL(term_match("ext:21*", "2150"), 1);
	CU_ASSERT_EQUAL(term_match("ext:21*", "2250"), 0);
	/* the other kinds: globs on the text */
	CU_ASSERT_EQUAL(term_match("channel:PJSIP/voicebot-*",
	    "PJSIP/voicebot-000001ec"), 1);
	CU_ASSERT_EQUAL(term_match("channel:PJSIP/voicebot-*",
	    "PJSIP/2101-00000099"), 0);
	CU_ASSERT_EQUAL(term_match("queue:accueil", "accueil"), 1);
	CU_ASSERT_EQUAL(term_match("queue:accueil", "accueil2"), 0);
	CU_ASSERT_EQUAL(term_match("context:from-internal", "from-internal"), 1);
	CU_ASSERT_EQUAL(term_match("context:from-internal", "from-trunk"), 0);
	CU_ASSERT_EQUAL(term_match("data:custom/bienvenue*",
	    "custom/bienvenue-urba"), 1);
	CU_ASSERT_EQUAL(term_match("data:custom/bienvenue*", "custom/menu"), 0);
	/* a trailing '*' (compared as a prefix) and the others (fnmatch):
	   the same meaning, '/' and '.' included */
	CU_ASSERT_EQUAL(term_match("channel:PJSIP/voicebot-*", "PJSIP/voicebot-"), 1);
	CU_ASSERT_EQUAL(term_match("channel:PJSIP/voicebot-*", "PJSIP/voicebot"), 0);
	CU_ASSERT_EQUAL(term_match("channel:PJSIP/voicebot-*", "pjsip/voicebot-1"), 0);
	CU_ASSERT_EQUAL(term_match("channel:PJSIP/*", "PJSIP/a/b.c"), 1);
	CU_ASSERT_EQUAL(term_match("channel:*", "anything"), 1);
	CU_ASSERT_EQUAL(term_match("channel:PJSIP/*-bot*", "PJSIP/x-bot-1"), 1);
	CU_ASSERT_EQUAL(term_match("channel:PJSIP/*-bot*", "PJSIP/x-box-1"), 0);
	CU_ASSERT_EQUAL(term_match("channel:PJSIP/v?icebot-*", "PJSIP/voicebot-9"), 1);
	CU_ASSERT_EQUAL(term_match("channel:PJSIP/v[oa]icebot-*", "PJSIP/vaicebot-9"), 1);
	CU_ASSERT_EQUAL(term_match("channel:PJSIP/v[oa]icebot-*", "PJSIP/vuicebot-9"), 0);
	CU_ASSERT_EQUAL(term_match("channel:PJSIP/bot\\*", "PJSIP/bot*"), 1);
	CU_ASSERT_EQUAL(term_match("channel:PJSIP/bot\\*", "PJSIP/bot1"), 0);
}

/* What a match reads of a Master.csv row. */
struct leg_view {
	const char *dst, *dcontext, *dstchannel, *lastapp, *lastdata;
};

/* Matches the row as the Asterisk reader maps it onto a leg. */
static int
leg_match(const char *terms, const struct leg_view *v)
{
	struct cs_match m;
	struct cs_error err;
	struct cs_ast_leg a;
	struct cs_leg l;
	struct cs_piece_buf buf;
	int r;

	if (cs_match_parse(&m, terms, &err) != 0) {
		fprintf(stderr, "\n  cannot parse '%s'\n", terms);
		return -1;
	}
	memset(&a, 0, sizeof(a));
	a.dst = v->dst;
	a.dcontext = v->dcontext;
	a.dstchannel = v->dstchannel;
	a.lastapp = v->lastapp;
	a.lastdata = v->lastdata;
	cs_asterisk_leg(&a, &l, &buf);
	r = cs_match_leg(&m, &l);
	cs_match_release(&m);
	return r;
}

/*
 * Globs whose only wildcards are '?' are matched without fnmatch(): what
 * fnmatch() says, for each pattern against values of each length around
 * it, of digits, letters, a '?' and a '*' in the value, and bytes past
 * ASCII, in the C locale and in a UTF-8 one when there is one (where a
 * '?' is a character, not a byte: those values go to fnmatch()).
 */
static void
test_qmarks(void)
{
	static const char *const pat[] = {
		"01990021??", "?", "??", "a?c", "queue-?", "?2101"
	};
	static const char *const val[] = {
		"", "0", "01990021", "0199002101", "0199002199", "019900210",
		"01990021011", "0199003101", "x199002101", "01990021?*",
		"01990021\xc3\xa9", "0199002\xc3\xa9", "\xc3\xa9", "\xc3\xa9\xc3\xa9",
		"a", "ab", "abc", "aXc", "abcd", "a\xc3\xa9" "c", "queue-1", "queue-",
		"queue-12", "queue-\xc3\xa9", "92101", "2101", "\xff" "2101"
	};
	static const char *const loc[] = { "C", "C.UTF-8" };
	const char *cur = setlocale(LC_CTYPE, NULL);
	char term[64], *saved = cur != NULL ? strdup(cur) : NULL;
	long n = 0, bad = 0;

	for (size_t l = 0; l < sizeof(loc) / sizeof(loc[0]); l++) {
		if (setlocale(LC_CTYPE, loc[l]) == NULL)
			continue;
		for (size_t p = 0; p < sizeof(pat) / sizeof(pat[0]); p++) {
			snprintf(term, sizeof(term), "queue:%s", pat[p]);
			for (size_t v = 0; v < sizeof(val) / sizeof(val[0]); v++) {
				int want = *val[v] != '\0' &&
				    fnmatch(pat[p], val[v], 0) == 0;

				n++;
				if (term_match(term, val[v]) != want) {
					fprintf(stderr, "\n  %s: %s against %s\n",
					    loc[l], pat[p], val[v]);
					bad++;
				}
			}
		}
	}
	CU_ASSERT_EQUAL(bad, 0);
	CU_ASSERT(n >= 6 * 27);
	CU_ASSERT_EQUAL(term_match("did:01990021??", "01 99 00 21 07"), 1);
	CU_ASSERT_EQUAL(term_match("did:01990021??", "+33 1 99 00 21 07"), 1);
	CU_ASSERT_EQUAL(term_match("did:01990021??", "0199002207"), 0);
	CU_ASSERT_EQUAL(term_match("queue:01990021??", "0199002107"), 1);
	setlocale(LC_CTYPE, saved != NULL ? saved : "C");
	free(saved);
}

static void
test_match_leg(void)
{
	/* a queue row of urbanisme (Master.csv line 3) */
	struct leg_view q = { "0199000200", "from-trunk", "PJSIP/2201-000000b3",
		"Queue", "urbanisme,t,,,60" };
	/* a Dial to an extension from inside */
	struct leg_view d = { "2201", "from-internal", "", "Dial",
		"PJSIP/2201,30" };
	/* a voicemail row: no destination channel */
	struct leg_view vm = { "0199002202", "from-trunk", "", "VoiceMail",
		"2202@urbanisme,u" };
	/* a leg with absent fields */
	struct leg_view none = { NULL, NULL, NULL, NULL, NULL };

	CU_ASSERT_EQUAL(leg_match("did:0199000200", &q), 1);
	CU_ASSERT_EQUAL(leg_match("did:0199000100", &q), 0);
	CU_ASSERT_EQUAL(leg_match("queue:urbanisme", &q), 1);
	CU_ASSERT_EQUAL(leg_match("queue:urba*", &q), 1);
	CU_ASSERT_EQUAL(leg_match("queue:accueil", &q), 0);
	CU_ASSERT_EQUAL(leg_match("ext:2200-2299", &q), 1);	/* peer 2201 */
	CU_ASSERT_EQUAL(leg_match("ext:2201", &q), 1);
	CU_ASSERT_EQUAL(leg_match("ext:2100-2199", &q), 0);
	CU_ASSERT_EQUAL(leg_match("channel:PJSIP/22*", &q), 1);
	CU_ASSERT_EQUAL(leg_match("channel:PJSIP/voicebot-*", &q), 0);
	CU_ASSERT_EQUAL(leg_match("app:Queue", &q), 1);
	CU_ASSERT_EQUAL(leg_match("app:Dial", &q), 0);
	CU_ASSERT_EQUAL(leg_match("context:from-trunk", &q), 1);
	CU_ASSERT_EQUAL(leg_match("context:bot-handover", &q), 0);
	CU_ASSERT_EQUAL(leg_match("data:urbanisme*", &q), 1);
	CU_ASSERT_EQUAL(leg_match("data:custom/*", &q), 0);
	/* any term is enough */
	CU_ASSERT_EQUAL(leg_match("did:0199000100 queue:accueil app:Queue", &q), 1);
	CU_ASSERT_EQUAL(leg_match("did:0199000100 queue:accueil app:Dial", &q), 0);
	CU_ASSERT_EQUAL(leg_match("", &q), 0);

	/* the queue term reads a Queue leg's first argument only */
	CU_ASSERT_EQUAL(leg_match("queue:urbanisme", &vm), 0);
	CU_ASSERT_EQUAL(leg_match("queue:PJSIP/2201", &d), 0);
	/* ext: the destination extension */
	CU_ASSERT_EQUAL(leg_match("ext:2200-2299", &d), 1);
	CU_ASSERT_EQUAL(leg_match("ext:2100-2199", &d), 0);
	CU_ASSERT_EQUAL(leg_match("channel:*", &d), 0);		/* empty */
	CU_ASSERT_EQUAL(leg_match("app:VoiceMail", &vm), 1);
	CU_ASSERT_EQUAL(leg_match("did:01990022??", &vm), 1);
	CU_ASSERT_EQUAL(leg_match("data:2202@*", &vm), 1);

	/* absent fields match nothing */
	CU_ASSERT_EQUAL(leg_match("did:* queue:* ext:0-99999 channel:* app:* "
	    "context:* data:*", &none), 0);
}

static void
peer(const char *chan, const char *want)
{
	char out[64];

	memset(out, 'x', sizeof(out));
	cs_channel_peer(chan, out, sizeof(out));
	CU_ASSERT_STRING_EQUAL(out, want);
	if (strcmp(out, want) != 0)
		fprintf(stderr, "\n  peer of '%s': got '%s', want '%s'\n", chan,
		    out, want);
}

static void
test_channel_peer(void)
{
	char small[3];

	peer("PJSIP/2101-0000001a", "2101");
	peer("PJSIP/2202-00000346", "2202");
	peer("Local/201@from-queue-00000012;1", "201");
	peer("Local/201@from-queue-00000012;2", "201");
	peer("SIP/sip0", "sip0");
	peer("DAHDI/1-1", "1");
	peer("PJSIP/voicebot-000001ec", "voicebot");
	peer("PJSIP/trunk-00000098", "trunk");
	peer("SIP/my-phone-0000abcd", "my-phone");
	peer("IAX2/2101-1234", "2101");
	peer("", "");
	/* the buffer is never overrun and always terminated */
	memset(small, 'x', sizeof(small));
	cs_channel_peer("PJSIP/2101-0000001a", small, sizeof(small));
	CU_ASSERT_STRING_EQUAL(small, "21");
}

static CU_TestInfo tests[] = {
	{ "match parsing", test_match_parse },
	{ "term matching", test_term_match },
	{ "term matching: a glob of '?' as fnmatch() says", test_qmarks },
	{ "match against a leg", test_match_leg },
	{ "channel peer", test_channel_peer },
	CU_TEST_INFO_NULL
};

CS_UNIT_SUITE("config_match", tests)
