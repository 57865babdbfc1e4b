# FreeSWITCH mod_cdr_csv (freeswitch-cdr): the samples and callstat's own
# fixtures detected, read, and what each line became (calls, outcomes,
# waits, worked out by hand below); a caller's name holding quotes and
# commas; bad lines reported with their line, the rest of the file read;
# BOM and CRLF.
. "$(dirname "$0")/lib.sh"

FS="$SAMPLES/freeswitch_cdr_csv"
FX="$CS_TOP/tests/data/freeswitch"
cd "$T"
cp "$CS_TOP/tests/data/synth-town.conf" callstat.conf
q() { sqlite3 "$1" "$2"; }
calls() { run callstat-calls -c callstat.conf -d "$1" --all-hours --csv; cut -d, -f2- out | tail -n +2; }

# ---- the samples: the example template ----
run callstat-import -c callstat.conf -d s.db "$FS/signalwire_docs_example_template_2014.csv" \
    "$FS/rpimaker_basic_example_template_2023.csv" "$FS/rpimaker_callcenter_a_and_b_legs_2023.csv"
check_rc 0 "import the samples"
check "no sample line rejected" sh -c "! grep -v ' 0 rejected' '$T/err' | grep -q ."
check "detected as freeswitch-cdr" [ "$(q s.db "SELECT group_concat(DISTINCT format) FROM sources")" = freeswitch-cdr ]
check "9 legs, one row each" [ "$(q s.db "SELECT count(*) FROM fs_cdr")" = 9 ]
check "the example template (15 fields)" [ "$(q s.db "SELECT group_concat(DISTINCT template) FROM fs_cdr")" = 15 ]
# By hand (stamps local, Europe/Paris: UTC+2 in May and October):
# - 2014: five attempts from 9007 and 9008 (not the town's staff, so
#   inbound), never answered, 0 s: five calls, short (0 s <= 5 s);
# - basic 2023: "spypi" to *1001, start 23:24:01, answered 23:24:03, end
#   23:24:11: wait 2 s, talk 8 s; 1001 -> 1002 is staff calling staff
#   (ext:1000-2999): internal, not listed;
# - callcenter: two legs, one call (the member's bleg_uuid names the agent's
#   leg); the example template has no cc_* variables, so the member's leg,
#   answered by FreeSWITCH at 08:43:13, counts as the answer and as a human
#   leg: wait 0, talk the sum over the two human legs, the member's 9 s
#   (08:43:13 to 08:43:22) and the agent's 4 s (08:43:18 to 08:43:22),
#   13 s - the queue's answer passes for a person's, which is why
#   callstat-import(1) recommends its template.
calls s.db > got
cat > want <<'W'
2014-05-29 16:59:50,other,short,,,,0,1
2014-05-29 17:01:32,other,short,,,,0,1
2014-05-29 17:01:33,other,short,,,,0,1
2014-05-29 17:01:33,other,short,,,,0,1
2014-05-29 17:01:34,other,short,,,,0,1
2023-10-10 23:24:01,other,agent,2,2,8,0,1
2023-10-11 08:43:13,other,agent,0,0,13,0,1
W
cut -d, -f1-8 got > got8
check "what each sample line became" cmp want got8
check "callers hashed" sh -c "! strings s.db* | grep -q '91342657\|19083426\|0034688886392'"

# ---- callstat's recommended template (27 fields) and the sql one ----
run callstat-import -c callstat.conf -d r.db "$FX/recommended.csv" "$FX/sql.csv"
check_rc 0 "import the recommended and sql fixtures"
check "recommended: 6 lines, 6 legs stored" \
    has err "recommended.csv: 6 lines read, 6 stored, 0 skipped, 0 rejected"
# each member's leg holds its entering and leaving the queue (flags: 2)
check "3 queue members: each entering and leaving its queue" \
    [ "$(q r.db "SELECT count(*) FROM fs_cdr WHERE flags & 2") $(q r.db "SELECT count(*) FROM fs_queue")" = "3 0" ]
check "sql: 2 lines, 2 rows" has err "sql.csv: 2 lines read, 2 stored, 0 skipped, 0 rejected"
check "a caller's name with '\",\"' in it kept whole" \
    [ "$(q r.db "SELECT count(*) FROM fs_cdr WHERE template = 27")" = 6 ]
# By hand (2025-03-04 is day 20151, 1741046400; 09:00 local is 08:00Z,
# 1741075200):
# 1. accueil: joined 09:00:05, an agent (2101) answered 09:00:25
#    (1741075225), hung up 09:03:00: agent, wait 25 s from the call's
#    start, talk 155 s;
# 2. etat-civil: joined 09:10:04, cancelled BREAK_OUT at 09:11:00:
#    abandoned (60 s > short_abandon 5 s);
# 3. urbanisme: cancelled TIMEOUT at 09:22:05: missed;
# 4. etat-civil's direct line 0199002301, the B-leg to 2301 (its
#    originating_leg_uuid names the A-leg) answered 09:30:12: agent, wait
#    12 s, talk 108 s, service by the extension (ext:2300-2399);
# 5. sql, epochs: 10:00:00 to 10:00:30 to 0199000400, answer_epoch 0:
#    unanswered for 30 s >= dial_timeout 30: missed, scolaire by its DID;
# 6. sql, the name 'Ro"se", "x' split in two by the template's '", "':
#    to 2401 answered 10:05:04, end 10:06:04: agent, wait 4, talk 60.
calls r.db > got
cut -d, -f1-8 got > got8
cat > want <<'W'
2025-03-04 09:00:00,accueil,agent,25,25,155,0,1
2025-03-04 09:10:00,etat-civil,abandoned,,,,0,1
2025-03-04 09:20:00,urbanisme,missed,,,,0,1
2025-03-04 09:30:00,etat-civil,agent,12,12,108,0,1
2025-03-04 10:00:00,scolaire,missed,,,,0,1
2025-03-04 10:05:00,scolaire,agent,4,4,60,0,1
W
check "what each fixture line became" cmp want got8
check "no caller's number in clear" sh -c "! strings r.db* | grep -q '0639980'"
check "the queue wait mod_callcenter logged" \
    [ "$(q r.db "SELECT cc_answered - cc_joined FROM fs_cdr WHERE flags & 2 AND cc_answered IS NOT NULL")" = 20 ]

# ---- a database of callstat 0.1: the members' queue events in fs_queue ----
# (entering at cc_joined keyed by the line's digest, leaving when answered,
# else cancelled, else at the leg's end, keyed one more): rebuilt, the
# same calls
cp r.db old.db
cp r.db.key old.db.key
sqlite3 old.db "
INSERT INTO fs_queue(time, rhash, source, line, part, caller, call, cc_queue,
    cc_agent, cc_joined, cc_answered, cc_cancel_reason)
  SELECT cc_joined, rhash, source, line, 1, caller,
    CASE WHEN ifnull(originating_leg_uuid, '') <> '' THEN originating_leg_uuid
    ELSE uuid END, cc_queue, cc_agent, cc_joined, cc_answered,
    cc_cancel_reason FROM fs_cdr WHERE flags & 2
  UNION ALL
  SELECT coalesce(cc_answered, cc_canceled, end), rhash + 1, source, line, 2,
    caller, CASE WHEN ifnull(originating_leg_uuid, '') <> ''
    THEN originating_leg_uuid ELSE uuid END, cc_queue, cc_agent, cc_joined,
    cc_answered, cc_cancel_reason FROM fs_cdr WHERE flags & 2;
UPDATE fs_cdr SET flags = flags & ~2;"
check "old rows: 3 members, 6 events" [ "$(q old.db "SELECT count(*) FROM fs_queue") $(q old.db "SELECT count(*) FROM fs_cdr WHERE flags & 2")" = "6 0" ]
sed 's/^short_abandon = 5$/short_abandon = 4/' callstat.conf > other.conf
run callstat-kpi -c other.conf -d old.db
check_rc 0 "old rows: rebuilt with another configuration"
calls old.db > gotold
cut -d, -f1-8 gotold > gotold8
check "old rows: the same calls" cmp want gotold8

# ---- a purge deletes FreeSWITCH's records with the calls ----
run callstat-kpi -c callstat.conf -d r.db --by service --csv --all-hours
cp out before-purge.csv
run callstat-purge -c callstat.conf -d r.db --before 2025-03-05
check_rc 0 "purge the fixtures' day"
# 8 lines, 8 legs; 3 queue members, each entering and leaving: 6 events
check "the legs and the members' queue events counted" \
    has out "8 legs, 6 queue events, 6 calls"
check "no FreeSWITCH record left" [ "$(q r.db "SELECT count(*) FROM fs_cdr") $(q r.db "SELECT count(*) FROM fs_queue")" = "0 0" ]
run callstat-kpi -c callstat.conf -d r.db --by service --csv --all-hours
check "the figures stay" cmp before-purge.csv out

# ---- the same in UTC stamps: --times utc moves the stamps, not epochs ----
run callstat-import -c callstat.conf -d u.db --times utc "$FX/sql.csv"
check_rc 0 "import in UTC"
check "epochs are UTC whatever --times says" \
    [ "$(q u.db "SELECT start FROM fs_cdr ORDER BY start LIMIT 1")" = 1741078800 ]
check "stamps read as UTC" \
    [ "$(q u.db "SELECT start FROM fs_cdr ORDER BY start DESC LIMIT 1")" = 1741082700 ]

# ---- BOM and CRLF ----
printf '\357\273\277' > bom.csv
sed 's/$/\r/' "$FS/rpimaker_basic_example_template_2023.csv" >> bom.csv
run callstat-import -c callstat.conf -d b.db bom.csv
check_rc 0 "BOM and CRLF"
check "BOM, CRLF: 2 lines stored" has err "bom.csv: 2 lines read, 2 stored, 0 skipped, 0 rejected"
check "BOM, CRLF: detected" [ "$(q b.db "SELECT format FROM sources")" = freeswitch-cdr ]

# ---- bad lines: each said with its line, the rest read ----
L=$(sed -n 1p "$FS/rpimaker_basic_example_template_2023.csv")
{
	echo "$L"
	echo "$L" | cut -c1-60
	echo "$L" | sed 's/,"PCMU","PCMU"$//'
	printf '"\001\002garbage\377"\n'
	echo "$L" | sed 's/"10","8"/"ten","8"/'
	echo "$L" | sed 's/"2023-10-10 23:24:01"/"2023-13-10 23:24:01"/'
	echo "$L" | sed 's/"eb1e406c-8871-4d69-9631-e7130f7ae390"/""/'
	sed -n 2p "$FS/rpimaker_basic_example_template_2023.csv"
} > bad.csv
run callstat-import -c callstat.conf -d x.db --format freeswitch-cdr bad.csv
check_rc 1 "bad lines: exit 1"
check "the good lines stored" has err "bad.csv: 8 lines read, 2 stored, 0 skipped, 6 rejected"
check "a truncated line" grep -q "bad.csv:2: \(not a mod_cdr_csv record\|expected 15 fields like the first record of this file, found 5\)" err
check "too few fields" has err "bad.csv:3: expected 15 fields like the first record of this file, found 13"
check "binary garbage" grep -q "bad.csv:4: .*control\|bad.csv:4: .*binary" err
check "a duration that is no number" has err "bad.csv:5: duration is not a number: 'ten'"
check "a bad stamp" has err "bad.csv:6: start_stamp is not a date and time"
check "no uuid" has err "bad.csv:7: uuid is empty"
check "a first line of no template" sh -c "echo '\"a\",\"b\",\"c\"' > one.csv"
run callstat-import -c callstat.conf -d y.db --format freeswitch-cdr one.csv
check "13, 15 or 27 fields" has err "one.csv:1: expected 13 (the sql or default template), 15 (example) or 27 (callstat's template) fields, found 3"

finish
