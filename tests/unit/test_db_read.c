/*
 * test_db_read.c: the db_read suite, opening read-only (CS_DB_READ).
 * Another program's file (plain, WAL, or with our user_version) is left
 * byte for byte by every mode, with nothing beside it; nothing written or
 * made; the derived tables shadowed for a rebuild in memory; a database
 * read by another user in a directory it cannot write, and a writer's
 * change found; a -wal or -shm the importer cannot write named.
 */
#include <grp.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "db.h"
#include "dbfix.h"
#include "unit.h"

static const char *const names[] = {
	"fplain.db", "fwal.db", "fv1.db", "read.db", "shadow.db", "ro.db",
	"stale.db",
};

static int
suite_clean(void)
{
	return cs_db_fix_clean(names, sizeof(names) / sizeof(names[0]));
}

/* Whether path followed by suffix exists. */
static int
exists(const char *path, const char *suffix)
{
	char p[600];
	struct stat st;

	snprintf(p, sizeof(p), "%s%s", path, suffix);
	return lstat(p, &st) == 0;
}

/* Another program's SQLite files, opened by every mode: refused, byte for
 * byte as they were, nothing made beside them. */
static void
test_foreign_untouched(void)
{
	static const struct {
		const char *name, *sql;
	} f[] = {
		{ "fplain.db", "CREATE TABLE contacts(name, phone);"
		    "INSERT INTO contacts VALUES('x', '0639980101')" },
		{ "fwal.db", "PRAGMA journal_mode = WAL; CREATE TABLE t(x);"
		    "INSERT INTO t VALUES(1)" },
		/* our schema version, not our tables */
		{ "fv1.db", "CREATE TABLE meta(key, value); PRAGMA user_version = 1" },
	};
	static const enum cs_db_mode mode[] = { CS_DB_READ, CS_DB_WRITE,
	    CS_DB_CREATE };
	static char before[1 << 16], after[1 << 16];

	for (size_t i = 0; i < sizeof(f) / sizeof(f[0]); i++) {
		const char *path = tmp(f[i].name);
		long n1, n2;

		rm_db(f[i].name);
		CU_ASSERT_EQUAL_FATAL(raw_exec(path, f[i].sql), 0);
		CU_ASSERT_FALSE(exists(path, "-wal"));
		n1 = slurp(path, before, sizeof(before));
		CU_ASSERT_FATAL(n1 > 0);
		for (size_t m = 0; m < 3; m++) {
			struct cs_db db;
			struct cs_error err;

			memset(&err, 0, sizeof(err));
			CU_ASSERT_EQUAL(cs_db_open(&db, path, mode[m], &err), -1);
			CU_ASSERT_PTR_NULL(db.h);
			CU_ASSERT_PTR_NOT_NULL(strstr(err.msg, "not a callstat database"));
			CU_ASSERT_PTR_NOT_NULL(strstr(err.msg, path));
			n2 = slurp(path, after, sizeof(after));
			CU_ASSERT(n1 == n2 && memcmp(before, after, (size_t)n1) == 0);
			CU_ASSERT_FALSE(exists(path, "-wal"));
			CU_ASSERT_FALSE(exists(path, "-shm"));
			CU_ASSERT_FALSE(exists(path, "-journal"));
			if (n1 != n2 || exists(path, "-wal"))
				fprintf(stderr, "\n  %s, mode %d: changed\n", f[i].name,
				    (int)mode[m]);
		}
	}
}

/* CS_DB_READ writes nothing and makes nothing. */
static void
test_read_only(void)
{
	struct cs_db db;
	struct cs_error err;
	const char *path = tmp("read.db");
	char v[16];
	FILE *fp;
	struct stat st;

	rm_db("read.db");
	/* missing: refused, not made */
	memset(&err, 0, sizeof(err));
	CU_ASSERT_EQUAL(cs_db_open(&db, path, CS_DB_READ, &err), -1);
	CU_ASSERT_PTR_NOT_NULL(strstr(err.msg, "import some logs first"));
	CU_ASSERT_FALSE(exists(path, ""));
	/* empty: refused, left empty */
	fp = fopen(path, "w");
	CU_ASSERT_PTR_NOT_NULL_FATAL(fp);
	fclose(fp);
	memset(&err, 0, sizeof(err));
	CU_ASSERT_EQUAL(cs_db_open(&db, path, CS_DB_READ, &err), -1);
	CU_ASSERT_PTR_NOT_NULL(strstr(err.msg, "holds no data yet"));
	CU_ASSERT(stat(path, &st) == 0 && st.st_size == 0);

	/* ours: read, not written */
	CU_ASSERT_EQUAL_FATAL(cs_db_open(&db, path, CS_DB_CREATE, &err), 0);
	CU_ASSERT_EQUAL(cs_db_meta_set(&db, "k", "v", &err), 0);
	CU_ASSERT_EQUAL(cs_db_readonly(&db), 0);
	CU_ASSERT_EQUAL(cs_db_close(&db, &err), 0);
	CU_ASSERT_EQUAL_FATAL(cs_db_open(&db, path, CS_DB_READ, &err), 0);
	CU_ASSERT_EQUAL(cs_db_readonly(&db), 1);
	CU_ASSERT_EQUAL(cs_db_meta_get(&db, "k", v, sizeof(v), &err), 0);
	CU_ASSERT_STRING_EQUAL(v, "v");
	CU_ASSERT_EQUAL(cs_db_meta_set(&db, "k", "w", &err), -1);
	CU_ASSERT_EQUAL(cs_db_exec(&db, "DELETE FROM meta", &err), -1);
	CU_ASSERT_EQUAL(cs_db_unchanged(&db, &err), 0);
	CU_ASSERT_EQUAL(cs_db_close(&db, &err), 0);
	CU_ASSERT_EQUAL_FATAL(cs_db_open(&db, path, CS_DB_WRITE, &err), 0);
	CU_ASSERT_EQUAL(cs_db_meta_get(&db, "k", v, sizeof(v), &err), 0);
	CU_ASSERT_STRING_EQUAL(v, "v");
	CU_ASSERT_EQUAL(cs_db_close(&db, &err), 0);
}

/* The derived tables hidden by empty temporary ones, the file untouched. */
static void
test_shadow_derived(void)
{
	struct cs_db db;
	struct cs_error err;
	const char *path = tmp("shadow.db");

	rm_db("shadow.db");
	CU_ASSERT_EQUAL_FATAL(cs_db_open(&db, path, CS_DB_CREATE, &err), 0);
	CU_ASSERT_EQUAL(cs_db_exec(&db, "INSERT INTO wait_hist "
	    "VALUES('2025-03-03', '2025-W10', 'accueil', 1, 0, 12, 3)", &err), 0);
	CU_ASSERT_EQUAL(cs_db_close(&db, &err), 0);

	CU_ASSERT_EQUAL_FATAL(cs_db_open(&db, path, CS_DB_READ, &err), 0);
	CU_ASSERT_EQUAL((int)cs_unit_count(db.h, "SELECT count(*) FROM wait_hist"), 1);
	CU_ASSERT_EQUAL(cs_db_shadow_derived(&db, &err), 0);
	CU_ASSERT_EQUAL((int)cs_unit_count(db.h, "SELECT count(*) FROM wait_hist"), 0);
	CU_ASSERT_EQUAL((int)cs_unit_count(db.h, "SELECT count(*) FROM calls"), 0);
	CU_ASSERT_EQUAL((int)cs_unit_count(db.h, "SELECT count(*) FROM daily"), 0);
	/* written, with the stored table's key */
	CU_ASSERT_EQUAL(cs_db_exec(&db, "INSERT INTO wait_hist "
	    "VALUES('2025-03-04', '2025-W10', 'accueil', 1, 0, 5, 1)", &err), 0);
	CU_ASSERT_EQUAL(cs_db_exec(&db, "INSERT INTO wait_hist "
	    "VALUES('2025-03-04', '2025-W10', 'accueil', 1, 0, 5, 2)", &err), -1);
	CU_ASSERT_EQUAL((int)cs_unit_count(db.h, "SELECT n FROM main.wait_hist"), 3);
	CU_ASSERT_EQUAL(cs_db_close(&db, &err), 0);
	CU_ASSERT_EQUAL_FATAL(cs_db_open(&db, path, CS_DB_READ, &err), 0);
	CU_ASSERT_EQUAL((int)cs_unit_count(db.h, "SELECT count(*) FROM wait_hist"), 1);
	CU_ASSERT_EQUAL(cs_db_close(&db, &err), 0);
}

/*
 * Runs child(path, to_parent, from_parent) in a process that can write
 * neither db_tmpdir nor path: as root, nobody; otherwise this user, with
 * db_tmpdir made read-only meanwhile.  Each byte the child writes to
 * to_parent runs between() in the parent, which answers with a byte.
 * Returns the child's exit status (0: all as expected), or -1.
 */
static int
as_other(const char *path, int (*child)(const char *, int, int),
    void (*between)(const char *))
{
	int a[2], b[2], status = -1;
	pid_t pid;
	char c;

	if (pipe(a) != 0 || pipe(b) != 0)
		return -1;
	chmod(db_tmpdir, geteuid() == 0 ? 0755 : 0555);
	fflush(NULL);
	if ((pid = fork()) == 0) {
		close(a[0]);
		close(b[1]);
		if (geteuid() == 0 && (setgroups(0, NULL) != 0 ||
		    setgid(65534) != 0 || setuid(65534) != 0))
			_exit(3);
		_exit(child(path, a[1], b[0]));
	}
	close(a[1]);
	close(b[0]);
	while (pid > 0 && read(a[0], &c, 1) == 1) {
		chmod(db_tmpdir, 0700);
		between(path);
		chmod(db_tmpdir, geteuid() == 0 ? 0755 : 0555);
		if (write(b[1], &c, 1) != 1)
			break;
	}
	close(a[0]);
	close(b[1]);
	if (pid > 0 && waitpid(pid, &status, 0) == pid)
		status = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
	chmod(db_tmpdir, 0700);
	return status;
}

/* A writer's change, while the child reads without locks. */
static void
change(const char *path)
{
	chmod(path, 0644);	/* read-only, for this user but not root */
	raw_exec(path, "INSERT INTO meta(key, value) VALUES('changed', 'yes')");
}

static int
read_unwritable(const char *path, int to_parent, int from_parent)
{
	struct cs_db db;
	struct cs_error err;
	char v[16], c = 'x';

	if (cs_db_open(&db, path, CS_DB_READ, &err) != 0) {
		fprintf(stderr, "\n  read as another user: %s\n", err.msg);
		return 1;
	}
	if (!db.unlocked || exists(path, "-wal") || exists(path, "-shm") ||
	    cs_db_meta_get(&db, "k", v, sizeof(v), &err) != 0 ||
	    strcmp(v, "v") != 0 || cs_db_unchanged(&db, &err) != 0) {
		fprintf(stderr, "\n  read as another user: unlocked %d, "
		    "\"%s\", %s\n", db.unlocked, v, err.msg);
		return 1;
	}
	/* the owner writes meanwhile: found */
	if (write(to_parent, &c, 1) != 1 || read(from_parent, &c, 1) != 1)
		return 1;
	memset(&err, 0, sizeof(err));
	if (cs_db_unchanged(&db, &err) != -1 ||
	    strstr(err.msg, "changed while being read") == NULL) {
		fprintf(stderr, "\n  a change not found: \"%s\"\n", err.msg);
		return 1;
	}
	cs_db_close(&db, &err);
	return 0;
}

static void
test_read_unwritable(void)
{
	struct cs_db db;
	struct cs_error err;
	const char *path = tmp("ro.db");

	rm_db("ro.db");
	CU_ASSERT_EQUAL_FATAL(cs_db_open(&db, path, CS_DB_CREATE, &err), 0);
	CU_ASSERT_EQUAL(cs_db_meta_set(&db, "k", "v", &err), 0);
	CU_ASSERT_EQUAL(cs_db_close(&db, &err), 0);
	CU_ASSERT_FALSE(exists(path, "-wal"));
	chmod(path, geteuid() == 0 ? 0644 : 0444);
	CU_ASSERT_EQUAL(as_other(path, read_unwritable, change), 0);
	chmod(path, 0644);
}

static void
nothing(const char *path)
{
	(void)path;
}

static int
check_stale(const char *path, int to_parent, int from_parent)
{
	struct cs_error err;
	char want[600];

	(void)to_parent;
	(void)from_parent;
	memset(&err, 0, sizeof(err));
	snprintf(want, sizeof(want), "%s-shm is not writable", path);
	if (cs_db_check_writable(path, 1, &err) != -1 ||
	    strstr(err.msg, want) == NULL ||
	    strstr(err.msg, "remove it if no import is running") == NULL) {
		fprintf(stderr, "\n  a read-only -shm: \"%s\"\n", err.msg);
		return 1;
	}
	return 0;
}

/* A -shm left read-only by another user's import: named, and what to do. */
static void
test_stale_side(void)
{
	struct cs_db db;
	struct cs_error err;
	const char *path = tmp("stale.db");
	char shm[600];
	FILE *fp;

	rm_db("stale.db");
	CU_ASSERT_EQUAL_FATAL(cs_db_open(&db, path, CS_DB_CREATE, &err), 0);
	CU_ASSERT_EQUAL(cs_db_close(&db, &err), 0);
	snprintf(shm, sizeof(shm), "%s-shm", path);
	fp = fopen(shm, "w");
	CU_ASSERT_PTR_NOT_NULL_FATAL(fp);
	fclose(fp);
	chmod(shm, 0444);
	/* the database and its directory are the other user's */
	if (geteuid() == 0) {
		CU_ASSERT_EQUAL(chown(path, 65534, 65534), 0);
		CU_ASSERT_EQUAL(chown(db_tmpdir, 65534, 65534), 0);
	}
	CU_ASSERT_EQUAL(as_other(path, check_stale, nothing), 0);
	if (geteuid() == 0)
		CU_ASSERT_EQUAL(chown(db_tmpdir, 0, 0), 0);
	unlink(shm);
}

static CU_TestInfo tests[] = {
	{ "another program's files, untouched by every mode", test_foreign_untouched },
	{ "read-only: nothing written, nothing made", test_read_only },
	{ "derived tables shadowed on a read-only database", test_shadow_derived },
	{ "read by another user, unwritable directory", test_read_unwritable },
	{ "a -shm the importer cannot write", test_stale_side },
	CU_TEST_INFO_NULL
};

CS_UNIT_SUITE_FIXTURE("db_read", tests, cs_db_fix_init, suite_clean)
