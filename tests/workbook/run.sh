#!/bin/sh
# tests/workbook/run.sh - results.xlsx read back (make check-workbook).
#
# The Devon example is judged and its results.xlsx unzipped (unzip -p):
#   - it holds the Summary, Results, Indicators and Outcomes sheets;
#   - the indicator id 3.10 (a family of the example meets it) is a text
#     cell holding `3.10`, not the number 3.1;
#   - entry_date on the Indicators sheet is a number (an Excel day) in a
#     style whose number format is a date (yyyy-mm-dd), and it is the day
#     indicators.csv gives;
#   - themes_met on the Results sheet is a number;
#   - the sheets have as many rows as the CSV files;
#   - --verify accepts the folder (the workbook is listed in the receipt).
# An evaluator built without libxlsxwriter (make XLSX=no) must instead
# write no results.xlsx and say so in its summary.
# Run from the top of the tree after `make`. Environment: BUILD (default build).
set -u
BUILD=${BUILD:-build}
OUT=$BUILD/tests/workbook
EVAL=$BUILD/bin/devon
rm -rf "$OUT"
mkdir -p "$OUT"
. tests/failures.sh

"$EVAL" --data examples/devon --as-of "$(cat examples/devon/as-of)" --out "$OUT/run" >"$OUT/summary.txt" 2>/dev/null ||
	{ echo "FAIL: the Devon evaluator failed"; exit 1; }
if [ ! -f "$OUT/run/results.xlsx" ]; then
	grep -q 'results.xlsx not written: this evaluator was built without libxlsxwriter' "$OUT/summary.txt" ||
		fail "no results.xlsx, and the summary does not say why"
	grep -q 'results.xlsx' "$OUT/run/receipt.txt" && fail "the receipt lists a results.xlsx that was not written"
	[ "$failures" -eq 0 ] || exit 1
	echo "tests/workbook/run.sh: built without libxlsxwriter: no results.xlsx, and the summary says so"
	exit 0
fi
command -v unzip >/dev/null 2>&1 || { echo "FAIL: unzip is not installed (tools/deps.sh installs it)"; exit 1; }
book=$OUT/run/results.xlsx
unzip -p "$book" xl/workbook.xml >"$OUT/workbook.xml" || fail "results.xlsx is not a zip with xl/workbook.xml"
for sheet in Summary Results Indicators Outcomes; do
	grep -q "<sheet name=\"$sheet\"" "$OUT/workbook.xml" || fail "no sheet $sheet"
done
for k in 1 2 3 4 5; do
	unzip -p "$book" "xl/worksheets/sheet$k.xml" >"$OUT/sheet$k.xml" || fail "no xl/worksheets/sheet$k.xml"
done
unzip -p "$book" xl/styles.xml >"$OUT/styles.xml" || fail "no xl/styles.xml"

# 3.10 as text: an inline string cell of the indicator column (E).
grep -q '<c r="E[0-9]*" t="inlineStr"><is><t>3.10</t></is></c>' "$OUT/sheet3.xml" ||
	fail "indicator 3.10 is not the text cell 3.10 on the Indicators sheet"
if grep -q '<v>3.1</v>' "$OUT/sheet3.xml"; then fail "an indicator id became the number 3.1"; fi

# entry_date (column G) of the first indicator row: a number in a date style.
cell=$(grep -o '<c r="G2"[^>]*><v>[0-9.]*</v></c>' "$OUT/sheet3.xml")
style=$(echo "$cell" | sed -n 's/.* s="\([0-9]*\)".*/\1/p')
day=$(echo "$cell" | sed -n 's/.*<v>\([0-9]*\)<\/v>.*/\1/p')
[ -n "$style" ] && [ -n "$day" ] || fail "entry_date (G2) is not a number with a style: '$cell'"
# The style's number format: cellXfs' entry number $style, and its numFmt.
fmt=$(tr -d '\n' <"$OUT/styles.xml" | sed 's/.*<cellXfs[^>]*>//; s/<\/cellXfs>.*//; s/<xf /\n<xf /g' |
	grep '^<xf ' | sed -n "$((style + 1))p" | sed -n 's/.*numFmtId="\([0-9]*\)".*/\1/p')
grep -q "<numFmt numFmtId=\"$fmt\" formatCode=\"yyyy-mm-dd\"/>" "$OUT/styles.xml" ||
	fail "entry_date's style $style has number format '$fmt', not a date"
want=$(sed -n '2p' "$OUT/run/indicators.csv" | awk -F, '{ print $(NF - 1) }')
got=$(date -u -d "1899-12-30 + $day days" +%Y-%m-%d 2>/dev/null)
[ "$got" = "$want" ] || fail "entry_date G2 is day $day ($got), indicators.csv says $want"

# themes_met (column C) on the Results sheet: a number.
grep -q '<c r="C2"><v>[0-9]*</v></c>' "$OUT/sheet2.xml" || fail "themes_met (C2) is not a number"

# As many rows as the CSV files (header included).
for pair in "2 results.csv" "3 indicators.csv" "4 outcomes.csv" "5 plan_rows.csv"; do
	set -- $pair
	rows=$(grep -o '<row ' "$OUT/sheet$1.xml" | wc -l)
	lines=$(wc -l <"$OUT/run/$2")
	[ "$rows" -eq "$lines" ] || fail "sheet $1 has $rows rows, $2 $lines lines"
done
grep -q 'Claimable' "$OUT/sheet1.xml" || fail "the Summary sheet has no Claimable line"
"$EVAL" --verify "$OUT/run" >/dev/null || fail "--verify does not accept the folder"
grep -q '^  results.xlsx' "$OUT/run/receipt.txt" || fail "the receipt does not list results.xlsx"

# --no-workbook over the same folder: the earlier workbook goes, the run
# says why, and the folder is one run's outputs.
"$EVAL" --data examples/devon --as-of "$(cat examples/devon/as-of)" --out "$OUT/run" --no-workbook \
	>"$OUT/summary2.txt" 2>/dev/null || fail "the run with --no-workbook failed"
[ ! -e "$OUT/run/results.xlsx" ] || fail "--no-workbook left the earlier results.xlsx"
grep -q 'results.xlsx not written: --no-workbook' "$OUT/summary2.txt" || fail "the summary does not say --no-workbook"
grep -q 'asked not to (--no-workbook)' "$OUT/run/report.html" || fail "report.html does not say --no-workbook"
"$EVAL" --verify "$OUT/run" >/dev/null || fail "--verify does not accept the folder without a workbook"

finish tests/workbook/run.sh "results.xlsx read back: 3.10 a text cell, dates as dates, every row"
