# callstat-calls on the worked example: one row per inbound call, as the
# table "The calls" of spec/example/calls.md gives them.
. "$(dirname "$0")/lib.sh"

# ids FILE: the call ids of a calls CSV, space-separated
ids() {
	tail -n +2 "$1" | cut -d, -f1 | tr '\n' ' ' | sed 's/ $//'
}

# is_ids FILE IDS: the calls of FILE are exactly IDS, in this order
is_ids() {
	[ "$(ids "$1")" = "$2" ] || { echo "got:  $(ids "$1")"; echo "want: $2"; return 1; }
}

cd "$T"
cp "$EX/callstat.conf" callstat.conf
run callstat-import -c callstat.conf -d ex.db "$EX/Master.csv" "$EX/queue_log"
check_rc 0 "import the example"

# The 18 inbound calls of calls.md (calls 14 and 16 are staff), by hand:
# id, local start, service, outcome, wait, human_wait, talk, escalated,
# in_hours.  wait is given for agent and bot calls, human_wait and talk
# for agent calls; out-of-hours calls 3 and 18 have their wait in
# parentheses in calls.md.
cat > want.csv <<'EOF'
call,start,service,outcome,wait,human_wait,talk,escalated,in_hours
1739261523.152,2025-02-11 09:12:03,accueil,agent,14,14,183,0,1
1740387900.178,2025-02-24 10:05:00,urbanisme,agent,18,18,222,0,1
1741086000.491,2025-03-04 12:00:00,accueil,bot,1,,,0,0
1741091400.510,2025-03-04 13:30:00,accueil,agent,2,18,252,1,1
1741166100.555,2025-03-05 10:15:00,accueil,bot,1,,,0,1
1741248300.593,2025-03-06 09:05:00,urbanisme,agent,31,31,390,0,1
1741356600.648,2025-03-07 15:10:00,urbanisme,agent,1,15,380,1,1
1741683600.681,2025-03-11 10:00:00,accueil,missed,,,,0,1
1741684800.686,2025-03-11 10:20:00,accueil,missed,,,,0,1
1741767000.715,2025-03-12 09:10:00,accueil,short,,,,0,1
1741767150.717,2025-03-12 09:12:30,accueil,bot,1,,,0,1
1741944600.763,2025-03-14 10:30:00,accueil,agent,9,9,400,0,1
1742292000.827,2025-03-18 11:00:00,urbanisme,missed,,,,0,1
1742377200.873,2025-03-19 10:40:00,urbanisme,voicemail,,,,0,1
1743242400.1020,2025-03-29 11:00:00,accueil,abandoned,,,,1,1
1743327000.1033,2025-03-30 11:30:00,accueil,bot,1,,,0,0
1743408120.1056,2025-03-31 10:02:00,urbanisme,abandoned,,,,0,1
1743410700.1063,2025-03-31 10:45:00,urbanisme,agent,20,20,250,0,1
EOF
all="1739261523.152 1740387900.178 1741086000.491 1741091400.510 1741166100.555 1741248300.593 1741356600.648 1741683600.681 1741684800.686 1741767000.715 1741767150.717 1741944600.763 1742292000.827 1742377200.873 1743242400.1020 1743327000.1033 1743408120.1056 1743410700.1063"
inhours="1739261523.152 1740387900.178 1741091400.510 1741166100.555 1741248300.593 1741356600.648 1741683600.681 1741684800.686 1741767000.715 1741767150.717 1741944600.763 1742292000.827 1742377200.873 1743242400.1020 1743408120.1056 1743410700.1063"

# --- every call, in hours or not ----------------------------------------------------
run callstat-calls -c callstat.conf -d ex.db --all-hours --csv
check_rc 0 "calls --all-hours --csv"
cp out all.csv
check "the header" grep -qx 'call,start,service,outcome,wait,human_wait,talk,escalated,in_hours,caller' all.csv
check "--all-hours: the 18 inbound calls (20 less the staff's 14 and 16)" \
	[ "$(tail -n +2 all.csv | wc -l)" -eq 18 ]
check "--all-hours: in the order they started" is_ids all.csv "$all"
cut -d, -f1-9 all.csv > got.csv
check "--all-hours: every call as calls.md has it" diff want.csv got.csv

# specific rows
check "call 1: accueil, agent, wait 14, human_wait 14, talk 183" \
	grep -q '^1739261523\.152,2025-02-11 09:12:03,accueil,agent,14,14,183,0,1,' all.csv
check "call 4: escalated, human_wait 18 (from the hand-over at 13:31:10)" \
	grep -q '^1741091400\.510,[^,]*,accueil,agent,2,18,252,1,1,' all.csv
check "call 10: short" grep -q '^1741767000\.715,[^,]*,accueil,short,' all.csv
check "call 17: abandoned, escalated" grep -q '^1743242400\.1020,[^,]*,accueil,abandoned,,,,1,1,' all.csv
check "call 18 (after the clocks went forward) starts 2025-03-30 11:30:00" \
	grep -q '^1743327000\.1033,2025-03-30 11:30:00,accueil,bot,1,,,0,0,' all.csv
check "call 2: wait 18 (6 s of welcome + 12 in the queue), talk 222" \
	grep -q '^1740387900\.178,[^,]*,urbanisme,agent,18,18,222,' all.csv
check "call 12: accueil (2101 answered), not urbanisme (its DID)" \
	grep -q '^1741944600\.763,[^,]*,accueil,agent,9,9,400,' all.csv
check "call 14 (outbound, staff) never appears" sh -c '! grep -q "^1742293800\.838," all.csv'
check "call 16 (internal) never appears" sh -c '! grep -q "^1742476800\.900," all.csv'

# caller hashes: the same caller, the same 8 hex digits; another, others
check "callers: the same hash for the same caller, another for another" awk -F, '
	NR == 1 { next }
	{ id[NR] = $1; h[NR] = $10 }
	END {
		# calls.md: 3/4, 5/6, 8/9, 10/11, 17/18, 19/20 share a caller; 7 is withheld
		split("1741086000.491 1741091400.510 1741166100.555 1741248300.593 " \
		    "1741683600.681 1741684800.686 1741767000.715 1741767150.717 " \
		    "1743242400.1020 1743327000.1033 1743408120.1056 1743410700.1063", p, " ")
		for (i = 1; i <= 12; i += 2) same[p[i]] = p[i + 1]
		for (r in id) by[id[r]] = h[r]
		for (a in same) if (by[a] != by[same[a]] || by[a] == "") {
			print a " and " same[a] ": " by[a] " vs " by[same[a]]; bad = 1
		}
		if (by["1741356600.648"] != "") { print "call 7 is withheld: " by["1741356600.648"]; bad = 1 }
		for (r in id) if (h[r] != "") n[h[r]]++
		for (x in n) distinct++
		# 17 calls with a number, 11 callers
		if (distinct != 11) { print distinct " distinct hashes, want 11"; bad = 1 }
		exit bad
	}' all.csv

# --- in hours only (the default) ----------------------------------------------------------
run callstat-calls -c callstat.conf -d ex.db --csv
check_rc 0 "calls --csv"
cp out inhours.csv
check "in hours: 16 calls, the short call 10 included, 3 and 18 left out" \
	is_ids inhours.csv "$inhours"
check "in hours: in_hours is 1 on every row" \
	awk -F, 'NR > 1 && $9 != 1 { bad = 1 } END { exit bad }' inhours.csv

run callstat-calls -c callstat.conf -d ex.db --csv --out-of-hours
check_rc 0 "calls --out-of-hours"
check "out of hours: calls 3 and 18" is_ids out "1741086000.491 1743327000.1033"

# --- --outcome ---------------------------------------------------------------------------
run callstat-calls -c callstat.conf -d ex.db --csv --outcome missed
check_rc 0 "calls --outcome missed"
cp out missed.csv
check "missed: calls 8 and 9 (accueil) and 13 (urbanisme), exactly" \
	is_ids missed.csv "1741683600.681 1741684800.686 1742292000.827"
check "missed: 8 and 9 accueil, 13 urbanisme" \
	[ "$(tail -n +2 missed.csv | cut -d, -f3 | tr '\n' ' ')" = "accueil accueil urbanisme " ]
run callstat-calls -c callstat.conf -d ex.db --csv --outcome abandoned
check "abandoned: calls 17 and 19" is_ids out "1743242400.1020 1743408120.1056"
run callstat-calls -c callstat.conf -d ex.db --csv --outcome voicemail
check "voicemail: call 15" is_ids out "1742377200.873"
run callstat-calls -c callstat.conf -d ex.db --csv --outcome short
check "short: call 10" is_ids out "1741767000.715"
run callstat-calls -c callstat.conf -d ex.db --csv --outcome bot
check "bot, in hours: calls 5 and 11" is_ids out "1741166100.555 1741767150.717"
run callstat-calls -c callstat.conf -d ex.db --csv --outcome bot --all-hours
check "bot, all hours: calls 3, 5, 11 and 18" \
	is_ids out "1741086000.491 1741166100.555 1741767150.717 1743327000.1033"
run callstat-calls -c callstat.conf -d ex.db --csv --outcome agent
check "agent: calls 1, 2, 4, 6, 7, 12 and 20" \
	is_ids out "1739261523.152 1740387900.178 1741091400.510 1741248300.593 1741356600.648 1741944600.763 1743410700.1063"

# --- --service, --from, --to ----------------------------------------------------------------
run callstat-calls -c callstat.conf -d ex.db --csv --service urbanisme
check "urbanisme: calls 2, 6, 7, 13, 15, 19, 20" \
	is_ids out "1740387900.178 1741248300.593 1741356600.648 1742292000.827 1742377200.873 1743408120.1056 1743410700.1063"
run callstat-calls -c callstat.conf -d ex.db --csv -s accueil --outcome missed
check "accueil and missed: calls 8 and 9" is_ids out "1741683600.681 1741684800.686"
run callstat-calls -c callstat.conf -d ex.db --csv --to 2025-02
check "--to 2025-02: calls 1 and 2" is_ids out "1739261523.152 1740387900.178"
run callstat-calls -c callstat.conf -d ex.db --csv --from 2025-03-29 --all-hours
check "--from 2025-03-29, all hours: calls 17 to 20" \
	is_ids out "1743242400.1020 1743327000.1033 1743408120.1056 1743410700.1063"
run callstat-calls -c callstat.conf -d ex.db --csv --from 2025-03-30 --to 2025-03-30
check "30 March in hours: no call (Sunday)" [ "$(wc -l < out)" -eq 1 ]
run callstat-calls -c callstat.conf -d ex.db --csv --from 2025-03-30 --to 2025-03-30 --all-hours
check "30 March, all hours: call 18" is_ids out "1743327000.1033"
run callstat-calls -c callstat.conf -d ex.db --csv -s nosuch
check_rc 1 "calls -s nosuch"

# --- formats ---------------------------------------------------------------------------------
run callstat-calls -c callstat.conf -d ex.db --all-hours --tsv
check "--tsv: the CSV with tabs" sh -c 'tr "\t" "," < out | cmp -s - all.csv'
run callstat-calls -c callstat.conf -d ex.db --all-hours --csv -o calls-out.csv
check_rc 0 "calls -o FILE"
check "calls -o FILE: nothing on stdout" [ ! -s out ]
check "calls -o FILE: the CSV in FILE" cmp -s calls-out.csv all.csv
run callstat-calls -c callstat.conf -d ex.db --all-hours --json
check_rc 0 "calls --json"
cp out all.json
if command -v python3 > /dev/null 2>&1; then
	check "--json: the same calls as want.csv, null for empty values" python3 -c '
import csv, json, sys
want = list(csv.DictReader(open(sys.argv[1])))
got = json.load(open(sys.argv[2]))
bad = 0
if len(got) != len(want):
    print(len(got), "objects, want", len(want)); sys.exit(1)
for w, g in zip(want, got):
    for k, v in w.items():
        x = g.get(k, "missing")
        if k in ("call", "start", "service", "outcome"):
            ok = x == v
        elif v == "":
            ok = x is None
        else:
            ok = isinstance(x, int) and x == int(v)
        if not ok:
            print(w["call"], k, "got", repr(x), "want", repr(v)); bad = 1
    c = g.get("caller")
    if w["call"] == "1741356600.648":
        if c is not None:
            print("call 7: caller", repr(c)); bad = 1
    elif not (isinstance(c, str) and len(c) == 8 and all(ch in "0123456789abcdef" for ch in c)):
        print(w["call"], "caller", repr(c)); bad = 1
sys.exit(bad)' want.csv all.json
else
	check "--json: an array" grep -q '^\[' all.json
	check "--json: call 18's start" grep -q '"2025-03-30 11:30:00"' all.json
fi
run callstat-calls -c callstat.conf -d ex.db --all-hours
check_rc 0 "calls as a table"
check "table: call 18's row" grep -qE '^1743327000\.1033 +2025-03-30 11:30:00 +accueil +bot ' out

finish
