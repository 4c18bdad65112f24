#!/bin/sh
# tests/evidence/run.sh - evidence.jsonl of every example, read with a real
# JSON parser (make check-evidence).
#
# Each examples/NAME/ with an as-of file is judged with --evidence by its
# plan's evaluator (examples/shared by every plan's), and check.py reads the
# evidence.jsonl with python3's json module: every line strict JSON, the
# header first, then one line per family in the order of results.csv and
# agreeing with it (docs/evidence.md). Outputs are left in
# $BUILD/out/evidence/EXAMPLE-PLAN/.
set -u
BUILD=${BUILD:-build}
OUT=$BUILD/out/evidence
command -v python3 >/dev/null || { echo "evidence: python3 is needed (tools/deps.sh installs it)"; exit 2; }
rm -rf "$OUT"
mkdir -p "$OUT"
failures=0
for d in examples/*/; do
	ex=$(basename "$d")
	[ -f "$d/as-of" ] || continue
	# A council's export read through a mapping (examples/ssd, ...) is
	# tested by tests/mapping/run.sh; its native/ copy is the same families.
	[ -f "$d/families.csv" ] || continue
	if [ -f "plans/$ex.ehp" ]; then plans=$ex; else plans=$(for f in plans/*.ehp; do basename "$f" .ehp; done); fi
	for p in $plans; do
		o=$OUT/$ex-$p
		mkdir -p "$o"
		if ! "$BUILD/bin/$p" --data "$d" --as-of "$(cat "$d/as-of")" --out "$o" --evidence --quiet 2>"$o/stderr.txt"; then
			echo "FAIL: $p on $d exited non-zero (see $o/stderr.txt)"
			failures=$((failures + 1))
			continue
		fi
		printf '== evidence %s under %s: ' "$ex" "$p"
		python3 tests/evidence/check.py "$o" "$d" || failures=$((failures + 1))
	done
done
if [ "$failures" -ne 0 ]; then
	echo "evidence: $failures failure(s)"
	exit 1
fi
