#!/bin/sh
# tests/mapping/run.sh - councils' own exports read through a mapping
# (make check-mapping; docs/data-format.md, "Reading a council's own export").
#
#   1. each worked example in examples/ with a council.map (its plan named in
#      `plan`) gives the same results.csv from its native files (native/), its
#      council's export (export/) and a messy copy of that export (messy/: a
#      byte order mark, CRLF, date-times, codes in capitals, pounds and
#      percentages, empty rows, headers retyped), byte for byte, and that is
#      expected/results.csv, and so do the export's records and joined files
#      with their rows reversed; a row rejected names the council's file;
#   2. the evidence of a mapped run cites each record by the council's file
#      and line: evidence.jsonl names the council's records files and parses
#      (tests/evidence/check.py: every file and line cited exists), says what
#      the native copy's says but for where rows are (placeless.py), and
#      every family's --explain, and the audit sample's, is its golden
#      (explain/EXAMPLE/ID.txt: records and rejected rows by council file
#      and line);
#      The same for one family whose records are in two of the council's
#      files (two-files/, two-files.expected);
#   3. --validate on an export with five kinds of problem reports them all
#      in one run (five-problems.expected) and exits 1; and so does one whose
#      chains of ids break (chain-not-found.expected: an id not found, empty,
#      or on two rows of the joined file);
#   4. a mapping with mistakes has every one reported with its place, line
#      and caret (diagnostics/*.expected), and nothing is read.
#
# Run from the top of the tree after `make`. BUILD (default build).
# UPDATE=1 rewrites the expected files from this run (review the diff).
set -u
LC_ALL=C
export LC_ALL
BUILD=${BUILD:-build}
UPDATE=${UPDATE:-}
OUT=$BUILD/out/mapping
here=tests/mapping
failures=0
checks=0
fail() {
	echo "FAIL: $*"
	failures=$((failures + 1))
}
# expect EXPECTED ACTUAL
expect() {
	checks=$((checks + 1))
	if [ -n "$UPDATE" ]; then
		cp "$2" "$1"
	elif ! cmp -s "$1" "$2"; then
		fail "$2 differs from $1"
		diff -u "$1" "$2" | head -20
	fi
}
rm -rf "$OUT"
mkdir -p "$OUT"

for map in examples/*/council.map; do
	ex=$(dirname "$map")
	name=$(basename "$ex")
	plan=$(cat "$ex/plan")
	as_of=$(cat "$ex/as-of")
	echo "== mapping $name ($plan)"
	mkdir -p "$OUT/$name"
	for form in native export messy; do
		if [ $form = native ]; then set -- --data "$ex/native"; else set -- --map "$map" --data "$ex/$form"; fi
		"$BUILD/bin/$plan" "$@" --as-of "$as_of" --out "$OUT/$name/$form" -j 1 >"$OUT/$name/$form.summary" \
			2>"$OUT/$name/$form.err"
		rc=$?
		[ $rc -eq 0 ] || fail "$name $form: exit $rc: $(head -3 "$OUT/$name/$form.err")"
		expect "$ex/expected/results.csv" "$OUT/$name/$form/results.csv"
	done
	# The order of the rows of a records file or a joined file is no part of
	# the input: the export with every such file's rows reversed gives the
	# same results.
	rm -rf "$OUT/$name/reversed-export" && cp -R "$ex/export" "$OUT/$name/reversed-export"
	sed -n -e 's/^records from "\(.*\)".*/\1/p' -e 's/^ *join "\([^"]*\)".*/\1/p' "$map" | sort -u | while read -r f; do
		{ head -n 1 "$ex/export/$f"; tail -n +2 "$ex/export/$f" | awk '{ l[NR] = $0 } END { for (i = NR; i > 0; i--) print l[i] }'; } \
			>"$OUT/$name/reversed-export/$f"
	done
	"$BUILD/bin/$plan" --map "$map" --data "$OUT/$name/reversed-export" --as-of "$as_of" --out "$OUT/$name/reversed" -j 2 \
		>/dev/null 2>&1 || fail "$name reversed: exit $?"
	expect "$ex/expected/results.csv" "$OUT/$name/reversed/results.csv"
	# A rejected row of the export is the council's: its file, not a file the mapping made.
	if [ -f "$OUT/$name/export/rejects.csv" ]; then
		checks=$((checks + 1))
		sed 1d "$OUT/$name/export/rejects.csv" | grep -q "^$ex/export/" ||
			fail "$name: rejects.csv does not name the council's files"
	fi
	# Evidence: records cited by the council's file and line.
	for form in native export; do
		if [ $form = native ]; then set -- --data "$ex/native"; else set -- --map "$map" --data "$ex/$form"; fi
		"$BUILD/bin/$plan" "$@" --as-of "$as_of" --out "$OUT/$name/evidence-$form" --evidence \
			--audit-sample 3 --seed mapping --quiet 2>/dev/null || fail "$name $form --evidence: exit $?"
	done
	checks=$((checks + 2))
	python3 tests/evidence/check.py "$OUT/$name/evidence-export" "$ex/export" >/dev/null ||
		fail "$name: evidence.jsonl of the export"
	for form in native export; do
		python3 tests/evidence/placeless.py <"$OUT/$name/evidence-$form/evidence.jsonl" \
			>"$OUT/$name/evidence-$form.placeless" || fail "$name $form: evidence.jsonl does not parse"
	done
	cmp -s "$OUT/$name/evidence-native.placeless" "$OUT/$name/evidence-export.placeless" ||
		fail "$name: the export's evidence is not the native copy's (rows' places aside)"
	mkdir -p "$here/explain/$name"
	for id in $(awk -F, 'NR > 1 && $1 != "" { print $1 }' "$ex/native/families.csv" | sort -u); do
		"$BUILD/bin/$plan" --map "$map" --data "$ex/export" --as-of "$as_of" --out "$OUT/$name/explain" \
			--explain "$id" --quiet >"$OUT/$name/explain-$id.txt" 2>/dev/null || fail "$name --explain $id: exit $?"
		expect "$here/explain/$name/$id.txt" "$OUT/$name/explain-$id.txt"
	done
	# Each family of the audit sample is explained as --explain explains it
	# (blank lines aside: the sample's last one has no blank line after it).
	awk -v dir="$OUT/$name" '/^==== / { f = ""; next } /^Family / { f = dir "/sampled-" $2 ".txt" } f && NF { print > f }' \
		"$OUT/$name/evidence-export/audit-sample.txt"
	checks=$((checks + 1))
	[ "$(ls "$OUT/$name"/sampled-*.txt | wc -l)" -eq 3 ] || fail "$name: the audit sample does not hold 3 families"
	for f in "$OUT/$name"/sampled-*.txt; do
		id=${f##*/sampled-}
		grep -v '^$' "$OUT/$name/explain-$id" | cmp -s "$f" - || fail "$name: the audit sample explains ${id%.txt} otherwise"
	done
done

echo "== records from two of the council's files"
# One family's offences in two files, one day in both: each record is cited
# by its file and line, in the order found (by date, then file and line).
two=$here/two-files
"$BUILD/bin/devon" --map $two/council.map --data $two --as-of 2025-06-30 --out "$OUT/two-files" --evidence \
	--explain F1 --quiet >"$OUT/two-files.explain" 2>/dev/null || fail "two-files: exit $?"
expect $here/two-files.expected "$OUT/two-files.explain"
checks=$((checks + 2))
python3 tests/evidence/check.py "$OUT/two-files" $two >/dev/null || fail "two-files: evidence.jsonl"
grep -q '"records_files":\["police.csv","youth_justice.csv"\],' "$OUT/two-files/evidence.jsonl" &&
	grep -q '\["1.1",\[1\],true,\[\[0,0,4,true,null,null,null,\[\[0,2\],\[1,2,3\],\[0,3\]\]\]\]\]' \
		"$OUT/two-files/evidence.jsonl" || fail "two-files: evidence.jsonl does not cite each record by its file"

echo "== --validate, five kinds of problem"
"$BUILD/bin/devon" --validate --map $here/five-problems/council.map --data $here/five-problems --as-of 2025-06-30 \
	>"$OUT/five-problems.out" 2>"$OUT/five-problems.err"
rc=$?
[ $rc -eq 1 ] || fail "--validate exit $rc, expected 1"
expect $here/five-problems.expected "$OUT/five-problems.out"
checks=$((checks + 1))
grep -q "F1-kid\|F2-mum\|1985" "$OUT/five-problems.out" && fail "--validate shows an id or a value from the data"

echo "== --validate, chains of ids that break"
"$BUILD/bin/devon" --validate --map $here/chain-not-found/council.map --data $here/chain-not-found --as-of 2025-06-30 \
	>"$OUT/chain-not-found.out" 2>"$OUT/chain-not-found.err"
rc=$?
[ $rc -eq 1 ] || fail "--validate of broken chains: exit $rc, expected 1"
expect $here/chain-not-found.expected "$OUT/chain-not-found.out"
checks=$((checks + 1))
grep -q "F1-kid\|F2-dad\|AS9\|RQ7" "$OUT/chain-not-found.out" && fail "--validate shows an id from the data"

echo "== mapping diagnostics"
for m in $here/diagnostics/*.map; do
	"$BUILD/bin/devon" --map "$m" --data $here/five-problems --as-of 2025-06-30 --parse-only >"$OUT/diag.out" \
		2>"$OUT/diag.err"
	rc=$?
	[ $rc -eq 2 ] || fail "$m: exit $rc, expected 2"
	expect "${m%.map}.expected" "$OUT/diag.err"
done

echo "mapping: $checks checks, $failures failed"
[ $failures -eq 0 ]
