#!/bin/sh
# tests/memberlimit/run.sh - the member limit (`themes met >= 2 with at most
# 1 theme from each member who is living_apart`) end to end, on its example
# plan and families (examples/member-limit):
#   1. the plan compiles to C that builds warning-free, as an evaluator and
#      as a case runner;
#   2. its cases pass, every row and the family rule shown both ways
#      (--coverage);
#   3. the evaluator's results.csv on the example families, and the
#      explanation of L01 (ineligible only because of the limit), equal
#      their goldens; so does the plan as a document (--doc).
#
# Run from anywhere after `make`. Environment: BUILD, CC, SAN, EHP_LINK as
# for tests/compiler/run.sh. UPDATE=1 writes the goldens from this run
# (read every change before committing it).
set -u
here=$(cd "$(dirname "$0")" && pwd)
. "$here/../lib.sh"
need_ehpc memberlimit
CC=${CC:-cc}
SAN=${SAN:-}
UPDATE=${UPDATE:-}
EHP_LINK=${EHP_LINK:--lnettle $(pkg-config --libs xlsxwriter 2>/dev/null) -lm}
ex="examples/member-limit" # relative: the plan document names the file as given
cd "$root" || exit 2
plan="$ex/member-limit.ehp"
failures=0
fail() {
	echo "FAIL memberlimit: $*"
	failures=$((failures + 1))
}

# golden NAME FILE: FILE against $ex/expected/NAME (UPDATE=1: writes it).
golden() {
	if [ -n "$UPDATE" ]; then
		cp "$2" "$ex/expected/$1"
	elif ! diff -u "$ex/expected/$1" "$2"; then
		fail "$1 differs from examples/member-limit/expected/$1 (UPDATE=1 to accept)"
	fi
}

"$ehpc" -o "$tmp/plan.c" "$plan" || { echo "FAIL memberlimit: ehpc rejected $plan"; exit 1; }
# shellcheck disable=SC2086 # SAN and EHP_LINK hold several flags
$CC -std=c11 -Wall -Wextra -Werror -Wpedantic $SAN -I"$root/runtime" "$tmp/plan.c" "$build/libehp.a" $EHP_LINK \
	-o "$tmp/eval" || { echo "FAIL memberlimit: the generated C does not build"; exit 1; }
# shellcheck disable=SC2086
$CC -std=c11 -Wall -Wextra -Werror -Wpedantic $SAN -I"$root/runtime" -DEHP_CASE_RUNNER "$tmp/plan.c" \
	"$build/libehp-cases.a" "$build/libehp.a" $EHP_LINK -o "$tmp/cases" ||
	{ echo "FAIL memberlimit: the generated C does not build as a case runner"; exit 1; }

"$tmp/cases" "$ex/member-limit.cases" --coverage || fail "examples/member-limit/member-limit.cases"

as_of=$(cat "$ex/as-of")
if "$tmp/eval" --data "$ex" --as-of "$as_of" --out "$tmp/out" --no-workbook --quiet; then
	golden results.csv "$tmp/out/results.csv"
else
	fail "the evaluator failed on examples/member-limit"
fi
if "$tmp/eval" --data "$ex" --as-of "$as_of" --out "$tmp/out2" --no-workbook --quiet --explain L01 >"$tmp/L01.txt"; then
	golden explain-L01.txt "$tmp/L01.txt"
else
	fail "--explain L01 failed"
fi
"$ehpc" --doc -o "$tmp/plan.md" "$plan" && golden member-limit.md "$tmp/plan.md" || fail "--doc failed"

if [ "$failures" -ne 0 ]; then
	echo "memberlimit: $failures failed"
	exit 1
fi
echo "memberlimit: the example plan, its cases, results, explanation and document as expected${UPDATE:+ (goldens written)}"
