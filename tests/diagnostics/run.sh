#!/bin/sh
# Golden diagnostic tests: for every X.ehp here, `ehpc --check X.ehp` must
# print exactly X.expected on stderr (caret lines included) and exit 1 when
# the expected text has an error, 0 when it has only warnings.
#
#   BUILD=build sh tests/diagnostics/run.sh          check
#   BUILD=build sh tests/diagnostics/run.sh --update rewrite the .expected files
#                                                    (read the diff before committing)
set -u
here=$(cd "$(dirname "$0")" && pwd)
. "$here/../lib.sh"
need_ehpc run.sh
update=no
[ "${1:-}" = "--update" ] && update=yes

failed=0 total=0
cd "$here" || exit 2
for plan in *.ehp; do
	name=${plan%.ehp}
	total=$((total + 1))
	"$ehpc" --check "$plan" >"$tmp/out" 2>"$tmp/err"
	rc=$?
	if [ $update = yes ]; then
		cp "$tmp/err" "$name.expected"
		continue
	fi
	if [ ! -f "$name.expected" ]; then
		echo "FAIL $name: no $name.expected"
		failed=$((failed + 1))
		continue
	fi
	if grep -q ': error: ' "$name.expected"; then want=1; else want=0; fi
	ok=yes
	if ! diff -u "$name.expected" "$tmp/err" >"$tmp/diff"; then
		echo "FAIL $name: diagnostics differ"
		cat "$tmp/diff"
		ok=no
	fi
	if [ $rc -ne $want ]; then
		echo "FAIL $name: exit code $rc, expected $want"
		ok=no
	fi
	if [ -s "$tmp/out" ]; then
		echo "FAIL $name: --check wrote to stdout"
		ok=no
	fi
	[ $ok = yes ] || failed=$((failed + 1))
done
[ $update = yes ] && { echo "updated $total expected files"; exit 0; }
echo "diagnostics: $((total - failed)) of $total passed"
# One missing quote in a real plan: one error (plans generated from plans/).
BUILD="$build" sh "$here/missing_quote.sh" || failed=$((failed + 1))
# The real plans: no warning; their wording differences explained by readings.
BUILD="$build" sh "$here/plans_clean.sh" || failed=$((failed + 1))
[ $failed -eq 0 ]
