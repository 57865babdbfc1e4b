# --encoding (callstat-import(1)): a Windows-1252 or Latin-1 export made
# UTF-8 before any reader sees it; bytes the encoding has no character for
# rejected with their line; without --encoding, a line that is not UTF-8
# is read as Latin-1 (as before) and said with its line; [import] encoding.
. "$(dirname "$0")/lib.sh"

cd "$T"
cp "$EX/callstat.conf" callstat.conf
cp "$EX/Master.csv" Master.csv
cp "$EX/queue_log" queue_log

# the example's first 3 records, their accountcode (first field, empty)
# made "Mairie é € œ" in the encoding under test: é is 0xE9 in both
# Latin-1 and Windows-1252, € is 0x80 and œ is 0x9C in Windows-1252 only
head -n 3 Master.csv | sed 's/^""/"Mairie \xe9 \x80 \x9c"/' > cp1252.csv
check "cp1252.csv holds the bytes E9 80 9C" \
	env LC_ALL=C grep -q "$(printf 'Mairie \351 \200 \234')" cp1252.csv
run callstat-import -c callstat.conf -d cp1252.db --encoding cp1252 cp1252.csv
check_rc 0 "import a Windows-1252 file with --encoding cp1252"
check "cp1252: 3 stored, none rejected" \
	has err "cp1252.csv: 3 lines read, 3 stored, 0 skipped, 0 rejected"
# the same text in UTF-8: é C3 A9, € E2 82 AC, œ C5 93
sqlite3 cp1252.db "SELECT DISTINCT hex(accountcode) FROM cdr" > got
check "cp1252: the accountcode is 'Mairie é € œ' in UTF-8 ($(cat got))" \
	[ "$(cat got)" = "$(printf 'Mairie \303\251 \342\202\254 \305\223' | od -An -tx1 | tr -d ' \n' | tr a-f A-F)" ]
run callstat-kpi -c callstat.conf -d cp1252.db --by month --csv
check "cp1252: its calls are counted" [ -s "$T/out" ]

# windows-1252 is a name for it too
run callstat-import -c callstat.conf -d cp1252b.db --encoding Windows-1252 cp1252.csv
check_rc 0 "--encoding Windows-1252"

# Latin-1: é and ÿ (E9, FF)
head -n 3 Master.csv | sed 's/^""/"Mairie \xe9\xff"/' > latin1.csv
run callstat-import -c callstat.conf -d latin1.db --encoding latin1 latin1.csv
check_rc 0 "import a Latin-1 file with --encoding latin1"
check "latin1: 3 stored" has err "latin1.csv: 3 lines read, 3 stored, 0 skipped, 0 rejected"
sqlite3 latin1.db "SELECT DISTINCT hex(accountcode) FROM cdr" > got
# é C3 A9, ÿ C3 BF
check "latin1: 'Mairie éÿ' in UTF-8 ($(cat got))" [ "$(cat got)" = "4D616972696520C3A9C3BF" ]

# the wrong encoding: the Windows-1252 file read as Latin-1.  Its € (0x80)
# is a control code in Latin-1: each of the 3 lines rejected, column 11
# (the quote is byte 1, "Mairie" bytes 2-7, a blank 8, é 9, a blank 10,
# € 11)
run callstat-import -c callstat.conf -d wrong.db --encoding latin1 cp1252.csv
check_rc 1 "cp1252 read as latin1: exit 1"
check "the wrong encoding cited with its line and column" \
	has err "cp1252.csv:2:11: byte 0x80 is a control code in Latin-1"
check "3 rejected" has err "3 lines read, 0 stored, 0 skipped, 3 rejected"

# Windows-1252's undefined bytes (0x81 0x8D 0x8F 0x90 0x9D) rejected
{ head -n 1 Master.csv; sed -n 2p Master.csv | sed 's/^""/"x\x81"/'; \
  sed -n 3p Master.csv | sed 's/^""/"x\x9d"/'; } > undef.csv
run callstat-import -c callstat.conf -d undef.db --encoding cp1252 undef.csv
check_rc 1 "undefined cp1252 bytes: exit 1"
check "0x81 on line 2, column 3" has err "undef.csv:2:3: byte 0x81 is no character in Windows-1252"
check "0x9d on line 3, column 3" has err "undef.csv:3:3: byte 0x9d is no character in Windows-1252"
check "the good line stored" has err "undef.csv: 3 lines read, 1 stored, 0 skipped, 2 rejected"

# --encoding utf-8: a line that is not UTF-8 is rejected with its line
run callstat-import -c callstat.conf -d utf8.db --encoding utf-8 latin1.csv
check_rc 1 "latin1 read as utf-8: exit 1"
# (é, E9, is byte 9: see above)
check "not UTF-8 cited with line 1, column 9" has err "latin1.csv:1:9: not UTF-8 (byte 0xe9)"
check "3 rejected" has err "latin1.csv: 3 lines read, 0 stored, 0 skipped, 3 rejected"

# no --encoding: read as Latin-1 as before (exit 0), the first line that
# is not UTF-8 said once, with its line
run callstat-import -c callstat.conf -d auto.db latin1.csv
check_rc 0 "no --encoding: a Latin-1 file still imported"
check "said with its line" has err "latin1.csv:1:9: not UTF-8 (byte 0xe9); read as Latin-1"
check "said once" [ "$(grep -c 'not UTF-8' "$T/err")" -eq 1 ]
sqlite3 auto.db "SELECT DISTINCT hex(accountcode) FROM cdr" > got
check "no --encoding: the same text as with --encoding latin1" [ "$(cat got)" = "4D616972696520C3A9C3BF" ]
# a UTF-8 file: nothing said
run callstat-import -c callstat.conf -d plain.db Master.csv
check "UTF-8 file: no note" sh -c "! grep -q 'not UTF-8' '$T/err'"

# [import] encoding = cp1252 stands for --encoding; --encoding wins
{ cat callstat.conf; printf '\n[import]\nencoding = cp1252\n'; } > enc.conf
run callstat-import -c enc.conf -d conf.db cp1252.csv
check_rc 0 "[import] encoding = cp1252"
sqlite3 conf.db "SELECT DISTINCT hex(accountcode) FROM cdr" > got
check "[import] encoding: € made UTF-8" has got "E282AC"
run callstat-import -c enc.conf -d conf2.db --encoding latin1 cp1252.csv
check_rc 1 "--encoding latin1 wins over [import] encoding"
{ cat callstat.conf; printf '\n[import]\nencoding = ebcdic\n'; } > bad.conf
run callstat-import -c bad.conf -d bad.db cp1252.csv
check_rc 1 "[import] encoding = ebcdic refused"
check "the configuration's error says what it takes" has err "encoding must be latin1, cp1252 or utf-8"
run callstat-import -c callstat.conf -d x.db --encoding ebcdic cp1252.csv
check_rc 2 "--encoding ebcdic: usage error"

# BOM and CRLF with an encoding: a UTF-8 BOM cannot open a cp1252 file,
# but CRLF can end its lines
sed 's/$/\r/' cp1252.csv > crlf.csv
run callstat-import -c callstat.conf -d crlf.db --encoding cp1252 crlf.csv
check "cp1252 with CRLF: 3 stored" has err "crlf.csv: 3 lines read, 3 stored, 0 skipped, 0 rejected"
sqlite3 crlf.db "SELECT DISTINCT hex(accountcode) FROM cdr" > got
check "CRLF: no CR in the text ($(cat got))" [ "$(cat got)" = "$(sqlite3 cp1252.db "SELECT DISTINCT hex(accountcode) FROM cdr")" ]
finish
