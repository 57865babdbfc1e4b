# make install and make uninstall, into a DESTDIR, with PREFIX and MANDIR.
. "$(dirname "$0")/lib.sh"

# make install builds what is out of date: the tools the other tests are
# running (tests/shell/run runs several at once) would be relinked under
# them, and fail to start meanwhile
if ! make -s -q -C "$CS_TOP" all > /dev/null 2>&1; then
	check "the build is up to date (run make first)" false
	finish
fi

run make -s -C "$CS_TOP" install DESTDIR="$T/root" PREFIX=/opt/cs MANDIR=/opt/cs/man
check_rc 0 "make install"
for t in callstat callstat-import callstat-kpi callstat-calls callstat-check callstat-purge callstat-synth; do
	check "$t installed, executable" test -x "$T/root/opt/cs/bin/$t"
	check "$t(1) installed" test -f "$T/root/opt/cs/man/man1/$t.1"
done
check "callstat.conf(5) installed" test -f "$T/root/opt/cs/man/man5/callstat.conf.5"
check "callstat-kpi(7) installed" test -f "$T/root/opt/cs/man/man7/callstat-kpi.7"
check "callstat-monthly installed, executable" test -x "$T/root/opt/cs/bin/callstat-monthly"
check "callstat-monthly(8) installed" test -f "$T/root/opt/cs/man/man8/callstat-monthly.8"
run "$T/root/opt/cs/bin/callstat-monthly" --version
check "the installed callstat-monthly has the tools' version" \
	[ "$(cat "$T/out")" = "callstat-monthly $("$T/root/opt/cs/bin/callstat-import" --version | cut -d' ' -f2)" ]
comp="$T/root/opt/cs/share/bash-completion/completions"
for t in callstat callstat-import callstat-kpi callstat-calls callstat-check callstat-purge callstat-synth \
    callstat-monthly; do
	check "bash completion for $t installed, under PREFIX" test -r "$comp/$t"
	check "completion file for $t registers it" \
		bash -c '. "$1" && complete -p "$2" > /dev/null' sh "$comp/$t" "$t"
done
check "one completion file, the others link to it" test -f "$comp/callstat" -a ! -L "$comp/callstat"
run make -s -C "$CS_TOP" install DESTDIR="$T/root2" PREFIX=/opt/cs BASHCOMPDIR=/etc/bc
check_rc 0 "make install BASHCOMPDIR=/etc/bc"
check "BASHCOMPDIR is honoured" test -r "$T/root2/etc/bc/callstat-kpi"
run make -s -C "$CS_TOP" uninstall DESTDIR="$T/root2" PREFIX=/opt/cs BASHCOMPDIR=/etc/bc
check "uninstall BASHCOMPDIR=/etc/bc removes it" [ -z "$(find "$T/root2/etc" ! -type d)" ]
check "nothing of the internal library installed" \
	[ -z "$(find "$T/root" -name '*.a' -o -name '*.h')" ]
run "$T/root/opt/cs/bin/callstat-kpi" --version
check "the installed tool runs" has "$T/out" "callstat-kpi "
check "po/fr.po installed" test -f "$T/root/opt/cs/share/callstat/po/fr.po"
# the installed callstat-chart finds its catalogue beside it (bin/../share)
printf 'period,offered,answer_rate\n2025-01,40,0.5\n' > "$T/m.csv"
run env -u CALLSTAT_PODIR "$T/root/opt/cs/bin/callstat-chart" --type rate \
    -i "$T/m.csv" --lang fr -o "$T/m.pdf"
check_rc 0 "the installed callstat-chart in French"
check "its catalogue read" sh -c "pdftotext '$T/m.pdf' - | grep -q 'Taux de réponse'"

run make -s -C "$CS_TOP" uninstall DESTDIR="$T/root" PREFIX=/opt/cs MANDIR=/opt/cs/man
check_rc 0 "make uninstall"
check "nothing left but directories" [ -z "$(find "$T/root" ! -type d)" ]

finish
