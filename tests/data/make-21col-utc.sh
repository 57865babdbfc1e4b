#!/bin/sh
# Makes example-21col-utc.csv beside this script from the worked example's
# Master.csv (sample-data/example): the same 34 rows as Asterisk writes
# them with 21 columns (cdr.conf without loguniqueid/loguserfield changes
# nothing here: the 16 standard columns, uniqueid, userfield, then
# peeraccount "", linkedid = the row's uniqueid, sequence = the row's
# number) and in UTC (usegmtime = yes): start, answer and end are moved
# from Europe/Paris local time to UTC.  An empty answer stays empty and
# unquoted.  Needs GNU date and the Europe/Paris zone.
#
#   tests/data/make-21col-utc.sh [EXAMPLE_MASTER_CSV [OUTPUT]]
set -eu
here=$(cd "$(dirname "$0")" && pwd)
in=${1:-$here/../../sample-data/example/Master.csv}
out=${2:-$here/example-21col-utc.csv}

awk '
function utc(local,    cmd, s, u) {
	cmd = "TZ=Europe/Paris date -d \"" local "\" +%s"
	if ((cmd | getline s) <= 0) { print "cannot convert " local > "/dev/stderr"; exit 1 }
	close(cmd)
	cmd = "date -u -d @" s " \"+%Y-%m-%d %H:%M:%S\""
	if ((cmd | getline u) <= 0) { print "cannot convert " s > "/dev/stderr"; exit 1 }
	close(cmd)
	return u
}
{
	line = $0
	out = ""
	# every quoted date and time of a row is its start, answer or end
	while (match(line, /"[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9] [0-9][0-9]:[0-9][0-9]:[0-9][0-9]"/)) {
		out = out substr(line, 1, RSTART) utc(substr(line, RSTART + 1, RLENGTH - 2)) "\""
		line = substr(line, RSTART + RLENGTH)
	}
	out = out line
	# the last two fields are uniqueid and userfield
	if (!match(out, /"[^"]*",""$/)) { print "line " NR ": no uniqueid" > "/dev/stderr"; exit 1 }
	uid = substr(out, RSTART + 1, RLENGTH - 5)
	print out ",\"\",\"" uid "\"," NR
}' "$in" > "$out.tmp"
mv "$out.tmp" "$out"
