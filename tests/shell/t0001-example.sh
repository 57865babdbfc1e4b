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

# the whole table shows the out-of-hours calls beside (calls.md: accueil
# in March, calls 3 and 18, both answered by the bot); CSV keeps to kpi.md
run callstat-kpi -c callstat.conf -d ex.db --by service,month --figures all
check_rc 0 "kpi table"
check "the table's last columns are out_of_hours and out_of_hours_answered" \
	sh -c 'head -1 "$1" | awk "{ exit !(\$(NF-1) == \"out_of_hours\" && \$NF == \"out_of_hours_answered\") }"' sh "$T/out"
check "accueil, March: 2 out of hours, 2 answered" \
	sh -c 'awk "\$1 == \"accueil\" && \$2 == \"2025-03\" { found = 1; ok = \$(NF-1) == 2 && \$NF == 2 } END { exit !(found && ok) }" "$1"' sh "$T/out"
check "urbanisme, March: none out of hours" \
	sh -c 'awk "\$1 == \"urbanisme\" && \$2 == \"2025-03\" { found = 1; ok = \$(NF-1) == 0 && \$NF == 0 } END { exit !(found && ok) }" "$1"' sh "$T/out"
check "the CSV has no such column" sh -c '! grep -q out_of_hours got.csv'

finish
