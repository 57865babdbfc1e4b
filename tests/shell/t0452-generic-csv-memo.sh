# The neutral legs' store (cs_gcsv_store, shared by generic-csv, 3CX,
# SMDR and CUCM) remembers what the last row's caller, dialled number,
# call id, destination and SIP Call-ID gave, the rows of a call coming
# together.  What it stores must not depend on that: a synthetic week of
# generic CSV, with SIP Call-IDs short and repeated, long (past what is
# remembered) and repeated, and destinations that are phone numbers to
# mask, stores the same records, calls and totals as written (a call's
# rows one after the other) and with its lines dealt out so that no two
# rows in a row are alike (nothing remembered is used), under one key.
. "$(dirname "$0")/lib.sh"

DATA="$CS_TOP/tests/data"
cd "$T"
cp "$DATA/generic-town.conf" callstat.conf

run callstat-synth -c callstat.conf --from 2024-03-04 --to 2024-03-08 \
    --calls-per-day 80 --seed 11 --pbx generic -o a
check_rc 0 "synth a week of generic CSV"

long=$(printf 'x%.0s' $(seq 70))
awk -F, -v OFS=, -v long="$long" 'NR == 1 { print; next } {
	# two rows in a row share each SIP Call-ID
	if (NR % 10 < 4)
		$11 = long int(NR / 2)
	else if (NR % 10 < 8)
		$11 = "sip-" int(NR / 2) "@pbx.example"
	if (NR % 11 == 0 && $7 == "")
		$7 = "06 39 98 01 " (10 + NR % 80)
	print
}' a/generic.csv > written.csv
# dealt out: every 7th line, from each of 7 starting points
{ head -n 1 written.csv; for k in 0 1 2 3 4 5 6; do
	awk -v k=$k 'NR > 1 && (NR - 2) % 7 == k' written.csv
done; } > dealt.csv

check "the week has SIP Call-IDs repeated in a row" [ "$(awk -F, 'NR > 2 &&
    $11 != "" && $11 == prev { n++ } { prev = $11 } END { print n + 0 }' \
    written.csv)" -gt 100 ]
check "and call ids" [ "$(awk -F, 'NR > 2 && $1 == prev { n++ }
    { prev = $1 } END { print n + 0 }' written.csv)" -gt 10 ]
check "and none once dealt" [ "$(awk -F, 'NR > 2 && $1 == prev { n++ }
    { prev = $1 } END { print n + 0 }' dealt.csv)" -eq 0 ]

run callstat-import -q -c callstat.conf -d w.db --format generic-csv:synth \
    written.csv
check_rc 0 "import the lines as written"
cp w.db.key d.db.key
run callstat-import -q -c callstat.conf -d d.db --format generic-csv:synth \
    dealt.csv
check_rc 0 "import them dealt out, under the same key"

dump() {
	sqlite3 "$1" "SELECT start, rhash, kind, at, answer, end, duration,
	    call_id, caller, src, dialled, destination, queue, sip_call_id,
	    target, ended, wait, qexit FROM generic_csv ORDER BY start, rhash;
	    SELECT * FROM calls ORDER BY start, id;
	    SELECT * FROM daily ORDER BY day, service, in_hours;
	    SELECT * FROM wait_hist ORDER BY day, service, in_hours, metric, secs"
}
dump w.db > w.out
dump d.db > d.out
check "the same records, calls and totals" cmp -s w.out d.out
check "records stored" [ "$(sqlite3 w.db 'SELECT count(*) FROM generic_csv')" \
    -eq $(($(wc -l < written.csv) - 1)) ]
check "the long SIP Call-IDs stored as they are" [ "$(sqlite3 w.db \
    "SELECT count(*) FROM generic_csv WHERE sip_call_id LIKE 'xxxxxxxxxx%'")" -gt 10 ]
check "the destinations' numbers masked" [ "$(sqlite3 w.db "SELECT count(*)
    FROM generic_csv WHERE destination LIKE '%06 39%'")" -eq 0 ]
check "and something masked stored" [ "$(sqlite3 w.db "SELECT count(*)
    FROM generic_csv WHERE destination <> '' AND destination NOT GLOB '[0-9]*'")" -gt 0 ]

finish
