#!/bin/sh
# tests/compiler/run.sh - golden tests of ehpc's C back end and its driver.
#
# For each tests/compiler/NAME.ehp:
#   1. ehpc writes the C, which must equal NAME.expected.c byte for byte;
#   2. the C compiles with -std=c11 -Wall -Wextra -Werror -Wpedantic against
#      libehp and links;
#   3. the evaluator passes NAME.cases (docs/cases.md), if present, and its
#      --version output equals NAME.version, if present (hostile strings come
#      back byte for byte);
#   4. `ehpc --doc` writes NAME.expected.md byte for byte, and the HTML page
#      (`-o NAME.html`) NAME.expected.html, where that golden exists;
#   5. where examples/NAME/expected exists, the evaluator on examples/NAME
#      writes its results.csv and each family's --explain as there.
# Then the driver: --build, --check, exit codes, no temp files left behind.
#
# Run from the top of the tree. Environment: BUILD (default build), CC
# (default cc), SAN (sanitizer flags libehp was built with).
# UPDATE=1 rewrites the .expected.c, .expected.md, .expected.html and .version files from this run instead
# of comparing (review the diff before committing it).
set -u

BUILD=${BUILD:-build}
CC=${CC:-cc}
SAN=${SAN:-}
UPDATE=${UPDATE:-}
EHPC=$BUILD/bin/ehpc
LIB=$BUILD/libehp.a
CASES_LIB=$BUILD/libehp-cases.a
DIR=tests/compiler
OUT=$BUILD/tests/compiler

failures=0
fail() {
	echo "FAIL: $*"
	failures=$((failures + 1))
}

[ -x "$EHPC" ] || { echo "run.sh: $EHPC not built (make BUILD=$BUILD)"; exit 2; }
[ -f "$LIB" ] || { echo "run.sh: $LIB not built"; exit 2; }
rm -rf "$OUT"
mkdir -p "$OUT"

# The libraries libehp.a needs (make passes the Makefile's EHP_LINK; run by
# hand, libxlsxwriter if pkg-config finds it: linked unused, it is harmless).
EHP_LINK=${EHP_LINK:--lnettle $(pkg-config --libs xlsxwriter 2>/dev/null) -lm}

# Compiles generated C into an evaluator the way the Makefile does.
build_c() { # C-FILE BINARY [-DEHP_CASE_RUNNER CASES-LIB]
	build_src=$1 build_bin=$2
	shift 2
	# shellcheck disable=SC2086 # SAN holds several flags
	$CC -std=c11 -Wall -Wextra -Werror -Wpedantic $SAN -Iruntime "$build_src" "$@" "$LIB" $EHP_LINK -o "$build_bin"
}

# `ehpc --doc -o $OUT/NAME.EXT` against $DIR/NAME.expected.EXT (UPDATE=1: rewrites it).
doc_golden() { # EXT
	if ! "$EHPC" --doc -o "$OUT/$name.$1" "$plan"; then
		fail "$name: --doc -o $name.$1 failed"
	elif [ -n "$UPDATE" ]; then
		cp "$OUT/$name.$1" "$DIR/$name.expected.$1"
	elif ! diff -u "$DIR/$name.expected.$1" "$OUT/$name.$1"; then
		fail "$name: --doc -o $name.$1 differs from $DIR/$name.expected.$1 (UPDATE=1 to accept)"
	fi
}

# The plan's own example extract, examples/NAME, where there is one: its
# results.csv and each family's explanation (--explain ID) against
# examples/NAME/expected/results.csv and explain-ID.txt (UPDATE=1: rewrites
# them), and its evidence.jsonl as tests/evidence/check.py reads it.
example_golden() {
	ex=examples/$name
	as_of=$(cat "$ex/as-of")
	for id in results $(awk -F, 'NR > 1 && $1 != "" { print $1 }' "$ex/families.csv"); do
		rm -rf "$OUT/$name-out"
		if [ "$id" = results ]; then
			want=results.csv
			"$OUT/$name" --data "$ex" --as-of "$as_of" --out "$OUT/$name-out" --no-workbook --quiet --evidence &&
				cp "$OUT/$name-out/results.csv" "$OUT/$name-got" &&
				python3 tests/evidence/check.py "$OUT/$name-out" "$ex" >/dev/null
		else
			want=explain-$id.txt
			"$OUT/$name" --data "$ex" --as-of "$as_of" --out "$OUT/$name-out" --no-workbook --quiet \
				--explain "$id" >"$OUT/$name-got"
		fi || { fail "$name: the evaluator failed on $ex ($want)"; continue; }
		if [ -n "$UPDATE" ]; then
			cp "$OUT/$name-got" "$ex/expected/$want"
		elif ! diff -u "$ex/expected/$want" "$OUT/$name-got"; then
			fail "$name: $want on $ex differs from $ex/expected/$want (UPDATE=1 to accept)"
		fi
	done
}

for plan in "$DIR"/*.ehp; do
	name=$(basename "$plan" .ehp)
	c="$OUT/$name.c"
	if ! "$EHPC" -o "$c" "$plan"; then
		fail "$name: ehpc rejected the plan"
		continue
	fi
	if [ -n "$UPDATE" ]; then
		cp "$c" "$DIR/$name.expected.c"
		echo "updated $DIR/$name.expected.c"
	elif ! diff -u "$DIR/$name.expected.c" "$c"; then
		fail "$name: generated C differs from $DIR/$name.expected.c (UPDATE=1 to accept)"
	fi
	# Same input, same bytes.
	"$EHPC" -o "$OUT/$name.again.c" "$plan" && cmp -s "$c" "$OUT/$name.again.c" ||
		fail "$name: two runs gave different C"
	if ! build_c "$c" "$OUT/$name"; then
		fail "$name: the generated C does not compile warning-free"
		continue
	fi
	if [ -f "$DIR/$name.cases" ]; then
		build_c "$c" "$OUT/$name-cases" -DEHP_CASE_RUNNER "$CASES_LIB" ||
			fail "$name: the generated C does not compile as a case runner"
		"$OUT/$name-cases" "$DIR/$name.cases" || fail "$name: $DIR/$name.cases"
	fi
	# The plan as a document for people: NAME.expected.md, byte for byte;
	# the page a partnership signs (HTML because of the name) where its golden is.
	doc_golden md
	[ -f "$DIR/$name.expected.html" ] && doc_golden html
	if [ -f "$DIR/$name.version" ] || [ -n "$UPDATE" ]; then
		"$OUT/$name" --version >"$OUT/$name.version" || fail "$name: --version"
		if [ -n "$UPDATE" ]; then
			cp "$OUT/$name.version" "$DIR/$name.version"
		elif ! cmp -s "$DIR/$name.version" "$OUT/$name.version"; then
			diff -u "$DIR/$name.version" "$OUT/$name.version"
			fail "$name: --version does not print the plan's strings back exactly"
		fi
	fi
	[ -d "examples/$name/expected" ] && example_golden
done

# ---------------------------------------------------------------- the driver

expect_exit() { # STATUS DESCRIPTION COMMAND...
	want=$1 what=$2
	shift 2
	"$@" >"$OUT/stdout" 2>"$OUT/stderr"
	got=$?
	[ "$got" = "$want" ] || { fail "$what: exit $got, expected $want"; cat "$OUT/stderr"; }
}

expect_exit 0 "--help" "$EHPC" --help
grep -q "Exit status" "$OUT/stdout" || fail "--help does not document the exit status"
expect_exit 0 "--version" "$EHPC" --version
grep -q "^ehpc [0-9]" "$OUT/stdout" || fail "--version prints no version"
expect_exit 2 "no arguments" "$EHPC"
expect_exit 2 "unknown option" "$EHPC" --frobnicate "$DIR/every.ehp"
expect_exit 2 "missing plan" "$EHPC" "$OUT/no-such-plan.ehp"
expect_exit 2 "-o without a file" "$EHPC" "$DIR/every.ehp" -o
expect_exit 0 "--check on a good plan" "$EHPC" --check "$DIR/every.ehp"

printf 'plan "Broken"\nindicator 1 "x"\n  when any no_such_record in 12 months before entry\n' >"$OUT/broken.ehp"
expect_exit 1 "--check on a plan with errors" "$EHPC" --check "$OUT/broken.ehp"
grep -q "broken.ehp:3:" "$OUT/stderr" || fail "errors do not say file:line"
expect_exit 1 "compiling a plan with errors" "$EHPC" "$OUT/broken.ehp"
[ ! -e "$OUT/broken.c" ] || fail "a plan with errors still produced C"

# Default output: PLAN.c next to the plan.
cp "$DIR/every.ehp" "$OUT/beside.ehp"
expect_exit 0 "default output name" "$EHPC" "$OUT/beside.ehp"
[ -f "$OUT/beside.c" ] || fail "ehpc did not write beside.c next to beside.ehp"

# A failed write: exit 2, nothing left behind.
expect_exit 2 "unwritable output" "$EHPC" -o "$OUT/no-such-dir/x.c" "$DIR/every.ehp"
# The plan itself is never overwritten.
cp "$DIR/every.ehp" "$OUT/plan-no-suffix"
expect_exit 2 "--build onto the plan" "$EHPC" --build "$OUT/plan-no-suffix"
cmp -s "$DIR/every.ehp" "$OUT/plan-no-suffix" || fail "--build overwrote a plan without the .ehp suffix"

# --doc: by default build/docs/PLAN.md under the current directory, never
# beside the plan; never together with --build.
mkdir -p "$OUT/cwd"
top=$PWD
(cd "$OUT/cwd" && "$top/$EHPC" --doc "$top/$OUT/beside.ehp") || fail "--doc with the default output failed"
[ -f "$OUT/cwd/build/docs/beside.md" ] || fail "ehpc --doc did not write build/docs/beside.md under the current directory"
[ ! -e "$OUT/beside.md" ] || fail "ehpc --doc wrote beside.md beside the plan"
(cd "$OUT/cwd" && "$top/$EHPC" --doc --format html "$top/$OUT/beside.ehp") || fail "--doc --format html failed"
grep -q '^<!DOCTYPE html>' "$OUT/cwd/build/docs/beside.html" || fail "--format html did not write build/docs/beside.html"
expect_exit 2 "--doc with --build" "$EHPC" --doc --build "$OUT/beside.ehp"
expect_exit 2 "--format without html or md" "$EHPC" --format pdf "$OUT/beside.ehp"
# The format: from -o's name, or --format whatever the name.
expect_exit 0 "--doc -o x.htm" "$EHPC" --doc -o "$OUT/named.htm" "$DIR/every.ehp"
grep -q '^<!DOCTYPE html>' "$OUT/named.htm" || fail "--doc -o x.htm did not write HTML"
expect_exit 0 "--format md -o x.html" "$EHPC" --format md -o "$OUT/forced.html" "$DIR/every.ehp"
cmp -s "$OUT/forced.html" "$OUT/every.md" || fail "--format md -o x.html did not write the Markdown"
# -o - is standard output, for C and documents alike; no file named `-`.
(cd "$OUT" && "$top/$EHPC" --doc --format html -o - "$top/$DIR/every.ehp" >stdout.html) || fail "--doc -o - failed"
[ ! -e "$OUT/-" ] || fail "-o - created a file named -"
"$EHPC" --doc -o "$OUT/abs.html" "$top/$DIR/every.ehp" || fail "--doc -o abs.html failed"
cmp -s "$OUT/stdout.html" "$OUT/abs.html" || fail "--doc --format html -o - differs from the file"
expect_exit 0 "-o - (C)" "$EHPC" -o - "$DIR/every.ehp"
cmp -s "$OUT/stdout" "$OUT/every.c" || fail "-o - did not write the C to standard output"
expect_exit 2 "--build -o -" "$EHPC" --build -o - "$DIR/every.ehp"
# Markup in plan strings stays text in the HTML page.
printf '%s\n' 'plan "</title></style><script>alert(1)</script>"' 'theme t "<b onload=x>T</b>"' \
	'indicator 1 "<img src=x onerror=alert(1)>" when any offence in 12 months before entry' >"$OUT/markup.ehp"
expect_exit 0 "--doc HTML of a plan with markup in its strings" "$EHPC" --doc -o "$OUT/markup.html" "$OUT/markup.ehp"
if grep -q '<script\|<img\|<b \|</style><' "$OUT/markup.html"; then fail "plan strings became HTML markup"; fi
grep -q '&lt;script&gt;alert(1)&lt;/script&gt;' "$OUT/markup.html" || fail "the plan's title is not in the page as text"

# --build compiles the evaluator; it finds the runtime through the environment.
export EHP_RUNTIME_DIR="$PWD/runtime" EHP_LIB="$PWD/$LIB"
expect_exit 0 "--build" env CC="$CC $SAN" "$EHPC" --build -o "$OUT/built" "$DIR/every.ehp"
[ -x "$OUT/built" ] || fail "--build made no binary"
expect_exit 2 "the evaluator refuses --check (the case runner runs cases)" "$OUT/built" --check "$DIR/every.cases"
expect_exit 0 "--build --cases" env CC="$CC $SAN" EHP_CASES_LIB="$PWD/$CASES_LIB" "$EHPC" --build --cases -o "$OUT/built-cases" "$DIR/every.ehp"
"$OUT/built-cases" "$DIR/every.cases" >/dev/null || fail "the --build --cases runner fails every.cases"
nm "$OUT/built" | grep -q ehp_run_cases && fail "the case runner is linked into the evaluator"
expect_exit 2 "--cases without --build" "$EHPC" --cases "$DIR/every.ehp"
expect_exit 3 "--build with a failing C compiler" env CC=false "$EHPC" --build -o "$OUT/nobuild" "$DIR/every.ehp"
expect_exit 3 "--build with a missing C compiler" env CC="$OUT/no-such-cc" "$EHPC" --build -o "$OUT/nobuild" "$DIR/every.ehp"

leftover=$(find "$OUT" -name '*.tmp.*' | head -n 1)
[ -z "$leftover" ] || fail "temporary file left behind: $leftover"

if [ "$failures" -ne 0 ]; then
	echo "tests/compiler: $failures failure(s)"
	exit 1
fi
echo "tests/compiler: all passed"
