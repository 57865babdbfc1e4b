# Cisco Unified CM CDR flat files (cucm-cdr): the samples and the
# hand-made file detected and read, what each row became (calls,
# outcomes, waits worked out by hand below); the two header rows, a file
# that grew read with its names' row again, a file before 8.0 (no
# huntPilotDN), bad rows named with their line, the same records again or
# under another name stored once, CRLF and a BOM.
. "$(dirname "$0")/lib.sh"

S="$SAMPLES/cisco_cucm_cdr"
H="$CS_TOP/tests/data/cucm/handmade.csv"
cd "$T"
cp "$CS_TOP/tests/data/cucm/town.conf" callstat.conf
q() { sqlite3 "$1" "$2"; }
imp() { db=$1; shift; run callstat-import -c callstat.conf -d "$db" "$@"; }
calls() { run callstat-calls -c callstat.conf -d "$1" --all-hours --csv; cut -d, -f1-9 out | tail -n +2; }

# ---- the samples ----
# the CMR sample (rejoined): names, types, two CMRs: no call
for fmt in "" "--format cucm-cdr"; do
	imp s${fmt:+f}.db $fmt "$S/cmr_doc_sample_rejoined.csv"
	check_rc 0 "the CMR sample ${fmt:-detected}"
	check "CMRs: 4 lines, no call" has err "cmr_doc_sample_rejoined.csv: 4 lines read, 0 stored, 0 skipped, 0 rejected"
done
check "detected as cucm-cdr" [ "$(q s.db "SELECT group_concat(DISTINCT format) FROM sources")" = cucm-cdr ]
# paStash's header alone: its names row, detected by it
imp p.db "$S/pastash_issue70_cucm_cdr_header_row1_partial.csv"
check_rc 0 "the paStash header row"
check "a header: 1 line, nothing stored" has err "header_row1_partial.csv: 1 lines read, 0 stored, 0 skipped, 0 rejected"
# paStash's 12.5 row under its header: the excerpt lost its
# dateTimeConnect (column 48): rejected, with its column
imp p.db "$S/pastash_issue70_row_rejoined.csv"
check_rc 1 "paStash's row cut at column 30"
check "rejected at line 3, column 48" has err "pastash_issue70_row_rejoined.csv:3:48: field 48 (dateTimeConnect) '' is not a time"
# the listings and the guide's text are no CDR file
imp x.db "$S/pastash_issue70_cucm12.5_example_row_partial.txt"
check_rc 1 "a listing is no file of any format"

# ---- the hand-made file, with and without --format ----
imp h.db "$H"
check_rc 0 "import handmade.csv"
# a row a leg (a hunt pilot's queue events are kept in its row): a leg
# each CDR, two for 1005 (forwarded to the voicemail box)
check "11 lines: 8 CDRs, a CMR, two header rows" has err "handmade.csv: 11 lines read, 9 stored, 0 skipped, 0 rejected"
imp f.db --format cucm-cdr "$H"
check_rc 0 "import handmade.csv with --format cucm-cdr"
check "the same rows with --format" [ "$(q f.db "SELECT count(*) FROM generic_csv")" = 9 ]
check "in generic-csv's table, as cucm-cdr's" [ "$(q h.db "SELECT format FROM sources")" = cucm-cdr ]
# By hand (2025-03-04 is day 20151, 1741046400; 09:00 local is 08:00Z,
# 1741075200; town.conf: hunt pilots 3100 accueil and 3200 urbanisme, bot
# 8000, voicemail 8500, staff 1000-2999):
# 1001 hunt pilot 3100 from 09:00:00, 2101 connected at +20, disconnect
#      +200: agent, wait 20, talk 180
# 1002 hunt pilot 3100, never connected, the caller cleared (origCause
#      16) at +45: abandoned (a queue abandon, whatever dial_timeout says)
# 1003 hunt pilot 3200, destCause 102 at +120: the queue gave up: missed
# 1004 0199002205 (urbanisme's direct lines) to 2205, busy (17): missed
# 1005 0199002101 to 2101, forwarded on no answer to 8500 which answered
#      at +25: voicemail (accueil, by the number dialled)
# 1005's CMR: no call; callId 1, 2001 off hook then on hook (Cisco's
#      abandoned example 1): staff, not listed
# 1008 the bot (8000) answered at +2, handed over at +62 to hunt pilot
#      3100 where 2102 connected 15 s later, for 100 s: agent, escalated,
#      wait 2 (the bot's answer), human_wait 15, talk 100
cat > want <<'W'
1-1001,2025-03-04 09:00:00,accueil,agent,20,20,180,0,1
1-1002,2025-03-04 10:00:00,accueil,abandoned,,,,0,1
1-1003,2025-03-04 11:00:00,urbanisme,missed,,,,0,1
1-1004,2025-03-04 11:30:00,urbanisme,missed,,,,0,1
1-1005,2025-03-04 14:00:00,accueil,voicemail,,,,0,1
1-1008,2025-03-04 16:00:00,accueil,agent,2,15,100,1,1
W
calls h.db > got
check "what each row became" cmp want got
check "1-1 is staff's" [ "$(q h.db "SELECT direction FROM calls WHERE id = '1-1'")" = internal ]
check "callers hashed, none in clear" sh -c "! strings h.db* | grep -q '0639980101\|639980102'"
# without [pbx] voicemail the forwarded call would be a person's answer:
# the configuration is what says 8500 is the voicemail
grep -v '^voicemail = ' callstat.conf > novm.conf
run callstat-import -c novm.conf -d novm.db "$H"
run callstat-calls -c novm.conf -d novm.db --all-hours --csv
check "no [pbx] voicemail: 8500 is a person" sh -c "grep '^1-1005,' out | grep -q ',agent,'"

# ---- again, under another name, CRLF and a BOM: stored once ----
imp h.db "$H"
check "again: nothing new" has err "handmade.csv: nothing new since the last import"
cp "$H" renamed.csv
imp h.db renamed.csv
check_rc 0 "the same rows under another name"
check "renamed: every row skipped" has err "renamed.csv: 11 lines read, 0 stored, 9 skipped, 0 rejected"
{ printf '\357\273\277'; sed 's/$/\r/' "$H"; } > bomcrlf.csv
imp h.db bomcrlf.csv
check_rc 0 "a BOM and CRLF copy"
check "BOM + CRLF: every row skipped" has err "bomcrlf.csv: 11 lines read, 0 stored, 9 skipped, 0 rejected"
imp b.db bomcrlf.csv
check "BOM + CRLF detected" [ "$(q b.db "SELECT format FROM sources")" = cucm-cdr ]
calls b.db > gotb
check "BOM + CRLF: the same calls" cmp want gotb

# ---- a file that grew: its names' row read again, the types' row noise ----
head -n 5 "$H" > grows.csv
imp g.db grows.csv
check "the first 3 CDRs" has err "grows.csv: 5 lines read, 3 stored, 0 skipped, 0 rejected"
tail -n +6 "$H" >> grows.csv
imp g.db grows.csv
check_rc 0 "grown"
# 1004, 1005 (two legs), the CMR (no record), 0001, 1008 twice
check "grown: its 6 new lines" has err "grows.csv: 6 lines read (new since the last import), 6 stored, 0 skipped, 0 rejected"
calls g.db > gotg
check "grown: the same calls as the whole file" cmp want gotg

# ---- a file before 8.0: no huntPilotDN, the pilots named by queue: ----
cut -d, -f1-19 "$H" > old.csv
imp o.db old.csv
check_rc 0 "a file without huntPilotDN"
calls o.db > goto
check "the hunt pilots from the numbers called: the same calls" cmp want goto

# ---- the Go-CDR column list as a header (129 names, its capitals) ----
{
	cut -f2 "$S/gocdr_cucm_cdr_column_index_lowercased.tsv" | sed 's/.*/"&"/' | paste -sd,
	awk -F'\t' '{ v = "0" }
	    $2 == "Callingpartynumber" { v = "\"0639980101\"" }
	    $2 == "Originalcalledpartynumber" || $2 == "Huntpilotdn" { v = "\"3100\"" }
	    $2 == "Finalcalledpartynumber" { v = "\"2103\"" }
	    $2 == "Cdrrecordtype" || $2 == "Globalcallid_Callmanagerid" { v = 1 }
	    $2 == "Globalcallid_Callid" { v = 2001 }
	    $2 == "Datetimeorigination" { v = 1741075200 }
	    $2 == "Datetimeconnect" { v = 1741075210 }
	    $2 == "Datetimedisconnect" { v = 1741075270 }
	    { printf "%s%s", (NR > 1 ? "," : ""), v } END { print "" }' \
	    "$S/gocdr_cucm_cdr_column_index_lowercased.tsv"
} > gocdr.csv
imp c.db gocdr.csv
check_rc 0 "129 columns named as Go-CDR does"
calls c.db > gotc
check "its row: agent, wait 10, talk 60" [ "$(cat gotc)" = "1-2001,2025-03-04 09:00:00,accueil,agent,10,10,60,0,1" ]

# ---- damaged rows: each rejected with its line, the rest read ----
{
	cat "$H"
	# 12: cut short
	echo '1,1,2002,1,1741075200,"0639980101"'
	# 13: a record type that is none
	echo '9,1,2003,1,1741075200,"0639980101",16,2,"3100","3100",0,0,1741075260,"","x",0,"","",0,"3100",1,60'
	# 14: binary garbage
	printf '\001\377\376binary\001junk\377\n'
	# 15: an unterminated quote
	echo '1,1,2004,1,1741075200,"0639980101,16'
	# 16: a good row after them
	echo '1,1,2005,1,1741104000,"0639980109",16,2,"3100","2103",0,1741104010,1741104070,"3100","x",60,"","",0,"3100",1,10'
	# 17: the last line, no line end
	printf '1,1,2006,1'
} > bad.csv
imp bad.db bad.csv
check_rc 1 "damaged rows: exit 1"
check "cut short: line 12" has err "bad.csv:12: expected 22 fields, found 6"
check "a bad record type: line 13, column 1" has err "bad.csv:13:1: field 1 (cdrRecordType) '9' is not 0, 1 or 2"
check "binary: line 14" has err "bad.csv:14: binary data in line (byte 0x01 at column 1)"
check "unterminated quote: line 15" has err "bad.csv:15:23: unterminated quoted field 6"
check "no line end: line 17" has err "bad.csv:17: line has no line end"
check "17 lines, the good ones stored (9 + 1)" has err "bad.csv: 17 lines read, 10 stored, 0 skipped, 5 rejected"
# a row before any header
tail -n +3 "$H" > nohead.csv
imp n.db --format cucm-cdr nohead.csv
check_rc 1 "rows without their header"
check "says the header is missing" has err "nohead.csv:1: a row before the header"
finish
