/* draw/scale.c and chartdata.c by numbers: scales, nice ticks, the rate
 * axis, band positions, hollow and missing points, CSV to a chart's
 * model (gaps, sums, errors) and the go-live's position, every expected
 * value worked out by hand; and a drawing onto an image surface that
 * succeeds or says why not (no pixel is compared). */
#include <math.h>
#include <string.h>

#include "chartdata.h"
#include "draw/chart.h"
#include "draw/scale.h"
#include "unit.h"

#define NEAR(a, b) CU_ASSERT_DOUBLE_EQUAL((a), (b), 1e-9)

static void
test_nice(void)
{
	double lo, hi, step;

	/* 0..0.87 in at most 5 intervals: 0.1 gives 9, 0.2 gives 5 */
	CU_ASSERT_EQUAL(cs_scale_nice(0, 0.87, 5, &lo, &hi, &step), 6);
	NEAR(lo, 0);
	NEAR(hi, 1);
	NEAR(step, 0.2);
	/* 0..4432 in at most 8: 500 gives 9, 1000 gives 5 */
	CU_ASSERT_EQUAL(cs_scale_nice(0, 4432, 8, &lo, &hi, &step), 6);
	NEAR(lo, 0);
	NEAR(hi, 5000);
	NEAR(step, 1000);
	/* one value, 3: widened to 2.7..3.3, then 0.2 steps: 2.6..3.4 */
	CU_ASSERT_EQUAL(cs_scale_nice(3, 3, 5, &lo, &hi, &step), 5);
	NEAR(lo, 2.6);
	NEAR(hi, 3.4);
	NEAR(step, 0.2);
	/* all zero: 0..1, never below 0 */
	cs_scale_nice(0, 0, 5, &lo, &hi, &step);
	NEAR(lo, 0);
	NEAR(hi, 1);
	/* 12..57 in at most 5: 10 gives 5 (10..60) */
	CU_ASSERT_EQUAL(cs_scale_nice(12, 57, 5, &lo, &hi, &step), 6);
	NEAR(lo, 10);
	NEAR(hi, 60);
	NEAR(step, 10);
}

static void
test_rate_axis(void)
{
	double v[] = { 0.90, 0.95, 0.10, 0.98 }, lo, hi, step;
	unsigned char has[] = { 1, 1, 0, 1 };
	double v2[] = { 1.0, 0.95 };
	unsigned char has2[] = { 1, 1 };

	/* not zoomed: 0 to 100 %, whatever the values */
	CU_ASSERT_EQUAL(cs_scale_rate(v, has, 4, 0, 10, &lo, &hi, &step), 11);
	NEAR(lo, 0);
	NEAR(hi, 1);
	NEAR(step, 0.1);
	/* zoomed: 0.90..0.98 (0.10 is missing, not a value), a margin of a
	 * point: 0.89..0.99 in steps of 0.01 */
	CU_ASSERT_EQUAL(cs_scale_rate(v, has, 4, 1, 10, &lo, &hi, &step), 11);
	NEAR(lo, 0.89);
	NEAR(hi, 0.99);
	NEAR(step, 0.01);
	/* zoomed near 100 %: never past it (0.94..1 in steps of 0.01) */
	CU_ASSERT_EQUAL(cs_scale_rate(v2, has2, 2, 1, 10, &lo, &hi, &step), 7);
	NEAR(lo, 0.94);
	NEAR(hi, 1);
	/* zoomed with nothing present: 0 to 100 % */
	has2[0] = has2[1] = 0;
	cs_scale_rate(v2, has2, 2, 1, 10, &lo, &hi, &step);
	NEAR(lo, 0);
	NEAR(hi, 1);
}

static void
test_positions(void)
{
	struct cs_scale y = { 0, 1, 400, 100 };

	NEAR(cs_scale_map(&y, 0.25), 325);
	NEAR(cs_scale_map(&y, 1), 100);
	NEAR(cs_scale_band_width(12, 100, 700), 50);
	NEAR(cs_scale_band_center(0, 12, 100, 700), 125);
	NEAR(cs_scale_band_center(11, 12, 100, 700), 675);
	CU_ASSERT_EQUAL(cs_scale_point_kind(0, 100, 30), CS_POINT_MISSING);
	CU_ASSERT_EQUAL(cs_scale_point_kind(1, 12, 30), CS_POINT_HOLLOW);
	CU_ASSERT_EQUAL(cs_scale_point_kind(1, 29, 30), CS_POINT_HOLLOW);
	CU_ASSERT_EQUAL(cs_scale_point_kind(1, 30, 30), CS_POINT_FULL);
	CU_ASSERT_EQUAL(cs_scale_point_kind(1, NAN, 30), CS_POINT_FULL);
	/* 36 labels 40 wide, 10 apart, in 600: every third (12 x 50) */
	CU_ASSERT_EQUAL(cs_scale_label_step(36, 40, 10, 600), 3);
	CU_ASSERT_EQUAL(cs_scale_label_step(10, 40, 10, 600), 1);
}

static void
test_csv_rate(void)
{
	static const char csv[] =
	    "service,period,offered,answer_rate\n"
	    "a,2024-01,100,0.9\n"
	    "a,2024-04,20,0.5\n"
	    "b,2024-01,0,0\n"
	    "b,2024-02,40,0.75\n";
	struct cs_chartdata_opts o = {
	    .type = CS_CHART_RATE, .figure = "answer_rate" };
	struct cs_chart c;
	struct cs_lang l;
	struct cs_error err;

	cs_lang_init(&l);
	CU_ASSERT_EQUAL_FATAL(cs_chartdata_read(&c, &o, csv, strlen(csv), &l,
	    &err), 0);
	/* March is in no row: a period all the same, a gap */
	CU_ASSERT_EQUAL_FATAL(c.nperiods, 4);
	CU_ASSERT_STRING_EQUAL(c.periods[0], "2024-01");
	CU_ASSERT_STRING_EQUAL(c.periods[2], "2024-03");
	CU_ASSERT_STRING_EQUAL(c.periods[3], "2024-04");
	CU_ASSERT_EQUAL_FATAL(c.nseries, 2);
	CU_ASSERT_STRING_EQUAL(c.series[0].name, "a");
	NEAR(c.series[0].v[0], 0.9);
	NEAR(c.series[0].n[0], 100);
	CU_ASSERT_EQUAL(c.series[0].has[1], 0);
	CU_ASSERT_EQUAL(c.series[0].has[2], 0);
	CU_ASSERT_EQUAL(c.series[0].has[3], 1);
	CU_ASSERT_EQUAL(cs_scale_point_kind(c.series[0].has[3],
	    c.series[0].n[3], 30), CS_POINT_HOLLOW);
	/* a rate of no call offered (written 0 here, as a spreadsheet
	 * might) is a gap, not a zero */
	CU_ASSERT_EQUAL(c.series[1].has[0], 0);
	CU_ASSERT_EQUAL(cs_scale_point_kind(c.series[1].has[0],
	    c.series[1].n[0], 30), CS_POINT_MISSING);
	NEAR(c.series[1].v[1], 0.75);
	/* the go-live on 4 March: the third period, 3 days of 31 in */
	NEAR(cs_chartdata_position(&c, "2024-03-04"), 2 + 3.0 / 31);
	NEAR(cs_chartdata_position(&c, "2024-01-01"), 0);
	CU_ASSERT(isnan(cs_chartdata_position(&c, "2023-12-31")));
	CU_ASSERT(isnan(cs_chartdata_position(&c, "2024-05-01")));
	cs_chart_release(&c);

	/* -s: one service's rows */
	o.service = "b";
	CU_ASSERT_EQUAL_FATAL(cs_chartdata_read(&c, &o, csv, strlen(csv), &l,
	    &err), 0);
	CU_ASSERT_EQUAL(c.nseries, 1);
	CU_ASSERT_EQUAL(c.nperiods, 2);
	cs_chart_release(&c);
}

static void
test_csv_volume_wait(void)
{
	static const char csv[] =
	    "service,period,answered,bot,agent,abandoned,missed,voicemail,"
	    "wait_p50,wait_p90\n"
	    "a,2024,40,10,20,5,3,2,4,12\n"
	    "b,2024,30,5,25,1,0,0,6,30\n"
	    "a,2026,10,1,2,3,4,5,7,8\n";
	struct cs_chartdata_opts o = { .type = CS_CHART_VOLUME, .figure = NULL };
	struct cs_chart c;
	struct cs_lang l;
	struct cs_error err;

	cs_lang_init(&l);
	CU_ASSERT_EQUAL_FATAL(cs_chartdata_read(&c, &o, csv, strlen(csv), &l,
	    &err), 0);
	CU_ASSERT_EQUAL_FATAL(c.nperiods, 3);	/* 2025: a gap */
	CU_ASSERT_EQUAL_FATAL(c.nseries, 5);
	CU_ASSERT_STRING_EQUAL(c.series[0].name, "Answered by the bot");
	NEAR(c.series[0].v[0], 15);	/* the town: a's 10 and b's 5 */
	NEAR(c.series[1].v[0], 45);
	CU_ASSERT_EQUAL(c.series[0].has[1], 0);
	NEAR(c.series[4].v[2], 5);
	/* the go-live's position in years: 2 July 2024 is day 183 of 366 */
	NEAR(cs_chartdata_position(&c, "2024-07-02"), 183.0 / 366);
	cs_chart_release(&c);

	/* wait: one service, its answered calls as n */
	o.type = CS_CHART_WAIT;
	CU_ASSERT_EQUAL(cs_chartdata_read(&c, &o, csv, strlen(csv), &l, &err),
	    -1);
	CU_ASSERT_PTR_NOT_NULL(strstr(err.msg, "-s"));
	o.service = "a";
	CU_ASSERT_EQUAL_FATAL(cs_chartdata_read(&c, &o, csv, strlen(csv), &l,
	    &err), 0);
	CU_ASSERT_EQUAL_FATAL(c.nseries, 2);
	NEAR(c.series[0].v[0], 4);
	NEAR(c.series[1].v[0], 12);
	NEAR(c.series[1].n[0], 40);
	NEAR(c.series[1].n[2], 10);
	cs_chart_release(&c);
}

/* cs_chartdata_read fails on text with a message holding want. */
static void
bad(enum cs_chart_type type, const char *text, const char *want)
{
	struct cs_chartdata_opts o = { .type = type, .figure = "answer_rate" };
	struct cs_chart c;
	struct cs_lang l;
	struct cs_error err;

	cs_lang_init(&l);
	CU_ASSERT_EQUAL(cs_chartdata_read(&c, &o, text, strlen(text), &l, &err),
	    -1);
	if (!strstr(err.msg, want))
		fprintf(stderr, "\n  '%s' has no '%s'\n", err.msg, want);
	CU_ASSERT_PTR_NOT_NULL(strstr(err.msg, want));
	CU_ASSERT_EQUAL(c.nperiods, 0);
	CU_ASSERT_PTR_NULL(c.series);
}

static void
test_csv_errors(void)
{
	bad(CS_CHART_RATE, "", "empty input");
	bad(CS_CHART_RATE, "period,offered,answer_rate\n", "header line only");
	bad(CS_CHART_RATE, "period,answer_rate\n2024-01,0.5\n",
	    "no column offered");
	bad(CS_CHART_RATE, "month,offered,answer_rate\n2024-01,3,0.5\n",
	    "no column period");
	bad(CS_CHART_RATE, "period,offered\n2024-01,3\n", "no column answer_rate");
	bad(CS_CHART_RATE, "period,offered,answer_rate\n2024-01,3,0.5\n"
	    "2024-02,4,abc\n", "line 3: column answer_rate: 'abc'");
	bad(CS_CHART_RATE, "period,offered,answer_rate\n2024-01,3,85\n",
	    "line 2: column answer_rate: 85 is over 1");
	bad(CS_CHART_RATE, "period,offered,answer_rate\n2024-01,3\n",
	    "line 2: 2 fields");
	bad(CS_CHART_RATE, "period,offered,answer_rate\n2024-01,3,0.5\n"
	    "2024-01,3,0.5\n", "line 3: a second row");
	bad(CS_CHART_RATE, "period,offered,answer_rate\n2024-01,-3,0.5\n",
	    "negative");
	bad(CS_CHART_RATE, "period,offered,answer_rate\n\"2024-01,3,0.5\n",
	    "line 2: a quote not closed");
	bad(CS_CHART_RATE, "period,offered,answer_rate\n2024-02-28,3,0.5\n"
	    "2024-02-31,3,0.5\n", "line 3: column period: '2024-02-31'");
	bad(CS_CHART_VOLUME, "period,bot,agent,abandoned,missed\n2024,1,2,3,4\n",
	    "no column voicemail");
	bad(CS_CHART_RATE, "period,offered,answer_rate\n2024-01,3,0.5\n"
	    "2999-01,3,0.5\n", "more than");
}

static void
test_csv_compare(void)
{
	static const char csv[] =
	    "figure,service,before,after,before_x,before_n,after_x,after_n,"
	    "before_low,before_high,after_low,after_high,diff,diff_low,"
	    "diff_high,p_value\n"
	    "offered,a,100,120,,,,,,,,,20,,,\n"
	    "answer_rate,a,0.5,0.75,50,100,90,120,0.4,0.6,0.67,0.82,0.25,0.1,"
	    "0.4,0.0001\n"
	    "answer_rate,town,0.5,0.6,60,120,12,20,0.41,0.59,0.39,0.78,0.1,"
	    "-0.1,0.3,0.4\n";
	struct cs_chartdata_opts o = {
	    .type = CS_CHART_COMPARE, .figure = "answer_rate" };
	struct cs_chart c;
	struct cs_lang l;
	struct cs_error err;

	cs_lang_init(&l);
	CU_ASSERT_EQUAL_FATAL(cs_chartdata_read(&c, &o, csv, strlen(csv), &l,
	    &err), 0);
	CU_ASSERT_EQUAL_FATAL(c.nperiods, 2);
	CU_ASSERT_STRING_EQUAL(c.periods[0], "a");
	CU_ASSERT_STRING_EQUAL(c.periods[1], "Town");
	CU_ASSERT_EQUAL_FATAL(c.nseries, 2);
	NEAR(c.series[0].v[0], 0.5);
	NEAR(c.series[1].v[0], 0.75);
	NEAR(c.series[1].lo[0], 0.67);
	NEAR(c.series[1].hi[0], 0.82);
	NEAR(c.series[1].n[1], 20);
	/* the town after: 20 calls, hollow */
	CU_ASSERT_EQUAL(cs_scale_point_kind(c.series[1].has[1],
	    c.series[1].n[1], 30), CS_POINT_HOLLOW);
	CU_ASSERT_STRING_EQUAL(c.notes[0], "n = 100 \xe2\x86\x92 120");
	CU_ASSERT_STRING_EQUAL(c.notes[1],
	    "n = 120 \xe2\x86\x92 20\nnot significant");
	/* not a place in time: no go-live */
	CU_ASSERT(isnan(cs_chartdata_position(&c, "2024-03-04")));
	cs_chart_release(&c);
	o.figure = "containment_rate";
	CU_ASSERT_EQUAL(cs_chartdata_read(&c, &o, csv, strlen(csv), &l, &err),
	    -1);
	CU_ASSERT_PTR_NOT_NULL(strstr(err.msg, "no row of figure containment_rate"));
	o.figure = "answer_rate";
	static const char nolow[] = "figure,service,before,after,before_n,after_n\n"
	    "answer_rate,a,0.5,0.6,1,2\n";
	CU_ASSERT_EQUAL(cs_chartdata_read(&c, &o, nolow, strlen(nolow), &l,
	    &err), -1);
	CU_ASSERT_PTR_NOT_NULL(strstr(err.msg, "no column before_low"));
}

static void
test_csv_funnel(void)
{
	static const char csv[] =
	    "service,period,offered,bot_sessions,bot,escalated,agent,lost\n"
	    "a,2024-02,100,40,25,15,60,10\n"
	    "b,2024-01,50,0,0,0,45,\n"
	    "a,2024-03,10,5,5,0,3,2\n";
	struct cs_chartdata_opts o = { .type = CS_CHART_FUNNEL };
	struct cs_chart c;
	struct cs_lang l;
	struct cs_error err;

	cs_lang_init(&l);
	CU_ASSERT_EQUAL_FATAL(cs_chartdata_read(&c, &o, csv, strlen(csv), &l,
	    &err), 0);
	CU_ASSERT_EQUAL_FATAL(c.nperiods, 6);
	CU_ASSERT_STRING_EQUAL(c.periods[0], "Calls offered");
	CU_ASSERT_STRING_EQUAL(c.periods[5], "Lost");
	CU_ASSERT_EQUAL_FATAL(c.nseries, 1);
	NEAR(c.series[0].v[0], 160);	/* 100 + 50 + 10 */
	NEAR(c.series[0].v[1], 45);
	NEAR(c.series[0].v[2], 30);
	NEAR(c.series[0].v[3], 15);
	NEAR(c.series[0].v[4], 108);
	NEAR(c.series[0].v[5], 12);	/* b's empty lost: not a zero, skipped */
	CU_ASSERT_STRING_EQUAL(o.first, "2024-01");
	CU_ASSERT_STRING_EQUAL(o.last, "2024-03");
	cs_chart_release(&c);
	o.service = "a";
	CU_ASSERT_EQUAL_FATAL(cs_chartdata_read(&c, &o, csv, strlen(csv), &l,
	    &err), 0);
	NEAR(c.series[0].v[0], 110);
	CU_ASSERT_STRING_EQUAL(o.first, "2024-02");
	cs_chart_release(&c);
	o.service = NULL;
	static const char nolost[] = "period,offered,bot_sessions,bot,escalated,"
	    "agent\n2024,1,1,1,0,0\n";
	CU_ASSERT_EQUAL(cs_chartdata_read(&c, &o, nolost, strlen(nolost), &l,
	    &err), -1);
	CU_ASSERT_PTR_NOT_NULL(strstr(err.msg, "no column lost"));
}

static void
test_draw(void)
{
	static const char csv[] =
	    "service,period,offered,answer_rate\n"
	    "accueil,2024-01,100,0.9\n"
	    "accueil,2024-03,20,0.5\n"
	    "état civil,2024-02,40,0.75\n";
	struct cs_chartdata_opts o = {
	    .type = CS_CHART_RATE, .figure = "answer_rate" };
	struct cs_chart c;
	struct cs_lang l;
	struct cs_error err;
	cairo_surface_t *sf;
	cairo_t *cr;

	cs_lang_init(&l);
	memset(&c, 0, sizeof(c));
	CU_ASSERT_EQUAL_FATAL(cs_chartdata_read(&c, &o, csv, strlen(csv), &l,
	    &err), 0);
	c.type = CS_CHART_RATE;
	c.lang = &l;
	c.title = "Answer rate";
	c.min_n = 30;
	c.go_live = 1.5;
	c.go_live_label = "Bot live";
	c.target = 0.85;
	c.target_label = "Target 85%";
	sf = cairo_image_surface_create(CAIRO_FORMAT_RGB24, 600, 400);
	cr = cairo_create(sf);
	CU_ASSERT_EQUAL(cs_chart_draw(&c, cr, 600, 400, &err), 0);
	CU_ASSERT_EQUAL(cairo_status(cr), CAIRO_STATUS_SUCCESS);
	/* too small for its words: an error that says so, not a mess */
	CU_ASSERT_EQUAL(cs_chart_draw(&c, cr, 120, 60, &err), -1);
	CU_ASSERT_PTR_NOT_NULL(strstr(err.msg, "too small"));
	cairo_destroy(cr);
	cairo_surface_destroy(sf);
	cs_chart_release(&c);
}

static void
test_styles(void)
{
	struct cs_chart_style a, b;

	/* neighbours differ by more than colour: dash, marker and hatching */
	for (int i = 0; i < 5; i++) {
		cs_chart_style(i, &a);
		cs_chart_style(i + 1, &b);
		CU_ASSERT(a.dash != b.dash);
		CU_ASSERT(a.marker != b.marker);
		CU_ASSERT(a.hatch != b.hatch);
	}
	CU_ASSERT_PTR_NOT_NULL(cs_chartdata_rate_n("containment_rate"));
	CU_ASSERT_STRING_EQUAL(cs_chartdata_rate_n("containment_rate"),
	    "bot_sessions");
	CU_ASSERT_PTR_NULL(cs_chartdata_rate_n("offered"));
}

/* The heatmap's binning, by hand: 2024-01-01 was a Monday, 2024-02-29 a
 * Thursday, 2024-03-31 a Sunday, 2000-01-01 a Saturday. */
static void
test_heat_bin(void)
{
	struct cs_chartdata_heat g, gl;
	struct cs_chart c;
	struct cs_lang l;
	struct cs_error err;

	memset(&g, 0, sizeof(g));
	memset(&gl, 0, sizeof(gl));
	CU_ASSERT_EQUAL(cs_chartdata_heat_add(&g, "2024-01-01 08:30:00", "agent", 0), 1);
	CU_ASSERT_EQUAL(cs_chartdata_heat_add(&g, "2024-01-01 08:59:59", "abandoned", 0), 1);
	/* a short call is no call offered (callstat-kpi(7)) */
	CU_ASSERT_EQUAL(cs_chartdata_heat_add(&g, "2024-01-01 09:00:00", "short", 0), 0);
	CU_ASSERT_EQUAL(cs_chartdata_heat_add(&g, "2024-02-29 17:05:00", "missed", 0), 1);
	CU_ASSERT_EQUAL(cs_chartdata_heat_add(&g, "2024-03-31 23:59", "voicemail", 0), 1);
	CU_ASSERT_EQUAL(cs_chartdata_heat_add(&g, "2000-01-01 00:00:00", "bot", 0), 1);
	NEAR(g.count[0][8], 2);
	NEAR(g.count[0][9], 0);
	NEAR(g.count[3][17], 1);
	NEAR(g.count[6][23], 1);
	NEAR(g.count[5][0], 1);
	CU_ASSERT_EQUAL(g.calls, 5);
	CU_ASSERT_STRING_EQUAL(g.first, "2000-01-01");
	CU_ASSERT_STRING_EQUAL(g.last, "2024-03-31");
	/* no such times: nothing counted */
	CU_ASSERT_EQUAL(cs_chartdata_heat_add(&g, "2024-02-30 10:00:00", "agent", 0), -1);
	CU_ASSERT_EQUAL(cs_chartdata_heat_add(&g, "2024-01-01T08:00:00", "agent", 0), -1);
	CU_ASSERT_EQUAL(cs_chartdata_heat_add(&g, "2024-01-01 24:00:00", "agent", 0), -1);
	CU_ASSERT_EQUAL(cs_chartdata_heat_add(&g, "", "agent", 0), -1);
	CU_ASSERT_EQUAL(g.calls, 5);
	/* lost: abandoned and missed only */
	CU_ASSERT_EQUAL(cs_chartdata_heat_add(&gl, "2024-01-01 08:30:00", "agent", 1), 0);
	CU_ASSERT_EQUAL(cs_chartdata_heat_add(&gl, "2024-01-01 08:31:00", "abandoned", 1), 1);
	CU_ASSERT_EQUAL(cs_chartdata_heat_add(&gl, "2024-01-01 10:31:00", "missed", 1), 1);
	CU_ASSERT_EQUAL(cs_chartdata_heat_add(&gl, "2024-01-01 10:32:00", "short", 1), 0);
	CU_ASSERT_EQUAL(cs_chartdata_heat_add(&gl, "2024-01-01 10:33:00", "voicemail", 1), 0);
	CU_ASSERT_EQUAL(gl.calls, 2);

	/* the model: the hours from the earliest to the latest with a call,
	 * Monday's row first, blank cells without a value */
	cs_lang_init(&l);
	memset(&c, 0, sizeof(c));
	CU_ASSERT_EQUAL_FATAL(cs_chartdata_heat_model(&c, &gl, &l, &err), 0);
	CU_ASSERT_EQUAL_FATAL(c.nperiods, 3);
	CU_ASSERT_STRING_EQUAL(c.periods[0], "8");
	CU_ASSERT_STRING_EQUAL(c.periods[2], "10");
	CU_ASSERT_EQUAL_FATAL(c.nseries, 7);
	CU_ASSERT_STRING_EQUAL(c.series[0].name, "Monday");
	CU_ASSERT_STRING_EQUAL(c.series[6].name, "Sunday");
	CU_ASSERT(c.series[0].has[0]);
	NEAR(c.series[0].v[0], 1);
	CU_ASSERT(!c.series[0].has[1]);	/* 9:00: no call, not a zero */
	CU_ASSERT(c.series[0].has[2]);
	for (int w = 1; w < 7; w++)
		for (int h = 0; h < 3; h++)
			CU_ASSERT(!c.series[w].has[h]);
	cs_chart_release(&c);
}

static void
test_csv_heatmap(void)
{
	static const char csv[] =
	    "call,start,service,outcome,wait\n"
	    "1,2024-01-01 08:30:00,accueil,agent,8\n"
	    "2,2024-01-02 08:10:00,urbanisme,missed,\n"
	    "3,2024-01-02 08:20:00,accueil,abandoned,\n"
	    "4,2024-01-07 11:00:00,accueil,short,\n";
	static const char bad[] =
	    "call,start,outcome\n1,2024-01-01 08:30:00,agent\n2,yesterday,agent\n";
	static const char nostart[] = "call,outcome\n1,agent\n";
	struct cs_chartdata_opts o = { .type = CS_CHART_HEATMAP };
	struct cs_chart c;
	struct cs_lang l;
	struct cs_error err;

	cs_lang_init(&l);
	CU_ASSERT_EQUAL_FATAL(cs_chartdata_read(&c, &o, csv, strlen(csv), &l,
	    &err), 0);
	CU_ASSERT_EQUAL_FATAL(c.nperiods, 1);	/* 8:00 only: the short call
						   of 11:00 is not offered */
	CU_ASSERT_EQUAL_FATAL(c.nseries, 7);
	NEAR(c.series[0].v[0], 1);
	NEAR(c.series[1].v[0], 2);
	CU_ASSERT(!c.series[6].has[0]);
	CU_ASSERT_STRING_EQUAL(o.first, "2024-01-01");
	CU_ASSERT_STRING_EQUAL(o.last, "2024-01-02");
	cs_chart_release(&c);
	o.service = "accueil";
	o.lost = 1;
	CU_ASSERT_EQUAL_FATAL(cs_chartdata_read(&c, &o, csv, strlen(csv), &l,
	    &err), 0);
	CU_ASSERT_EQUAL_FATAL(c.nperiods, 1);
	CU_ASSERT(!c.series[0].has[0]);
	NEAR(c.series[1].v[0], 1);
	cs_chart_release(&c);
	o.service = NULL;
	CU_ASSERT_EQUAL(cs_chartdata_read(&c, &o, bad, strlen(bad), &l, &err), -1);
	CU_ASSERT_PTR_NOT_NULL(strstr(err.msg, "line 3: column start"));
	cs_chart_release(&c);
	CU_ASSERT_EQUAL(cs_chartdata_read(&c, &o, nostart, strlen(nostart), &l,
	    &err), -1);
	CU_ASSERT_PTR_NOT_NULL(strstr(err.msg, "no column start"));
	cs_chart_release(&c);
}

/* The palette: darker as the count grows, in grey too; the fewest calls
 * still apart from a blank (white) cell; the text's colour the one of more
 * contrast, never under WCAG's 4.5. */
static void
test_heat_colour(void)
{
	double rgb[3], prev = 2;
	int white;

	for (int k = 0; k <= 50; k++) {
		double lum;
		cs_chart_heat_colour(k / 50.0, rgb, &white);
		lum = 0.2126 * rgb[0] + 0.7152 * rgb[1] + 0.0722 * rgb[2];
		CU_ASSERT(lum < prev);
		if (k == 0) {
			CU_ASSERT(lum < 0.9);
			CU_ASSERT(cs_chart_contrast(rgb, 1) > 1.3);	/* vs white */
		}
		CU_ASSERT(cs_chart_contrast(rgb, white) >= 4.5);
		CU_ASSERT(cs_chart_contrast(rgb, white) >=
		    cs_chart_contrast(rgb, !white));
		prev = lum;
	}
	cs_chart_heat_colour(0, rgb, &white);
	CU_ASSERT(!white);
	cs_chart_heat_colour(1, rgb, &white);
	CU_ASSERT(white);
	/* the ratio itself: white on black 21, black on white 1 */
	rgb[0] = rgb[1] = rgb[2] = 0;
	NEAR(cs_chart_contrast(rgb, 1), 21);
	rgb[0] = rgb[1] = rgb[2] = 1;
	NEAR(cs_chart_contrast(rgb, 0), 21);
}

static void
test_draw_heatmap(void)
{
	struct cs_chartdata_heat g;
	struct cs_chart c;
	struct cs_lang l;
	struct cs_error err;
	cairo_surface_t *sf;
	cairo_t *cr;

	memset(&g, 0, sizeof(g));
	memset(&c, 0, sizeof(c));
	cs_lang_init(&l);
	for (int h = 8; h < 18; h++)
		for (int k = 0; k < h; k++)
			cs_chartdata_heat_add(&g, "2024-01-01 08:00:00", "agent", 0);
	cs_chartdata_heat_add(&g, "2024-01-06 17:00:00", "agent", 0);
	CU_ASSERT_EQUAL_FATAL(cs_chartdata_heat_model(&c, &g, &l, &err), 0);
	CU_ASSERT_EQUAL(c.nperiods, 10);
	c.type = CS_CHART_HEATMAP;
	c.lang = &l;
	c.title = "Calls offered";
	c.ylabel = "Calls";
	sf = cairo_image_surface_create(CAIRO_FORMAT_RGB24, 600, 400);
	cr = cairo_create(sf);
	CU_ASSERT_EQUAL(cs_chart_draw(&c, cr, 600, 400, &err), 0);
	CU_ASSERT_EQUAL(cairo_status(cr), CAIRO_STATUS_SUCCESS);
	CU_ASSERT_EQUAL(cs_chart_draw(&c, cr, 120, 60, &err), -1);
	CU_ASSERT_PTR_NOT_NULL(strstr(err.msg, "too small"));
	cairo_destroy(cr);
	cairo_surface_destroy(sf);
	cs_chart_release(&c);
}

static CU_TestInfo tests[] = {
	{ "nice ticks", test_nice },
	{ "rate axis", test_rate_axis },
	{ "positions, hollow and missing", test_positions },
	{ "CSV to a rate chart", test_csv_rate },
	{ "CSV to volume and wait charts", test_csv_volume_wait },
	{ "bad CSV", test_csv_errors },
	{ "callstat-compare's CSV", test_csv_compare },
	{ "CSV to a funnel", test_csv_funnel },
	{ "drawing", test_draw },
	{ "styles", test_styles },
	{ "heatmap: binning by hand", test_heat_bin },
	{ "heatmap: callstat-calls' CSV", test_csv_heatmap },
	{ "heatmap: palette and text colour", test_heat_colour },
	{ "heatmap: drawing", test_draw_heatmap },
	CU_TEST_INFO_NULL,
};

CS_UNIT_SUITE("draw", tests)
