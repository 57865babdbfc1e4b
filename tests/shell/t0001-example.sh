# The worked example of spec/example: import, then the CSV kpi.md expects,
# compared number by number.
. "$(dirname "$0")/lib.sh"

cd "$T"
cp "$EX/callstat.conf" .
run callstat-import -c callstat.conf -d ex.db "$EX/Master.csv" "$EX/queue_log"
check_rc 0 "import the example"
check "summary names each file" has err "Master.csv: 34 lines read, 34 stored, 0 skipped, 0 rejected"
check "summary of queue_log" has err "queue_log: 32 lines read, 32 stored, 0 skipped, 0 rejected"

run callstat-kpi -c callstat.conf -d ex.db --by service,month --csv
check_rc 0 "kpi --csv"
cp "$T/out" got.csv
check "same CSV as expected_kpi.csv, compared as numbers" \
	awk -F, 'NR == FNR { want[FNR] = $0; n = FNR; next }
	{
		if (!(FNR in want)) { print "extra line " FNR; bad = 1; next }
		split(want[FNR], w, ",")
		if (NF != length(w)) { print "line " FNR ": " NF " fields"; bad = 1; next }
		for (i = 1; i <= NF; i++)
			if ($i != w[i] && ($i == "" || w[i] == "" || $i + 0 != w[i] + 0)) {
				print "line " FNR " field " i ": got " $i " want " w[i]; bad = 1
			}
		seen = FNR
	}
	END { if (seen != n) { print "got " seen " lines, want " n; bad = 1 } exit bad }' \
	"$EX/expected_kpi.csv" got.csv

finish
