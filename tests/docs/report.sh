#!/bin/sh
# tests/docs/report.sh - every example's report.html as a browser shows it:
# each plan's evaluator judges its example (examples/PLAN, claim date in
# examples/PLAN/as-of), headless Chromium dumps the DOM it built and takes
# a screenshot.
#
# Checks, against the run's own summary, receipt.txt and CSV files: the
# funnel's figures (families, identified, eligible, outcomes achieved,
# claimable), each theme's families, rows rejected and families judged on
# incomplete data, the plan's SHA-256 and the run id; every indicator and
# outcome of the plan on the page; no script, and nothing fetched from
# elsewhere (no src or href to another site, no @import or url()). The
# files are kept in $BUILD/tests/report/ to look at.
#
# Installs Chromium if it is missing (tools/deps.sh chromium); where it
# cannot be installed the check is skipped with a message saying so.
# Run from the top of the tree. Environment: BUILD (default build).
set -u
BUILD=${BUILD:-build}
OUT=$BUILD/tests/report

rm -rf "$OUT"
mkdir -p "$OUT"
SCRIPT=tests/docs/report.sh
. tests/failures.sh
. tests/docs/browser.sh

# The figure in element id="ID" of the DOM.
shown() { # DOM ID
	sed -n "s/.*id=\"$2\">\([0-9]*\)<.*/\1/p" "$1" | head -n 1
}

# The number on the summary's line starting with LABEL.
said() { # SUMMARY LABEL
	sed -n "s/^  $2  *\([0-9][0-9]*\).*/\1/p" "$1" | head -n 1
}

for plan in plans/*.ehp; do
	name=$(basename "$plan" .ehp)
	data=examples/$name
	[ -d "$data/expected" ] || continue
	run=$OUT/$name
	mkdir -p "$run"
	echo "== $name: $run/report.html in Chromium"
	if ! "$BUILD/bin/$name" --data "$data" --as-of "$(cat "$data/as-of")" --out "$run" >"$OUT/$name.summary" \
		2>"$OUT/$name.stderr"; then
		fail "$name: the evaluator failed (see $OUT/$name.stderr)"
		continue
	fi
	dom=$OUT/$name.dom
	browse "$run/report.html" --dump-dom >"$dom" || fail "$name: chromium --dump-dom failed (see $OUT/chromium.log)"
	sum=$OUT/$name.summary
	# The funnel: the summary's figures, and the CSVs' for the steps it does not print.
	identified=$(tail -n +2 "$run/indicators.csv" | cut -d, -f1 | sort -u | wc -l)
	achieved=$(tail -n +2 "$run/outcomes.csv" | grep ',achieved,' | cut -d, -f1 | sort -u | wc -l)
	for pair in "funnel-families $(said "$sum" families)" "funnel-eligible $(said "$sum" eligible)" \
		"funnel-claimable $(said "$sum" claimable)" "funnel-identified $identified" \
		"funnel-achieved $achieved" "rows-rejected $(said "$sum" 'rows rejected')" \
		"incomplete $(said "$sum" 'judged on incomplete data')"; do
		set -- $pair
		got=$(shown "$dom" "$1")
		[ -n "${2:-}" ] && [ "$got" = "$2" ] || fail "$name: the page shows $1 = '$got', the run says '${2:-}'"
	done
	# Each theme's families, in plan order, as the summary lists them.
	t=0
	for n in $(sed -n '/families meeting each theme:/,/results in/p' "$sum" | awk 'NF >= 2 && $2 ~ /^[0-9]+$/ { print $2 }'); do
		got=$(shown "$dom" "theme-$t")
		[ "$got" = "$n" ] || fail "$name: theme $t shows $got families, the summary $n"
		t=$((t + 1))
	done
	[ "$t" -eq "$(grep -c '^theme ' "$plan")" ] || fail "$name: $t themes compared, the plan has $(grep -c '^theme ' "$plan")"
	hash=$(sha256sum "$plan" | cut -c1-64)
	grep -qF "$hash" "$dom" || fail "$name: the plan's SHA-256 $hash is not on the page"
	id=$(sed -n 's/^run  *\([0-9a-f]\{64\}\)$/\1/p' "$run/receipt.txt")
	[ -n "$id" ] && grep -qF "id=\"run-id\">$id<" "$dom" || fail "$name: the receipt's run id '$id' is not on the page"
	for row in $(awk '/^(indicator|outcome) / { print $2 }' "$plan"); do
		grep -qF "<td class=\"id\">$row</td>" "$dom" || fail "$name: row $row is not on the page"
	done
	if grep -qi '<script' "$dom"; then fail "$name: the page has a script"; fi
	if grep -qiE '(src|href)="[a-z]*:?//|@import|url\(' "$dom"; then
		fail "$name: the page fetches something from elsewhere"
	fi
	browse "$run/report.html" --screenshot="$OUT/$name.png" --window-size=1240,1754 >/dev/null ||
		fail "$name: chromium --screenshot failed"
	screenshot_ok "$OUT/$name.png" "$name"
	echo "   funnel $(shown "$dom" funnel-families) > $identified > $(shown "$dom" funnel-eligible) > $achieved > $(shown "$dom" funnel-claimable); $OUT/$name.png"
done

finish tests/docs/report.sh "all passed"
