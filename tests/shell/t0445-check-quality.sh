# callstat-check's data-quality findings, on logs written here so that
# what each check must find is known by construction: a busy month of
# eight calls a weekday to the front desk (3 to 21 March 2025) with one
# weekday missing, a call stored twice, a clock set back, calls no
# service matches, and queue_log calls the CDRs lack.  And the sample
# town's two years of PBX logs, where it finds nothing.
. "$(dirname "$0")/lib.sh"

cd "$T"
cp "$EX/callstat.conf" callstat.conf

# epoch of a local time of the town (Europe/Paris)
at() { TZ=Europe/Paris date -d "$1" +%s; }
line=0
# cdr DAY HH:MM DST DSTCHANNEL APP DATA [UNIQUEID [CALLER]]: a call of
# 2 minutes from a mobile (06 39 98 02 CALLER, by default the line number
# modulo 50), answered after 5 s; its line number in $line
cdr() {
	line=$((line + 1))
	c=${8:-$((line % 50))}
	s=$(at "$1 $2:00")
	id=${7:-$s.$((100 + line))}
	e=$(TZ=Europe/Paris date -d "@$((s + 120))" '+%Y-%m-%d %H:%M:%S')
	a=$(TZ=Europe/Paris date -d "@$((s + 5))" '+%Y-%m-%d %H:%M:%S')
	printf '"","06399802%02d","%s","from-trunk",""""" <06399802%02d>","PJSIP/trunk-%08d","%s-%08d","%s","%s","%s:00","%s","%s",120,115,"ANSWERED","DOCUMENTATION","%s",""\n' \
		"$c" "$3" "$c" "$line" "$4" "$line" "$5" "$6" \
		"$1 $2" "$a" "$e" "$id" >> Master.csv
}
day8() {	# eight calls to the main number, 09:00 to 11:20
	for m in 09:00 09:20 09:40 10:00 10:20 10:40 11:00 11:20; do
		cdr "$1" "$m" 0199000100 PJSIP/2101 Dial PJSIP/2101
	done
}
: > Master.csv
# no call on Wednesday 12 March: lines 1-56 before it
for d in 03 04 05 06 07 10 11; do day8 "2025-03-$d"; done
day8 2025-03-13			# lines 57-64
# line 65: its 11:20 call (line 64) again, under another uniqueid
dupid=$(at "2025-03-13 11:20:00").965
cdr 2025-03-13 11:20 0199000100 PJSIP/2101 Dial PJSIP/2101 "$dupid" 14
day8 2025-03-14			# lines 66-73
# line 74: a call at 08:00 written after one that ended at 11:22
cdr 2025-03-14 08:00 0199000100 PJSIP/2101 Dial PJSIP/2101
day8 2025-03-17			# lines 75-82
day8 2025-03-18			# lines 83-90
# line 91: through a queue no service names; 92: a number none names
cdr 2025-03-18 14:00 7000 PJSIP/3001 Queue travaux,t,,,120
qid=$id
cdr 2025-03-18 15:00 0199000900 PJSIP/3001 Dial PJSIP/3001
day8 2025-03-19			# lines 93-100
cdr 2025-03-19 15:00 0199000900 PJSIP/3001 Dial PJSIP/3001	# 101
for d in 20 21; do day8 "2025-03-$d"; done
check "the logs were written ($line lines)" [ "$line" -eq 117 ] && [ "$(wc -l < Master.csv)" -eq 117 ]

q=$(at "2025-03-18 14:00:00")
t20=$(at "2025-03-20 10:00:00")
t22=$(at "2025-03-22 10:00:00")
cat > queue_log <<EOQ
$q|$qid|travaux|NONE|ENTERQUEUE||0639980291|1
$((q + 5))|$qid|travaux|PJSIP/3001|CONNECT|5|$qid|5
$((q + 120))|$qid|travaux|PJSIP/3001|COMPLETECALLER|5|115|1
$t20|$t20.900|accueil|NONE|ENTERQUEUE||0639980299|1
$((t20 + 30))|$t20.900|accueil|NONE|ABANDON|1|1|30
$t22|$t22.901|accueil|NONE|ENTERQUEUE||0639980298|1
$((t22 + 30))|$t22.901|accueil|NONE|ABANDON|1|1|30
EOQ

run callstat-import -c callstat.conf -d q.db Master.csv queue_log
check_rc 0 "the logs import"

# By construction:
# - gap: Wednesday 12 March, between 8 calls on the 11th and 9 on the
#   13th (its call stored twice counts twice); the Wednesdays around it,
#   5 and 19 March, had 8 and 9 (the unmatched call).  Saturdays 8 and
#   15 March have no call either, but the Saturdays around them had
#   none or 1 (22 March): no gap.
# - duplicate: line 65 (its id the larger) against line 64.
# - clock-jump: line 74 ends at 08:02:00, line 73 at 11:22:00: 3 h 20.
# - unmatched: on 18 March, first the queue travaux (line 91), then two
#   calls to 01 99 00 09 00 (lines 92 and 101), which no did: names: the
#   database keeps that number masked.
# - no-cdr: 20 March's queue_log call (its line 4); 22 March's has no
#   CDR of its day at all (a log not imported, not unanswered=yes).
orig=$(at "2025-03-13 11:20:00").164
p=$T/Master.csv
cat > want.tsv <<EOW
day	check	subject	detail
2025-03-12	gap	2025-03-12	no call on 1 day a service was open, between 8 calls on 2025-03-11 and 9 on 2025-03-13 (and 8 and 9 the same weekday a week before and after): the phone system did not log, or its log of that day was not imported; find it and import it
2025-03-13	duplicate	$dupid	1 call looks stored twice under two ids (call $dupid is one, call $orig another): same caller, start, end, direction and service; a log was imported twice with its keys changed, or the phone system wrote the call twice: import each call's log once
2025-03-14	clock-jump	$p:74	its time, 2025-03-14 08:02:00, is 3 h 20 min before that of line 73 (2025-03-14 11:22:00): the phone system's clock was set back, or the file was put together out of order; check the clock (NTP) and the file
2025-03-18	unmatched	queue:travaux	1 inbound call that went through queue travaux (the first at $p:91) matched no service's match line and is counted as service other: add queue:travaux to the match line of the service that answers them in the configuration
2025-03-18	unmatched	[phone]	2 inbound calls to phone numbers no did: term names (kept masked: read them in the file) (the first at $p:92) matched no service's match line and are counted as service other: add did:NUMBER to the match line of the service that answers them in the configuration
2025-03-20	no-cdr	$t20.900	the queue log holds 1 call with no leg in the CDRs (this one first, $T/queue_log:4): Asterisk logs no CDR of a call nobody answered unless cdr.conf says so; set unanswered=yes in the [general] section of cdr.conf and reload it (module reload cdr)
EOW
run callstat-check -c callstat.conf -d q.db --tsv
check_rc 1 "findings: exit 1"
check "the findings ($(diff want.tsv "$T/out" | head -c 2000))" cmp -s want.tsv "$T/out"

run callstat-check -c callstat.conf -d q.db
check "the table keeps a long finding whole" grep -q 'reload it (module reload cdr)$' "$T/out"

run callstat-check -c callstat.conf -d q.db --csv --from 2025-03-13 --to 2025-03-14
check_rc 1 "two days"
check "only their findings" \
	[ "$(tail -n +2 "$T/out" | cut -d, -f2 | paste -sd' ' -)" = "duplicate clock-jump" ]
run callstat-check -c callstat.conf -d q.db --json --from 2025-03-20 --to 2025-03-20
check "in JSON" grep -q '"check": "no-cdr"' "$T/out"
run callstat-check -c callstat.conf -d q.db --csv --from 2025-03-21 --to 2025-03-21
check_rc 0 "a clean day: exit 0"
check "and only the header" [ "$(cat "$T/out")" = "day,check,subject,detail" ]

# a call of an hour and a half, its rows written when it ended: its first
# leg (10:00 to 10:01) comes after a call that ended at 11:20, but its call
# ended at 11:31, so no clock was set back.  The same rows as records of
# two calls (each its own uniqueid) are a jump back of 1 h 19 min.
row() {	# LINE UNIQUEID START ANSWER END DSTCHANNEL
	printf '"","0639980201","0199000100","from-trunk",""""" <0639980201>","PJSIP/trunk-%08d","%s","Dial","PJSIP/2101","2025-03-24 %s","2025-03-24 %s","2025-03-24 %s",60,55,"ANSWERED","DOCUMENTATION","%s",""\n' \
	    "$1" "$6" "$3" "$4" "$5" "$2"
}
{
	row 1 1742806800.1 11:00:00 11:00:05 11:20:00 PJSIP/2101-00000001
	row 2 1742808600.2 10:00:00 10:00:02 10:01:00 PJSIP/voicebot-00000002
	row 3 1742808600.2 10:01:00 10:01:20 11:31:00 PJSIP/2102-00000003
} > long.csv
run callstat-import -c callstat.conf -d long.db long.csv
check_rc 0 "a long call imported"
run callstat-check -c callstat.conf -d long.db --csv
check "a long call's rows written at its end: no clock jump" sh -c "! grep -q clock-jump '$T/out'"
sed '3s/1742808600\.2/1742808600.3/' long.csv > two.csv
run callstat-import -c callstat.conf -d two.db two.csv
run callstat-check -c callstat.conf -d two.db --csv
check "the same rows as two calls: a jump back" grep -q '^2025-03-24,clock-jump,.*two.csv:2,' "$T/out"

# the sample town's PBX logs: two years with nothing to find
run callstat-import -c "$CS_TOP/sample-data/callstat.conf" -d s.db \
	"$CS_TOP/sample-data/Master.csv" "$CS_TOP/sample-data/queue_log"
check_rc 0 "the sample town's logs import"
run callstat-check -c "$CS_TOP/sample-data/callstat.conf" -d s.db --csv
check_rc 0 "nothing found in the sample town's logs"
check "and only the header" [ "$(cat "$T/out")" = "day,check,subject,detail" ]
finish
