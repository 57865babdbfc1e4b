# generic-csv in the hour repeated when summer time ends (2025-10-26,
# Paris: 02:00 to 02:59 twice): the earlier instant taken and the leg and
# its call flagged, as kpi.md asks; a time outside that hour, or a file
# declared UTC, not flagged.  Instants worked out by hand: 02:30 in
# summer time (UTC+2) is 00:30Z = 1761438600; 04:00 in winter time
# (UTC+1) is 03:00Z = 1761447600; 02:30Z is 1761445800.
. "$(dirname "$0")/lib.sh"

cd "$T"
cp "$CS_TOP/tests/data/generic/hosted.conf" callstat.conf
q() { sqlite3 "$1" "$2"; }
{
	echo "Call ID;Started;Answered;Ended;From;From name;To;Agent;Queue;Answered by;Result"
	echo "d1;2025-10-26 02:30:00;2025-10-26 02:30:10;2025-10-26 02:33:10;0639980101;;0199000100;2101;accueil;agent;answered"
	echo "d2;2025-10-26 04:00:00;2025-10-26 04:00:10;2025-10-26 04:03:10;0639980102;;0199000100;2101;accueil;agent;answered"
} > dst.csv

run callstat-import -c callstat.conf -d l.db --format generic-csv:hosted dst.csv
check_rc 0 "import, local times"
check "d1 at the earlier instant, flagged; d2 not" \
    [ "$(q l.db "SELECT group_concat(call_id || ':' || start || ':' || flags, ' ') FROM (SELECT * FROM generic_csv ORDER BY start)")" = "d1:1761438600:1 d2:1761447600:0" ]
check "their calls: d1 flagged, d2 not" \
    [ "$(q l.db "SELECT group_concat(id || ':' || (flags & 1), ' ') FROM (SELECT * FROM calls ORDER BY start)")" = "d1:1 d2:0" ]

run callstat-import -c callstat.conf -d u.db --times utc --format generic-csv:hosted dst.csv
check_rc 0 "import, --times utc"
check "UTC: one instant each, nothing flagged" \
    [ "$(q u.db "SELECT group_concat(call_id || ':' || start || ':' || flags, ' ') FROM (SELECT * FROM generic_csv ORDER BY start)")" = "d1:1761445800:0 d2:1761451200:0" ]

finish
