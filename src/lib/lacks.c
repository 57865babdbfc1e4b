/*
 * lacks.c: the formats of a period that cannot carry some figures
 * (lacks.h).  The records say which file they came from (their source
 * column: tabledef.h), the file which format it was read as.
 */
#include <stdio.h>
#include <string.h>

#include "lacks.h"
#include "timeutil.h"

int
cs_lacks_has(const char *lacks, const char *name)
{
	size_t n = strlen(name);

	for (const char *p = lacks; p != NULL && *p != '\0';) {
		const char *e = strchr(p, ',');
		size_t len = e != NULL ? (size_t)(e - p) : strlen(p);

		while (len > 0 && p[len - 1] == ' ')
			len--;
		if (len == n && memcmp(p, name, n) == 0)
			return 1;
		p = e != NULL ? e + 1 : NULL;
		while (p != NULL && *p == ' ')
			p++;
	}
	return 0;
}

/* The instant a local day starts; *t unchanged when s is NULL. */
static int
day_start(const char *s, int next, int64_t *t, struct cs_error *err)
{
	struct cs_datetime dt;
	int64_t out[2];

	if (s == NULL)
		return 0;
	if (cs_date_parse(s, &dt) != 0)
		return cs_error_set(err, "'%s': not a day: write YYYY-MM-DD", s);
	cs_local_to_utc(&dt, out);
	*t = next ? cs_local_midnight(out[0], 1) : out[0];
	return 0;
}

/* The formats of the database's files that lack figures: 1 bit each, by
 * their place in cs_formats[]. */
static int
candidates(struct cs_db *db, unsigned long long *bits, struct cs_error *err)
{
	sqlite3_stmt *st = NULL;
	int rc;

	*bits = 0;
	if (cs_db_prepare(db, &st, "SELECT DISTINCT format FROM sources",
	    err) != 0)
		return -1;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		const char *name = (const char *)sqlite3_column_text(st, 0);

		for (int i = 0; i < 64 && cs_formats[i] != NULL; i++)
			if (!cs_formats[i]->hidden && cs_formats[i]->lacks != NULL &&
			    name != NULL && strcmp(cs_formats[i]->name, name) == 0)
				*bits |= 1ULL << i;
	}
	sqlite3_finalize(st);
	if (rc != SQLITE_DONE)
		return cs_db_fail(db, "cannot read the files imported", err);
	return 0;
}

int
cs_lacks_first_record(struct cs_db *db, const struct cs_format *f, int64_t t0,
    int64_t t1, int64_t *first, struct cs_error *err)
{
	const struct cs_tabledef *t = f->table;
	sqlite3_stmt *st = NULL;
	char sql[512];
	int rc;

	/* in the table's order (its key begins with the time): the first
	   row of the format's files ends the scan */
	snprintf(sql, sizeof(sql), "SELECT %s FROM %s WHERE %s >= ?1 AND "
	    "%s < ?2 AND %s IN (SELECT id FROM sources WHERE format = ?3) "
	    "ORDER BY %s LIMIT 1", t->col[0].name, t->name, t->col[0].name,
	    t->col[0].name, t->col[2].name, t->col[0].name);
	if (cs_db_prepare(db, &st, sql, err) != 0)
		return -1;
	sqlite3_bind_int64(st, 1, t0);
	sqlite3_bind_int64(st, 2, t1);
	sqlite3_bind_text(st, 3, f->name, -1, SQLITE_STATIC);
	rc = sqlite3_step(st);
	if (rc == SQLITE_ROW)
		*first = sqlite3_column_int64(st, 0);
	sqlite3_finalize(st);
	if (rc != SQLITE_ROW && rc != SQLITE_DONE)
		return cs_db_fail(db, "cannot read the records' formats", err);
	return rc == SQLITE_ROW;
}

int
cs_lacks_days(struct cs_db *db, const char *from, const char *to,
    struct cs_lack out[CS_LACKS_MAX], int *n, struct cs_error *err)
{
	unsigned long long bits;
	int64_t t0 = INT64_MIN, t1 = INT64_MAX;

	*n = 0;
	if (day_start(from, 0, &t0, err) != 0 || day_start(to, 1, &t1, err) != 0 ||
	    candidates(db, &bits, err) != 0)
		return -1;
	if (bits == 0)
		return 0;
	for (int i = 0; i < 64 && cs_formats[i] != NULL && *n < CS_LACKS_MAX;
	    i++) {
		int64_t first;
		int rc;

		if (!(bits & 1ULL << i))
			continue;
		if ((rc = cs_lacks_first_record(db, cs_formats[i], t0, t1, &first,
		    err)) < 0)
			return -1;
		if (rc == 1) {
			out[*n].f = cs_formats[i];
			out[*n].first = first;
			(*n)++;
		}
	}
	return 0;
}
