#!/bin/sh
# tests/build/stale.sh - no stale evaluators: when a plan stops compiling,
# `make` fails and removes that plan's old generated C and evaluator, so
# nobody can run yesterday's rules by mistake; the other plans' evaluators
# stay, and mending the plan brings its own back.
#
# Works on a copy of the sources and of the built tree ($BUILD, timestamps
# kept, so nothing is rebuilt that need not be) in a temporary directory.
# Run from the top of the tree after `make`. Environment: BUILD (default build).
set -u
BUILD=${BUILD:-build}
MAKE=${MAKE:-make}
# The make below is this test's own, not a sub-make of the one running it.
unset MAKEFLAGS MFLAGS MAKELEVEL
failures=0
fail() {
	echo "FAIL: $*"
	failures=$((failures + 1))
}

for p in plans/*.ehp; do
	n=$(basename "$p" .ehp)
	[ -x "$BUILD/bin/$n" ] || { echo "stale.sh: $BUILD/bin/$n not built (make first)"; exit 2; }
done
set -- plans/*.ehp
victim=$(basename "$1" .ehp)
[ $# -ge 2 ] && other=$(basename "$2" .ehp) || other=

tmp=$(mktemp -d "${TMPDIR:-/tmp}/ehp-stale.XXXXXX") || exit 2
trap 'rm -rf "$tmp"' EXIT INT TERM
cp -pR Makefile compiler grammar runtime plans tools examples "$tmp"/
mkdir -p "$tmp/build"
for d in bin cases gen compiler grammar runtime libehp.a libehp-cases.a; do
	cp -pR "$BUILD/$d" "$tmp/build/"
done

# Up to date: make has nothing to do and fails nothing.
(cd "$tmp" && $MAKE --no-print-directory -q all) || fail "the copied tree is not up to date (make -q all)"

# Break one plan: an unknown record type.
printf 'indicator 99.1 "broken on purpose"\n  when any no_such_record in 12 months before entry\n' >>"$tmp/plans/$victim.ehp"
if (cd "$tmp" && $MAKE --no-print-directory all >"$tmp/make.log" 2>&1); then
	fail "make succeeded with plans/$victim.ehp broken"
fi
grep -q "no_such_record" "$tmp/make.log" || fail "make's output does not show the plan's error"
grep -q "removed build/gen/$victim.c" "$tmp/make.log" || fail "make does not say it removed the old evaluator"
[ ! -e "$tmp/build/gen/$victim.c" ] || fail "build/gen/$victim.c is still there after its plan failed to compile"
[ ! -e "$tmp/build/bin/$victim" ] || fail "build/bin/$victim is still there after its plan failed to compile"
[ ! -e "$tmp/build/cases/$victim" ] || fail "build/cases/$victim is still there after its plan failed to compile"
if [ -n "$other" ]; then
	[ -x "$tmp/build/bin/$other" ] || fail "build/bin/$other went too (only the broken plan's evaluator should)"
fi
# Again: still failing, still nothing to run.
if (cd "$tmp" && $MAKE --no-print-directory all >/dev/null 2>&1); then
	fail "a second make succeeded with plans/$victim.ehp broken"
fi
[ ! -e "$tmp/build/bin/$victim" ] || fail "build/bin/$victim came back while its plan is broken"

# Mended: the evaluator is built again.
cp -p "plans/$victim.ehp" "$tmp/plans/$victim.ehp"
touch "$tmp/plans/$victim.ehp"
(cd "$tmp" && $MAKE --no-print-directory all >"$tmp/make.log" 2>&1) || { fail "make failed after the plan was mended"; cat "$tmp/make.log"; }
[ -x "$tmp/build/bin/$victim" ] || fail "build/bin/$victim was not rebuilt after the plan was mended"

if [ "$failures" -ne 0 ]; then
	echo "tests/build/stale.sh: $failures failure(s)"
	exit 1
fi
echo "tests/build/stale.sh: a broken plans/$victim.ehp leaves no build/gen/$victim.c or build/bin/$victim; all passed"
