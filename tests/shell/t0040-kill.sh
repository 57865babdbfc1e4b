# kill -9 in the middle of an import: one file is one transaction, so the
# database holds what it held before that file, intact; importing the file
# again then stores every record of it once.
. "$(dirname "$0")/lib.sh"

# state DB: the row counts of the tables an import writes
state() {
	sqlite3 "$1" 'SELECT (SELECT count(*) FROM cdr) || " " ||
	    (SELECT count(*) FROM queue_log) || " " ||
	    (SELECT count(*) FROM calls) || " " ||
	    (SELECT count(*) FROM sources) || " " ||
	    (SELECT coalesce(sum(offered), 0) FROM daily)'
}

if ! command -v sqlite3 > /dev/null 2>&1; then
	check "the sqlite3 shell is needed" false
	finish
fi

cd "$T"
cp "$EX/callstat.conf" callstat.conf

# big.csv: the example's 34 rows 5,900 times (200,600 lines, 118,000 calls).
# Copy k has its own uniqueids (a system name "pbxK-") and its own dates:
# year 1990 + k % 35 (callstat-import reads years 1990 to 2099), and
# February and March moved to a 31-day month, so that every row is a
# distinct record and no copy touches 2025.
copies=5900
awk -v copies=$copies '{ ex[NR] = $0 } END {
	split("01 03 05 07 08 10 12", mon, " ")
	for (k = 1; k <= copies; k++) {
		y = 1990 + k % 35; m = mon[1 + int(k / 50) % 7]
		for (i = 1; i <= NR; i++) {
			l = ex[i]
			gsub(/"2025-0[23]-/, "\"" y "-" m "-", l)
			n = match(l, /"[0-9]+\.[0-9]+",""$/)
			print substr(l, 1, n) "pbx" k "-" substr(l, n + 1)
		}
	}
}' "$EX/Master.csv" > big.csv
lines=$((copies * 34))
check "big.csv has $lines lines" [ "$(wc -l < big.csv)" -eq "$lines" ]
check "big.csv: no 2025 date" sh -c '! grep -q "\"2025-" big.csv'
check "big.csv: every line distinct" [ "$(sort -u big.csv | wc -l)" -eq "$lines" ]

# the state before: the example
run callstat-import -c callstat.conf -d k.db "$EX/Master.csv" "$EX/queue_log"
check_rc 0 "import the example first"
before=$(state k.db)
check "before: 34 CDR rows, 32 queue_log rows, 20 calls, 2 sources" \
	[ "$(echo "$before" | cut -d' ' -f1-4)" = "34 32 20 2" ]
cp k.db k-before.db

# kill_midway DELAY: starts the import of big.csv, kills it with SIGKILL
# after DELAY seconds; status 0 when it was killed while it still ran and
# before it committed (a process killed after its COMMIT, while SQLite
# copies the WAL back or it exits, has stored the whole file: that is not
# the case this test is after, and the same as finishing first)
kill_midway() {
	callstat-import -c callstat.conf -d k.db big.csv > kill.out 2> kill.err &
	pid=$!
	sleep "$1"
	if ! kill -0 "$pid" 2> /dev/null; then
		wait "$pid"
		return 1
	fi
	walsize=$(stat -c %s k.db-wal 2> /dev/null || echo 0)
	kill -9 "$pid"
	{ wait "$pid"; } 2> /dev/null
	killed_status=$?
	if [ "$(sqlite3 k.db "SELECT count(*) FROM sources WHERE path LIKE '%big.csv'")" -ne 0 ]; then
		committed=$((committed + 1))
		check "killed after its commit: the whole file is there" \
			[ "$(sqlite3 k.db 'SELECT count(*) FROM cdr')" -eq $((34 + lines)) ]
		return 1
	fi
	return 0
}
committed=0

# twice: early (storing the records) and late (rebuilding the calls)
for delay in 0.5 3; do
	killed=0
	d=$delay
	for try in 1 2 3 4 5; do
		if kill_midway "$d"; then
			killed=1
			break
		fi
		# it finished first: put the database back and kill sooner
		rm -f k.db k.db-wal k.db-shm
		cp k-before.db k.db
		d=$(awk -v d="$d" 'BEGIN { print d / 2 }')
	done
	check "killed while it ran (delay $delay s)" [ "$killed" -eq 1 ]
	[ -n "${CS_VERBOSE:-}" ] && echo "killed at $d s, WAL $walsize bytes"
	[ "$killed" -eq 1 ] || continue
	check "killed by SIGKILL (status 137, got $killed_status)" [ "$killed_status" -eq 137 ]
	check "after kill -9 at $d s: no summary was printed" sh -c '! grep -q "lines read" kill.err'
	check "after kill -9 at $d s: PRAGMA integrity_check is ok" \
		[ "$(sqlite3 k.db 'PRAGMA integrity_check')" = ok ]
	after=$(state k.db)
	check "after kill -9 at $d s: the state before ($before), got ($after)" \
		[ "$after" = "$before" ]
	check "after kill -9 at $d s: no row of big.csv" \
		[ "$(sqlite3 k.db "SELECT count(*) FROM cdr WHERE uniqueid LIKE 'pbx%'")" -eq 0 ]
	check "after kill -9 at $d s: big.csv not recorded as a source" \
		[ "$(sqlite3 k.db "SELECT count(*) FROM sources WHERE path LIKE '%big.csv'")" -eq 0 ]
	run callstat-kpi -c callstat.conf -d k.db --by service,month --csv
	check_rc 0 "after kill -9 at $d s: kpi runs"
	check "after kill -9 at $d s: the example's figures" same_numbers "$EX/expected_kpi.csv" out
done

# the first import into a new database (a bulk load, with SQLite's
# rollback journal instead of WAL): killed, it leaves no record, and the
# database goes back to WAL and takes the file whole next time
bulk_killed=0
d=1
for try in 1 2 3 4 5; do
	rm -f kb.db kb.db-wal kb.db-shm kb.db-journal kb.db.key
	callstat-import -c callstat.conf -d kb.db big.csv > kill.out 2> kill.err &
	pid=$!
	sleep "$d"
	journal=no
	[ -e kb.db-journal ] && journal=yes
	if kill -0 "$pid" 2> /dev/null; then
		kill -9 "$pid"
		{ wait "$pid"; } 2> /dev/null
		if [ "$(sqlite3 kb.db "SELECT count(*) FROM sources WHERE path LIKE '%big.csv'")" -eq 0 ]; then
			bulk_killed=1
			break
		fi
	else
		wait "$pid"
	fi
	d=$(awk -v d="$d" 'BEGIN { print d / 2 }')
done
check "first import into a new database killed while it ran" [ "$bulk_killed" -eq 1 ]
if [ "$bulk_killed" -eq 1 ]; then
	check "the bulk load used a rollback journal" [ "$journal" = yes ]
	check "after kill -9 of a bulk load: PRAGMA integrity_check is ok" \
		[ "$(sqlite3 kb.db 'PRAGMA integrity_check')" = ok ]
	check "after kill -9 of a bulk load: no record" \
		[ "$(sqlite3 kb.db 'SELECT (SELECT count(*) FROM cdr) + (SELECT count(*) FROM calls) + (SELECT count(*) FROM sources)')" -eq 0 ]
	run callstat-import -c callstat.conf -d kb.db big.csv
	check "after kill -9 of a bulk load: imported whole again" \
		has err "big.csv: $lines lines read, $lines stored, 0 skipped, 0 rejected"
	check "and the database is in WAL mode again" \
		[ "$(sqlite3 kb.db 'PRAGMA journal_mode')" = wal ]
	check "no rollback journal left" [ ! -e kb.db-journal ]
fi

# import again: complete, and every record of big.csv stored once
run callstat-import -c callstat.conf -d k.db big.csv
check_rc 0 "import big.csv again after the kills"
check "again: every line read and stored, none skipped" \
	has err "big.csv: $lines lines read, $lines stored, 0 skipped, 0 rejected"
check "again: PRAGMA integrity_check is ok" [ "$(sqlite3 k.db 'PRAGMA integrity_check')" = ok ]
check "again: 34 + $lines CDR rows" \
	[ "$(sqlite3 k.db 'SELECT count(*) FROM cdr')" -eq $((34 + lines)) ]
check "again: each line of big.csv once (by its file line)" \
	[ "$(sqlite3 k.db "SELECT count(DISTINCT line) || ' ' || min(line) || ' ' || max(line) FROM cdr WHERE uniqueid LIKE 'pbx%'")" = "$lines 1 $lines" ]
check "again: 20 calls per copy, plus the example's 20" \
	[ "$(sqlite3 k.db 'SELECT count(*) FROM calls')" -eq $((20 + 20 * copies)) ]
check "again: 18 inbound calls per copy, plus the example's 18" \
	[ "$(sqlite3 k.db "SELECT count(*) FROM calls WHERE direction = 'inbound'")" -eq $((18 + 18 * copies)) ]
check "again: 3 sources" [ "$(sqlite3 k.db 'SELECT count(*) FROM sources')" -eq 3 ]
run callstat-kpi -c callstat.conf -d k.db --by service,month --csv --from 2025
check "again: 2025 keeps the example's figures" same_numbers "$EX/expected_kpi.csv" out
run callstat-import -c callstat.conf -d k.db big.csv
check_rc 0 "a third import"
check "a third import: nothing new" has err "big.csv: nothing new since the last import"

finish
