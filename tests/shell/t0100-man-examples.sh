# Every EXAMPLES line of every man page runs against sample-data/.
#
# For each page in man/, the lines that start with "$ " in the -literal
# displays of its EXAMPLES section run in order, in one shell (so that an
# `export` carries to the next lines), in a scratch directory that holds a
# copy of sample-data/, with the tools on PATH.  Then:
#   - each exits 0, or N when the line ends with the comment "# exit N";
#   - where the page shows output under a command (its lines up to the next
#     "$ " line or the end of the display), the command prints exactly that,
#     standard output then standard error;
#   - where it shows none, a command that writes a file ("> FILE", "-o FILE")
#     leaves that file non-empty, and any other callstat command prints
#     something.
# A page without EXAMPLES, or whose EXAMPLES hold no command, fails.
. "$(dirname "$0")/lib.sh"
set -o pipefail

top=${CS_TOP:-$(cd "$(dirname "$0")/../.." && pwd)}

# Prints the EXAMPLES displays of a page as records: "C<TAB>command" for a
# "$ " line, "O<TAB>text" for a line shown under a command; roff escapes
# decoded.
examples() {
	awk '
	/^\.Sh[ \t]/ {
		inex = ($0 ~ /^\.Sh[ \t]+"?EXAMPLES"?[ \t]*$/)
		inbd = 0
		next
	}
	!inex { next }
	/^\.Bd[ \t].*-literal/ { inbd = 1; cmd = 0; next }
	/^\.Ed/ { inbd = 0; next }
	!inbd || /^[.\047]/ { next }
	{
		l = $0
		gsub(/\\e/, "\001", l)
		gsub(/\\-/, "-", l)
		gsub(/\\\(em/, "\342\200\224", l)
		gsub(/\\\(aq/, "\047", l)
		gsub(/\\\(dq/, "\"", l)
		gsub(/\\&/, "", l)
		gsub(/\001/, "\\", l)
		if (l ~ /^\$ /) {
			print "C\t" substr(l, 3)
			cmd = 1
		} else if (cmd)
			print "O\t" l
	}' "$1"
}

# The file a command line writes to: after its last ">", else after -o or
# --output; nothing when it writes none.
written_file() {
	printf '%s\n' "$1" | awk '{
		sub(/[ \t]*#.*$/, "")
		f = ""
		n = split($0, w, /[ \t]+/)
		for (i = 1; i <= n; i++) {
			if ((w[i] == ">" || w[i] == ">>") && i < n)
				f = w[i + 1]
			else if (w[i] ~ /^>>?[^>&]/)
				f = substr(w[i], w[i] ~ /^>>/ ? 3 : 2)
			else if ((w[i] == "-o" || w[i] == "--output") && i < n && f == "")
				f = w[i + 1]
		}
		print f
	}'
}

pages=0
for page in "$top"/man/*.[1-9]; do
	[ -e "$page" ] || continue
	pages=$((pages + 1))
	name=$(basename "$page")
	dir="$T/pages/$name"
	mkdir -p "$dir"
	cp -R "$top/sample-data" "$dir/"

	check "$name: has an EXAMPLES section" grep -Eq '^\.Sh[[:blank:]]+"?EXAMPLES"?[[:blank:]]*$' "$page"

	unset cmd want shown
	declare -a cmd=() want=() shown=()
	n=0
	while IFS= read -r rec; do
		kind=${rec%%$'\t'*}
		text=${rec#*$'\t'}
		if [ "$kind" = C ]; then
			n=$((n + 1))
			cmd[n]=$text
			want[n]=
			shown[n]=0
		else
			shown[n]=1
			want[n]+="$text"$'\n'
		fi
	done < <(examples "$page")
	check "$name: EXAMPLES hold commands (\$ lines)" [ "$n" -gt 0 ]

	unset CALLSTAT_DB CALLSTAT_CONFIG
	cd "$dir" || exit 1
	for ((i = 1; i <= n; i++)); do
		c=${cmd[i]}
		expect=0
		if [[ $c =~ \#[[:space:]]*exit[[:space:]]+([0-9]+) ]]; then
			expect=${BASH_REMATCH[1]}
		fi
		set +u
		eval "$c" > "$T/out" 2> "$T/err" < /dev/null
		rc=$?
		set -u
		check_rc "$expect" "$name: \$ $c"
		if [ "${shown[i]}" = 1 ]; then
			printf '%s' "${want[i]}" > "$T/want"
			cat "$T/out" "$T/err" > "$T/got"
			check "$name: prints what the page shows: \$ $c" cmp -s "$T/want" "$T/got"
			if ! cmp -s "$T/want" "$T/got"; then
				diff "$T/want" "$T/got" | sed 's/^/    diff: /' | head -20
			fi
		else
			f=$(written_file "$c")
			if [ -n "$f" ]; then
				check "$name: writes $f, not empty: \$ $c" [ -s "$f" ]
			elif [[ $c == callstat* ]]; then
				check "$name: prints something: \$ $c" \
					eval '[ -s "$T/out" ] || [ -s "$T/err" ]'
			fi
		fi
	done
	cd "$T" || exit 1
done
check "man pages found in $top/man" [ "$pages" -gt 0 ]
unset CALLSTAT_DB CALLSTAT_CONFIG

finish
