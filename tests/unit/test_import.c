/*
 * test_import.c: the import suite.  The calls an import builds while it
 * reads (calls.h, "stream") must be exactly the calls a rebuild from the
 * stored records gives: every test imports the same records twice, once
 * as a user would and once with im.rebuild set, and compares the derived
 * tables row for row.  The records are sample-data's two-year town,
 * whole, cut into periods, reversed, or repeated, which decides whether
 * the stream may be used; each test says which way it expects.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "calls.h"
#include "import.h"
#include "readers/asterisk_tables.h"
#include "rowq.h"
#include "tables.h"
#include "unit.h"

#define MASTER "sample-data/Master.csv"
#define QLOG "sample-data/queue_log"
#define CONF "sample-data/callstat.conf"

struct tdb {
	struct cs_db db;
	struct cs_privacy priv;
	struct cs_config cfg;
	int open;
};

static char dir[64];

static int
setup(void)
{
	snprintf(dir, sizeof(dir), "/tmp/cs-unit-import-XXXXXX");
	return mkdtemp(dir) == NULL ? -1 : 0;
}

static int
teardown(void)
{
	char cmd[128];

	snprintf(cmd, sizeof(cmd), "rm -rf '%s'", dir);
	return system(cmd) == 0 ? 0 : -1;
}

static void
path_of(char *out, size_t n, const char *name)
{
	snprintf(out, n, "%s/%s", dir, name);
}

/* A new database name in dir, hashing with the suite's one key. */
static int
tdb_open(struct tdb *t, const char *name)
{
	char path[128], key[128];
	struct cs_error err;

	memset(t, 0, sizeof(*t));
	path_of(path, sizeof(path), name);
	path_of(key, sizeof(key), "key");
	unlink(path);
	if (cs_config_load(&t->cfg, CONF, &err) != 0 ||
	    cs_db_open(&t->db, path, CS_DB_CREATE, &err) != 0 ||
	    cs_import_key(&t->priv, &t->db, key, &err) != 0) {
		fprintf(stderr, "tdb_open: %s\n", err.msg);
		return -1;
	}
	t->open = 1;
	return 0;
}

static void
tdb_close(struct tdb *t)
{
	struct cs_error err;

	if (!t->open)
		return;
	cs_privacy_release(&t->priv);
	cs_db_close(&t->db, &err);
	cs_config_release(&t->cfg);
	t->open = 0;
}

static int
import(struct tdb *t, const char *path, int rebuild, struct cs_import_stats *st)
{
	struct cs_import im;
	struct cs_error err;
	int rc;

	memset(&im, 0, sizeof(im));
	im.db = &t->db;
	im.cfg = &t->cfg;
	im.priv = &t->priv;
	im.rebuild = rebuild;
	rc = cs_import_file(&im, path, st, &err);
	if (rc != 0)
		fprintf(stderr, "import %s: %s\n", path, err.msg);
	return rc;
}

static long
count(struct tdb *t, const char *sql)
{
	return cs_unit_count(t->db.h, sql);
}

/* Rows of a's table not in b's, and of b's not in a's: 0 when the same. */
static long
differ(struct tdb *a, const char *bname, const char *table)
{
	char sql[512], path[128];
	long n;

	path_of(path, sizeof(path), bname);
	snprintf(sql, sizeof(sql), "ATTACH '%s' AS b", path);
	if (sqlite3_exec(a->db.h, sql, NULL, NULL, NULL) != SQLITE_OK)
		return -1;
	snprintf(sql, sizeof(sql), "SELECT (SELECT count(*) FROM (SELECT * FROM "
	    "main.%s EXCEPT SELECT * FROM b.%s)) + (SELECT count(*) FROM "
	    "(SELECT * FROM b.%s EXCEPT SELECT * FROM main.%s))",
	    table, table, table, table);
	n = count(a, sql);
	sqlite3_exec(a->db.h, "DETACH b", NULL, NULL, NULL);
	return n;
}

/* The derived tables of a and of the database bname are the same. */
static void
assert_same(struct tdb *a, const char *bname)
{
	CU_ASSERT_EQUAL(differ(a, bname, "calls"), 0);
	CU_ASSERT_EQUAL(differ(a, bname, "daily"), 0);
	CU_ASSERT_EQUAL(differ(a, bname, "wait_hist"), 0);
}

/* Imports files into a (as a user would) and into b (rebuilt); checks that
 * a streamed as told, then that both give the same tables. */
static void
both_ways(const char *const files[], int nfiles, const int streamed[])
{
	struct tdb a, b;
	struct cs_import_stats st;

	CU_ASSERT_FATAL(tdb_open(&b, "b.db") == 0);
	for (int i = 0; i < nfiles; i++) {
		CU_ASSERT_FATAL(import(&b, files[i], 1, &st) == 0);
		CU_ASSERT_EQUAL(st.streamed, 0);
	}
	tdb_close(&b);
	CU_ASSERT_FATAL(tdb_open(&a, "a.db") == 0);
	for (int i = 0; i < nfiles; i++) {
		CU_ASSERT_FATAL(import(&a, files[i], 0, &st) == 0);
		CU_ASSERT_EQUAL(st.streamed, streamed[i]);
	}
	CU_ASSERT(count(&a, "SELECT count(*) FROM calls") > 0);
	assert_same(&a, "b.db");
	tdb_close(&a);
}

/* Field n (from 0) of a Master.csv line, into out: enough for dates. */
static void
field(const char *line, int n, char *out, size_t size)
{
	int f = 0, quoted = 0;
	size_t k = 0;

	for (const char *p = line; *p != '\0' && *p != '\n'; p++) {
		if (*p == '"') {
			quoted = !quoted;
			continue;
		}
		if (*p == ',' && !quoted) {
			if (f++ == n)
				break;
			continue;
		}
		if (f == n && k + 1 < size)
			out[k++] = *p;
	}
	out[k] = '\0';
}

/* Writes into dir/name the lines of MASTER whose start (field 9) is in
 * [from, to) as text, reversed when told, each `times` times in a row. */
static int
cut(const char *name, const char *from, const char *to, int reverse, int times)
{
	FILE *in = fopen(MASTER, "r"), *out;
	char path[128], line[4096], start[32];
	char **lines = NULL;
	size_t n = 0, cap = 0;

	path_of(path, sizeof(path), name);
	if (in == NULL || (out = fopen(path, "w")) == NULL) {
		if (in != NULL)
			fclose(in);
		return -1;
	}
	while (fgets(line, sizeof(line), in) != NULL) {
		field(line, 9, start, sizeof(start));
		if (strcmp(start, from) < 0 || strcmp(start, to) >= 0)
			continue;
		if (n == cap) {
			cap = cap ? 2 * cap : 1024;
			lines = realloc(lines, cap * sizeof(*lines));
		}
		lines[n++] = strdup(line);
	}
	for (size_t i = 0; i < n; i++)
		for (int t = 0; t < times; t++)
			fputs(lines[reverse ? n - 1 - i : i], out);
	for (size_t i = 0; i < n; i++)
		free(lines[i]);
	free(lines);
	fclose(in);
	return fclose(out) == 0 && n > 0 ? 0 : -1;
}

/* A new database, then the queue_log over it: the first streams, the
 * second (whose events join calls already stored) is rebuilt. */
static void
test_whole_town(void)
{
	const char *files[] = { MASTER, QLOG };
	const int streamed[] = { 1, 0 };

	both_ways(files, 2, streamed);
}

/* Periods apart by more than CS_CALLS_STREAM_GAP each stream; one that
 * follows the last at once is rebuilt. */
static void
test_periods(void)
{
	char p1[128], p2[128], p3[128];
	const char *files[3] = { p1, p2, p3 };
	const int streamed[] = { 1, 1, 0 };

	CU_ASSERT_FATAL(cut("spring.csv", "2023-03", "2023-06", 0, 1) == 0);
	CU_ASSERT_FATAL(cut("autumn.csv", "2023-09", "2023-10-15", 0, 1) == 0);
	CU_ASSERT_FATAL(cut("later.csv", "2023-10-15", "2023-12", 0, 1) == 0);
	path_of(p1, sizeof(p1), "spring.csv");
	path_of(p2, sizeof(p2), "autumn.csv");
	path_of(p3, sizeof(p3), "later.csv");
	both_ways(files, 3, streamed);
}

/* Legs far out of the order they started: the stream gives up. */
static void
test_reversed(void)
{
	char p[128];
	const char *files[] = { p };
	const int streamed[] = { 0 };

	CU_ASSERT_FATAL(cut("reversed.csv", "2023-03", "2023-05", 1, 1) == 0);
	path_of(p, sizeof(p), "reversed.csv");
	both_ways(files, 1, streamed);
}

/* A file holding each record twice in a row: each is stored once, and the
 * calls (rebuilt, since the stream saw every record twice) count each
 * once. */
static void
test_repeated(void)
{
	char p[128];
	const char *files[] = { p };
	const int streamed[] = { 0 };
	struct tdb a;
	struct cs_import_stats st;
	long legs;

	CU_ASSERT_FATAL(cut("twice.csv", "2024-01", "2024-02", 0, 2) == 0);
	path_of(p, sizeof(p), "twice.csv");
	both_ways(files, 1, streamed);
	CU_ASSERT_FATAL(tdb_open(&a, "a.db") == 0);
	CU_ASSERT_FATAL(import(&a, p, 0, &st) == 0);
	CU_ASSERT_EQUAL(st.stored, st.skipped);
	legs = count(&a, "SELECT count(*) FROM cdr");
	CU_ASSERT_EQUAL(legs, st.stored);
	CU_ASSERT_EQUAL(count(&a, "SELECT sum(legs) FROM calls"), legs);
	tdb_close(&a);
}

/* The writer fails at the 5,000th line: the reading thread stops, the
 * import fails, and nothing of the file is left. */
static void
test_writer_fails(void)
{
	struct tdb a;
	struct cs_import_stats st;
	struct cs_import im;
	struct cs_error err;

	CU_ASSERT_FATAL(tdb_open(&a, "a.db") == 0);
	CU_ASSERT_FATAL(sqlite3_exec(a.db.h, "CREATE TEMP TRIGGER boom BEFORE "
	    "INSERT ON main.cdr WHEN NEW.line = 5000 BEGIN SELECT RAISE(ABORT, "
	    "'boom'); END", NULL, NULL, NULL) == SQLITE_OK);
	memset(&im, 0, sizeof(im));
	im.db = &a.db;
	im.cfg = &a.cfg;
	im.priv = &a.priv;
	CU_ASSERT_EQUAL(cs_import_file(&im, MASTER, &st, &err), -1);
	CU_ASSERT_PTR_NOT_NULL(strstr(err.msg, "cannot store a record: boom"));
	CU_ASSERT_EQUAL(count(&a, "SELECT count(*) FROM cdr"), 0);
	CU_ASSERT_EQUAL(count(&a, "SELECT count(*) FROM calls"), 0);
	CU_ASSERT_EQUAL(count(&a, "SELECT count(*) FROM sources"), 0);
	/* and the next import, without the trigger, takes it all */
	sqlite3_exec(a.db.h, "DROP TRIGGER boom", NULL, NULL, NULL);
	CU_ASSERT_EQUAL(import(&a, MASTER, 0, &st), 0);
	CU_ASSERT_EQUAL(st.streamed, 1);
	CU_ASSERT_EQUAL(count(&a, "SELECT count(*) FROM cdr"), st.stored);
	tdb_close(&a);
}

/* A queue_log row of time t with the texts of the test below. */
static int
put_qlog(struct cs_rowq *q, int64_t t, int64_t rhash)
{
	cs_rowq_begin(q, &cs_table_queue_log);
	cs_rowq_int(q, t);
	cs_rowq_int(q, rhash);
	cs_rowq_int(q, 1);
	cs_rowq_int(q, 7);
	cs_rowq_text(q, "");		/* callid */
	cs_rowq_text(q, "accueil");
	cs_rowq_text(q, "NONE");
	cs_rowq_text(q, "ENTERQUEUE");
	cs_rowq_null(q);
	cs_rowq_text(q, "");
	cs_rowq_text(q, "1");
	cs_rowq_null(q);
	cs_rowq_null(q);
	return cs_rowq_end(q);
}

/*
 * Rows queued, then drained, on one thread: nothing lands before the
 * drain; then texts, empty ones included, NULLs and integers land as
 * given (an empty text is not a NULL), 64 to a statement and the rest one
 * by one, and a row already stored is skipped and counted.
 */
static void
test_rowq(void)
{
	struct tdb a;
	struct cs_error err;
	struct cs_rowq *q;
	struct cs_rowq_stats qs;

	CU_ASSERT_FATAL(tdb_open(&a, "a.db") == 0);
	q = cs_rowq_new(&a.db, &err);
	CU_ASSERT_PTR_NOT_NULL_FATAL(q);
	/* 130 rows; the 71st has the key of the 11th */
	for (int i = 0; i < 130; i++)
		CU_ASSERT_EQUAL(put_qlog(q, 1700000000 + (i == 70 ? 10 : i), 42), 0);
	CU_ASSERT_EQUAL(count(&a, "SELECT count(*) FROM queue_log"), 0);
	CU_ASSERT_EQUAL(cs_rowq_close(q, 0), 0);
	CU_ASSERT_EQUAL(cs_rowq_drain(q), 0);
	cs_rowq_stats(q, &qs);
	CU_ASSERT_EQUAL(qs.stored, 129);
	CU_ASSERT_EQUAL(qs.skipped, 1);
	CU_ASSERT_EQUAL(qs.tmin, 1700000000);
	CU_ASSERT_EQUAL(qs.tmax, 1700000129);
	cs_rowq_free(q);
	CU_ASSERT_EQUAL(count(&a, "SELECT count(*) FROM queue_log WHERE "
	    "callid = '' AND data1 IS NULL AND data2 = '' AND data3 = '1' AND "
	    "data4 IS NULL AND line = 7 AND queue = 'accueil'"), 129);
	CU_ASSERT_EQUAL(count(&a, "SELECT count(DISTINCT time) FROM queue_log"), 129);
	tdb_close(&a);
}

/* Queues a row of the calls: key (start, "c<id>"), talk, day (NULL
 * when day is NULL: a row the table refuses). */
static int
put_call(struct cs_rowq *q, int64_t start, int id, int talk, const char *day)
{
	char key[16];

	snprintf(key, sizeof(key), "c%d", id);
	cs_rowq_begin(q, &cs_table_calls);
	for (int c = 0; c < CS_CALLS_NCOL; c++)
		switch (c) {
		case CS_CALLS_START:
			cs_rowq_int(q, start);
			break;
		case CS_CALLS_ID:
			cs_rowq_text(q, key);
			break;
		case CS_CALLS_END:
			cs_rowq_int(q, start + 60);
			break;
		case CS_CALLS_DAY:
			if (day == NULL)
				cs_rowq_null(q);
			else
				cs_rowq_text(q, day);
			break;
		case CS_CALLS_WEEK:
			cs_rowq_text(q, "2025-W18");
			break;
		case CS_CALLS_DIRECTION:
			cs_rowq_text(q, "inbound");
			break;
		case CS_CALLS_SERVICE:
			cs_rowq_text(q, "accueil");
			break;
		case CS_CALLS_OUTCOME:
			cs_rowq_text(q, "agent");
			break;
		case CS_CALLS_TALK:
			cs_rowq_int(q, talk);
			break;
		case CS_CALLS_CALLER:
			cs_rowq_text(q, "");
			break;
		case CS_CALLS_WAIT: case CS_CALLS_HUMAN_WAIT:
		case CS_CALLS_ABANDON_WAIT: case CS_CALLS_BOT_KEY:
		case CS_CALLS_BOT_START:
			cs_rowq_null(q);
			break;
		default:
			cs_rowq_int(q, 0);
			break;
		}
	return cs_rowq_end(q);
}

/* Queues calls rows [from, to) of ids id0 + i, talk talk0 + i, and drains
 * them; returns what the drain did. */
static int
run_calls(struct tdb *a, int from, int to, int id0, int talk0,
    int dup_of, int dup_at, int null_at)
{
	struct cs_error err;
	struct cs_rowq *q = cs_rowq_new(&a->db, &err);
	int rc;

	CU_ASSERT_PTR_NOT_NULL_FATAL(q);
	for (int i = from; i < to; i++) {
		int id = i == dup_at ? id0 + dup_of : id0 + i;
		int64_t start = 1746000000 + (i == dup_at ? dup_of : i);

		CU_ASSERT_EQUAL(put_call(q, start, id, talk0 + i,
		    i == null_at ? NULL : "2025-05-01"), 0);
	}
	CU_ASSERT_EQUAL(cs_rowq_close(q, 0), 0);
	rc = cs_rowq_drain(q);
	cs_rowq_free(q);
	return rc;
}

/*
 * The rebuilt calls replace the stored rows of their keys whatever way
 * the queue runs them (64 at a time, first as new rows, then as rows
 * that replace others when some keys were stored): new rows land; a
 * batch whose keys are stored replaces them; of two rows of one key in
 * one batch the later one stays; a row the table refuses (a NULL day)
 * fails the drain rather than being left out.
 */
static void
test_rowq_calls(void)
{
	struct tdb a;

	CU_ASSERT_FATAL(tdb_open(&a, "calls.db") == 0);
	/* 130 new rows: talk = 1000 + i */
	CU_ASSERT_EQUAL(run_calls(&a, 0, 130, 0, 1000, -1, -1, -1), 0);
	CU_ASSERT_EQUAL(count(&a, "SELECT count(*) FROM calls"), 130);
	CU_ASSERT_EQUAL(count(&a, "SELECT count(*) FROM calls WHERE "
	    "talk = 1000 + start - 1746000000 AND "
	    "id = 'c' || (start - 1746000000)"), 130);
	/* rows 40 to 169 again, talk = 2000 + i: 90 replace stored rows, 40
	   are new, in batches that hold both */
	CU_ASSERT_EQUAL(run_calls(&a, 40, 170, 0, 2000, -1, -1, -1), 0);
	CU_ASSERT_EQUAL(count(&a, "SELECT count(*) FROM calls"), 170);
	CU_ASSERT_EQUAL(count(&a, "SELECT count(*) FROM calls WHERE "
	    "talk = 1000 + start - 1746000000"), 40);
	CU_ASSERT_EQUAL(count(&a, "SELECT count(*) FROM calls WHERE "
	    "talk = 2000 + start - 1746000000"), 130);
	/* new keys (ids 1000 on); row 50 has the key of row 10: the later
	   row's talk (3050) stays, 127 rows */
	CU_ASSERT_EQUAL(run_calls(&a, 0, 128, 1000, 3000, 10, 50, -1), 0);
	CU_ASSERT_EQUAL(count(&a, "SELECT count(*) FROM calls WHERE id >= 'c1000' "
	    "AND length(id) = 5"), 127);
	CU_ASSERT_EQUAL(count(&a, "SELECT talk FROM calls WHERE id = 'c1010'"), 3050);
	/* ids 2000 on, row 20 with no day: refused, and said */
	CU_ASSERT_NOT_EQUAL(run_calls(&a, 0, 64, 2000, 0, -1, -1, 20), 0);
	tdb_close(&a);
}

/* The key looked at before anything is made: nothing is made by the look. */
static void
test_key_check(void)
{
	struct cs_error err;
	struct cs_privacy p;
	char path[128], link[128];
	struct stat st;

	/* missing, in a writable directory: could be made, is not */
	path_of(path, sizeof(path), "check.key");
	unlink(path);
	CU_ASSERT_EQUAL(cs_import_key_check(path, &err), 0);
	CU_ASSERT_EQUAL(lstat(path, &st), -1);
	/* in a missing directory */
	path_of(path, sizeof(path), "nodir/check.key");
	memset(&err, 0, sizeof(err));
	CU_ASSERT_EQUAL(cs_import_key_check(path, &err), -1);
	CU_ASSERT_PTR_NOT_NULL(strstr(err.msg, path));
	/* a directory */
	path_of(path, sizeof(path), "keydir");
	CU_ASSERT_EQUAL_FATAL(mkdir(path, 0700), 0);
	memset(&err, 0, sizeof(err));
	CU_ASSERT_EQUAL(cs_import_key_check(path, &err), -1);
	CU_ASSERT_PTR_NOT_NULL(strstr(err.msg, "is a directory"));
	rmdir(path);
	/* a symbolic link to nothing: not followed into a new key */
	path_of(path, sizeof(path), "gone.key");
	path_of(link, sizeof(link), "link.key");
	CU_ASSERT_EQUAL_FATAL(symlink(path, link), 0);
	memset(&err, 0, sizeof(err));
	CU_ASSERT_EQUAL(cs_import_key_check(link, &err), -1);
	CU_ASSERT_PTR_NOT_NULL(strstr(err.msg, "symbolic link to a file that does not exist"));
	CU_ASSERT_EQUAL(lstat(path, &st), -1);
	unlink(link);
	/* an existing key: read and checked */
	path_of(path, sizeof(path), "real.key");
	CU_ASSERT_EQUAL_FATAL(cs_privacy_open(&p, path, &err), 0);
	cs_privacy_release(&p);
	CU_ASSERT_EQUAL(cs_import_key_check(path, &err), 0);
	chmod(path, 0644);
	memset(&err, 0, sizeof(err));
	CU_ASSERT_EQUAL(cs_import_key_check(path, &err), -1);
	CU_ASSERT_PTR_NOT_NULL(strstr(err.msg, "chmod 600"));
	unlink(path);
}

#define EDGE "tests/data/edge-cases.csv"

/* Checks the bot legs of the edge cases' calls (computed by hand: three
 * answered by the bot, their uniqueids and the UTC epoch of their start;
 * the other two, none). */
static void
assert_bot_legs(struct tdb *t)
{
	CU_ASSERT_EQUAL(count(t, "SELECT count(*) FROM calls"), 5);
	/* Thu 1 May 2025 10:00 CEST */
	CU_ASSERT_EQUAL(count(t, "SELECT count(*) FROM calls WHERE start = "
	    "1746086400 AND coalesce(bot_key, id) = '1746086400.501' AND "
	    "coalesce(bot_start, start) = 1746086400 AND bot_answered = 1"), 1);
	/* Fri 2 May 2025 12:30 CEST */
	CU_ASSERT_EQUAL(count(t, "SELECT count(*) FROM calls WHERE start = "
	    "1746181800 AND coalesce(bot_key, id) = '1746181800.503' AND "
	    "coalesce(bot_start, start) = 1746181800 AND bot_answered = 1"), 1);
	/* Sun 26 Oct 2025 02:30 CEST, the first of the two */
	CU_ASSERT_EQUAL(count(t, "SELECT count(*) FROM calls WHERE start = "
	    "1761438600 AND coalesce(bot_key, id) = '1761438600.509' AND "
	    "coalesce(bot_start, start) = 1761438600 AND bot_answered = 1"), 1);
	/* each bot leg is its call's first: stored as NULL, NULL */
	CU_ASSERT_EQUAL(count(t, "SELECT count(*) FROM calls WHERE bot_key IS "
	    "NULL AND bot_start IS NULL"), 5);
	CU_ASSERT_EQUAL(count(t, "SELECT count(*) FROM calls WHERE "
	    "bot_answered = 0"), 2);
}

/* The key and start of the leg the bot answered, as the import streams
 * the calls and as a rebuild makes them; an old database's calls, which
 * lack them, are rebuilt once migrated. */
static void
test_bot_leg(void)
{
	struct tdb a;
	struct cs_import_stats st;
	struct cs_error err;
	char path[128];
	sqlite3 *h = NULL;
	int rebuilt = 0;

	CU_ASSERT_FATAL(tdb_open(&a, "bot.db") == 0);
	CU_ASSERT_FATAL(import(&a, EDGE, 0, &st) == 0);
	CU_ASSERT_EQUAL(st.streamed, 1);
	assert_bot_legs(&a);
	CU_ASSERT_EQUAL(cs_calls_rebuild(&a.db, &a.cfg, CS_TIME_MIN, CS_TIME_MAX,
	    &err), 0);
	assert_bot_legs(&a);
	CU_ASSERT_EQUAL(cs_db_close(&a.db, &err), 0);

	/* as schema 1 had the calls: no bot leg */
	path_of(path, sizeof(path), "bot.db");
	CU_ASSERT_EQUAL_FATAL(sqlite3_open(path, &h), SQLITE_OK);
	CU_ASSERT_EQUAL(sqlite3_exec(h, "ALTER TABLE calls DROP COLUMN bot_start;"
	    "ALTER TABLE calls DROP COLUMN bot_key; DROP TABLE bot_event; DROP TABLE bot_session;"
	    "DROP TABLE fs_cdr; DROP TABLE fs_queue; DROP TABLE generic_csv;"
	    "PRAGMA user_version = 1",
	    NULL, NULL, NULL), SQLITE_OK);
	sqlite3_close(h);
	CU_ASSERT_EQUAL_FATAL(cs_db_open(&a.db, path, CS_DB_WRITE, &err), 0);
	CU_ASSERT_EQUAL(count(&a, "SELECT count(*) FROM calls WHERE bot_key IS "
	    "NULL AND bot_start IS NULL"), 5);
	CU_ASSERT_EQUAL(cs_calls_update(&a.db, &a.cfg, 0, 0, &rebuilt, &err), 0);
	CU_ASSERT_EQUAL(rebuilt, 1);
	assert_bot_legs(&a);
	tdb_close(&a);
}

static CU_TestInfo tests[] = {
	{ "rows queued and drained land as given", test_rowq },
	{ "the rebuilt calls replace stored rows, 64 at a time", test_rowq_calls },
	{ "a whole town: stream, then rebuild", test_whole_town },
	{ "periods apart stream, adjacent ones rebuild", test_periods },
	{ "records far out of order: rebuilt", test_reversed },
	{ "records twice in a file: stored and counted once", test_repeated },
	{ "the writer fails: nothing left", test_writer_fails },
	{ "the key looked at, nothing made", test_key_check },
	{ "the bot's leg of each call, kept", test_bot_leg },
	CU_TEST_INFO_NULL,
};

CS_UNIT_SUITE_FIXTURE("import", tests, setup, teardown)
