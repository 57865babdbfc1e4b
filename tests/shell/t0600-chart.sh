# callstat-chart: charts from a synth town's figures and from hand-written
# CSVs, to PNG (size read from the IHDR bytes), PDF (pdfinfo's page count,
# pdftotext's words, in French and English) and SVG (well-formed XML); bad
# CSVs and bad options with their exit status and message.  The charts are
# also left in build/charts/ to be looked at; none is compared by pixels.
. "$(dirname "$0")/lib.sh"

OUT="$CS_BIN/../charts"
mkdir -p "$OUT"
cd "$T"
cp "$CS_TOP/sample-data/callstat.conf" callstat.conf

# png_size FILE: "WIDTH HEIGHT" from the PNG's IHDR chunk
png_size() {
	od -An -tu1 -j16 -N8 "$1" | awk '{ print $1 * 16777216 + $2 * 65536 + $3 * 256 + $4, $5 * 16777216 + $6 * 65536 + $7 * 256 + $8 }'
}
svg_ok() {
	python3 -c 'import xml.dom.minidom,sys; xml.dom.minidom.parse(sys.argv[1])' "$1"
}
pdf_pages() {
	pdfinfo "$1" 2>/dev/null | awk '/^Pages:/ { print $2 }'
}
# pdf_has FILE TEXT: pdftotext finds TEXT (spaces squeezed: a narrow
# no-break space comes out as a space)
pdf_has() {
	pdftotext -layout "$1" - 2>/dev/null |
	    sed 's/\xe2\x80\xaf/ /g; s/\xc2\xa0/ /g' | tr -s ' ' > "$T/pdftext"
	grep -qF -- "$2" "$T/pdftext"
}

# --- a synth town, its figures, its charts ---------------------------------
run callstat-synth -q -c callstat.conf --from 2024-01-01 --to 2024-06-30 \
    --calls-per-day 60 --seed 3 -o town
check_rc 0 "synth half a year"
run callstat-import -q -c callstat.conf -d t.db town/Master.csv town/queue_log \
    town/transcripts.jsonl
check_rc 0 "import the town"
callstat-kpi -c callstat.conf -d t.db --by service,month --csv > sm.csv
callstat-kpi -c callstat.conf -d t.db --by month --csv > m.csv
check "kpi CSVs made" [ -s sm.csv -a -s m.csv ]

for lang in fr en; do
	for type in rate volume wait; do
		extra=
		[ $type = rate ] && extra="--target 85"
		[ $type = wait ] && extra="-s accueil"
		for fmt in png pdf svg; do
			f=$OUT/synth-$type-$lang.$fmt
			run callstat-chart --type $type -c callstat.conf -i sm.csv \
			    --lang $lang $extra -o "$f"
			check_rc 0 "synth $type $lang $fmt"
			# (the rate chart's target is drawn on answer_rate: its
			# warning, checked below, and nothing else)
			check "synth $type $lang $fmt: nothing on stderr" \
			    sh -c "! grep -v 'warning: --target 85 is drawn on answer_rate' '$T/err'"
		done
		check "synth $type $lang png: 1200 x 750 ($(png_size "$OUT/synth-$type-$lang.png"))" \
		    [ "$(png_size "$OUT/synth-$type-$lang.png")" = "1200 750" ]
		check "synth $type $lang pdf: one page" \
		    [ "$(pdf_pages "$OUT/synth-$type-$lang.pdf")" = 1 ]
		check "synth $type $lang svg: well-formed" svg_ok "$OUT/synth-$type-$lang.svg"
	done
done
f=$OUT/synth
# the words a reader reads, in each language
check "rate fr: title" pdf_has $f-rate-fr.pdf "Taux de réponse"
check "rate fr: axis" pdf_has $f-rate-fr.pdf "Pourcentage des appels"
check "rate fr: 100 % on the axis" pdf_has $f-rate-fr.pdf "100 %"
check "rate fr: target" pdf_has $f-rate-fr.pdf "Objectif 85 %"
check "rate fr: go-live" pdf_has $f-rate-fr.pdf "Robot en service depuis le 4 mars 2024"
check "rate fr: legend with n" pdf_has $f-rate-fr.pdf "accueil (n = "
check "rate fr: months" pdf_has $f-rate-fr.pdf "janv."
check "rate fr: caption" pdf_has $f-rate-fr.pdf "Période : janvier 2024 – juin 2024"
check "rate en: title" pdf_has $f-rate-en.pdf "Answer rate"
check "rate en: axis" pdf_has $f-rate-en.pdf "Percent of the calls"
check "rate en: 100% on the axis" pdf_has $f-rate-en.pdf "100%"
check "rate en: target" pdf_has $f-rate-en.pdf "Target 85%"
check "rate en: go-live" pdf_has $f-rate-en.pdf "Bot live from 4 March 2024"
check "rate en: caption" pdf_has $f-rate-en.pdf "Period: January 2024 – June 2024"
check "volume fr: legend" pdf_has $f-volume-fr.pdf "Répondus par le robot (n = "
check "volume fr: abandoned" pdf_has $f-volume-fr.pdf "Abandonnés"
check "volume en: legend" pdf_has $f-volume-en.pdf "Answered by a person (n = "
check "volume en: voicemail" pdf_has $f-volume-en.pdf "Voicemail"
check "wait fr: title" pdf_has $f-wait-fr.pdf "Attente avant réponse — accueil"
check "wait fr: threshold" pdf_has $f-wait-fr.pdf "Niveau de service 20 s"
check "wait en: median" pdf_has $f-wait-en.pdf "Median wait (n = "
check "wait en: p90" pdf_has $f-wait-en.pdf "90th percentile of the wait"

# the n in the legend is the sum of the denominator (offered for
# answer_rate) over the months: accueil's from the CSV itself
n=$(awk -F, 'NR == 1 { for (i = 1; i <= NF; i++) c[$i] = i; next }
	$1 == "accueil" { s += $c["offered"] } END { print s }' sm.csv)
check "rate en: accueil's n is its offered calls ($n)" \
    pdf_has $f-rate-en.pdf "accueil (n = $(echo "$n" | sed ':a;s/\B[0-9]\{3\}\>/,&/;ta'))"

# stdin, the town's rows, --format, --width/--height, --dpi
run sh -c "callstat-kpi -c callstat.conf -d t.db --by month --csv |
    callstat-chart --type rate --lang en -o - --format png > stdin.png"
check_rc 0 "kpi | chart to stdout"
check "the town's series" [ "$(png_size stdin.png)" = "1200 750" ]
run callstat-chart --type rate -i m.csv --lang en --width 640 --height 400 -o small.png
check_rc 0 "--width --height"
check "640 x 400" [ "$(png_size small.png)" = "640 400" ]
run callstat-chart --type rate -i m.csv --lang en --width 640 --height 400 --dpi 192 -o hi.png
check_rc 0 "--dpi"
check "--dpi keeps the size in pixels" [ "$(png_size hi.png)" = "640 400" ]
run callstat-chart --type rate -i m.csv --lang en --width 500 --height 300 -o p.pdf
check "--width, --height in points for PDF" \
    sh -c 'pdfinfo p.pdf | grep -q "Page size: *500 x 300 pts"'
run callstat-chart --type rate -i m.csv --lang en --figure containment_rate \
    --zoom --title "Bot: calls settled alone" -o z.pdf
check_rc 0 "--figure --zoom --title"
check "--title" pdf_has z.pdf "Bot: calls settled alone"
check "n of containment: the bot's calls" pdf_has z.pdf "n: calls the bot answered"
run env LANG=fr_FR.UTF-8 callstat-chart --type volume -i m.csv -o l.pdf
check "LANG=fr gives French" pdf_has l.pdf "Appels selon leur issue"
run env LANG=de_DE.UTF-8 callstat-chart --type volume -i m.csv -o l.pdf
check "LANG=de gives English" pdf_has l.pdf "Calls by outcome"

# --- funnel: the stages summed over the rows ---------------------------------
for lang in fr en; do
	for fmt in png pdf svg; do
		run callstat-chart --type funnel -i sm.csv --lang $lang \
		    -o "$OUT/synth-funnel-$lang.$fmt"
		check_rc 0 "funnel $lang $fmt"
	done
	check "funnel $lang png size" [ "$(png_size "$OUT/synth-funnel-$lang.png")" = "1200 750" ]
	check "funnel $lang pdf: one page" [ "$(pdf_pages "$OUT/synth-funnel-$lang.pdf")" = 1 ]
	check "funnel $lang svg: well-formed" svg_ok "$OUT/synth-funnel-$lang.svg"
done
check "funnel fr: title" pdf_has $f-funnel-fr.pdf "De l’appel à son issue"
check "funnel fr: a stage" pdf_has $f-funnel-fr.pdf "Réglés par le robot"
check "funnel fr: its period" pdf_has $f-funnel-fr.pdf "Période : janvier 2024 – juin 2024"
check "funnel en: a stage" pdf_has $f-funnel-en.pdf "Handed to a person"
# the offered calls summed over services and months, 100 % of themselves
off=$(awk -F, 'NR == 1 { for (i = 1; i <= NF; i++) c[$i] = i; next }
	{ s += $c["offered"] } END { print s }' sm.csv)
check "funnel en: offered summed ($off)" \
    pdf_has $f-funnel-en.pdf "$(echo "$off" | sed ':a;s/\B[0-9]\{3\}\>/,&/;ta') (100%)"
printf 'period,offered,bot_sessions,bot,escalated,agent,lost\n2025-01,200,100,50,50,120,30\n' > fun.csv
run callstat-chart --type funnel -i fun.csv --lang fr -o "$OUT/hand-funnel-fr.pdf"
check_rc 0 "hand-written funnel"
check "funnel: a share of the calls offered" pdf_has "$OUT/hand-funnel-fr.pdf" "120 (60 %)"
check "funnel: one month's caption" pdf_has "$OUT/hand-funnel-fr.pdf" "Période : janvier 2025."
printf 'period,offered,answer_rate\n2025-01,3,0.5\n' > nofun.csv
run callstat-chart --type funnel -i nofun.csv -o x.png
check_rc 1 "funnel from a CSV without its columns"
check "funnel: the column named" has err "line 1: no column bot_sessions"

# --- compare: callstat-compare's CSV, before and after per service ----------
run callstat-compare -c callstat.conf -d t.db --csv -o cmp.csv
check_rc 0 "callstat-compare --csv"
for lang in fr en; do
	for fmt in png pdf svg; do
		run callstat-chart --type compare -i cmp.csv --lang $lang --target 85 \
		    -o "$OUT/synth-compare-$lang.$fmt"
		check_rc 0 "compare $lang $fmt"
	done
	check "compare $lang png size" [ "$(png_size "$OUT/synth-compare-$lang.png")" = "1200 750" ]
	check "compare $lang pdf: one page" [ "$(pdf_pages "$OUT/synth-compare-$lang.pdf")" = 1 ]
	check "compare $lang svg: well-formed" svg_ok "$OUT/synth-compare-$lang.svg"
done
check "compare fr: title" pdf_has $f-compare-fr.pdf "Taux de réponse — avant et après le robot"
check "compare fr: legend" pdf_has $f-compare-fr.pdf "Avant"
check "compare fr: the town" pdf_has $f-compare-fr.pdf "Commune"
check "compare en: the town" pdf_has $f-compare-en.pdf "Town"
check "compare en: what the bars are" pdf_has $f-compare-en.pdf "Bars: 95 % intervals. Not significant: p > 0.05."
# accueil's n before and after, from the CSV
nb=$(awk -F, '$1 == "answer_rate" && $2 == "accueil" { print $6 " → " $8 }' cmp.csv)
check "compare en: accueil's n ($nb)" pdf_has $f-compare-en.pdf "n = $(echo "$nb" | sed ':a;s/\B[0-9]\{3\}\>/,&/;ta')"
cat > cmp-hand.csv <<'CSV'
figure,service,before,after,before_x,before_n,after_x,after_n,before_low,before_high,after_low,after_high,diff,diff_low,diff_high,p_value
callback_2h,ccas,0.2,0.4,12,60,8,20,0.118,0.318,0.219,0.613,0.2,-0.03,0.42,0.08
CSV
run callstat-chart --type compare --figure callback_2h -i cmp-hand.csv --lang fr \
    -o "$OUT/hand-compare-fr.pdf"
check_rc 0 "hand-written compare"
check "compare: n.s. said in words" pdf_has "$OUT/hand-compare-fr.pdf" "non significatif"
check "compare: the hollow point's n" pdf_has "$OUT/hand-compare-fr.pdf" "n = 20"
run callstat-chart --type compare -i sm.csv -o x.png
check_rc 1 "compare from kpi's CSV"
check "compare: says which CSV" has err "line 1: no column figure: make the CSV with callstat-compare --csv"

# --- hand-written CSVs: gaps, hollow points, a spreadsheet's columns -------
cat > hand.csv <<'CSV'
service,period,offered,answer_rate
Accueil,2025-01,120,0.80
Accueil,2025-02,110,0.825
Accueil,2025-04,12,0.50
État civil,2025-01,40,0.9
État civil,2025-02,0,
État civil,2025-03,35,0.6
CSV
run callstat-chart --type rate -i hand.csv --lang fr --go-live 2025-03-03 \
    --target 80 -o "$OUT/hand-rate-fr.pdf"
check_rc 0 "hand-written rate"
g=$OUT/hand-rate-fr.pdf
check "hand: a hollow point labelled with its n" pdf_has $g "n = 12"
check "hand: the note on hollow points" pdf_has $g "Marqueurs creux, avec leur n : moins d’appels que 30."
check "hand: accent in a service" pdf_has $g "État civil (n = 75)"
check "hand: n of Accueil" pdf_has $g "Accueil (n = 242)"
check "hand: go-live" pdf_has $g "Robot en service depuis le 3 mars 2025"
check "hand: 0 % on the axis" pdf_has $g "0 %"
run callstat-chart --type rate -i hand.csv --lang en --min-n 5 -o mn.pdf
check "--min-n 5: no hollow point" sh -c '! pdftotext mn.pdf - | grep -q "n = 12"'
pdftoppm -png -r 60 "$OUT/hand-rate-fr.pdf" "$OUT/hand-rate-fr" 2>/dev/null

cat > vol.csv <<'CSV'
period,bot,agent,abandoned,missed,voicemail
2025-01,100,300,40,10,5
2025-03,150,250,20,5,
CSV
run callstat-chart --type volume -i vol.csv --lang fr -o "$OUT/hand-volume-fr.pdf"
check_rc 0 "hand-written volume"
check "volume: February drawn as a gap, said in words" \
    pdf_has "$OUT/hand-volume-fr.pdf" "pas de données"
check "volume: n of the bot" pdf_has "$OUT/hand-volume-fr.pdf" "Répondus par le robot (n = 250)"
run callstat-chart --type volume -i vol.csv --lang en -o "$OUT/hand-volume-en.svg"
check_rc 0 "hand-written volume, SVG"
check "volume svg well-formed" svg_ok "$OUT/hand-volume-en.svg"

# a phone system that cannot tell abandoned from missed (callstat-kpi
# leaves both empty): its lost calls are one series, the two left out;
# mixed with months that tell them, each month counted once
cat > vlost.csv <<'CSV'
period,bot,agent,abandoned,missed,voicemail,lost
2025-01,100,300,,,5,50
2025-02,150,250,,,0,25
CSV
run callstat-chart --type volume -i vlost.csv --lang fr -o vl.pdf
check_rc 0 "volume without abandoned and missed"
check "volume: lost as one series, its n by hand (50 + 25)" \
    pdf_has vl.pdf "Perdus : abandonnés ou non aboutis (n = 75)"
check "volume: no series of abandoned" sh -c '! pdftotext vl.pdf - | grep -q "Abandonnés"'
printf '2025-03,150,250,20,5,0,25\n' >> vlost.csv
run callstat-chart --type volume -i vlost.csv --lang en -o vl2.pdf
check "volume, mixed: lost where untold only (50 + 25)" \
    pdf_has vl2.pdf "Lost: abandoned or missed (n = 75)"
check "volume, mixed: abandoned where told" pdf_has vl2.pdf "Abandoned (n = 20)"

cat > wait.csv <<'CSV'
period,answered,wait_p50,wait_p90
2025-01-06,50,8,31
2025-01-07,45,6,25
2025-01-09,20,4,12
CSV
run callstat-chart --type wait -i wait.csv --lang fr --threshold 30 -o "$OUT/hand-wait-fr.pdf"
check_rc 0 "hand-written wait, by day"
check "wait: threshold" pdf_has "$OUT/hand-wait-fr.pdf" "Niveau de service 30 s"
check "wait: days in French" pdf_has "$OUT/hand-wait-fr.pdf" "janv. 2025"
check "wait: hollow day labelled" pdf_has "$OUT/hand-wait-fr.pdf" "n = 20"
check "wait: 8 January missing, said in words" pdf_has "$OUT/hand-wait-fr.pdf" "pas de données"

# --- bad CSVs: exit 1, the line or the column named --------------------------
printf '' > empty.csv
run callstat-chart --type rate -i empty.csv -o x.png
check_rc 1 "empty input"
check "empty input: said" has err "callstat-chart: empty.csv: empty input"
check "no file left behind" [ ! -e x.png ]
printf 'period,answer_rate\n2025-01,0.5\n' > nocol.csv
run callstat-chart --type rate -i nocol.csv -o x.png
check_rc 1 "missing n column"
check "missing column named" has err "nocol.csv: line 1: no column offered, the n of answer_rate"
printf 'period,offered,answer_rate\n2025-01,10,0.5\n2025-02,10,lots\n' > text.csv
run callstat-chart --type rate -i text.csv -o x.png
check_rc 1 "text for a number"
check "text: line and column" has err "text.csv: line 3: column answer_rate: 'lots' is not a number"
printf 'period,offered,answer_rate\n2025-01,10,85\n' > pct.csv
run callstat-chart --type rate -i pct.csv -o x.png
check_rc 1 "a rate in percent"
check "percent: said how" has err "rates are fractions from 0 to 1"
run callstat-chart --type volume -i hand.csv -o x.png
check_rc 1 "volume from a rate CSV"
check "volume: missing column" has err "line 1: no column bot"
run callstat-chart --type wait -i sm.csv -o x.png
check_rc 1 "wait over several services"
check "wait: choose with -s" has err "choose it with -s"
run callstat-chart --type rate -i nosuch.csv -o x.png
check_rc 1 "no input file"
run callstat-chart --type rate -i hand.csv -o nodir/x.png
check_rc 1 "unwritable output"

# --- bad options: exit 2 ---------------------------------------------------
usage() {
	run callstat-chart "$@"
	check_rc 2 "usage: $*"
	check "usage: $*: synopsis and hint" sh -c \
	    "grep -q '^usage: callstat-chart' '$T/err' && grep -q \"Try 'callstat-chart --help'\" '$T/err'"
}
usage -i hand.csv -o x.png
usage --type pie -i hand.csv -o x.png
usage --type rate -i hand.csv
usage --type rate -i hand.csv -o x.gif
usage --type rate -i hand.csv -o x.png --format jpg
usage --type rate -i hand.csv -o x.png --figure offered
# --- heatmap: weekday by hour, from callstat-calls' CSV ---------------------
callstat-calls -c callstat.conf -d t.db --csv > calls.csv
check "callstat-calls CSV made" [ -s calls.csv ]
for lang in fr en; do
	for fig in offered lost; do
		for fmt in png pdf svg; do
			run callstat-chart --type heatmap --figure $fig -i calls.csv \
			    --lang $lang -o "$OUT/synth-heatmap-$fig-$lang.$fmt"
			check_rc 0 "heatmap $fig $lang $fmt"
			check "heatmap $fig $lang $fmt: nothing on stderr" [ ! -s "$T/err" ]
		done
		check "heatmap $fig $lang png size" \
		    [ "$(png_size "$OUT/synth-heatmap-$fig-$lang.png")" = "1200 750" ]
		check "heatmap $fig $lang pdf: one page" \
		    [ "$(pdf_pages "$OUT/synth-heatmap-$fig-$lang.pdf")" = 1 ]
		check "heatmap $fig $lang svg: well-formed" \
		    svg_ok "$OUT/synth-heatmap-$fig-$lang.svg"
	done
done
h=$OUT/synth-heatmap
for d in lundi mardi mercredi jeudi vendredi samedi dimanche; do
	check "heatmap fr: $d" pdf_has $h-offered-fr.pdf "$d"
done
for d in Monday Tuesday Wednesday Thursday Friday Saturday Sunday; do
	check "heatmap en: $d" pdf_has $h-offered-en.pdf "$d"
done
check "heatmap fr: title" pdf_has $h-offered-fr.pdf "Appels reçus par jour de la semaine et par heure"
# (pdftotext drops the no-break space of "9 h" by its own measure of
# spaces, so a two-digit hour)
check "heatmap fr: hours" pdf_has $h-offered-fr.pdf "10 h"
check "heatmap en: hours" pdf_has $h-offered-en.pdf "10:00"
check "heatmap fr lost: title" pdf_has $h-lost-fr.pdf "Appels perdus par jour"
check "heatmap fr: period" pdf_has $h-offered-fr.pdf "Période : 2 janvier 2024"
# the grand total: the calls offered (not short) add up to the rows' totals
off=$(awk -F, 'NR > 1 && $4 != "short"' calls.csv | wc -l)
rows=$(pdftotext -layout $h-offered-en.pdf - | awk '
	/^ *(Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday) / {
		t = $NF; gsub(/,/, "", t); s += t } END { print s }')
check "heatmap en: the rows' totals add up to the calls offered ($rows = $off)" \
    [ "$rows" = "$off" ]
# by hand: 2025-03-03 was a Monday; the short call is no call offered
printf 'call,start,service,outcome\n1,2025-03-03 08:10:00,a,agent\n2,2025-03-03 08:50:00,a,missed\n3,2025-03-04 09:05:00,a,short\n4,2025-03-09 10:00:00,b,abandoned\n' > heat.csv
run callstat-chart --type heatmap -i heat.csv --lang en -o "$OUT/hand-heatmap-en.pdf"
check_rc 0 "hand-written heatmap"
pdftotext -layout "$OUT/hand-heatmap-en.pdf" - > heat.txt
check "hand heatmap: Monday 8:00 holds 2" grep -qE '^ *Monday +2 +2$' heat.txt
check "hand heatmap: Sunday 10:00 holds 1" grep -qE '^ *Sunday +1 +1$' heat.txt
check "hand heatmap: Tuesday blank (the short call)" grep -qE '^ *Tuesday +0$' heat.txt
run callstat-chart --type heatmap -i heat.csv -s b --figure lost --lang en -o x.pdf
check_rc 0 "hand heatmap, -s b, lost"
printf 'call,start,outcome\n1,2025-03-03 8h10,agent\n' > badheat.csv
run callstat-chart --type heatmap -i badheat.csv -o x.png
check_rc 1 "heatmap: a bad start"
check "heatmap: the line and column named" has err "badheat.csv: line 2: column start"
run callstat-chart --type heatmap -i sm.csv -o x.png
check_rc 1 "heatmap from kpi's CSV"
check "heatmap: says which CSV it wants" has err "no column start: make the CSV with callstat-calls --csv"
usage --type heatmap -i heat.csv -o x.png --figure answer_rate
usage --type rate -i hand.csv -o x.png --figure lost

# --- -d: the database read through the tools' own library calls -----------
# the same chart as the tool's CSV piped in: the same words and numbers
# (sorted, as pdftotext orders them by its own measure), but the source
words() {
	pdftotext "$1" - | tr -s '[:space:]' '\n' |
	    sed "s/^$2\([.,]\)\$/SOURCE\1/" | sort
}
for type in rate volume funnel wait; do
	extra=
	[ $type = wait ] && extra="-s accueil"
	callstat-kpi -c callstat.conf -d t.db --by service,month --csv |
	    callstat-chart --type $type -c callstat.conf $extra -o pipe-$type.pdf
	run callstat-chart --type $type -c callstat.conf -d t.db $extra \
	    -o "$OUT/db-$type-en.pdf"
	check_rc 0 "-d $type"
	words pipe-$type.pdf callstat-kpi > w-pipe
	words "$OUT/db-$type-en.pdf" t.db > w-db
	check "-d $type: the chart of callstat-kpi's CSV" cmp -s w-pipe w-db
done
callstat-kpi -c callstat.conf -d t.db --by service,month --csv \
    --from 2024-02 --to 2024-04 |
    callstat-chart --type rate -c callstat.conf -o pipe-from.pdf
run callstat-chart --type rate -c callstat.conf -d t.db --from 2024-02 \
    --to 2024-04 -o db-from.pdf
check_rc 0 "-d --from --to"
words pipe-from.pdf callstat-kpi > w-pipe
words db-from.pdf t.db > w-db
check "-d --from --to: callstat-kpi's with the same dates" cmp -s w-pipe w-db
check "-d --from --to: its period" pdf_has db-from.pdf "February 2024 – April 2024"
words "$OUT/db-rate-en.pdf" t.db > w-all
differs() { ! cmp -s "$1" "$2"; }
check "-d --from --to: not the whole half year" differs w-db w-all
for fig in offered lost; do
	callstat-calls -c callstat.conf -d t.db --csv -s accueil --from 2024-03 |
	    callstat-chart --type heatmap --figure $fig -s accueil -o pipe-heat.pdf
	run callstat-chart --type heatmap --figure $fig -c callstat.conf -d t.db \
	    -s accueil --from 2024-03 --lang fr -o "$OUT/db-heatmap-$fig-fr.pdf"
	check_rc 0 "-d heatmap $fig"
	run callstat-chart --type heatmap --figure $fig -c callstat.conf -d t.db \
	    -s accueil --from 2024-03 -o db-heat.pdf
	words pipe-heat.pdf callstat-calls > w-pipe
	words db-heat.pdf t.db > w-db
	check "-d heatmap $fig: the chart of callstat-calls' CSV" cmp -s w-pipe w-db
done
check "-d heatmap fr: source named" pdf_has "$OUT/db-heatmap-lost-fr.pdf" "Source : t.db"
usage --type rate -d t.db -i sm.csv -o x.png
usage --type rate -i sm.csv --from 2024-01 -o x.png
# the periods callstat-compare's table names, in words, as --period: the
# caption of the chart from -d names them so
callstat-compare -c callstat.conf -d t.db > cmp-table.txt
inwords() { LC_ALL=C date -d "$1" '+%-d %B %Y'; }
set -- $(sed -n 's/^before: *\([0-9-]*\) to \([0-9-]*\)$/\1 \2/p; s/^after: *\([0-9-]*\) to \([0-9-]*\)$/\1 \2/p' cmp-table.txt)
check "callstat-compare's table names its periods ($*)" [ $# -eq 4 ]
periods="before the bot: $(inwords $1) – $(inwords $2); after: $(inwords $3) – $(inwords $4)"
callstat-compare -c callstat.conf -d t.db --csv |
    callstat-chart --type compare -o pipe-cmp-noperiod.pdf 2> noperiod.err
check "compare from CSV without --period: a warning says to give it" \
    grep -q "does not say its periods: give them with --period" noperiod.err
for fig in answer_rate abandon_rate; do
	callstat-compare -c callstat.conf -d t.db --csv |
	    callstat-chart --type compare --figure $fig --period "$periods" -o pipe-cmp.pdf
	run callstat-chart --type compare --figure $fig -c callstat.conf -d t.db \
	    -o "$OUT/db-compare-$fig-en.pdf"
	check_rc 0 "-d compare $fig"
	words pipe-cmp.pdf callstat-compare > w-pipe
	words "$OUT/db-compare-$fig-en.pdf" t.db > w-db
	check "-d compare $fig: the chart of callstat-compare's CSV" cmp -s w-pipe w-db
	check "-d compare $fig: the caption names the periods ($periods)" \
	    sh -c "pdftotext '$OUT/db-compare-$fig-en.pdf' - | tr -s '[:space:]' ' ' | grep -qF 'Periods: $periods'"
done
usage --type compare -d t.db --from 2024-02 -o x.png
usage --type rate -d t.db --from 2024-05 --to 2024-02 -o x.png
usage --type rate -d t.db --from 2024-13 -o x.png
run callstat-chart --type rate -c callstat.conf -d nowhere.db -o x.png
check_rc 1 "-d: no such database"

usage --type rate -i hand.csv -o x.png --target 120
usage --type rate -i hand.csv -o x.png --width 10
usage --type rate -i hand.csv -o x.png --go-live 2025-13-01
usage --type rate -i hand.csv -o x.png --lang de
usage --type volume -i hand.csv -o x.png --target 80
usage --type rate -i hand.csv -o x.png extra
run callstat-chart --type rate -i hand.csv -o x.png --figure offered
check "--figure offered: said why" has err "'offered' is not a rate"
run callstat-chart --help
check_rc 0 "--help"
check "--help: usage" has out "usage: callstat-chart"
run callstat-chart --version
check_rc 0 "--version"

# --- the language's catalogue ----------------------------------------------
mkdir po
printf 'msgid "Answer rate"\nmsgstr "Taux"\nwhat\n' > po/fr.po
run env CALLSTAT_PODIR="$T/po" callstat-chart --type rate -i hand.csv \
    --lang fr -o x.png
check_rc 1 "a broken catalogue"
check "broken catalogue: file and line" has err "po/fr.po: line 3: not a line of a gettext catalogue"
printf 'msgid "Answer rate"\nmsgstr "Taux maison"\n' > po/fr.po
run env CALLSTAT_PODIR="$T/po" callstat-chart --type rate -i hand.csv \
    --lang fr -o x.pdf
check_rc 0 "a catalogue from CALLSTAT_PODIR"
check "its words are used" pdf_has x.pdf "Taux maison"
# CSV never changes with the language
LANG=fr_FR.UTF-8 callstat-kpi -c callstat.conf -d t.db --by month --csv > m-fr.csv
check "CSV the same in French" cmp -s m.csv m-fr.csv
# the state's target counts the calls a person answered: drawn on another
# rate, a warning says so; on agent_answer_rate, none
run callstat-chart --type rate -c callstat.conf -i sm.csv --target 85 -o "$OUT/target-answer.png"
check_rc 0 "--target on answer_rate: drawn"
check "--target on answer_rate: the warning" has "$T/err" \
    "warning: --target 85 is drawn on answer_rate; the state's target counts the calls a person answered: --figure agent_answer_rate"
run callstat-chart --type rate -c callstat.conf -i sm.csv --figure agent_answer_rate --target 85 -o "$OUT/target-agent.png"
check_rc 0 "--target on agent_answer_rate: drawn"
check "--target on agent_answer_rate: no warning" [ ! -s "$T/err" ]
finish
