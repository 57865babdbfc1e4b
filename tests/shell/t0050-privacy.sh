# Personal data (kpi.md, "Personal data"): a caller's number is stored only
# as a keyed hash, with the key in a file of mode 600 outside the database;
# no output shows a number; a rejected line's text is not echoed.
. "$(dirname "$0")/lib.sh"

if ! command -v sqlite3 > /dev/null 2>&1; then
	check "the sqlite3 shell is needed" false
	finish
fi

cd "$T"
cp "$EX/callstat.conf" callstat.conf
cp "$EX/Master.csv" Master.csv
cp "$EX/queue_log" queue_log

# The outside numbers of the example (calls.md): every caller, the number
# that call 14 dialled out, and call 12's caller's name.  Each number is
# searched for in its 9 last digits (found inside 06..., +336..., 00336...),
# and so written with spaces or dots (6 39 98 01 01 is inside 06 39 98 01 01
# and +33 6 39 98 01 01).
numbers="0639980101 0199005002 0639980103 0639980105 0639980108 0639980110
0199005012 0639980113 0639980115 0639980117 0639980119"
: > forms.txt
for n in $numbers; do
	s=${n#0}
	echo "$s" >> forms.txt
	echo "$s" | sed 's/\(.\)\(..\)\(..\)\(..\)\(..\)/\1 \2 \3 \4 \5/' >> forms.txt
	echo "$s" | sed 's/\(.\)\(..\)\(..\)\(..\)\(..\)/\1.\2.\3.\4.\5/' >> forms.txt
done
echo "ATELIER EXEMPLE" >> forms.txt
# 34 rows less call 7's three (anonymous) and call 16 (internal)
check "the example holds these numbers on 30 rows (the search finds them)" \
	[ "$(LC_ALL=C grep -a -c -F -f forms.txt Master.csv)" -eq 30 ]
check "+33639980119 (call 20) is among the example's callers" grep -q '+33639980119' Master.csv

# none FILE...: none of forms.txt in these files (binary included)
none() {
	_bad=0
	for _f in "$@"; do
		[ -e "$_f" ] || continue
		_n=$(LC_ALL=C grep -a -c -F -f forms.txt "$_f")
		if [ "$_n" -ne 0 ]; then
			echo "$_f: $_n lines with a number:"
			LC_ALL=C grep -a -o -F -f forms.txt "$_f" | sort | uniq -c | head -5
			_bad=1
		fi
	done
	return $_bad
}

# held OUT: the reader whose output goes to OUT has begun its transaction
# (it printed its count), up to 20 s; a fixed wait may be too short on a
# busy machine, and the import would then copy its WAL into the database
held() {
	_n=0
	while [ ! -s "$1" ] && [ "$_n" -lt 200 ]; do
		sleep 0.1
		_n=$((_n + 1))
	done
}

# --- the database, its WAL, its shared memory, and a dump -------------------------
# A reader holds a transaction open while Master.csv is imported, so that
# the import's pages stay in ex.db-wal, where they can be searched.
run callstat-import -c callstat.conf -d ex.db queue_log
check_rc 0 "import queue_log"
mkfifo hold
sqlite3 -cmd 'BEGIN' -cmd 'SELECT count(*) FROM cdr' ex.db < hold > hold.out 2>&1 &
holder=$!
exec 3> hold
held hold.out
run callstat-import -c callstat.conf -d ex.db Master.csv
check_rc 0 "import Master.csv while a reader holds the WAL"
check "the WAL file is there" [ -s ex.db-wal ]
check "the WAL holds the import (a uniqueid of Master.csv only)" \
	[ "$(LC_ALL=C grep -a -c 1742377200.873 ex.db-wal)" -gt 0 ]
check "no number, no caller name in ex.db-wal" none ex.db-wal
check "no number, no caller name in ex.db-shm" none ex.db-shm
check "no number, no caller name in ex.db (with the WAL open)" none ex.db
exec 3>&-
wait "$holder"
check "no number, no caller name in ex.db (after the checkpoint)" none ex.db ex.db-wal
check "the town's own number is kept in clear (the search does find numbers)" \
	[ "$(LC_ALL=C grep -a -c 0199000100 ex.db)" -gt 0 ]
sqlite3 ex.db .dump > dump.sql
check "the dump holds the CDR rows" grep -q '1741683600.681' dump.sql
check "no number, no caller name in the sqlite3 .dump" none dump.sql
check "call 14's dialled number is written [phone]" \
	[ "$(sqlite3 ex.db "SELECT dst FROM cdr WHERE uniqueid = '1742293800.838'")" = "[phone]" ]
check "callers are 32-hex-digit hashes, withheld ones empty" \
	[ "$(sqlite3 ex.db "SELECT count(*) FROM cdr WHERE NOT (caller = '' OR (length(caller) = 32 AND caller NOT GLOB '*[^0-9a-f]*'))")" -eq 0 ]
check "the anonymous caller (call 7) hashes to nothing" \
	[ "$(sqlite3 ex.db "SELECT group_concat(DISTINCT caller) FROM cdr WHERE uniqueid = '1741356600.648'")" = "" ]
check "calls 19 and 20 (0639980119, +33639980119) have the same hash" \
	[ "$(sqlite3 ex.db "SELECT count(DISTINCT caller) FROM calls WHERE id IN ('1743408120.1056', '1743410700.1063')")" -eq 1 ]
check "ENTERQUEUE's caller ID is a hash too" \
	[ "$(sqlite3 ex.db "SELECT count(*) FROM queue_log WHERE event = 'ENTERQUEUE' AND data2 <> '' AND (length(data2) <> 32 OR data2 GLOB '*[^0-9a-f]*')")" -eq 0 ]

# --- the key file -------------------------------------------------------------------------
check "the key file ex.db.key exists" [ -f ex.db.key ]
check "the key file has mode 600" [ "$(stat -c %a ex.db.key)" = 600 ]
check "the key file is 32 bytes" [ "$(stat -c %s ex.db.key)" -eq 32 ]
if command -v python3 > /dev/null 2>&1; then
	check "the key is not inside the database" python3 -c '
import sys
key = open("ex.db.key", "rb").read()
sys.exit(key in open("ex.db", "rb").read() or key in open("dump.sql", "rb").read())'
fi

# key_file in the configuration: the key goes there, not beside the database
mkdir keys
sed 's|^short_abandon = 5$|&\nkey_file = '"$T"'/keys/callstat.key|' callstat.conf > keyed.conf
check "keyed.conf names a key_file" grep -q '^key_file = ' keyed.conf
run callstat-import -c keyed.conf -d keyed.db Master.csv
check_rc 0 "import with key_file set"
check "key_file: the key is made there, mode 600" [ "$(stat -c %a keys/callstat.key 2> /dev/null)" = 600 ]
check "key_file: no key beside the database" [ ! -e keyed.db.key ]

# a key that others can read is refused
cp ex.db.key open.key
chmod 644 open.key
sed 's|^short_abandon = 5$|&\nkey_file = '"$T"'/open.key|' callstat.conf > open.conf
run callstat-import -c open.conf -d open.db Master.csv
check_rc 1 "a key file of mode 644"
check "mode 644: says chmod 600" has err "chmod 600"
check "mode 644: nothing stored" \
	[ "$(sqlite3 open.db 'SELECT count(*) FROM cdr' 2> /dev/null || echo 0)" -eq 0 ]

# a dangling symbolic link as key file: an error at once (it used to recurse
# until the stack overflowed), naming the file; nothing made where it points
sed 's|^short_abandon = 5$|&\nkey_file = '"$T"'/dangling.key|' callstat.conf > dangling.conf
ln -s "$T/nowhere/callstat.key" dangling.key
run timeout 10 callstat-import -c dangling.conf -d dangling.db Master.csv
check_rc 1 "a dangling symbolic link as key file"
check "dangling link: the message names the file" \
	has err "key file $T/dangling.key is a symbolic link to a file that does not exist"
ln -s "$T/made.key" dangling2.key
sed 's|^short_abandon = 5$|&\nkey_file = '"$T"'/dangling2.key|' callstat.conf > dangling2.conf
run timeout 10 callstat-import -c dangling2.conf -d dangling2.db Master.csv
check_rc 1 "a symbolic link to a file that could be made"
check "a link: no key made where it points" [ ! -e made.key ]
# a directory as key file: said so, not "run chmod 600"
mkdir dir.db.key
run callstat-import -c callstat.conf -d dir.db Master.csv
check_rc 1 "a directory as key file"
check "a directory: the message says so" has err "key file dir.db.key is a directory"
check "a directory: no chmod advice" sh -c '! grep -q chmod "$1"' sh "$T/err"

# --- the hash is keyed: another key, other hashes ---------------------------------
run callstat-import -c callstat.conf -d other.db Master.csv queue_log
check "another database, another key" sh -c '! cmp -s ex.db.key other.db.key'
check "another key gives other hashes for the same callers" \
	[ "$(sqlite3 ex.db "SELECT caller FROM calls WHERE id = '1739261523.152'")" != \
	  "$(sqlite3 other.db "SELECT caller FROM calls WHERE id = '1739261523.152'")" ]

# the key is lost between two imports: calls 1-10 (lines 1-17), then 11-20
sed -n '1,17p' Master.csv > first.csv
sed -n '18,34p' Master.csv > second.csv
run callstat-import -c callstat.conf -d lost.db first.csv queue_log
cp lost.db.key saved.key
rm -f lost.db.key
run callstat-import -c callstat.conf -d lost.db second.csv
check_rc 1 "a lost key: the import is refused"
check "a lost key: the message says what to do" has err "key file lost.db.key is missing"
check "a lost key: the message says how to restore it" \
	has err "restore lost.db.key from your backup of this database; without it the stored hashes cannot be matched"
check "a lost key: no new key is made" [ ! -e lost.db.key ]
check "a lost key: nothing of second.csv was stored" \
	[ "$(sqlite3 lost.db 'SELECT count(*) FROM cdr')" -eq 17 ]
# another key is refused as well
cp other.db.key lost.db.key
run callstat-import -c callstat.conf -d lost.db second.csv
check_rc 1 "a wrong key: the import is refused"
check "a wrong key: the message says so" has err "is not the key lost.db was made with"
check "a wrong key: the message says how to restore it" \
	has err "restore lost.db.key from your backup of this database"
# a link to nothing where the key was: refused at once, naming it
rm -f lost.db.key
ln -s "$T/backup/lost.key" lost.db.key
run timeout 10 callstat-import -c callstat.conf -d lost.db second.csv
check_rc 1 "a lost key behind a dangling symbolic link: refused"
check "a dangling link where the key was: the message names it" \
	has err "key file lost.db.key is a symbolic link to a file that does not exist"
check "a dangling link where the key was: says to restore it" \
	has err "restore the key from your backup"
rm -f lost.db.key
# the right key back: everything lands once, and call 11 repeats call 10
cp saved.key lost.db.key
chmod 600 lost.db.key
run callstat-import -c callstat.conf -d lost.db second.csv
check_rc 0 "the key restored: the import works"
cp first.csv first-copy.csv
run callstat-import -c callstat.conf -d lost.db first-copy.csv
check "a renamed copy of stored records stores nothing twice" \
	has err "first-copy.csv: 17 lines read, 0 stored, 17 skipped, 0 rejected"
check "34 CDR rows" [ "$(sqlite3 lost.db 'SELECT count(*) FROM cdr')" -eq 34 ]
check "call 11's caller matches call 10's under the same key" \
	[ "$(sqlite3 lost.db "SELECT count(DISTINCT caller) FROM calls WHERE id IN ('1741767000.715', '1741767150.717')")" -eq 1 ]

# --- numbers in every written form, in every text field -----------------------------
# 06 39 98 01 19 and 01 99 00 01 00 written every way, in every text field of
# a Master.csv of 18 and of 21 columns and of a queue_log (an unknown event's
# data, agents, queue names, ENTERQUEUE's URL and caller's name); none of
# their digits may be found afterwards in any written form, nor 9 or 8 of
# them in a row.  The last form has a no-break and a narrow no-break space.
cat > form-list.txt << 'EOF'
06 39 98 01 19
+33 6 39 98 01 19
0033639980119
+33 (0)6 39 98 01 19
06.39.98.01.19
06-39-98-01-19
01 99 00 01 00
0639980119
+33639980119
+33.6.39.98.01.19
(0)6 39 98 01 19
0033 (0)1 99 00 01 00
06 39\302\24098 01\342\200\25719
EOF
: > numbers.csv
: > numbers21.csv
: > numbers.queue_log
i=0
while IFS= read -r f; do
	f=$(printf "$f")
	i=$((i + 1))
	t=$((1741086000 + i * 600))
	d=$(date -u -d "@$t" '+%Y-%m-%d %H:%M:%S')
	e=$(date -u -d "@$((t + 60))" '+%Y-%m-%d %H:%M:%S')
	row="\"acct $f\",\"sip:$f\",\"tel:$f\",\"ctx-$f\",\"\"\"Name $f\"\" <$f>\",\"PJSIP/trunk/sip:$f@x-0000000$i\",\"Local/$f@out-0000001$i;1\",\"App $f\",\"PJSIP/trunk/sip:$f@x,60\",\"$d\",\"$d\",\"$e\",60,60,\"ANSWERED $f\",\"DOC $f\",\"$t.$i\",\"user $f\""
	echo "$row" >> numbers.csv
	echo "$row,\"peer $f\",\"$t.$i\",$i" >> numbers21.csv
	echo "$t|$t.$i|accueil|PJSIP/$f|NOTE|$f|x $f|$f y|($f)|$f" >> numbers.queue_log
	echo "$((t + 1))|$t.$i|accueil|NONE|ENTERQUEUE|$f|$f|1|Name $f" >> numbers.queue_log
	echo "$((t + 2))|$t.$i|q $f|Local/$f@agents|CONNECT|1|$t.9$i|1" >> numbers.queue_log
done < form-list.txt
# the digits searched for: each number run together, without its 0, its
# last 8 digits, and in pairs (all five, or the last four) with a space,
# a dot or a dash between
: > digits.txt
for n in 0639980119 0199000100; do
	s=${n#0}
	printf '%s\n%s\n%s\n' "$n" "$s" "${s#?}" >> digits.txt
	for c in ' ' . -; do
		echo "$n" | sed "s/\(..\)\(..\)\(..\)\(..\)\(..\)/\1$c\2$c\3$c\4$c\5/" >> digits.txt
		echo "$n" | sed "s/..\(..\)\(..\)\(..\)\(..\)/\1$c\2$c\3$c\4/" >> digits.txt
	done
done
# digits FILE...: none of digits.txt in these files (binary included)
digits() {
	_bad=0
	for _f in "$@"; do
		[ -e "$_f" ] || continue
		if LC_ALL=C grep -a -q -F -f digits.txt "$_f"; then
			echo "$_f: a number is left:"
			LC_ALL=C grep -a -o -F -f digits.txt "$_f" | sort | uniq -c | head -5
			_bad=1
		fi
	done
	return $_bad
}
# 13 forms: 13 lines in each Master.csv, 39 in the queue_log; 12 of the
# forms (not the one with no-break spaces) are found by the search
check "the inputs hold the numbers (the search finds them)" \
	[ "$(LC_ALL=C cat numbers.csv numbers21.csv numbers.queue_log | grep -a -c -F -f digits.txt)" -eq 60 ]
run callstat-import -c callstat.conf -d forms.db numbers.queue_log
check_rc 0 "import the queue_log of numbers"
check "every queue_log line stored" has err "39 lines read, 39 stored, 0 skipped, 0 rejected"
mkfifo hold2
sqlite3 -cmd 'BEGIN' -cmd 'SELECT count(*) FROM cdr' forms.db < hold2 > hold2.out 2>&1 &
holder=$!
exec 3> hold2
held hold2.out
run callstat-import -c callstat.conf -d forms.db numbers.csv
check_rc 0 "import the Master.csv of numbers, 18 columns"
check "every 18-column line stored" has err "13 lines read, 13 stored, 0 skipped, 0 rejected"
run callstat-import -c callstat.conf -d forms.db --times utc numbers21.csv
check_rc 0 "import the Master.csv of numbers, 21 columns"
check "every 21-column line stored" has err "13 lines read, 13 stored, 0 skipped, 0 rejected"
check "the WAL holds the import" [ -s forms.db-wal ]
check "no number in forms.db-wal" digits forms.db-wal
check "no number in forms.db-shm" digits forms.db-shm
check "no number in forms.db (with the WAL open)" digits forms.db
exec 3>&-
wait "$holder"
check "no number in forms.db (after the checkpoint)" digits forms.db forms.db-wal
sqlite3 forms.db .dump > forms.sql
check "the dump holds the rows" [ "$(grep -c 'INSERT INTO cdr' forms.sql)" -eq 26 ]
check "no number in the sqlite3 .dump" digits forms.sql
check "no no-break space left in the .dump (the last form was masked)" \
	sh -c '! LC_ALL=C grep -q "$(printf "\302\240")" forms.sql'
if command -v strings > /dev/null 2>&1; then
	strings -a forms.db > forms.strings
	check "no number in strings of forms.db" digits forms.strings
fi
check "each field keeps its text around [phone]" \
	[ "$(sqlite3 forms.db "SELECT src, dst, lastdata, peeraccount FROM cdr WHERE uniqueid = '1741086600.1' AND peeraccount IS NOT NULL")" = \
	  "sip:[phone]|tel:[phone]|PJSIP/trunk/sip:[phone]@x,60|peer [phone]" ]
# the userfield, which may hold a SIP Call-ID compared with the bot's
# (callstat-import(1)), is the keyed digest of the whole
check "the userfield with a number: its digest" \
	[ "$(sqlite3 forms.db "SELECT userfield GLOB 'id:[0-9a-f]*' AND length(userfield) = 19 FROM cdr WHERE uniqueid = '1741086600.1' AND peeraccount IS NOT NULL")" = 1 ]
check "an unknown event's data: [phone] in each" \
	[ "$(sqlite3 forms.db "SELECT queue, agent, data1, data2, data3, data4, data5 FROM queue_log WHERE event = 'NOTE' AND callid = '1741087800.3'")" = \
	  "accueil|PJSIP/[phone]|[phone]|x [phone]|[phone] y|([phone])|[phone]" ]
check "a queue name: [phone] in it" \
	[ "$(sqlite3 forms.db "SELECT DISTINCT queue FROM queue_log WHERE event = 'CONNECT' AND callid = '1741088400.4'")" = "q [phone]" ]
check "uniqueids and epochs in the data are kept" \
	[ "$(sqlite3 forms.db "SELECT data2 FROM queue_log WHERE event = 'CONNECT' AND callid = '1741087200.2'")" = 1741087200.92 ]
check "channel ids are kept" \
	[ "$(sqlite3 forms.db "SELECT channel FROM cdr WHERE uniqueid = '1741087200.2' LIMIT 1")" = "PJSIP/trunk/sip:[phone]@x-00000002" ]

# --- what the tools print -----------------------------------------------------------------
for fmt in --csv --tsv --json ""; do
	run callstat-calls -c callstat.conf -d ex.db --all-hours $fmt
	check "calls $fmt: no number in the output" none out
done
run callstat-calls -c callstat.conf -d ex.db --all-hours --csv
check "calls: the caller column is 8 hex digits, or empty when withheld" \
	awk -F, 'NR > 1 && $10 != "" && (length($10) != 8 || $10 ~ /[^0-9a-f]/) { print "line " NR ": " $10; bad = 1 }
		NR > 1 { n++ } END { exit bad || n != 18 }' out
check "calls: the withheld caller (call 7) has no hash" grep -q '^1741356600\.648,.*,$' out
run callstat-kpi -c callstat.conf -d ex.db --by service,day --json
check "kpi: no number in the output" none out

# --- a rejected line's text is not echoed -------------------------------------------------
# each junk line holds a caller's number; some where a number or a date belongs
r31=$(sed -n 31p Master.csv)
{
	echo "$r31" | cut -d, -f1-5                                      # cut short
	printf '\001%s\n' "$r31"                                          # binary
	echo "$r31" | sed 's/,7,7,/,+33639980119,7,/'                     # duration
	echo "$r31" | sed 's/,7,7,/,7,0639980119x,/'                      # billsec
	echo "$r31" | sed 's/"2025-03-31 10:02:00","2025-03-31 10:02:00"/"0639980119","2025-03-31 10:02:00"/'   # start
	echo "$r31" | sed 's/,"2025-03-31 10:02:00","2025-03-31 10:02:07"/,"+33 6 39 98 01 19","2025-03-31 10:02:07"/'   # answer
	echo "$r31" | sed 's/"urbanisme,t,,,60"/"urbanisme,t,,,60/'      # unterminated quote
	echo "$r31" | sed 's/""""" <0639980119>"/""0639980119" <>"/'     # misplaced quote
} > leak.csv
run callstat-import -c callstat.conf -d leak.db --format asterisk-cdr --rejects leak-rejects.txt Master.csv leak.csv
check_rc 1 "import the junk lines"
check "every junk line rejected" has err "leak.csv: 8 lines read, 0 stored, 0 skipped, 8 rejected"
for l in 1 2 3 4 5 6 7 8; do
	grep "^callstat-import: leak.csv:$l:" err > line.err
	check "leak.csv:$l reported" [ -s line.err ]
	check "leak.csv:$l: the message has no number" none line.err
done
check "--rejects FILE: no number" none leak-rejects.txt

# queue_log: a number where the time or a count belongs
{
	sed -n 26p queue_log
	sed -n 26p queue_log | sed 's/^1743408126|/+33639980119|/'
	sed -n 31p queue_log | sed 's/|CONNECT|.*/|CONNECT|0639980119x|1|1/'
	printf '1743408127|1743408120.1056|urbanisme\001|NONE|ENTERQUEUE||0639980119|1\n'
} > leak.queue_log
check "leak.queue_log: the CONNECT line was made" grep -q 'CONNECT|0639980119x' leak.queue_log
run callstat-import -c callstat.conf -d leak.db leak.queue_log
check_rc 1 "import the junk queue_log lines"
for l in 2 3 4; do
	grep "^callstat-import: leak.queue_log:$l:" err > line.err
	check "leak.queue_log:$l reported" [ -s line.err ]
	check "leak.queue_log:$l: the message has no number" none line.err
done
check "no number in the database after the junk" none leak.db leak.db-wal

finish
