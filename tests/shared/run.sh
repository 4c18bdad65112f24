#!/bin/sh
# tests/shared/run.sh - one extract, every plan (make check-shared).
#
# examples/shared is one council's extract. For each plans/NAME.ehp the
# evaluator $BUILD/bin/NAME judges it on the claim date in
# examples/shared/as-of, and:
#   1. its results.csv must equal examples/shared/expected/NAME/results.csv;
#   2. its rejects.csv must equal examples/shared/expected/rejects.csv (every
#      plan reads the files the same way, so every plan rejects the same rows);
# then compare.sh sets the plans' verdicts side by side, one row per family,
# and that must equal examples/shared/expected/comparison.csv: where the
# plans disagree is part of what is tested.
#
# The outputs, evidence.jsonl included, are left in $BUILD/out/shared/NAME/ to
# read when a verdict changes. A plan without expected results fails: the
# extract is meant to be judged under every plan.
#
# Run from the top of the tree after `make`. Environment: BUILD (default
# build). UPDATE=1 rewrites the expected files from this run instead of
# comparing (review the diff, and examples/shared/README.md, before
# committing it).
set -u
LC_ALL=C
export LC_ALL

BUILD=${BUILD:-build}
UPDATE=${UPDATE:-}
DATA=examples/shared
EXPECTED=$DATA/expected
OUT=$BUILD/out/shared

failures=0
fail() {
	echo "FAIL: $*"
	failures=$((failures + 1))
}

# expect EXPECTED ACTUAL: the run's file must equal the checked-in one.
expect() {
	if [ -n "$UPDATE" ]; then
		mkdir -p "$(dirname "$1")"
		cp "$2" "$1"
	elif [ ! -f "$1" ]; then
		fail "$1 is missing (UPDATE=1 sh tests/shared/run.sh writes it)"
	elif ! diff -u "$1" "$2"; then
		fail "$2 differs from $1"
	fi
}

as_of=$(cat "$DATA/as-of")
plans=
for f in plans/*.ehp; do
	plans="$plans $(basename "$f" .ehp)"
done
rm -rf "$OUT"
mkdir -p "$OUT"

for p in $plans; do
	echo "== shared $p"
	eval=$BUILD/bin/$p
	if [ ! -x "$eval" ]; then
		echo "run.sh: $eval not built (make BUILD=$BUILD)"
		exit 2
	fi
	mkdir -p "$OUT/$p"
	"$eval" --data "$DATA" --as-of "$as_of" --out "$OUT/$p" --evidence \
		>"$OUT/$p/summary.txt" 2>"$OUT/$p/stderr.txt"
	rc=$?
	if [ "$rc" -ne 0 ]; then
		fail "$p exited $rc (see $OUT/$p/stderr.txt)"
		continue
	fi
	expect "$EXPECTED/$p/results.csv" "$OUT/$p/results.csv"
	if [ -f "$OUT/$p/rejects.csv" ]; then
		expect "$EXPECTED/rejects.csv" "$OUT/$p/rejects.csv"
	elif [ -f "$EXPECTED/rejects.csv" ]; then
		fail "$p rejected no rows; $EXPECTED/rejects.csv lists some"
	fi
done

echo "== shared comparison"
# shellcheck disable=SC2086 # the plan names are words
if sh tests/shared/compare.sh "$OUT" $plans >"$OUT/comparison.csv"; then
	expect "$EXPECTED/comparison.csv" "$OUT/comparison.csv"
else
	fail "compare.sh could not compare the plans' results"
fi

if [ "$failures" -ne 0 ]; then
	echo "shared example: $failures failure(s)"
	exit 1
fi
if [ -n "$UPDATE" ]; then
	echo "shared example: expected files rewritten from this run; review the diff"
else
	echo "shared example: every plan as expected"
fi
