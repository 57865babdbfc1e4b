/*
 * test_readers.c: the readers suite (format names and detection, Asterisk
 * cdr_csv, Asterisk queue_log).  Every expected value was read by hand
 * from the sample lines in tests/data/samples, and every instant worked out
 * by hand from the calendar (2009-01-01T00:00Z is day 14245 since the
 * epoch, 2018-01-01 day 17532, 2025-01-01 day 20089, 86400 s a day),
 * never taken from the code's output.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "readers/asterisk.h"
#include "readers/avaya_smdr.h"
#include "readers/bot.h"
#include "readers/format.h"
#include "readers/freeswitch.h"
#include "readers/readers.h"
#include "timeutil.h"
#include "unit.h"

#define CDR_DIR "tests/data/samples/asterisk_cdr_csv/"
#define QLOG_DIR "tests/data/samples/asterisk_queue_log/"
#define FS_DIR "tests/data/samples/freeswitch_cdr_csv/"
#define CEL_DIR "tests/data/samples/asterisk_cel/"

/* A sample file, whole and NUL-terminated; NULL if it cannot be read. */
static char *
slurp(const char *rel, size_t *len)
{
	FILE *fp;
	char *buf = NULL;
	long n;

	if ((fp = fopen(cs_unit_data(rel), "rb")) == NULL)
		return NULL;
	if (fseek(fp, 0, SEEK_END) == 0 && (n = ftell(fp)) >= 0 &&
	    fseek(fp, 0, SEEK_SET) == 0 && (buf = malloc((size_t)n + 1)) &&
	    fread(buf, 1, (size_t)n, fp) == (size_t)n) {
		buf[n] = '\0';
		*len = (size_t)n;
	} else {
		free(buf);
		buf = NULL;
	}
	fclose(fp);
	return buf;
}

/*
 * The lines of a file as a caller gives them: without "\n" or "\r\n".
 * Returns the number of lines; line i starts at starts[i].
 */
#define MAX_LINES 256
struct lines {
	char	*buf;
	size_t	 n;
	char	*s[MAX_LINES];
	size_t	 len[MAX_LINES];
};

static int
lines_read(struct lines *l, const char *rel)
{
	size_t len;
	char *p, *end, *nl;

	memset(l, 0, sizeof(*l));
	if ((l->buf = slurp(rel, &len)) == NULL)
		return -1;
	p = l->buf;
	end = l->buf + len;
	while (p < end && l->n < MAX_LINES) {
		nl = memchr(p, '\n', (size_t)(end - p));
		l->s[l->n] = p;
		l->len[l->n] = (size_t)((nl != NULL ? nl : end) - p);
		if (l->len[l->n] > 0 && p[l->len[l->n] - 1] == '\r')
			l->len[l->n]--;
		l->n++;
		p = nl != NULL ? nl + 1 : end;
	}
	return 0;
}

static void
lines_free(struct lines *l)
{
	free(l->buf);
	l->buf = NULL;
}

static void
paris(void)
{
	struct cs_error err;

	CU_ASSERT_EQUAL_FATAL(cs_tz_use("Europe/Paris", &err), 0);
}

/* A string of a record: not NULL, and equal to s. */
#define ASSERT_STR(p, s) do {						\
	CU_ASSERT_PTR_NOT_NULL(p);					\
	if ((p) != NULL)						\
		CU_ASSERT_STRING_EQUAL((p), (s));			\
} while (0)

/* 1 if s starts with prefix. */
static int
starts(const char *s, const char *prefix)
{
	return strncmp(s, prefix, strlen(prefix)) == 0;
}

/* ---- format names and detection ---- */

static void
test_format_names(void)
{
	ASSERT_STR(cs_format_name(&cs_format_asterisk_cdr),
	    "asterisk-cdr");
	ASSERT_STR(cs_format_name(&cs_format_asterisk_queue_log),
	    "asterisk-queue-log");
	CU_ASSERT_PTR_NULL(cs_format_name(NULL));
	CU_ASSERT_EQUAL(cs_format_find("asterisk-cdr"),
	    &cs_format_asterisk_cdr);
	CU_ASSERT_EQUAL(cs_format_find("asterisk-queue-log"),
	    &cs_format_asterisk_queue_log);
	CU_ASSERT_EQUAL(cs_format_find("asterisk"), NULL);
	CU_ASSERT_EQUAL(cs_format_find("Asterisk-CDR"),
	    NULL);
	CU_ASSERT_EQUAL(cs_format_find(""), NULL);
	CU_ASSERT_EQUAL(cs_format_find(NULL), NULL);
}

static const struct cs_format *
detect_file(const char *rel)
{
	size_t len;
	char *buf = slurp(rel, &len);
	const struct cs_format *f;

	CU_ASSERT_PTR_NOT_NULL_FATAL(buf);
	f = cs_format_detect(buf, len);
	free(buf);
	return f;
}

static const struct cs_format *
detect(const char *s)
{
	return cs_format_detect(s, strlen(s));
}

/* The CDR sample files. */
static const char *const cdr_samples[] = {
	"master_2009_systemname_prefix.csv",
	"master_2018_18col_local_channels.csv",
	"master_2018_queue_and_dongle_rejoined.csv",
	"master_2019_book_rejoined.csv",
	"master_2020_bbf_rejoined.csv",
	/* Its only line is damaged, but it is a CDR all the same. */
	"testsuite_cdrlib_buggy.csv",
	"testsuite_cdrlib_good.csv",
};
#define NCDR_SAMPLES (sizeof(cdr_samples) / sizeof(cdr_samples[0]))

static void
test_detect_samples(void)
{
	static const char *qlog[] = {
		"asterisk_docs_example.queue_log",
		"book_3rd_ed_2010_systemname_rejoined.queue_log",
		"freepbx_2010_asterisk14_format.queue_log",
		"readme_2020_abandon.queue_log",
		/* Comments, a blank line, a header and a rule come first. */
		"wazo_realtime_queue_log_table_data1-5.txt",
	};
	char rel[256];

	for (size_t i = 0; i < NCDR_SAMPLES; i++) {
		snprintf(rel, sizeof(rel), CDR_DIR "%s", cdr_samples[i]);
		CU_ASSERT_EQUAL(detect_file(rel), &cs_format_asterisk_cdr);
	}
	for (size_t i = 0; i < sizeof(qlog) / sizeof(qlog[0]); i++) {
		snprintf(rel, sizeof(rel), QLOG_DIR "%s", qlog[i]);
		CU_ASSERT_EQUAL(detect_file(rel),
		    &cs_format_asterisk_queue_log);
	}
	/* cdr_custom configuration samples are not logs. */
	CU_ASSERT_EQUAL(detect_file(CDR_DIR
	    "cdr_custom_legacy_templates_from_asterisk18.txt"),
	    NULL);
	CU_ASSERT_EQUAL(detect_file(CDR_DIR
	    "cdr_custom_advanced_templates_from_asterisk_master.txt"),
	    NULL);
	CU_ASSERT_EQUAL(detect_file(CDR_DIR "SOURCE.txt"), NULL);
	/* FreeSWITCH's: by their quoted fields, 13, 15 or 27 of them */
	CU_ASSERT_EQUAL(detect_file(FS_DIR
	    "signalwire_docs_example_template_2014.csv"),
	    &cs_format_freeswitch_cdr);
	CU_ASSERT_EQUAL(detect_file(FS_DIR
	    "rpimaker_callcenter_a_and_b_legs_2023.csv"),
	    &cs_format_freeswitch_cdr);
	CU_ASSERT_EQUAL(detect_file("tests/data/freeswitch/recommended.csv"),
	    &cs_format_freeswitch_cdr);
	CU_ASSERT_EQUAL(detect_file("tests/data/freeswitch/sql.csv"),
	    &cs_format_freeswitch_cdr);
	CU_ASSERT_EQUAL(detect_file(FS_DIR "SOURCE.txt"), NULL);
	/* CEL: 20 fields as a CDR may have, told apart by their content */
	CU_ASSERT_EQUAL(detect_file(CEL_DIR "testsuite_CELMaster1.csv"),
	    &cs_format_asterisk_cel);
	CU_ASSERT_EQUAL(detect_file(CEL_DIR "testsuite_CELMaster2.csv"),
	    &cs_format_asterisk_cel);
	CU_ASSERT_EQUAL(detect_file(CEL_DIR "testsuite_cel_custom.conf"), NULL);
	CU_ASSERT_EQUAL(detect_file(CEL_DIR
	    "cel_custom_legacy_template_asterisk20.txt"), NULL);
	/* Avaya IP Office SMDR: 17 and 30 fields */
	CU_ASSERT_EQUAL(detect_file("tests/data/samples/avaya_smdr/"
	    "ipofficekb_smdr_examples.csv"), &cs_format_avaya_smdr);
	CU_ASSERT_EQUAL(detect_file("tests/data/samples/avaya_smdr/"
	    "kafka_doc_2018_ipoffice_smdr.csv"), &cs_format_avaya_smdr);
	CU_ASSERT_EQUAL(detect_file("tests/data/samples/avaya_smdr/"
	    "SOURCE.txt"), NULL);
}

/* How many formats take the line s..e for one of theirs. */
static int
formats_of_line(const char *s, const char *e)
{
	int n = 0;

	for (int i = 0; cs_formats[i] != NULL; i++)
		n += cs_formats[i]->looks(s, e) != 0;
	return n;
}

/* The table of formats is tried in order: no sample line may be two
 * formats' (else the order would decide). */
static void
test_detect_exclusive(void)
{
	static const char *files[] = {
		CDR_DIR "master_2018_queue_and_dongle_rejoined.csv",
		CDR_DIR "master_2019_book_rejoined.csv",
		CDR_DIR "testsuite_cdrlib_good.csv",
		QLOG_DIR "asterisk_docs_example.queue_log",
		QLOG_DIR "book_3rd_ed_2010_systemname_rejoined.queue_log",
		QLOG_DIR "freepbx_2010_asterisk14_format.queue_log",
		QLOG_DIR "readme_2020_abandon.queue_log",
		CEL_DIR "testsuite_CELMaster1.csv",
		CEL_DIR "testsuite_CELMaster2.csv",
		"sample-data/example/Master.csv",
		"sample-data/example/queue_log",
		"tests/data/bot/canonical.jsonl",
		"tests/data/bot/canonical.csv",
		"tests/data/bot/canonical-win.csv",
		"tests/data/samples/bots/amazon_connect/ctr.jsonl",
		"tests/data/samples/bots/dialogflow_cx/turns.jsonl",
		"tests/data/samples/bots/lexv2/textlog.jsonl",
		FS_DIR "signalwire_docs_example_template_2014.csv",
		FS_DIR "rpimaker_basic_example_template_2023.csv",
		FS_DIR "rpimaker_callcenter_a_and_b_legs_2023.csv",
		"tests/data/freeswitch/recommended.csv",
		"tests/data/freeswitch/sql.csv",
		"tests/data/samples/avaya_smdr/ipofficekb_smdr_examples.csv",
		"tests/data/samples/avaya_smdr/kafka_doc_2018_ipoffice_smdr.csv",
	};
	int lines = 0;

	for (size_t i = 0; i < sizeof(files) / sizeof(files[0]); i++) {
		size_t len;
		char *buf = slurp(files[i], &len), *p, *end;

		CU_ASSERT_PTR_NOT_NULL_FATAL(buf);
		for (p = buf, end = buf + len; p < end; ) {
			char *nl = memchr(p, '\n', (size_t)(end - p));
			char *e = nl != NULL ? nl : end;

			if (e > p && formats_of_line(p, e) != 1 &&
			    formats_of_line(p, e) != 0) {
				fprintf(stderr, "\n  %s: a line of two formats\n",
				    files[i]);
				CU_FAIL("a line of two formats");
			}
			lines += e > p && formats_of_line(p, e) == 1;
			p = e + 1;
		}
		free(buf);
	}
	CU_ASSERT(lines > 40);
}

static void
test_detect_lines(void)
{
	static const char png[] = "\x89PNG\r\n\x1a\n\0\0\0\rIHDR";

	/* The first line that is not empty decides. */
	CU_ASSERT_EQUAL(detect("\n  \n\t\n1596191926|NONE|NONE|NONE|"
	    "QUEUESTART|\n"), &cs_format_asterisk_queue_log);
	CU_ASSERT_EQUAL(detect("  1266833407 |NONE|NONE|NONE|CONFIGRELOAD|"),
	    &cs_format_asterisk_queue_log);
	CU_ASSERT_EQUAL(detect("2012-07-04 07:40:17.339945 | 1341402016.44 "
	    "| q1 | NONE | FULL | | | | |\n"), &cs_format_asterisk_queue_log);
	/* CRLF, and a 16-column CDR whose first field is not quoted. */
	CU_ASSERT_EQUAL(detect("\"\",\"1\",\"2\",\"c\",\"\",\"SIP/1\",\"\","
	    "\"Dial\",\"\",\"2025-03-04 09:00:00\",,\"2025-03-04 09:00:05\","
	    "5,0,\"NO ANSWER\",\"DOCUMENTATION\"\r\nnext\r\n"),
	    &cs_format_asterisk_cdr);
	CU_ASSERT_EQUAL(detect(",1,2,c,,SIP/1,,Dial,,2025-03-04 09:00:00,,"
	    "2025-03-04 09:00:05,5,0,NO ANSWER,DOCUMENTATION\n"),
	    &cs_format_asterisk_cdr);
	/* CEL with cel.conf's dateformat, a CRLF; and with fields unquoted
	   (an advanced mapping's quoting_method = non_numeric): 20 fields,
	   a numeric amaflags as a CDR's duration, yet no CDR */
	CU_ASSERT_EQUAL(detect("\"ANSWER\",\"2024-03-04 09:00:00\",\"\",\"\","
	    "\"\",\"\",\"\",\"s\",\"default\",\"SIP/1-0001\",\"Answer\",\"\","
	    "\"3\",\"\",\"1709542800.1\",\"1709542800.1\",\"\",\"\",\"\",\"\""
	    "\r\n"), &cs_format_asterisk_cel);
	CU_ASSERT_EQUAL(detect("CHAN_START,1709542800.000001,,,,,,s,default,"
	    "SIP/1-0001,,,3,,1709542800.1,1709542800.1,,,,\n"),
	    &cs_format_asterisk_cel);
	/* A bot platform's export: a Dialogflow CX turn. */
	CU_ASSERT_EQUAL(detect("{\"project_id\":\"p\",\"conversation_name\":"
	    "\"a/sessions/s\",\"request_time\":\"2025-03-04 09:01:02 UTC\"}\n"),
	    &cs_format_dialogflow_cx);
	/* An Amazon Lex V2 log event, behind an S3 export's time. */
	CU_ASSERT_EQUAL(detect("2025-03-04T09:01:02.000Z {\"messageVersion\":"
	    "\"2.0\",\"sessionId\":\"s\",\"bot\":{\"name\":\"b\"}}\n"),
	    &cs_format_lex_v2);
	/* 16 fields, but neither quoted nor with a date in column 10. */
	CU_ASSERT_EQUAL(detect("a,b,c,d,e,f,g,h,i,j,k,l,m,n,o,p\n"),
	    NULL);
	/* Quoted, but 15 and 22 fields. */
	CU_ASSERT_EQUAL(detect("\"a\",b,c,d,e,f,g,h,i,j,k,l,m,n,o\n"),
	    NULL);
	CU_ASSERT_EQUAL(detect("\"a\",b,c,d,e,f,g,h,i,j,k,l,m,n,o,p,q,r,s,t,"
	    "u,v\n"), NULL);
	/* A dump cut after its header is a queue_log all the same. */
	CU_ASSERT_EQUAL(detect("   time | callid | queuename | agent | event "
	    "| data\n ------+------\n"), &cs_format_asterisk_queue_log);
	/* Garbage of all sorts. */
	CU_ASSERT_EQUAL(detect(""), NULL);
	CU_ASSERT_EQUAL(detect("\n\n   \n"), NULL);
	/* A damaged first line: the next lines decide, up to the eighth. */
	CU_ASSERT_EQUAL(detect("hello world\n1596191926|NONE|NONE|NONE|"
	    "QUEUESTART|\n"), &cs_format_asterisk_queue_log);
	CU_ASSERT_EQUAL(detect("a\nb\nc\nd\ne\nf\ng\n1596191926|NONE|NONE|NONE|"
	    "QUEUESTART|\n"), &cs_format_asterisk_queue_log);
	CU_ASSERT_EQUAL(detect("a\nb\nc\nd\ne\nf\ng\nh\n1596191926|NONE|NONE|"
	    "NONE|QUEUESTART|\n"), NULL);
	/* a bot's canonical event */
	CU_ASSERT_EQUAL(detect("{\"session_id\":\"s-8c1e\",\"ts\":"
	    "\"2025-03-04T09:01:02Z\"}\n"), &cs_format_bot_jsonl);
	/* the canonical events as CSV: their header, quoted or not, in any
	   order; a quoted header of 16 to 21 columns is no CDR */
	CU_ASSERT_EQUAL(detect("ts,type,session_id,text\n"), &cs_format_bot_csv);
	CU_ASSERT_EQUAL(detect("\"vendor_flag\",\"session_id\",\"lang\","
	    "\"caller\",\"called\",\"call_id\",\"sip_call_id\",\"type\",\"ts\","
	    "\"outcome\",\"speaker\",\"text\",\"intent\",\"match\","
	    "\"confidence\",\"service\",\"transfer_target\"\r\n"),
	    &cs_format_bot_csv);
	CU_ASSERT_EQUAL(detect("\"session_id\",\"ts\",\"type\",d,e,f,g,h,i,j,"
	    "k,l,m,n,o,p\n"), &cs_format_bot_csv);
	/* not all three, another separator, or not CSV */
	CU_ASSERT_EQUAL(detect("session_id,ts,text\n"), NULL);
	CU_ASSERT_EQUAL(detect("session_id;ts;type\n"), NULL);
	CU_ASSERT_EQUAL(detect("session_id,ts,ty\"pe\n"), NULL);
	CU_ASSERT_EQUAL(detect("session_ids,ts,type\n"), NULL);
	/* an Amazon Connect contact trace record */
	CU_ASSERT_EQUAL(detect("{\"AWSAccountId\":\"970025851406\",\"ContactId\":"
	    "\"c\",\"InitiationMethod\":\"INBOUND\",\"InitiationTimestamp\":"
	    "\"2025-03-04T09:01:02Z\"}\n"), &cs_format_connect_ctr);
	/* JSON, but not an event */
	CU_ASSERT_EQUAL(detect("{\"name\":\"s-8c1e\",\"ts\":"
	    "\"2025-03-04T09:01:02Z\"}\n"), NULL);
	CU_ASSERT_EQUAL(detect("# only a comment\n"), NULL);
	CU_ASSERT_EQUAL(detect("----+----\n"), NULL);
	CU_ASSERT_EQUAL(detect("12a|b|c\n"), NULL);
	CU_ASSERT_EQUAL(detect("2025-02-30 10:00:00|x|q|NONE|FULL|\n"),
	    NULL);
	CU_ASSERT_EQUAL(cs_format_detect(png, sizeof(png) - 1),
	    NULL);
	/* Only the first len bytes are looked at. */
	CU_ASSERT_EQUAL(cs_format_detect("1596191926|NONE", 3),
	    NULL);
}

/* ---- Asterisk cdr_csv ---- */

/* Parses every line of a sample: returns how many were records, and
 * counts the others in *rejected (the last message in err). */
static int
cdr_file(struct cs_cdr_reader *r, const char *rel, int *rejected,
    struct cs_error *err)
{
	struct lines l;
	struct cs_cdr_record rec;
	int ok = 0;

	*rejected = 0;
	CU_ASSERT_EQUAL_FATAL(lines_read(&l, rel), 0);
	for (size_t i = 0; i < l.n; i++) {
		if (cs_cdr_parse(r, l.s[i], l.len[i], &rec, err) == 0)
			ok++;
		else
			(*rejected)++;
	}
	lines_free(&l);
	return ok;
}

static struct cs_cdr_reader cr;
static struct cs_cdr_record cx;
static struct cs_error cerr;

/* Parses a NUL-terminated line with the reader cr into cx. */
static int
cdr(const char *line)
{
	memset(&cerr, 0, sizeof(cerr));
	return cs_cdr_parse(&cr, line, strlen(line), &cx, &cerr);
}

static void
cdr_open(int utc)
{
	struct cs_error err;

	CU_ASSERT_EQUAL_FATAL(cs_cdr_reader_init(&cr, utc, &err), 0);
}

/* A 16-column record of 2025-03-04 09:00:00 (day 20151). */
#define BASE16 "\"\",\"100\",\"200\",\"ctx\",\"\"\"A\"\" <100>\"," \
	"\"SIP/100-1\",\"SIP/200-2\",\"Dial\",\"SIP/200\"," \
	"\"2025-03-04 09:00:00\",\"2025-03-04 09:00:10\"," \
	"\"2025-03-04 09:01:00\",60,50,\"ANSWERED\",\"DOCUMENTATION\""
#define T_0900Z	1741078800	/* 20151 * 86400 + 9 * 3600 */

static void
test_cdr_sample_2009(void)
{
	struct lines l;

	CU_ASSERT_EQUAL_FATAL(lines_read(&l, CDR_DIR
	    "master_2009_systemname_prefix.csv"), 0);
	CU_ASSERT_EQUAL_FATAL(l.n, 1);

	cdr_open(1);
	CU_ASSERT_EQUAL(cs_cdr_parse(&cr, l.s[0], l.len[0], &cx, &cerr), 0);
	CU_ASSERT_EQUAL(cr.ncols, 18);
	ASSERT_STR(cx.f[CS_CDR_ACCOUNTCODE], "");
	ASSERT_STR(cx.f[CS_CDR_SRC], "3");
	ASSERT_STR(cx.f[CS_CDR_DST], "11");
	ASSERT_STR(cx.f[CS_CDR_DCONTEXT], "attendo");
	ASSERT_STR(cx.f[CS_CDR_CHANNEL], "lcr/439");
	ASSERT_STR(cx.f[CS_CDR_DSTCHANNEL], "IAX2/pbx-14597");
	ASSERT_STR(cx.f[CS_CDR_LASTAPP], "Read");
	ASSERT_STR(cx.f[CS_CDR_LASTDATA], "dtmf||20|noanswer||3");
	ASSERT_STR(cx.f[CS_CDR_START], "2009-04-23 15:16:52");
	ASSERT_STR(cx.f[CS_CDR_DISPOSITION], "ANSWERED");
	ASSERT_STR(cx.f[CS_CDR_AMAFLAGS], "DOCUMENTATION");
	ASSERT_STR(cx.f[CS_CDR_UNIQUEID],
	    "asterisk-1240499812.774");
	ASSERT_STR(cx.f[CS_CDR_USERFIELD], "102441/54");
	CU_ASSERT_PTR_NULL(cx.f[CS_CDR_PEERACCOUNT]);
	CU_ASSERT_PTR_NULL(cx.f[CS_CDR_LINKEDID]);
	CU_ASSERT_PTR_NULL(cx.f[CS_CDR_SEQUENCE]);
	CU_ASSERT_EQUAL(cx.sequence, -1);
	/* 2009-04-23 is day 14245 + 90 + 22 = 14357; 15:16:52 is 55012 s:
	 * 1240499812, the very epoch the uniqueid starts with. */
	CU_ASSERT_EQUAL(cx.start, 1240499812);
	CU_ASSERT_EQUAL(cx.answer, 1240499812);
	CU_ASSERT_EQUAL(cx.end, 1240499857);
	CU_ASSERT_EQUAL(cx.duration, 45);
	CU_ASSERT_EQUAL(cx.billsec, 45);
	CU_ASSERT_EQUAL(cx.ambiguous, 0);
	cs_cdr_reader_release(&cr);
	CU_ASSERT_PTR_NULL(cr.priv);

	/* Read as Paris time (CEST, UTC+2), two hours earlier. */
	paris();
	cdr_open(0);
	CU_ASSERT_EQUAL(cs_cdr_parse(&cr, l.s[0], l.len[0], &cx, &cerr), 0);
	CU_ASSERT_EQUAL(cx.start, 1240499812 - 7200);
	CU_ASSERT_EQUAL(cx.end, 1240499857 - 7200);
	CU_ASSERT_EQUAL(cx.ambiguous, 0);
	cs_cdr_reader_release(&cr);
	lines_free(&l);
}

static void
test_cdr_sample_2018_local_channels(void)
{
	struct lines l;
	int ok = 0;

	CU_ASSERT_EQUAL_FATAL(lines_read(&l, CDR_DIR
	    "master_2018_18col_local_channels.csv"), 0);
	CU_ASSERT_EQUAL_FATAL(l.n, 9);
	cdr_open(1);
	for (size_t i = 0; i < l.n; i++) {
		if (cs_cdr_parse(&cr, l.s[i], l.len[i], &cx, &cerr) != 0)
			continue;
		ok++;
		switch (i) {
		case 0:
			/* Doubled quotes inside clid. */
			ASSERT_STR(cx.f[CS_CDR_CLID],
			    "\"2889\" <2889>");
			ASSERT_STR(cx.f[CS_CDR_DSTCHANNEL],
			    "Local/09243820431@default-000005a6;1");
			ASSERT_STR(cx.f[CS_CDR_LASTDATA],
			    "Local/09243820431@default,30,t");
			/* 2018-09-07: day 17532 + 249 = 17781, 11:05:01. */
			CU_ASSERT_EQUAL(cx.start, 1536318301);
			CU_ASSERT_EQUAL(cx.answer, 1536318320);
			CU_ASSERT_EQUAL(cx.billsec, 0);
			ASSERT_STR(cx.f[CS_CDR_UNIQUEID],
			    "1536293101.12458");
			ASSERT_STR(cx.f[CS_CDR_USERFIELD], "");
			break;
		case 6:
			ASSERT_STR(cx.f[CS_CDR_ACCOUNTCODE],
			    "ast_h323");
			ASSERT_STR(cx.f[CS_CDR_CLID],
			    "\"\" <09083258557>");
			ASSERT_STR(cx.f[CS_CDR_LASTDATA],
			    "(Outgoing Line)");
			CU_ASSERT_EQUAL(cx.duration, 0);
			break;
		case 7:
			/* The empty, unquoted answer of a call not answered. */
			ASSERT_STR(cx.f[CS_CDR_ANSWER], "");
			CU_ASSERT_EQUAL(cx.answer, 0);
			ASSERT_STR(cx.f[CS_CDR_DISPOSITION],
			    "NO ANSWER");
			CU_ASSERT_EQUAL(cx.start, 1536318483);
			CU_ASSERT_EQUAL(cx.end, 1536318511);
			CU_ASSERT_EQUAL(cx.duration, 28);
			break;
		case 8:
			ASSERT_STR(cx.f[CS_CDR_CLID],
			    "\"1111 Krasnoperov S.\" <1111>");
			CU_ASSERT_EQUAL(cx.answer, 0);
			CU_ASSERT_EQUAL(cx.duration, 12);
			break;
		}
	}
	CU_ASSERT_EQUAL(ok, 9);
	cs_cdr_reader_release(&cr);

	/* The PBX wrote local time: in Paris (CEST) two hours earlier. */
	paris();
	cdr_open(0);
	CU_ASSERT_EQUAL(cs_cdr_parse(&cr, l.s[0], l.len[0], &cx, &cerr), 0);
	CU_ASSERT_EQUAL(cx.start, 1536318301 - 7200);
	cs_cdr_reader_release(&cr);
	lines_free(&l);
}

static void
test_cdr_sample_queue_and_dongle(void)
{
	struct lines l;

	CU_ASSERT_EQUAL_FATAL(lines_read(&l, CDR_DIR
	    "master_2018_queue_and_dongle_rejoined.csv"), 0);
	CU_ASSERT_EQUAL_FATAL(l.n, 2);
	cdr_open(1);
	/* The empty unquoted uniqueid is read as empty, not refused. */
	CU_ASSERT_EQUAL(cs_cdr_parse(&cr, l.s[0], l.len[0], &cx, &cerr), 0);
	CU_ASSERT_EQUAL(cr.ncols, 18);
	ASSERT_STR(cx.f[CS_CDR_UNIQUEID], "");
	ASSERT_STR(cx.f[CS_CDR_USERFIELD], "+380660640093");
	ASSERT_STR(cx.f[CS_CDR_LASTAPP], "Queue");
	ASSERT_STR(cx.f[CS_CDR_LASTDATA], "support-420");
	ASSERT_STR(cx.f[CS_CDR_DISPOSITION], "NO ANSWER");
	CU_ASSERT_EQUAL(cx.billsec, 15);
	CU_ASSERT_EQUAL(cx.answer, cx.start);
	/* 2018-06-30: day 17532 + 180 = 17712; 17:59:35 is 64775 s. */
	CU_ASSERT_EQUAL(cx.start, 1530381575);

	CU_ASSERT_EQUAL(cs_cdr_parse(&cr, l.s[1], l.len[1], &cx, &cerr), 0);
	ASSERT_STR(cx.f[CS_CDR_UNIQUEID], "1530369902.8942");
	ASSERT_STR(cx.f[CS_CDR_DSTCHANNEL],
	    "Dongle/LIFE-010000003c");
	/* 14:45:02 UTC: the uniqueid's epoch, so that PBX logged UTC. */
	CU_ASSERT_EQUAL(cx.start, 1530369902);
	CU_ASSERT_EQUAL(cx.answer, 1530369914);
	CU_ASSERT_EQUAL(cx.end, 1530369998);
	CU_ASSERT_EQUAL(cx.duration, 95);
	CU_ASSERT_EQUAL(cx.billsec, 83);
	cs_cdr_reader_release(&cr);
	lines_free(&l);
}

static void
test_cdr_sample_book(void)
{
	int rejected;

	cdr_open(1);
	CU_ASSERT_EQUAL(cdr_file(&cr, CDR_DIR "master_2019_book_rejoined.csv",
	    &rejected, &cerr), 1);
	CU_ASSERT_EQUAL(rejected, 0);
	cs_cdr_reader_release(&cr);

	cdr_open(1);
	CU_ASSERT_EQUAL(cdr("\"\",\"SOFTPHONE_A\",\"227\",\"sets\",\"\"\"101\"\" "
	    "<SOFTPHONE_A>\",\"PJSIP/SOFTPHONE_A-00000002\",\"\",\"Playback\","
	    "\"hear-odd-noise\",\"2019-03-04 02:31:39\",\"2019-03-04 02:31:39\","
	    "\"2019-03-04 02:31:42\",3,3,\"ANSWERED\",\"DOCUMENTATION\","
	    "\"1551666699.4\",\"\""), 0);
	ASSERT_STR(cx.f[CS_CDR_CLID], "\"101\" <SOFTPHONE_A>");
	ASSERT_STR(cx.f[CS_CDR_DSTCHANNEL], "");
	ASSERT_STR(cx.f[CS_CDR_LASTAPP], "Playback");
	/* 2019-03-04: day 17897 + 62; 02:31:39 = 9099 s: the uniqueid. */
	CU_ASSERT_EQUAL(cx.start, 1551666699);
	CU_ASSERT_EQUAL(cx.end, 1551666702);
	cs_cdr_reader_release(&cr);
}

static void
test_cdr_sample_bbf(void)
{
	struct lines l;

	CU_ASSERT_EQUAL_FATAL(lines_read(&l, CDR_DIR
	    "master_2020_bbf_rejoined.csv"), 0);
	CU_ASSERT_EQUAL_FATAL(l.n, 4);
	/* That PBX wrote CEST: read in Paris, start is the uniqueid epoch. */
	paris();
	cdr_open(0);
	CU_ASSERT_EQUAL(cs_cdr_parse(&cr, l.s[0], l.len[0], &cx, &cerr), 0);
	ASSERT_STR(cx.f[CS_CDR_UNIQUEID], "1598518960.99");
	/* 2020-08-27: day 18262 + 239 = 18501; 11:02:40 CEST = 09:02:40Z. */
	CU_ASSERT_EQUAL(cx.start, 1598518960);
	CU_ASSERT_EQUAL(cx.answer, 0);
	CU_ASSERT_EQUAL(cx.end, 1598518960);
	ASSERT_STR(cx.f[CS_CDR_DISPOSITION], "BUSY");
	CU_ASSERT_EQUAL(cs_cdr_parse(&cr, l.s[1], l.len[1], &cx, &cerr), 0);
	CU_ASSERT_EQUAL(cx.start, 1598518936);
	CU_ASSERT_EQUAL(cx.answer, 1598518940);
	CU_ASSERT_EQUAL(cx.end, 1598518945);
	CU_ASSERT_EQUAL(cs_cdr_parse(&cr, l.s[2], l.len[2], &cx, &cerr), 0);
	/* The backslash is data. */
	ASSERT_STR(cx.f[CS_CDR_LASTDATA],
	    "TELCHAN\\/5,,tF(hangup,h,2)");
	ASSERT_STR(cx.f[CS_CDR_CLID], "\"\" <7001>");
	CU_ASSERT_EQUAL(cx.duration, 660);
	CU_ASSERT_EQUAL(cx.billsec, 654);
	CU_ASSERT_EQUAL(cx.start, 1598519380);
	CU_ASSERT_EQUAL(cx.end, 1598519380 + 660);
	CU_ASSERT_EQUAL(cs_cdr_parse(&cr, l.s[3], l.len[3], &cx, &cerr), 0);
	ASSERT_STR(cx.f[CS_CDR_DSTCHANNEL], "SIP/sip0-00000001");
	CU_ASSERT_EQUAL(cx.start, 1598364701);
	cs_cdr_reader_release(&cr);
	lines_free(&l);
}

static void
test_cdr_sample_testsuite(void)
{
	static const char *disp[] = {
		"ANSWERED", "ANSWERED", "FAILED", "NO ANSWER", "BUSY"
	};
	struct lines l;
	int rejected;

	CU_ASSERT_EQUAL_FATAL(lines_read(&l, CDR_DIR
	    "testsuite_cdrlib_good.csv"), 0);
	CU_ASSERT_EQUAL_FATAL(l.n, 5);
	cdr_open(1);
	for (size_t i = 0; i < l.n; i++) {
		CU_ASSERT_EQUAL(cs_cdr_parse(&cr, l.s[i], l.len[i], &cx,
		    &cerr), 0);
		ASSERT_STR(cx.f[CS_CDR_DISPOSITION], disp[i]);
		ASSERT_STR(cx.f[CS_CDR_CLID],
		    "\"Test User\" <test>");
		/* 2009-01-14: day 14245 + 13; 23:51:15 = 85875 s. */
		CU_ASSERT_EQUAL(cx.start, 1231977075);
		CU_ASSERT_EQUAL(cx.end, 1231977080);
	}
	/* billsec 7 > duration 5 on line 2: kept, not interpreted. */
	CU_ASSERT_EQUAL(cs_cdr_parse(&cr, l.s[1], l.len[1], &cx, &cerr), 0);
	CU_ASSERT_EQUAL(cx.billsec, 7);
	cs_cdr_reader_release(&cr);
	lines_free(&l);

	/* The unterminated quoted last field. */
	cdr_open(1);
	memset(&cerr, 0, sizeof(cerr));
	CU_ASSERT_EQUAL(cdr_file(&cr, CDR_DIR "testsuite_cdrlib_buggy.csv",
	    &rejected, &cerr), 0);
	CU_ASSERT_EQUAL(rejected, 1);
	CU_ASSERT(starts(cerr.msg, "unterminated quoted field"));
	CU_ASSERT_EQUAL(cr.ncols, 0);
	cs_cdr_reader_release(&cr);
}

/* Every .csv sample: records, or rejected where said above. */
static void
test_cdr_samples_all(void)
{
	static const struct {
		const char	*file;
		int		 ok, rejected, ncols;
	} files[] = {
		{ "master_2009_systemname_prefix.csv", 1, 0, 18 },
		{ "master_2018_18col_local_channels.csv", 9, 0, 18 },
		{ "master_2018_queue_and_dongle_rejoined.csv", 2, 0, 18 },
		{ "master_2019_book_rejoined.csv", 1, 0, 18 },
		{ "master_2020_bbf_rejoined.csv", 4, 0, 18 },
		{ "testsuite_cdrlib_buggy.csv", 0, 1, 0 },
		{ "testsuite_cdrlib_good.csv", 5, 0, 18 },
	};
	char rel[256];
	int rejected;

	for (int utc = 0; utc <= 1; utc++) {
		paris();
		for (size_t i = 0; i < sizeof(files) / sizeof(files[0]); i++) {
			snprintf(rel, sizeof(rel), CDR_DIR "%s", files[i].file);
			cdr_open(utc);
			CU_ASSERT_EQUAL(cdr_file(&cr, rel, &rejected, &cerr),
			    files[i].ok);
			CU_ASSERT_EQUAL(rejected, files[i].rejected);
			CU_ASSERT_EQUAL(cr.ncols, files[i].ncols);
			cs_cdr_reader_release(&cr);
		}
	}
}

static void
test_cdr_columns(void)
{
	/* 16: none of the optional columns. */
	cdr_open(1);
	CU_ASSERT_EQUAL(cdr(BASE16), 0);
	CU_ASSERT_EQUAL(cr.ncols, 16);
	for (int i = CS_CDR_UNIQUEID; i < CS_CDR_NFIELDS; i++)
		CU_ASSERT_PTR_NULL(cx.f[i]);
	ASSERT_STR(cx.f[CS_CDR_CLID], "\"A\" <100>");
	CU_ASSERT_EQUAL(cx.start, T_0900Z);
	CU_ASSERT_EQUAL(cx.answer, T_0900Z + 10);
	CU_ASSERT_EQUAL(cx.end, T_0900Z + 60);
	CU_ASSERT_EQUAL(cx.duration, 60);
	CU_ASSERT_EQUAL(cx.billsec, 50);
	CU_ASSERT_EQUAL(cx.sequence, -1);
	cs_cdr_reader_release(&cr);

	/* 17: a uniqueid... */
	cdr_open(1);
	CU_ASSERT_EQUAL(cdr(BASE16 ",\"1741078800.12\""), 0);
	CU_ASSERT_EQUAL(cr.ncols, 17);
	CU_ASSERT_EQUAL(cr.col17, CS_CDR_UNIQUEID);
	ASSERT_STR(cx.f[CS_CDR_UNIQUEID], "1741078800.12");
	CU_ASSERT_PTR_NULL(cx.f[CS_CDR_USERFIELD]);
	/* ...and the file keeps that layout whatever comes next. */
	CU_ASSERT_EQUAL(cdr(BASE16 ",\"hello\""), 0);
	ASSERT_STR(cx.f[CS_CDR_UNIQUEID], "hello");
	CU_ASSERT_PTR_NULL(cx.f[CS_CDR_USERFIELD]);
	cs_cdr_reader_release(&cr);

	/* ...with a system name that holds a dash... */
	cdr_open(1);
	CU_ASSERT_EQUAL(cdr(BASE16 ",\"Asterisk-01-1362424276.2\""), 0);
	CU_ASSERT_EQUAL(cr.col17, CS_CDR_UNIQUEID);
	ASSERT_STR(cx.f[CS_CDR_UNIQUEID],
	    "Asterisk-01-1362424276.2");
	cs_cdr_reader_release(&cr);

	/* ...or a userfield. */
	cdr_open(1);
	CU_ASSERT_EQUAL(cdr(BASE16 ",\"dept=etat-civil\""), 0);
	CU_ASSERT_EQUAL(cr.col17, CS_CDR_USERFIELD);
	ASSERT_STR(cx.f[CS_CDR_USERFIELD], "dept=etat-civil");
	CU_ASSERT_PTR_NULL(cx.f[CS_CDR_UNIQUEID]);
	CU_ASSERT_EQUAL(cdr(BASE16 ",\"1741078800.12\""), 0);
	ASSERT_STR(cx.f[CS_CDR_USERFIELD], "1741078800.12");
	cs_cdr_reader_release(&cr);
	cdr_open(1);
	CU_ASSERT_EQUAL(cdr(BASE16 ",\"1741078800\""), 0);
	CU_ASSERT_EQUAL(cr.col17, CS_CDR_USERFIELD);
	cs_cdr_reader_release(&cr);

	/* 18: uniqueid, userfield. */
	cdr_open(1);
	CU_ASSERT_EQUAL(cdr(BASE16 ",\"1741078800.12\",\"note\""), 0);
	CU_ASSERT_EQUAL(cr.ncols, 18);
	ASSERT_STR(cx.f[CS_CDR_UNIQUEID], "1741078800.12");
	ASSERT_STR(cx.f[CS_CDR_USERFIELD], "note");
	CU_ASSERT_PTR_NULL(cx.f[CS_CDR_LINKEDID]);
	cs_cdr_reader_release(&cr);

	/* 19: peeraccount, linkedid, sequence. */
	cdr_open(1);
	CU_ASSERT_EQUAL(cdr(BASE16 ",\"peer\",\"1741078800.10\",3"), 0);
	CU_ASSERT_EQUAL(cr.ncols, 19);
	CU_ASSERT_PTR_NULL(cx.f[CS_CDR_UNIQUEID]);
	CU_ASSERT_PTR_NULL(cx.f[CS_CDR_USERFIELD]);
	ASSERT_STR(cx.f[CS_CDR_PEERACCOUNT], "peer");
	ASSERT_STR(cx.f[CS_CDR_LINKEDID], "1741078800.10");
	ASSERT_STR(cx.f[CS_CDR_SEQUENCE], "3");
	CU_ASSERT_EQUAL(cx.sequence, 3);
	cs_cdr_reader_release(&cr);

	/* 20: uniqueid or userfield, then the three. */
	cdr_open(1);
	CU_ASSERT_EQUAL(cdr(BASE16 ",\"1741078800.12\",\"peer\","
	    "\"1741078800.10\",4"), 0);
	CU_ASSERT_EQUAL(cr.ncols, 20);
	CU_ASSERT_EQUAL(cr.col17, CS_CDR_UNIQUEID);
	ASSERT_STR(cx.f[CS_CDR_UNIQUEID], "1741078800.12");
	CU_ASSERT_PTR_NULL(cx.f[CS_CDR_USERFIELD]);
	ASSERT_STR(cx.f[CS_CDR_PEERACCOUNT], "peer");
	ASSERT_STR(cx.f[CS_CDR_LINKEDID], "1741078800.10");
	CU_ASSERT_EQUAL(cx.sequence, 4);
	cs_cdr_reader_release(&cr);
	cdr_open(1);
	CU_ASSERT_EQUAL(cdr(BASE16 ",\"x\",\"peer\",\"1741078800.10\",4"), 0);
	CU_ASSERT_EQUAL(cr.col17, CS_CDR_USERFIELD);
	ASSERT_STR(cx.f[CS_CDR_USERFIELD], "x");
	CU_ASSERT_PTR_NULL(cx.f[CS_CDR_UNIQUEID]);
	ASSERT_STR(cx.f[CS_CDR_PEERACCOUNT], "peer");
	CU_ASSERT_EQUAL(cx.sequence, 4);
	cs_cdr_reader_release(&cr);

	/* 21: all five. */
	cdr_open(1);
	CU_ASSERT_EQUAL(cdr(BASE16 ",\"1741078800.12\",\"note\",\"peer\","
	    "\"1741078800.10\",5"), 0);
	CU_ASSERT_EQUAL(cr.ncols, 21);
	ASSERT_STR(cx.f[CS_CDR_UNIQUEID], "1741078800.12");
	ASSERT_STR(cx.f[CS_CDR_USERFIELD], "note");
	ASSERT_STR(cx.f[CS_CDR_PEERACCOUNT], "peer");
	ASSERT_STR(cx.f[CS_CDR_LINKEDID], "1741078800.10");
	CU_ASSERT_EQUAL(cx.sequence, 5);
	/* A sequence that is no number. */
	CU_ASSERT_EQUAL(cdr(BASE16 ",\"1741078800.12\",\"note\",\"peer\","
	    "\"1741078800.10\",x"), -1);
	CU_ASSERT_STRING_EQUAL(cerr.msg, "sequence is not a number: 'x'");
	cs_cdr_reader_release(&cr);
}

static void
test_cdr_count_changes(void)
{
	cdr_open(1);
	/* A bad first line fixes nothing. */
	CU_ASSERT_EQUAL(cdr("\"\",\"1\",\"2\",\"c\",\"\",\"SIP/1\",\"\","
	    "\"Dial\",\"\""), -1);
	CU_ASSERT_STRING_EQUAL(cerr.msg, "expected 16 to 21 fields, found 9");
	CU_ASSERT_EQUAL(cr.ncols, 0);
	CU_ASSERT_EQUAL(cdr(BASE16 ",\"1741078800.12\",\"note\""), 0);
	CU_ASSERT_EQUAL(cr.ncols, 18);
	CU_ASSERT_EQUAL(cdr(BASE16 ",\"1741078800.12\",\"note\",\"peer\","
	    "\"1741078800.10\",5"), -1);
	CU_ASSERT_STRING_EQUAL(cerr.msg, "expected 18 fields like the first "
	    "record of this file, found 21");
	CU_ASSERT_EQUAL(cdr(BASE16), -1);
	CU_ASSERT_STRING_EQUAL(cerr.msg, "expected 18 fields like the first "
	    "record of this file, found 16");
	CU_ASSERT_EQUAL(cr.ncols, 18);
	CU_ASSERT_EQUAL(cdr(BASE16 ",\"1741078800.13\",\"\""), 0);
	ASSERT_STR(cx.f[CS_CDR_UNIQUEID], "1741078800.13");
	cs_cdr_reader_release(&cr);

	/* Out of range both ways. */
	cdr_open(1);
	CU_ASSERT_EQUAL(cdr("\"a\",\"b\",\"c\",\"d\",\"e\",\"f\",\"g\",\"h\","
	    "\"i\",\"2025-03-04 09:00:00\",,,0,0,\"x\""), -1);
	CU_ASSERT_STRING_EQUAL(cerr.msg, "expected 16 to 21 fields, found 15");
	CU_ASSERT_EQUAL(cdr(BASE16 ",\"1\",\"2\",\"3\",\"4\",5,\"6\""), -1);
	CU_ASSERT_STRING_EQUAL(cerr.msg, "expected 16 to 21 fields, found 22");
	cs_cdr_reader_release(&cr);
}

static void
test_cdr_times(void)
{
	cdr_open(1);
	/* End empty: start + duration; answer empty: 0. */
	CU_ASSERT_EQUAL(cdr("\"\",\"1\",\"2\",\"c\",\"\",\"SIP/1\",\"\","
	    "\"Dial\",\"\",\"2025-03-04 09:00:00\",,,60,0,\"NO ANSWER\","
	    "\"DOCUMENTATION\""), 0);
	CU_ASSERT_EQUAL(cx.start, T_0900Z);
	CU_ASSERT_EQUAL(cx.answer, 0);
	CU_ASSERT_EQUAL(cx.end, T_0900Z + 60);
	/* Empty quoted times (cdr_custom writes them) are empty too, and
	 * microseconds are ignored. */
	CU_ASSERT_EQUAL(cdr("\"\",\"1\",\"2\",\"c\",\"\",\"SIP/1\",\"\","
	    "\"Dial\",\"\",\"2025-03-04 09:00:00.250000\",\"\",\"\",7,0,"
	    "\"NO ANSWER\",\"DOCUMENTATION\""), 0);
	CU_ASSERT_EQUAL(cx.start, T_0900Z);
	CU_ASSERT_EQUAL(cx.answer, 0);
	CU_ASSERT_EQUAL(cx.end, T_0900Z + 7);
	cs_cdr_reader_release(&cr);

	/* Paris in March is CET, UTC+1. */
	paris();
	cdr_open(0);
	CU_ASSERT_EQUAL(cdr(BASE16), 0);
	CU_ASSERT_EQUAL(cx.start, T_0900Z - 3600);
	CU_ASSERT_EQUAL(cx.answer, T_0900Z - 3600 + 10);
	CU_ASSERT_EQUAL(cx.end, T_0900Z - 3600 + 60);
	CU_ASSERT_EQUAL(cx.ambiguous, 0);
	/* 2025-03-30 02:30 never happened in Paris: read as mktime() does,
	 * with the old offset: 01:30Z (day 20177). */
	CU_ASSERT_EQUAL(cdr("\"\",\"1\",\"2\",\"c\",\"\",\"SIP/1\",\"\","
	    "\"Dial\",\"\",\"2025-03-30 02:30:00\",,,0,0,\"NO ANSWER\","
	    "\"DOCUMENTATION\""), 0);
	CU_ASSERT_EQUAL(cx.start, 1743298200);
	CU_ASSERT_EQUAL(cx.ambiguous, 0);
	cs_cdr_reader_release(&cr);
}

/* A 16-column Paris record of 2025-10-26 (day 20387, 00:00Z is
 * 1761436800), the day 03:00 CEST became 02:00 CET. */
#define DST(start, answer, end, dur, bill) \
	"\"\",\"1\",\"2\",\"c\",\"\",\"SIP/1\",\"SIP/2\",\"Dial\",\"\"," \
	start "," answer "," end "," dur "," bill ",\"ANSWERED\",\"OMIT\""

static void
test_cdr_dst_ambiguous(void)
{
	paris();
	cdr_open(0);
	/* All in the repeated hour: the first 02:30 is 00:30Z. */
	CU_ASSERT_EQUAL(cdr(DST("\"2025-10-26 02:30:00\"",
	    "\"2025-10-26 02:40:00\"", "\"2025-10-26 02:50:00\"", "1200",
	    "600")), 0);
	CU_ASSERT_EQUAL(cx.start, 1761438600);
	CU_ASSERT_EQUAL(cx.ambiguous, 1);
	CU_ASSERT_EQUAL(cx.answer, 1761439200);
	CU_ASSERT_EQUAL(cx.end, 1761439800);

	/* Start 02:50 CEST (00:50Z); 15 min later it is 02:05 CET (01:05Z),
	 * 25 min later 02:15 CET (01:15Z): answer and end are the second
	 * 02:05 and 02:15, as duration and billsec say. */
	CU_ASSERT_EQUAL(cdr(DST("\"2025-10-26 02:50:00\"",
	    "\"2025-10-26 02:05:00\"", "\"2025-10-26 02:15:00\"", "1500",
	    "600")), 0);
	CU_ASSERT_EQUAL(cx.start, 1761439800);
	CU_ASSERT_EQUAL(cx.ambiguous, 1);
	CU_ASSERT_EQUAL(cx.answer, 1761440700);
	CU_ASSERT_EQUAL(cx.end, 1761441300);

	/* Start before the change (01:30 CEST = 23:30Z the day before), end
	 * in the repeated hour: start is sure, end the first 02:20. */
	CU_ASSERT_EQUAL(cdr(DST("\"2025-10-26 01:30:00\"", "",
	    "\"2025-10-26 02:20:00\"", "3000", "0")), 0);
	CU_ASSERT_EQUAL(cx.start, 1761435000);
	CU_ASSERT_EQUAL(cx.ambiguous, 0);
	CU_ASSERT_EQUAL(cx.answer, 0);
	CU_ASSERT_EQUAL(cx.end, 1761438000);

	/* After it: 03:10 CET is 02:10Z. */
	CU_ASSERT_EQUAL(cdr(DST("\"2025-10-26 03:10:00\"", "", "", "60",
	    "0")), 0);
	CU_ASSERT_EQUAL(cx.start, 1761444600);
	CU_ASSERT_EQUAL(cx.ambiguous, 0);
	CU_ASSERT_EQUAL(cx.end, 1761444660);
	cs_cdr_reader_release(&cr);

	/* In UTC nothing is ambiguous: 02:30Z. */
	cdr_open(1);
	CU_ASSERT_EQUAL(cdr(DST("\"2025-10-26 02:30:00\"", "", "", "0",
	    "0")), 0);
	CU_ASSERT_EQUAL(cx.start, 1761445800);
	CU_ASSERT_EQUAL(cx.ambiguous, 0);
	cs_cdr_reader_release(&cr);
}

static void
test_cdr_latin1(void)
{
	cdr_open(1);
	/* "Hélène" written in Latin-1 by an old PBX. */
	CU_ASSERT_EQUAL(cdr("\"\",\"1\",\"2\",\"c\",\"\"\"H\xe9l\xe8ne\"\" "
	    "<1>\",\"SIP/1\",\"\",\"Dial\",\"\",\"2025-03-04 09:00:00\",,,0,0,"
	    "\"NO ANSWER\",\"DOCUMENTATION\""), 0);
	ASSERT_STR(cx.f[CS_CDR_CLID],
	    "\"H\xc3\xa9l\xc3\xa8ne\" <1>");
	/* UTF-8 stays as it is; a stray byte beside it is Latin-1; an
	 * overlong form and a lone continuation byte are no UTF-8. */
	CU_ASSERT_EQUAL(cdr("\"\",\"1\",\"2\",\"c\",\"Zo\xc3\xa9\",\"\xc3\xa9t"
	    "\xe9\",\"\xc0\xaf\",\"\x80\",\"\xe2\x82\xac\",\"2025-03-04 "
	    "09:00:00\",,,0,0,\"NO ANSWER\",\"DOCUMENTATION\""), 0);
	ASSERT_STR(cx.f[CS_CDR_CLID], "Zo\xc3\xa9");
	ASSERT_STR(cx.f[CS_CDR_CHANNEL], "\xc3\xa9t\xc3\xa9");
	ASSERT_STR(cx.f[CS_CDR_DSTCHANNEL], "\xc3\x80\xc2\xaf");
	ASSERT_STR(cx.f[CS_CDR_LASTAPP], "\xc2\x80");
	ASSERT_STR(cx.f[CS_CDR_LASTDATA], "\xe2\x82\xac");
	/* A sequence cut at the end of a field. */
	CU_ASSERT_EQUAL(cdr("\"\",\"1\",\"2\",\"c\",\"ab\xe2\x82\",\"\",\"\","
	    "\"\",\"\",\"2025-03-04 09:00:00\",,,0,0,\"x\",\"y\""), 0);
	ASSERT_STR(cx.f[CS_CDR_CLID], "ab\xc3\xa2\xc2\x82");
	cs_cdr_reader_release(&cr);
}

static void
test_cdr_bad_lines(void)
{
	static const char nul[] = "\"\",\"1\",\"2\",\"c\",\"\",\"SIP/1\0\","
	    "\"\",\"Dial\",\"\",\"2025-03-04 09:00:00\",,,0,0,\"x\",\"y\"";
	char glued[2 * sizeof(BASE16)];

	cdr_open(1);
	/* Cut short inside a quoted field, and at a comma. */
	CU_ASSERT_EQUAL(cdr("\"\",\"100\",\"200\",\"ctx\",\"\"\"A\"\" <100>\","
	    "\"SIP/100-1\",\"SIP/200-2\",\"Di"), -1);
	CU_ASSERT_STRING_EQUAL(cerr.msg, "unterminated quoted field 8 "
	    "(a field that starts with '\"' must end with '\"')");
	CU_ASSERT_EQUAL(cdr("\"\",\"100\",\"200\",\"ctx\",\"\"\"A\"\" <100>\","
	    "\"SIP/100-1\",\"SIP/200-2\",\"Dial\",\"SIP/200\""), -1);
	CU_ASSERT_STRING_EQUAL(cerr.msg, "expected 16 to 21 fields, found 9");

	/* Two records glued (a lost line end): 16 + 15 fields, the last of
	 * the first and the first of the second merged. */
	snprintf(glued, sizeof(glued), "%s%s", BASE16, BASE16);
	CU_ASSERT_EQUAL(cdr(glued), -1);
	CU_ASSERT_STRING_EQUAL(cerr.msg, "expected 16 to 21 fields, found 31");

	/* Impossible dates and times, each field named. */
	CU_ASSERT_EQUAL(cdr("\"\",\"1\",\"2\",\"c\",\"\",\"SIP/1\",\"\","
	    "\"Dial\",\"\",\"2025-02-30 09:00:00\",,,0,0,\"x\",\"y\""), -1);
	CU_ASSERT_STRING_EQUAL(cerr.msg, "start is not a valid date and time "
	    "(YYYY-MM-DD HH:MM:SS): '2025-02-30 09:00:00'");
	CU_ASSERT_EQUAL(cdr("\"\",\"1\",\"2\",\"c\",\"\",\"SIP/1\",\"\","
	    "\"Dial\",\"\",\"2025-03-04 09:00:00\",\"2025-13-01 00:00:00\",,0,"
	    "0,\"x\",\"y\""), -1);
	CU_ASSERT(starts(cerr.msg, "answer is not a valid date and time"));
	CU_ASSERT_EQUAL(cdr("\"\",\"1\",\"2\",\"c\",\"\",\"SIP/1\",\"\","
	    "\"Dial\",\"\",\"2025-03-04 09:00:00\",,\"2025-03-04 24:00:00\",0,"
	    "0,\"x\",\"y\""), -1);
	CU_ASSERT(starts(cerr.msg, "end is not a valid date and time"));
	CU_ASSERT_EQUAL(cdr("\"\",\"1\",\"2\",\"c\",\"\",\"SIP/1\",\"\","
	    "\"Dial\",\"\",\"04/03/2025 09:00\",,,0,0,\"x\",\"y\""), -1);
	CU_ASSERT(starts(cerr.msg, "start is not a valid date and time"));
	CU_ASSERT_EQUAL(cdr("\"\",\"1\",\"2\",\"c\",\"\",\"SIP/1\",\"\","
	    "\"Dial\",\"\",,,,0,0,\"x\",\"y\""), -1);
	CU_ASSERT_STRING_EQUAL(cerr.msg, "start is empty: every record needs "
	    "its start time");

	/* Words and signs where numbers belong. */
	CU_ASSERT_EQUAL(cdr("\"\",\"1\",\"2\",\"c\",\"\",\"SIP/1\",\"\","
	    "\"Dial\",\"\",\"2025-03-04 09:00:00\",,,abc,0,\"x\",\"y\""), -1);
	CU_ASSERT_STRING_EQUAL(cerr.msg, "duration is not a number: 'abc'");
	CU_ASSERT_EQUAL(cdr("\"\",\"1\",\"2\",\"c\",\"\",\"SIP/1\",\"\","
	    "\"Dial\",\"\",\"2025-03-04 09:00:00\",,,5,-3,\"x\",\"y\""), -1);
	CU_ASSERT_STRING_EQUAL(cerr.msg, "billsec is negative: '-3'");
	CU_ASSERT_EQUAL(cdr("\"\",\"1\",\"2\",\"c\",\"\",\"SIP/1\",\"\","
	    "\"Dial\",\"\",\"2025-03-04 09:00:00\",,,5s,0,\"x\",\"y\""), -1);
	CU_ASSERT_STRING_EQUAL(cerr.msg, "duration is not a number: '5s'");
	CU_ASSERT_EQUAL(cdr("\"\",\"1\",\"2\",\"c\",\"\",\"SIP/1\",\"\","
	    "\"Dial\",\"\",\"2025-03-04 09:00:00\",,,,0,\"x\",\"y\""), -1);
	CU_ASSERT_STRING_EQUAL(cerr.msg, "duration is empty: a number is "
	    "needed");
	CU_ASSERT_EQUAL(cdr("\"\",\"1\",\"2\",\"c\",\"\",\"SIP/1\",\"\","
	    "\"Dial\",\"\",\"2025-03-04 09:00:00\",,,99999999999999999999,0,"
	    "\"x\",\"y\""), -1);
	CU_ASSERT(starts(cerr.msg, "duration is out of range"));

	/* Binary garbage: a NUL, other control characters, a stray CR. */
	memset(&cerr, 0, sizeof(cerr));
	CU_ASSERT_EQUAL(cs_cdr_parse(&cr, nul, sizeof(nul) - 1, &cx, &cerr),
	    -1);
	CU_ASSERT_STRING_EQUAL(cerr.msg, "binary data in line (byte 0x00 at "
	    "column 25)");
	CU_ASSERT_EQUAL(cdr("\x1f\x8b\x08\x00\x00\x00\x00\x00"), -1);
	CU_ASSERT(starts(cerr.msg, "binary data in line"));
	CU_ASSERT_EQUAL(cdr(BASE16 "\r"), -1);
	CU_ASSERT(starts(cerr.msg, "binary data in line (byte 0x0d"));
	CU_ASSERT_EQUAL(cdr("\"\",\"1\",\"2\",\"c\",\"\",\"SIP/1\",\"\","
	    "\"Di\ral\",\"\",\"2025-03-04 09:00:00\",,,0,0,\"x\",\"y\""), -1);
	CU_ASSERT(starts(cerr.msg, "binary data in line"));

	/* Quotes out of place, and the empty line. */
	CU_ASSERT_EQUAL(cdr("\"\",\"1\",\"2\",\"c\",\"ab\"c\",\"SIP/1\",\"\","
	    "\"Dial\",\"\",\"2025-03-04 09:00:00\",,,0,0,\"x\",\"y\""), -1);
	CU_ASSERT(starts(cerr.msg, "misplaced quote in field 5"));
	CU_ASSERT_EQUAL(cdr("\"\",\"1\",\"2\",\"c\",ab\"c,\"SIP/1\",\"\","
	    "\"Dial\",\"\",\"2025-03-04 09:00:00\",,,0,0,\"x\",\"y\""), -1);
	CU_ASSERT(starts(cerr.msg, "misplaced quote in field 5"));
	CU_ASSERT_EQUAL(cdr(""), -1);
	CU_ASSERT_STRING_EQUAL(cerr.msg, "empty line");

	/* None of that fixed the column count, nor left the parser in a
	 * bad state: the next good line reads whole. */
	CU_ASSERT_EQUAL(cr.ncols, 0);
	CU_ASSERT_EQUAL(cdr("\"\",\"100\",\"200\",\"ctx\",\"\"\"A\"\" <100>\","
	    "\"SIP/100-1\",\"SIP/200-2\",\"Di"), -1);
	CU_ASSERT_EQUAL(cdr(BASE16), 0);
	ASSERT_STR(cx.f[CS_CDR_ACCOUNTCODE], "");
	ASSERT_STR(cx.f[CS_CDR_SRC], "100");
	ASSERT_STR(cx.f[CS_CDR_AMAFLAGS], "DOCUMENTATION");
	CU_ASSERT_EQUAL(cx.start, T_0900Z);
	CU_ASSERT_EQUAL(cr.ncols, 16);
	/* A tab is no binary data. */
	CU_ASSERT_EQUAL(cdr("\"\",\"1\",\"2\",\"c\",\"\",\"SIP/1\",\"\","
	    "\"Dial\",\"a\tb\",\"2025-03-04 09:00:00\",,,0,0,\"x\",\"y\""), 0);
	ASSERT_STR(cx.f[CS_CDR_LASTDATA], "a\tb");
	cs_cdr_reader_release(&cr);
	/* Released twice, no harm. */
	cs_cdr_reader_release(&cr);
}

/* The range of what a log may say (timeutil.h): each bound, and past it. */
static void
test_cdr_ranges(void)
{
	cdr_open(1);
	/* Out of range: durations beyond 7 days (604800 s), years before
	 * 1990 and after 2099, each field named. */
	CU_ASSERT_EQUAL(cdr("\"\",\"1\",\"2\",\"c\",\"\",\"SIP/1\",\"\","
	    "\"Dial\",\"\",\"2025-03-04 09:00:00\",,,9223372036854775807,0,"
	    "\"x\",\"y\""), -1);
	CU_ASSERT_STRING_EQUAL(cerr.msg, "duration is out of range: "
	    "'9223372036854775807' (at most 604800 seconds, 7 days); remove "
	    "the line or correct it");
	CU_ASSERT_EQUAL(cdr("\"\",\"1\",\"2\",\"c\",\"\",\"SIP/1\",\"\","
	    "\"Dial\",\"\",\"2025-03-04 09:00:00\",,,604801,0,\"x\",\"y\""),
	    -1);
	CU_ASSERT(starts(cerr.msg, "duration is out of range: '604801'"));
	CU_ASSERT_EQUAL(cdr("\"\",\"1\",\"2\",\"c\",\"\",\"SIP/1\",\"\","
	    "\"Dial\",\"\",\"2025-03-04 09:00:00\",,,604800,604801,\"x\","
	    "\"y\""), -1);
	CU_ASSERT(starts(cerr.msg, "billsec is out of range: '604801'"));
	CU_ASSERT_EQUAL(cdr("\"\",\"1\",\"2\",\"c\",\"\",\"SIP/1\",\"\","
	    "\"Dial\",\"\",\"2025-03-04 09:00:00\",,,604800,604800,\"x\","
	    "\"y\""), 0);
	CU_ASSERT_EQUAL(cx.end, T_0900Z + 604800);
	CU_ASSERT_EQUAL(cdr("\"\",\"1\",\"2\",\"c\",\"\",\"SIP/1\",\"\","
	    "\"Dial\",\"\",\"0000-01-01 00:00:00\",,,0,0,\"x\",\"y\""), -1);
	CU_ASSERT_STRING_EQUAL(cerr.msg, "start is out of range: "
	    "'0000-01-01 00:00:00' (years 1990 to 2099 are read); check the "
	    "PBX's clock, then remove the line or correct it");
	CU_ASSERT_EQUAL(cdr("\"\",\"1\",\"2\",\"c\",\"\",\"SIP/1\",\"\","
	    "\"Dial\",\"\",\"2025-03-04 09:00:00\",\"9999-12-31 23:59:59\",,"
	    "0,0,\"x\",\"y\""), -1);
	CU_ASSERT(starts(cerr.msg, "answer is out of range"));
	CU_ASSERT_EQUAL(cdr("\"\",\"1\",\"2\",\"c\",\"\",\"SIP/1\",\"\","
	    "\"Dial\",\"\",\"2025-03-04 09:00:00\",,\"2100-01-01 00:00:00\","
	    "0,0,\"x\",\"y\""), -1);
	CU_ASSERT(starts(cerr.msg, "end is out of range"));
	CU_ASSERT_EQUAL(cdr("\"\",\"1\",\"2\",\"c\",\"\",\"SIP/1\",\"\","
	    "\"Dial\",\"\",\"1989-12-31 23:59:59\",,,0,0,\"x\",\"y\""), -1);
	CU_ASSERT(starts(cerr.msg, "start is out of range"));
	CU_ASSERT_EQUAL(cdr("\"\",\"1\",\"2\",\"c\",\"\",\"SIP/1\",\"\","
	    "\"Dial\",\"\",\"1990-01-01 00:00:00\",,\"2099-12-31 23:59:59\","
	    "0,0,\"x\",\"y\""), 0);
	CU_ASSERT_EQUAL(cx.start, 7305 * INT64_C(86400));
	CU_ASSERT_EQUAL(cx.end, 47482 * INT64_C(86400) - 1);
	cs_cdr_reader_release(&cr);
	cdr_open(1);
	CU_ASSERT_EQUAL(cdr("\"\",\"1\",\"2\",\"c\",\"\",\"SIP/1\",\"\","
	    "\"Dial\",\"\",\"2025-03-04 09:00:00\",,,0,0,\"x\",\"y\","
	    "\"u.1\",\"\",\"\",\"l\",2147483648"), -1);
	CU_ASSERT(starts(cerr.msg, "sequence is out of range"));
	cs_cdr_reader_release(&cr);
}

static void
test_cdr_long_lines(void)
{
	size_t n = 20000, len;
	char *line = malloc(2 * n + 512), *p;

	CU_ASSERT_PTR_NOT_NULL_FATAL(line);
	cdr_open(1);
	/* Longer than the first buffers, all Latin-1 (twice as long in
	 * UTF-8), then short again. */
	p = line;
	p += sprintf(p, "\"\",\"1\",\"2\",\"c\",\"");
	memset(p, '\xe9', n);
	p += n;
	p += sprintf(p, "\",\"SIP/1\",\"\",\"Dial\",\"");
	memset(p, 'x', n);
	p += n;
	sprintf(p, "\",\"2025-03-04 09:00:00\",,,0,0,\"x\",\"y\"");
	len = strlen(line);
	CU_ASSERT_EQUAL(cs_cdr_parse(&cr, line, len, &cx, &cerr), 0);
	CU_ASSERT_EQUAL(strlen(cx.f[CS_CDR_CLID]), 2 * n);
	CU_ASSERT_EQUAL(strlen(cx.f[CS_CDR_LASTDATA]), n);
	CU_ASSERT(memcmp(cx.f[CS_CDR_CLID], "\xc3\xa9\xc3\xa9", 4) == 0);
	CU_ASSERT_EQUAL(cx.start, T_0900Z);
	CU_ASSERT_EQUAL(cdr(BASE16), 0);
	ASSERT_STR(cx.f[CS_CDR_SRC], "100");
	cs_cdr_reader_release(&cr);
	free(line);
}

/* ---- Asterisk queue_log ---- */

static struct cs_qlog_reader qr;
static struct cs_qlog_record qx;
static struct cs_error qerr;

static int
qlog(const char *line)
{
	memset(&qerr, 0, sizeof(qerr));
	return cs_qlog_parse(&qr, line, strlen(line), &qx, &qerr);
}

static void
qlog_open(int utc)
{
	struct cs_error err;

	CU_ASSERT_EQUAL_FATAL(cs_qlog_reader_init(&qr, utc, &err), 0);
}

static void
qlog_data(const char *d0, const char *d1, const char *d2, const char *d3,
    const char *d4, int ndata)
{
	ASSERT_STR(qx.data[0], d0);
	ASSERT_STR(qx.data[1], d1);
	ASSERT_STR(qx.data[2], d2);
	ASSERT_STR(qx.data[3], d3);
	ASSERT_STR(qx.data[4], d4);
	CU_ASSERT_EQUAL(qx.ndata, ndata);
}

/* Every line of a sample: counts of records and skipped lines. */
static void
qlog_file(const char *rel, int utc, int records, int skipped)
{
	struct lines l;
	int n[3] = { 0, 0, 0 };

	CU_ASSERT_EQUAL_FATAL(lines_read(&l, rel), 0);
	qlog_open(utc);
	for (size_t i = 0; i < l.n; i++) {
		int rc = cs_qlog_parse(&qr, l.s[i], l.len[i], &qx, &qerr);

		CU_ASSERT(rc >= -1 && rc <= 1);
		if (rc >= -1 && rc <= 1)
			n[rc + 1]++;
	}
	CU_ASSERT_EQUAL(n[0], 0);	/* rejected */
	CU_ASSERT_EQUAL(n[1], records);
	CU_ASSERT_EQUAL(n[2], skipped);
	cs_qlog_reader_release(&qr);
	lines_free(&l);
}

static void
test_qlog_samples_all(void)
{
	paris();
	for (int utc = 0; utc <= 1; utc++) {
		qlog_file(QLOG_DIR "asterisk_docs_example.queue_log", utc, 1,
		    0);
		qlog_file(QLOG_DIR
		    "book_3rd_ed_2010_systemname_rejoined.queue_log", utc, 11,
		    0);
		qlog_file(QLOG_DIR "freepbx_2010_asterisk14_format.queue_log",
		    utc, 7, 0);
		qlog_file(QLOG_DIR "readme_2020_abandon.queue_log", utc, 10,
		    0);
		/* 3 comment lines, 8 blank lines, 8 headers, 8 rules, and
		 * 1 + 4 + 1 + 2 + 1 + 1 + 1 + 1 rows. */
		qlog_file(QLOG_DIR
		    "wazo_realtime_queue_log_table_data1-5.txt", utc, 12, 27);
	}
}

static void
test_qlog_sample_lines(void)
{
	struct lines l;

	qlog_open(1);
	CU_ASSERT_EQUAL_FATAL(lines_read(&l, QLOG_DIR
	    "asterisk_docs_example.queue_log"), 0);
	CU_ASSERT_EQUAL(cs_qlog_parse(&qr, l.s[0], l.len[0], &qx, &qerr), 0);
	CU_ASSERT_EQUAL(qx.time, 1366720340);
	ASSERT_STR(qx.callid, "1366720340.303267");
	ASSERT_STR(qx.queue, "MYQUEUE");
	ASSERT_STR(qx.agent, "SIP/8007");
	ASSERT_STR(qx.event, "RINGNOANSWER");
	qlog_data("1000", "", "", "", "", 1);
	lines_free(&l);

	CU_ASSERT_EQUAL_FATAL(lines_read(&l, QLOG_DIR
	    "book_3rd_ed_2010_systemname_rejoined.queue_log"), 0);
	CU_ASSERT_EQUAL(cs_qlog_parse(&qr, l.s[0], l.len[0], &qx, &qerr), 0);
	CU_ASSERT_EQUAL(qx.time, 1292281046);
	ASSERT_STR(qx.callid, "psy1-1292281041.87");
	ASSERT_STR(qx.queue, "7100");
	ASSERT_STR(qx.agent, "NONE");
	ASSERT_STR(qx.event, "ENTERQUEUE");
	qlog_data("", "4165551212", "1", "", "", 3);
	CU_ASSERT_EQUAL(cs_qlog_parse(&qr, l.s[2], l.len[2], &qx, &qerr), 0);
	ASSERT_STR(qx.agent, "Local/9990@MemberConnector");
	ASSERT_STR(qx.event, "CONNECT");
	qlog_data("2", "psy1-1292281046.90", "0", "", "", 3);
	CU_ASSERT_EQUAL(cs_qlog_parse(&qr, l.s[3], l.len[3], &qx, &qerr), 0);
	qlog_data("2", "3073", "1", "", "", 3);
	/* An event with no data ends with '|'. */
	CU_ASSERT_EQUAL(cs_qlog_parse(&qr, l.s[4], l.len[4], &qx, &qerr), 0);
	ASSERT_STR(qx.callid, "MANAGER");
	ASSERT_STR(qx.event, "REMOVEMEMBER");
	qlog_data("", "", "", "", "", 0);
	lines_free(&l);

	/* Asterisk 1.4: CONNECT with two data fields; a stray blank. */
	CU_ASSERT_EQUAL_FATAL(lines_read(&l, QLOG_DIR
	    "freepbx_2010_asterisk14_format.queue_log"), 0);
	CU_ASSERT_EQUAL(cs_qlog_parse(&qr, l.s[1], l.len[1], &qx, &qerr), 0);
	ASSERT_STR(qx.event, "CONNECT");
	ASSERT_STR(qx.agent, "Local/2004@from-internal/n");
	qlog_data("36", "1266834033.87", "", "", "", 2);
	CU_ASSERT_EQUAL(cs_qlog_parse(&qr, l.s[6], l.len[6], &qx, &qerr), 0);
	CU_ASSERT_EQUAL(qx.time, 1266833407);
	ASSERT_STR(qx.callid, "NONE");
	ASSERT_STR(qx.event, "CONFIGRELOAD");
	qlog_data("", "", "", "", "", 0);
	lines_free(&l);

	CU_ASSERT_EQUAL_FATAL(lines_read(&l, QLOG_DIR
	    "readme_2020_abandon.queue_log"), 0);
	CU_ASSERT_EQUAL(cs_qlog_parse(&qr, l.s[7], l.len[7], &qx, &qerr), 0);
	CU_ASSERT_EQUAL(qx.time, 1596513009);
	ASSERT_STR(qx.callid, "1596512941.163");
	ASSERT_STR(qx.queue, "support");
	ASSERT_STR(qx.event, "ABANDON");
	qlog_data("1", "1", "68", "", "", 3);
	CU_ASSERT_EQUAL(cs_qlog_parse(&qr, l.s[5], l.len[5], &qx, &qerr), 0);
	ASSERT_STR(qx.callid, "CLI");
	ASSERT_STR(qx.agent, "SIP/0004f2040001");
	ASSERT_STR(qx.event, "ADDMEMBER");
	lines_free(&l);
	cs_qlog_reader_release(&qr);
}

static void
test_qlog_table_dump(void)
{
	struct lines l;

	CU_ASSERT_EQUAL_FATAL(lines_read(&l, QLOG_DIR
	    "wazo_realtime_queue_log_table_data1-5.txt"), 0);
	CU_ASSERT_EQUAL_FATAL(l.n, 39);

	paris();
	qlog_open(0);
	/* The comment, the blank line, the header, the rule. */
	CU_ASSERT_EQUAL(cs_qlog_parse(&qr, l.s[0], l.len[0], &qx, &qerr), 1);
	CU_ASSERT_EQUAL(cs_qlog_parse(&qr, l.s[3], l.len[3], &qx, &qerr), 1);
	CU_ASSERT_EQUAL(cs_qlog_parse(&qr, l.s[4], l.len[4], &qx, &qerr), 1);
	CU_ASSERT_EQUAL(cs_qlog_parse(&qr, l.s[5], l.len[5], &qx, &qerr), 1);
	/* 2012-07-03 15:27:23 CEST is 13:27:23Z: day 15340 + 184 = 15524,
	 * 48443 s; the microseconds are dropped. */
	CU_ASSERT_EQUAL(cs_qlog_parse(&qr, l.s[6], l.len[6], &qx, &qerr), 0);
	CU_ASSERT_EQUAL(qx.time, 1341322043);
	ASSERT_STR(qx.callid, "1341343640.4");
	ASSERT_STR(qx.queue, "NONE");
	ASSERT_STR(qx.agent, "Agent/3001");
	ASSERT_STR(qx.event, "AGENTCALLBACKLOGIN");
	qlog_data("1002@pcm-dev", "", "", "", "", 1);
	/* Unknown events are records, whatever their data. */
	CU_ASSERT_EQUAL(cs_qlog_parse(&qr, l.s[13], l.len[13], &qx, &qerr),
	    0);
	ASSERT_STR(qx.event, "AGENTCALLBACKLOGOFF");
	qlog_data("1002@pcm-dev", "43", "CommandLogoff", "", "", 3);
	/* ENTERQUEUE: url empty, callerid, origpos. */
	CU_ASSERT_EQUAL(cs_qlog_parse(&qr, l.s[22], l.len[22], &qx, &qerr),
	    0);
	ASSERT_STR(qx.event, "ENTERQUEUE");
	qlog_data("", "1000", "1", "", "", 3);
	CU_ASSERT_EQUAL(cs_qlog_parse(&qr, l.s[21], l.len[21], &qx, &qerr),
	    0);
	ASSERT_STR(qx.event, "CONNECT");
	qlog_data("2", "1341401601.27", "1", "", "", 3);
	/* The last block is indented one more column. */
	CU_ASSERT_EQUAL(cs_qlog_parse(&qr, l.s[36], l.len[36], &qx, &qerr),
	    1);
	CU_ASSERT_EQUAL(cs_qlog_parse(&qr, l.s[37], l.len[37], &qx, &qerr),
	    1);
	CU_ASSERT_EQUAL(cs_qlog_parse(&qr, l.s[38], l.len[38], &qx, &qerr),
	    0);
	ASSERT_STR(qx.event, "ABANDON");
	qlog_data("1", "1", "6", "", "", 3);
	/* 2012-07-04 07:49:52 CEST = 05:49:52Z, day 15525. */
	CU_ASSERT_EQUAL(qx.time, 1341380992);
	cs_qlog_reader_release(&qr);

	/* Exported with queue_log_realtime_use_gmt: 15:27:23Z. */
	qlog_open(1);
	CU_ASSERT_EQUAL(cs_qlog_parse(&qr, l.s[6], l.len[6], &qx, &qerr), 0);
	CU_ASSERT_EQUAL(qx.time, 1341329243);
	cs_qlog_reader_release(&qr);
	lines_free(&l);
}

static void
test_qlog_fields(void)
{
	qlog_open(1);
	/* ATTENDEDTRANSFER LINK has six data fields: the rest in data[4]. */
	CU_ASSERT_EQUAL(qlog("1741078862|1741078800.12|etat-civil|PJSIP/201|"
	    "ATTENDEDTRANSFER|LINK|PJSIP/201-00000001|PJSIP/202-00000002|5|"
	    "120|1"), 0);
	CU_ASSERT_EQUAL(qx.time, T_0900Z + 62);
	ASSERT_STR(qx.queue, "etat-civil");
	ASSERT_STR(qx.event, "ATTENDEDTRANSFER");
	qlog_data("LINK", "PJSIP/201-00000001", "PJSIP/202-00000002", "5",
	    "120|1", 6);
	CU_ASSERT_EQUAL(qlog("1741078862|x|q|a|CUSTOM|1|2|3|4|5|6|7|8"), 0);
	qlog_data("1", "2", "3", "4", "5|6|7|8", 8);
	/* Exactly five, and BRIDGE with its five. */
	CU_ASSERT_EQUAL(qlog("1741078862|x|q|a|ATTENDEDTRANSFER|BRIDGE|"
	    "f00d-beef|5|120|1"), 0);
	qlog_data("BRIDGE", "f00d-beef", "5", "120", "1", 5);
	/* Old layouts: ENTERQUEUE of 1.4, EXITWITHKEY of 1.4, TRANSFER. */
	CU_ASSERT_EQUAL(qlog("1741078862|x|q|NONE|ENTERQUEUE||0139000100"), 0);
	qlog_data("", "0139000100", "", "", "", 2);
	CU_ASSERT_EQUAL(qlog("1741078862|x|q|NONE|EXITWITHKEY|5|2"), 0);
	qlog_data("5", "2", "", "", "", 2);
	CU_ASSERT_EQUAL(qlog("1741078862|x|q|SIP/1|TRANSFER|200|from-internal|"
	    "12|30"), 0);
	qlog_data("200", "from-internal", "12", "30", "", 4);
	CU_ASSERT_EQUAL(qlog("1741078862|x|q|SIP/1|BLINDTRANSFER|200|"
	    "from-internal|12|30|2"), 0);
	qlog_data("200", "from-internal", "12", "30", "2", 5);
	/* No '|' after an event without data. */
	CU_ASSERT_EQUAL(qlog("1741078862|NONE|NONE|NONE|QUEUESTART"), 0);
	ASSERT_STR(qx.event, "QUEUESTART");
	qlog_data("", "", "", "", "", 0);
	/* Blanks around fields go, blanks inside stay; an empty field in
	 * the middle is kept. */
	CU_ASSERT_EQUAL(qlog(" 1741078862 | x | q | Jean Dupont |PAUSE| "
	    "pause repas ||x"), 0);
	ASSERT_STR(qx.agent, "Jean Dupont");
	qlog_data("pause repas", "", "x", "", "", 3);
	/* Latin-1 in a member name. */
	CU_ASSERT_EQUAL(qlog("1741078862|NONE|q|H\xe9l\xe8ne|ADDMEMBER|"), 0);
	ASSERT_STR(qx.agent, "H\xc3\xa9l\xc3\xa8ne");
	/* A negative hold time (the clock set back) is a number. */
	CU_ASSERT_EQUAL(qlog("1741078862|x|q|a|CONNECT|-1|y|0"), 0);
	qlog_data("-1", "y", "0", "", "", 3);
	cs_qlog_reader_release(&qr);
}

static void
test_qlog_skip(void)
{
	qlog_open(1);
	CU_ASSERT_EQUAL(qlog(""), 1);
	CU_ASSERT_EQUAL(qlog("   \t "), 1);
	CU_ASSERT_EQUAL(qlog("# comment"), 1);
	CU_ASSERT_EQUAL(qlog("   # indented comment|with|bars|and|more|"), 1);
	CU_ASSERT_EQUAL(qlog("time|callid|queuename|agent|event|data"), 1);
	CU_ASSERT_EQUAL(qlog("   time   |  callid  | queuename | agent | "
	    "event | data1"), 1);
	CU_ASSERT_EQUAL(qlog("------+------+---"), 1);
	CU_ASSERT_EQUAL(qlog("   ---------------------------+----------"), 1);
	CU_ASSERT_EQUAL(qlog("(12 rows)"), 1);
	CU_ASSERT_EQUAL(qlog("(1 row)"), 1);
	/* Lines that only look alike are not skipped. */
	CU_ASSERT_EQUAL(qlog("timestamp|callid|queuename|agent|event|"), -1);
	CU_ASSERT_EQUAL(qlog("+++"), -1);
	CU_ASSERT_EQUAL(qlog("(rows)"), -1);
	cs_qlog_reader_release(&qr);
}

static void
test_qlog_bad_lines(void)
{
	static const char nul[] = "1741078862|x|q\0|a|CONNECT|1|y|0";

	qlog_open(1);
	CU_ASSERT_EQUAL(qlog("1596191926|NONE"), -1);
	CU_ASSERT_STRING_EQUAL(qerr.msg, "expected at least 5 '|'-separated "
	    "fields, found 2");
	CU_ASSERT_EQUAL(qlog("1596191926|NONE|NONE|NONE"), -1);
	CU_ASSERT_STRING_EQUAL(qerr.msg, "expected at least 5 '|'-separated "
	    "fields, found 4");
	/* Numbers checked for known events. */
	CU_ASSERT_EQUAL(qlog("1596513009|1596512941.163|support|NONE|ABANDON|"
	    "1|one|68"), -1);
	CU_ASSERT_STRING_EQUAL(qerr.msg, "ABANDON origpos (data field 2) is "
	    "not a number: 'one'");
	CU_ASSERT_EQUAL(qlog("1596513009|1596512941.163|support|NONE|ABANDON|"
	    "1||68"), -1);
	CU_ASSERT_STRING_EQUAL(qerr.msg, "ABANDON origpos (data field 2) is "
	    "not a number: ''");
	CU_ASSERT_EQUAL(qlog("1366720340|1366720340.3|Q|SIP/8007|RINGNOANSWER|"
	    "1000ms"), -1);
	CU_ASSERT(starts(qerr.msg, "RINGNOANSWER ringtime"));
	CU_ASSERT_EQUAL(qlog("1366720340|1366720340.3|Q|SIP/8007|CONNECT|"
	    "2|psy1-1292281046.90|zero"), -1);
	CU_ASSERT(starts(qerr.msg, "CONNECT ringtime"));
	CU_ASSERT_EQUAL(qlog("1366720340|1366720340.3|Q|SIP/8007|CONNECT|"
	    "2.5|psy1-1292281046.90|0"), -1);
	CU_ASSERT(starts(qerr.msg, "CONNECT holdtime"));
	CU_ASSERT_EQUAL(qlog("1596191926|x|Q|NONE|ENTERQUEUE||0139000100|first"), -1);
	CU_ASSERT(starts(qerr.msg, "ENTERQUEUE origpos"));
	CU_ASSERT_EQUAL(qlog("1596191926|x|Q|a|COMPLETEAGENT|2|12s|1"), -1);
	CU_ASSERT(starts(qerr.msg, "COMPLETEAGENT calltime"));
	CU_ASSERT_EQUAL(qlog("1596191926|x|Q|a|EXITWITHKEY|5|2|1|x"), -1);
	CU_ASSERT(starts(qerr.msg, "EXITWITHKEY waittime"));
	CU_ASSERT_EQUAL(qlog("1596191926|x|Q|a|BLINDTRANSFER|200|ctx|12|30|1|2"), -1);
	CU_ASSERT(starts(qerr.msg, "BLINDTRANSFER origpos"));
	/* Events and times. */
	CU_ASSERT_EQUAL(qlog("1596191926|NONE|NONE|NONE||"), -1);
	CU_ASSERT_STRING_EQUAL(qerr.msg, "event is empty");
	CU_ASSERT_EQUAL(qlog("1596191926|NONE|NONE|NONE|queuestart|"), -1);
	CU_ASSERT(starts(qerr.msg, "event is not a name"));
	CU_ASSERT_EQUAL(qlog("yesterday|NONE|NONE|NONE|QUEUESTART|"), -1);
	CU_ASSERT_STRING_EQUAL(qerr.msg, "time is neither epoch seconds nor "
	    "YYYY-MM-DD HH:MM:SS: 'yesterday'");
	CU_ASSERT_EQUAL(qlog("2025-02-30 10:00:00|NONE|NONE|NONE|FULL|"), -1);
	CU_ASSERT(starts(qerr.msg, "time is neither"));
	/* Out of range: past INT64_MAX, at it, and the bounds (1990-01-01
	 * 00:00:00 UTC is 7305 days of 86400 s after the epoch, 2100-01-01
	 * 47482 days). */
	CU_ASSERT_EQUAL(qlog("99999999999999999999|NONE|NONE|NONE|FULL|"),
	    -1);
	CU_ASSERT_STRING_EQUAL(qerr.msg, "time is out of range: "
	    "'99999999999999999999' (1990-01-01 to 2099-12-31 are read); check "
	    "the PBX's clock, then remove the line or correct it");
	CU_ASSERT_EQUAL(qlog("9223372036854775807|x|Q|NONE|ENTERQUEUE||"
	    "0639980001|1"), -1);
	CU_ASSERT(starts(qerr.msg, "time is out of range: "
	    "'9223372036854775807'"));
	CU_ASSERT_EQUAL(qlog("1|x|Q|NONE|ENTERQUEUE||0639980001|1"), -1);
	CU_ASSERT(starts(qerr.msg, "time is out of range: '1'"));
	CU_ASSERT_EQUAL(qlog("631151999|NONE|NONE|NONE|FULL|"), -1);
	CU_ASSERT(starts(qerr.msg, "time is out of range"));
	CU_ASSERT_EQUAL(qlog("631152000|NONE|NONE|NONE|FULL|"), 0);
	CU_ASSERT_EQUAL(qx.time, 7305 * INT64_C(86400));
	CU_ASSERT_EQUAL(qlog("4102444799|NONE|NONE|NONE|FULL|"), 0);
	CU_ASSERT_EQUAL(qx.time, 47482 * INT64_C(86400) - 1);
	CU_ASSERT_EQUAL(qlog("4102444800|NONE|NONE|NONE|FULL|"), -1);
	CU_ASSERT(starts(qerr.msg, "time is out of range"));
	CU_ASSERT_EQUAL(qlog("0000-01-01 00:00:00|NONE|NONE|NONE|FULL|"), -1);
	CU_ASSERT(starts(qerr.msg, "time is out of range: "
	    "'0000-01-01 00:00:00'"));
	CU_ASSERT_EQUAL(qlog("9999-12-31 23:59:59|NONE|NONE|NONE|FULL|"), -1);
	CU_ASSERT(starts(qerr.msg, "time is out of range"));
	CU_ASSERT_EQUAL(qlog("1989-12-31 23:59:59|NONE|NONE|NONE|FULL|"), -1);
	CU_ASSERT(starts(qerr.msg, "time is out of range"));
	CU_ASSERT_EQUAL(qlog("2099-12-31 23:59:59|NONE|NONE|NONE|FULL|"), 0);
	CU_ASSERT_EQUAL(qx.time, 47482 * INT64_C(86400) - 1);
	/* Numbers of the data: 7 days of seconds (604800) at most. */
	CU_ASSERT_EQUAL(qlog("1596191926|x|Q|a|COMPLETEAGENT|2|604800|1"), 0);
	CU_ASSERT_EQUAL(qlog("1596191926|x|Q|a|COMPLETEAGENT|2|604801|1"), -1);
	CU_ASSERT_STRING_EQUAL(qerr.msg, "COMPLETEAGENT calltime (data field "
	    "2) is out of range: '604801' (at most 604800, 7 days of "
	    "seconds); remove the line or correct it");
	CU_ASSERT_EQUAL(qlog("1596191926|x|Q|a|ABANDON|1|1|"
	    "-9223372036854775808"), -1);
	CU_ASSERT(starts(qerr.msg, "ABANDON waittime (data field 3) is out "
	    "of range"));
	CU_ASSERT_EQUAL(qlog("1596191926|x|Q|a|ABANDON|1|1|-604800"), 0);
	CU_ASSERT_EQUAL(qlog("d\xe9" "but|NONE|NONE|NONE|FULL|"), -1);
	CU_ASSERT_STRING_EQUAL(qerr.msg, "time is neither epoch seconds nor "
	    "YYYY-MM-DD HH:MM:SS: 'd\xc3\xa9" "but'");
	CU_ASSERT_EQUAL(qlog(" |NONE|NONE|NONE|FULL|"), -1);
	CU_ASSERT(starts(qerr.msg, "time is empty"));
	/* Binary garbage. */
	memset(&qerr, 0, sizeof(qerr));
	CU_ASSERT_EQUAL(cs_qlog_parse(&qr, nul, sizeof(nul) - 1, &qx, &qerr),
	    -1);
	CU_ASSERT_STRING_EQUAL(qerr.msg, "binary data in line (byte 0x00 at "
	    "column 15)");
	CU_ASSERT_EQUAL(qlog("1596191926|NONE|NONE|NONE|QUEUESTART|\r"), -1);
	CU_ASSERT(starts(qerr.msg, "binary data in line"));
	/* And the reader goes on. */
	CU_ASSERT_EQUAL(qlog("1596191926|NONE|NONE|NONE|QUEUESTART|"), 0);
	CU_ASSERT_EQUAL(qx.time, 1596191926);
	cs_qlog_reader_release(&qr);
	cs_qlog_reader_release(&qr);
}

/* ---- the fast split against libcsv ---- */

/* Parses line with both readers; they must agree on everything. */
static void
both_splits(struct cs_cdr_reader *fast, struct cs_cdr_reader *slow,
    const char *line, size_t len)
{
	struct cs_cdr_record a, b;
	struct cs_error ea, eb;
	int ra, rb;

	memset(&ea, 0, sizeof(ea));
	memset(&eb, 0, sizeof(eb));
	ra = cs_cdr_parse(fast, line, len, &a, &ea);
	rb = cs_cdr_parse(slow, line, len, &b, &eb);
	CU_ASSERT_EQUAL(ra, rb);
	if (ra != rb || ra != 0) {
		CU_ASSERT_STRING_EQUAL(ea.msg, eb.msg);
		return;
	}
	for (int f = 0; f < CS_CDR_NFIELDS; f++) {
		CU_ASSERT((a.f[f] == NULL) == (b.f[f] == NULL));
		if (a.f[f] != NULL && b.f[f] != NULL)
			CU_ASSERT_STRING_EQUAL(a.f[f], b.f[f]);
	}
	CU_ASSERT_EQUAL(a.start, b.start);
	CU_ASSERT_EQUAL(a.answer, b.answer);
	CU_ASSERT_EQUAL(a.end, b.end);
	CU_ASSERT_EQUAL(a.duration, b.duration);
	CU_ASSERT_EQUAL(a.billsec, b.billsec);
	CU_ASSERT_EQUAL(a.sequence, b.sequence);
	CU_ASSERT_EQUAL(a.ambiguous, b.ambiguous);
}

/* Every line of a file (path as given), both ways; returns the lines. */
static long
both_file(const char *path, long *fast)
{
	struct cs_cdr_reader rf, rs;
	struct cs_error err;
	FILE *fp = fopen(path, "rb");
	char *line = NULL;
	size_t cap = 0;
	ssize_t n;
	long lines = 0;

	CU_ASSERT_PTR_NOT_NULL_FATAL(fp);
	CU_ASSERT_EQUAL_FATAL(cs_cdr_reader_init(&rf, 0, &err), 0);
	CU_ASSERT_EQUAL_FATAL(cs_cdr_reader_init(&rs, 0, &err), 0);
	rs.no_fast = 1;
	while ((n = getline(&line, &cap, fp)) > 0) {
		size_t len = (size_t)n;

		if (line[len - 1] == '\n')
			len--;
		if (len > 0 && line[len - 1] == '\r')
			len--;
		both_splits(&rf, &rs, line, len);
		lines++;
	}
	CU_ASSERT_EQUAL(rs.fast, 0);
	*fast = rf.fast;
	free(line);
	fclose(fp);
	cs_cdr_reader_release(&rf);
	cs_cdr_reader_release(&rs);
	return lines;
}

static void
test_cdr_fast_split(void)
{
	/* lines the fast split must decline, or split as libcsv does */
	static const char *const tricky[] = {
		BASE16,
		"",
		",",
		"\"a\"",
		" " BASE16,
		BASE16 " ",
		"\"\", \"100\"",
		"\"\" ,\"100\"",
		"\"\",\t\"100\"",
		"1 ,2",
		"1, 2",
		"a\"b,c",
		"\"a\"b,c",
		"\"a,b",
		"\"a\"\"",
		"\"\"\"\"",
		"\"a\"\"b\"\"c\",\"\"\"\",,\"\"",
		"\"\",\"100\",\"200\",",
		"\"a\rb\",c",
		"a\rb,c",
		"\"caf\xe9\",\"na\xefve\"",
		"\"\",\"100\",\"200\",\"ctx\",\"\"\"A\"\" <100>\","
		    "\"SIP/100-1\",\"SIP/200-2\",\"Dial\",\"SIP/200\","
		    "\"2025-03-04 09:00:00\",,\"2025-03-04 09:01:00\",60,0,"
		    "\"NO ANSWER\",\"DOCUMENTATION\"",
		/* records libcsv reads with a space trimmed */
		"\"\",\"100\",\"200\",\"ctx\",\"\"\"A\"\" <100>\","
		    "\"SIP/100-1\",\"SIP/200-2\",\"Dial\",\"SIP/200\","
		    "\"2025-03-04 09:00:00\",,\"2025-03-04 09:01:00\",60 ,0,"
		    "\"NO ANSWER\",\"DOCUMENTATION\"",
		"\"\",\"100\",\"200\",\"ctx\",\"\"\"A\"\" <100>\","
		    "\"SIP/100-1\",\"SIP/200-2\",\"Dial\",\"SIP/200\","
		    "\"2025-03-04 09:00:00\",,\"2025-03-04 09:01:00\", 60,0,"
		    "\"NO ANSWER\",\"DOCUMENTATION\"",
		"\"\",\"100\",\"200\",\"ctx\",\"\"\"A\"\" <100>\","
		    "\"SIP/100-1\",\"SIP/200-2\",\"Dial\",\"SIP/200\","
		    "\"2025-03-04 09:00:00\",,\"2025-03-04 09:01:00\",60,0,"
		    "\"NO ANSWER\" ,\"DOCUMENTATION\"\t",
	};
	struct cs_cdr_reader rf, rs;
	struct cs_error err;
	char path[512];
	long fast, lines;

	paris();
	for (size_t i = 0; i < NCDR_SAMPLES; i++) {
		snprintf(path, sizeof(path), "%s", cs_unit_data(CDR_DIR));
		snprintf(path + strlen(path), sizeof(path) - strlen(path), "%s",
		    cdr_samples[i]);
		lines = both_file(path, &fast);
		CU_ASSERT(lines > 0);
	}
	/* the town: every line as Asterisk writes it goes the fast way */
	lines = both_file("sample-data/Master.csv", &fast);
	CU_ASSERT_EQUAL(fast, lines);
	CU_ASSERT(lines > 10000);
	lines = both_file("tests/data/edge-cases.csv", &fast);
	CU_ASSERT(fast > 0);
	lines = both_file("tests/data/example-21col-utc.csv", &fast);

	for (size_t i = 0; i < sizeof(tricky) / sizeof(tricky[0]); i++) {
		CU_ASSERT_EQUAL_FATAL(cs_cdr_reader_init(&rf, 0, &err), 0);
		CU_ASSERT_EQUAL_FATAL(cs_cdr_reader_init(&rs, 0, &err), 0);
		rs.no_fast = 1;
		both_splits(&rf, &rs, tricky[i], strlen(tricky[i]));
		cs_cdr_reader_release(&rf);
		cs_cdr_reader_release(&rs);
	}
	/* the well-formed ones were split fast */
	CU_ASSERT_EQUAL_FATAL(cs_cdr_reader_init(&rf, 0, &err), 0);
	both_splits(&rf, &rf, BASE16, strlen(BASE16));
	CU_ASSERT_EQUAL(rf.fast, 2);
	cs_cdr_reader_release(&rf);
}

static CU_TestInfo tests[] = {
	{ "cdr_fast_split", test_cdr_fast_split },
	{ "format_names", test_format_names },
	{ "detect_samples", test_detect_samples },
	{ "detect_lines", test_detect_lines },
	{ "detect_exclusive", test_detect_exclusive },
	{ "cdr_sample_2009", test_cdr_sample_2009 },
	{ "cdr_sample_2018_local_channels",
	    test_cdr_sample_2018_local_channels },
	{ "cdr_sample_queue_and_dongle", test_cdr_sample_queue_and_dongle },
	{ "cdr_sample_book", test_cdr_sample_book },
	{ "cdr_sample_bbf", test_cdr_sample_bbf },
	{ "cdr_sample_testsuite", test_cdr_sample_testsuite },
	{ "cdr_samples_all", test_cdr_samples_all },
	{ "cdr_columns", test_cdr_columns },
	{ "cdr_count_changes", test_cdr_count_changes },
	{ "cdr_times", test_cdr_times },
	{ "cdr_dst_ambiguous", test_cdr_dst_ambiguous },
	{ "cdr_latin1", test_cdr_latin1 },
	{ "cdr_bad_lines", test_cdr_bad_lines },
	{ "cdr_ranges", test_cdr_ranges },
	{ "cdr_long_lines", test_cdr_long_lines },
	{ "qlog_samples_all", test_qlog_samples_all },
	{ "qlog_sample_lines", test_qlog_sample_lines },
	{ "qlog_table_dump", test_qlog_table_dump },
	{ "qlog_fields", test_qlog_fields },
	{ "qlog_skip", test_qlog_skip },
	{ "qlog_bad_lines", test_qlog_bad_lines },
	CU_TEST_INFO_NULL
};

CS_UNIT_SUITE("readers", tests)
