# Damaged input: the example's Master.csv with junk lines added at known
# places; line ends, BOM, empty files, files of no known format, directories,
# missing files, Latin-1 text, standard input.  The 34 good records must all
# be stored and the figures must stay those of spec/example/expected_kpi.csv.
. "$(dirname "$0")/lib.sh"

# kpi_is_expected DB: the figures of DB are expected_kpi.csv's
kpi_is_expected() {
	callstat-kpi -c callstat.conf -d "$1" --by service,month --csv > "$1.kpi" 2> "$1.kpi.err" &&
	same_numbers "$EX/expected_kpi.csv" "$1.kpi"
}

cd "$T"
cp "$EX/callstat.conf" callstat.conf
cp "$EX/Master.csv" Master.csv
cp "$EX/queue_log" queue_log

# --- bad.csv: the 34 records, each once and intact, and junk lines between ---
#  5  a record cut short (its first 9 fields)
#  9  two records glued on one line (no line end between them)
# 12  an impossible date, 2025-02-30
# 14  binary garbage
# 17  a word where a number belongs (duration "abc")
# 19  22 fields
# 22  an unterminated quote (the uniqueid's closing quote is missing)
# 23  a misplaced quote inside a field
# 43  the last line, with no line end
awk '{ ex[NR] = $0 } END {
	if (NR != 34) exit 1
	for (i = 1; i <= 4; i++) print ex[i]
	split(ex[5], f, ","); s = f[1]; for (i = 2; i <= 9; i++) s = s "," f[i]; print s
	print ex[5]; print ex[6]; print ex[7]
	printf "%s%s\n", ex[8], ex[9]
	print ex[8]; print ex[9]
	l = ex[10]; if (!sub(/"2025-03-06 09:05:00"/, "\"2025-02-30 09:05:00\"", l)) exit 1; print l
	print ex[10]
	printf "\001\377\376binary\001junk\377\n"
	print ex[11]; print ex[12]
	l = ex[13]; if (!sub(/,395,395,/, ",abc,395,", l)) exit 1; print l
	print ex[13]
	print ex[14] ",\"\",\"\",\"\",\"\""
	print ex[14]; print ex[15]
	l = ex[16]; if (!sub(/\.686",""$/, ".686,\"\"", l)) exit 1; print l
	l = ex[16]; if (!sub(/"NO ANSWER"/, "\"NO AN\"SWER\"", l)) exit 1; print l
	for (i = 16; i <= 34; i++) print ex[i]
	printf "%s", ex[1]
}' Master.csv > bad.csv
check "bad.csv was made" [ $? -eq 0 ]
check "bad.csv: 42 line ends (43 lines, the last one open)" [ "$(wc -l < bad.csv)" -eq 42 ]

run callstat-import -c callstat.conf -d bad.db --rejects rejects.txt bad.csv queue_log
check_rc 1 "import with rejected lines"
for l in 5 9 12 14 17 19 22 23 43; do
	check "line $l reported as 'callstat-import: bad.csv:$l: reason'" \
		grep -qE "^callstat-import: bad\.csv:$l: [^ ]" err
done
check "exactly 9 lines reported" [ "$(grep -c '^callstat-import: bad\.csv:[0-9]*:' err)" -eq 9 ]
check "no good line reported" sh -c '! grep -E "^callstat-import: bad\.csv:(1|2|3|4|6|7|8|10|11|13|15|16|18|20|21|24|30|42):" err'
check "line 5 (cut short): about its fields" grep -qE '^callstat-import: bad\.csv:5: .*field' err
check "line 9 (two glued): about its fields" grep -qE '^callstat-import: bad\.csv:9: .*field' err
check "line 12: the impossible date's field" grep -qE '^callstat-import: bad\.csv:12: .*start' err
check "line 14: binary data" grep -qE '^callstat-import: bad\.csv:14: .*binary' err
check "line 17: duration is not a number" grep -qE '^callstat-import: bad\.csv:17: .*duration' err
check "line 19: 22 fields" grep -qE '^callstat-import: bad\.csv:19: .*22' err
check "line 22: an unterminated quote" grep -qE '^callstat-import: bad\.csv:22: .*quot' err
check "line 23: a misplaced quote" grep -qE '^callstat-import: bad\.csv:23: .*quot' err
check "line 43: no line end" grep -qE '^callstat-import: bad\.csv:43: .*line end' err
check "summary: 43 lines, 34 stored, 0 skipped, 9 rejected" \
	has err "callstat-import: bad.csv: 43 lines read, 34 stored, 0 skipped, 9 rejected"
check "queue_log on the same command line: all stored" \
	has err "queue_log: 32 lines read, 32 stored, 0 skipped, 0 rejected"
sed -n 's/^callstat-import: \(bad\.csv:[0-9]*: \)/\1/p' err > stderr-rejects.txt
check "--rejects FILE has the same FILE:LINE: lines as stderr" cmp -s stderr-rejects.txt rejects.txt
check "--rejects FILE has 9 lines" [ "$(wc -l < rejects.txt)" -eq 9 ]
check "figures: expected_kpi.csv, despite the junk" kpi_is_expected bad.db
check "the database holds 34 CDR rows" \
	[ "$(sqlite3 bad.db 'SELECT count(*) FROM cdr')" -eq 34 ]

# the lines after a stray quote are read: one good record right after each
head -24 bad.csv > quote.csv
run callstat-import -c callstat.conf -d quote.db quote.csv
check_rc 1 "import a file with stray quotes"
check "after the stray quotes, line 24 is read and stored" \
	[ "$(sqlite3 quote.db "SELECT count(*) FROM cdr WHERE line = 24")" -eq 1 ]
check "stray quotes: 24 lines, 16 stored, 8 rejected" has err "quote.csv: 24 lines read, 16 stored, 0 skipped, 8 rejected"

# the open last line is read once the file grows (it got its line end)
cp bad.csv grow.csv
run callstat-import -c callstat.conf -d grow.db grow.csv
printf '\n' >> grow.csv
run callstat-import -c callstat.conf -d grow.db grow.csv
check "the open last line, once ended, is read (a duplicate: skipped)" \
	grep -q 'grow.csv: 1 lines read (new since the last import), 0 stored, 1 skipped, 0 rejected' err

# a damaged first line: the next lines show the format; --format says it too
{ head -1 Master.csv | cut -d, -f1-9; cat Master.csv; } > firstbad.csv
run callstat-import -c callstat.conf -d first0.db firstbad.csv
check_rc 1 "a damaged first line, format detected from the next ones"
check "damaged first line: detected, the 34 records after it stored" \
	has err "firstbad.csv: 35 lines read, 34 stored, 0 skipped, 1 rejected"
run callstat-import -c callstat.conf -d first.db --format asterisk-cdr firstbad.csv
check_rc 1 "a damaged first line with --format asterisk-cdr"
check "damaged first line: reported as line 1" grep -q '^callstat-import: firstbad.csv:1: ' err
check "damaged first line: the 34 records after it stored" \
	has err "firstbad.csv: 35 lines read, 34 stored, 0 skipped, 1 rejected"

# --- line ends and BOM change nothing -------------------------------------------
sed 's/$/\r/' Master.csv > crlf-Master.csv
sed 's/$/\r/' queue_log > crlf-queue_log
run callstat-import -c callstat.conf -d crlf.db crlf-Master.csv crlf-queue_log
check_rc 0 "import CRLF files"
check "CRLF Master.csv: 34 stored" has err "crlf-Master.csv: 34 lines read, 34 stored, 0 skipped, 0 rejected"
check "CRLF queue_log: 32 stored" has err "crlf-queue_log: 32 lines read, 32 stored, 0 skipped, 0 rejected"
check "CRLF: figures as expected" kpi_is_expected crlf.db

printf '\357\273\277' > bom-Master.csv
cat Master.csv >> bom-Master.csv
printf '\357\273\277' > bom-queue_log
cat queue_log >> bom-queue_log
run callstat-import -c callstat.conf -d bom.db bom-Master.csv bom-queue_log
check_rc 0 "import files with a UTF-8 BOM"
check "BOM Master.csv: 34 stored" has err "bom-Master.csv: 34 lines read, 34 stored, 0 skipped, 0 rejected"
check "BOM queue_log: 32 stored" has err "bom-queue_log: 32 lines read, 32 stored, 0 skipped, 0 rejected"
check "BOM: figures as expected" kpi_is_expected bom.db

printf '\357\273\277' > bomcrlf.csv
sed 's/$/\r/' Master.csv >> bomcrlf.csv
run callstat-import -c callstat.conf -d bomcrlf.db bomcrlf.csv queue_log
check_rc 0 "import a BOM + CRLF Master.csv"
check "BOM + CRLF: figures as expected" kpi_is_expected bomcrlf.db

# the same records with CRLF ends are the same records: nothing new
run callstat-import -c callstat.conf -d bom.db crlf-Master.csv
check "CRLF copy of stored records: all skipped" \
	has err "crlf-Master.csv: 34 lines read, 0 stored, 34 skipped, 0 rejected"

# --- an empty file, and a file of no known format ------------------------------------
: > empty.csv
run callstat-import -c callstat.conf -d empty.db empty.csv
check_rc 0 "import an empty file"
check "empty file: 0 lines" has err "empty.csv: 0 lines read, 0 stored, 0 skipped, 0 rejected"

printf 'Bonjour,\nthis is a letter, not a log.\n' > letter.txt
run callstat-import -c callstat.conf -d letter.db letter.txt
check_rc 1 "import a text file"
check "text file: none of the formats" has err "letter.txt: none of an Asterisk Master.csv, a queue_log"
threecx=$(ls "$SAMPLES"/3cx_cdr/*.log 2> /dev/null | head -1)
if [ -n "$threecx" ]; then
	# once a log of no format, now 3cx-cdr's
	run callstat-import -c callstat.conf -d letter.db "$threecx"
	check_rc 0 "import a 3CX log"
	check "3CX log: read as 3cx-cdr" [ "$(sqlite3 letter.db "SELECT format FROM sources")" = 3cx-cdr ]
fi

# --- a directory, a missing file: the other files are still imported ---------------
mkdir logs
run callstat-import -c callstat.conf -d dir.db logs
check_rc 1 "import a directory"
check "directory: named, and said to be one" grep -q 'logs: is a directory' err

run callstat-import -c callstat.conf -d missing.db nosuch.csv Master.csv logs queue_log
check_rc 1 "import a missing file among good ones"
check "missing file: named" grep -q '^callstat-import: nosuch.csv: No such file' err
check "missing file: the next file is still imported" \
	has err "Master.csv: 34 lines read, 34 stored, 0 skipped, 0 rejected"
check "missing file: the file after the directory too" \
	has err "queue_log: 32 lines read, 32 stored, 0 skipped, 0 rejected"
check "missing file: figures as expected" kpi_is_expected missing.db

# --- a Latin-1 byte in the caller's name ----------------------------------------------
# call 12's row, "ATELIER EXEMPLE" written "ATELIER ÉTÉ" in Latin-1
sed -n 20p Master.csv | sed 's/ATELIER EXEMPLE/ATELIER \xc9T\xc9/' > latin1.csv
check "latin1.csv holds Latin-1 bytes" env LC_ALL=C grep -q "$(printf '\311')" latin1.csv
run callstat-import -c callstat.conf -d latin1.db latin1.csv
check_rc 0 "import a Latin-1 caller name"
check "Latin-1: stored 1, rejected 0" has err "latin1.csv: 1 lines read, 1 stored, 0 skipped, 0 rejected"

# --- standard input -------------------------------------------------------------------------
run callstat-import -c callstat.conf -d stdin.db - < Master.csv
check_rc 0 "import - from a redirected file"
check "stdin: named (stdin), 34 stored" has err "(stdin): 34 lines read, 34 stored, 0 skipped, 0 rejected"
cat queue_log | callstat-import -c callstat.conf -d stdin.db - > out 2> err
rc=$?
check_rc 0 "import - from a pipe"
check "stdin pipe: 32 stored" has err "(stdin): 32 lines read, 32 stored, 0 skipped, 0 rejected"
check "stdin: figures as expected" kpi_is_expected stdin.db
cat Master.csv | callstat-import -c callstat.conf -d stdin.db - > out 2> err
check "stdin again: all skipped" has err "(stdin): 34 lines read, 0 stored, 34 skipped, 0 rejected"
run sh -c 'sed -n "16,17p" bad.csv | callstat-import -c callstat.conf -d stdin.db -'
check_rc 1 "stdin with a rejected line"
check "stdin: a rejected line is reported as (stdin):LINE:" grep -q '^callstat-import: (stdin):2: .*duration' err

finish
