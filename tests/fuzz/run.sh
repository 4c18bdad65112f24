#!/bin/sh
# tests/fuzz/run.sh BUILD SECONDS HARNESS... - runs each libFuzzer harness
# BUILD/harness/fuzz-HARNESS for SECONDS, one after the other, on the seeds
# (tests/fuzz/seeds.sh) and the corpus it grew in earlier runs
# (BUILD/corpus/HARNESS). Crash, leak, timeout and out-of-memory inputs go
# to BUILD/crashes/HARNESS/; keep each as a regression input (README.md).
# SECONDS 0 runs every seed once and stops: a check that the harnesses build
# and run, with nothing left to chance. Exits 1 when any harness found
# something.
set -u
build=${1:?usage: run.sh BUILD SECONDS HARNESS...}
seconds=${2:?usage: run.sh BUILD SECONDS HARNESS...}
shift 2
sh tests/fuzz/seeds.sh "$build/seeds" || exit 2
found=0
for h in "$@"; do
	mkdir -p "$build/corpus/$h" "$build/crashes/$h"
	dict=""
	[ -f "$build/seeds/$h.dict" ] && dict="-dict=$build/seeds/$h.dict"
	if [ "$seconds" -eq 0 ]; then
		limit="-runs=0"
		echo "== fuzz $h: every seed once"
	else
		limit="-max_total_time=$seconds"
		echo "== fuzz $h for ${seconds}s"
	fi
	# -rss_limit_mb: a plan or extract of a few KB needs far less.
	# shellcheck disable=SC2086 # dict is one word or none
	"$build/harness/fuzz-$h" "$limit" -timeout=10 -rss_limit_mb=2048 \
		-max_len=65536 -print_final_stats=1 -artifact_prefix="$build/crashes/$h/" $dict \
		"$build/corpus/$h" "$build/seeds/$h" >"$build/fuzz-$h.log" 2>&1
	rc=$?
	grep -E '^stat::(number_of_executed_units|average_exec_per_sec|peak_rss_mb)|^#[0-9]+ +DONE' \
		"$build/fuzz-$h.log" | sed 's/^/   /'
	if [ "$rc" -ne 0 ] || [ -n "$(ls "$build/crashes/$h")" ]; then
		echo "   FOUND something (exit $rc): $build/fuzz-$h.log, $build/crashes/$h/"
		grep -m 3 -E 'ERROR|SUMMARY|fuzz property' "$build/fuzz-$h.log" | sed 's/^/   /'
		found=1
	fi
done
exit $found
