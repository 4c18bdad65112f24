#!/bin/sh
# make bench: evaluator speed on a synthetic extract, as ratios against
# baselines measured in the same run on the same files:
#   cat  - reading the three CSV files and throwing them away (the I/O floor)
#   awk  - one pass grouping records by family (what an ad-hoc script does)
# Usage: tests/bench/run.sh BUILD_DIR [FAMILIES]; BENCH_PLANS picks evaluators.
set -eu
build=${1:-build}
n=${2:-${BENCH_FAMILIES:-200000}}
plans=${BENCH_PLANS:-devon medway wiltshire supporting-families}
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
echo "ehp bench: $n families, $people people, $records records (${mb} MB)"
printf '  %-36s %7s ms\n' "cat (I/O floor)" "$t_cat"
printf '  %-36s %7s ms\n' "awk group-by (baseline)" "$t_awk"
# Every plan's evaluator; --evidence (which writes every test's evidence,
# gigabytes at this size) for the first only.
first=yes
for plan in $plans; do
	[ -x "$build/bin/$plan" ] || continue
	t_eval=$(measure "$build/bin/$plan" --data "$dir" --as-of 2025-06-30 --out "$out" --quiet)
	printf '  %-36s %7s ms   %sx awk, %s families/s\n' "$plan: evaluate" "$t_eval" "$(ratio "$t_eval" "$t_awk")" \
		"$(awk -v n="$n" -v t="$t_eval" 'BEGIN { printf "%.0f", (t > 0 ? n / (t / 1000) : 0) }')"
	if [ $first = yes ]; then
		t_evid=$(measure "$build/bin/$plan" --data "$dir" --as-of 2025-06-30 --out "$out" --quiet --evidence)
		printf '  %-36s %7s ms   %sx awk\n' "$plan: evaluate --evidence" "$t_evid" "$(ratio "$t_evid" "$t_awk")"
		first=no
	fi
done
rm -f "$out/evidence.csv"
