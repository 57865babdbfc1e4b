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
	same_numbers "$EX/expected_kpi.csv" got.csv

finish
