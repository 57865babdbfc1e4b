# Numbers out of range (callstat-import(1), RANGES): a duration beyond 7
# days, years 0000 and 9999, epoch seconds of INT64_MAX.  Each such line is
# rejected with FILE:LINE: and what to do, the other lines are stored, the
# exit status is 1, and later imports still work, even into a database that
# already holds such a value (stored by a version that did not check).
. "$(dirname "$0")/lib.sh"

cd "$T"
cp "$EX/callstat.conf" callstat.conf
cp "$EX/Master.csv" Master.csv
cp "$EX/queue_log" queue_log

# --- range.csv: the 34 records, and after records 3, 6 and 9 a copy of
# each with one value out of range: lines 4 (duration 2^63-1), 8 (start in
# year 0000), 12 (end in year 9999) ---
awk '{ print }
NR == 3 { if (!sub(/",[0-9]+,/, "\",9223372036854775807,")) exit 1; print }
NR == 6 { if (!sub(/"2025-[0-9-]* /, "\"0000-01-01 ")) exit 1; print }
NR == 9 {
	# the end: the time just before duration and billsec
	if (!match($0, /"[0-9-]+ [0-9:]+",[0-9]+,[0-9]+,/)) exit 1
	print substr($0, 1, RSTART) "9999-12-31 23:59:59" substr($0, RSTART + 20)
}' Master.csv > range.csv
check "range.csv was made" [ $? -eq 0 ]
check "range.csv: 37 lines" [ "$(wc -l < range.csv)" -eq 37 ]
check "range.csv line 4: the duration" \
	sh -c 'sed -n 4p range.csv | grep -q "\",9223372036854775807,[0-9]*,\""'
check "range.csv line 12: the end" \
	sh -c 'sed -n 12p range.csv | grep -q "\"9999-12-31 23:59:59\",[0-9]*,[0-9]*,\""'
check "range.csv line 8: year 0000" grep -q '"0000-01-01 ' range.csv
check "range.csv line 12: year 9999" grep -q '"9999-12-31 23:59:59"' range.csv

# --- range.queue_log: the 32 lines, then 4 out of range: the time 2^63-1
# (33), epoch 1, 1970 (34), a datetime of year 9999 (35), a calltime of
# 8 days (36) ---
cp queue_log range.queue_log
{
	echo '9223372036854775807|1743410700.1063|urbanisme|NONE|ENTERQUEUE||0639980119|1'
	echo '1|1743410700.1063|urbanisme|NONE|ENTERQUEUE||0639980119|1'
	echo '9999-12-31 23:59:59|1743410700.1063|urbanisme|NONE|ENTERQUEUE||0639980119|1'
	echo '1743410971|1743410700.1063|urbanisme|PJSIP/2201|COMPLETEAGENT|14|691200|1'
} >> range.queue_log

run callstat-import -c callstat.conf -d r.db range.csv range.queue_log
check_rc 1 "import with out-of-range lines"
check "line 4: duration out of range, with the limit and what to do" \
	grep -qE "^callstat-import: range\.csv:4: duration is out of range: '[^']+' \(at most 604800 seconds, 7 days\); remove the line or correct it$" err
check "line 8: start out of range, with the years and what to do" \
	has err "callstat-import: range.csv:8: start is out of range: '0000-01-01 "
check "line 8: names the years read" grep -qE "^callstat-import: range\.csv:8: .*years 1990 to 2099 are read.*; check the PBX's clock" err
check "line 12: end out of range" \
	grep -qE "^callstat-import: range\.csv:12: end is out of range: '9999-12-31 23:59:59'" err
for l in 33 34 35; do
	check "queue_log line $l: time out of range" \
		grep -qE "^callstat-import: range\.queue_log:$l: time is out of range: '[^']+' \(1990-01-01 to 2099-12-31 are read\); check the PBX's clock, then remove the line or correct it$" err
done
check "queue_log line 36: calltime out of range" \
	grep -qE "^callstat-import: range\.queue_log:36: COMPLETEAGENT calltime \(data field 2\) is out of range: '691200'" err
check "exactly 7 lines reported" [ "$(grep -c '^callstat-import: range\.[a-z_]*:[0-9]*:' err)" -eq 7 ]
check "summary: 37 lines, 34 stored, 3 rejected" \
	has err "callstat-import: range.csv: 37 lines read, 34 stored, 0 skipped, 3 rejected"
check "summary: 36 lines, 32 stored, 4 rejected" \
	has err "callstat-import: range.queue_log: 36 lines read, 32 stored, 0 skipped, 4 rejected"
check "no sanitizer report" sh -c '! grep -q "runtime error\|AddressSanitizer" err'
check "the database holds the 34 CDR rows" \
	[ "$(sqlite3 r.db 'SELECT count(*) FROM cdr')" -eq 34 ]
check "no stored time or duration out of range" \
	[ "$(sqlite3 r.db 'SELECT (SELECT count(*) FROM cdr WHERE start < 631152000 OR end >= 4102444800 OR duration > 604800) + (SELECT count(*) FROM queue_log WHERE time < 631152000 OR time >= 4102444800)')" -eq 0 ]
run callstat-kpi -c callstat.conf -d r.db --by service,month --csv
check "figures: expected_kpi.csv, despite the lines rejected" \
	same_numbers "$EX/expected_kpi.csv" out

# a later import still works: the example again (all skipped), then a line
# of a new day
run callstat-import -c callstat.conf -d r.db Master.csv queue_log
check_rc 0 "later import of the example"
check "later import: all skipped" \
	has err "callstat-import: Master.csv: 34 lines read, 0 stored, 34 skipped, 0 rejected"
echo '1743500000|NONE|NONE|NONE|QUEUESTART|' > later.queue_log
run callstat-import -c callstat.conf -d r.db later.queue_log
check_rc 0 "later import of a new line"
check "later import: stored" \
	has err "callstat-import: later.queue_log: 1 lines read, 1 stored, 0 skipped, 0 rejected"

# --- a database holding values out of range, as earlier versions stored
# them: later imports must not overflow on them ---
sqlite3 r.db "INSERT INTO queue_log VALUES(9223372036854775807, 1, 1, 1,
	'1743410700.9', 'urbanisme', 'NONE', 'ENTERQUEUE', '', '0639980119', '1', '', '');
	INSERT INTO queue_log VALUES(-9223372036854775807, 2, 1, 2,
	'1743410700.8', 'urbanisme', 'NONE', 'ENTERQUEUE', '', '0639980119', '1', '', '')"
check "stored: a time of 2^63-1 and one of -(2^63-1)" \
	[ "$(sqlite3 r.db 'SELECT count(*) FROM queue_log WHERE abs(time) = 9223372036854775807')" -eq 2 ]
echo '1743600000|NONE|NONE|NONE|QUEUESTART|' > later2.queue_log
run callstat-import -c callstat.conf -d r.db later2.queue_log
check_rc 0 "import beside stored values out of range"
check "import beside them: stored" \
	has err "callstat-import: later2.queue_log: 1 lines read, 1 stored, 0 skipped, 0 rejected"
check "import beside them: no sanitizer report" sh -c '! grep -q "runtime error\|AddressSanitizer" err'
cp range.csv range2.csv
run callstat-import -c callstat.conf -d r.db range2.csv
check_rc 1 "and again the out-of-range lines: rejected again"
check "again: 3 rejected, the rest skipped" \
	has err "callstat-import: range2.csv: 37 lines read, 0 stored, 34 skipped, 3 rejected"
check "again: no sanitizer report" sh -c '! grep -q "runtime error\|AddressSanitizer" err'

finish
