#!/bin/sh
# make bench: evaluator speed on a synthetic extract, as ratios against
# baselines measured in the same run on the same files:
#   cat  - reading the three CSV files and throwing them away (the I/O floor)
#   awk  - one pass grouping records by family (what an ad-hoc script does)
# Usage: tests/bench/run.sh BUILD_DIR [FAMILIES]
set -eu
build=${1:-build}
n=${2:-${BENCH_FAMILIES:-200000}}
plan=${BENCH_PLAN:-devon}
dir=$build/bench/$n
out=$build/bench/out
mkdir -p "$dir" "$out"

${CC:-cc} -std=c11 -O2 -Wall -Wextra -Werror -o "$build/bench/gendata" tests/bench/gendata.c
if [ ! -f "$dir/records.csv" ]; then
	echo "generating $n families in $dir"
	"$build/bench/gendata" "$n" "$dir"
fi

now() { date +%s%N; }
# best of three, in milliseconds
measure() {
	best=""
	for _ in 1 2 3; do
		t0=$(now); "$@" >/dev/null; t1=$(now)
		ms=$(( (t1 - t0) / 1000000 ))
		if [ -z "$best" ] || [ "$ms" -lt "$best" ]; then best=$ms; fi
	done
	echo "$best"
}
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.1f", (b > 0 ? a / b : 0) }'; }

records=$(($(wc -l < "$dir/records.csv") - 1))
people=$(($(wc -l < "$dir/people.csv") - 1))
mb=$(du -m "$dir" | cut -f1)
t_cat=$(measure cat "$dir/families.csv" "$dir/people.csv" "$dir/records.csv")
t_awk=$(measure awk -F, 'NR > 1 { n[$1]++ } END { print length(n) }' "$dir/records.csv")
t_eval=$(measure "$build/bin/$plan" --data "$dir" --as-of 2025-06-30 --out "$out")
t_evid=$(measure "$build/bin/$plan" --data "$dir" --as-of 2025-06-30 --out "$out" --evidence)

echo "ehp bench: plan $plan, $n families, $people people, $records records (${mb} MB)"
printf '  %-28s %7s ms\n' "cat (I/O floor)" "$t_cat"
printf '  %-28s %7s ms\n' "awk group-by (baseline)" "$t_awk"
printf '  %-28s %7s ms   %sx cat, %sx awk\n' "evaluate" "$t_eval" "$(ratio "$t_eval" "$t_cat")" "$(ratio "$t_eval" "$t_awk")"
printf '  %-28s %7s ms   %sx cat, %sx awk\n' "evaluate --evidence" "$t_evid" "$(ratio "$t_evid" "$t_cat")" "$(ratio "$t_evid" "$t_awk")"
if [ "$t_eval" -gt 0 ]; then
	echo "  throughput: $(awk -v n="$n" -v t="$t_eval" 'BEGIN { printf "%.0f", n / (t / 1000) }') families/s"
fi
