#!/bin/sh
# One missing quote in a real plan is one error, not a cascade. The plans
# are generated here from plans/*.ehp with sed, so the test follows every
# edit of the plans:
#
#   1. plans/devon.ehp with the closing quote of indicator 1.1's wording
#      removed: exactly one error, "this string is not closed", at the line
#      and column where the string starts;
#   2. every plan with the first quote of each line that is not a comment
#      removed, one line at a time (an opening or a closing quote): at most
#      one error each.
#
#   BUILD=build sh tests/diagnostics/missing_quote.sh
set -u
here=$(cd "$(dirname "$0")" && pwd)
. "$here/../lib.sh"
need_ehpc missing_quote.sh
failed=0

# 1. Devon, indicator 1.1.
plan="$root/plans/devon.ehp"
line=$(grep -n '^indicator 1\.1 "' "$plan" | cut -d: -f1)
if [ -z "$line" ]; then
	echo "FAIL missing_quote: no \`indicator 1.1 \"\` line in plans/devon.ehp"
	exit 1
fi
col=$(sed -n "${line}p" "$plan" | awk '{ print index($0, "\"") }')
sed "${line}s/\"\$//" "$plan" >"$tmp/devon.ehp"
(cd "$tmp" && "$ehpc" --check devon.ehp) >/dev/null 2>"$tmp/err"
want="devon.ehp:$line:$col: error: this string is not closed: add a \`\"\` at its end"
if [ "$(grep -c ': error: ' "$tmp/err")" -ne 1 ] || [ "$(head -n 1 "$tmp/err")" != "$want" ]; then
	echo "FAIL missing_quote: devon.ehp without the closing quote of indicator 1.1 (line $line):"
	echo "  expected the one error: $want"
	sed 's/^/  got: /' "$tmp/err" | head -n 20
	failed=$((failed + 1))
fi

# 2. Every plan, every line's first quote.
cases=0
for plan in "$root"/plans/*.ehp; do
	name=$(basename "$plan")
	for line in $(grep -n '"' "$plan" | grep -v '^[0-9]*:[[:space:]]*#' | cut -d: -f1); do
		sed "${line}s/\"//" "$plan" >"$tmp/$name"
		(cd "$tmp" && "$ehpc" --check "$name") >/dev/null 2>"$tmp/err"
		cases=$((cases + 1))
		n=$(grep -c ': error: ' "$tmp/err")
		if [ "$n" -gt 1 ]; then
			echo "FAIL missing_quote: $name without the first quote of line $line: $n errors"
			grep ': error: ' "$tmp/err" | head -n 5 | sed 's/^/  /'
			failed=$((failed + 1))
		elif [ "$n" -eq 0 ]; then
			echo "FAIL missing_quote: $name without the first quote of line $line: no error"
			failed=$((failed + 1))
		fi
	done
done
echo "missing quotes: $cases plans with one quote removed, one error each; $failed failed"
[ $failed -eq 0 ]
