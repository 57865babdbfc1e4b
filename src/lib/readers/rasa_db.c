/*
 * rasa_db.c: Rasa's SQL tracker store (rasa.h), an SQLite file opened
 * read-only, read tracker by tracker (sender_id, then id); an event's id
 * is its line.
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <jansson.h>
#include <sqlite3.h>

#include "rasa.h"
#include "readers.h"

/* ---- the SQL tracker store ---- */

/* The Rasa events of the SQL tracker store at path, tracker by tracker. */
int
rasa_read_sql(struct rasa_rd *rd, const char *path, const char *name,
    struct cs_error *err)
{
	sqlite3 *h = NULL;
	sqlite3_stmt *st = NULL;
	int rc = -1, src;

	if (path == NULL) {
		cs_error_set(err, "%s: an SQLite database cannot be read from "
		    "standard input; give its file", name);
		goto out;
	}
	/* read-only: Rasa's store is never written */
	if ((src = sqlite3_open_v2(path, &h, SQLITE_OPEN_READONLY, NULL)) !=
	    SQLITE_OK) {
		cs_error_set(err, "%s: cannot open the SQLite database: %s", name,
		    h != NULL ? sqlite3_errmsg(h) : sqlite3_errstr(src));
		goto out;
	}
	sqlite3_busy_timeout(h, 30000);
	if (sqlite3_prepare_v2(h, "SELECT id, sender_id, type_name, timestamp, "
	    "data FROM events ORDER BY sender_id, id", -1, &st, NULL) !=
	    SQLITE_OK) {
		cs_error_set(err, "%s: an SQLite database, but not a Rasa SQL "
		    "tracker store (%s): expected its table events(id, "
		    "sender_id, type_name, timestamp, data)", name,
		    sqlite3_errmsg(h));
		goto out;
	}
	while ((src = sqlite3_step(st)) == SQLITE_ROW) {
		sqlite3_int64 id = sqlite3_column_int64(st, 0);
		long line = id >= 1 && id <= 0x7fffffffL ? (long)id : 1;
		const char *sender = (const char *)sqlite3_column_text(st, 1);
		const char *type = (const char *)sqlite3_column_text(st, 2);
		double tcol = sqlite3_column_type(st, 3) == SQLITE_NULL ? NAN :
		    sqlite3_column_double(st, 3);
		const char *data = (const char *)sqlite3_column_text(st, 4);
		size_t n = (size_t)sqlite3_column_bytes(st, 4);
		json_error_t jerr;
		json_t *ev;

		if (sender == NULL || *sender == '\0') {
			rasa_reject(rd, line, 0, "sender_id is empty");
			continue;
		}
		if ((rd->sender == NULL || strcmp(sender, rd->sender) != 0) &&
		    (rasa_tracker_end(rd) != 0 || rasa_tracker_begin(rd, sender) != 0)) {
			/* or the sink stopped, whose error is the import's */
			cs_error_set(err, "out of memory");
			goto out;
		}
		if (data == NULL || n == 0) {
			rasa_reject(rd, line, 0, "data is empty: expected the event "
			    "as JSON");
			continue;
		}
		if (2 * n + 1 > rd->cap) {
			char *nb = realloc(rd->buf, 2 * n + 1);

			if (nb == NULL) {
				cs_error_set(err, "out of memory");
				goto out;
			}
			rd->buf = nb;
			rd->cap = 2 * n + 1;
		}
		/* bytes that are not UTF-8 read as Latin-1, as elsewhere */
		n = cs_readers_utf8_copy(rd->buf, data, n);
		if ((ev = json_loadb(rd->buf, n, 0, &jerr)) == NULL) {
			rasa_reject(rd, line, 0, "data: %s", jerr.text);
			continue;
		}
		src = rasa_event(rd, ev, line, 0, type, tcol);
		json_decref(ev);
		if (src != 0) {
			cs_error_set(err, "out of memory");
			goto out;
		}
	}
	if (src != SQLITE_DONE) {
		cs_error_set(err, "%s: cannot read the SQLite database: %s", name,
		    sqlite3_errmsg(h));
		goto out;
	}
	if ((rc = rasa_tracker_end(rd)) != 0)
		cs_error_set(err, "out of memory");
out:
	sqlite3_finalize(st);
	sqlite3_close(h);
	return rc;
}
