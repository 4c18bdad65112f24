#!/bin/sh
# tests/docs/chromium.sh - every plan's HTML page (`ehpc --doc -o PLAN.html`)
# as a browser shows it: headless Chromium dumps the DOM it built, takes a
# screenshot of the first screen and prints the page to PDF (A4).
#
# Checks: the DOM has every indicator and outcome id of the plan, the plan's
# SHA-256, every reading (beside what it reads and in the list to agree)
# and the sign-off block, and no script; the screenshot is a PNG of
# some size; the PDF has at least a page per theme (each starts a page) and
# more. The files are kept in $BUILD/tests/docs/ to look at.
#
# Installs Chromium if it is missing (tools/deps.sh chromium); where it
# cannot be installed the check is skipped with a message saying so.
# Run from the top of the tree. Environment: BUILD (default build).
set -u
BUILD=${BUILD:-build}
EHPC=$BUILD/bin/ehpc
OUT=$BUILD/tests/docs
[ -x "$EHPC" ] || { echo "chromium.sh: $EHPC not built"; exit 2; }

rm -rf "$OUT"
mkdir -p "$OUT"
SCRIPT=tests/docs/chromium.sh
. tests/failures.sh
. tests/docs/browser.sh

for plan in plans/*.ehp; do
	name=$(basename "$plan" .ehp)
	html=$OUT/$name.html
	echo "== $name: $html in Chromium"
	if ! "$EHPC" --doc -o "$html" "$plan"; then
		fail "$name: ehpc --doc -o $html failed"
		continue
	fi
	browse "$html" --dump-dom >"$OUT/$name.dom" || fail "$name: chromium --dump-dom failed (see $OUT/chromium.log)"
	dom=$OUT/$name.dom
	# Every row of the plan is on the page, in its own table cell (a row starts
	# at the margin: ehpc fmt).
	for id in $(awk '/^(indicator|outcome) / { print $2 }' "$plan"); do
		grep -qF "<td class=\"id\">$id</td>" "$dom" || fail "$name: row $id is not on the page"
	done
	rows=$(grep -c '<td class="id">' "$dom")
	want=$(awk '/^(indicator|outcome) /' "$plan" | wc -l)
	[ "$rows" -eq "$want" ] || fail "$name: the page has $rows rows, the plan $want"
	hash=$(sha256sum "$plan" | cut -c1-64)
	grep -qF "$hash" "$dom" || fail "$name: the plan's SHA-256 $hash is not on the page"
	grep -q 'id="sign-off"' "$dom" && grep -q '<th[^>]*>Signature</th>' "$dom" ||
		fail "$name: no sign-off block"
	grep -q 'id="contents"' "$dom" || fail "$name: no contents list"
	# Every reading of the plan is on the page beside what it reads, and once
	# more in the list to agree before the sign-off.
	readings=$(grep -c '^[[:space:]]*reading "' "$plan")
	beside=$(grep -c '<li value="[0-9]*" id="reading-[0-9]*">' "$dom")
	listed=$(grep -c '<tr><td class="no">[0-9]*</td>' "$dom")
	[ "$beside" -eq "$readings" ] && [ "$listed" -eq "$readings" ] ||
		fail "$name: the plan has $readings readings, the page $beside beside their rows and $listed in the list to agree"
	if grep -qi '<script' "$dom"; then fail "$name: the page has a script"; fi

	browse "$html" --screenshot="$OUT/$name.png" --window-size=1240,1754 >/dev/null ||
		fail "$name: chromium --screenshot failed"
	screenshot_ok "$OUT/$name.png" "$name"

	browse "$html" --no-pdf-header-footer --print-to-pdf="$OUT/$name.pdf" >/dev/null ||
		fail "$name: chromium --print-to-pdf failed"
	pages=$(grep -a -c '/Type /Page\b' "$OUT/$name.pdf" 2>/dev/null || echo 0)
	themes=$(grep -c '^theme ' "$plan")
	[ "$(head -c 4 "$OUT/$name.pdf")" = "%PDF" ] && [ "$pages" -gt $((themes + 2)) ] ||
		fail "$name: the PDF has $pages pages for $themes themes (each theme starts a page)"
	echo "   $rows rows, $readings readings, $pages A4 pages; $OUT/$name.png, $OUT/$name.pdf"
done

finish tests/docs/chromium.sh "all passed"
