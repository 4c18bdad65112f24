# ehp: build the compiler, the runtime and one evaluator per plan.
#
#   make            ehpc, libehp.a, and for every plans/*.ehp its evaluator
#                   build/bin/<plan> and case runner build/cases/<plan>
#   make docs       build/docs/<plan>.md and .html: each plan as a document for people
#   make demo       evaluate the Devon example families
#   make check      every test, then again under AddressSanitizer + UBSan
#   make check-fmt  every plan in the layout of `ehpc fmt`, and fmt's own tests
#   make bench      speed and memory against cat, DuckDB and SQLite in the same run
#
# Only what changed is rebuilt: an edited plan regenerates its own evaluator.

CC      ?= cc
BUILD   ?= build
OPT     ?= -O2
SAN     ?=
CFLAGS  ?= $(OPT) -g
WARN     = -std=c11 -Wall -Wextra -Werror -Wpedantic
# flex and bison output is not -Wpedantic clean.
GENWARN  = -std=c11 -Wall -Wextra -Werror -Wno-unused-function -Wno-sign-compare
ALLCFLAGS = $(CFLAGS) $(SAN) -D_POSIX_C_SOURCE=200809L
LDFLAGS += $(SAN) -pthread
FLEX    ?= flex
BISON   ?= bison

# runtime/ehp.h (with vocabulary.def) is all a generated evaluator sees; the
# rest is in rooms of its own (docs/architecture.md): base (memory, atomic
# files, hashing), eval (judging a family), read, write, cli (the evaluator's
# command line) and cases (the example-family runner, linked only into
# build/bin/NAME-cases).
# results.xlsx is written with libxlsxwriter (Debian's libxlsxwriter-dev)
# when pkg-config finds it; without it (or with `make XLSX=no`) evaluators
# are built without the workbook and say so (docs/data-format.md).
XLSX      ?= auto
XLSX_LIBS := $(if $(filter no,$(XLSX)),,$(shell pkg-config --libs xlsxwriter 2>/dev/null))
XLSX_DEF  := $(if $(XLSX_LIBS),-DEHP_XLSX=1)
# What every program linked with libehp.a links with besides.
EHP_LINK := -lnettle $(XLSX_LIBS) -lm

RUNTIME_ROOMS := base eval read write cli
RUNTIME_INC  := -Iruntime $(RUNTIME_ROOMS:%=-Iruntime/%) -Iruntime/cases
RUNTIME_HDR  := runtime/ehp.h runtime/vocabulary.def $(wildcard runtime/*/*.h)
RUNTIME_SRC  := $(foreach r,$(RUNTIME_ROOMS),$(wildcard runtime/$(r)/*.c))
RUNTIME_OBJ  := $(RUNTIME_SRC:%.c=$(BUILD)/%.o)
CASES_OBJ    := $(patsubst %.c,$(BUILD)/%.o,$(wildcard runtime/cases/*.c))
COMPILER_SRC := $(wildcard compiler/*.c)
COMPILER_OBJ := $(COMPILER_SRC:%.c=$(BUILD)/%.o) $(BUILD)/grammar/parser.o $(BUILD)/grammar/lexer.o
PLANS        := $(basename $(notdir $(wildcard plans/*.ehp)))
EVALUATORS   := $(PLANS:%=$(BUILD)/bin/%)
UNIT_SRC     := $(wildcard tests/unit/test_*.c)
UNIT_BIN     := $(UNIT_SRC:tests/unit/%.c=$(BUILD)/tests/%)
# Unit tests named test_ehpc_*.c test the compiler and link its objects.
COMPILER_LIB_OBJ := $(filter-out $(BUILD)/compiler/main.o,$(COMPILER_OBJ))

CASE_RUNNERS := $(PLANS:%=$(BUILD)/cases/%)
LIBS         := $(BUILD)/libehp-cases.a $(BUILD)/libehp.a

all: $(LIBS) $(BUILD)/bin/ehpc $(EVALUATORS) $(CASE_RUNNERS)

# ---------------------------------------------------------------- runtime
$(BUILD)/runtime/%.o: runtime/%.c $(RUNTIME_HDR)
	@mkdir -p $(@D)
	$(CC) $(WARN) $(ALLCFLAGS) $(XLSX_DEF) $(RUNTIME_INC) -c $< -o $@

$(BUILD)/libehp.a: $(RUNTIME_OBJ)
	@mkdir -p $(@D)
	rm -f $@
	ar rcs $@ $^

# The example-family runner, linked only into build/cases/NAME.
$(BUILD)/libehp-cases.a: $(CASES_OBJ)
	@mkdir -p $(@D)
	rm -f $@
	ar rcs $@ $^

# ---------------------------------------------------------------- compiler
$(BUILD)/grammar/parser.c $(BUILD)/grammar/parser.h &: grammar/parser.y
	@mkdir -p $(@D)
	$(BISON) -Wall -Werror --defines=$(BUILD)/grammar/parser.h -o $(BUILD)/grammar/parser.c $<

$(BUILD)/grammar/lexer.c $(BUILD)/grammar/lexer.h &: grammar/lexer.l
	@mkdir -p $(@D)
	$(FLEX) --header-file=$(BUILD)/grammar/lexer.h -o $(BUILD)/grammar/lexer.c $<

$(BUILD)/grammar/%.o: $(BUILD)/grammar/%.c $(BUILD)/grammar/parser.h $(BUILD)/grammar/lexer.h grammar/keywords.def $(wildcard compiler/*.h)
	$(CC) $(GENWARN) $(ALLCFLAGS) -Icompiler -Igrammar -I$(BUILD)/grammar $(RUNTIME_INC) -c $< -o $@

# ehpc --build finds the runtime here unless EHP_RUNTIME_DIR / EHP_LIB say otherwise.
EHPC_PATHS = -DEHP_RUNTIME_DIR='"$(CURDIR)/runtime"' -DEHP_LIB='"$(abspath $(BUILD))/libehp.a"' \
             -DEHP_CASES_LIB='"$(abspath $(BUILD))/libehp-cases.a"' -DEHP_LINK='"$(EHP_LINK)"'

$(BUILD)/compiler/%.o: compiler/%.c $(wildcard compiler/*.h) $(RUNTIME_HDR) $(BUILD)/grammar/parser.h $(BUILD)/grammar/lexer.h
	@mkdir -p $(@D)
	$(CC) $(WARN) $(ALLCFLAGS) $(EHPC_PATHS) -Icompiler -Igrammar -I$(BUILD)/grammar $(RUNTIME_INC) -c $< -o $@

$(BUILD)/bin/ehpc: $(COMPILER_OBJ) $(BUILD)/libehp.a
	@mkdir -p $(@D)
	$(CC) $(LDFLAGS) -o $@ $(COMPILER_OBJ) $(BUILD)/libehp.a $(EHP_LINK)

# ---------------------------------------------------------------- evaluators
# A plan that fails to compile loses its old C and evaluator, so nobody can
# run yesterday's rules by mistake (ehpc writes nothing for a plan with
# errors, and make only deletes a target the failed recipe changed).
$(BUILD)/gen/%.c: plans/%.ehp $(BUILD)/bin/ehpc
	@mkdir -p $(@D)
	@echo "$(BUILD)/bin/ehpc -o $@ $<"
	@$(BUILD)/bin/ehpc -o $@ $< || { rm -f $@ $(BUILD)/bin/$* $(BUILD)/cases/$*; \
		echo "make: $< has errors: removed $@, $(BUILD)/bin/$* and $(BUILD)/cases/$*" >&2; exit 1; }

$(BUILD)/bin/%: $(BUILD)/gen/%.c $(BUILD)/libehp.a runtime/ehp.h
	@mkdir -p $(@D)
	@echo "$(CC) $(WARN) $(ALLCFLAGS) -Iruntime $< $(BUILD)/libehp.a $(LDFLAGS) $(EHP_LINK) -o $@"
	@$(CC) $(WARN) $(ALLCFLAGS) -Iruntime $< $(BUILD)/libehp.a $(LDFLAGS) $(EHP_LINK) -o $@ || { rm -f $@; exit 1; }

# The same C with -DEHP_CASE_RUNNER: the plan's example families as tests.
$(BUILD)/cases/%: $(BUILD)/gen/%.c $(LIBS) runtime/ehp.h
	@mkdir -p $(@D)
	@echo "$(CC) -DEHP_CASE_RUNNER ... $< $(LIBS) -o $@"
	@$(CC) $(WARN) $(ALLCFLAGS) -DEHP_CASE_RUNNER -Iruntime $< $(LIBS) $(LDFLAGS) $(EHP_LINK) -o $@ || { rm -f $@; exit 1; }

# ---------------------------------------------------------------- documents
# The plans as documents for people (ehpc --doc): build/docs/<plan>.md and
# the page a partnership signs, build/docs/<plan>.html.
PLAN_DOCS := $(PLANS:%=$(BUILD)/docs/%.md) $(PLANS:%=$(BUILD)/docs/%.html)

$(BUILD)/docs/%.md: plans/%.ehp $(BUILD)/bin/ehpc
	@mkdir -p $(@D)
	$(BUILD)/bin/ehpc --doc -o $@ $<

$(BUILD)/docs/%.html: plans/%.ehp $(BUILD)/bin/ehpc
	@mkdir -p $(@D)
	$(BUILD)/bin/ehpc --doc -o $@ $<

# Every command in a ```sh block of README.md and docs/*.md, run in a scratch copy.
check-doc-commands: all
	@BUILD=$(BUILD) sh tests/docs/commands.sh

# The README's Quick start, verbatim, on a bare Debian 12 made with debootstrap
# (needs root and the Debian mirror; minutes; run by .ci/run, not by check).
check-readme:
	@sh tests/docs/readme-debian.sh

# A plan broken in a copy of the tree: make fails and leaves no evaluator of it.
check-stale: all
	@BUILD=$(BUILD) sh tests/build/stale.sh

# Each plan's HTML page in headless Chromium (installed if missing): the rows,
# the SHA-256 and the sign-off block on the page, a screenshot and the PDF.
check-docs: all
	@BUILD=$(BUILD) sh tests/docs/chromium.sh

# Each example's report.html in headless Chromium: the funnel, themes and
# receipt it shows are the run's own (tests/docs/report.sh).
check-report: all
	@BUILD=$(BUILD) sh tests/docs/report.sh

docs: $(PLAN_DOCS)

# ---------------------------------------------------------------- demo
AS_OF_DEVON := $(shell cat examples/devon/as-of 2>/dev/null)

deps:
	@sh tools/deps.sh

demo: deps
	@$(MAKE) --no-print-directory all
	@mkdir -p $(BUILD)/out/devon
	$(BUILD)/bin/devon --data examples/devon --as-of $(AS_OF_DEVON) --out $(BUILD)/out/devon
	@echo; echo "$(BUILD)/out/devon/results.csv (examples/devon/README.md says what each family shows):"
	@cat $(BUILD)/out/devon/results.csv

# ---------------------------------------------------------------- tests
$(BUILD)/tests/%: tests/unit/%.c $(LIBS) $(wildcard tests/unit/*.h) $(wildcard tools/*.h)
	@mkdir -p $(@D)
	$(CC) $(WARN) $(ALLCFLAGS) $(RUNTIME_INC) -Itests/unit $< $(LIBS) $(LDFLAGS) -lcmocka $(EHP_LINK) -o $@

$(BUILD)/tests/test_ehpc_%: tests/unit/test_ehpc_%.c $(COMPILER_LIB_OBJ) $(LIBS) $(wildcard tests/unit/*.h)
	@mkdir -p $(@D)
	$(CC) $(WARN) $(ALLCFLAGS) -DEHP_LINK='"$(EHP_LINK)"' -Icompiler -Igrammar -I$(BUILD)/grammar $(RUNTIME_INC) -Itests/unit $< $(COMPILER_LIB_OBJ) $(LIBS) $(LDFLAGS) -lcmocka $(EHP_LINK) -o $@

check-unit: $(UNIT_BIN)
	@set -e; for t in $(UNIT_BIN); do echo "== $$t"; $$t; done

check-compiler: all
	@set -e; for s in tests/compiler/run.sh tests/diagnostics/run.sh tests/limits/run.sh tests/keywords/run.sh tests/diff/run.sh tests/memberlimit/run.sh; do \
		if [ -f $$s ]; then echo "== $$s"; BUILD=$(BUILD) CC="$(CC)" SAN="$(SAN)" EHP_LINK="$(EHP_LINK)" sh $$s; fi; done

# Each plan's case files in one run, so that every indicator, outcome and
# family rule must be shown held by one case and not held by another.
check-plans: all
	@set -e; for p in $(PLANS); do \
		set -- tests/plans/$$p/*.cases; \
		if [ ! -f "$$1" ]; then echo "plan $$p has no tests/plans/$$p/*.cases" >&2; exit 1; fi; \
		echo "== $$p $$*"; $(BUILD)/cases/$$p "$$@" --coverage; done

check-examples: all
	@set -e; for p in $(PLANS); do d=examples/$$p; [ -d $$d/expected ] || continue; \
		echo "== example $$p"; rm -rf $(BUILD)/out/$$p; mkdir -p $(BUILD)/out/$$p; \
		$(BUILD)/bin/$$p --data $$d --as-of $$(cat $$d/as-of) --out $(BUILD)/out/$$p > $(BUILD)/out/$$p/summary.txt; \
		for f in $$d/expected/*; do diff -u $$f $(BUILD)/out/$$p/$$(basename $$f); done; done

# The explanation (--explain) of every example family of every plan, against goldens.
check-explain: all
	@echo "== explain"; BUILD=$(BUILD) sh tests/explain/run.sh
.PHONY: check-explain

# One extract (examples/shared) judged under every plan; where they disagree is tested too.
check-shared: all
	@BUILD=$(BUILD) sh tests/shared/run.sh
.PHONY: check-shared

# Councils' own exports through a mapping: the worked examples (native, export
# and a messy copy give the same results), --validate, the mapping's diagnostics.
check-mapping: all
	@BUILD=$(BUILD) sh tests/mapping/run.sh
.PHONY: check-mapping

# The same results however the input is read: sorted or shuffled, 1 or 2 threads.
check-determinism: all $(BUILD)/bench/gendata
	@echo "== determinism"; sh tests/determinism/run.sh $(BUILD)
.PHONY: check-determinism

# evidence.jsonl of every example read with python3's json module (docs/evidence.md).
check-evidence: all
	@BUILD=$(BUILD) sh tests/evidence/run.sh
.PHONY: check-evidence

# Runs killed (strace) at each step of publishing their outputs: every folder
# left is the earlier run's or has no receipt, never a mix (docs/security.md).
check-faults: all
	@echo "== faults"; BUILD=$(BUILD) sh tests/faults/publish.sh
.PHONY: check-faults

# results.xlsx read back: ids as text, dates as dates, every row.
check-workbook: all
	@echo "== workbook"; BUILD=$(BUILD) sh tests/workbook/run.sh
# The same test on an evaluator built without libxlsxwriter (no workbook,
# and the summary says so), in a tree of its own.
check-no-xlsx:
	@$(MAKE) --no-print-directory BUILD=$(BUILD)/noxlsx XLSX=no $(BUILD)/noxlsx/bin/devon
	@echo "== workbook, built without libxlsxwriter"; BUILD=$(BUILD)/noxlsx sh tests/workbook/run.sh
.PHONY: check-workbook check-no-xlsx check-report

# Every plan in the layout of `ehpc fmt`; then its own tests (tests/fmt/run.sh).
check-fmt: all
	$(BUILD)/bin/ehpc fmt --check plans/*.ehp
	@BUILD=$(BUILD) sh tests/fmt/run.sh
.PHONY: check-fmt

check-fast: check-unit check-compiler check-plans check-examples check-explain check-shared check-evidence check-mapping check-determinism check-faults check-fmt check-fuzz-replay docs check-workbook

# The whole suite, then the whole suite again with sanitizers in their own tree.
check: deps
	@$(MAKE) --no-print-directory check-fast
	@$(MAKE) --no-print-directory check-fast BUILD=build/san OPT=-O1 \
		SAN="-fsanitize=address,undefined,float-cast-overflow -fno-sanitize-recover=all -fno-omit-frame-pointer"
	@$(MAKE) --no-print-directory check-docs check-report check-no-xlsx check-stale check-doc-commands
	@echo "all tests passed (plain and ASan+UBSan)"

# Unit tests and the Devon example under valgrind (slow; not part of check).
# The child an evaluator forks to hash its inputs (receipt.c) ends with
# _exit, leaving its copy of the parent's memory to the system: not traced.
VALGRIND = valgrind -q --leak-check=full --error-exitcode=9 --child-silent-after-fork=yes
valgrind: all $(UNIT_BIN)
	@set -e; for t in $(UNIT_BIN); do echo "== valgrind $$t"; \
		$(VALGRIND) $$t >/dev/null; done
	@mkdir -p $(BUILD)/out/valgrind
	$(VALGRIND) $(BUILD)/bin/devon --data examples/devon \
		--as-of $(AS_OF_DEVON) --out $(BUILD)/out/valgrind --evidence >/dev/null

# ================================================================ fuzzing
# The libFuzzer harnesses in tests/fuzz/ (see tests/fuzz/README.md): plan
# (the compiler's front end, checks and C back end), csv (the CSV reader),
# load (loader, evaluation of every family under a real plan, writers),
# extract (whole extracts: one family's rows damaged, every other family's
# verdict unchanged) and map (a mapping file read, then applied to a small
# export).
#
#   make check-fuzz-replay   (part of check) every kept regression input and
#                            every seed fed once to each harness, built with
#                            $(CC) and a small main instead of libFuzzer
#   make fuzz                builds the harnesses with clang and libFuzzer in
#                            build/fuzz and runs each for FUZZ_SECONDS
#   make fuzz-smoke          the same build, every seed run once (CI)
FUZZ_SECONDS ?= 60
FUZZ_CC      ?= clang
FUZZERS      := plan csv load extract map
# The load harness judges families under this plan's generated C.
FUZZ_PLAN    ?= $(firstword $(PLANS))
FUZZ_CFLAGS   = $(WARN) $(ALLCFLAGS) -Icompiler -Igrammar -I$(BUILD)/grammar $(RUNTIME_INC) -Itests/fuzz \
                -DFUZZ_PLAN_C='"$(abspath $(BUILD))/gen/$(FUZZ_PLAN).c"'
FUZZ_COMMON  := tests/fuzz/fuzz.h $(BUILD)/libehp.a
FUZZ_REPLAY  := $(FUZZERS:%=$(BUILD)/harness/replay-%)
FUZZ_BIN     := $(FUZZERS:%=$(BUILD)/harness/fuzz-%)

$(BUILD)/harness/replay-plan $(BUILD)/harness/fuzz-plan: tests/fuzz/fuzz_plan.c $(FUZZ_COMMON) $(COMPILER_LIB_OBJ)
$(BUILD)/harness/replay-csv $(BUILD)/harness/fuzz-csv: tests/fuzz/fuzz_csv.c $(FUZZ_COMMON)
$(BUILD)/harness/replay-load $(BUILD)/harness/fuzz-load: tests/fuzz/fuzz_load.c tests/fuzz/fuzz_data.h $(FUZZ_COMMON) $(BUILD)/gen/$(FUZZ_PLAN).c
$(BUILD)/harness/replay-extract $(BUILD)/harness/fuzz-extract: tests/fuzz/fuzz_extract.c tests/fuzz/extract_mutation.h \
	tests/fuzz/fuzz_data.h $(FUZZ_COMMON) $(BUILD)/gen/$(FUZZ_PLAN).c
$(BUILD)/harness/replay-map $(BUILD)/harness/fuzz-map: tests/fuzz/fuzz_map.c $(FUZZ_COMMON)

$(FUZZ_REPLAY): tests/fuzz/replay.c
	@mkdir -p $(@D)
	$(CC) $(FUZZ_CFLAGS) $(filter tests/fuzz/%.c,$^) $(filter %.o,$^) $(BUILD)/libehp.a $(LDFLAGS) $(EHP_LINK) -o $@

$(FUZZ_BIN):
	@mkdir -p $(@D)
	$(CC) $(FUZZ_CFLAGS) $(filter tests/fuzz/%.c,$^) $(filter %.o,$^) $(BUILD)/libehp.a $(LDFLAGS) -fsanitize=fuzzer $(EHP_LINK) -o $@

# $(call fuzz_replay,WRAPPER): every seed and kept input through each harness.
fuzz_replay = sh tests/fuzz/seeds.sh $(BUILD)/seeds && \
	for h in $(FUZZERS); do echo "== fuzz replay $$h $(1)"; \
		kept=tests/fuzz/regress/$$h; [ -d $$kept ] || kept=; \
		$(1) $(BUILD)/harness/replay-$$h $(BUILD)/seeds/$$h $$kept || exit 1; done

check-fuzz-replay: $(FUZZ_REPLAY) check-cross-family
	@$(call fuzz_replay,)

# The extract harness's property on hand-made damage (an unclosed quote, a
# joined line, a NUL, an extra field), through the evaluator: no libFuzzer.
check-cross-family: all
	@echo "== cross-family"; sh tests/fuzz/cross_family.sh $(BUILD)

# make valgrind replays them too.
valgrind: valgrind-fuzz-replay
valgrind-fuzz-replay: $(FUZZ_REPLAY)
	@$(call fuzz_replay,$(VALGRIND))

# Everything in its own tree, instrumented for libFuzzer's coverage.
fuzz fuzz-smoke:
	@sh tools/deps.sh fuzz
	@$(MAKE) --no-print-directory fuzz-run BUILD=build/fuzz CC=$(FUZZ_CC) OPT=-O1 \
		FUZZ_SECONDS=$(if $(filter fuzz-smoke,$@),0,$(FUZZ_SECONDS)) \
		SAN="-fsanitize=fuzzer-no-link,address,undefined -fno-sanitize-recover=all -fno-omit-frame-pointer"

fuzz-run: $(FUZZ_BIN)
	sh tests/fuzz/run.sh $(BUILD) $(FUZZ_SECONDS) $(FUZZERS)

.PHONY: check-fuzz-replay check-cross-family valgrind-fuzz-replay fuzz fuzz-smoke fuzz-run
# ================================================================ end of fuzzing

# ---------------------------------------------------------------- bench
# Speed and memory against baselines measured in the same run (cat, DuckDB,
# SQLite; docs/performance.md). Installs node, npm, sqlite3 and GNU time if
# missing, and @duckdb/node-api into $(BUILD)/bench/node. The full run:
#   make bench BENCH_SIZES="10000 100000 1000000"
BENCH_SIZES ?= 10000 100000

$(BUILD)/bench/gendata: tests/bench/gendata.c $(BUILD)/libehp.a runtime/ehp.h runtime/vocabulary.def
	@mkdir -p $(@D)
	$(CC) $(WARN) $(ALLCFLAGS) -Iruntime $< $(BUILD)/libehp.a $(LDFLAGS) $(EHP_LINK) -o $@

$(BUILD)/bench/restricted.c: tests/bench/restricted.ehp $(BUILD)/bin/ehpc
	@mkdir -p $(@D)
	$(BUILD)/bin/ehpc -o $@ $<

$(BUILD)/bench/restricted: $(BUILD)/bench/restricted.c $(BUILD)/libehp.a runtime/ehp.h
	$(CC) $(WARN) $(ALLCFLAGS) -Iruntime $< $(BUILD)/libehp.a $(LDFLAGS) $(EHP_LINK) -o $@

$(BUILD)/bench/floor: tests/bench/floor.c $(BUILD)/libehp.a runtime/base/sha256.h
	$(CC) $(WARN) $(ALLCFLAGS) -Iruntime/base $< $(BUILD)/libehp.a $(LDFLAGS) $(EHP_LINK) -o $@

bench:
	@sh tools/deps.sh bench
	@$(MAKE) --no-print-directory all $(BUILD)/bench/gendata $(BUILD)/bench/restricted $(BUILD)/bench/floor
	@BENCH_SIZES="$(BENCH_SIZES)" sh tests/bench/run.sh $(BUILD)

clean:
	rm -rf build

.PHONY: all deps docs check-docs check-stale check-doc-commands check-readme demo valgrind check check-fast check-unit check-compiler check-plans check-examples check-mapping bench clean
.DELETE_ON_ERROR:
.SECONDARY:
