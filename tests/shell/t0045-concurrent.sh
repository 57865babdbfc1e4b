# A cron import and a person at once: WAL and the busy timeout let readers
# read the last committed state while an import runs, and a second import
# wait for the first instead of failing.
. "$(dirname "$0")/lib.sh"

# loading DB: a first import holds DB: its rollback journal is there and
# the schema is written (the file is past its first page).  Waiting for
# the journal alone is not enough: making a new file in WAL mode writes
# a first, short-lived journal, before there is any schema to read
loading() {
	[ -e "$1-journal" ] && [ "$(stat -c %s "$1" 2>/dev/null || echo 0)" -gt 65536 ]
}

cd "$T"
cp "$CS_TOP/tests/data/synth-town.conf" callstat.conf
mkdir a b
# Under ThreadSanitizer (make check-tsan) everything runs 5 to 15 times
# slower: a smaller town keeps the first import's transactions well within
# the second's 30 s busy timeout on a slow machine, and what is tested
# does not depend on the size
perday=400
[ -n "${TSAN_OPTIONS:-}" ] && perday=100
run callstat-synth -q -c callstat.conf --from 2024-01 --to 2024-04 --calls-per-day $perday --seed 3 -o a
check_rc 0 "synth four months"
run callstat-synth -q -c callstat.conf --from 2024-05 --to 2024-06 --calls-per-day $perday --seed 4 -o b
check_rc 0 "synth two more months"

# a first month in, so that there are figures to read meanwhile
head -n 2000 a/Master.csv > first.csv
run callstat-import -q -c callstat.conf -d t.db first.csv
check_rc 0 "a first import"

callstat-import -q -c callstat.conf -d t.db a/Master.csv a/queue_log 2> imp-a.err &
pa=$!
callstat-import -q -c callstat.conf -d t.db b/Master.csv b/queue_log 2> imp-b.err &
pb=$!
reads=0 bad=0
while kill -0 "$pa" 2> /dev/null || kill -0 "$pb" 2> /dev/null; do
	if callstat-kpi -c callstat.conf -d t.db --csv > kpi.out 2> kpi.err; then
		reads=$((reads + 1))
	else
		bad=$((bad + 1))
		cat kpi.err
	fi
done
wait "$pa"
ra=$?
wait "$pb"
rb=$?
check "the first import, run beside another, succeeds" [ "$ra" -eq 0 ]
check "the second import waits for it and succeeds" [ "$rb" -eq 0 ]
check "no import said the database was locked" sh -c '! grep -q locked imp-a.err imp-b.err'
check "every read during the imports succeeded ($reads reads)" [ "$bad" -eq 0 ]

# both towns whole, each record once
want=$(($(wc -l < a/Master.csv) + $(wc -l < b/Master.csv)))
check "every CDR row stored once" [ "$(sqlite3 t.db 'SELECT count(*) FROM cdr')" -eq "$want" ]
want=$(($(tail -n +2 a/truth.csv | wc -l) + $(tail -n +2 b/truth.csv | wc -l)))
check "every call rebuilt" [ "$(sqlite3 t.db 'SELECT count(*) FROM calls')" -eq "$want" ]

# the first import into a new database is a bulk load: a reader that
# comes meanwhile waits for it (the busy timeout), then reads it all
callstat-import -q -c callstat.conf -d bulk.db a/Master.csv 2> bulk.err &
pb=$!
n=0
while ! loading bulk.db && kill -0 "$pb" 2>/dev/null && [ "$n" -lt 1200 ]; do
	sleep 0.05
	n=$((n + 1))
done
run callstat-kpi -c callstat.conf -d bulk.db --csv
[ "$rc" -eq 0 ] || cat err
kpi_rc=$rc
wait "$pb"
check "the bulk load succeeds" [ "$?" -eq 0 ]
check "a reader during a bulk load waits, then succeeds" [ "$kpi_rc" -eq 0 ]
check "and reads some figures" [ "$(wc -l < out)" -ge 2 ]
cp out during.csv
run callstat-kpi -c callstat.conf -d bulk.db --csv
check "the figures it read are those of the whole file" cmp -s during.csv out
check "the database is in WAL mode after it" [ "$(sqlite3 bulk.db 'PRAGMA journal_mode')" = wal ]

# the same, made certain: a first import fed through a pipe holds the
# file from its start, so a reader that comes while the pipe is still
# open waits, and then reads the whole file, not the empty database
mkfifo feed
callstat-import -q -c callstat.conf -d fed.db --format asterisk-cdr - \
	< feed 2> fed.err &
pf=$!
exec 3> feed
head -n 100 a/Master.csv >&3
n=0
while ! loading fed.db && [ "$n" -lt 600 ]; do
	sleep 0.1
	n=$((n + 1))
done
check "a first import holds the file before its input ends" [ "$n" -lt 600 ]
# (3>&-: a reader holding the pipe open would keep the import waiting)
callstat-kpi -c callstat.conf -d fed.db --csv > fed-during.csv 2> fed-kpi.err 3>&- &
pk=$!
sleep 1
check "a reader that comes meanwhile waits" kill -0 "$pk"
tail -n +101 a/Master.csv >&3
exec 3>&-
wait "$pf"
check "the import fed through a pipe succeeds" [ "$?" -eq 0 ]
wait "$pk"
rk=$?
check "the reader then succeeds" [ "$rk" -eq 0 ]
[ "$rk" -eq 0 ] || cat fed-kpi.err
run callstat-kpi -c callstat.conf -d fed.db --csv
check "and reads the figures of the whole input" cmp -s fed-during.csv out
check "which are those of the same file imported by name" cmp -s during.csv out

finish
