# The example's Master.csv as other cdr.conf settings write it: 21 columns
# in UTC (tests/data/example-21col-utc.csv, made by make-21col-utc.sh),
# 17 columns, and the 16 standard columns only.  The calls are the same,
# so the figures must be spec/example/expected_kpi.csv.
. "$(dirname "$0")/lib.sh"

# fields FILE N: every line of the CSV FILE has N fields
fields() {
	awk -v n="$2" '{ l = $0; gsub(/"([^"]|"")*"/, "", l)
		if (split(l, f, ",") != n) { print "line " NR ": " split(l, f, ",") " fields"; bad = 1 } }
		END { exit bad }' "$1"
}

DATA=$CS_TOP/tests/data
FIX=$DATA/example-21col-utc.csv

cd "$T"
cp "$EX/callstat.conf" callstat.conf
cp "$EX/Master.csv" Master.csv
cp "$EX/queue_log" queue_log

run callstat-import -c callstat.conf -d local.db Master.csv queue_log
check_rc 0 "import the example as it is (18 columns, local time)"
run callstat-kpi -c callstat.conf -d local.db --by service,month --csv
cp out local.csv
run callstat-calls -c callstat.conf -d local.db --all-hours --csv
cp out local-calls.csv

# --- the fixture --------------------------------------------------------------------
check "the fixture is there" [ -s "$FIX" ]
check "the fixture: 34 rows" [ "$(wc -l < "$FIX")" -eq 34 ]
check "the fixture: 21 fields on each row" fields "$FIX" 21
check "the fixture: no local time left (no 2025-03-30 11:30:00 of call 18)" \
	sh -c '! grep -q "2025-03-30 11:30:00" "$1"' sh "$FIX"
check "the fixture: empty answers stay empty and unquoted" \
	[ "$(grep -c '",,"' "$FIX")" -eq "$(grep -c '",,"' Master.csv)" ]
if date -d @0 > /dev/null 2>&1 && [ -e /usr/share/zoneinfo/Europe/Paris ]; then
	sh "$DATA/make-21col-utc.sh" Master.csv again.csv
	check "make-21col-utc.sh makes the fixture again, byte for byte" cmp -s again.csv "$FIX"
fi
# each call's uniqueid is the epoch of its start (calls.md): the earliest
# start of its rows, read as UTC, must be that instant
check "the fixture: each call starts at its uniqueid's epoch, in UTC" awk '
	{
		l = $0
		match(l, /"[0-9]+\.[0-9]+","","","[0-9]+\.[0-9]+",[0-9]+$/)
		uid = substr(l, RSTART + 1); sub(/\..*/, "", uid)
		match(l, /"2025-[0-9][0-9]-[0-9][0-9] [0-9:]+"/)
		st = substr(l, RSTART + 1, RLENGTH - 2)
		if (!(uid in first) || st < first[uid]) first[uid] = st
	}
	END {
		for (u in first) {
			cmd = "date -u -d @" u " \"+%Y-%m-%d %H:%M:%S\""; cmd | getline want; close(cmd)
			if (first[u] != want) { print u ": starts " first[u] ", want " want; bad = 1 }
			n++
		}
		exit bad || n != 20
	}' "$FIX"

# --- 21 columns, UTC, with --times utc ---------------------------------------------
run callstat-import -c callstat.conf -d utc.db --times utc "$FIX" queue_log
check_rc 0 "import the 21-column UTC file with --times utc"
check "21 columns: 34 stored" has err "example-21col-utc.csv: 34 lines read, 34 stored, 0 skipped, 0 rejected"
check "21 columns: linkedid and sequence are read" \
	[ "$(sqlite3 utc.db "SELECT count(*) FROM cdr WHERE linkedid = uniqueid AND sequence BETWEEN 1 AND 34")" -eq 34 ]
run callstat-kpi -c callstat.conf -d utc.db --by service,month --csv
check_rc 0 "kpi of the UTC file"
cp out utc.csv
check "21 columns, UTC: figures as expected_kpi.csv" same_numbers "$EX/expected_kpi.csv" utc.csv
check "21 columns, UTC: the same CSV as the local 18-column file" cmp -s utc.csv local.csv
run callstat-calls -c callstat.conf -d utc.db --all-hours --csv
check "21 columns, UTC: the same calls, at the same local times" \
	sh -c 'cut -d, -f1-9 out > a; cut -d, -f1-9 local-calls.csv > b; cmp -s a b'
check "21 columns, UTC: call 18 starts 2025-03-30 11:30:00 local" \
	grep -q '^1743327000\.1033,2025-03-30 11:30:00,' out

# --- the same with [pbx] times = utc in the configuration ----------------------------
sed 's/^times = local$/times = utc/' callstat.conf > utc.conf
check "utc.conf says times = utc" grep -q '^times = utc$' utc.conf
run callstat-import -c utc.conf -d utc2.db "$FIX" queue_log
check_rc 0 "import with [pbx] times = utc"
run callstat-kpi -c utc.conf -d utc2.db --by service,month --csv
check "[pbx] times = utc: figures as expected_kpi.csv" same_numbers "$EX/expected_kpi.csv" out
# --times local overrides the configuration: the file is then misread
run callstat-import -c utc.conf -d misread.db --times local "$FIX" queue_log
run callstat-kpi -c utc.conf -d misread.db --by service,month --csv
check "--times local overrides [pbx] times = utc (figures change)" \
	sh -c '! cmp -s out local.csv'
# and without saying utc at all, the same file gives other figures
run callstat-import -c callstat.conf -d wrong.db "$FIX" queue_log
run callstat-kpi -c callstat.conf -d wrong.db --by service,month --csv
check "UTC read as local time: other figures (the option matters)" \
	sh -c '! cmp -s out local.csv'

# --- 17 columns: uniqueid, no userfield (loguserfield = no) -----------------------------
sed 's/,""$//' Master.csv > m17.csv
check "m17.csv: 17 fields" fields m17.csv 17
run callstat-import -c callstat.conf -d m17.db m17.csv queue_log
check_rc 0 "import 17 columns"
run callstat-kpi -c callstat.conf -d m17.db --by service,month --csv
check "17 columns (uniqueid): figures as expected_kpi.csv" same_numbers "$EX/expected_kpi.csv" out

# --- 16 columns: no uniqueid, no userfield ---------------------------------------------
# The rows of a call are then grouped by the caller's channel, which is
# the same on every row of a call here.  The calls are the same; the
# figures should be too.
sed 's/,"[^"]*",""$//' Master.csv > m16.csv
check "m16.csv: 16 fields" fields m16.csv 16
run callstat-import -c callstat.conf -d m16.db m16.csv queue_log
check_rc 0 "import 16 columns"
check "16 columns: 34 stored" has err "m16.csv: 34 lines read, 34 stored, 0 skipped, 0 rejected"
run callstat-calls -c callstat.conf -d m16.db --all-hours --csv
cp out m16-calls.csv
check "16 columns: 18 inbound calls, as with uniqueids" [ "$(tail -n +2 m16-calls.csv | wc -l)" -eq 18 ]
check "16 columns: the calls' starts, services and hours as with uniqueids" \
	sh -c 'cut -d, -f2,3,9 m16-calls.csv > a; cut -d, -f2,3,9 local-calls.csv > b; cmp -s a b'
run callstat-kpi -c callstat.conf -d m16.db --by service,month --csv
cp out m16.csv.kpi
check "16 columns: figures as expected_kpi.csv" same_numbers "$EX/expected_kpi.csv" m16.csv.kpi
# what the queue_log decides, with no uniqueid to find it by (calls.md):
# call 17 is abandoned (ABANDON), not missed (its rows: NO ANSWER for 40 s)
check "16 columns: call 17 (29 March, 11:00) is abandoned" \
	grep -q '^[^,]*,2025-03-29 11:00:00,accueil,abandoned,' m16-calls.csv
# call 2's wait is 18 s: CONNECT at 10:05:18, not the row's answer (10:05:00)
check "16 columns: call 2 (24 Feb) waited 18 s" \
	grep -q '^[^,]*,2025-02-24 10:05:00,urbanisme,agent,18,18,222,' m16-calls.csv
# call 6: CONNECT 25 s after ENTERQUEUE at 09:05:06, so 31 s
check "16 columns: call 6 (6 March) waited 31 s" \
	grep -q '^[^,]*,2025-03-06 09:05:00,urbanisme,agent,31,31,390,' m16-calls.csv

finish
