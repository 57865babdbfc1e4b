# A UTF-8 BOM and CRLF line ends accepted in every format: each sample
# file imported as it is, then with a BOM and CRLF ends, into databases
# of their own: the same lines read, the same records stored, the same
# lines rejected (t0020 checks the figures for Asterisk, t0410 for
# bot-csv; this covers the rest).
. "$(dirname "$0")/lib.sh"

cd "$T"
cp "$EX/callstat.conf" callstat.conf
n=0
# FORMAT FILE: the samples of each format (the Rasa tracker is one JSON
# document, read whole: CRLF is blank space in it)
while read -r fmt f; do
	n=$((n + 1))
	printf '\357\273\277' > bom$n
	sed 's/$/\r/' "$SAMPLES/$f" >> bom$n
	cp "$SAMPLES/$f" plain$n
	callstat-import -c callstat.conf -d plain$n.db --format "$fmt" plain$n \
		2>&1 | grep "lines read" | sed 's/.*: \([0-9]* lines read\)/\1/' > want$n
	callstat-import -c callstat.conf -d bom$n.db --format "$fmt" bom$n \
		2>&1 | grep "lines read" | sed 's/.*: \([0-9]* lines read\)/\1/' > got$n
	check "$fmt $f: read ($(cat want$n))" [ -s want$n ]
	check "$fmt $f with BOM and CRLF: as without ($(cat got$n))" cmp -s want$n got$n
	# with --format detection too, where the format is told by content
	callstat-import -c callstat.conf -d det$n.db bom$n 2>&1 |
		grep "lines read" | sed 's/.*: \([0-9]* lines read\)/\1/' > det$n
	check "$fmt $f with BOM and CRLF: detected ($(cat det$n))" cmp -s want$n det$n
done <<'LIST'
asterisk-cdr asterisk_cdr_csv/testsuite_cdrlib_good.csv
asterisk-cdr asterisk_cdr_csv/master_2018_18col_local_channels.csv
asterisk-queue-log asterisk_queue_log/asterisk_docs_example.queue_log
asterisk-queue-log asterisk_queue_log/freepbx_2010_asterisk14_format.queue_log
connect-ctr bots/amazon_connect/ctr.jsonl
dialogflow-cx bots/dialogflow_cx/turns.jsonl
lex-v2 bots/lexv2/textlog.jsonl
rasa bots/rasa/rasa_tracker_moodbot.json
LIST
finish
