# callstat-kpi --figures and --list-figures, and the table's default: the
# figures the council asks for, in 100 columns.  Expected values come from
# sample-data/example/expected_kpi.csv (worked by hand in calls.md), never
# from the program's output.
. "$(dirname "$0")/lib.sh"

WANT="$EX/expected_kpi.csv"

# project FILE NAMES: the columns NAMES (comma-separated) of CSV FILE, in
# that order
project() {
	awk -F, -v names="$2" '
	NR == 1 { for (i = 1; i <= NF; i++) col[$i] = i; n = split(names, w, ",")
		for (j = 1; j <= n; j++) if (!(w[j] in col)) { print "no column " w[j] > "/dev/stderr"; exit 1 } }
	{ line = ""; for (j = 1; j <= n; j++) line = line (j > 1 ? "," : "") $(col[w[j]]); print line }' "$1"
}

# as_table FILE NAMES: the columns NAMES of CSV FILE as the table shows
# them: rates in percent with one decimal, seconds with one decimal, an
# empty value as an em dash; fields apart by one space, " %" dropped
as_table() {
	project "$1" "$2" | awk -F, -v names="$2" '
	BEGIN { n = split(names, w, ",")
		for (j = 1; j <= n; j++) {
			k = w[j]
			if (k ~ /_rate$|^service_level|^containment_24h$|^repeat_24h$|^callback_/) kind[j] = "rate"
			else if (k ~ /^asa$|^wait_p|^human_wait_p|^abandon_wait$|^talk$/) kind[j] = "secs"
			else kind[j] = "other"
		} }
	NR == 1 { next }
	{
		line = ""
		for (j = 1; j <= n; j++) {
			v = $j
			if (v == "") v = "—"
			else if (kind[j] == "rate") v = sprintf("%.1f", v * 100)
			else if (kind[j] == "secs") v = sprintf("%.1f", v)
			line = line (j > 1 ? " " : "") v
		}
		print line
	}'
}

# table_rows FILE: the data rows of a table, fields apart by one space,
# " %" dropped (the header's one or two lines skipped: NSKIP)
table_rows() {
	tail -n +"$(($2 + 1))" "$1" | sed 's/ %//g' | tr -s ' ' | sed 's/ $//'
}

cd "$T"
cp "$EX/callstat.conf" callstat.conf
run callstat-import -c callstat.conf -d ex.db "$EX/Master.csv" "$EX/queue_log"
check_rc 0 "import the example"

DEFAULT=offered,answered,answer_rate,agent,abandon_rate,service_level,wait_p50,wait_p90

# --- the default table -------------------------------------------------------
run callstat-kpi -c callstat.conf -d ex.db
check_rc 0 "kpi: the default table"
check "default table: at most 100 columns on the example ($(wc -L < out))" \
	[ "$(wc -L < out)" -le 100 ]
check "default table: the council's figures, in order" \
	[ "$(head -1 out | tr -s ' ')" = "service $(echo $DEFAULT | tr , ' ')" ]
check "default table: service_level's threshold under its name" \
	sh -c 'sed -n 2p out | grep -qE "^ +\(20 s\)\$"'
check "default table: no line ends in a space" sh -c '! grep -q " \$" out'
# the whole range, worked from calls.md: accueil 8 offered (1 + 7), 5
# answered, 3 by a person, 1 abandoned, 5 within 20 s, waits 14 | 1 1 2 9;
# urbanisme 7 offered (1 + 6), 4 answered, all by a person, 1 abandoned,
# 3 within 20 s, waits 18 | 1 20 31
printf '%s\n' 'accueil 8 5 62.5 3 12.5 62.5 2.0 14.0' \
	'urbanisme 7 4 57.1 4 14.3 42.9 18.0 31.0' > want-default
table_rows out 2 > got-default
check "default table: the figures of calls.md" cmp -s want-default got-default

run callstat-kpi -c callstat.conf -d ex.db --by service,month
check_rc 0 "kpi --by service,month: table"
check "table by month: service, period, then the default figures" \
	[ "$(head -1 out | tr -s ' ')" = "service period $(echo $DEFAULT | tr , ' ')" ]
as_table "$WANT" "service,period,$DEFAULT" > want-month
table_rows out 2 > got-month
check "table by month: expected_kpi.csv's values" cmp -s want-month got-month
check "table by month: no out-of-hours columns" sh -c '! grep -q out_of_hours out'

# --- CSV, TSV and JSON keep every figure by default --------------------------
run callstat-kpi -c callstat.conf -d ex.db --by service,month --csv
check "CSV by default: every figure, as expected_kpi.csv" same_numbers "$WANT" out
cp out all.csv
run callstat-kpi -c callstat.conf -d ex.db --by service,month --csv --figures all
check_rc 0 "--figures all --csv"
check "--figures all: the same CSV" cmp -s out all.csv
run callstat-kpi -c callstat.conf -d ex.db --by service,month --tsv
check "TSV by default: every figure" sh -c 'tr "\t" , < out | cmp -s - all.csv'
run callstat-kpi -c callstat.conf -d ex.db --by service,month --json
check "JSON by default: 30 figures and 2 keys per object" \
	[ "$(grep -c '^    "' out)" -eq $((4 * 32)) ]

# --- --figures, in every format, in the order asked ---------------------------
# not the CSV's order, a rate, a count, seconds, an empty value (abandon_wait
# of accueil in February)
PICK=wait_p90,offered,service_level_answered,abandon_wait,agent_answer_rate
project "$WANT" "service,period,$PICK" > want-pick.csv
run callstat-kpi -c callstat.conf -d ex.db --by service,month --csv --figures "$PICK"
check_rc 0 "--figures --csv"
check "--figures --csv: the columns asked, in order, expected values" \
	same_numbers want-pick.csv out
run callstat-kpi -c callstat.conf -d ex.db --by service,month --tsv --figures "$PICK"
check_rc 0 "--figures --tsv"
tr '\t' , < out > tsv.csv
check "--figures --tsv: the same" same_numbers want-pick.csv tsv.csv
run callstat-kpi -c callstat.conf -d ex.db --by service,month --json --figures "$PICK"
check_rc 0 "--figures --json"
# one key per line: the keys of the first object, in order
check "--figures --json: the keys asked, in order, after service and period" \
	[ "$(awk -F'"' '/^    "/ { k = k (k == "" ? "" : ",") $2 } /^  }/ { print k; exit }' out)" = "service,period,$PICK" ]
check "--figures --json: every object has them" \
	[ "$(grep -c '^    "' out)" -eq $((4 * 7)) ]
if command -v python3 > /dev/null; then
	check "--figures --json: expected_kpi.csv's values, null for empty" python3 -c '
import csv, json, sys
got = json.load(open(sys.argv[1]))
want = list(csv.DictReader(open(sys.argv[2])))
keys = sys.argv[3].split(",")
assert len(got) == len(want), (len(got), len(want))
for g, w in zip(got, want):
    assert list(g.keys()) == ["service", "period"] + keys, list(g.keys())
    assert g["service"] == w["service"] and g["period"] == w["period"]
    for k in keys:
        if w[k] == "":
            assert g[k] is None, (k, g[k])
        else:
            assert abs(g[k] - float(w[k])) < 1e-12, (k, g[k], w[k])
' out "$WANT" "$PICK"
fi
run callstat-kpi -c callstat.conf -d ex.db --by service,month --figures "$PICK"
check_rc 0 "--figures: table"
check "--figures table: the columns asked, in order" \
	[ "$(head -1 out | tr -s ' ')" = "service period $(echo $PICK | tr , ' ')" ]
as_table "$WANT" "service,period,$PICK" > want-pick
table_rows out 1 > got-pick
check "--figures table: expected values, an em dash for empty" cmp -s want-pick got-pick
# the keys follow --by, whatever --figures says
run callstat-kpi -c callstat.conf -d ex.db --by month --csv --figures answer_rate,offered
check "--by month --figures: period first" \
	[ "$(head -1 out)" = "period,answer_rate,offered" ]
run callstat-kpi -c callstat.conf -d ex.db -s urbanisme --csv --figures offered
check "-s urbanisme --figures offered: service and 7 (1 + 6)" \
	[ "$(cat out)" = "$(printf 'service,offered\nurbanisme,7')" ]
# the whole table keeps the out-of-hours calls beside
run callstat-kpi -c callstat.conf -d ex.db --by service,month --figures all
check "--figures all table: every figure, then out_of_hours" \
	[ "$(head -1 out | tr -s ' ')" = "$(head -1 all.csv | tr , ' ') out_of_hours out_of_hours_answered" ]

# --- bad names: usage errors ---------------------------------------------------
for bad in answer_rat offered,nope service period "" offered, offered,,asa asa,asa all,asa ANSWERED; do
	run callstat-kpi -c callstat.conf -d ex.db --figures "$bad"
	check_rc 2 "--figures '$bad'"
	check "--figures '$bad': nothing on stdout" [ ! -s out ]
	check "--figures '$bad': points to --list-figures" has err "callstat-kpi --list-figures"
	check "--figures '$bad': Try --help" has err "Try 'callstat-kpi --help'"
done
run callstat-kpi -c callstat.conf -d ex.db --figures offered,nope --csv
check "--figures offered,nope: names 'nope'" has err "unknown name 'nope'"
run callstat-kpi --figures nope -d nosuch.db
check_rc 2 "--figures nope is a usage error before the database is opened"

# --- --list-figures ------------------------------------------------------------
mkdir empty
run sh -c 'cd empty && callstat-kpi --list-figures'
check_rc 0 "--list-figures, without configuration or database"
check "--list-figures: the CSV header's figures, in order, and nothing else" \
	[ "$(awk '{ print $1 }' out | paste -sd, -)" = "$(head -1 "$WANT" | cut -d, -f3-)" ]
check "--list-figures: a definition on each line" awk 'NF < 3 { exit 1 }' out
check "--list-figures: answer_rate is answered / offered" \
	grep -qE '^answer_rate +answered / offered$' out
check "--list-figures: lines of 100 columns at most" [ "$(wc -L < out)" -le 100 ]

# --- the two-year town of sample-data ------------------------------------------
run callstat-import -c "$CS_TOP/sample-data/callstat.conf" -d town.db \
	"$CS_TOP/sample-data/Master.csv" "$CS_TOP/sample-data/queue_log"
check_rc 0 "import the town of sample-data"
run callstat-kpi -c "$CS_TOP/sample-data/callstat.conf" -d town.db
check_rc 0 "kpi on the town"
check "town: default table at most 100 columns ($(wc -L < out))" \
	[ "$(wc -L < out)" -le 100 ]
for by in service,month service,week month; do
	run callstat-kpi -c "$CS_TOP/sample-data/callstat.conf" -d town.db --by $by
	check "town: --by $by table at most 100 columns ($(wc -L < "$T/out"))" \
		[ "$(wc -L < "$T/out")" -le 100 ]
done
run callstat-kpi -c "$CS_TOP/sample-data/callstat.conf" -d town.db
check "town: a row per service and a header of two lines" \
	[ "$(wc -l < out)" -eq $((2 + $(grep -c '^\[service ' "$CS_TOP/sample-data/callstat.conf"))) ]
run callstat-kpi -c "$CS_TOP/sample-data/callstat.conf" -d town.db --csv
check "town: CSV keeps every figure" \
	[ "$(head -1 out)" = "service,$(head -1 "$WANT" | cut -d, -f3-)" ]

finish
