#!/bin/sh
# The plans in plans/ compile with no warning: every figure their rows'
# wording writes (90%, 12 months, 3 terms) is one their rules use, or a
# reading of the row explains the difference (compiler/wording.c).
#
# And the readings are what explains them: with every `reading` clause
# taken out (a copy made here with awk), the plans still compile, with only
# wording warnings, one for each difference a reading explained.
#
#   BUILD=build sh tests/diagnostics/plans_clean.sh
set -u
here=$(cd "$(dirname "$0")" && pwd)
. "$here/../lib.sh"
need_ehpc plans_clean.sh
failed=0 explained=0

for plan in "$root"/plans/*.ehp; do
	name=$(basename "$plan")
	(cd "$root" && "$ehpc" --check "plans/$name") >/dev/null 2>"$tmp/err"
	if [ -s "$tmp/err" ]; then
		echo "FAIL plans_clean: plans/$name has diagnostics:"
		sed 's/^/  /' "$tmp/err" | head -n 20
		failed=$((failed + 1))
	fi
	# Without its readings: a reading is `reading "` to the line that ends
	# its string (no reading of these plans ends a line inside with `"`).
	awk '/^[ \t]*reading "/ { skip = 1 } skip { if ($0 ~ /"[ \t]*$/) skip = 0; next } { print }' "$plan" >"$tmp/$name"
	(cd "$tmp" && "$ehpc" --check "$name") >/dev/null 2>"$tmp/err"
	rc=$?
	other=$(grep ': \(error\|warning\): ' "$tmp/err" | grep -vc ': warning: .* says `.*` in its \(wording\|period\), but its rule uses ')
	if [ $rc -ne 0 ] || [ "$other" -ne 0 ]; then
		echo "FAIL plans_clean: plans/$name without its readings: exit $rc, $other diagnostics that are not wording warnings:"
		sed 's/^/  /' "$tmp/err" | head -n 20
		failed=$((failed + 1))
	fi
	n=$(grep -c ': warning: ' "$tmp/err")
	explained=$((explained + n))
done
# Devon, Medway and Wiltshire each explain differences; were none found,
# the check would be testing nothing.
if [ "$explained" -eq 0 ]; then
	echo "FAIL plans_clean: without their readings the plans give no wording warning: the check found nothing"
	failed=$((failed + 1))
fi
echo "plans clean: no warnings; $explained wording differences, each explained by a reading; $failed failed"
[ $failed -eq 0 ]
