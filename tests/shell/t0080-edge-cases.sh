# Edge cases of kpi.md and config.md beyond the worked example, figures
# computed by hand (tests/data/edge-cases.csv, with the example's config):
#  1. Thu 1 May 2025 10:00, a public holiday: accueil, out of hours, bot (wait 2)
#  2. Fri 2 May 2025 12:30, the lunch break: accueil, out of hours, bot (wait 3)
#  3. Mon 5 May 10:00, a Queue row ANSWERED with an answer time but no
#     destination channel (nobody rung): urbanisme, in hours, missed
#  4. Mon 5 May 11:00, a Queue row ANSWERED at its start (the PBX answered),
#     but the queue_log says ABANDON at 11:00:40 and has no CONNECT:
#     urbanisme, in hours, abandoned after 40 s, not agent
#  5. Sun 26 Oct 2025 02:30, the hour repeated when summer time ends: the
#     earlier instant (00:30 UTC = its uniqueid's epoch), flagged; Sunday:
#     out of hours, bot (wait 1)
. "$(dirname "$0")/lib.sh"

cd "$T"
cp "$EX/callstat.conf" .
D="$CS_TOP/tests/data"
run callstat-import -c callstat.conf -d e.db "$D/edge-cases.csv" "$D/edge-cases.queue_log"
check_rc 0 "import the edge cases"

run callstat-kpi -c callstat.conf -d e.db --by service,month --csv
check_rc 0 "kpi in hours"
check "in hours: only urbanisme in May" [ "$(tail -n +2 out | cut -d, -f1,2)" = "urbanisme,2025-05" ]
# offered answered answer_rate needed_agent agent_answer_rate agent bot
# abandoned abandon_rate missed voicemail short asa p50 p90 hp90 sl sla
# abandon_wait talk bot_sessions escalated esc_rate cont_rate cont24
# esc_answer repeat lost cb2 cb24
check "urbanisme May: offered 2, 0 answered, 1 missed, 1 abandoned after 40 s" \
	[ "$(tail -n +2 out | cut -d, -f3-)" = "2,0,0,2,0,0,0,1,0.5,1,0,0,,,,,0,,40,,0,0,,,,,0,2,0,0" ]

run callstat-kpi -c callstat.conf -d e.db --by service,month --out-of-hours --csv
check_rc 0 "kpi out of hours"
check "out of hours: accueil in May and in October" \
	[ "$(tail -n +2 out | cut -d, -f1,2 | tr '\n' ' ')" = "accueil,2025-05 accueil,2025-10 " ]
check "accueil May out of hours: the holiday and the lunch-break call, bot, waits 2 and 3" \
	[ "$(sed -n 2p out | cut -d, -f3-)" = "2,2,1,0,,0,2,0,0,0,0,0,2.5,2,3,,1,1,,,2,0,0,1,1,,0,0,," ]
check "accueil October out of hours: the repeated-hour call" \
	[ "$(sed -n 3p out | cut -d, -f3,4,9,15)" = "1,1,1,1" ]

run callstat-calls -c callstat.conf -d e.db --all-hours --csv
check "the repeated-hour call starts at 02:30 local" has out "1761438600.509,2025-10-26 02:30:00,accueil,bot"
check "it is stored at the earlier instant (00:30 UTC) and flagged" \
	[ "$(sqlite3 e.db "SELECT start, flags FROM calls WHERE id = '1761438600.509'")" = "1761438600|1" ]
check "the queue row with no channel is missed" has out "1746432000.505,2025-05-05 10:00:00,urbanisme,missed"
check "the pre-answered queue row is abandoned, not agent" has out "1746435600.507,2025-05-05 11:00:00,urbanisme,abandoned"

finish
