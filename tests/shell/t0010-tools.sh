# The tools' command lines: --help, --version, usage errors (exit 2),
# failures (exit 1), the callstat front, and callstat-kpi's options and
# formats on the worked example.  Every expected figure below is worked out
# by hand from spec/example/calls.md (the call numbers in the comments are
# that page's), never copied from the program's output.
. "$(dirname "$0")/lib.sh"

# row FILE KEY COL=VALUE...: the one row of CSV FILE whose first fields are
# KEY has these values; VALUE is a number, A/B (a ratio worked by hand),
# empty (the field must be empty) or a word
row() {
	_f=$1 _k=$2
	shift 2
	awk -F, -v key="$_k" -v spec="$*" '
	NR == 1 { for (i = 1; i <= NF; i++) col[$i] = i; nk = split(key, k, ","); next }
	{
		for (i = 1; i <= nk; i++) if ($i != k[i]) next
		found++
		n = split(spec, s, " ")
		for (j = 1; j <= n; j++) {
			eq = index(s[j], "=")
			name = substr(s[j], 1, eq - 1); want = substr(s[j], eq + 1)
			if (!(name in col)) { print "no column " name; bad = 1; continue }
			got = $(col[name])
			if (want == "" || want !~ /^[0-9.\/]+$/) {
				if (got != want) { print key ": " name ": got \"" got "\", want \"" want "\""; bad = 1 }
				continue
			}
			if (split(want, w, "/") == 2) v = w[1] / w[2]; else v = want + 0
			if (got == "" || got - v > 1e-9 || v - got > 1e-9) {
				print key ": " name ": got \"" got "\", want " want; bad = 1
			}
		}
	}
	END { if (found != 1) { print "rows with " key ": " found + 0 ", want 1"; bad = 1 } exit bad }' "$_f"
}

# nrows FILE N: FILE has N lines after its header
nrows() {
	[ "$(tail -n +2 "$1" | wc -l)" -eq "$2" ] ||
	{ echo "$1: $(tail -n +2 "$1" | wc -l) data rows, want $2"; return 1; }
}

cd "$T"
cp "$EX/callstat.conf" callstat.conf
chmod u+w callstat.conf

# --- every tool: --help, --version, a bad option ---------------------------
for tool in callstat callstat-import callstat-kpi callstat-calls callstat-check callstat-purge callstat-compare callstat-chart; do
	run "$tool" --help
	check_rc 0 "$tool --help"
	check "$tool --help: usage on stdout" has out "usage: $tool"
	run "$tool" -h
	check_rc 0 "$tool -h"
	check "$tool -h: usage on stdout" has out "usage:"
	run "$tool" --version
	check_rc 0 "$tool --version"
	check "$tool --version prints '$tool X.Y.Z'" \
		grep -qE "^$tool [0-9]+\.[0-9]+\.[0-9]+\$" out
	check "$tool --version: one line" [ "$(wc -l < out)" -eq 1 ]
	run "$tool" -V
	check "$tool -V prints the version" grep -qE "^$tool [0-9]+\.[0-9]+\.[0-9]+\$" out
	run "$tool" --no-such-option
	check_rc 2 "$tool --no-such-option"
	check "$tool --no-such-option: Try '$tool --help'" has err "Try '$tool --help'"
	check "$tool --no-such-option: nothing on stdout" [ ! -s out ]
done
for tool in callstat-import callstat-kpi callstat-calls callstat-check callstat-purge callstat-compare callstat-chart; do
	run "$tool" -Z
	check_rc 2 "$tool -Z"
	check "$tool -Z: Try '$tool --help'" has err "Try '$tool --help'"
done
run callstat-import --help
check "callstat-import --help names --rejects" has out "--rejects"
check "callstat-import --help names --times" has out "--times"

# --- the example's database --------------------------------------------------
run callstat-import -c callstat.conf -d ex.db "$EX/Master.csv" "$EX/queue_log"
check_rc 0 "import the example"

run callstat-kpi -c callstat.conf -d ex.db --by service,month --csv
check_rc 0 "kpi --by service,month --csv"
cp out kpi.csv
check "kpi --csv equals expected_kpi.csv" same_numbers "$EX/expected_kpi.csv" kpi.csv

# --- usage errors: exit 2 ------------------------------------------------------
run callstat-kpi -c callstat.conf -d ex.db --by nonsense
check_rc 2 "kpi --by nonsense"
check "kpi --by nonsense: names the word" has err "nonsense"
check "kpi --by nonsense: Try --help" has err "Try 'callstat-kpi --help'"
run callstat-kpi -c callstat.conf -d ex.db --by week,month
check_rc 2 "kpi --by week,month (two periods)"
run callstat-kpi -c callstat.conf -d ex.db --from 2025-13
check_rc 2 "kpi --from 2025-13"
run callstat-kpi -c callstat.conf -d ex.db --from yesterday
check_rc 2 "kpi --from yesterday"
check "kpi --from yesterday: names the date" has err "yesterday"
run callstat-kpi -c callstat.conf -d ex.db --from 2025-02-30
check_rc 2 "kpi --from 2025-02-30 (no such day)"
run callstat-kpi -c callstat.conf -d ex.db --to 2025-3-1x
check_rc 2 "kpi --to 2025-3-1x"
run callstat-kpi -c callstat.conf -d ex.db --from 2025-03 --to 2025-02
check_rc 2 "kpi --from after --to"
run callstat-kpi -c callstat.conf -d ex.db --csv --json
check_rc 2 "kpi --csv --json"
check "kpi --csv --json: nothing on stdout" [ ! -s out ]
run callstat-kpi -c callstat.conf -d ex.db --tsv --csv
check_rc 2 "kpi --tsv --csv"
run callstat-kpi -c callstat.conf -d ex.db --all-hours --out-of-hours
check_rc 2 "kpi --all-hours --out-of-hours"
run callstat-kpi -c callstat.conf -d ex.db extra-argument
check_rc 2 "kpi with an extra argument"
run callstat-calls -c callstat.conf -d ex.db --outcome nonsense
check_rc 2 "calls --outcome nonsense"
run callstat-calls -c callstat.conf -d ex.db --csv --json
check_rc 2 "calls --csv --json"
run callstat-calls -c callstat.conf -d ex.db --from 2025-00
check_rc 2 "calls --from 2025-00"
run callstat-import -c callstat.conf -d other.db
check_rc 2 "import without a file"
run callstat-import -c callstat.conf -d other.db --times gmt "$EX/Master.csv"
check_rc 2 "import --times gmt"
run callstat-import -c callstat.conf -d other.db --format nonsense "$EX/Master.csv"
check_rc 2 "import --format nonsense"
check "usage errors create no database" [ ! -e other.db ]

# --- failures: exit 1, the message names the file -----------------------------
run callstat-kpi -c callstat.conf -d nosuch.db --csv
check_rc 1 "kpi on a missing database"
check "kpi on a missing database: names it" has err "nosuch.db"
check "kpi on a missing database: does not create it" [ ! -e nosuch.db ]
run callstat-calls -c callstat.conf -d nosuch.db
check_rc 1 "calls on a missing database"
check "calls on a missing database: names it" has err "nosuch.db"
check "calls on a missing database: does not create it" [ ! -e nosuch.db ]
run callstat-kpi -c nosuch.conf -d ex.db --csv
check_rc 1 "kpi with a missing configuration"
check "kpi with a missing configuration: names it" has err "nosuch.conf"
run callstat-calls -c nosuch.conf -d ex.db
check_rc 1 "calls with a missing configuration"
check "calls with a missing configuration: names it" has err "nosuch.conf"
run callstat-import -c nosuch.conf -d new.db "$EX/Master.csv"
check_rc 1 "import with a missing configuration"
check "import with a missing configuration: names it" has err "nosuch.conf"
check "import with a missing configuration: no database made" [ ! -e new.db ]
if [ ! -e /etc/callstat/callstat.conf ]; then
	mkdir empty
	(cd empty && exec callstat-kpi -d ../ex.db > ../out 2> ../err)
	rc=$?
	check_rc 1 "kpi with no configuration anywhere"
	check "kpi with no configuration anywhere: says so" has err "no configuration file"
fi
run callstat-kpi -c callstat.conf -d ex.db -s nosuch
check_rc 1 "kpi -s nosuch"
check "kpi -s nosuch: names the service" has err "nosuch"
printf 'not a database, only text\n' > text.db
run callstat-kpi -c callstat.conf -d text.db
check_rc 1 "kpi on a file that is not a database"
check "kpi on a non-database: names it" has err "text.db"
run callstat-kpi -c callstat.conf -d ex.db -o nosuchdir/out.csv --csv
check_rc 1 "kpi -o into a missing directory"
check "kpi -o into a missing directory: names it" has err "nosuchdir/out.csv"

# --- the callstat front ----------------------------------------------------------
run callstat
check_rc 0 "callstat alone"
for t in import kpi calls check purge compare chart; do
	check "callstat alone lists $t" grep -qE "^ +$t " out
done
run callstat nosuch
check_rc 2 "callstat nosuch"
check "callstat nosuch: names it" has err "nosuch"
run callstat -x
check_rc 2 "callstat -x"
check "callstat -x: Try 'callstat --help'" has err "Try 'callstat --help'"
run callstat kpi -c callstat.conf -d ex.db --by service,month --csv
check_rc 0 "callstat kpi ..."
check "callstat kpi ... = callstat-kpi ..." cmp -s out kpi.csv
run callstat-calls -c callstat.conf -d ex.db --all-hours --csv
cp out calls.csv
run callstat calls -c callstat.conf -d ex.db --all-hours --csv
check_rc 0 "callstat calls ..."
check "callstat calls ... = callstat-calls ..." cmp -s out calls.csv
run callstat kpi -c callstat.conf -d ex.db --by nonsense
check_rc 2 "callstat kpi --by nonsense passes the tool's status"
check "callstat kpi --by nonsense: the tool's message" has err "callstat-kpi:"
run callstat kpi -c callstat.conf -d nosuch.db
check_rc 1 "callstat kpi on a missing database passes the tool's status"
run callstat kpi --version
check "callstat kpi --version is callstat-kpi's" grep -q "^callstat-kpi " out
run callstat import -c callstat.conf -d front.db "$EX/Master.csv" "$EX/queue_log"
check_rc 0 "callstat import ..."
run callstat-kpi -c callstat.conf -d front.db --by service,month --csv
check "callstat import gives the expected figures" same_numbers "$EX/expected_kpi.csv" out

# --- the environment: CALLSTAT_DB, CALLSTAT_CONFIG -------------------------------
run env CALLSTAT_DB=ex.db CALLSTAT_CONFIG=callstat.conf callstat-kpi --by service,month --csv
check_rc 0 "kpi with CALLSTAT_DB and CALLSTAT_CONFIG"
check "CALLSTAT_DB and CALLSTAT_CONFIG are used" cmp -s out kpi.csv

# --- formats -----------------------------------------------------------------------
run callstat-kpi -c callstat.conf -d ex.db --by service,month --json
check_rc 0 "kpi --json"
cp out kpi.json
if command -v python3 > /dev/null 2>&1; then
	check "kpi --json parses" python3 -c 'import json,sys; json.load(sys.stdin)' < kpi.json
	# every value of expected_kpi.csv, empty ones as null
	check "kpi --json has expected_kpi.csv's values, null for empty ones" python3 -c '
import csv, json, sys
want = list(csv.DictReader(open(sys.argv[1])))
got = json.load(open(sys.argv[2]))
bad = 0
if not isinstance(got, list) or len(got) != len(want):
    print("got", type(got).__name__, len(got), "want a list of", len(want)); sys.exit(1)
for w, g in zip(want, got):
    if list(g.keys()) != list(w.keys()):
        print("keys", list(g.keys()), "want", list(w.keys())); bad = 1; continue
    for k, v in w.items():
        x = g[k]
        if k in ("service", "period"):
            ok = x == v
        elif v == "":
            ok = x is None
        else:
            ok = isinstance(x, (int, float)) and not isinstance(x, bool) and x == float(v)
        if not ok:
            print(w["service"], w["period"], k, "got", repr(x), "want", repr(v)); bad = 1
sys.exit(bad)' "$EX/expected_kpi.csv" kpi.json
else
	check "kpi --json is an array" grep -q '^\[' kpi.json
	check "kpi --json has null for an empty value" grep -q '"abandon_wait": *null' kpi.json
fi
check "kpi --json: accueil 2025-02 has no abandon_wait (null)" \
	awk '/"service": *"accueil"/ { a = 1 } /"period": *"2025-02"/ && a { p = 1 }
	     p && /"abandon_wait"/ { ok = /null/; exit } END { exit !ok }' kpi.json
check "kpi --json never writes an empty string for a number" sh -c '! grep -q "\"\"" kpi.json'

run callstat-kpi -c callstat.conf -d ex.db --by service,month --tsv
check_rc 0 "kpi --tsv"
check "kpi --tsv: tab-separated, same fields as the CSV" \
	sh -c 'tr "\t" "," < out | cmp -s - kpi.csv'
check "kpi --tsv: 32 fields on each line" \
	awk -F'\t' 'NF != 32 { bad = 1 } END { exit bad }' out

run callstat-kpi -c callstat.conf -d ex.db --by service,month --csv -o written.csv
check_rc 0 "kpi -o FILE"
check "kpi -o FILE: nothing on stdout" [ ! -s out ]
check "kpi -o FILE writes the CSV to FILE" cmp -s written.csv kpi.csv
run callstat-kpi -c callstat.conf -d ex.db --by service,month --csv --output written2.csv
check "kpi --output FILE writes the CSV" cmp -s written2.csv kpi.csv

run callstat-kpi -c callstat.conf -d ex.db --by service,month --figures all
check_rc 0 "kpi as a table"
check "table: service_level is named with its T (20 s), on the line under" \
	sh -c 'head -2 out | tail -1 | grep -qE "^ +\(20 s\)\$"'
check "table: accueil 2025-03 answer_rate 4/7 as a percentage" \
	grep -qE '^accueil +2025-03 +7 +4 +57\.1 %' out
check "table: an empty value is a dash" grep -q '—' out

# --- --from / --to -------------------------------------------------------------------
run callstat-kpi -c callstat.conf -d ex.db --by service,month --csv --from 2025-03
check_rc 0 "kpi --from 2025-03"
cp out from.csv
{ head -1 "$EX/expected_kpi.csv"; grep ',2025-03,' "$EX/expected_kpi.csv"; } > want-march.csv
check "kpi --from 2025-03: only March's rows, as expected" same_numbers want-march.csv from.csv
run callstat-kpi -c callstat.conf -d ex.db --by service,month --csv --to 2025-02
{ head -1 "$EX/expected_kpi.csv"; grep ',2025-02,' "$EX/expected_kpi.csv"; } > want-feb.csv
check "kpi --to 2025-02: only February's rows, as expected" same_numbers want-feb.csv out
run callstat-kpi -c callstat.conf -d ex.db --by service,month --csv --from 2025 --to 2025
check "kpi --from 2025 --to 2025: every row" same_numbers "$EX/expected_kpi.csv" out
run callstat-kpi -c callstat.conf -d ex.db --by service,month --csv --from 2025-04
check_rc 0 "kpi --from 2025-04 (no call)"
check "kpi --from 2025-04: the header only" nrows out 0
# one day: Tue 4 March holds call 3 (out of hours) and call 4 (escalated, agent)
run callstat-kpi -c callstat.conf -d ex.db --csv --from 2025-03-04 --to 2025-03-04
check_rc 0 "kpi on 2025-03-04"
cp out day.csv
check "2025-03-04: one row" nrows day.csv 1
check "2025-03-04: accueil is call 4" row day.csv accueil \
	offered=1 answered=1 agent=1 bot=0 needed_agent=1 asa=2 wait_p50=2 \
	human_wait_p90=18 talk=252 bot_sessions=1 escalated=1 escalation_rate=1 \
	containment_rate=0 containment_24h=0 escalation_answer_rate=1 repeat_24h=1 \
	lost=0 callback_2h= callback_24h= abandon_wait=
# 12 Feb to 3 March: call 2 only
run callstat-kpi -c callstat.conf -d ex.db --csv --from 2025-02-12 --to 2025-03-03
check "12 Feb - 3 Mar: one row" nrows out 1
cp out span.csv
check "12 Feb - 3 Mar: urbanisme, call 2" row span.csv urbanisme offered=1 agent=1 asa=18 talk=222

# --- --service ------------------------------------------------------------------------
run callstat-kpi -c callstat.conf -d ex.db --by service,month --csv --service urbanisme
check_rc 0 "kpi --service urbanisme"
{ head -1 "$EX/expected_kpi.csv"; grep '^urbanisme,' "$EX/expected_kpi.csv"; } > want-urba.csv
check "kpi --service urbanisme: its rows only, as expected" same_numbers want-urba.csv out
run callstat-kpi -c callstat.conf -d ex.db --by service,month --csv -s accueil
{ head -1 "$EX/expected_kpi.csv"; grep '^accueil,' "$EX/expected_kpi.csv"; } > want-acc.csv
check "kpi -s accueil: its rows only, as expected" same_numbers want-acc.csv out

# --- --all-hours: calls 3 and 18 (bot, out of hours) join accueil in March -------
run callstat-kpi -c callstat.conf -d ex.db --by service,month --csv --all-hours
check_rc 0 "kpi --all-hours"
cp out all.csv
check "all hours: 4 rows" nrows all.csv 4
# C = {3, 4, 5, 8, 9, 11, 12, 17, 18}; waits 1 2 1 1 9 1; bot sessions
# {3, 4, 5, 11, 17, 18}; repeats {4, 9, 11, 18}; bot calls not called again
# within 24 h: {11, 18} (3 -> 4 after 1 h 30, 5 -> 6 after 22 h 50)
check "all hours: accueil 2025-03" row all.csv accueil,2025-03 \
	offered=9 answered=6 answer_rate=6/9 needed_agent=5 agent=2 bot=4 \
	abandoned=1 missed=2 voicemail=0 short=1 asa=15/6 wait_p50=1 wait_p90=9 \
	human_wait_p90=18 service_level=6/9 service_level_answered=1 \
	abandon_wait=100 talk=326 bot_sessions=6 escalated=2 escalation_rate=2/6 \
	containment_rate=4/6 containment_24h=2/6 escalation_answer_rate=1/2 \
	repeat_24h=4/9 lost=3 callback_2h=0 callback_24h=1/3
grep -v '^accueil,2025-03,' "$EX/expected_kpi.csv" > want-others.csv
grep -v '^accueil,2025-03,' all.csv > got-others.csv
check "all hours: the other rows have no out-of-hours call: unchanged" \
	same_numbers want-others.csv got-others.csv

# --- --out-of-hours: calls 3 and 18 only --------------------------------------------
run callstat-kpi -c callstat.conf -d ex.db --by service,month --csv --out-of-hours
check_rc 0 "kpi --out-of-hours"
cp out ooh.csv
check "out of hours: one row" nrows ooh.csv 1
# call 18 repeats call 17 (same service, 23 h 30 before); call 3's caller
# called again 1 h 30 later (call 4), call 18's never did
check "out of hours: accueil 2025-03 is calls 3 and 18" row ooh.csv accueil,2025-03 \
	offered=2 answered=2 answer_rate=1 bot=2 agent=0 needed_agent=0 \
	agent_answer_rate= abandoned=0 short=0 asa=1 wait_p50=1 wait_p90=1 \
	human_wait_p90= service_level=1 talk= bot_sessions=2 escalated=0 \
	containment_rate=1 containment_24h=1/2 repeat_24h=1/2 lost=0 callback_2h=

# --- --by ----------------------------------------------------------------------------
run callstat-kpi -c callstat.conf -d ex.db --by month --csv
check_rc 0 "kpi --by month"
cp out month.csv
check "by month: header starts with period" grep -q '^period,offered,' month.csv
check "by month: 2 rows" nrows month.csv 2
# February: calls 1 and 2
check "by month: 2025-02" row month.csv 2025-02 \
	offered=2 answered=2 agent=2 asa=16 wait_p50=14 wait_p90=18 \
	human_wait_p90=18 talk=405/2 abandon_wait= repeat_24h=0 callback_2h=
# March: accueil's 7 + urbanisme's 6; waits 2 1 1 9 (accueil) 31 1 20
# (urbanisme); human waits 18 9 31 15 20; talk 252 400 390 380 250
check "by month: 2025-03 (7 + 6 calls)" row month.csv 2025-03 \
	offered=13 answered=7 answer_rate=7/13 needed_agent=11 agent_answer_rate=5/11 \
	agent=5 bot=2 abandoned=2 abandon_rate=2/13 missed=3 voicemail=1 short=1 \
	asa=65/7 wait_p50=2 wait_p90=31 human_wait_p90=31 service_level=6/13 \
	service_level_answered=6/7 abandon_wait=107/2 talk=1672/5 bot_sessions=5 \
	escalated=3 escalation_rate=3/5 containment_rate=2/5 containment_24h=1/4 \
	escalation_answer_rate=2/3 repeat_24h=4/12 lost=5 callback_2h=1/5 \
	callback_24h=2/5

run callstat-kpi -c callstat.conf -d ex.db --by service --csv
check_rc 0 "kpi --by service"
cp out service.csv
check "by service: header starts with service,offered" grep -q '^service,offered,' service.csv
check "by service: 2 rows" nrows service.csv 2
check "by service: accueil (calls 1 + March)" row service.csv accueil \
	offered=8 answered=5 needed_agent=6 agent=3 bot=2 abandoned=1 missed=2 \
	short=1 asa=27/5 wait_p50=2 wait_p90=14 human_wait_p90=18 \
	service_level=5/8 talk=835/3 repeat_24h=3/8 lost=3 callback_24h=1/3
check "by service: urbanisme (call 2 + March)" row service.csv urbanisme \
	offered=7 answered=4 needed_agent=7 agent=4 abandoned=1 missed=1 \
	voicemail=1 asa=70/4 wait_p50=18 wait_p90=31 human_wait_p90=31 \
	service_level=3/7 service_level_answered=3/4 talk=1242/4 repeat_24h=1/6 \
	containment_24h= callback_2h=1/2
run callstat-kpi -c callstat.conf -d ex.db --csv
check "no --by is --by service" cmp -s out service.csv

run callstat-kpi -c callstat.conf -d ex.db --by year --csv
cp out year.csv
check "by year: one row, 2025, 15 calls" row year.csv 2025 offered=15 answered=9 short=1 talk=2077/7

run callstat-kpi -c callstat.conf -d ex.db --by service,week --csv
check_rc 0 "kpi --by service,week"
cp out week.csv
# Mon 31 March is in ISO week 14 (calls 19 and 20); Sat 29 March in week 13
check "by week: urbanisme 2025-W14 is calls 19 and 20" row week.csv urbanisme,2025-W14 \
	offered=2 agent=1 abandoned=1 repeat_24h=1/2 callback_2h=1
check "by week: accueil 2025-W13 is call 17" row week.csv accueil,2025-W13 \
	offered=1 abandoned=1 escalated=1 callback_2h=0 callback_24h=1
check "by week: accueil 2025-W07 is call 1" row week.csv accueil,2025-W07 offered=1 asa=14

run callstat-kpi -c callstat.conf -d ex.db --by day,service --csv
cp out day2.csv
check "by day: accueil 2025-03-11 is calls 8 and 9, both missed" \
	row day2.csv accueil,2025-03-11 offered=2 missed=2 lost=2 repeat_24h=1/2 callback_24h=0

finish
