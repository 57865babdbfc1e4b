# Sourced by every shell test.  Gives:
#   T            a scratch directory, removed at the end
#   EX           the worked example, sample-data/example
#   SAMPLES      real log lines of each format, tests/data/samples
#   run CMD...   runs CMD, stdout in $T/out, stderr in $T/err, status in $rc
#   check DESC CMD...   counts CMD's success or failure under DESC
#   check_rc N DESC     checks that the last run's status was N
#   has FILE TEXT       FILE contains TEXT (fixed string)
#   same_numbers WANT GOT   same CSV lines and fields, numbers as numbers
#   truth_kpi DIR OUT HOURS   the figures of synth's truth.csv in DIR
#   same_figures WANT GOT [FIELDS]   callstat-kpi's CSV against truth_kpi's
#   finish       writes the counts for tests/shell/run (call it last)
set -u
PATH="$CS_BIN:$PATH"
# callstat-chart reads the source tree's catalogues (po/LANG.po)
export CALLSTAT_PODIR="$CS_TOP/po"
export LC_ALL=C.UTF-8 TZ=UTC
unset CALLSTAT_DB CALLSTAT_CONFIG
TEST=$(basename "$0" .sh)
EX="$CS_TOP/sample-data/example"
SAMPLES="$CS_TOP/tests/data/samples"
T=$(mktemp -d "${TMPDIR:-/tmp}/callstat-$TEST.XXXXXX")
trap 'rm -rf "$T"' EXIT
_pass=0
_fail=0
rc=0

run() {
	"$@" > "$T/out" 2> "$T/err"
	rc=$?
}

check() {
	_desc=$1
	shift
	if "$@"; then
		_pass=$((_pass + 1))
	else
		_fail=$((_fail + 1))
		echo "FAIL: $TEST: $_desc"
		if [ -s "$T/err" ]; then sed 's/^/    stderr: /' "$T/err" | head -5; fi
	fi
}

check_rc() {
	check "$2 (exit $1, got $rc)" [ "$rc" -eq "$1" ]
}

has() {
	grep -qF -- "$2" "$1"
}

# same_numbers WANT GOT: same lines and fields, numbers compared as numbers
same_numbers() {
	awk -F, 'NR == FNR { want[FNR] = $0; n = FNR; next }
	{
		if (!(FNR in want)) { print "extra line " FNR ": " $0; bad = 1; next }
		k = split(want[FNR], w, ",")
		if (NF != k) { print "line " FNR ": " NF " fields, want " k; bad = 1; next }
		for (i = 1; i <= NF; i++)
			if ($i != w[i] && ($i == "" || w[i] == "" || $i + 0 != w[i] + 0)) {
				print "line " FNR " field " i ": got " $i " want " w[i]; bad = 1
			}
		seen = FNR
	}
	END { if (seen != n) { print "got " seen + 0 " lines, want " n; bad = 1 } exit bad }' "$1" "$2"
}

# The figures of truth.csv in $1 (a synth directory), in hours (1) or
# all hours (0 1), into $2: one line per service and month, no header.
truth_kpi() {
	rm -f "$T/truth.db"
	sqlite3 "$T/truth.db" "CREATE TABLE want_hours(h);
	    INSERT INTO want_hours VALUES ($3);
	    CREATE TABLE sl(t); INSERT INTO sl VALUES (20);" &&
	(cd "$1" && sqlite3 "$T/truth.db" < "$CS_TOP/tests/data/synth-kpi.sql") > "$2"
}

# Compares want ($1: no header) with callstat-kpi's CSV ($2), by service
# and period, as numbers; fields ($3: comma-separated names, "" = all).
same_figures() {
	awk -F, -v only="${3:-}" '
	BEGIN { n = split(only, o, ","); for (i = 1; i <= n; i++) keep[o[i]] = 1 }
	FNR == NR { want[$1 "," $2] = $0; next }
	FNR == 1 { for (i = 1; i <= NF; i++) name[i] = $i; next }
	{
		k = $1 "," $2
		if (!(k in want)) { print "  extra row " k; bad++; next }
		split(want[k], w, ",")
		for (i = 3; i <= NF; i++) {
			if (only != "" && !(name[i] in keep)) continue
			if ($i == "" && w[i] == "") continue
			d = $i - w[i]; if (d < 0) d = -d
			m = w[i] < 0 ? -w[i] : w[i]
			if ($i == "" || w[i] == "" || d > 1e-9 * (m > 1 ? m : 1)) {
				if (bad < 10) print "  " k " " name[i] ": callstat \"" $i "\", truth \"" w[i] "\""
				bad++
			}
		}
		delete want[k]
	}
	END { for (k in want) { print "  missing row " k; bad++ }
		if (bad) print "  " bad " differences"; exit bad > 0 }' "$1" "$2"
}

# The values of callstat-kpi's CSV ($1) in the columns named by $2
# (space-separated) that are not empty: a count; -1 when the header lacks
# one of them.  A format's lacked figures give 0.
lacked_values() {
	awk -F, -v lacked="$2" 'NR == 1 {
		n = split(lacked, l, " ")
		for (i = 1; i <= NF; i++)
			for (j = 1; j <= n; j++)
				if ($i == l[j])
					col[i] = 1
		next
	}
	{ for (i in col) if ($i != "") some++ }
	END { print length(col) == n ? some + 0 : -1 }' "$1"
}

finish() {
	echo "$_pass $_fail" > "$CS_RESULT"
	exit 0
}
