# The calls built as a file is read (stream.c puts the records back in
# the database's order: a wheel of the seconds of the last hours, and a
# heap for a record that falls outside it) are those of the same lines in
# order: a Master.csv whose lines come up to three hours late, and, after
# each night's gap, the evening's last call after the morning's first
# (late by more than the wheel's span: the heap), gives the same calls,
# totals and histograms as its lines sorted by start.
. "$(dirname "$0")/lib.sh"

DATA="$CS_TOP/tests/data"
cd "$T"
cp "$DATA/synth-town.conf" callstat.conf

run callstat-synth -c callstat.conf --from 2024-01-08 --to 2024-01-12 \
    --calls-per-day 60 --seed 7 -o a
check_rc 0 "synth a week"

# the lines of the day (08:00 to 19:00: nights are gaps of 13 hours),
# each with its start in seconds, and that plus up to three hours
awk '{
	p = "[0-9][0-9]"
	if (!match($0, "\"20" p "-" p "-" p " " p ":" p ":" p "\""))
		next
	d = substr($0, RSTART + 9, 2) + 0; h = substr($0, RSTART + 12, 2) + 0
	m = substr($0, RSTART + 15, 2) + 0; s = substr($0, RSTART + 18, 2) + 0
	if (h < 8 || h >= 19)
		next
	k = d * 86400 + h * 3600 + m * 60 + s
	printf "%d %d %s\n", k + (NR * 7919) % 10800, k, $0
}' a/Master.csv > keyed
sort -n -k2,2 -s keyed | cut -d" " -f3- > sorted.csv
# by start plus lateness; then after each gap the morning's first line,
# and the evening's latest start after it
sort -n -k1,1 -s keyed | awk '{
	key[NR] = $1; st[NR] = $2; line[NR] = substr($0, length($1) + length($2) + 3)
} END {
	for (i = 1; i <= NR;) {
		for (j = i; j < NR && key[j + 1] - key[j] <= 6 * 3600; j++)
			;
		if (j == NR) {
			for (k = i; k <= NR; k++)
				print line[k]
			break
		}
		e = i
		for (k = i; k <= j; k++)
			if (st[k] >= st[e])
				e = k
		for (k = i; k <= j; k++)
			if (k != e)
				print line[k]
		print line[j + 1]
		print line[e]
		i = j + 2
	}
}' > late.csv
check "the same lines" [ "$(sort late.csv | md5sum)" = \
    "$(sort sorted.csv | md5sum)" ]
check "over 300 lines" [ "$(wc -l < late.csv)" -gt 300 ]
check "the lines come in another order" sh -c "! cmp -s late.csv sorted.csv"

run callstat-import -q -c callstat.conf -d late.db late.csv
check_rc 0 "import the lines out of order"
cp late.db.key sorted.db.key
run callstat-import -q -c callstat.conf -d sorted.db sorted.csv
check_rc 0 "import the lines sorted"
for t in calls daily wait_hist; do
	sqlite3 late.db "SELECT * FROM $t ORDER BY 1, 2, 3, 4" > late.$t
	sqlite3 sorted.db "SELECT * FROM $t ORDER BY 1, 2, 3, 4" > sorted.$t
	check "$t: the same rows" cmp -s late.$t sorted.$t
done
check "calls were built" [ "$(wc -l < late.calls)" -gt 250 ]
check "every line stored" \
    [ "$(sqlite3 late.db 'SELECT count(*) FROM cdr')" -eq "$(wc -l < late.csv)" ]

finish
