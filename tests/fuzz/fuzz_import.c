/*
 * fuzz_import.c: the whole import path (import.c): the format detected,
 * each line read, its numbers hashed, the records stored, the calls built
 * as they are read and again from what was stored, into a database of its
 * own for each input, with the worked example's configuration.  Inputs
 * over 1 MiB are skipped.  The database is made once and emptied of every
 * row but its meta data before each input (five times faster than a new
 * file each time), so that each input starts from the same state.  The first byte's low bit asks for the calls to
 * be rebuilt from the stored records rather than streamed.  With
 * FUZZ_VERBOSE set in the environment, each import's counts are printed.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "fuzz.h"
#include "import.h"

#define MAX_INPUT	(1024 * 1024)

/* sample-data/example/callstat.conf, comments left out */
static const char conf[] =
	"\n"
	"[commune]\n"
	"name = Ville de Beaumont\n"
	"timezone = Europe/Paris\n"
	"holidays = fr\n"
	"short_abandon = 5\n"
	"service_level = 20\n"
	"dial_timeout = 30\n"
	"\n"
	"[pbx]\n"
	"times = local\n"
	"\n"
	"[bot]\n"
	"match = channel:PJSIP/voicebot-*\n"
	"go_live = 2025-03-03\n"
	"\n"
	"[internal]\n"
	"match = ext:1000-2999\n"
	"\n"
	"[service accueil]\n"
	"label = Accueil\n"
	"match = did:0199000100 did:01990021?? queue:accueil ext:2100-2199\n"
	"hours = mon-fri 08:30-12:00 13:30-17:30; sat 09:00-12:00\n"
	"\n"
	"[service urbanisme]\n"
	"label = Urbanisme\n"
	"match = did:0199000200 did:01990022?? queue:urbanisme ext:2200-2299\n"
	"hours = mon,tue,thu,fri 09:00-12:00 14:00-17:00; wed 09:00-12:00\n"
	"\n";

static char conf_path[300], db_path[300], key_path[300], in_path[300];
static char wal_path[310], shm_path[310];
static struct cs_config cfg;
static struct cs_db db;
static struct cs_privacy priv;

/* Every row of every table but meta deleted: the state of a new database
   that has the worked example's key. */
static void
empty(void)
{
	static const char sql[] = "BEGIN; DELETE FROM sources; DELETE FROM cdr; "
	    "DELETE FROM queue_log; DELETE FROM calls; DELETE FROM daily; "
	    "DELETE FROM wait_hist; DELETE FROM bot_event; COMMIT";
	struct cs_error err;

	if (cs_db_exec(&db, sql, &err) != 0) {
		fprintf(stderr, "fuzz_import: %s\n", err.msg);
		abort();
	}
}

static void
setup(void)
{
	struct cs_error err;
	const char *dir;

	if ((dir = fuzz_dir()) == NULL) {
		perror("fuzz_import: scratch directory");
		abort();
	}
	snprintf(conf_path, sizeof(conf_path), "%s/callstat.conf", dir);
	snprintf(db_path, sizeof(db_path), "%s/callstat.db", dir);
	snprintf(wal_path, sizeof(wal_path), "%s-wal", db_path);
	snprintf(shm_path, sizeof(shm_path), "%s-shm", db_path);
	snprintf(key_path, sizeof(key_path), "%s/callstat.key", dir);
	snprintf(in_path, sizeof(in_path), "%s/input", dir);
	if (fuzz_write(conf_path, (const uint8_t *)conf, sizeof(conf) - 1) != 0 ||
	    cs_config_load(&cfg, conf_path, &err) != 0 ||
	    cs_db_open(&db, db_path, CS_DB_CREATE, &err) != 0 ||
	    cs_import_key(&priv, &db, key_path, &err) != 0) {
		fprintf(stderr, "fuzz_import: %s\n", err.msg);
		abort();
	}
}

static void
on_reject(void *arg, const char *name, long line, long column,
    const char *msg)
{
	long *n = arg;

	if (line < 1 || msg[0] == '\0')
		abort();	/* a rejected line has its number and reason */
	(*n)++;
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static int ready;
	struct cs_import im;
	struct cs_import_stats st;
	struct cs_error err;
	long rejects = 0;

	if (size > MAX_INPUT)
		return 0;
	if (!ready) {
		setup();
		ready = 1;
	}
	if (fuzz_write(in_path, data, size) != 0) {
		perror(in_path);
		abort();
	}
	empty();
	memset(&im, 0, sizeof(im));
	memset(&st, 0, sizeof(st));
	im.db = &db;
	im.cfg = &cfg;
	im.priv = &priv;
	im.times_utc = cfg.times_utc;
	im.format = NULL;
	im.rebuild = size > 0 && (data[0] & 1);
	im.reject = on_reject;
	im.arg = &rejects;
	if (cs_import_file(&im, in_path, &st, &err) == 0) {
		if (getenv("FUZZ_VERBOSE") != NULL)
			fprintf(stderr, "fuzz_import: %ld lines, %ld stored, "
			    "%ld rejected\n", st.lines, st.stored, st.rejected);
		/* the counts add up; a line may hold several records (a bot
		   platform's turn), but a rejected line none */
		if (st.rejected != rejects || st.rejected > st.lines ||
		    (st.rejected == st.lines && st.stored + st.skipped > 0))
			abort();
	} else if (err.msg[0] == '\0')
		abort();	/* a refused file says why */
	else if (getenv("FUZZ_VERBOSE") != NULL)
		fprintf(stderr, "fuzz_import: %s\n", err.msg);
	return 0;
}
