/*
 * test_output.c: the output suite.  Numbers in the shortest form that
 * reads back to the same double (kpi.md), then one small table written as
 * CSV, TSV, JSON (read back with Jansson) and an aligned table for people.
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#include "output.h"
#include "unit.h"

static void
num(double v, const char *want)
{
	char buf[32];

	memset(buf, 'x', sizeof(buf));
	cs_output_number(v, buf, sizeof(buf));
	CU_ASSERT_STRING_EQUAL(buf, want);
	if (strcmp(buf, want) != 0)
		fprintf(stderr, "\n  %.17g: got '%s', want '%s'\n", v, buf, want);
}

/* v written, read back, must be v, and no shorter text may read back. */
static void
roundtrip(double v)
{
	char buf[32], shorter[400];
	size_t digits = 0;
	int seen = 0;

	cs_output_number(v, buf, sizeof(buf));
	CU_ASSERT(strtod(buf, NULL) == v);
	if (strtod(buf, NULL) != v)
		fprintf(stderr, "\n  %.17g written '%s'\n", v, buf);
	/* significant digits: from the first non-zero one */
	for (const char *p = buf; *p != '\0' && *p != 'e' && *p != 'E'; p++) {
		if (*p >= '1' && *p <= '9')
			seen = 1;
		if (seen && *p >= '0' && *p <= '9')
			digits++;
	}
	/* with one significant digit less it would not read back */
	if (digits > 1) {
		snprintf(shorter, sizeof(shorter), "%.*g", (int)digits - 1, v);
		CU_ASSERT(strtod(shorter, NULL) != v);
		if (strtod(shorter, NULL) == v)
			fprintf(stderr, "\n  %.17g: '%s' is shorter than '%s'\n", v,
			    shorter, buf);
	}
}

static void
test_number(void)
{
	num(4.0 / 7, "0.5714285714285714");
	num(52.0 / 3, "17.333333333333332");
	num(1.0 / 7, "0.14285714285714285");
	num(1.0 / 3, "0.3333333333333333");
	num(3.0 / 7, "0.42857142857142855");
	num(1, "1");
	num(14, "14");
	num(326, "326");
	num(0.5, "0.5");
	num(0.4, "0.4");
	num(0.1, "0.1");
	num(3.25, "3.25");
	num(0, "0");
	num(-0.0, "0");
	num(-2.5, "-2.5");
	num(-7, "-7");
	num(1000000, "1000000");
	num(123456789012, "123456789012");

	{
		char buf[32];

		cs_output_number(1e-7, buf, sizeof(buf));
		CU_ASSERT(strtod(buf, NULL) == 1e-7);
		cs_output_number(1e300, buf, sizeof(buf));
		CU_ASSERT(strtod(buf, NULL) == 1e300);
		cs_output_number(-1.0 / 3, buf, sizeof(buf));
		CU_ASSERT(strtod(buf, NULL) == -1.0 / 3);
		/* whole values never carry a point */
		cs_output_number(100, buf, sizeof(buf));
		CU_ASSERT_PTR_NULL(strchr(buf, '.'));
	}
	roundtrip(4.0 / 7);
	roundtrip(52.0 / 3);
	roundtrip(0.1 + 0.2);
	roundtrip(2.0 / 3);
	roundtrip(1672.0 / 5);
	roundtrip(97.0 / 9);
	roundtrip(5e-324);
	roundtrip(1.7976931348623157e308);
	roundtrip(1e-7);
	roundtrip(123.456);
}

/* A two-row table of every kind of cell. */
static const struct cs_column cols[] = {
	{ "service", "Service", CS_COL_TEXT },
	{ "offered", "Offered", CS_COL_COUNT },
	{ "answer_rate", "Answer rate", CS_COL_RATE },
	{ "asa", "ASA (s)", CS_COL_SECONDS },
};

static void
sample(struct cs_table *t, struct cs_cell cell[8])
{
	memset(cell, 0, 8 * sizeof(*cell));
	cell[0].type = CS_CELL_TEXT;
	cell[0].text = "État civil, mairie";
	cell[1].type = CS_CELL_NUMBER;
	cell[1].num = 7;
	cell[2].type = CS_CELL_NUMBER;
	cell[2].num = 4.0 / 7;
	cell[3].type = CS_CELL_EMPTY;
	cell[4].type = CS_CELL_TEXT;
	cell[4].text = "say \"hi\"\tnow";
	cell[5].type = CS_CELL_NUMBER;
	cell[5].num = 14;
	cell[6].type = CS_CELL_EMPTY;
	cell[7].type = CS_CELL_NUMBER;
	cell[7].num = 52.0 / 3;
	t->col = cols;
	t->ncols = 4;
	t->cell = cell;
	t->nrows = 2;
}

/* Writes t in format f to a temporary file and returns what was written
 * (malloc'd), or NULL. */
static char *
render(const struct cs_table *t, enum cs_out_format f)
{
	FILE *fp = tmpfile();
	struct cs_error err;
	char *buf = NULL;
	long n;

	if (fp == NULL)
		return NULL;
	if (cs_output_write(fp, t, f, &err) != 0) {
		fprintf(stderr, "\n  cs_output_write: %s\n", err.msg);
		fclose(fp);
		return NULL;
	}
	if (fseek(fp, 0, SEEK_END) == 0 && (n = ftell(fp)) >= 0 &&
	    fseek(fp, 0, SEEK_SET) == 0 && (buf = malloc((size_t)n + 1)) != NULL) {
		if (fread(buf, 1, (size_t)n, fp) != (size_t)n) {
			free(buf);
			buf = NULL;
		} else {
			buf[n] = '\0';
		}
	}
	fclose(fp);
	return buf;
}

static void
test_csv(void)
{
	struct cs_table t;
	struct cs_cell cell[8];
	char *out;

	sample(&t, cell);
	out = render(&t, CS_OUT_CSV);
	CU_ASSERT_PTR_NOT_NULL_FATAL(out);
	CU_ASSERT_STRING_EQUAL(out,
	    "service,offered,answer_rate,asa\n"
	    "\"État civil, mairie\",7,0.5714285714285714,\n"
	    "\"say \"\"hi\"\"\tnow\",14,,17.333333333333332\n");
	free(out);

	/* no rows: the header alone */
	t.nrows = 0;
	out = render(&t, CS_OUT_CSV);
	CU_ASSERT_PTR_NOT_NULL_FATAL(out);
	CU_ASSERT_STRING_EQUAL(out, "service,offered,answer_rate,asa\n");
	free(out);
}

static void
test_tsv(void)
{
	struct cs_table t;
	struct cs_cell cell[8];
	char *out;

	sample(&t, cell);
	out = render(&t, CS_OUT_TSV);
	CU_ASSERT_PTR_NOT_NULL_FATAL(out);
	/* no quoting; the tab inside a value became a space */
	CU_ASSERT_STRING_EQUAL(out,
	    "service\toffered\tanswer_rate\tasa\n"
	    "État civil, mairie\t7\t0.5714285714285714\t\n"
	    "say \"hi\" now\t14\t\t17.333333333333332\n");
	free(out);
}

static void
test_json(void)
{
	struct cs_table t;
	struct cs_cell cell[8];
	char *out;
	json_t *root, *o, *v;
	json_error_t jerr;

	sample(&t, cell);
	out = render(&t, CS_OUT_JSON);
	CU_ASSERT_PTR_NOT_NULL_FATAL(out);
	/* whole numbers are written without ".0" */
	CU_ASSERT_PTR_NOT_NULL(strstr(out, "\"offered\": 7"));
	CU_ASSERT_PTR_NULL(strstr(out, "7.0"));
	CU_ASSERT_PTR_NULL(strstr(out, "14.0"));
	root = json_loads(out, 0, &jerr);
	CU_ASSERT_PTR_NOT_NULL_FATAL(root);
	CU_ASSERT_FATAL(json_is_array(root));
	CU_ASSERT_EQUAL_FATAL(json_array_size(root), 2);

	o = json_array_get(root, 0);
	CU_ASSERT_FATAL(json_is_object(o));
	CU_ASSERT_EQUAL(json_object_size(o), 4);
	v = json_object_get(o, "service");
	CU_ASSERT(json_is_string(v));
	CU_ASSERT_STRING_EQUAL(json_string_value(v), "État civil, mairie");
	v = json_object_get(o, "offered");
	CU_ASSERT(json_is_integer(v));
	CU_ASSERT_EQUAL(json_integer_value(v), 7);
	v = json_object_get(o, "answer_rate");
	CU_ASSERT(json_is_real(v));
	CU_ASSERT(json_real_value(v) == 4.0 / 7);
	v = json_object_get(o, "asa");
	CU_ASSERT_PTR_NOT_NULL(v);
	CU_ASSERT(json_is_null(v));

	o = json_array_get(root, 1);
	CU_ASSERT_FATAL(json_is_object(o));
	CU_ASSERT_STRING_EQUAL(json_string_value(json_object_get(o, "service")),
	    "say \"hi\"\tnow");
	CU_ASSERT(json_is_integer(json_object_get(o, "offered")));
	CU_ASSERT_EQUAL(json_integer_value(json_object_get(o, "offered")), 14);
	CU_ASSERT(json_is_null(json_object_get(o, "answer_rate")));
	CU_ASSERT(json_is_real(json_object_get(o, "asa")));
	CU_ASSERT(json_real_value(json_object_get(o, "asa")) == 52.0 / 3);
	json_decref(root);
	free(out);

	/* no rows: an empty array */
	t.nrows = 0;
	out = render(&t, CS_OUT_JSON);
	CU_ASSERT_PTR_NOT_NULL_FATAL(out);
	root = json_loads(out, 0, &jerr);
	CU_ASSERT_PTR_NOT_NULL_FATAL(root);
	CU_ASSERT(json_is_array(root));
	CU_ASSERT_EQUAL(json_array_size(root), 0);
	json_decref(root);
	free(out);
}

/* Display width of UTF-8 text: one column per character. */
static size_t
width(const char *s, size_t len)
{
	size_t w = 0;

	for (size_t i = 0; i < len; i++)
		if (((unsigned char)s[i] & 0xC0) != 0x80)
			w++;
	return w;
}

/* Every line of out has the same display width; returns it, or 0. */
static size_t
check_aligned(const char *out)
{
	size_t w0 = 0;
	int first = 1, ok = 1;

	for (const char *p = out; *p != '\0';) {
		const char *nl = strchr(p, '\n');
		size_t len = nl != NULL ? (size_t)(nl - p) : strlen(p), w;

		w = width(p, len);
		if (first)
			w0 = w;
		else if (w != w0)
			ok = 0;
		first = 0;
		p += len + (nl != NULL);
	}
	CU_ASSERT(ok);
	if (!ok)
		fprintf(stderr, "\n  lines of unequal width:\n%s", out);
	return ok ? w0 : 0;
}

static void
test_table(void)
{
	struct cs_table t;
	struct cs_cell cell[8];
	char *out;

	sample(&t, cell);
	cell[4].text = "Urbanisme";
	out = render(&t, CS_OUT_TABLE);
	CU_ASSERT_PTR_NOT_NULL_FATAL(out);
	/* titles, not names */
	CU_ASSERT_PTR_NOT_NULL(strstr(out, "Service"));
	CU_ASSERT_PTR_NOT_NULL(strstr(out, "Answer rate"));
	CU_ASSERT_PTR_NOT_NULL(strstr(out, "ASA (s)"));
	/* a rate as a percentage with one decimal */
	CU_ASSERT_PTR_NOT_NULL(strstr(out, "57.1 %"));
	CU_ASSERT_PTR_NULL(strstr(out, "0.571"));
	/* seconds with one decimal */
	CU_ASSERT_PTR_NOT_NULL(strstr(out, "17.3"));
	/* an em dash for each empty cell */
	{
		int dashes = 0;

		for (const char *p = out; (p = strstr(p, "\xe2\x80\x94")) != NULL; p++)
			dashes++;
		CU_ASSERT_EQUAL(dashes, 2);
	}
	/* three lines (header and two rows), all as wide */
	{
		int lines = 0;

		for (const char *p = out; *p != '\0'; p++)
			lines += *p == '\n';
		CU_ASSERT_EQUAL(lines, 3);
	}
	CU_ASSERT(check_aligned(out) > 0);
	/* numbers are right-aligned: the rows end on their last cell */
	CU_ASSERT_PTR_NOT_NULL(strstr(out, "17.3\n"));
	free(out);

	/* a rate of 1 and of 0 */
	cell[2].num = 1;
	cell[6].type = CS_CELL_NUMBER;
	cell[6].num = 0;
	out = render(&t, CS_OUT_TABLE);
	CU_ASSERT_PTR_NOT_NULL_FATAL(out);
	CU_ASSERT_PTR_NOT_NULL(strstr(out, "100.0 %"));
	CU_ASSERT_PTR_NOT_NULL(strstr(out, "0.0 %"));
	check_aligned(out);
	free(out);
}

/* A title of two lines: the second under the first, right-aligned for a
 * number; the width is the widest line's; no line ends in spaces. */
/* Columns two spaces apart while the table fits in 100 columns, one when
 * two would make it wider: 3 columns of 33 take 33 * 3 + 2 * 2 = 103, so
 * 101 with one space; of 32, 96 + 4 = 100 fit with two. */
static void
test_table_fit(void)
{
	static const struct cs_column c3[] = {
		{ "a", NULL, CS_COL_TEXT },
		{ "b", NULL, CS_COL_TEXT },
		{ "c", NULL, CS_COL_TEXT },
	};
	char word[3][40], want[200];
	struct cs_cell cell[3];
	struct cs_table t = { c3, 3, cell, 1 };
	char *out;

	for (int wide = 32; wide <= 33; wide++) {
		int gap = wide == 32 ? 2 : 1;

		for (int c = 0; c < 3; c++) {
			memset(word[c], 'x' + c, (size_t)wide);
			word[c][wide] = '\0';
			cell[c] = (struct cs_cell){ CS_CELL_TEXT, 0, word[c] };
		}
		snprintf(want, sizeof(want), "a%*sb%*sc\n%s%*s%s%*s%s\n",
		    wide - 1 + gap, "", wide - 1 + gap, "", word[0], gap, "",
		    word[1], gap, "", word[2]);
		out = render(&t, CS_OUT_TABLE);
		CU_ASSERT_PTR_NOT_NULL_FATAL(out);
		CU_ASSERT_STRING_EQUAL(out, want);
		CU_ASSERT_EQUAL(strcspn(out + strcspn(out, "\n") + 1, "\n"),
		    (size_t)(3 * wide + 2 * gap));
		free(out);
	}
}

static void
test_table_title_lines(void)
{
	static const struct cs_column c3[] = {
		{ "service", NULL, CS_COL_TEXT },
		{ "service_level", "service_level\n(20 s)", CS_COL_RATE },
		{ "asa", NULL, CS_COL_SECONDS },
	};
	struct cs_cell cell[6];
	struct cs_table t = { c3, 3, cell, 2 };
	char *out;

	memset(cell, 0, sizeof(cell));
	cell[0] = (struct cs_cell){ CS_CELL_TEXT, 0, "accueil" };
	cell[1] = (struct cs_cell){ CS_CELL_NUMBER, 4.0 / 7, NULL };
	cell[2] = (struct cs_cell){ CS_CELL_NUMBER, 17, NULL };
	cell[3] = (struct cs_cell){ CS_CELL_TEXT, 0, "ccas" };
	cell[4] = (struct cs_cell){ CS_CELL_EMPTY, 0, NULL };
	cell[5] = (struct cs_cell){ CS_CELL_EMPTY, 0, NULL };
	out = render(&t, CS_OUT_TABLE);
	CU_ASSERT_PTR_NOT_NULL_FATAL(out);
	/* widths 7, 13 and 4, two spaces apart */
	CU_ASSERT_STRING_EQUAL(out,
	    "service  service_level   asa\n"
	    "                (20 s)\n"
	    "accueil         57.1 %  17.0\n"
	    "ccas                 \xe2\x80\x94     \xe2\x80\x94\n");
	if (strncmp(out, "service  service_level   asa\n", 29) != 0)
		fprintf(stderr, "\n  got:\n%s", out);
	free(out);

	/* CSV has the name, never the title */
	out = render(&t, CS_OUT_CSV);
	CU_ASSERT_PTR_NOT_NULL_FATAL(out);
	CU_ASSERT_STRING_EQUAL(out, "service,service_level,asa\n"
	    "accueil,0.5714285714285714,17\nccas,,\n");
	free(out);
}

static void
pick(const char *list, int want_rc, size_t want_n, const size_t *want)
{
	size_t idx[4], n = 99;
	struct cs_error err;
	int rc;

	memset(&err, 0, sizeof(err));
	rc = cs_output_pick(cols, 4, list, idx, &n, &err);
	CU_ASSERT_EQUAL(rc, want_rc);
	if (rc != want_rc)
		fprintf(stderr, "\n  pick '%s': %d, want %d\n", list, rc, want_rc);
	if (rc != 0 || want_rc != 0) {
		CU_ASSERT(rc != 0 && err.msg[0] != '\0');
		return;
	}
	CU_ASSERT_EQUAL(n, want_n);
	for (size_t i = 0; i < want_n && i < n; i++)
		CU_ASSERT_EQUAL(idx[i], want[i]);
}

/* Names to columns, in the order asked. */
static void
test_pick(void)
{
	static const size_t all[] = { 0, 1, 2, 3 }, two[] = { 2, 0 },
	    one[] = { 3 };
	struct cs_error err;
	size_t idx[4], n;

	pick("all", 0, 4, all);
	pick("answer_rate,service", 0, 2, two);
	pick("asa", 0, 1, one);
	pick("service,offered,answer_rate,asa", 0, 4, all);
	pick("", -1, 0, NULL);
	pick("offered,", -1, 0, NULL);
	pick(",offered", -1, 0, NULL);
	pick("offered,,asa", -1, 0, NULL);
	pick("asa,asa", -1, 0, NULL);
	pick("off", -1, 0, NULL);		/* a prefix is not a name */
	pick("offeredx", -1, 0, NULL);
	pick("Offered", -1, 0, NULL);		/* names are exact */
	pick("all,asa", -1, 0, NULL);		/* all is alone */
	/* the message names the unknown one */
	CU_ASSERT_EQUAL(cs_output_pick(cols, 4, "asa,nope,offered", idx, &n,
	    &err), -1);
	CU_ASSERT_PTR_NOT_NULL(strstr(err.msg, "'nope'"));
	CU_ASSERT_EQUAL(cs_output_pick(cols, 4, "asa,asa", idx, &n, &err), -1);
	CU_ASSERT_PTR_NOT_NULL(strstr(err.msg, "'asa' given twice"));
}

/* A write error is reported, not swallowed. */
static void
test_write_error(void)
{
	struct cs_table t;
	struct cs_cell cell[8];
	struct cs_error err;
	FILE *fp = fopen("/dev/full", "w");

	if (fp == NULL)
		return;		/* no /dev/full here */
	sample(&t, cell);
	memset(&err, 0, sizeof(err));
	CU_ASSERT_EQUAL(cs_output_write(fp, &t, CS_OUT_CSV, &err), -1);
	CU_ASSERT(err.msg[0] != '\0');
	fclose(fp);
}

/* A text cell longer than any buffer of the writer's (a finding of
 * callstat-check's) comes out whole in every format. */
static void
test_long_text(void)
{
	static const struct cs_column c1[] = { { "detail", NULL, CS_COL_TEXT } };
	static char text[701], want[800];
	struct cs_cell cell = { CS_CELL_TEXT, 0, text };
	struct cs_table t = { c1, 1, &cell, 1 };
	const enum cs_out_format f[3] = { CS_OUT_CSV, CS_OUT_TSV, CS_OUT_TABLE };

	/* 700 bytes, its last ten "0123456789" */
	memset(text, 'a', 690);
	memcpy(text + 690, "0123456789", 11);
	snprintf(want, sizeof(want), "detail\n%s\n", text);
	for (int i = 0; i < 3; i++) {
		char *out = render(&t, f[i]);

		CU_ASSERT_PTR_NOT_NULL_FATAL(out);
		/* the table pads no last column: all three the same */
		CU_ASSERT_STRING_EQUAL(out, want);
		free(out);
	}
}

static CU_TestInfo tests[] = {
	{ "shortest round-trip numbers", test_number },
	{ "CSV", test_csv },
	{ "a text longer than 255 bytes, whole", test_long_text },
	{ "table: one space apart when two would not fit", test_table_fit },
	{ "TSV", test_tsv },
	{ "JSON", test_json },
	{ "table", test_table },
	{ "table title of two lines", test_table_title_lines },
	{ "pick columns by name", test_pick },
	{ "write error", test_write_error },
	CU_TEST_INFO_NULL
};

CS_UNIT_SUITE("output", tests)
