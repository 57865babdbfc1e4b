# callstat: see README.md.  `make demo` and `make check` first install what
# is missing (scripts/install-deps), then build in build/.

PREFIX ?= /usr/local
BINDIR ?= $(PREFIX)/bin
MANDIR ?= $(PREFIX)/share/man
BASHCOMPDIR ?= $(PREFIX)/share/bash-completion/completions
# callstat-chart's catalogues (po/LANG.po), read as they are
PODIR ?= $(PREFIX)/share/callstat/po

VERSION = 0.1.0

CC ?= cc
CFLAGS ?= -O3 -g
# callstat-import is linked with link-time optimisation: its threads call
# across the library's files for each row (inlined, a tenth of the
# instructions of the thread that builds the calls; its speed is a goal,
# README.md).  The objects keep their plain code too, which the other tools,
# the unit tests and the fuzz harnesses link: each link with LTO takes some
# 10 s of CPU, which `make check` would pay thirty times.  LTO= turns it off
# (the sanitizer and fuzzing builds do).
LTO = -flto=auto
LTO_TOOLS = callstat-import
LTO_CFLAGS = $(if $(LTO),$(LTO) -ffat-lto-objects)
NO_LTO = $(if $(LTO),-fno-lto)
WARN = -Wall -Wextra -Wshadow -Wstrict-prototypes -Wmissing-prototypes -Wno-unused-parameter
PKGS = sqlite3 jansson inih libsodium cairo pangocairo
# libcsv ships no .pc file
PKG_CFLAGS = $(shell pkg-config --cflags $(PKGS) 2>/dev/null)
PKG_LIBS = $(shell pkg-config --libs $(PKGS) 2>/dev/null) -lcsv -lm -pthread
CUNIT_LIBS = $(shell pkg-config --libs cunit 2>/dev/null)

# B is the build directory; `make check` also builds everything again in
# build/san with AddressSanitizer and UndefinedBehaviorSanitizer.
B ?= build
XCFLAGS =
ALL_CFLAGS = -std=c11 -pthread -D_GNU_SOURCE -DCS_VERSION='"$(VERSION)"' \
	-DCS_PODIR='"$(PODIR)"' $(WARN) \
	$(PKG_CFLAGS) -Isrc/lib $(XCFLAGS) $(LTO_CFLAGS) $(CFLAGS) -MMD -MP
ALL_LDFLAGS = $(XCFLAGS) $(LDFLAGS)

TOOLS = callstat callstat-import callstat-kpi callstat-calls callstat-check callstat-purge \
	callstat-synth
TOOLS += callstat-compare callstat-chart callstat-report
MAN1 = $(TOOLS:%=man/%.1)
MAN5 = man/callstat.conf.5
MAN7 = man/callstat-kpi.7
# scripts installed with the tools (a copy in $(B)/bin, the version filled in)
SCRIPTS = callstat-monthly
MAN8 = $(SCRIPTS:%=man/%.8)

LIB_SRC = $(wildcard src/lib/*.c src/lib/readers/*.c src/lib/synth/*.c src/lib/draw/*.c src/lib/report/*.c)
LIB_OBJ = $(LIB_SRC:src/%.c=$(B)/obj/%.o)
TOOL_BIN = $(TOOLS:%=$(B)/bin/%)
UNIT_SRC = $(wildcard tests/unit/*.c)
UNIT_OBJ = $(UNIT_SRC:tests/%.c=$(B)/obj/tests/%.o)

.PHONY: check-fuzz check-fuzz-build fuzz check-tsan all check check-build check-unit check-shell check-man check-san \
	demo bench install uninstall clean deps

all: $(TOOL_BIN) $(SCRIPTS:%=$(B)/bin/%)

$(SCRIPTS:%=$(B)/bin/%): $(B)/bin/%: scripts/% Makefile
	@mkdir -p $(@D)
	sed 's/@VERSION@/$(VERSION)/g' $< > $@.tmp && chmod 755 $@.tmp && mv -f $@.tmp $@

$(B)/obj/%.o: src/%.c
	@mkdir -p $(@D)
	$(CC) $(ALL_CFLAGS) -c -o $@ $<

$(B)/obj/tests/%.o: tests/%.c
	@mkdir -p $(@D)
	$(CC) $(ALL_CFLAGS) -c -o $@ $<

$(B)/libcallstat.a: $(LIB_OBJ)
	@rm -f $@
	$(AR) rcs $@ $(LIB_OBJ)

$(B)/bin/%: $(B)/obj/%.o $(B)/libcallstat.a
	@mkdir -p $(@D)
	$(CC) $(ALL_LDFLAGS) $(if $(filter $*,$(LTO_TOOLS)),$(LTO),$(NO_LTO)) \
		-o $@ $< $(B)/libcallstat.a $(PKG_LIBS)

$(B)/unit-tests: $(UNIT_OBJ) $(B)/libcallstat.a
	$(CC) $(ALL_LDFLAGS) $(NO_LTO) -o $@ $(UNIT_OBJ) $(B)/libcallstat.a $(PKG_LIBS) $(CUNIT_LIBS)

# Installs what is missing, when pkg-config or a command says so.
deps:
	@if ! pkg-config --exists $(PKGS) cunit || [ ! -e /usr/include/csv.h ] || \
	    ! command -v mandoc >/dev/null || ! command -v sqlite3 >/dev/null || \
	    ! command -v pdftotext >/dev/null || [ ! -x /usr/bin/time ]; then \
		scripts/install-deps; \
	fi

# make check builds on every processor unless make was given -j (CI runs
# plain `make check`); the shell tests run CS_JOBS at once (tests/shell/run)
NPROC := $(shell getconf _NPROCESSORS_ONLN 2>/dev/null || echo 1)
CHECK_J = $(if $(filter -j% --jobserver%,$(MAKEFLAGS)),,-j$(NPROC))

check: deps
	$(MAKE) $(CHECK_J) check-build check-fuzz-build CFLAGS='$(CFLAGS) -Werror'
	$(MAKE) check-unit check-man check-shell check-fuzz CFLAGS='$(CFLAGS) -Werror'
	$(MAKE) check-san
	$(MAKE) check-tsan

check-build: all $(B)/unit-tests

check-unit: $(B)/unit-tests
	$(B)/unit-tests

check-shell: all
	CS_BIN=$(B)/bin tests/shell/run

check-man:
	@for m in $(MAN1) $(MAN5) $(MAN7) $(MAN8); do \
		mandoc -Tlint -W warning $$m || exit 1; \
	done
	@echo "man pages: mandoc -Tlint clean"

# The whole suite again under ASan and UBSan, in its own build directory.
# Debian's gcc links with --as-needed except under -fsanitize: asked for
# here, a sanitized tool loads the libraries it uses, not cairo's and
# Pango's too (callstat-import: 1,221 page faults to start instead of
# 1,664; the leak check at exit adds some 3,000 either way)
SAN_MAKE = $(MAKE) B=build/san CFLAGS='-O1 -g -Werror' LDFLAGS='-Wl,--as-needed' LTO= \
	XCFLAGS='-fsanitize=address,undefined -fno-omit-frame-pointer -fno-sanitize-recover=all'
check-san:
	$(SAN_MAKE) $(CHECK_J) check-build check-fuzz-build
	$(SAN_MAKE) check-fuzz
	ASAN_OPTIONS=detect_leaks=1 LSAN_OPTIONS=suppressions=$(CURDIR)/tests/lsan.supp:print_suppressions=0 \
		build/san/unit-tests
	ASAN_OPTIONS=detect_leaks=1 LSAN_OPTIONS=suppressions=$(CURDIR)/tests/lsan.supp:print_suppressions=0 \
		CS_BIN=build/san/bin tests/shell/run

# The import runs three threads: the unit tests, and the shell tests that
# import, again under ThreadSanitizer (which cannot share a build with ASan).
TSAN_SHELL = tests/shell/t0001-example.sh tests/shell/t0020-bad-input.sh \
	tests/shell/t0030-idempotent.sh tests/shell/t0045-concurrent.sh
check-tsan:
	$(MAKE) $(CHECK_J) B=build/tsan XCFLAGS='-fsanitize=thread' CFLAGS='-O1 -g -Werror' LTO= check-build
	TSAN_OPTIONS=halt_on_error=1:suppressions=$(CURDIR)/tests/tsan.supp build/tsan/unit-tests
	TSAN_OPTIONS=halt_on_error=1:suppressions=$(CURDIR)/tests/tsan.supp CS_BIN=build/tsan/bin CS_JOBS=1 \
		tests/shell/run $(TSAN_SHELL)

# ---- fuzzing (tests/fuzz/README) ----
# One harness per parser, and one for the whole import.  `make check-fuzz`
# replays the corpus through them built as plain programs (standalone.c);
# `make fuzz` builds them with clang and libFuzzer in build/fuzz-lf and runs
# each for FUZZ_SECONDS, new inputs kept in build/fuzz-lf/corpus/NAME.  The
# harnesses' scratch files (the import's databases) go to FUZZ_TMPDIR, a
# RAM disk where there is one: five times the executions a second.
FUZZ = asterisk_cdr asterisk_queue_log asterisk_cel bot_jsonl bot_csv connect_ctr \
	dialogflow_cx lex_v2 rasa config time import redact freeswitch_cdr \
	generic_csv 3cx_cdr avaya_smdr cucm_cdr text
FUZZ_SECONDS = 60
FUZZ_CC = clang
FUZZ_TMPDIR = $(shell [ -d /dev/shm ] && [ -w /dev/shm ] && echo /dev/shm || echo $${TMPDIR:-/tmp})
FUZZ_SAN = -fsanitize=address,undefined -fno-omit-frame-pointer -fno-sanitize-recover=all
FUZZ_OBJ = $(FUZZ:%=$(B)/obj/tests/fuzz/fuzz_%.o) $(B)/obj/tests/fuzz/util.o \
	$(B)/obj/tests/fuzz/standalone.o

$(B)/fuzz/%: $(B)/obj/tests/fuzz/fuzz_%.o $(B)/obj/tests/fuzz/util.o \
    $(B)/obj/tests/fuzz/standalone.o $(B)/libcallstat.a
	@mkdir -p $(@D)
	$(CC) $(ALL_LDFLAGS) $(NO_LTO) -o $@ $^ $(PKG_LIBS)

$(B)/libfuzzer/%: $(B)/obj/tests/fuzz/fuzz_%.o $(B)/obj/tests/fuzz/util.o \
    $(B)/libcallstat.a
	@mkdir -p $(@D)
	$(CC) $(ALL_LDFLAGS) -fsanitize=fuzzer -o $@ $^ $(PKG_LIBS)

check-fuzz-build: $(FUZZ:%=$(B)/fuzz/%)

check-fuzz: check-fuzz-build
	@for h in $(FUZZ); do \
		$(B)/fuzz/$$h tests/fuzz/corpus/$$h/* || exit 1; \
	done

fuzz: deps
	@echo 'int LLVMFuzzerTestOneInput(const char *d, long n) { return 0; }' | \
	    $(FUZZ_CC) -fsanitize=fuzzer -x c -o /dev/null - 2>/dev/null || \
	    scripts/install-deps --fuzz
	$(MAKE) B=build/fuzz-lf CC=$(FUZZ_CC) CFLAGS='-O1 -g' LTO= \
		XCFLAGS='-fsanitize=fuzzer-no-link $(FUZZ_SAN)' $(FUZZ:%=build/fuzz-lf/libfuzzer/%)
	@for h in $(FUZZ); do \
		mkdir -p build/fuzz-lf/corpus/$$h; \
		echo "fuzz: $$h for $(FUZZ_SECONDS) s"; \
		TMPDIR=$(FUZZ_TMPDIR) build/fuzz-lf/libfuzzer/$$h \
		    -max_total_time=$(FUZZ_SECONDS) \
		    -print_final_stats=1 build/fuzz-lf/corpus/$$h \
		    tests/fuzz/corpus/$$h 2>&1 | tee build/fuzz-lf/$$h.log | \
		    grep -E '^(Done|stat::number_of_executed_units|==[0-9]+==ERROR)|SUMMARY'; \
		grep -q "^Done " build/fuzz-lf/$$h.log || { \
			echo "fuzz: $$h failed, see build/fuzz-lf/$$h.log"; exit 1; }; \
	done

demo: deps
	$(MAKE) all
	scripts/demo $(B)/bin

# speed and memory against a yardstick, on towns made by callstat-synth
bench: deps
	$(MAKE) all
	scripts/bench $(B)/bin
	scripts/bench-chart $(B)/bin
	scripts/bench-report $(B)/bin

install: all
	mkdir -p $(DESTDIR)$(BINDIR) $(DESTDIR)$(MANDIR)/man1 $(DESTDIR)$(MANDIR)/man5 \
		$(DESTDIR)$(MANDIR)/man7 $(DESTDIR)$(MANDIR)/man8
	for t in $(TOOLS) $(SCRIPTS); do install -m 755 $(B)/bin/$$t $(DESTDIR)$(BINDIR)/$$t; done
	install -m 644 $(MAN1) $(DESTDIR)$(MANDIR)/man1/
	install -m 644 $(MAN5) $(DESTDIR)$(MANDIR)/man5/
	install -m 644 $(MAN7) $(DESTDIR)$(MANDIR)/man7/
	install -m 644 $(MAN8) $(DESTDIR)$(MANDIR)/man8/
	mkdir -p $(DESTDIR)$(PODIR)
	install -m 644 po/*.po $(DESTDIR)$(PODIR)/
	mkdir -p $(DESTDIR)$(BASHCOMPDIR)
	install -m 644 completion/callstat $(DESTDIR)$(BASHCOMPDIR)/callstat
	for t in $(filter-out callstat,$(TOOLS)) $(SCRIPTS); do ln -sf callstat $(DESTDIR)$(BASHCOMPDIR)/$$t; done

uninstall:
	for t in $(TOOLS); do rm -f $(DESTDIR)$(BINDIR)/$$t $(DESTDIR)$(MANDIR)/man1/$$t.1; done
	for t in $(SCRIPTS); do rm -f $(DESTDIR)$(BINDIR)/$$t $(DESTDIR)$(MANDIR)/man8/$$t.8; done
	rm -f $(DESTDIR)$(MANDIR)/man5/callstat.conf.5 $(DESTDIR)$(MANDIR)/man7/callstat-kpi.7
	for t in $(TOOLS) $(SCRIPTS); do rm -f $(DESTDIR)$(BASHCOMPDIR)/$$t; done
	for p in po/*.po; do rm -f $(DESTDIR)$(PODIR)/$${p#po/}; done

clean:
	rm -rf build

-include $(LIB_OBJ:.o=.d) $(UNIT_OBJ:.o=.d) $(FUZZ_OBJ:.o=.d) $(TOOLS:%=$(B)/obj/%.d)
