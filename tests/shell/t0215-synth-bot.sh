# callstat-synth's bot: transcripts.jsonl (callstat's canonical events)
# and truth_sessions.csv beside the PBX logs.  Imported in either order,
# every figure of callstat-kpi --by service,month equals truth.csv's (rule 3
# moves the calls the bot kept, tests/data/synth-kpi.sql), --by intent the
# one computed from the sessions' truth (tests/data/synth-intent.sql, from
# callstat-kpi(7)), each session links to the call and by the rule the
# truth says; a second import stores nothing; no personal data the callers
# gave the bot is found in the database files, in any form.
. "$(dirname "$0")/lib.sh"

DATA="$CS_TOP/tests/data"
cd "$T"
cp "$DATA/synth-town.conf" callstat.conf

. "$CS_TOP/tests/shell/synth-figures.sh"

# want ($1, no header) against callstat-kpi's CSV ($2), by its first
# column ($3 = 1) or its first two ($3 = 2), numbers as numbers
same_rows() {
	awk -F, -v key="$3" '
	function k() { return key == 1 ? $1 : $1 "," $2 }
	FNR == NR { want[k()] = $0; next }
	FNR == 1 { for (i = 1; i <= NF; i++) name[i] = $i; next }
	{
		if (!(k() in want)) { print "  extra row " k(); bad++; next }
		split(want[k()], w, ",")
		for (i = key + 1; i <= NF; i++) {
			if ($i == "" && w[i] == "") continue
			d = $i - w[i]; if (d < 0) d = -d
			m = w[i] < 0 ? -w[i] : w[i]
			if ($i == "" || w[i] == "" || d > 1e-9 * (m > 1 ? m : 1)) {
				if (bad < 10) print "  " k() " " name[i] ": callstat \"" $i "\", truth \"" w[i] "\""
				bad++
			}
		}
		delete want[k()]
	}
	END { for (r in want) { print "  missing row " r; bad++ }
		if (bad) print "  " bad " differences"; exit bad > 0 }' "$1" "$2"
}

synth() {
	run callstat-synth -c callstat.conf --from 2024-02-01 --to 2024-05-31 \
	    --calls-per-day 60 "$@"
}

mkdir a b
synth --seed 11 -o a
check_rc 0 "synth four months, the bot live from 4 March"
check "transcripts and their truth" test -s a/transcripts.jsonl -a -s a/truth_sessions.csv
check "truth_sessions.csv header" has a/truth_sessions.csv \
    "session,start,start_local,call_id,link,intent,service,outcome,turns,caller_turns,fallback_turns,handling_ms"
check "truth.csv names each call's session" sh -c \
    'head -1 a/truth.csv | grep -q ",caller,session\$"'
check "a session for each call the bot answered" [ \
    "$(awk -F, 'NR > 1 && $13 == 1' a/truth.csv | wc -l)" -eq \
    "$(awk -F, 'NR > 1 && $16 != ""' a/truth.csv | wc -l)" ]
check "no session before go-live" sh -c \
    '! awk -F, "NR > 1 && \$3 < \"2024-03-04\"" a/truth_sessions.csv | grep -q .'
for l in call_id sip_call_id caller none; do
	check "some sessions link by $l" grep -q "^[^,]*,[^,]*,[^,]*,[^,]*,$l," a/truth_sessions.csv
done
check "a session of no call: a test from the console" grep -q '"call_id":"console\.' a/transcripts.jsonl
for o in resolved escalated abandoned; do
	check "outcome $o occurs" grep -q "\"outcome\":\"$o\"" a/transcripts.jsonl
done
for m in matched no_match no_input; do
	check "match $m occurs" grep -q "\"match\":\"$m\"" a/transcripts.jsonl
done
check "key presses" grep -q '"type":"dtmf"' a/transcripts.jsonl
check "transfers to a queue" grep -q '"type":"transfer".*"transfer_target":"[a-z-]*"' a/transcripts.jsonl
check "some sessions name their service" grep -q '"outcome":"resolved","service":"' a/transcripts.jsonl
check "intents of no service" grep -q '"intent":"horaires"' a/transcripts.jsonl
check "the bot legs log their SIP Call-ID" grep -q 'voicebot.*"[0-9a-f]\{16\}@pbx' a/Master.csv
check "times inside the bot leg: a session ends by its call's end" awk -F, '
	FNR == NR { if (FNR > 1 && $16 != "") start[$16] = $2; next }
	FNR > 1 && ($1 in start) && ($2 < start[$1] || $2 > start[$1] + 5) {
		print "  " $1 " starts " $2 - start[$1] " s after its call"; bad = 1 }
	END { exit bad }' a/truth.csv a/truth_sessions.csv

# same seed, same bytes
synth --seed 11 -o b
check "same transcripts.jsonl" cmp a/transcripts.jsonl b/transcripts.jsonl
check "same truth_sessions.csv" cmp a/truth_sessions.csv b/truth_sessions.csv

# the PBX logs first in one database, the transcripts first in the other
run callstat-import -c callstat.conf -d x.db a/Master.csv a/queue_log a/transcripts.jsonl
check_rc 0 "import, PBX first"
check "nothing rejected (PBX first)" sh -c "! grep -v ' 0 rejected' '$T/err' | grep -q ."
check "every event stored" grep -q "transcripts.jsonl: \([0-9]*\) lines read, \1 stored, 0 skipped, 0 rejected" err
run callstat-import -c callstat.conf -d y.db a/transcripts.jsonl a/Master.csv a/queue_log
check_rc 0 "import, transcripts first"
check "nothing rejected (transcripts first)" sh -c "! grep -v ' 0 rejected' '$T/err' | grep -q ."

truth_kpi a want-in.csv 1
truth_kpi a want-all.csv "0), (1"
tail -n +2 a/truth_sessions.csv | cut -d, -f5 | sort | uniq -c | awk '{ print $2 "|" $1 }' > want-links
sqlite3 -csv -noheader :memory: ".import a/truth_sessions.csv ts" \
    "SELECT call_id, link FROM ts WHERE call_id <> '' ORDER BY 1" > want-calls
(cd a && sqlite3 :memory: < "$DATA/synth-intent.sql") > want-intent.csv
check "the truth has intents" test "$(wc -l < want-intent.csv)" -ge 10
for db in x y; do
	run callstat-kpi -c callstat.conf -d $db.db --by service,month --csv
	check_rc 0 "$db: kpi in hours"
	cp out $db-in.csv
	check "$db: every figure in hours equals truth's" same_rows want-in.csv $db-in.csv 2
	run callstat-kpi -c callstat.conf -d $db.db --by service,month --csv --all-hours
	cp out $db-all.csv
	check "$db: every figure, all hours, equals truth's" same_rows want-all.csv $db-all.csv 2
	run callstat-kpi -c callstat.conf -d $db.db --by intent --csv
	check_rc 0 "$db: kpi --by intent"
	cp out $db-intent.csv
	check "$db: --by intent equals the sessions' truth" same_rows want-intent.csv $db-intent.csv 1
	sqlite3 $db.db "SELECT link, count(*) FROM bot_session GROUP BY 1 ORDER BY 1" > $db-links
	check "$db: link counts per method are the truth's" cmp want-links $db-links
	sqlite3 -csv -noheader $db.db "SELECT call, link FROM bot_session
	    WHERE call IS NOT NULL ORDER BY 1" > $db-calls
	check "$db: each call linked to its session, by the truth's rule" \
	    cmp want-calls $db-calls
done
check "the bot kept calls for other services than the main number's" sh -c \
    "awk -F, '\$7 == \"bot\" && \$5 != \"accueil\"' a/truth.csv | grep -q ."
check "same figures in both orders" cmp x-all.csv y-all.csv
check "same intents in both orders" cmp x-intent.csv y-intent.csv

# a second import, of the same files or of copies, stores nothing
run callstat-import -c callstat.conf -d x.db a/Master.csv a/queue_log a/transcripts.jsonl
check_rc 0 "import again"
mkdir c
cp a/transcripts.jsonl c/again.jsonl
cp a/Master.csv c/Master-copy.csv
cp a/queue_log c/queue_log-copy
run callstat-import -c callstat.conf -d x.db c/Master-copy.csv c/queue_log-copy c/again.jsonl
check_rc 0 "import copies"
check "copies: nothing stored" sh -c "! grep -v ' 0 stored' '$T/err' | grep -q ."
run callstat-kpi -c callstat.conf -d x.db --by service,month --csv --all-hours
check "figures unchanged" cmp out x-all.csv
sqlite3 x.db "SELECT count(*) FROM bot_session" > n-sessions
check "sessions stored once" [ "$(cat n-sessions)" -eq "$(($(wc -l < a/truth_sessions.csv) - 1))" ]

# the personal data callers gave the bot: every piece, as written and as
# digits only, is nowhere in the database files
sed -n 's/.*"speaker":"caller","text":"\([^"]*\)".*/\1/p' a/transcripts.jsonl |
    sed -n -e 's/^vous pouvez me rappeler au //p' -e 's/^mon numéro c.est le //p' \
    -e 's/^mon adresse c.est //p' -e 's/^mon iban c.est //p' \
    -e 's/^ma carte c.est le //p' -e 's/^mon numéro de sécu //p' | sort -u > pii
check "phone numbers spaced, dotted, run together" sh -c \
    'grep -q "^06 39 98 [0-9][0-9] [0-9][0-9]\$" pii && grep -q "^0[16]\.[0-9][0-9]\." pii &&
     grep -q "^0[16][0-9]\{8\}\$" pii'
check "phone numbers +33, 0033, in words" sh -c \
    'grep -q "^+33 [16] " pii && grep -q "^+33[16][0-9]\{8\}\$" pii &&
     grep -q "^0033[16][0-9]\{8\}\$" pii && grep -q "^zéro [a-z]" pii'
check "e-mail addresses, written and spoken" sh -c \
    'grep -q "@example\.org\$" pii && grep -q " arobase example point org\$" pii'
check "IBANs, cards, NIRs" sh -c \
    'grep -q "^FR76" pii && grep -q "^4970" pii && grep -q "^[12] [0-9][0-9] " pii &&
     grep -q "^[12][0-9]\{14\}\$" pii'
check "a few hundred pieces" [ "$(wc -l < pii)" -ge 200 ]
tr -cd '0-9\n' < pii | grep -E '^[0-9]{8,}$' | sort -u > pii-digits
check "their digits" [ "$(wc -l < pii-digits)" -ge 100 ]
for db in x y; do
	cat $db.db* > $db.all
	strings -n 6 $db.all > $db.strings
	# digits joined across what separates a number's groups, not across
	# letters: the digits of a hexadecimal hash glued to the next field's
	# once made one of the phone numbers by chance
	tr -d ' .()/+-' < $db.strings | grep -o '[0-9]\{8,\}' > $db.digits
	check "$db: no piece as written" sh -c "! grep -F -f pii $db.strings"
	check "$db: no piece as digits" sh -c "! grep -F -f pii-digits $db.digits"
	check "$db: no piece in the raw bytes" sh -c "! grep -a -F -f pii $db.all"
	check "$db: the tags are there" sh -c "grep -q '\[phone\]' $db.strings &&
	    grep -q '\[email\]' $db.strings && grep -q '\[iban\]' $db.strings &&
	    grep -q '\[card\]' $db.strings && grep -q '\[nir\]' $db.strings"
done

# 16 columns: no uniqueid, no userfield; the sessions link by their
# caller when they can, and the truth says so
mkdir f
synth --seed 11 --columns 16 -o f
check_rc 0 "synth with 16 columns"
check "16 columns: no session links by id" sh -c \
    '! cut -d, -f5 f/truth_sessions.csv | grep -q "call_id\|sip_call_id"'
check "16 columns: the same calls otherwise" sh -c \
    'cut -d, -f1-4,7- a/truth.csv > a.cut && cut -d, -f1-4,7- f/truth.csv > f.cut && cmp a.cut f.cut'
run callstat-import -c callstat.conf -d f.db f/Master.csv f/queue_log f/transcripts.jsonl
check_rc 0 "import 16 columns"
truth_kpi f want-f.csv "0), (1"
run callstat-kpi -c callstat.conf -d f.db --by service,month --csv --all-hours
cp out got-f.csv
check "16 columns: every figure equals truth's" same_rows want-f.csv got-f.csv 2
tail -n +2 f/truth_sessions.csv | cut -d, -f5 | sort | uniq -c | awk '{ print $2 "|" $1 }' > want-f-links
sqlite3 f.db "SELECT link, count(*) FROM bot_session GROUP BY 1 ORDER BY 1" > f-links
check "16 columns: link counts are the truth's" cmp want-f-links f-links

finish
