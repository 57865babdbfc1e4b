# The house's layers (doc/hacking.md): no two objects of libcallstat.a call
# each other in a circle, and the call rules know no phone system's words.
. "$(dirname "$0")/lib.sh"

lib=$(cd "$CS_BIN/.." && pwd)/libcallstat.a
if [ ! -f "$lib" ] || ! command -v nm > /dev/null || ! command -v tsort > /dev/null; then
	echo "SKIP: $TEST: no $lib, nm or tsort"
	finish
fi

# "object symbol" for what each object defines, and for what it uses
nm -A --defined-only "$lib" 2>/dev/null |
	awk '$2 ~ /^[TDBRC]$/ { split($1, p, ":"); print p[2], $3 }' |
	sort -k 2 > "$T/defs"
nm -A --undefined-only "$lib" 2>/dev/null |
	awk '{ split($1, p, ":"); print p[2], $NF }' | sort -k 2 > "$T/uses"
# "user definer": an edge of the call graph between objects
join -1 2 -2 2 -o 1.1,2.1 "$T/uses" "$T/defs" |
	awk '$1 != $2' | sort -u > "$T/edges"
check "the objects' call graph was read (nm found $(wc -l < "$T/edges") edges)" \
	[ "$(wc -l < "$T/edges")" -gt 20 ]
tsort "$T/edges" > /dev/null 2> "$T/loops"
check "no circle between objects (tsort: $(head -c 400 "$T/loops"))" \
	[ ! -s "$T/loops" ]
# the library's lowest layer calls nothing above it
check "rules.o calls no rebuild, stream, group or import object" \
	awk '$1 == "rules.o" && $2 ~ /^(rebuild|stream|group|import|derive)\.o$/ { exit 1 }' "$T/edges"
check "the readers call no calls layer" \
	awk '$1 ~ /^(asterisk|format|text)/ && $2 ~ /^(rules|rebuild|stream|group|import|derive|kpi)\.o$/ { exit 1 }' "$T/edges"

# the rules decide on the model alone: no Asterisk word outside the
# Asterisk reader's files and synth
words='\<(Dial|AppDial|Queue|AppQueue|VoiceMail|VoiceMailMain|Playback|BackGround|ANSWERED|NO ANSWER|BUSY|CONGESTION|CHANUNAVAIL|ENTERQUEUE|CONNECT|ABANDON|EXITWITHTIMEOUT|EXITEMPTY|EXITWITHKEY|COMPLETEAGENT|COMPLETECALLER|BLINDTRANSFER|ATTENDEDTRANSFER|RINGNOANSWER|JOINEMPTY|LEAVEEMPTY)\>'
run grep -nE "\"[^\"]*$words[^\"]*\"|strc[a-z]*\(.*$words" \
	$(ls "$CS_TOP"/src/lib/*.c "$CS_TOP"/src/lib/*.h)
check "no Asterisk application, disposition or queue event in the rules and the library's common files ($(head -c 400 "$T/out"))" \
	[ ! -s "$T/out" ]
finish
