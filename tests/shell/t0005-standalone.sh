# The repository stands alone: a clone into an empty directory holds every
# file the tests and the demo read, and nothing refers to a path outside it
# (the project's reference material, beside a developer's checkout, is not
# part of a clone).
. "$(dirname "$0")/lib.sh"

if ! git -C "$CS_TOP" rev-parse --git-dir > /dev/null 2>&1; then
	echo "SKIP: $TEST: $CS_TOP is not a git work tree"
	finish
fi
run git clone -q "$CS_TOP" "$T/clone"
check_rc 0 "git clone into an empty directory"
C=$T/clone

# Paths that leave the checkout: the reference material, and absolute
# paths of a developer's machine.
leaving='\.\./shar''ed|CS_SHAR''ED|\$\(SHAR''ED\)|/wo''rk/|/ho''me/[a-z]'
run grep -rnE -e "$leaving" --exclude=t0005-standalone.sh \
	"$C/Makefile" "$C/scripts" "$C/tests/shell" "$C/tests/unit" \
	"$C/tests/data/make-21col-utc.sh" "$C/.ci"
check "no path leaves the repository (grep found: $(head -c 300 "$T/out"))" \
	[ ! -s "$T/out" ]

# Every fixture a test names is tracked: the unit tests, run from the clone,
# read their files there and nowhere else.
for d in "$C/tests/data/samples"/*/ "$C/sample-data/example/"; do
	check "$(basename "$d") has a SOURCE.txt" test -s "$d/SOURCE.txt"
done
check "tests/data has a SOURCE.txt" test -s "$C/tests/data/SOURCE.txt"
ut=$(cd "$CS_BIN/.." && pwd)/unit-tests
if [ -x "$ut" ]; then
	(cd "$C" && CS_TOP="$C" "$ut") > "$T/out" 2> "$T/err"
	rc=$?
	check_rc 0 "the unit tests pass in the clone, on its own files"
	check "no failure in the clone's unit tests" \
		awk '$1 == "asserts" && $5 != 0 { exit 1 } $1 == "tests" && $5 != 0 { exit 1 }' "$T/out"
fi

# The shell tests find their data in the clone too.
run env CS_BIN="$CS_BIN" "$C/tests/shell/run" "$C/tests/shell/t0001-example.sh"
check_rc 0 "t0001 runs from the clone"

finish
