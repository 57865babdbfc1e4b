# 3CX's legacy CDR log (3cx-cdr): the samples detected, read, and what
# each line became (worked out by hand below); a header line; --columns
# for an administrator's own field order, and a bad one; bad lines
# reported with their line, the rest of the file read; the same records
# never stored twice, under the same name or another; BOM and CRLF.
. "$(dirname "$0")/lib.sh"

S="$SAMPLES/3cx_cdr"
CAKE="$S/cdrlog_2023-09_cakephp_test_queue_forward.log"
V20="$S/cdrlog_2024-04_v20_dorel14_issue16.log"
OUT="$S/cdrlog_2024-06_dorel14_testfile.log"
cd "$T"
# the samples' extensions (10016) are staff of this town too
sed 's/^match = ext:1000-2999$/& ext:10000-10099/' \
    "$CS_TOP/tests/data/synth-town.conf" > callstat.conf
check "the configuration" grep -q "ext:10000-10099" callstat.conf
q() { sqlite3 "$1" "$2"; }
calls() { run callstat-calls -c callstat.conf -d "$1" --all-hours --csv; cut -d, -f2-9 out | tail -n +2; }

# ---- the samples, detected ----
run callstat-import -c callstat.conf -d s.db "$CAKE" "$V20" "$OUT"
check_rc 0 "import the samples"
check "no sample line rejected" sh -c "! grep -v ' 0 rejected' '$T/err' | grep -q ."
check "detected as 3cx-cdr" [ "$(q s.db "SELECT group_concat(DISTINCT format) FROM sources")" = 3cx-cdr ]
# the two queue calls: a leg each (the caller entering the queue and a
# person taking it kept in its row: checked below); the outbound call a
# leg; the empty line after it nothing
check "cakephp: 1 line, 1 row" has err "queue_forward.log: 1 lines read, 1 stored, 0 skipped, 0 rejected"
check "v20: 1 line, 1 row" has err "issue16.log: 1 lines read, 1 stored, 0 skipped, 0 rejected"
check "outbound: 2 lines (one empty), 1 row" has err "testfile.log: 2 lines read, 1 stored, 0 skipped, 0 rejected"
# By hand (times UTC; the town's zone Europe/Paris, UTC+2 in summer):
# - cakephp, Call 612504: from +353861777149 to queue 960 (reason-changed
#   QFwdToDNA: no types, the queue forward says 960 is a queue), answered
#   by extension 504 at 13:33:54, its start (15:33:54 local), ended
#   13:39:31: agent, wait 0, talk 337 s; no service names queue 960 or
#   extension 504: other;
# - v20, Call 265500: from a line to queue 80002, answered by extension
#   10013 at 06:27:36, 8 s after its start (08:27:28 local), ended
#   06:35:46: agent, wait 8, talk 490 s; other;
# - dorel14, Call 288831: from extension 10016 (the town's staff) to
#   +46703014082 over a line: outbound, not listed.
cat > want <<'W'
2023-09-19 15:33:54,other,agent,0,0,337,0,1
2024-04-30 08:27:28,other,agent,8,8,490,0,1
W
calls s.db > got
check "what each sample line became" cmp want got
check "the history ids, the queues, who took them" [ "$(q s.db "SELECT group_concat(call_id || ':' || queue || ':' || destination, ' ') FROM (SELECT * FROM generic_csv WHERE kind = 0 AND queue IS NOT NULL AND queue <> '' ORDER BY start)")" = "612504:960:504 265500:80002:10013" ]
# each queue call's row keeps its queue's events: entered, then taken by a
# person (qexit: 1 + model.h's CS_QEV_CONNECTED, 2) after 0 and 8 s
check "the queues' events in the legs' rows" [ "$(q s.db "SELECT group_concat(qexit || ':' || wait, ' ') FROM (SELECT * FROM generic_csv WHERE queue <> '' ORDER BY start)")" = "3:0 3:8" ]
check "the outbound call: staff's, to an outside number" [ "$(q s.db "SELECT direction FROM calls WHERE start = 1718603989")" = outbound ]
check "the number dialled outside not in clear" [ "$(q s.db "SELECT dialled FROM generic_csv WHERE call_id = '288831'")" = "[phone]" ]
check "callers hashed" sh -c "! strings s.db* | grep -q '353861777149'"

# ---- named with --format: the same ----
run callstat-import -c callstat.conf -d f.db --format 3cx-cdr "$CAKE" "$V20" "$OUT"
check_rc 0 "import the samples with --format 3cx-cdr"
calls f.db > got
check "--format: the same calls" cmp want got

# ---- imported again, or under another name: nothing twice ----
run callstat-import -c callstat.conf -d s.db "$V20"
check "again: nothing new" has err "issue16.log: nothing new since the last import"
cp "$V20" other-name.log
run callstat-import -c callstat.conf -d s.db other-name.log
check_rc 0 "the same line under another name"
check "another name: skipped" has err "other-name.log: 1 lines read, 0 stored, 1 skipped, 0 rejected"

# ---- BOM and CRLF: the same records ----
{ printf '\357\273\277'; sed 's/$/\r/' "$V20"; } > bomcrlf.log
run callstat-import -c callstat.conf -d s.db bomcrlf.log
check_rc 0 "BOM + CRLF"
check "BOM + CRLF: detected, the same records" has err "bomcrlf.log: 1 lines read, 0 stored, 1 skipped, 0 rejected"
run callstat-import -c callstat.conf -d b.db bomcrlf.log
check "BOM + CRLF alone: detected" [ "$(q b.db "SELECT format FROM sources")" = 3cx-cdr ]

# ---- a header of 3CX's field names: no record, and detected ----
{ echo "historyid,callid,duration,time-start,time-answered,time-end,reason-terminated,from-no,to-no,from-dn,to-dn,dial-no,reason-changed,final-number,final-dn,bill-code,bill-rate,bill-cost,bill-name,chain,from-type,to-type,final-type,from-dispname,to-dispname,final-dispname,missed-queue-calls"
  cat "$V20"; } > header.log
run callstat-import -c callstat.conf -d h.db header.log
check_rc 0 "a header line"
check "the header: detected, no record" has err "header.log: 2 lines read, 1 stored, 0 skipped, 0 rejected"
check "the header: 3cx-cdr" [ "$(q h.db "SELECT format FROM sources")" = 3cx-cdr ]

# ---- --columns: the administrator's own order ----
# the v20 call's fields in another order, fewer of them
COLS="historyid,time_start,time_end,time_answered,from_no,to_type,to_dn,final_type,final_dn,reason_terminated,dial_no"
echo "Call 265500,2024/04/30 06:27:28,2024/04/30 06:35:46,2024/04/30 06:27:36,070XXXXXXX,Queue,80002,Extension,10013,TerminatedByDst,80002" > own.log
run callstat-import -c callstat.conf -d c.db --columns "$COLS" own.log
check_rc 0 "--columns: the fields in the file's order"
calls c.db > got
sed -n 2p want > want2
check "--columns: the v20 call as from the default order" cmp want2 got
run callstat-import -c callstat.conf -d c2.db --columns "HistoryID, Time-Start ,time-end" own.log
check_rc 1 "--columns naming 3 fields, the line has 11"
check "too many fields for the columns named" has err "own.log:1: expected at most 3 fields, found 11"
run callstat-import -c callstat.conf -d c3.db own.log
check_rc 1 "without --columns, the default order"
check "the default order: field 6 is time-end" has err "own.log:1:6: field 6 (time-end) 'Queue': not a time (YYYY/MM/DD HH:MM:SS)"
run callstat-import -c callstat.conf -d c4.db --columns historyid,time-start,answered,time-end own.log
check_rc 2 "--columns naming an unknown field: usage error"
check "names it" has err "unknown 3CX field 'answered'"
check "the usage" has err "Try 'callstat-import --help'"
check "no database made" [ ! -e c4.db ]
run callstat-import -c callstat.conf -d c4.db --columns historyid,time-start own.log
check_rc 2 "--columns without time-end"
check "says which" has err "--columns names no time-end"
run callstat-import -c callstat.conf -d c4.db --columns historyid,time-start,time-end,time-start own.log
check_rc 2 "--columns naming a field twice"
check "says which" has err "field 'time-start' is named twice"
run callstat-import --help
check "--help lists --columns" has out "--columns LIST"
# other formats ignore it
run callstat-import -c callstat.conf -d o.db --columns "$COLS" "$SAMPLES/asterisk_cdr_csv/testsuite_cdrlib_good.csv"
check "another format reads its file whatever --columns says" [ "$(q o.db "SELECT format FROM sources")" = asterisk-cdr ]

# ---- bad lines: each said with its line, the rest read ----
L=$(cat "$V20")
{
	echo "$L"
	# 2: an impossible month
	echo "$L" | sed 's|2024/04/30 06:27:28|2024/13/30 06:27:28|'
	# 3: cut short
	echo "Call 7,abc"
	# 4: a display name with a comma: one field too many
	echo "$L" | sed 's|,Partnersupport,|,Partner, support,|'
	# 5: no history id
	echo "$L" | sed 's|^Call 265500|Call x|'
	# 6: answered after its end
	echo "$L" | sed 's|2024/04/30 06:27:36|2024/04/30 07:27:36|'
	# 7: binary garbage
	printf 'Call 8,\001\377junk\n'
	# 8: a good line of another call
	echo "$L" | sed 's|^Call 265500|Call 265501|; s|06:27:28|06:27:29|'
	# 9: the last line, no line end
	printf 'Call 9,x'
} > bad.log
run callstat-import -c callstat.conf -d bad.db bad.log
check_rc 1 "bad lines: exit 1"
check "line 2: not a time" has err "bad.log:2:4: field 4 (time-start) '2024/13/30 06:27:28': not a time (YYYY/MM/DD HH:MM:SS)"
check "line 3: too few fields" has err "bad.log:3: expected at least 6 fields, found 2"
check "line 4: a comma in a name" has err "bad.log:4: expected at most 27 fields, found 28 (a display name with a comma in it?"
check "line 5: no history id" has err "bad.log:5:1: field 1 (historyid) 'Call x': not a 3CX history id ('Call 612504')"
check "line 6: answer after the end" has err "bad.log:6:5: field 5 (time-answered) '2024/04/30 07:27:36': not between the call's start and end"
check "line 7: binary" has err "bad.log:7: binary data in line"
check "line 9: no line end" has err "bad.log:9: line has no line end"
check "the good lines stored (a row each)" has err "bad.log: 9 lines read, 2 stored, 0 skipped, 7 rejected"
check "two calls" [ "$(q bad.db "SELECT count(DISTINCT call_id) FROM generic_csv")" = 2 ]

# ---- not a 3CX line: not detected ----
printf 'Call me maybe,at 5\n' > notcdr.log
run callstat-import -c callstat.conf -d n.db notcdr.log
check_rc 1 "a line starting 'Call ' but of no 3CX shape"
check "not detected" has err "name the format with --format"
finish
