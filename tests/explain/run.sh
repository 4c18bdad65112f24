#!/bin/sh
# tests/explain/run.sh - the explanation (--explain ID) of every example
# family of every plan, against goldens an auditor has read (make check).
#
#   examples/NAME/          under plans/NAME.ehp   -> tests/explain/NAME/ID.txt
#   examples/shared/        under every plan       -> tests/explain/shared/NAME/ID.txt
#   tests/explain/data/NAME/ families made for this test (a claim stopped by a
#                           missing assessment while a need is unanswered, a
#                           family with no members, one with more rejected
#                           rows than are named)   -> tests/explain/extra/NAME/ID.txt
#
# Each family is judged on its set's claim date (the set's as-of file). The
# made-up families are judged a second time with the records file read from
# a pipe (so read grouped, not streamed), and must be explained the same way.
#
# Run from the top of the tree after `make`. Environment: BUILD (default
# build). UPDATE=1 writes the goldens from this run instead of comparing
# (read every changed one before committing it).
set -u
here=$(cd "$(dirname "$0")" && pwd)
. "$here/../lib.sh"
LC_ALL=C
export LC_ALL
UPDATE=${UPDATE:-}
cd "$root" || exit 2

failures=0
checked=0

# explain PLAN DATA GOLDEN_DIR [piped]: every family of DATA explained
# under PLAN against GOLDEN_DIR/ID.txt; `piped`: the records file is read
# from a pipe, which the evaluator reads grouped.
explain() {
	plan=$1 data=$2 golden=$3 piped=${4:-}
	bin="$build/bin/$plan"
	[ -x "$bin" ] || { echo "FAIL: $bin not built"; failures=$((failures + 1)); return; }
	if [ -n "$piped" ]; then
		inputs="--families $data/families.csv --people $data/people.csv --records /dev/stdin"
	else
		inputs="--data $data"
	fi
	as_of=$(cat "$data/as-of")
	mkdir -p "$golden"
	for id in $(awk -F, 'NR > 1 && $1 != "" { print $1 }' "$data/families.csv" | sort -u); do
		got="$tmp/got.txt"
		rm -rf "$tmp/out"
		# shellcheck disable=SC2086 # inputs is several words on purpose
		if ! cat "$data/records.csv" | "$bin" $inputs --as-of "$as_of" --out "$tmp/out" --explain "$id" --quiet \
			>"$got" 2>"$tmp/err"; then
			echo "FAIL: $plan --explain $id on $data: exit status $?"
			cat "$tmp/err"
			failures=$((failures + 1))
			continue
		fi
		checked=$((checked + 1))
		if [ -n "$UPDATE" ] && [ -z "$piped" ]; then
			cp "$got" "$golden/$id.txt"
		elif ! diff -u "$golden/$id.txt" "$got"; then
			echo "FAIL: $plan --explain $id on $data${piped:+ (records piped: read grouped)} differs from $golden/$id.txt"
			failures=$((failures + 1))
		fi
	done
}

for p in $(ls plans/*.ehp | sed 's|plans/||; s|\.ehp$||'); do
	[ -f "examples/$p/families.csv" ] && explain "$p" "examples/$p" "tests/explain/$p"
	explain "$p" examples/shared "tests/explain/shared/$p"
	d="tests/explain/data/$p"
	[ -f "$d/families.csv" ] || continue
	explain "$p" "$d" "tests/explain/extra/$p"
	explain "$p" "$d" "tests/explain/extra/$p" piped
done

if [ "$checked" -eq 0 ]; then
	echo "FAIL: no family explained"
	failures=$((failures + 1))
fi
if [ "$failures" -ne 0 ]; then
	echo "explain: $failures failed of $checked explanations"
	exit 1
fi
echo "explain: $checked explanations as their goldens${UPDATE:+ (goldens written)}"
