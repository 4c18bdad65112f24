#!/bin/sh
# The output folder describes one run, even when the run is killed while it
# publishes its files. An "old" run leaves a folder (results, evidence and
# its receipt); then a "new" run over the same folder (other data, rows
# rejected, no evidence: so it adds rejects.csv, replaces results.csv and
# receipt.txt and removes evidence.jsonl) is killed by SIGKILL, under strace,
# at its k-th rename, then at its k-th unlink, then at its k-th fsync, for
# k = 1, 2, ... until a run gets through. After every kill:
#   - either receipt.txt is there and `--verify` says the folder is one
#     run's, whole, and that receipt is the old run's or the new run's;
#   - or there is no receipt.txt (the folder is incomplete, and `--verify`
#     says so): never a receipt beside files it does not describe;
# and the next run in that folder succeeds and verifies.
#
# strace (tools/deps.sh installs it) stops the process as it enters the
# system call and kills it there, so kill k leaves the folder as it was
# after k-1 calls: every state between two steps of publishing is seen.
# Where strace is missing or may not trace (no ptrace in a container), the
# test says so and is skipped.
#
#   BUILD=build sh tests/faults/publish.sh [PLAN]
set -u
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
build=${BUILD:-build}
case $build in /*) ;; *) build="$root/$build" ;; esac
plan=${1:-devon}
eval=$build/bin/$plan
[ -x "$eval" ] || { echo "faults: $eval not found; run make first" >&2; exit 2; }
if ! command -v strace >/dev/null 2>&1; then
	echo "faults: SKIPPED: strace is not installed (sh tools/deps.sh installs it)"
	exit 0
fi
if ! strace -qq -o /dev/null -e trace=getpid -e inject=getpid:retval=1 true 2>/dev/null; then
	echo "faults: SKIPPED: strace cannot trace or inject here (ptrace not permitted?)"
	exit 0
fi
tmp=$(mktemp -d) || exit 2
trap 'rm -rf "$tmp"' EXIT INT TERM
# LeakSanitizer cannot run under ptrace; a killed run's memory is the
# system's anyway.
ASAN_OPTIONS=${ASAN_OPTIONS:+$ASAN_OPTIONS:}detect_leaks=0
export ASAN_OPTIONS

data=$root/examples/$plan
as_of=$(cat "$data/as-of")
# The old run's data: the example without its last family and without the
# rows that are rejected (that family's among them), so every file it
# writes differs from the new run's and it writes no rejects.csv.
mkdir -p "$tmp/old-data"
sed '$d' "$data/families.csv" >"$tmp/old-data/families.csv"
cp "$data/people.csv" "$data/records.csv" "$tmp/old-data/"
"$eval" --data "$tmp/old-data" --as-of "$as_of" --out "$tmp/old-data-check" --quiet >/dev/null 2>&1
for f in people records; do
	[ -f "$tmp/old-data-check/rejects.csv" ] || break
	awk -F, -v f="$f.csv" 'NR > 1 && substr($1, length($1) - length(f) + 1) == f { print $2 }' \
		"$tmp/old-data-check/rejects.csv" >"$tmp/bad-lines"
	awk 'NR == FNR { bad[$1] = 1; next } !(FNR in bad)' "$tmp/bad-lines" "$data/$f.csv" >"$tmp/old-data/$f.csv"
done

failed=0 kills=0
fail() { echo "FAIL faults: $*"; failed=$((failed + 1)); }

old() { "$eval" --data "$tmp/old-data" --as-of "$as_of" --out "$1" --evidence --quiet; }
new() { "$eval" --data "$data" --as-of "$as_of" --out "$1" --quiet; }

old "$tmp/old" >/dev/null 2>&1 || { fail "the old run failed"; exit 1; }
new "$tmp/new" >/dev/null 2>&1 || { fail "the new run failed"; exit 1; }
[ -f "$tmp/old/evidence.jsonl" ] && [ ! -f "$tmp/old/rejects.csv" ] || fail "the old run should write evidence and no rejects"
[ -f "$tmp/new/rejects.csv" ] && [ ! -f "$tmp/new/evidence.jsonl" ] || fail "the new run should write rejects and no evidence"
cmp -s "$tmp/old/results.csv" "$tmp/new/results.csv" && fail "the old and new runs' results are the same"
"$eval" --verify "$tmp/old" >/dev/null || fail "the old run's folder does not verify"

# check K SYSCALLS: the new run killed at its K-th call of SYSCALLS over a
# copy of the old folder. Returns 1 once a run is not killed.
check() {
	dir=$tmp/run-$2-$1
	cp -a "$tmp/old" "$dir"
	strace -f -qq -o /dev/null -e trace="$2" -e inject="$2":signal=KILL:when="$1" \
		"$eval" --data "$data" --as-of "$as_of" --out "$dir" --quiet >/dev/null 2>&1
	rc=$?
	if [ "$rc" -eq 0 ]; then
		"$eval" --verify "$dir" >/dev/null && cmp -s "$dir/receipt.txt" "$tmp/new/receipt.txt" ||
			fail "$2 #$1: the run finished but its folder is not the new run's"
		rm -rf "$dir"
		return 1
	fi
	kills=$((kills + 1))
	if [ -e "$dir/receipt.txt" ]; then
		said=$("$eval" --verify "$dir")
		if [ $? -ne 0 ]; then
			fail "$2 #$1: killed, a receipt beside files it does not describe: $said"
		elif ! cmp -s "$dir/receipt.txt" "$tmp/old/receipt.txt" && ! cmp -s "$dir/receipt.txt" "$tmp/new/receipt.txt"; then
			fail "$2 #$1: killed, a receipt that is neither the old run's nor the new run's"
		fi
	else
		said=$("$eval" --verify "$dir")
		[ $? -eq 1 ] || fail "$2 #$1: no receipt, but --verify did not say incomplete: $said"
	fi
	# The next run in the folder the killed one left.
	if new "$dir" >/dev/null 2>&1; then
		"$eval" --verify "$dir" >/dev/null && cmp -s "$dir/receipt.txt" "$tmp/new/receipt.txt" ||
			fail "$2 #$1: the run after the kill does not verify as the new run"
	else
		fail "$2 #$1: the run after the kill failed"
	fi
	rm -rf "$dir"
	return 0
}

for calls in rename,renameat,renameat2 unlink,unlinkat fsync; do
	k=1
	while check $k $calls; do
		k=$((k + 1))
		[ $k -le 50 ] || { fail "$calls: still killed at call 50"; break; }
	done
	[ $k -gt 1 ] || fail "$calls: the run was never killed (does it make these calls?)"
	echo "faults: killed at each of $((k - 1)) $calls calls"
done
if [ "$failed" -ne 0 ]; then
	echo "faults: $failed failure(s)"
	exit 1
fi
echo "faults: $kills runs killed while publishing: each left the old run's folder or an incomplete one (no receipt), never a mix"
