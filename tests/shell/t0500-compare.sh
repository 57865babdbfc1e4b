# callstat-compare on a synth town whose bot goes live on 4 March 2024:
# the default split, x and n of each side against truth.csv, the intervals
# and p-values recomputed from truth.csv by an independent Python script
# (the textbook formulas, the Mann-Whitney ranks from the calls' own
# waits), the counts and means (abandon_wait, talk) and their differences
# from truth.csv too, the formats and the seed's column, T beside
# service_level, --matched, --seed, and bad arguments.
. "$(dirname "$0")/lib.sh"

DATA="$CS_TOP/tests/data"
cd "$T"
cp "$DATA/synth-town.conf" callstat.conf

run callstat-synth -c callstat.conf --from 2024-01-01 --to 2024-06-30 \
    --calls-per-day 60 --seed 7 -o a
check_rc 0 "synth a half year with go-live inside"
run callstat-import -c callstat.conf -d a.db a/Master.csv a/queue_log a/transcripts.jsonl
check_rc 0 "import the town"

# truth.py TRUTH HOURS [BEFORE_FROM BEFORE_TO AFTER_FROM AFTER_TO [MONTHS]]:
# the periods (the default split at 2024-03-04 when none are given) on the
# first line, then "figure,service,before_x,before_n,after_x,after_n,
# diff_low,diff_high,p_value" from truth.csv alone
cat > truth.py <<'PY'
import csv, datetime, math, sys

Z = 1.959963984540054
truth, hours = sys.argv[1], sys.argv[2]
calls = [r for r in csv.DictReader(open(truth)) if r["direction"] == "inbound"
         and (hours == "all" or r["in_hours"] == "1")]
day = lambda r: r["start_local"][:10]
D = datetime.date.fromisoformat
if len(sys.argv) > 3:
    bf, bt, af, at = sys.argv[3:7]
else:
    days = sorted(day(r) for r in calls)
    g = D("2024-03-04")
    n = min((g - D(days[0])).days, (D(days[-1]) - g).days + 1)
    bf, bt = str(g - datetime.timedelta(n)), str(g - datetime.timedelta(1))
    af, at = str(g), str(g + datetime.timedelta(n - 1))
months = set(int(m) for m in sys.argv[7].split(",")) if len(sys.argv) > 7 else None
print(bf, bt, af, at)

def side(f, t):
    return [r for r in calls if f <= day(r) <= t and r["outcome"] != "short"
            and (months is None or int(day(r)[5:7]) in months)]

def wilson(x, n):
    c, h = x + Z * Z / 2, Z * math.sqrt(x * (n - x) / n + Z * Z / 4)
    return (c - h) / (n + Z * Z), (c + h) / (n + Z * Z)

def rate(fig, svc, b, a, num, den):
    bn = [r for r in b if den(r)]; an = [r for r in a if den(r)]
    x1, n1 = sum(1 for r in bn if num(r)), len(bn)
    x2, n2 = sum(1 for r in an if num(r)), len(an)
    p1, p2 = x1 / n1, x2 / n2
    l1, u1 = wilson(x1, n1); l2, u2 = wilson(x2, n2)
    lo = p2 - p1 - math.hypot(p2 - l2, u1 - p1)
    hi = p2 - p1 + math.hypot(u2 - p2, p1 - l1)
    P = (x1 + x2) / (n1 + n2)
    z = (p2 - p1) / math.sqrt(P * (1 - P) * (1 / n1 + 1 / n2))
    print("%s,%s,%d,%d,%d,%d,%.17g,%.17g,%.17g" % (fig, svc, x1, n1, x2, n2,
          lo, hi, math.erfc(abs(z) / math.sqrt(2))))

def mann_whitney(w1, w2):
    # ranks of the pooled waits, a tie's places sharing their mean rank
    allw = sorted([(v, 0) for v in w1] + [(v, 1) for v in w2])
    r1, i, ties, N = 0.0, 0, 0.0, len(allw)
    while i < N:
        j = i
        while j < N and allw[j][0] == allw[i][0]:
            j += 1
        mid = (i + 1 + j) / 2
        r1 += mid * sum(1 for k in range(i, j) if allw[k][1] == 0)
        t = j - i; ties += t ** 3 - t
        i = j
    n1, n2 = len(w1), len(w2)
    u = r1 - n1 * (n1 + 1) / 2
    var = n1 * n2 / 12 * ((N + 1) - ties / (N * (N - 1)))
    return math.erfc(abs((u - n1 * n2 / 2) / math.sqrt(var)) / math.sqrt(2))

answered = lambda r: r["outcome"] in ("agent", "bot")
B, A = side(bf, bt), side(af, at)

# with PLAIN set, the counts and the means too, into that file:
# "figure,service,before,after,diff", a side without calls counting 0
# and a mean of nothing empty, its difference then empty
def shorts(f, t):
    return [r for r in calls if f <= day(r) <= t and r["outcome"] == "short"
            and (months is None or int(day(r)[5:7]) in months)]
SB, SA = shorts(bf, bt), shorts(af, at)
def is_(o):
    return lambda r: r["outcome"] == o
counts = [
    ("offered", lambda r: True), ("answered", answered),
    ("needed_agent", lambda r: r["needed_agent"] == "1"),
    ("agent", is_("agent")), ("bot", is_("bot")),
    ("abandoned", is_("abandoned")), ("missed", is_("missed")),
    ("voicemail", is_("voicemail")), ("short", None),
    ("bot_sessions", lambda r: r["bot_answered"] == "1"),
    ("escalated", lambda r: r["escalated"] == "1"),
    ("lost", lambda r: r["outcome"] in ("abandoned", "missed")),
]
means = [("abandon_wait", "abandoned", "abandon_wait"), ("talk", "agent", "talk")]
if "PLAIN" in __import__("os").environ:
    out = open(__import__("os").environ["PLAIN"], "w")
    out.write("figure,service,before,after,diff\n")
    for svc in sorted(set(r["service"] for r in B + A + SB + SA)) + ["town"]:
        pick = lambda l: [r for r in l if svc == "town" or r["service"] == svc]
        b, a, sb, sa = pick(B), pick(A), pick(SB), pick(SA)
        for fig, f in counts:
            x1 = len(sb) if f is None else sum(1 for r in b if f(r))
            x2 = len(sa) if f is None else sum(1 for r in a if f(r))
            out.write("%s,%s,%d,%d,%d\n" % (fig, svc, x1, x2, x2 - x1))
        for fig, o, col in means:
            v1 = [int(r[col]) for r in b if r["outcome"] == o]
            v2 = [int(r[col]) for r in a if r["outcome"] == o]
            m1 = "%.17g" % (sum(v1) / len(v1)) if v1 else ""
            m2 = "%.17g" % (sum(v2) / len(v2)) if v2 else ""
            d = "%.17g" % (float(m2) - float(m1)) if v1 and v2 else ""
            out.write("%s,%s,%s,%s,%s\n" % (fig, svc, m1, m2, d))
for svc in sorted(set(r["service"] for r in B + A)) + ["town"]:
    b = [r for r in B if svc == "town" or r["service"] == svc]
    a = [r for r in A if svc == "town" or r["service"] == svc]
    if not b or not a:
        continue
    rate("answer_rate", svc, b, a, answered, lambda r: True)
    rate("abandon_rate", svc, b, a, lambda r: r["outcome"] == "abandoned", lambda r: True)
    rate("service_level", svc, b, a, lambda r: answered(r) and int(r["wait"]) <= 20,
         lambda r: True)
    w1 = [int(r["wait"]) for r in b if answered(r)]
    w2 = [int(r["wait"]) for r in a if answered(r)]
    p = mann_whitney(w1, w2)
    print("asa,%s,%d,%d,%d,%d,,,%.17g" % (svc, sum(w1), len(w1), sum(w2), len(w2), p))
    print("wait_p90,%s,,%d,,%d,,,%.17g" % (svc, len(w1), len(w2), p))
PY

# same_values WANT GOT: each line of WANT (after its first) has a row of
# GOT's CSV with the same figure and service, and the same values where
# WANT gives one: counts exactly, the rest to 1e-9 (relative for p)
same_values() {
	awk -F, '
	FNR == NR { if (FNR > 1) want[$1 "," $2] = $0; next }
	FNR == 1 { for (i = 1; i <= NF; i++) col[$i] = i; next }
	{ got[$1 "," $2] = $0 }
	END {
		n = split("before_x before_n after_x after_n diff_low diff_high p_value", name, " ")
		for (k in want) {
			if (!(k in got)) { print "  no row " k; bad++; continue }
			split(want[k], w, ","); split(got[k], g, ",")
			for (j = 1; j <= n; j++) {
				wv = w[j + 2]; gv = g[col[name[j]]]
				if (wv == "") continue
				d = gv - wv; if (d < 0) d = -d
				tol = name[j] == "p_value" ? 1e-6 * wv + 1e-300 : 1e-9
				if (gv == "" || d > tol) {
					if (bad < 10) print "  " k " " name[j] ": callstat \"" gv "\", truth \"" wv "\""
					bad++
				}
			}
			rows++
		}
		if (rows < 20) { print "  only " rows + 0 " rows compared"; bad++ }
		exit bad > 0
	}' "$1" "$2"
}

# same_plain WANT GOT: each row of WANT (truth.py's PLAIN) has its row in
# GOT's CSV, with before, after and diff equal (to 1e-9), empty where
# WANT's are
same_plain() {
	awk -F, '
	FNR == NR { if (FNR > 1) want[$1 "," $2] = $0; next }
	FNR == 1 { for (i = 1; i <= NF; i++) col[$i] = i; next }
	{ got[$1 "," $2] = $0 }
	END {
		n = split("before after diff", name, " ")
		for (k in want) {
			if (!(k in got)) { print "  no row " k; bad++; continue }
			split(want[k], w, ","); split(got[k], g, ",")
			for (j = 1; j <= n; j++) {
				wv = w[j + 2]; gv = g[col[name[j]]]
				d = gv - wv; if (d < 0) d = -d
				if ((wv == "") != (gv == "") || d > 1e-9) {
					if (bad < 10) print "  " k " " name[j] ": callstat \"" gv "\", truth \"" wv "\""
					bad++
				}
			}
			rows++
		}
		if (rows < 80) { print "  only " rows + 0 " rows compared"; bad++ }
		exit bad > 0
	}' "$1" "$2"
}

# --- the default split, in hours ---------------------------------------------
run callstat-compare -c callstat.conf -d a.db --csv
check_rc 0 "compare at go_live, CSV"
cp out got.csv
check "truth's values" sh -c 'python3 truth.py a/truth.csv in > want.csv'
check "x, n, Newcombe's interval, z and Mann-Whitney p equal truth's" \
	same_values want.csv got.csv
check "truth's counts and means" sh -c 'PLAIN=plain.csv python3 truth.py a/truth.csv in > /dev/null'
check "every count and mean, and its difference, equals truth's" \
	same_plain plain.csv got.csv
sed '2s/,[-0-9]*$/,999/' plain.csv > plain-bad.csv
same_plain plain-bad.csv got.csv > /dev/null && caught=0 || caught=1
check "same_plain: a wrong difference is caught" [ "$caught" -eq 1 ]
check "CSV header: exactly the fields" test "$(head -n 1 got.csv)" = \
	"figure,service,before,after,before_x,before_n,after_x,after_n,before_low,before_high,after_low,after_high,diff,diff_low,diff_high,p_value,seed"
check "every CSV row has 17 fields" awk -F, 'NF != 17 { exit 1 }' got.csv
check "30 figures for each of 5 services and the town" \
	test "$(tail -n +2 got.csv | wc -l)" -eq $((30 * 6))
check "the figures of before first, then kpi.md's others in its order" \
	test "$(awk -F, 'NR > 1 && $2 == "town" { printf "%s ", $1 }' got.csv)" = \
	"offered answer_rate agent_answer_rate abandon_rate service_level service_level_answered escalation_rate containment_rate containment_24h escalation_answer_rate repeat_24h callback_2h callback_24h asa wait_p50 wait_p90 human_wait_p90 answered needed_agent agent bot abandoned missed voicemail short abandon_wait talk bot_sessions escalated lost "
check "seed: 1 on the waits' rows, empty on the others" awk -F, 'NR > 1 {
	w = $1 ~ /^(asa|wait_p50|wait_p90|human_wait_p90)$/
	if (w && $17 != "1" || !w && $17 != "") exit 1 }' got.csv
check "the counts and means: no interval, no p-value" awk -F, '
	NR > 1 && $1 ~ /^(answered|needed_agent|agent|bot|abandoned|missed|voicemail|short|abandon_wait|talk|bot_sessions|escalated|lost)$/ &&
	$9 $10 $11 $12 $14 $15 $16 != "" { exit 1 }' got.csv
check "diff is after - before" awk -F, 'NR > 1 && $13 != "" {
	d = $4 - $3 - $13; if (d > 1e-12 || d < -1e-12) exit 1 }' got.csv
check "a Wilson interval holds its rate" awk -F, 'NR > 1 && $9 != "" {
	if (!($9 <= $3 && $3 <= $10 && $11 <= $4 && $4 <= $12)) exit 1 }' got.csv
read -r bf bt af at < want.csv
run callstat-compare -c callstat.conf -d a.db
check_rc 0 "compare at go_live, table"
check "table: the before period (truth: $bf to $bt)" has out "before: $bf to $bt"
check "table: the after period (truth: $af to $at)" has out "after:  $af to $at"
check "table: the seed printed" has out "seed 1"
check "table: what n.s. means" has out "n.s.: not significant (p > 0.05)"
check "table: changes in points" grep -q "^town  *answer_rate .* pt " out
check "table: T beside service_level (the configuration's 20 s)" \
	grep -q "^town  *service_level (20 s)  " out
check "table: the counts past the tests" grep -q "^town  *needed_agent  " out
sed 's/^service_level = 20$/service_level = 45/' callstat.conf > sl45.conf
run callstat-compare -c sl45.conf -d a.db
check "table: T from the configuration (45 s)" grep -q "^town  *service_level (45 s)  " out

# --- the formats ----------------------------------------------------------------
run callstat-compare -c callstat.conf -d a.db --json
check_rc 0 "JSON"
check "JSON: a flat list of objects with exactly the fields" python3 -c '
import json, sys
d = json.load(open(sys.argv[1]))
keys = ["figure", "service", "before", "after", "before_x", "before_n",
        "after_x", "after_n", "before_low", "before_high", "after_low",
        "after_high", "diff", "diff_low", "diff_high", "p_value", "seed"]
assert isinstance(d, list) and len(d) == 30 * 6, len(d)
for o in d:
    assert list(o) == keys, list(o)
    assert all(not isinstance(v, (dict, list)) for v in o.values())
    waits = ("asa", "wait_p50", "wait_p90", "human_wait_p90")
    assert o["seed"] == (1 if o["figure"] in waits else None), o
' out
if command -v jq > /dev/null; then
	check "JSON: jq reads it" sh -c "jq length out > /dev/null"
fi
run callstat-compare -c callstat.conf -d a.db --tsv
check_rc 0 "TSV"
check "TSV: 17 fields a line" awk -F'\t' 'NF != 17 { exit 1 }' out
check "TSV: the CSV's values" sh -c "tr '\t' , < out | cmp -s - got.csv"

# --- the seed ----------------------------------------------------------------------
run callstat-compare -c callstat.conf -d a.db --csv --seed 1
check "--seed 1 is the default" cmp -s out got.csv
run callstat-compare -c callstat.conf -d a.db --csv --seed 2
check_rc 0 "--seed 2"
cp out seed2.csv
run callstat-compare -c callstat.conf -d a.db --csv --seed 2
check "the same seed, the same output" cmp -s out seed2.csv
check "another seed, another bootstrap" sh -c '! cmp -s got.csv seed2.csv'
check "another seed: the rates do not move" sh -c \
	"grep _rate, got.csv > r1; grep _rate, seed2.csv > r2; cmp -s r1 r2"
run callstat-compare -c callstat.conf -d a.db --seed 42
check "the table names the seed given" has out "seed 42"
run callstat-compare -c callstat.conf -d a.db --csv --seed 9007199254740992
check_rc 0 "--seed 2^53, the largest"
check "CSV: the seed given, exactly, on the rows of asa" sh -c \
	"[ \$(grep -c '^asa,.*,9007199254740992\$' out) -eq 6 ]"
run callstat-compare -c callstat.conf -d a.db --json --seed 42
check "JSON: the seed given, a number" python3 -c '
import json, sys
d = json.load(open(sys.argv[1]))
assert [o["seed"] for o in d if o["figure"] == "wait_p90"] == [42] * 6
' out

# --- --matched and explicit periods ---------------------------------------------------
run callstat-compare -c callstat.conf -d a.db --before 2024-01..2024-03-03 \
    --after 2024-03-04..2024-06 --matched --csv
check_rc 0 "--matched: January-3 March against 4 March-June"
cp out matched.csv
check "truth of March alone on both sides" sh -c 'python3 truth.py a/truth.csv in \
	2024-01-01 2024-03-03 2024-03-04 2024-06-30 3 > want-m.csv'
check "--matched: only March counted" same_values want-m.csv matched.csv
check "--matched: truth's counts and means of March" sh -c 'PLAIN=plain-m.csv \
	python3 truth.py a/truth.csv in 2024-01-01 2024-03-03 2024-03-04 2024-06-30 3 > /dev/null'
check "--matched: the counts and means of March alone" same_plain plain-m.csv matched.csv
run callstat-compare -c callstat.conf -d a.db --before 2024-01..2024-03-03 \
    --after 2024-03-04..2024-06 --matched
check "--matched: the table names the month kept" has out "months in both periods only: 03"
run callstat-compare -c callstat.conf -d a.db --before 2024-01..2024-03-03 \
    --after 2024-03-04..2024-06 --csv
check "without --matched: January and February counted too" sh -c \
	'python3 truth.py a/truth.csv in 2024-01-01 2024-03-03 2024-03-04 2024-06-30 > want-e.csv'
cp out explicit.csv
check "explicit periods equal truth's" same_values want-e.csv explicit.csv

# --- -s and --all-hours --------------------------------------------------------------
run callstat-compare -c callstat.conf -d a.db -s accueil --csv
check_rc 0 "-s accueil"
check "-s accueil: its 30 rows only" sh -c "[ \$(tail -n +2 out | wc -l) -eq 30 ] &&
	! tail -n +2 out | grep -qv ',accueil,'"
grep ',accueil,' got.csv > acc-all.csv
tail -n +2 out > acc-s.csv
check "-s accueil: the same values as its rows in the whole comparison" \
	cmp -s acc-all.csv acc-s.csv
run callstat-compare -c callstat.conf -d a.db --all-hours --csv
check_rc 0 "--all-hours"
cp out all.csv
check "truth in all hours" sh -c 'python3 truth.py a/truth.csv all > want-all.csv'
check "--all-hours: every call counted, as truth" same_values want-all.csv all.csv
check "--all-hours: truth's counts and means" sh -c 'PLAIN=plain-all.csv python3 truth.py a/truth.csv all > /dev/null'
check "--all-hours: the counts and means of every call" same_plain plain-all.csv all.csv

# --- failures (exit 1) and usage errors (exit 2) ----------------------------------------
sed '/^go_live/d' callstat.conf > nogo.conf
run callstat-compare -c nogo.conf -d a.db
check_rc 1 "no go_live and no periods"
check "no go_live: says what to give" has err "give --before and --after"
run callstat-compare -c callstat.conf -d a.db --before 2030 --after 2031
check_rc 1 "periods without a call"
check "periods without a call: says so" has err "no calls from 2030-01-01"
run callstat-compare -c callstat.conf -d a.db -s nosuch
check_rc 1 "an unknown service"
check "an unknown service: named" has err "nosuch"
for args in "--before 2024-01" "--after 2024-03" "--before 2024-13..2024-14 --after 2025" \
    "--before 2024-02..2024-01 --after 2025" "--before 2024 --after 2024-06" \
    "--seed x" "--seed -1" "--seed 9007199254740993" "--resamples 0" "--csv --json" "--no-such" "extra"; do
	run callstat-compare -c callstat.conf -d a.db $args
	check_rc 2 "usage error: $args"
	check "usage error: $args: a message and the hint" has err "Try 'callstat-compare --help'"
	check "usage error: $args: nothing on stdout" [ ! -s out ]
done
finish
