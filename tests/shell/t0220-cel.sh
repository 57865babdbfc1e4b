# Asterisk CEL (asterisk-cel): the testsuite's two CEL files detected and
# read, each call told as the rows Master.csv would have for it; bad lines
# reported with their line while the rest is read; CRLF and a BOM read as
# the plain file.
. "$(dirname "$0")/lib.sh"

D="$SAMPLES/asterisk_cel"
cd "$T"
cp "$EX/callstat.conf" callstat.conf
q() { sqlite3 "$1" "$2"; }

run callstat-import -c callstat.conf -d cel.db "$D/testsuite_CELMaster1.csv" \
    "$D/testsuite_CELMaster2.csv"
check_rc 0 "import the two samples"
check "detected as asterisk-cel" \
	[ "$(q cel.db "SELECT group_concat(DISTINCT format) FROM sources")" = asterisk-cel ]
check "every line read, none rejected" has err "testsuite_CELMaster1.csv: 16 lines read, 1 stored, 0 skipped, 0 rejected"
check "CELMaster2: every line read" has err "testsuite_CELMaster2.csv: 14 lines read, 1 stored, 0 skipped, 0 rejected"
# By hand, CELMaster1: TinCan/string (uniqueid = linkedid 1335310195.0)
# runs Dial(Local/x@default); Local/x@default-1545;1 shows AppDial, so it
# is the party dialled: one row, from the caller's CHAN_START (195.51 s)
# to ;1's HANGUP (213.62 s), answered by ;1's ANSWER (195.53 s).  ;2 runs
# its own dialplan (Answer, Playback): no party A dialled, no row.
check "call 1: one row, Dial to ;1, answered" \
	[ "$(q cel.db "SELECT start, answer, end, lastapp, lastdata, dstchannel, disposition, uniqueid, linkedid FROM cdr WHERE linkedid = '1335310195.0'")" = \
	"1335310195|1335310195|1335310213|Dial|Local/x@default|Local/x@default-1545;1|ANSWERED|1335310195.0|1335310195.0" ]
# CELMaster2: ;1 has no ANSWER, but the caller's BRIDGE_START names it
# (697.65 s): answered then; its HANGUP at 715.22 s ends the row.
check "call 2: answered when bridged" \
	[ "$(q cel.db "SELECT start, answer, end, disposition FROM cdr WHERE linkedid = '1335310697.0'")" = \
	"1335310697|1335310697|1335310715|ANSWERED" ]
check "no queue: no queue_log line" [ "$(q cel.db "SELECT count(*) FROM queue_log")" = 0 ]
# the calls: no caller ID (an outside caller), a person answered at once,
# 18 s of talk each
check "two calls, answered by a person, no wait, 18 s of talk" \
	[ "$(q cel.db "SELECT group_concat(direction || ' ' || outcome || ' ' || wait || ' ' || talk, ', ') FROM (SELECT * FROM calls ORDER BY start)")" = \
	"inbound agent 0 18, inbound agent 0 18" ]

# the same lines with CRLF, and with a BOM: the same rows
sed 's/$/\r/' "$D/testsuite_CELMaster1.csv" > crlf.csv
printf '\357\273\277' > bom.csv
cat "$D/testsuite_CELMaster1.csv" >> bom.csv
for f in crlf bom; do
	run callstat-import -c callstat.conf -d $f.db $f.csv
	check_rc 0 "$f: imported"
	check "$f: none rejected" has err "$f.csv: 16 lines read, 1 stored, 0 skipped, 0 rejected"
	check "$f: the same row" [ "$(q $f.db "SELECT start, answer, end, dstchannel FROM cdr")" = \
	    "$(q cel.db "SELECT start, answer, end, dstchannel FROM cdr WHERE linkedid = '1335310195.0'")" ]
done

# local stamps (cel.conf's dateformat) in the hour repeated when summer
# time ends: CELMaster1's call moved to 2025-10-26 02:30:00 Paris, the
# earlier instant (summer time, UTC+2: 00:30Z = 1761438600) and flagged
# (kpi.md); at 04:00 (winter time, UTC+1: 03:00Z = 1761447600), not
# flagged
# local H:M FILE: CELMaster1 with its times as local stamps from H:M:00
local_cel() {
	awk -F'","' -v OFS='","' -v hm="$1" '{
		split($2, t, "."); s = t[1] - 1335310195
		$2 = sprintf("2025-10-26 %s:%02d.%s", hm, s, t[2]); print }' \
	    "$D/testsuite_CELMaster1.csv" > "$2"
}
local_cel 02:30 twice.csv
local_cel 04:00 once.csv
check "the stamps made" grep -q '"ANSWER","2025-10-26 02:30:00.526390"' twice.csv
for f in twice once; do
	run callstat-import -c callstat.conf -d $f.db --format asterisk-cel $f.csv
	check_rc 0 "$f: imported"
done
check "02:30 in the repeated hour: the earlier instant, flagged" \
	[ "$(q twice.db "SELECT start, flags FROM cdr")|$(q twice.db "SELECT start, flags & 1 FROM calls")" = \
	"1761438600|1|1761438600|1" ]
check "04:00: not flagged" \
	[ "$(q once.db "SELECT start, flags FROM cdr")|$(q once.db "SELECT start, flags & 1 FROM calls")" = \
	"1761447600|0|1761447600|0" ]
check "epoch stamps: not flagged" [ "$(q cel.db "SELECT count(*) FROM cdr WHERE flags != 0")" = 0 ]

# bad lines: FILE:LINE: reason, the rest read
{
	sed -n 1,3p "$D/testsuite_CELMaster1.csv"
	sed -n 4p "$D/testsuite_CELMaster1.csv" | cut -c1-70
	sed -n 5p "$D/testsuite_CELMaster1.csv" | sed 's/,""$//'
	printf '\001\002\003garbage\377\n'
	sed -n 6p "$D/testsuite_CELMaster1.csv" | sed 's/^"ANSWER"/"no such"/'
	sed -n 7p "$D/testsuite_CELMaster1.csv" | sed 's/"1335310195.531291"/"soon"/'
	sed -n '8,$p' "$D/testsuite_CELMaster1.csv"
} > bad.csv
run callstat-import -c callstat.conf -d bad.db --format asterisk-cel bad.csv
check_rc 1 "bad lines: exit 1"
check "a truncated line: said" has err "bad.csv:4: unterminated quoted field"
check "19 fields: said" has err "bad.csv:5: expected 20 fields (cel_custom's legacy mapping), found 19"
check "binary garbage: said" grep -q "bad.csv:6: " err
check "not an event's name: said" has err "bad.csv:7: eventtype is not an event's name in capitals, digits and '_': 'no such'"
check "a bad time: said" has err "bad.csv:8: eventtime is neither epoch.usec nor YYYY-MM-DD HH:MM:SS: 'soon'"
check "5 rejected, the rest read" has err "bad.csv: 17 lines read, 1 stored, 0 skipped, 5 rejected"
check "the call still told" [ "$(q bad.db "SELECT count(*) FROM cdr")" = 1 ]
finish
