/* import_key.c: the key of a database's hashes, checked before an import
 * makes anything, then read or made and tied to the database (import.h). */
#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "import.h"
#include "path.h"

int
cs_import_key_check(const char *keypath, struct cs_error *err)
{
	struct cs_privacy p;
	struct stat st;
	char dir[PATH_MAX];

	if (lstat(keypath, &st) != 0) {
		if (errno != ENOENT)
			return cs_error_set(err, "key file %s: %s", keypath,
			    strerror(errno));
		if (cs_path_creatable(keypath, dir, sizeof(dir)) != 0)
			return cs_error_set(err, "cannot create key file %s: %s: %s",
			    keypath, dir, strerror(errno));
		return 0;
	}
	/* a directory, a dangling link, a bad mode or size: its own message */
	if (cs_privacy_open(&p, keypath, err) != 0)
		return -1;
	cs_privacy_release(&p);
	return 0;
}

int
cs_import_key(struct cs_privacy *p, struct cs_db *db, const char *keypath,
    struct cs_error *err)
{
	static const char probe[] = "callstat key check";
	char have[64], want[64];

	if (cs_db_meta_get(db, "key_check", have, sizeof(have), err) != 0)
		return -1;
	if (have[0] != '\0' && access(keypath, F_OK) != 0)
		return cs_error_set(err, "key file %s is missing, and %s was made "
		    "with it: restore %s from your backup of this database; "
		    "without it the stored hashes cannot be matched (a new key "
		    "would make every caller look new and store every record "
		    "again)", keypath, db->path, keypath);
	if (cs_privacy_open(p, keypath, err) != 0)
		return -1;
	snprintf(want, sizeof(want), "%016llx",
	    (unsigned long long)cs_privacy_digest64(p, probe, sizeof(probe) - 1));
	if (have[0] == '\0')
		return cs_db_meta_set(db, "key_check", want, err);
	if (strcmp(have, want) != 0) {
		cs_privacy_release(p);
		return cs_error_set(err, "key file %s is not the key %s was made "
		    "with: restore %s from your backup of this database, or "
		    "give the right one (key_file in [commune]); without it the "
		    "stored hashes cannot be matched", keypath, db->path,
		    keypath);
	}
	return 0;
}
