# Sourced by the tests that compare callstat-kpi's figures of a synth town
# with its truth (t0200 for Asterisk, t0215 for the bot, t0450 for
# generic-csv); needs lib.sh,
# $DATA (tests/data) and $T.

# The figures of truth.csv in $1 (a synth directory), in hours (1) or
# all hours (0 1), into $2: one line per service and month, no header.
truth_kpi() {
	rm -f "$T/truth.db"
	sqlite3 "$T/truth.db" "CREATE TABLE want_hours(h);
	    INSERT INTO want_hours VALUES ($3);
	    CREATE TABLE sl(t); INSERT INTO sl VALUES (20);" &&
	(cd "$1" && sqlite3 "$T/truth.db" < "$DATA/synth-kpi.sql") > "$2"
}

# Compares want ($1: no header) with callstat-kpi's CSV ($2), by service
# and period, as numbers; fields ($3: comma-separated names, "" = all).
same_figures() {
	awk -F, -v only="$3" '
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
