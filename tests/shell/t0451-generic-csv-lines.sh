# generic-csv, line by line: what each row of tests/data/generic/hosted.csv
# became (calls, outcomes, waits), and damaged input: a truncated line, a
# wrong field count, binary garbage, an unknown value, CRLF, a BOM, a
# section that is missing or does not fit the file.
. "$(dirname "$0")/lib.sh"

G="$CS_TOP/tests/data/generic"
cd "$T"
cp "$G/hosted.conf" callstat.conf
cp "$G/hosted.csv" hosted.csv

imp() {
	run callstat-import -c callstat.conf -d "$1" --format generic-csv:hosted "$2"
}

imp h.db hosted.csv
check_rc 0 "import hosted.csv"
# 7 lines: the header and 6 rows, a record each (h1, h2, h3, h5 have a
# queue: the caller entering it and how it left are kept in their row)
check "7 lines, 6 rows stored" has err "hosted.csv: 7 lines read, 6 stored, 0 skipped, 0 rejected"
run callstat-calls -c callstat.conf -d h.db --all-hours --csv
# by hand, from the rows (Europe/Paris, UTC+1 in March):
# h1 answered by 2101 in queue accueil 20 s after it started, ended 180 s
#    after the answer: agent, wait 20, talk 180
# h2 in queue accueil, the caller hung up after 45 s: abandoned
# h3 epoch 1741082400 (10:00Z, 11:00 local), queue urbanisme, timeout:
#    missed; withheld ("anonymous"): no caller hash
# h4 direct line 2205 (did 0199002205: urbanisme) unanswered after 25 s
#    (under dial_timeout 30), then the voicemail box: voicemail
# h5 queue urbanisme with no agent: missed
cat > want.csv <<'WANT'
call,start,service,outcome,wait,human_wait,talk,escalated,in_hours
h1,2025-03-04 09:00:00,accueil,agent,20,20,180,0,1
h2,2025-03-04 10:00:00,accueil,abandoned,,,,0,1
h3,2025-03-04 11:00:00,urbanisme,missed,,,,0,1
h4,2025-03-04 11:00:00,urbanisme,voicemail,,,,0,1
h5,2025-03-04 14:00:00,urbanisme,missed,,,,0,1
WANT
cp out calls.csv
cut -d, -f1-9 calls.csv > got.csv
check "each call as worked out by hand" cmp want.csv got.csv
check "h3 withheld: no caller" sh -c 'grep "^h3," calls.csv | grep -q ",\$"'
check "the others have a caller hash" sh -c '[ "$(grep -c ",[0-9a-f]\{8\}\$" calls.csv)" -eq 4 ]'
check "no number stored in clear" sh -c '! sqlite3 h.db "SELECT * FROM generic_csv" | grep -q 06399801'

# --- a database of callstat 0.1: a leg's queue events in rows of their own ---
# (kind: 1 + the event's kind, at its time, keyed by the leg's key with
# its top bit and low 3 bits cleared, plus the kind): rebuilt, the same calls
cp h.db old.db
cp h.db.key old.db.key
sqlite3 old.db "
INSERT INTO generic_csv(start, rhash, source, line, kind, at, answer, end,
    duration, call_id, caller, src, dialled, destination, queue, sip_call_id,
    target, ended, wait)
  SELECT start, (rhash & ~(7 | (1 << 63))) + 2, source, line, 2, start,
    answer, end, duration, call_id, caller, src, dialled, destination, queue,
    sip_call_id, target, ended, NULL FROM generic_csv WHERE qexit IS NOT NULL
  UNION ALL
  SELECT start, (rhash & ~(7 | (1 << 63))) + qexit, source, line, qexit, at,
    answer, end, duration, call_id, caller, src, dialled, destination, queue,
    sip_call_id, target, ended, wait FROM generic_csv WHERE qexit > 1;
UPDATE generic_csv SET qexit = NULL;"
check "old rows: 4 queues entered, 4 left" [ "$(sqlite3 old.db "SELECT count(*) FROM generic_csv WHERE kind = 2") $(sqlite3 old.db "SELECT count(*) FROM generic_csv WHERE kind > 2")" = "4 4" ]
sed 's/^short_abandon = 5$/short_abandon = 4/' callstat.conf > other.conf
run callstat-kpi -c other.conf -d old.db
check_rc 0 "old rows: rebuilt with another configuration"
run callstat-calls -c callstat.conf -d old.db --all-hours --csv
check_rc 0 "old rows: rebuilt back"
cut -d, -f1-9 out > old.csv
check "old rows: the same calls" cmp want.csv old.csv

# --- a file that grew: its new rows read with the header read again ---
head -n 4 hosted.csv > grows.csv
imp g.db grows.csv
check "the first 3 rows: 3 stored" has err "grows.csv: 4 lines read, 3 stored, 0 skipped, 0 rejected"
tail -n 3 hosted.csv >> grows.csv
imp g.db grows.csv
check "grown: its 3 new rows, h4 twice and h5" has err "grows.csv: 3 lines read (new since the last import), 3 stored, 0 skipped, 0 rejected"
run callstat-calls -c callstat.conf -d g.db --all-hours --csv
cut -d, -f1-9 out > grown.csv
check "grown: the same calls as the whole file" cmp want.csv grown.csv

# --- damaged lines: each rejected with its line, the rest read ---
{
	cat hosted.csv
	# 8: cut short
	echo 'x1;2025-03-04 09:00:00;;2025-03-04 09:01'
	# 9: a value no key names, in column 11
	echo 'x2;2025-03-04 09:00:00;;2025-03-04 09:01:00;;;;;;;dropped'
	# 10: binary garbage
	printf '\001\377\376binary\001junk\377\n'
	# 11: an unterminated quote
	echo 'x3;"2025-03-04 09:00:00;;2025-03-04 09:01:00;;;;;;;'
	# 12: a good row after them
	echo 'x4;2025-03-04 15:00:00;2025-03-04 15:00:10;2025-03-04 15:02:10;0639980106;;0199000100;2102;accueil;agent;answered'
	# 13: the last line, no line end
	printf 'x5;2025-03-04 16:00:00'
} > bad.csv
imp bad.db bad.csv
check_rc 1 "damaged lines: exit 1"
check "cut short: line 8" has err "bad.csv:8: expected at least 11 fields, found 4"
check "unknown value: line 9, column 11" has err "bad.csv:9:11: disposition 'dropped' (column 11, Result) is no value"
check "binary: line 10" has err "bad.csv:10: binary data in line (byte 0x01 at column 1)"
check "unterminated quote: line 11" has err "bad.csv:11:4: unterminated quoted field 2"
check "no line end: line 13" has err "bad.csv:13: line has no line end"
check "13 lines, the good ones stored (6 + 1)" has err "bad.csv: 13 lines read, 7 stored, 0 skipped, 5 rejected"

# --- CRLF and a BOM: the same records ---
{ printf '\357\273\277'; sed 's/$/\r/' hosted.csv; } > bomcrlf.csv
imp h.db bomcrlf.csv
check_rc 0 "BOM + CRLF"
check "BOM + CRLF: the same records, all skipped" has err "bomcrlf.csv: 7 lines read, 0 stored, 6 skipped, 0 rejected"
# in Windows-1252, with --encoding
sed 's/Dupont; Marie/Dupont; M\xe9lanie \x80/' hosted.csv > cp1252.csv
run callstat-import -c callstat.conf -d enc.db --encoding cp1252 --format generic-csv:hosted cp1252.csv
check_rc 0 "a cp1252 export with --encoding cp1252"

# --- the section: missing, not named, not fitting ---
run callstat-import -c callstat.conf -d x.db --format generic-csv hosted.csv
check_rc 2 "--format generic-csv without a section: usage error"
check "says how" has err "--format generic-csv:NAME"
run callstat-import -c callstat.conf -d x.db --format generic-csv:nosuch hosted.csv
check_rc 1 "no such section"
check "names it" has err "no [format nosuch] section"
check "refused before the database is made" [ ! -e x.db ]
printf '[format nocall]\nheader = yes\nstart = Started\nend = Ended\n' > bad.conf
sed -n '/^\[format nocall\]/q;p' callstat.conf > base.conf
cat base.conf bad.conf > nocall.conf
run callstat-import -c nocall.conf -d y.db --format generic-csv:nocall hosted.csv
check_rc 1 "a section without call_id"
check "says so" has err "[format nocall] names no call_id column"
check "and makes no database" [ ! -e y.db ]
run callstat-import -c callstat.conf -d x.db --format asterisk-cdr:hosted hosted.csv
check_rc 2 "asterisk-cdr takes no section"
# the numbered section reads this header as a row: its columns are numbers
printf 'Call ID;Started;Ended\nx;2025-03-04 09:00:00;2025-03-04 09:01:00\n' > other.csv
imp o.db other.csv
check_rc 1 "a header that lacks a column"
check "the header says which" has err "other.csv:1: the header has no column 'Answered' (answer)"
check "its rows refused" has err "other.csv: 2 lines read, 0 stored, 0 skipped, 2 rejected"
# without --format, a generic CSV is no format callstat knows
run callstat-import -c callstat.conf -d x.db hosted.csv
check_rc 1 "not detected from content"
check "says to name the format" has err "name the format with --format"

# --- the configuration's keys ---
printf '[format f]\nanswered = x\n' > k1.conf
run callstat-import -c k1.conf -d k.db --format generic-csv:f hosted.csv
check_rc 1 "an unknown key"
check "names it" has err "unknown key 'answered' in [format f]"
printf '[format f]\nheader = maybe\n' > k2.conf
run callstat-import -c k2.conf -d k.db --format generic-csv:f hosted.csv
check_rc 1 "header = maybe"
check "says what it takes" has err "header must be yes or no"
printf '[format f]\ncall_id = id\nstart = at\n' > k3.conf
run callstat-import -c k3.conf -d k.db --format generic-csv:f hosted.csv
check_rc 1 "no end, no duration"
check "says so" has err "names neither an end nor a duration column"

# --- a purge counts the same records, new rows or callstat 0.1's: 6 legs,
# and h1, h2, h3 and h5 each entering its queue and leaving it (8 events) ---
for d in h old; do
	run callstat-purge -c callstat.conf -d $d.db --before 2025-03-05
	check_rc 0 "purge $d.db"
	check "$d.db: 6 legs, 8 queue events, 5 calls purged" has out "6 legs, 8 queue events, 5 calls"
done
finish
