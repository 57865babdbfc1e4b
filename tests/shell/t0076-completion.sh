# The bash completion of completion/callstat, run for real: sourced in
# bash, COMP_WORDS and COMP_CWORD set as bash sets them, the function that
# `complete` registered called, COMPREPLY checked.
. "$(dirname "$0")/lib.sh"

COMPLETION="$CS_TOP/completion/callstat"
TOOLS="callstat-import callstat-kpi callstat-calls callstat-synth"
[ -x "$CS_BIN/callstat-purge" ] && TOOLS="$TOOLS callstat-purge"
[ -x "$CS_BIN/callstat-monthly" ] && TOOLS="$TOOLS callstat-monthly"

# comp WORD...: what completing the last WORD (possibly empty) of the
# command line WORD... offers, one a line, sorted
comp() {
	bash -c '
	. "$1"
	shift
	COMP_WORDS=("$@")
	COMP_CWORD=$((${#COMP_WORDS[@]} - 1))
	COMP_LINE="$*"
	COMP_POINT=${#COMP_LINE}
	f=$(complete -p "${1##*/}" | sed -n "s/.* -F \([^ ]*\) .*/\1/p")
	[ -n "$f" ] || { echo "nothing registered for $1" >&2; exit 1; }
	"$f" "$1" "${COMP_WORDS[COMP_CWORD]}" "${COMP_WORDS[COMP_CWORD - 1]}"
	printf "%s\n" "${COMPREPLY[@]}"' sh "$COMPLETION" "$@" | sort
}

# offers WANT WORD...: comp WORD... offers exactly WANT (space-separated)
offers() {
	_want=$1
	shift
	_got=$(comp "$@" | paste -sd' ' -)
	_w=$(printf '%s\n' $_want | sort | paste -sd' ' -)
	[ "$_got" = "$_w" ] || { echo "  '$*': got '$_got', want '$_w'"; return 1; }
}

cd "$T"
cp "$EX/callstat.conf" example.conf
cp "$CS_TOP/sample-data/callstat.conf" town.conf

check "bash -n: the file parses" bash -n "$COMPLETION"
for t in callstat $TOOLS; do
	check "a function registered for $t" \
		bash -c '. "$1" && complete -p "$2" | grep -q -- "-F "' sh "$COMPLETION" "$t"
done
check "callstat-purge is registered too" \
	bash -c '. "$1" && complete -p callstat-purge > /dev/null' sh "$COMPLETION"

# --- options: every one of each tool's --help, nothing else -----------------------
for t in $TOOLS; do
	"$t" --help > help.txt
	grep -oE '^ +(-[[:alnum:]], )?--[[:alnum:]][-[:alnum:]]*' help.txt |
		grep -oE -- '--?[[:alnum:]][-[:alnum:]]*' | sort > want-opts
	check "$t: its --help lists options" [ "$(grep -c -- '^--' want-opts)" -ge 3 ]
	comp "$t" - > got-opts
	check "$t -<TAB>: each option of --help, and only those" cmp -s want-opts got-opts
	check "$t --<TAB> offers --help and --version" \
		sh -c 'grep -qx -- --help "$1" && grep -qx -- --version "$1"' sh got-opts
done

# --- callstat-kpi ---------------------------------------------------------------------
check "--fig<TAB> gives --figures" offers "--figures" callstat-kpi --fig
check "--li<TAB> gives --list-figures" offers "--list-figures" callstat-kpi --li
check "--figures answer_r<TAB> gives answer_rate" \
	offers "answer_rate" callstat-kpi --figures answer_r
check "--figures offered,answer_r<TAB> completes the last item" \
	offers "offered,answer_rate" callstat-kpi --figures offered,answer_r
check "--figures wait_p<TAB>: the two waits" \
	offers "wait_p50 wait_p90" callstat-kpi --figures wait_p
check "--figures wait_p50,wait_p<TAB>: not wait_p50 again" \
	offers "wait_p50,wait_p90" callstat-kpi --figures wait_p50,wait_p
check "--figures=answer_r<TAB> (bash splits at =)" \
	offers "answer_rate" callstat-kpi --figures = answer_r
"$CS_BIN/callstat-kpi" --list-figures | cut -d' ' -f1 > names
{ echo all; cat names; } | sort > want-figs
comp callstat-kpi --figures '' > got-figs
check "--figures <TAB>: every name of --list-figures, and all" cmp -s want-figs got-figs
comp callstat-kpi --figures offered, > got-figs2
check "--figures offered,<TAB>: the other names, not all, not offered" \
	[ "$(wc -l < got-figs2)" -eq $(($(wc -l < names) - 1)) ]
check "--figures offered,<TAB>: neither all nor offered again" \
	sh -c '! grep -qxE "offered,(all|offered)" "$1"' sh got-figs2
check "--by service,mo<TAB> gives service,month" \
	offers "service,month" callstat-kpi --by service,mo
check "--by <TAB>: the groupings" \
	offers "service day week month year intent" callstat-kpi --by ''
comp callstat-kpi --by service, > got-by
check "--by service,<TAB>: other groupings, no intent ($(tr '\n' ' ' < got-by))" \
	sh -c 'grep -q "^service,month$" "$1" && ! grep -q intent "$1"' sh got-by
check "-s <TAB>: the example's services, then other" \
	offers "accueil urbanisme other" callstat-kpi -c example.conf -s ''
check "--service u<TAB>: urbanisme" \
	offers "urbanisme" callstat-kpi -c example.conf --service u
check "-s <TAB> with --config=FILE: the town's services" \
	offers "accueil etat-civil urbanisme scolaire ccas other" \
	callstat-kpi --config = town.conf -s ''
check "-s <TAB> with -cFILE" \
	offers "accueil urbanisme other" callstat-kpi -cexample.conf -s ''
export CALLSTAT_CONFIG=town.conf
check "-s <TAB> from CALLSTAT_CONFIG" \
	offers "accueil etat-civil urbanisme scolaire ccas other" callstat-kpi -s ''
check "-c wins over CALLSTAT_CONFIG" \
	offers "accueil urbanisme other" callstat-kpi -c example.conf -s ''
unset CALLSTAT_CONFIG
mkdir cwd && cp example.conf cwd/callstat.conf
in_cwd() { (cd cwd && offers "$@"); }
check "-s <TAB> from ./callstat.conf" \
	in_cwd "accueil urbanisme other" callstat-kpi -s ''
# a section's name as callstat.conf(5) writes it, spaces around it allowed
printf '[commune]\n  [service etat-civil]  \n[service  a_b-2]\n[services x]\n[format y]\n' > odd.conf
check "-s <TAB>: only [service NAME] sections" \
	offers "etat-civil a_b-2 other" callstat-kpi -c odd.conf -s ''
check "-s <TAB> with no configuration: other" \
	offers "other" callstat-kpi -c nosuch.conf -s ''
touch kpi-out.csv
check "-o k<TAB>: a file" offers "kpi-out.csv" callstat-kpi -o k
check "--from <TAB>: nothing (a date)" offers "" callstat-kpi --from ''

# --- the other tools ------------------------------------------------------------------
check "calls --outcome a<TAB>" offers "agent abandoned" callstat-calls --outcome a
check "calls -s <TAB>" offers "accueil urbanisme other" callstat-calls -c example.conf -s ''
check "import --format <TAB>" \
	offers "asterisk-cdr asterisk-queue-log asterisk-cel freeswitch-cdr bot-jsonl bot-csv connect-ctr dialogflow-cx lex-v2 rasa generic-csv 3cx-cdr avaya-smdr cucm-cdr" callstat-import --format ''
check "import --columns <TAB>: 3CX's default order" \
	offers "historyid,callid,duration,time-start,time-answered,time-end,reason-terminated,from-no,to-no,from-dn,to-dn,dial-no,reason-changed,final-number,final-dn,bill-code,bill-rate,bill-cost,bill-name,chain,from-type,to-type,final-type,from-dispname,to-dispname,final-dispname,missed-queue-calls" callstat-import --columns ''
# every format of the table of formats, as callstat-import names them
formats=$(callstat-import --format none 2>&1 | sed -n 's/.*use //p' | head -1 |
	sed 's/,//g; s/ or / /')
check "import --format <TAB>: every format callstat-import knows ($formats)" \
	offers "$formats" callstat-import --format ''
check "import --times <TAB>" offers "local utc" callstat-import --times ''
check "import FILE<TAB>: files" offers "kpi-out.csv" callstat-import -c example.conf kpi
check "import --sources <TAB>: no file (the configuration names them)" \
	offers "" callstat-import -c example.conf --sources kpi
check "import --list-sources <TAB>: no file" \
	offers "" callstat-import --list-sources kpi
if [ -x "$CS_BIN/callstat-monthly" ]; then
	check "monthly --lang <TAB>" offers "fr en" callstat-monthly --lang ''
	check "monthly -m <TAB>: nothing (a month)" offers "" callstat-monthly -m ''
	check "monthly -l <TAB>: files" offers "kpi-out.csv" callstat-monthly -l kpi
fi
check "synth --columns <TAB>" offers "16 18 21" callstat-synth --columns ''
mkdir outdir
check "synth -o <TAB>: directories only" offers "outdir" callstat-synth -o o

# --- callstat NAME ---------------------------------------------------------------------
check "callstat <TAB>: the tools of callstat --help" \
	offers "$(callstat --help | sed -nE 's/^  ([a-z][-a-z]*)  .*/\1/p')" callstat ''
names_kpi() { comp callstat '' | grep -qx kpi; }
check "callstat <TAB> names kpi" names_kpi
check "callstat-chart --type h<TAB>: heatmap" \
	offers "heatmap" callstat-chart --type h
check "callstat-chart --type heatmap --figure <TAB>: offered, lost" \
	offers "lost offered" callstat-chart --type heatmap --figure ''
check "callstat-chart --type rate --figure answer_r<TAB>: a rate" \
	offers "answer_rate" callstat-chart --type rate --figure answer_r
check "callstat kpi --fig<TAB>" offers "--figures" callstat kpi --fig
check "callstat kpi -c FILE -s <TAB>" \
	offers "accueil urbanisme other" callstat kpi -c example.conf -s ''
check "callstat -<TAB>" offers "-h -V --help --version" callstat -

finish
