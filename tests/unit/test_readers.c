/*
 * test_readers.c: the readers suite: format names, and the detection of a
 * file's format from its content (every sample, every line format, no
 * line of one taken for another's).  Every expected value was read by
 * hand from the sample lines in tests/data/samples.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "readers/asterisk.h"
#include "readers/avaya_smdr.h"
#include "readers/bot.h"
#include "readers/freeswitch.h"
#include "samples.h"
#include "timeutil.h"
#include "unit.h"

#define CDR_DIR CS_UNIT_CDR_DIR
#define QLOG_DIR "tests/data/samples/asterisk_queue_log/"
#define FS_DIR "tests/data/samples/freeswitch_cdr_csv/"
#define CEL_DIR "tests/data/samples/asterisk_cel/"

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
	char *buf = cs_unit_slurp(rel, &len);
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

	for (size_t i = 0; i < cs_unit_ncdr_samples; i++) {
		snprintf(rel, sizeof(rel), CDR_DIR "%s", cs_unit_cdr_samples[i]);
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
		char *buf = cs_unit_slurp(files[i], &len), *p, *end;

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

static CU_TestInfo tests[] = {
	{ "format_names", test_format_names },
	{ "detect_samples", test_detect_samples },
	{ "detect_lines", test_detect_lines },
	{ "detect_exclusive", test_detect_exclusive },
	CU_TEST_INFO_NULL
};

CS_UNIT_SUITE("readers", tests)
