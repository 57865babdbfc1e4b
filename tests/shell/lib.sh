# Sourced by every shell test.  Gives:
#   T            a scratch directory, removed at the end
#   EX           the worked example, sample-data/example
#   SAMPLES      real log lines of each format, tests/data/samples
#   run CMD...   runs CMD, stdout in $T/out, stderr in $T/err, status in $rc
#   check DESC CMD...   counts CMD's success or failure under DESC
#   check_rc N DESC     checks that the last run's status was N
#   has FILE TEXT       FILE contains TEXT (fixed string)
#   same_numbers WANT GOT   same CSV lines and fields, numbers as numbers
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

finish() {
	echo "$_pass $_fail" > "$CS_RESULT"
	exit 0
}
