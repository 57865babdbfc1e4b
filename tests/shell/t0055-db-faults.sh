# The database and the files beside it (issue 8, section 3): another
# program's SQLite file is refused by every tool and left byte for byte as
# it was; the reading tools work on a database they cannot write, in a
# directory they cannot write; a -wal or -shm file the importer cannot
# write is named, with what to do; a refused import makes no file.
. "$(dirname "$0")/lib.sh"

if ! command -v sqlite3 > /dev/null 2>&1; then
	check "the sqlite3 shell is needed" false
	finish
fi

cd "$T"
chmod 755 "$T"
cp "$EX/callstat.conf" callstat.conf
cp "$EX/Master.csv" Master.csv
cp "$EX/queue_log" queue_log
chmod 644 callstat.conf Master.csv queue_log

# as_other CMD...: CMD as a user who does not own the database.  As root,
# nobody (setpriv or runuser); as anyone else, the user itself, on files
# and directories made read-only (which root would write regardless).
other=
if [ "$(id -u)" -eq 0 ]; then
	if setpriv --reuid=nobody --regid=nogroup --clear-groups true 2> /dev/null; then
		other=setpriv
	elif runuser -u nobody -- true 2> /dev/null; then
		other=runuser
	fi
else
	other=self
fi
as_other() {
	case $other in
	setpriv) setpriv --reuid=nobody --regid=nogroup --clear-groups "$@" ;;
	runuser) runuser -u nobody -- "$@" ;;
	*) "$@" ;;
	esac
}
# who_other: the other user's name, for chown
who_other() {
	[ "$other" = self ] && id -un || echo nobody
}

not() {
	! "$@"
}

# listing DIR: every file of DIR with its size, to compare before and after
listing() {
	(cd "$1" && ls -a | while read -r f; do
		[ -d "$f" ] && continue
		echo "$f $(stat -c %s "$f")"
	done)
}

# --- 1. another program's SQLite file ------------------------------------
# plain (rollback journal), in WAL mode, and one whose user_version is 1,
# the version of callstat's schema: none is callstat's
mkdir foreign
sqlite3 foreign/plain.db "CREATE TABLE contacts(name TEXT, phone TEXT);
INSERT INTO contacts VALUES('x', '0639980101');"
sqlite3 foreign/wal.db "PRAGMA journal_mode = WAL;
CREATE TABLE t(x); INSERT INTO t VALUES(1);" > /dev/null
sqlite3 foreign/v1.db "CREATE TABLE meta(key, value); PRAGMA user_version = 1;"
for f in plain wal v1; do
	cp "foreign/$f.db" "$f.orig"
	for tool in callstat-import callstat-kpi callstat-calls callstat-purge; do
		if [ $tool = callstat-import ]; then
			run $tool -c callstat.conf -d "foreign/$f.db" Master.csv
		else
			run $tool -c callstat.conf -d "foreign/$f.db"
		fi
		check_rc 1 "$f.db: $tool refuses it"
		check "$f.db: $tool says it is not callstat's, naming it" \
			has err "$tool: foreign/$f.db: not a callstat database"
		check "$f.db: $tool leaves it byte for byte" cmp -s "foreign/$f.db" "$f.orig"
		check "$f.db: $tool leaves no -wal, -shm or -journal" \
			[ "$(ls foreign | grep -c "^$f.db-")" -eq 0 ]
	done
done
check "no key made beside them" [ "$(ls foreign | grep -c key)" -eq 0 ]

# --- 2. reading a database one cannot write ------------------------------
mkdir ro
run callstat-import -c callstat.conf -d ro/c.db Master.csv queue_log
check_rc 0 "the database to read is imported"
run callstat-calls -c callstat.conf -d ro/c.db --csv
cp out calls.csv
check "its calls are listed" [ "$(wc -l < calls.csv)" -gt 1 ]
if [ -z "$other" ]; then
	echo "$TEST: skipped: neither setpriv nor runuser can run as nobody"
else
	rm -f ro/c.db-wal ro/c.db-shm
	if [ "$other" = self ]; then
		chmod 444 ro/c.db
		chmod 555 ro
	else
		chmod 644 ro/c.db
		chmod 755 ro
	fi
	listing ro > ro.before
	cp ro/c.db ro.orig
	run as_other callstat-kpi -c callstat.conf -d ro/c.db --by service,month --csv
	check_rc 0 "kpi by another user, no -wal and no -shm: works"
	check "kpi by another user: expected_kpi.csv" same_numbers "$EX/expected_kpi.csv" out
	check "kpi by another user: no message" [ ! -s err ]
	run as_other callstat-calls -c callstat.conf -d ro/c.db --csv
	check_rc 0 "calls by another user: works"
	check "calls by another user: the same calls" cmp -s calls.csv out
	listing ro > ro.after
	check "nothing made or changed in the directory" cmp -s ro.before ro.after
	check "the database is byte for byte as it was" cmp -s ro/c.db ro.orig

	# while the owner has it open: its -wal and -shm are there
	if [ "$other" != self ]; then
		mkfifo hold
		sqlite3 ro/c.db < hold > /dev/null &
		holder=$!
		exec 7> hold
		echo "SELECT count(*) FROM cdr;" >&7
		for _ in 1 2 3 4 5 6 7 8 9 10; do
			[ -e ro/c.db-shm ] && break
			sleep 0.2
		done
		check "the owner's connection made a -shm" [ -e ro/c.db-shm ]
		run as_other callstat-kpi -c callstat.conf -d ro/c.db --by service,month --csv
		check_rc 0 "kpi by another user, the owner's -wal and -shm there: works"
		check "kpi beside the owner: expected_kpi.csv" \
			same_numbers "$EX/expected_kpi.csv" out
		exec 7>&-
		wait "$holder"
	fi

	# the configuration changed: the derived tables are out of date, and
	# cannot be stored; the figures are those of the new configuration
	sed 's/^short_abandon = 5/short_abandon = 15/' callstat.conf > changed.conf
	chmod 644 changed.conf
	mkdir rw
	cp ro/c.db rw/c.db
	chmod 644 rw/c.db
	run callstat-kpi -c changed.conf -d rw/c.db --csv
	check_rc 0 "kpi with a changed configuration, by the owner"
	cp out changed.csv
	run callstat-kpi -c callstat.conf -d rw/c.db --csv
	check "short_abandon 15 changes the figures" not cmp -s changed.csv out
	listing ro > ro.before
	run as_other callstat-kpi -c changed.conf -d ro/c.db --csv
	check_rc 0 "kpi by another user, derived tables out of date: works"
	check "out of date: the figures of the changed configuration" cmp -s changed.csv out
	check "out of date: says so, and who can store them" \
		has err "rebuilt for this run only; to store them, run callstat-import as the database's owner"
	listing ro > ro.after
	check "out of date: nothing made or changed" cmp -s ro.before ro.after
	check "out of date: the database as it was" cmp -s ro/c.db ro.orig
	chmod 755 ro
	chmod 644 ro/c.db
fi

# --- 3. a -wal or -shm the importer cannot write -------------------------
if [ -z "$other" ]; then
	echo "$TEST: skipped: neither setpriv nor runuser can run as nobody"
else
	for side in wal shm; do
		mkdir "st$side"
		run callstat-import -c callstat.conf -d "st$side/c.db" Master.csv
		if [ "$other" != self ]; then
			chown -R "$(who_other)" "st$side"
		fi
		if [ $side = wal ]; then
			: > "st$side/c.db-wal"
		else
			head -c 32768 /dev/zero > "st$side/c.db-shm"
		fi
		# left by a failed import of another user: read-only to this one
		chmod 444 "st$side/c.db-$side"
		[ "$other" != self ] && chown root "st$side/c.db-$side"
		run as_other callstat-import -c callstat.conf -d "st$side/c.db" queue_log
		check_rc 1 "a read-only -$side: the import is refused"
		check "a read-only -$side: named, and what to do" \
			has err "st$side/c.db-$side is not writable"
		check "a read-only -$side: remove it if no import is running" \
			has err "remove it if no import is running"
	done
	# a -wal with content holds committed changes: never say remove it
	chmod 644 stwal/c.db-wal
	printf 'not empty' > stwal/c.db-wal
	chmod 444 stwal/c.db-wal
	run as_other callstat-import -c callstat.conf -d stwal/c.db queue_log
	check_rc 1 "a read-only -wal with content: refused"
	check "a read-only -wal with content: run the import as its owner" \
		has err "run callstat-import once as its owner"
	check "a read-only -wal with content: do not remove it" \
		has err "do not remove it"
fi

# --- 4. a refused import makes nothing -----------------------------------
mkdir refuse
# refused_import DESC CONF ARGS...: import into refuse/c.db, refused, and
# the directory as it was
refused_import() {
	_d=$1 _c=$2
	shift 2
	listing refuse > refuse.before
	# (a dangling key once made the import call itself forever)
	run timeout 60 callstat-import -c "$_c" -d refuse/c.db "$@" Master.csv
	check_rc 1 "$_d: refused"
	listing refuse > refuse.after
	check "$_d: no file made (database, key, -wal, -shm)" \
		cmp -s refuse.before refuse.after
}
sed "s|^\[commune\]|[commune]\nkey_file = $T/missing/c.key|" callstat.conf > nokeydir.conf
refused_import "key in a missing directory" nokeydir.conf
check "key in a missing directory: named" has err "$T/missing/c.key"
mkdir keydir
sed "s|^\[commune\]|[commune]\nkey_file = $T/keydir|" callstat.conf > keyisdir.conf
refused_import "key path a directory" keyisdir.conf
check "key path a directory: says so" has err "is a directory"
ln -s "$T/nothing/c.key" dangling.key
sed "s|^\[commune\]|[commune]\nkey_file = $T/dangling.key|" callstat.conf > dangling.conf
refused_import "key a dangling symbolic link" dangling.conf
check "key a dangling symbolic link: says so" has err "symbolic link to a file that does not exist"
head -c 32 /dev/urandom > open.key
chmod 644 open.key
sed "s|^\[commune\]|[commune]\nkey_file = $T/open.key|" callstat.conf > openkey.conf
refused_import "key readable by others" openkey.conf
check "key readable by others: chmod 600" has err "chmod 600"
refused_import "--rejects in a missing directory" callstat.conf --rejects missing/rejects.txt
check "--rejects in a missing directory: named" has err "missing/rejects.txt"
refused_import "--rejects a directory" callstat.conf --rejects keydir
check "--rejects a directory: says so" has err "keydir: is a directory"
# the same with the database there: no -wal, -shm or rejects file left
run callstat-import -c callstat.conf -d refuse/c.db queue_log
check_rc 0 "the database is made"
refused_import "an existing database, --rejects in a missing directory" \
	callstat.conf --rejects missing/rejects.txt
refused_import "an existing database, key in a missing directory" nokeydir.conf

finish
