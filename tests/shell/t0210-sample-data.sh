# sample-data/: the committed two-year town is what callstat-synth makes
# with the command in sample-data/README.md, imports with nothing rejected,
# and every figure equals the one computed from its truth.csv (SQL written
# from kpi.md: tests/data/synth-kpi.sql); sample-data/example/ gives its
# hand-computed expected_kpi.csv.
. "$(dirname "$0")/lib.sh"

S="$CS_TOP/sample-data"
DATA="$CS_TOP/tests/data"
cd "$T"

mkdir regen
run callstat-synth -c "$S/callstat.conf" --from 2023-03 --to 2025-02 --seed 2024 \
    --calls-per-day 18 --presence 0.75,0.98 -o regen
check_rc 0 "synth the sample town again"
for f in Master.csv queue_log truth.csv transcripts.jsonl truth_sessions.csv; do
	check "sample-data/$f is what synth makes" cmp "$S/$f" "regen/$f"
done

run callstat-import -c "$S/callstat.conf" -d town.db "$S/Master.csv" "$S/queue_log" \
    "$S/transcripts.jsonl"
check_rc 0 "import the sample town"
check "Master.csv: nothing rejected" has err "Master.csv: 15503 lines read, 15503 stored, 0 skipped, 0 rejected"
check "queue_log: nothing rejected" has err "queue_log: 19597 lines read, 19597 stored, 0 skipped, 0 rejected"
check "transcripts.jsonl: nothing rejected" has err "transcripts.jsonl: 34377 lines read, 34377 stored, 0 skipped, 0 rejected"

# the bot's sessions: linked as their truth says, and --by intent
tail -n +2 "$S/truth_sessions.csv" | cut -d, -f5 | sort | uniq -c |
    awk '{ print $2 "|" $1 }' > want-links
sqlite3 town.db "SELECT link, count(*) FROM bot_session GROUP BY 1 ORDER BY 1" > links
check "sessions linked by the truth's rules" cmp want-links links
(cd "$S" && sqlite3 :memory: < "$DATA/synth-intent.sql") > want-intent.csv
run callstat-kpi -c "$S/callstat.conf" -d town.db --by intent --csv
check "--by intent equals the sessions' truth" awk -F, '
	FNR == NR { want[$1] = $0; n++; next }
	FNR == 1 { next }
	{
		if (!($1 in want)) { print "extra " $1; bad = 1; next }
		split(want[$1], w, ",")
		for (i = 2; i <= NF; i++) {
			d = $i - w[i]; if (d < 0) d = -d
			if (($i == "") != (w[i] == "") || d > 1e-9 * (w[i] > 1 ? w[i] : 1)) {
				print $1 " field " i ": " $i " vs " w[i]; bad = 1
			}
		}
		seen++
	}
	END { if (seen != n) { print seen " rows, want " n; bad = 1 } exit bad }' want-intent.csv out

for hours in "(1)" "(0), (1)"; do
	rm -f truth.db
	sqlite3 truth.db "CREATE TABLE want_hours(h); INSERT INTO want_hours VALUES $hours;
	    CREATE TABLE sl(t); INSERT INTO sl VALUES (20);"
	(cd "$S" && sqlite3 "$T/truth.db" < "$DATA/synth-kpi.sql") > want.csv
	if [ "$hours" = "(1)" ]; then opt=; else opt=--all-hours; fi
	run callstat-kpi -c "$S/callstat.conf" -d town.db --by service,month --csv $opt
	check_rc 0 "kpi $opt"
	check "24 months of 5 services ($opt)" [ "$(tail -n +2 out | wc -l)" -eq 120 ]
	check "every figure equals truth.csv's ($opt)" awk -F, '
	FNR == NR { want[$1 "," $2] = $0; n++; next }
	FNR == 1 { next }
	{
		k = $1 "," $2
		if (!(k in want)) { print "extra " k; bad = 1; next }
		split(want[k], w, ",")
		for (i = 3; i <= NF; i++) {
			d = $i - w[i]; if (d < 0) d = -d
			if (($i == "") != (w[i] == "") || d > 1e-9) {
				print k " field " i ": " $i " vs " w[i]; bad = 1
			}
		}
		seen++
	}
	END { if (seen != n) { print seen " rows, want " n; bad = 1 } exit bad }' want.csv out
done

# the answer rate in hours before and after the bot (DEVELOPERS.md's town:
# about 70 % before, over 90 % after), from truth.csv alone
before=$(awk -F, 'NR > 1 && $4 == "inbound" && $6 == 1 && $7 != "short" && $3 < "2024-03-04" {
	n++; if ($7 == "agent" || $7 == "bot") a++ } END { printf "%d", 100 * a / n }' "$S/truth.csv")
after=$(awk -F, 'NR > 1 && $4 == "inbound" && $6 == 1 && $7 != "short" && $3 >= "2024-03-04" {
	n++; if ($7 == "agent" || $7 == "bot") a++ } END { printf "%d", 100 * a / n }' "$S/truth.csv")
check "about 70 % answered before the bot ($before %)" test "$before" -ge 65 -a "$before" -le 75
check "over 90 % answered after ($after %)" [ "$after" -ge 90 ]

run callstat-import -c "$S/example/callstat.conf" -d ex.db "$S/example/Master.csv" "$S/example/queue_log"
run callstat-kpi -c "$S/example/callstat.conf" -d ex.db --by service,month --csv
check "the example's figures" cmp out "$S/example/expected_kpi.csv"

finish
