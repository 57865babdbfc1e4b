# callstat-report on the sample town (sample-data/, whose figures t0210
# checks against its truth): every number the report prints for a
# service or the town, before and after, equals callstat-compare's for the
# same periods (formatted here, in awk, from its CSV), in French and in
# English, in the PDF (pdftotext, page by page) and in the HTML; the
# report's structure (pdfinfo: A4, pages, metadata; bookmarks; contents);
# nothing outside the page and no two words on top of each other
# (pdftotext -bbox); a long service name wraps; a period with no call, a
# service with no call and a period with too few calls are said in words;
# the exit statuses; no caller's number anywhere.
. "$(dirname "$0")/lib.sh"

SD="$CS_TOP/sample-data"
cd "$T"
cp "$SD/callstat.conf" callstat.conf
export SOURCE_DATE_EPOCH=1764547200	# 2025-12-01T00:00:00Z

run callstat-import -q -c callstat.conf -d town.db "$SD/Master.csv" \
    "$SD/queue_log" "$SD/transcripts.jsonl"
check_rc 0 "import the sample town"

# ---- usage ----
run callstat-report --help
check_rc 0 "--help"
check "--help starts with the synopsis" has out "usage: callstat-report"
run callstat-report --version
check_rc 0 "--version"
check "--version names the tool" has out "callstat-report"
run callstat-report -c callstat.conf -d town.db
check_rc 2 "no -o and no --html: usage error"
check "says where to write" has err "-o FILE.pdf, --html FILE.html"
run callstat-report -c callstat.conf -d town.db --lang de -o x.pdf
check_rc 2 "--lang de"
run callstat-report -c callstat.conf -d town.db --before 2024-13 -o x.pdf
check_rc 2 "a bad --before"
run callstat-report -c callstat.conf -d town.db --bogus -o x.pdf
check_rc 2 "an unknown option"
check "usage error says how to get help" has err "Try 'callstat-report --help'"
run callstat-report -c callstat.conf -d town.db --from 2024-03 \
    --before 2024-01..2024-06 -o x.pdf
check_rc 2 "--before must end before --from"
run callstat-report -c callstat.conf -d town.db -s nosuch -o x.pdf
check_rc 1 "an unknown service"
check "names the service" has err "no service 'nosuch'"
check "nothing written for a failure" [ ! -e x.pdf ]

# ---- the year's report, French (the default) ----
run callstat-report -c callstat.conf -d town.db -o fr.pdf --html fr.html
check_rc 0 "the report in French"
check "says what it wrote" has err "fr.pdf:"
check "no temporary file left" [ "$(ls | grep -c 'XXX\|\.pdf\.\|\.html\.')" -eq 0 ]
pdfinfo fr.pdf > info 2>&1
check "pdfinfo reads it" has info "Pages:"
pages=$(awk '/^Pages:/ { print $2 }' info)
check "more than ten pages ($pages)" [ "${pages:-0}" -gt 10 ]
check "A4" has info "595.276 x 841.89 pts (A4)"
check "title" has info "Title:           Ville de Beaumont"
check "author: the town" has info "Author:          Ville de Beaumont"
check "subject" has info "Subject:         Appels répondus"
check "creation date from SOURCE_DATE_EPOCH" has info "CreationDate:    Mon Dec  1 00:00:00 2025 UTC"
# the bookmarks: one outline item per heading, in the file's objects
nbook=$(grep -a -c '/Dest (s[0-9]*)\|/Dest /s[0-9]' fr.pdf || true)
check "an outline with the document's headings" grep -aq '/Outlines' fr.pdf

# the text of each page, one file a page, spaces made plain
i=1
while [ "$i" -le "$pages" ]; do
	pdftotext -f "$i" -l "$i" fr.pdf - |
	    sed 's/\xc2\xa0/ /g; s/\xe2\x80\xaf/ /g' | tr '\n' ' ' |
	    sed 's/  */ /g' > "fr.$i.txt"
	i=$((i + 1))
done
check "cover: the town" has fr.1.txt "Ville de Beaumont"
check "cover: the period" has fr.1.txt "mars 2024 – février 2025"
check "cover: the date made (French: the 1st is 1er)" has fr.1.txt "1er décembre 2025"
check "contents" has fr.2.txt "Sommaire"
check "page numbers" has fr.3.txt "Page 3 / $pages"

# callstat-compare for the same periods: the report's defaults (the twelve
# months ending with the last month that has calls, and the year before)
run callstat-compare -c callstat.conf -d town.db --before 2023-03..2024-02 \
    --after 2024-03..2025-02 --csv
check_rc 0 "callstat-compare of the same periods"
cp out compare.csv

# expect.awk: the words the report must print for one service's (or the
# town's) comparison rows, one per line, in language LANG; a rate whose
# n is under 30 is "too few calls", as the methodology says
cat > expect.awk <<'AWK'
BEGIN { FS = ","; minus = "\342\210\222" }
function num(v, d,   s, neg, ip, fp, out, k) {
	s = sprintf("%." d "f", v)
	neg = (s ~ /^-/)
	if (neg) s = substr(s, 2)
	if (s ~ /^[0.]+$/) neg = 0
	ip = s; fp = ""
	if (index(s, ".")) { ip = substr(s, 1, index(s, ".") - 1); fp = substr(s, index(s, ".") + 1) }
	out = ""
	for (k = length(ip); k > 3; k -= 3)
		out = TS substr(ip, k - 2, 3) out
	out = substr(ip, 1, k) out
	if (fp != "") out = out DP fp
	return (neg ? minus : "") out
}
function pct(v) { return num(v * 100, 1) PCT }
function secs(v) { return num(v, v == int(v) ? 0 : 1) " s" }
function signed(v, s) { return (v > 0 ? "+" : v < 0 ? minus : "") s }
function pts(v) { return signed(v, num((v < 0 ? -v : v) * 100, 1)) }
NR == 1 { for (i = 1; i <= NF; i++) c[$i] = i; next }
$(c["service"]) != SERVICE { next }
{
	f = $(c["figure"])
	b = $(c["before"]); a = $(c["after"])
	bn = $(c["before_n"]); an = $(c["after_n"])
	if (f == "offered") {
		print num(b, 0); print num(a, 0)
		print signed(a - b, num(a - b < 0 ? b - a : a - b, 0))
		next
	}
	if (f ~ /rate|level|repeat|callback|containment/) {
		# a side with no value is a dash; with under 30 calls, words
		few = 0
		if (b != "" && bn < 30) { print TOOFEW "(" num(bn, 0) ")"; few = 1 }
		else if (b != "") { print pct(b); print "(n = " num(bn, 0) ")" }
		if (a != "" && an < 30) { print TOOFEW "(" num(an, 0) ")"; few = 1 }
		else if (a != "") { print pct(a); print "(n = " num(an, 0) ")" }
		if (b != "" && a != "" && !few) {
			d = $(c["diff"])
			print pts(d) " points"
			print pts($(c["diff_low"])) " " TO " " pts($(c["diff_high"]))
		}
		next
	}
	# a wait; the report's tables leave out the other counts and the
	# means (callstat-compare's rows after human_wait_p90)
	if (f !~ /^(asa|wait_p50|wait_p90|human_wait_p90)$/) next
	if (b != "") print secs(b)
	if (a != "") print secs(a)
	if (b != "" && a != "") {
		d = $(c["diff"]); lo = $(c["diff_low"]); hi = $(c["diff_high"])
		print signed(d, secs(d < 0 ? -d : d))
		print signed(lo, secs(lo < 0 ? -lo : lo)) " " TO " " signed(hi, secs(hi < 0 ? -hi : hi))
	}
}
AWK
fr_expect() {
	awk -v SERVICE="$1" -v DP=, -v TS=" " -v PCT=" %" -v TO=à \
	    -v TOOFEW="trop peu d'appels " -f expect.awk compare.csv
}
en_expect() {
	awk -v SERVICE="$1" -v DP=. -v TS=, -v PCT=% -v TO=to \
	    -v TOOFEW="too few calls " -f expect.awk compare.csv
}

# the pages of a section: from the page whose text starts with its
# heading to the page before the next section's (prefix.N.txt joined)
section() {
	prefix=$1 title=$2 out=$3
	: > "$out"
	start=$(grep -l -- "^ *$title " "$prefix".*.txt 2>/dev/null |
	    sed 's/.*\.\([0-9]*\)\.txt/\1/' | sort -n | head -1)
	[ -n "$start" ] || return 1
	i=$start
	while [ -e "$prefix.$i.txt" ]; do
		if [ "$i" -gt "$start" ] && grep -q "^ *\($4\) " "$prefix.$i.txt"; then
			break
		fi
		cat "$prefix.$i.txt" >> "$out"
		i=$((i + 1))
	done
}

# each word the report must print, found in the section's text
all_found() {
	missing=0
	while IFS= read -r w; do
		if ! grep -qF -- "$w" "$2"; then
			echo "    not in $2: '$w'"
			missing=$((missing + 1))
		fi
	done < "$1"
	[ "$missing" -eq 0 ]
}

FR_HEADS="Accueil|État civil|Urbanisme|Affaires scolaires|CCAS|Tous les services ensemble|Autres appels"
for s in accueil etat-civil urbanisme scolaire ccas; do
	label=$(awk -v s="$s" '$0 == "[service " s "]" { f = 1; next }
	    f && /^label/ { sub(/^label *= */, ""); print; exit }' callstat.conf)
	section fr "$label" "sec.$s.txt" "$FR_HEADS"
	check "fr: a section for $label" [ -s "sec.$s.txt" ]
	fr_expect "$s" > "want.$s"
	check "fr: $s has figures to check" [ "$(wc -l < "want.$s")" -gt 30 ]
	check "fr: every figure of $s as callstat-compare gives it" \
	    all_found "want.$s" "sec.$s.txt"
done
# the comparison's counts and means past its tested figures stay out of
# the report's tables (their raw names would show: no title of their own)
check "fr: no table row for needed_agent, bot_sessions or talk" sh -c \
    '! grep -E "(^| )(needed_agent|bot_sessions|talk) [0-9−—]" sec.*.txt'

# the town's figures: the summary's pages
section fr "En bref" sec.town.txt "$FR_HEADS"
fr_expect town > want.town
check "fr: every figure of the town as callstat-compare gives it" \
    all_found want.town sec.town.txt

# the summary's sentences: the answer rate against the year before, the
# agent answer rate, the bot's calls, out of hours
awk -F, 'NR > 1 && $2 == "town" && $1 == "answer_rate" {
	printf "%.1f %.1f\n", $4 * 100, $3 * 100 }' compare.csv | tr . , > ar
read -r after before < ar
check "fr: the answer rate said aloud" has sec.town.txt \
    "Sur la période mars 2024 – février 2025, $after % des appels ont obtenu une réponse, contre $before % l'année précédente"
check "fr: the agent answer rate and the state's target" has sec.town.txt \
    "l'objectif de 85 % de l'État ne porte que sur celui-ci"
run callstat-kpi -c callstat.conf -d town.db --from 2024-03 --to 2025-02 --csv
cp out kpi.csv
# the town's counts: the services' summed (callstat-kpi groups by service)
bots=$(awk -F, 'NR == 1 { for (i = 1; i <= NF; i++) c[$i] = i; next }
    { n += $(c["bot_sessions"]) } END { print n }' kpi.csv)
bots_fr=$(echo "$bots" | awk '{ s = $1; o = ""; while (length(s) > 3) { o = " " substr(s, length(s) - 2) o; s = substr(s, 1, length(s) - 3) } print s o }')
check "fr: the bot's calls as callstat-kpi counts them ($bots)" \
    has sec.town.txt "Le robot vocal a répondu à $bots_fr appels"
run callstat-kpi -c callstat.conf -d town.db --from 2024-03 --to 2025-02 \
    --out-of-hours --csv
night=$(awk -F, 'NR == 1 { for (i = 1; i <= NF; i++) c[$i] = i; next }
    { n += $(c["offered"]) } END { print n }' out | awk '{ s = $1; o = ""; while (length(s) > 3) { o = " " substr(s, length(s) - 2) o; s = substr(s, 1, length(s) - 3) } print s o }')
check "fr: the calls out of hours ($night)" has sec.town.txt \
    "En dehors des heures d'ouverture, $night appels"

# the town's pages and the contents
check "fr: the town's pages" grep -q "Tous les services ensemble" fr.*.txt
check "fr: the heatmap" grep -q "Appels reçus par jour de la semaine et par heure" fr.*.txt
check "fr: the intents" grep -q "Pourquoi on a appelé le robot" fr.*.txt

# the HTML carries the same numbers
sed 's/<[^>]*>/ /g; s/&#39;/'"'"'/g; s/&quot;/"/g; s/&amp;/\&/g; s/&lt;/</g; s/&gt;/>/g' fr.html |
    sed 's/\xc2\xa0/ /g; s/\xe2\x80\xaf/ /g' | tr '\n' ' ' | sed 's/  */ /g' > fr.html.txt
for s in accueil etat-civil urbanisme scolaire ccas town; do
	check "html: every figure of $s" all_found "want.$s" fr.html.txt
done
check "html: no script" sh -c '! grep -qi "<script" fr.html'
check "html: nothing fetched" sh -c '! grep -o "http[^\"]*" fr.html | grep -v "www.w3.org" | grep -q .'
check "html: inline SVG charts" [ "$(grep -c '<svg' fr.html)" -ge 10 ]

# ---- English ----
run callstat-report --lang en -c callstat.conf -d town.db -o en.pdf
check_rc 0 "the report in English"
enpages=$(pdfinfo en.pdf | awk '/^Pages:/ { print $2 }')
i=1
while [ "$i" -le "$enpages" ]; do
	pdftotext -f "$i" -l "$i" en.pdf - | sed 's/\xc2\xa0/ /g; s/\xe2\x80\xaf/ /g' |
	    tr '\n' ' ' | sed 's/  */ /g' > "en.$i.txt"
	i=$((i + 1))
done
EN_HEADS="Accueil|État civil|Urbanisme|Affaires scolaires|CCAS|Every service together|Other calls"
section en "Summary" en.town.txt "$EN_HEADS"
en_expect town > en.want.town
check "en: every figure of the town" all_found en.want.town en.town.txt
section en "CCAS" en.ccas.txt "$EN_HEADS"
en_expect ccas > en.want.ccas
check "en: every figure of CCAS" all_found en.want.ccas en.ccas.txt
check "en: the answer rate said aloud" grep -q "of the calls were answered, against" en.town.txt
check "en: contents" has en.2.txt "Contents"

# ---- Methodology and Data quality (report/method.h), in both languages ----
cat fr.[0-9]*.txt > fr.all.txt
cat en.[0-9]*.txt > en.all.txt
check "fr: Methodology" has fr.all.txt "Méthodologie"
check "fr: the configuration's service level" has fr.all.txt "Niveau de service (20 s)"
check "fr: too few calls under 30, as the summary" has fr.all.txt "moins de 30 appels"
check "fr: the services' numbers and hours" sh -c \
    'grep -q "0199000300" fr.all.txt && grep -q "14:00-17:00" fr.all.txt'
check "fr: Data quality" has fr.all.txt "Qualité des données"
check "fr: the files imported, by name" sh -c \
    'grep -q "Master.csv" fr.all.txt && ! grep -q "sample-data/Master.csv" fr.all.txt'
check "en: Methodology" has en.all.txt "Methodology"
check "en: the state's target counts the agent answer rate" has en.all.txt \
    "The state's 85% target counts this rate only"
check "en: Data quality" has en.all.txt "Data quality"
check "en: no line rejected" has en.all.txt "No line was rejected."

# ---- the page: nothing outside it, no two words on one another ----
pdftotext -bbox fr.pdf bbox.html
cat > bbox.awk <<'AWK'
# every word inside the page's margins (36 pt) and, on each page, no two
# words whose boxes overlap by more than a third of the smaller
/<page / { page++; n = 0 }
/<word / {
	match($0, /xMin="[^"]*"/); x0 = substr($0, RSTART + 6, RLENGTH - 7) + 0
	match($0, /yMin="[^"]*"/); y0 = substr($0, RSTART + 6, RLENGTH - 7) + 0
	match($0, /xMax="[^"]*"/); x1 = substr($0, RSTART + 6, RLENGTH - 7) + 0
	match($0, /yMax="[^"]*"/); y1 = substr($0, RSTART + 6, RLENGTH - 7) + 0
	w = $0; sub(/.*">/, "", w); sub(/<\/word>.*/, "", w)
	if (x0 < 36 || x1 > 595.276 - 36 || y0 < 36 || y1 > 841.89 - 36) {
		print "page " page ": '" w "' outside the margins (" x0 "," y0 "," x1 "," y1 ")"; bad++
	}
	for (k = 0; k < n; k++) {
		ox = (x1 < X1[k] ? x1 : X1[k]) - (x0 > X0[k] ? x0 : X0[k])
		oy = (y1 < Y1[k] ? y1 : Y1[k]) - (y0 > Y0[k] ? y0 : Y0[k])
		if (ox <= 0 || oy <= 0) continue
		a = (x1 - x0) * (y1 - y0); b = (X1[k] - X0[k]) * (Y1[k] - Y0[k])
		if (ox * oy > (a < b ? a : b) / 3) {
			print "page " page ": '" w "' on '" W[k] "'"; bad++
		}
	}
	X0[n] = x0; Y0[n] = y0; X1[n] = x1; Y1[n] = y1; W[n] = w; n++
}
END { exit bad > 0 }
AWK
check "fr: every word inside the margins, none on another" awk -f bbox.awk bbox.html

# ---- a long service name wraps; a service with no call ----
sed 's/^label = CCAS$/label = Centre communal d'"'"'action sociale, aides facultatives, domiciliation et accompagnement des personnes âgées et handicapées/' \
    callstat.conf > long.conf
cat >> long.conf <<'EOF'

[service annexe]
label = Mairie annexe du hameau
match = did:0199009999
EOF
run callstat-report -c long.conf -d town.db -o long.pdf
check_rc 0 "a long service name and a service with no call"
pdftotext -bbox long.pdf long.html
check "long: every word inside the margins, none on another" awk -f bbox.awk long.html
pdftotext long.pdf - | tr '\n' ' ' | sed 's/  */ /g' > long.txt
check "long: the whole name, wrapped" has long.txt \
    "Centre communal d'action sociale, aides facultatives, domiciliation et accompagnement des personnes âgées et handicapées"
check "a service with no call is said in words" has long.txt \
    "Aucun appel à ce service n'a été compté"

# ---- a period with no call; too few calls ----
run callstat-report -c callstat.conf -d town.db --from 2031-01 --to 2031-12 -o none.pdf
check_rc 0 "a period with no call still makes a report"
pdftotext none.pdf - | tr '\n' ' ' | sed 's/\xc2\xa0/ /g; s/  */ /g' > none.txt
check "no call: said in words" has none.txt "Aucun appel n'a été enregistré sur la période janvier 2031 – décembre 2031"
check "no call: the data quality says the records hold no day" has none.txt \
    "Les journaux d’appels ne contiennent aucun jour de la période"
run callstat-report -c callstat.conf -d town.db --from 2024-06-03 --to 2024-06-03 \
    -s ccas -o few.pdf
check_rc 0 "a day of one small service"
pdftotext few.pdf - | tr '\n' ' ' | sed 's/\xc2\xa0/ /g; s/  */ /g' > few.txt
check "too few calls: said instead of a percentage" has few.txt "trop peu pour donner un pourcentage"

# ---- failures ----
run callstat-report -c callstat.conf -d town.db -o /nonexistent/dir/r.pdf
check_rc 1 "an output directory that does not exist"
check "names the file" has err "/nonexistent/dir/r.pdf"
run callstat-report -c callstat.conf -d town.db -o /dev/full
check_rc 1 "a full disk"
run callstat-report -c callstat.conf -d missing.db -o m.pdf
check_rc 1 "no database"
check "no report for a failure" [ ! -e m.pdf ]

# ---- privacy: no caller's number in what the council reads ----
# (the town's own numbers, its did: terms, are the calls' source when the
# town calls out, and Methodology prints them: they are no caller's)
grep -o 'did:[0-9?*]*' callstat.conf | sed 's/^did://; s/[?]/[0-9]/g; s/[*]/[0-9]*/g; s/.*/^&$/' \
    > town-numbers
check "the town's numbers read from its configuration" [ -s town-numbers ]
awk -F'","' 'NR <= 2000 { n = $2; gsub(/[^0-9]/, "", n); if (length(n) >= 9) print n }' \
    "$SD/Master.csv" | sort -u | grep -v -f town-numbers > callers
check "callers' numbers to look for" [ -s callers ]
cat fr.*.txt fr.html.txt en.*.txt | tr -d ' ' > all.txt
check "no caller's number in the reports" sh -c '! grep -qFf callers all.txt'

finish
