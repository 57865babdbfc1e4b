# make install and make uninstall, into a DESTDIR, with PREFIX and MANDIR.
. "$(dirname "$0")/lib.sh"

run make -s -C "$CS_TOP" install DESTDIR="$T/root" PREFIX=/opt/cs MANDIR=/opt/cs/man
check_rc 0 "make install"
for t in callstat callstat-import callstat-kpi callstat-calls callstat-purge callstat-synth; do
	check "$t installed, executable" test -x "$T/root/opt/cs/bin/$t"
	check "$t(1) installed" test -f "$T/root/opt/cs/man/man1/$t.1"
done
check "callstat.conf(5) installed" test -f "$T/root/opt/cs/man/man5/callstat.conf.5"
check "callstat-kpi(7) installed" test -f "$T/root/opt/cs/man/man7/callstat-kpi.7"
check "nothing of the internal library installed" \
	[ -z "$(find "$T/root" -name '*.a' -o -name '*.h')" ]
run "$T/root/opt/cs/bin/callstat-kpi" --version
check "the installed tool runs" has "$T/out" "callstat-kpi "

run make -s -C "$CS_TOP" uninstall DESTDIR="$T/root" PREFIX=/opt/cs MANDIR=/opt/cs/man
check_rc 0 "make uninstall"
check "nothing left but directories" [ -z "$(find "$T/root" -type f)" ]

finish
