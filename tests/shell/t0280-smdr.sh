# Avaya IP Office SMDR (avaya-smdr): the samples detected and read, what
# each call became (worked out by hand below), a call's continuation
# records joined into one call, local time and --times utc, the repeated
# DST hour, Delta Server's header, bad lines said with their line and the
# rest stored, CRLF and a BOM, and nothing stored twice (the same file
# again, or the same records under another name).
. "$(dirname "$0")/lib.sh"

S="$SAMPLES/avaya_smdr"
KB="$S/ipofficekb_smdr_examples.csv"
KAFKA="$S/kafka_doc_2018_ipoffice_smdr.csv"
cd "$T"
# the samples' staff: 15, 4688 (the KB's), 3775 to 4731 (the 2018 PBX's)
sed 's/^match = ext:1000-2999$/match = ext:15 ext:3700-4799/' \
    "$CS_TOP/tests/data/synth-town.conf" > callstat.conf
check "the samples' staff in the configuration" grep -q "ext:3700-4799" callstat.conf
q() { sqlite3 "$1" "$2"; }
calls() { run callstat-calls -c callstat.conf -d "$1" --all-hours --csv; cut -d, -f2-9 out | tail -n +2; }

# ---- the samples, detected ----
run callstat-import -c callstat.conf -d s.db "$KB" "$KAFKA"
check_rc 0 "import the samples"
check "no sample line rejected" sh -c "! grep -v ' 0 rejected' '$T/err' | grep -q ."
check "detected as avaya-smdr" [ "$(q s.db "SELECT group_concat(DISTINCT format) FROM sources")" = avaya-smdr ]
check "15 records, a leg each, in generic-csv's table" \
    [ "$(q s.db "SELECT count(*) FROM generic_csv WHERE kind = 0")" = 15 ]
check "the transfer's two records: one call" \
    [ "$(q s.db "SELECT count(*) FROM generic_csv WHERE call_id = '1000014160'") $(q s.db "SELECT count(*) FROM calls")" = "2 13" ]
# Local time, Europe/Paris (UTC+2 in summer): 2008-06-28 09:28:41 is
# 07:28:41Z, 1214611200 + 26921.  The transfer's second record repeats
# the Call Start 09:30:57 (1214638257); it starts where the first ended,
# 7 s ringing + 13 s connected + 11 s on hold later.
check "local Call Start" [ "$(q s.db "SELECT min(start) FROM generic_csv WHERE call_id = '1000014155'")" = 1214638121 ]
check "a continuation record starts after the one before" \
    [ "$(q s.db "SELECT group_concat(start) FROM (SELECT start FROM generic_csv WHERE call_id = '1000014160' ORDER BY line)")" = 1214638257,1214638288 ]
# By hand, the staff's calls (15, 4688, 37xx, 4731) not listed:
# - 1000014155: rang 9 s at 4324, nobody connected: a leg nobody
#   answered, 9 s < dial_timeout: abandoned (9 s > short_abandon);
# - 1000014160: 4750 answered after 7 s, 13 s connected and 11 s on hold
#   (talk 24 s, from the answer to the leg's end), then voicemail: agent;
# - 1000013: 23 answered after 7 s, 5 s: agent;
# - 1949529: voicemail (V9513) answered at once for 27 s; then sent to
#   4666, which never rang and reached nobody: voicemail.
calls s.db > got
cat > want <<'W'
2008-06-28 09:28:41,other,abandoned,,,,0,1
2008-06-28 09:30:57,other,agent,7,7,24,0,1
2008-08-01 15:14:19,other,agent,7,7,5,0,1
2018-09-07 11:06:53,other,voicemail,,,,0,1
W
check "what each sample call became" cmp want got
# the staff's: 15 to voicemail and 4688 to 4207 internal; 4731 and the
# virtual extensions' calls to outside numbers outbound
check "the staff's calls kept, not counted" \
    [ "$(q s.db "SELECT group_concat(direction || ':' || n) FROM (SELECT direction, count(*) AS n FROM calls GROUP BY direction ORDER BY direction)")" = inbound:4,internal:2,outbound:7 ]
check "callers hashed" sh -c "! strings s.db* | grep -q '8004206\|01707392200\|9145661757'"
check "an outside number dialled is not kept" sh -c "! strings s.db* | grep -q '78007750775'"

# ---- --format, and the same records again ----
run callstat-import -c callstat.conf -d f.db --format avaya-smdr "$KB"
check_rc 0 "--format avaya-smdr"
check "--format: 6 stored" has err "ipofficekb_smdr_examples.csv: 6 lines read, 6 stored, 0 skipped, 0 rejected"
run callstat-import -c callstat.conf -d f.db "$KB"
check_rc 0 "the same file again"
check "again: nothing new" has err "ipofficekb_smdr_examples.csv: nothing new since the last import"
cp "$KB" renamed.csv
run callstat-import -c callstat.conf -d f.db renamed.csv
check "another name: every record already stored" has err "renamed.csv: 6 lines read, 0 stored, 6 skipped, 0 rejected"
{ printf '\357\273\277'; sed 's/$/\r/' "$KB"; } > bomcrlf.csv
run callstat-import -c callstat.conf -d f.db bomcrlf.csv
check_rc 0 "a BOM and CRLF copy"
check "BOM + CRLF: detected, every record already stored" has err "bomcrlf.csv: 6 lines read, 0 stored, 6 skipped, 0 rejected"
run callstat-import -c callstat.conf -d g.db bomcrlf.csv
check "BOM + CRLF alone: detected and stored" sh -c "grep -q 'bomcrlf.csv: 6 lines read, 6 stored, 0 skipped, 0 rejected' '$T/err' && [ \"\$(sqlite3 g.db 'SELECT format FROM sources')\" = avaya-smdr ]"
check "BOM + CRLF: the same legs" [ "$(q g.db "SELECT group_concat(start || '/' || end) FROM generic_csv")" = "$(q f.db "SELECT group_concat(start || '/' || end) FROM generic_csv")" ]

# ---- UTC: --times utc reads Call Start as UTC (09:28:41Z) ----
run callstat-import -c callstat.conf -d u.db --times utc "$KB"
check_rc 0 "import in UTC"
check "Call Start read as UTC" [ "$(q u.db "SELECT min(start) FROM generic_csv WHERE call_id = '1000014155'")" = 1214645321 ]

# ---- Delta Server's header; the repeated hour of 2024-10-27 ----
# 02:50 in summer time is 00:50Z (1729990200); the next record's 02:10
# is then 01:10Z (1729991400), not 00:10Z: records come as calls end
{
	echo "Call Start,Connected Time,Ring Time,Caller,Direction,Called Number,Dialled Number,Account,Is Internal,Call ID,Continuation,Party1Device,Party1Name,Party2Device,Party2Name,Hold Time,Park Time"
	echo "2024/10/27 02:50:00,00:01:00,5,0612345678,I,0199000100,0199000100,,0,501,0,E2101,Extn2101,T9001,Line 1.1,0,0"
	echo "2024/10/27 02:10:00,00:01:00,5,0612345678,I,0199000100,0199000100,,0,502,0,E2101,Extn2101,T9001,Line 1.1,0,0"
} > delta.csv
run callstat-import -c callstat.conf -d d.db delta.csv
check_rc 0 "a Delta Server file"
check "the header read as no record" has err "delta.csv: 3 lines read, 2 stored, 0 skipped, 0 rejected"
check "detected past the header" [ "$(q d.db "SELECT format FROM sources")" = avaya-smdr ]
check "the repeated hour read near the record before" \
    [ "$(q d.db "SELECT group_concat(start) FROM (SELECT start FROM generic_csv ORDER BY line)")" = 1729990200,1729991400 ]
check "both flagged: their Call Start is a time of the repeated hour" \
    [ "$(q d.db "SELECT group_concat(flags) FROM (SELECT flags FROM generic_csv ORDER BY line)")" = 1,1 ]
check "and so are their calls" \
    [ "$(q d.db "SELECT group_concat(flags & 1) FROM (SELECT flags FROM calls ORDER BY start)")" = 1,1 ]
check "a Call Start outside it is not flagged" \
    [ "$(q s.db "SELECT count(*) FROM generic_csv WHERE flags != 0")" = 0 ]

# ---- bad lines: each said with its line, the rest stored ----
L=$(sed -n 1p "$KB")
{
	echo "$L"
	echo "$L" | cut -c1-40
	echo "$L" | sed 's|^2008/06/28|2008/06/31|'
	echo "$L" | sed 's/,I,4324,/,X,4324,/'
	printf '2008/06/28 09:28:41,\001\002garbage\n'
	echo "$L" | sed 's/,1000014155,0,/,1000014155,7,/'
	echo "$L" | sed 's/^2008\/06\/28 09:28:41,00:00:00,9,/2008\/06\/28 09:28:41,00:00:00,nine,/'
	sed -n 6p "$KB"
} > bad.csv
run callstat-import -c callstat.conf -d x.db --format avaya-smdr bad.csv
check_rc 1 "bad lines: exit 1"
check "the good lines stored" has err "bad.csv: 8 lines read, 2 stored, 0 skipped, 6 rejected"
check "a truncated line" has err "bad.csv:2: expected 17 to 64 fields, found 5"
check "no such date" has err "bad.csv:3:1: field 1 (call start): no such date or time: '2008/06/31 09:28:41'"
check "a direction that is none" has err "bad.csv:4:5: field 5 (direction): not I or O: 'X'"
check "binary garbage" grep -q "bad.csv:5: .*binary" err
check "a continuation that is none" has err "bad.csv:6:11: field 11 (continuation): not 0 or 1: '7'"
check "a ring time that is no number" has err "bad.csv:7:3: field 3 (ring time): not a number of seconds: 'nine'"
check "the rest of the file stored" [ "$(q x.db "SELECT count(*) FROM generic_csv")" = 2 ]

# ---- not SMDR: no other format's line is taken for it ----
run callstat-import -c callstat.conf -d n.db --format avaya-smdr "$SAMPLES/asterisk_cdr_csv/testsuite_cdrlib_good.csv"
check_rc 1 "an Asterisk CDR read as SMDR: rejected"
check "said why" grep -q "expected 17 to 64 fields\|field 1 (call start)" err

finish
