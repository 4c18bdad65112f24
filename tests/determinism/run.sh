#!/bin/sh
# Results do not depend on how the work was done: one generated extract of a
# few thousand families (with some damaged rows) is judged
#   - sorted by family_id (read streamed), on 1 thread and, cut into
#     chunks read on the threads (chunks.h), on 2 and 4;
#   - the same with quoted line breaks in people and records, and a bad row
#     at the start of many families, cut at every family (EHP_CHUNK_BYTES=1)
#     on 2 threads and in chunks of 20000 bytes on 4;
#   - the same files through a pipe and FIFOs (read grouped: they cannot be
#     read twice), the receipt's digests of the bytes as read;
#   - the quoted files' records through a pipe on 2 threads: read grouped,
#     the records parsed on both threads in pieces cut at every line;
#   - the same receipt on 1 and 2 threads, and every folder --verify'd;
#   - with people and records shuffled (their first rows show them unsorted:
#     read grouped from the start), on 1 and 2 threads;
#   - with duplicate person ids, sorted (streamed) and shuffled (grouped:
#     the people file in pieces of one row on 2 threads, in one piece on 1).
# results.csv, indicators.csv and outcomes.csv must be byte-identical in
# every run, and so must report.html but for its receipt (the run id and the
# inputs' digests and names, which differ with the files); results.xlsx
# byte-identical between runs on the same files, and its sheets but the
# summary (which shows the run id) in every run; rejects.csv,
# evidence.jsonl and the messages on stderr byte-identical between runs on
# the same files, and between
# sorted and shuffled files the same rows for the same reasons and the same
# evidence (the lines of people and records differ, as the rows moved).
# Every run also draws an audit sample (--audit-sample): the same file on 1
# and 2 threads and through pipes, the same families sorted or shuffled;
# another seed draws others, and a sample larger than the claimable
# families holds them all.
# Usage: tests/determinism/run.sh BUILD_DIR [PLAN]
set -eu
build=${1:-build}
plan=${2:-devon}
eval=$build/bin/$plan
n=${DETERMINISM_FAMILIES:-3000}
T=$build/determinism
rm -rf "$T"
mkdir -p "$T/gen" "$T/sorted" "$T/shuffled" "$T/quoted"
# Chunks of 20000 bytes (a test hook: the default is 2 MiB), so a few
# thousand families make a few hundred chunks; the evaluator then says on
# stderr how it read the files ("ehp: note: ..."), left out when comparing.
EHP_CHUNK_BYTES=${DETERMINISM_CHUNK_BYTES:-20000}
export EHP_CHUNK_BYTES

# The bench's generator (make builds it): its family-sorted extract.
# (a tool that exits when done: its memory is not freed, so no leak report)
ASAN_OPTIONS=detect_leaks=0 "$build/bench/gendata" "$n" "$T/gen" 2025-06-30 >/dev/null
cp "$T/gen/sorted/families.csv" "$T/gen/sorted/people.csv" "$T/gen/sorted/records.csv" "$T/sorted/"

# Damage a few rows of the records and people files, so rejects and
# incomplete families are compared too.
awk 'NR > 1 && NR % 997 == 0 { sub(/,20[0-9][0-9]-/, ",2023-02-30-") } NR % 1499 == 0 { sub(/,[a-z_]+,/, ",nonsense,") } { print }' \
	"$T/sorted/records.csv" >"$T/r" && mv "$T/r" "$T/sorted/records.csv"
awk 'NR > 1 && NR % 701 == 0 { sub(/,[0-9][0-9][0-9][0-9]-/, ",19xx-") } { print }' \
	"$T/sorted/people.csv" >"$T/p" && mv "$T/p" "$T/sorted/people.csv"

# Shuffled: the same rows in a fixed pseudo-random order, families kept in
# order (results.csv lists them as the families file does) and each family's
# members kept in their order (a family's members are listed as the people
# file lists them: that order is part of the input), but a family's rows
# scattered among the others'.
cp "$T/sorted/families.csv" "$T/shuffled/families.csv"
{ head -n 1 "$T/sorted/records.csv"
  tail -n +2 "$T/sorted/records.csv" | awk 'BEGIN { srand(7) } { printf "%.12f\t%s\n", rand(), $0 }' |
	LC_ALL=C sort -k1,1 | cut -f2-; } >"$T/shuffled/records.csv"
shuffle_people() { # shuffle_people SORTED_PEOPLE SHUFFLED_PEOPLE
	tail -n +2 "$1" | awk -F, 'BEGIN { srand(11) } { printf "%.12f\t%s\n", rand(), $2 }' |
		LC_ALL=C sort -k1,1 | cut -f2- >"$T/slots"
	{ head -n 1 "$1"
	  tail -n +2 "$1" | awk -F, -v slots="$T/slots" '
		{ rows[$2, ++n[$2]] = $0 }
		END { while ((getline f < slots) > 0) print rows[f, ++used[f]] }'; } >"$2"
}
shuffle_people "$T/sorted/people.csv" "$T/shuffled/people.csv"

# Quoted: the sorted files with a note column holding quoted line breaks
# (and a comma, and quotes) in every fifth people row and seventh records
# row, and the first records row of every 40th family damaged: with a cut
# at every family, cuts fall beside both.
awk 'NR == 1 { print $0 ",note"; next }
	NR % 5 == 0 { print $0 ",\"first line\nsecond, \"\"quoted\"\" line\""; next } { print $0 "," }' \
	"$T/sorted/people.csv" >"$T/quoted/people.csv"
awk -F, 'NR == 1 { print $0 ",note"; next }
	$1 != last { last = $1; if (++families % 40 == 0) sub(/,20[0-9][0-9]-/, ",2023-02-31-") }
	NR % 7 == 0 { print $0 ",\"a note\r\nover two lines\""; next } { print $0 "," }' \
	"$T/sorted/records.csv" >"$T/quoted/records.csv"
cp "$T/sorted/families.csv" "$T/quoted/families.csv"

judge() { # judge NAME DIR THREADS
	out=$T/out-$1
	mkdir -p "$out"
	"$eval" --families "$2/families.csv" --people "$2/people.csv" --records "$2/records.csv" \
		--as-of 2025-06-30 --out "$out" --evidence -j "$3" --audit-sample "${4:-5}" --seed "${5:-determinism}" \
		>"$out/summary.txt" 2>"$out/stderr.txt"
	grep -v '^ehp: note: ' "$out/stderr.txt" | sed "s|$out/|OUT/|" >"$out/messages.txt" || true
}
judge sorted-1 "$T/sorted" 1
judge sorted-2 "$T/sorted" 2
judge sorted-4 "$T/sorted" 4
judge quoted-1 "$T/quoted" 1
EHP_CHUNK_BYTES=1 judge quoted-2 "$T/quoted" 2
judge quoted-4 "$T/quoted" 4
# The sorted files again through a pipe (records, on standard input) and
# FIFOs (families, people): not seekable, so read grouped, each byte once.
mkdir -p "$T/out-piped"
rm -f "$T/families.fifo" "$T/people.fifo"
mkfifo "$T/families.fifo" "$T/people.fifo"
cat "$T/sorted/families.csv" >"$T/families.fifo" &
cat "$T/sorted/people.csv" >"$T/people.fifo" &
cat "$T/sorted/records.csv" | "$eval" --families "$T/families.fifo" --people "$T/people.fifo" --records /dev/stdin \
	--as-of 2025-06-30 --out "$T/out-piped" --evidence -j 2 --audit-sample 5 --seed determinism \
	>"$T/out-piped/summary.txt" 2>"$T/out-piped/stderr.txt"
wait
# The quoted files with records through a pipe, on 2 threads: read grouped,
# the records parsed on the threads in pieces cut at every line
# (EHP_CHUNK_BYTES=1), so many cuts fall inside a quoted field and the
# pieces on either side are joined again.
mkdir -p "$T/out-quoted-piped"
cat "$T/quoted/records.csv" | EHP_CHUNK_BYTES=1 "$eval" --families "$T/quoted/families.csv" \
	--people "$T/quoted/people.csv" --records /dev/stdin --as-of 2025-06-30 --out "$T/out-quoted-piped" \
	--evidence -j 2 --audit-sample 5 --seed determinism \
	>"$T/out-quoted-piped/summary.txt" 2>"$T/out-quoted-piped/stderr.txt"
judge shuffled-1 "$T/shuffled" 1
judge shuffled-2 "$T/shuffled" 2
# Duplicate person ids (every 97th people row given twice, the copy next
# to it when sorted), read grouped from shuffled files: in pieces of one
# row (EHP_CHUNK_BYTES=1) on 2 threads, every copy in a later piece than
# its first (so the piece is read again against every person so far),
# and in one piece on 1 thread (the copy found within the piece).
mkdir -p "$T/dup-sorted" "$T/dup-shuffled"
cp "$T/sorted/families.csv" "$T/sorted/records.csv" "$T/dup-sorted/"
awk 'NR > 1 && NR % 97 == 0 { print } { print }' "$T/sorted/people.csv" >"$T/dup-sorted/people.csv"
cp "$T/shuffled/families.csv" "$T/shuffled/records.csv" "$T/dup-shuffled/"
shuffle_people "$T/dup-sorted/people.csv" "$T/dup-shuffled/people.csv"
judge dup-sorted "$T/dup-sorted" 1
EHP_CHUNK_BYTES=1 judge dup-pieces "$T/dup-shuffled" 2
EHP_CHUNK_BYTES=1000000000 judge dup-whole "$T/dup-shuffled" 1
judge reseeded "$T/sorted" 2 5 another-seed
judge everyone "$T/shuffled" 2 100000

failures=0
fail() { echo "determinism: $*"; failures=$((failures + 1)); }
same() { cmp -s "$1" "$2" || fail "$1 and $2 differ"; }
grep -q 'input read *streamed' "$T/out-sorted-1/summary.txt" || fail "the sorted files were not streamed"
# The parallel reader read them (none of its chunks in doubt), and found
# out the shuffled ones.
for run in sorted-2 sorted-4 quoted-2 quoted-4; do
	grep -q 'input read *streamed' "$T/out-$run/summary.txt" || fail "$run: the sorted files were not streamed"
	grep -q '^ehp: note: the sorted files were read in [0-9]* chunks$' "$T/out-$run/stderr.txt" ||
		fail "$run: the sorted files were not read in chunks"
done
grep -q '^ehp: note: the sorted files were read in 3000 chunks$' "$T/out-quoted-2/stderr.txt" ||
	[ "$n" -ne 3000 ] || fail "quoted-2: not cut at every family"
grep -q 'not sorted by family_id (its first rows say so): read grouped' "$T/out-shuffled-2/stderr.txt" ||
	fail "shuffled-2: the first rows did not show the files unsorted"
[ "$(grep -c '^ehp: note: ' "$T/out-sorted-1/stderr.txt")" -eq 0 ] || fail "sorted-1: -j 1 was cut into chunks"
grep -q 'input read *grouped' "$T/out-shuffled-1/summary.txt" || fail "the shuffled files were not grouped"
grep -q 'input read *grouped' "$T/out-piped/summary.txt" || fail "the pipes were not grouped"
grep -q 'input read *grouped' "$T/out-quoted-piped/summary.txt" || fail "the quoted records' pipe was not grouped"
# The receipt's digests are of the bytes read, pipes included.
for f in families people records; do
	sum=$(sha256sum <"$T/sorted/$f.csv" | cut -c1-64)
	grep -q "sha256 $sum" "$T/out-sorted-1/receipt.txt" || fail "receipt: wrong digest of $f.csv"
	grep -q "sha256 $sum" "$T/out-piped/receipt.txt" || fail "receipt (pipes): wrong digest of $f.csv"
done
# Two runs on the same files write the same receipt (-j is not in it), and
# every folder holds one run's outputs whole.
same "$T/out-sorted-1/receipt.txt" "$T/out-sorted-2/receipt.txt"
same "$T/out-sorted-1/receipt.txt" "$T/out-sorted-4/receipt.txt"
same "$T/out-quoted-1/receipt.txt" "$T/out-quoted-2/receipt.txt"
same "$T/out-quoted-1/receipt.txt" "$T/out-quoted-4/receipt.txt"
for f in families people records; do
	sum=$(sha256sum <"$T/quoted/$f.csv" | cut -c1-64)
	grep -q "sha256 $sum" "$T/out-quoted-2/receipt.txt" || fail "receipt (quoted, chunks): wrong digest of $f.csv"
done
for run in sorted-1 sorted-2 sorted-4 quoted-1 quoted-2 quoted-4 piped shuffled-1 shuffled-2; do
	"$eval" --verify "$T/out-$run" >/dev/null || fail "--verify: out-$run is not one run's outputs, whole"
done
[ -s "$T/out-sorted-1/rejects.csv" ] || fail "no rows were rejected: the damage did not take"
grep -q '2023-02-31' "$T/out-quoted-1/rejects.csv" || fail "quoted: the damage at families' first rows did not take"
grep -q 'second, ' "$T/out-quoted-1/rejects.csv" || fail "quoted: no rejected row holds a quoted line break"
grep -q ',no$' "$T/out-sorted-1/results.csv" || fail "no family was judged on incomplete data"
for run in sorted-2 sorted-4 piped shuffled-1 shuffled-2; do
	for f in results.csv indicators.csv outcomes.csv plan_rows.csv; do
		same "$T/out-sorted-1/$f" "$T/out-$run/$f"
	done
done
# The report and the workbook: whole on the same files; the receipt's run id
# and inputs aside, and the workbook's data sheets, everywhere.
same "$T/out-sorted-1/report.html" "$T/out-sorted-2/report.html"
for run in sorted-1 sorted-2 piped shuffled-1 shuffled-2; do
	grep -v -e 'id="run-id"' -e '<tr><th>Input: ' "$T/out-$run/report.html" >"$T/$run.report"
done
for run in sorted-2 piped shuffled-1 shuffled-2; do
	same "$T/sorted-1.report" "$T/$run.report"
done
if [ -f "$T/out-sorted-1/results.xlsx" ]; then
	same "$T/out-sorted-1/results.xlsx" "$T/out-sorted-2/results.xlsx"
	for run in sorted-1 piped shuffled-2; do
		for k in 2 3 4; do
			unzip -p "$T/out-$run/results.xlsx" "xl/worksheets/sheet$k.xml" >"$T/$run.sheet$k" ||
				fail "out-$run/results.xlsx: no sheet $k"
		done
	done
	for run in piped shuffled-2; do
		for k in 2 3 4; do
			same "$T/sorted-1.sheet$k" "$T/$run.sheet$k"
		done
	done
fi
# (evidence.jsonl's first line names the records file as given: stdin here)
tail -n +2 "$T/out-sorted-1/evidence.jsonl" >"$T/sorted-1.families"
tail -n +2 "$T/out-piped/evidence.jsonl" >"$T/piped.families"
same "$T/sorted-1.families" "$T/piped.families"
for f in rejects.csv evidence.jsonl messages.txt; do
	same "$T/out-sorted-1/$f" "$T/out-sorted-2/$f"
	same "$T/out-sorted-1/$f" "$T/out-sorted-4/$f"
	same "$T/out-shuffled-1/$f" "$T/out-shuffled-2/$f"
done
for f in results.csv indicators.csv outcomes.csv plan_rows.csv rejects.csv evidence.jsonl audit-sample.txt messages.txt; do
	same "$T/out-quoted-1/$f" "$T/out-quoted-2/$f"
	same "$T/out-quoted-1/$f" "$T/out-quoted-4/$f"
done
# Grouped, in pieces joined again: the same, rejects on the same lines
# (the records file named as given: stdin there).
for f in results.csv indicators.csv outcomes.csv plan_rows.csv; do
	same "$T/out-quoted-1/$f" "$T/out-quoted-piped/$f"
done
for run in quoted-1 quoted-piped; do
	sed -n '/^sample /,$p' "$T/out-$run/audit-sample.txt" >"$T/$run.sample"
	sed -e "s|^$T/quoted/records.csv,|RECORDS,|" -e 's|^/dev/stdin,|RECORDS,|' "$T/out-$run/rejects.csv" >"$T/$run.rejects"
	tail -n +2 "$T/out-$run/evidence.jsonl" >"$T/$run.families"
done
same "$T/quoted-1.rejects" "$T/quoted-piped.rejects"
same "$T/quoted-1.families" "$T/quoted-piped.families"
same "$T/quoted-1.sample" "$T/quoted-piped.sample"
# Between sorted and shuffled files: rejects without their line, evidence
# without the lines of families, members and records (a test's records by
# their count: tests/evidence/placeless.py, with python3's json module,
# docs/evidence.md).
for run in sorted-1 shuffled-1; do
	tail -n +2 "$T/out-$run/rejects.csv" | cut -d, -f1,3- | sed 's|^[^,]*/||' | LC_ALL=C sort >"$T/$run.rejects"
	python3 tests/evidence/placeless.py <"$T/out-$run/evidence.jsonl" >"$T/$run.evidence" || fail "evidence.jsonl of $run does not parse"
done
same "$T/sorted-1.rejects" "$T/shuffled-1.rejects"
# Duplicate people: the same results sorted and shuffled, in pieces or
# not; the same rejects in pieces or not, and as sorted but for the lines.
grep -q 'duplicate person id' "$T/out-dup-pieces/rejects.csv" || fail "dup: no duplicate person id was rejected"
grep -q 'input read *grouped' "$T/out-dup-pieces/summary.txt" || fail "dup: the shuffled files were not grouped"
for f in results.csv indicators.csv outcomes.csv; do
	same "$T/out-dup-sorted/$f" "$T/out-dup-pieces/$f"
	same "$T/out-dup-sorted/$f" "$T/out-dup-whole/$f"
done
for f in rejects.csv evidence.jsonl messages.txt; do
	same "$T/out-dup-pieces/$f" "$T/out-dup-whole/$f"
done
for run in dup-sorted dup-pieces; do
	tail -n +2 "$T/out-$run/rejects.csv" | cut -d, -f1,3- | sed 's|^[^,]*/||' | LC_ALL=C sort >"$T/$run.rejects"
done
same "$T/dup-sorted.rejects" "$T/dup-pieces.rejects"
# Pipes: the same rows, lines and reasons (the files are named as given).
for run in sorted-1 piped; do
	cut -d, -f2- "$T/out-$run/rejects.csv" >"$T/$run.lines"
done
same "$T/sorted-1.lines" "$T/piped.lines"
same "$T/sorted-1.evidence" "$T/shuffled-1.evidence"
# The audit sample: the same file from the same files, the same families
# (in the same order) from shuffled ones, others with another seed.
same "$T/out-sorted-1/audit-sample.txt" "$T/out-sorted-2/audit-sample.txt"
# (through pipes the inputs have other names, so the receipt's lines differ)
for run in sorted-1 piped; do
	sed -n '/^sample /,$p' "$T/out-$run/audit-sample.txt" >"$T/$run.sample"
done
same "$T/sorted-1.sample" "$T/piped.sample"
same "$T/out-shuffled-1/audit-sample.txt" "$T/out-shuffled-2/audit-sample.txt"
for run in sorted-1 shuffled-1 reseeded everyone; do
	grep '^Family ' "$T/out-$run/audit-sample.txt" >"$T/$run.sampled" || true
done
[ "$(wc -l <"$T/sorted-1.sampled")" -eq 5 ] || fail "the audit sample does not hold 5 families"
same "$T/sorted-1.sampled" "$T/shuffled-1.sampled"
cmp -s "$T/sorted-1.sampled" "$T/reseeded.sampled" && fail "another seed drew the same audit sample"
claimable=$(awk '/^  claimable/ { print $2 }' "$T/out-everyone/summary.txt")
[ "$(wc -l <"$T/everyone.sampled")" -eq "$claimable" ] ||
	fail "a sample of 100000 does not hold every one of the $claimable claimable families"
grep -q "^sample        $claimable of $claimable claimable families (100000 asked for)" "$T/out-everyone/audit-sample.txt" ||
	fail "the sample larger than the claimable families does not say so"
families=$(($(wc -l <"$T/out-sorted-1/results.csv") - 1))
rejected=$(($(wc -l <"$T/out-sorted-1/rejects.csv") - 1))
if [ "$failures" -ne 0 ]; then
	echo "determinism: $failures failure(s)"
	exit 1
fi
echo "determinism: $families families ($rejected rows rejected): the same results sorted and shuffled, on 1, 2 and 4 threads, read in chunks or not"
