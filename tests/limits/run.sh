#!/bin/sh
# The limits on a plan's shape (docs/language.md, "Limits"), and the
# compiler's output file. Plans are generated here (the largest is 4 MB),
# not kept in the tree. Each over-limit plan must give exactly one located
# error (file:line:col and the message) from `ehpc --check` and from the C
# back end alike, exit 1 and leave no file behind; the plans at the limits
# must compile, and their C must compile.
#
#   BUILD=build sh tests/limits/run.sh
set -u
here=$(cd "$(dirname "$0")" && pwd)
. "$here/../lib.sh"
need_ehpc limits
CC=${CC:-cc}
cd "$tmp" || exit 2
failed=0 total=0

fail() { echo "FAIL limits: $*"; failed=$((failed + 1)); }

head_='plan "Limits"
theme crime "Crime"'
tail_='outcome 1a "No offending" for indicator 1.1 when no offence in 6 months after closure'

# $1 name, $2 "line:col: error: message" expected as the one error.
over() {
	total=$((total + 1))
	for mode in --check c; do
		rm -rf out; mkdir out
		if [ $mode = --check ]; then
			"$ehpc" --check "$1.ehp" >/dev/null 2>err; rc=$?
		else
			"$ehpc" -o out/plan.c "$1.ehp" >/dev/null 2>err; rc=$?
		fi
		[ $rc -eq 1 ] || fail "$1 ($mode): exit $rc, expected 1"
		[ "$(grep -c ': error: ' err)" -eq 1 ] || fail "$1 ($mode): $(grep -c ': error: ' err) errors, expected 1"
		grep -q "^$1.ehp:$2" err || { fail "$1 ($mode): expected $1.ehp:$2"; head -n 3 err | cut -c1-200; }
		[ -z "$(ls out)" ] || fail "$1 ($mode): left $(ls out) behind"
	done
}

# $1 name: compiles, and its C compiles.
at_limit() {
	total=$((total + 1))
	if ! "$ehpc" -o "$1.c" "$1.ehp" 2>err; then
		fail "$1: does not compile"; head -n 5 err
	elif ! $CC -std=c11 -Wall -Wextra -Werror -Wpedantic -fsyntax-only -I"$root/runtime" "$1.c" 2>err; then
		fail "$1: its C does not compile"; head -n 5 err
	fi
}

# A 100,000-term `or` chain, 4 MB (stack overflow before the limit).
{ echo "$head_"; printf 'indicator 1.1 "Many" when any offence in 12 months before entry'
  awk 'BEGIN { for (i = 1; i < 100000; i++) printf "\n  or any offence in 12 months before entry" }'
  printf '\n%s\n' "$tail_"; } >or_chain.ehp
over or_chain '503:6: error: a condition may join at most 500 tests with `and` and `or`'

# 500 tests: the most a condition may join.
{ echo "$head_"; printf 'indicator 1.1 "Many" when any offence in 12 months before entry'
  awk 'BEGIN { for (i = 1; i < 250; i++) printf "\n  and any offence in 12 months before entry or any arrest in 3 months before entry" }'
  printf '\n%s\n' "$tail_"; } >and_or_chain.ehp
at_limit and_or_chain

# Brackets nested on the right, 100 deep; then 48, the most.
nest() {
	echo "$head_"; printf 'indicator 1.1 "Nested" when any arrest in 1 months before entry'
	awk -v n="$1" 'BEGIN { for (i = 0; i < n; i++) printf " or (any offence in %d months before entry", i + 1
	                       for (i = 0; i < n; i++) printf ")" }'
	printf '\n%s\n' "$tail_"
}
nest 100 >nested.ehp
over nested '3:2202: error: brackets after `or` are nested more than 48 deep here'
nest 48 >nested_48.ehp
at_limit nested_48

# 100,000 brackets, and 100,000 `not`s: past the parser's stack.
{ echo "$head_"; printf 'indicator 1.1 "Deep" when '
  awk 'BEGIN { for (i = 0; i < 100000; i++) printf "("; printf "any offence in 12 months before entry"
               for (i = 0; i < 100000; i++) printf ")" }'
  printf '\n%s\n' "$tail_"; } >brackets.ehp
over brackets '3:[0-9]*: error: the plan is nested too deeply here to be read'
{ echo "$head_"; printf 'indicator 1.1 "Deep" when '
  awk 'BEGIN { for (i = 0; i < 100000; i++) printf "not "; printf "any offence in 12 months before entry" }'
  printf '\n%s\n' "$tail_"; } >nots.ehp
over nots '3:[0-9]*: error: the plan is nested too deeply here to be read'

# Member quantifiers 20 deep (a 1 KB plan; evaluation would be exponential),
# then 2, the most.
quant() {
	echo "$head_"; printf 'indicator 1.1 "Quantified" who family when '
	awk -v n="$1" 'BEGIN { for (i = 0; i < n; i++) printf "%s member has (", i % 2 ? "every" : "some"
	                       printf "any offence in 12 months before entry"; for (i = 0; i < n; i++) printf ")" }'
	printf '\n%s\n' "$tail_"
}
quant 20 >quantifiers.ehp
over quantifiers '3:[0-9]*: error: `some ... has` and `every ... has` may be nested at most 2 deep; this is 3 deep'
quant 2 >quantifiers_2.ehp
at_limit quantifiers_2

# A point counted from a point, 20 times; then 8, the most.
shifts() {
	echo "$head_"; printf 'indicator 1.1 "Shifted" when any offence in 1 months before '
	awk -v n="$1" 'BEGIN { for (i = 1; i < n; i++) printf "1 months before "; printf "entry" }'
	printf '\n%s\n' "$tail_"
}
shifts 21 >shifts.ehp
over shifts '3:237: error: a point may be counted from another at most 8 times'
shifts 8 >shifts_8.ehp
at_limit shifts_8

# A group of people joined 100,000 times.
{ echo "$head_"; printf 'indicator 1.1 "Many people" who adult'
  awk 'BEGIN { for (i = 0; i < 100000; i++) printf " or child" }'
  printf ' when any offence in 12 months before entry\n%s\n' "$tail_"; } >cohort.ehp
over cohort '3:4542: error: a group of people may join at most 500 parts'

# The output file: made afresh beside its name, never through a symlink
# planted where the temporary file goes, and removed when writing fails.
total=$((total + 1))
echo "$head_
indicator 1.1 \"Convicted\" when any offence in 12 months before entry
$tail_" >ok.ehp
echo precious >precious
sh -c 'for i in 0 1 2; do ln -s precious out.c.tmp.$$.$i; ln -s precious out.c.tmp.$$; done; exec "$0" -o out.c ok.ehp' "$ehpc" 2>err ||
	fail "output: ehpc failed with symlinks planted at its temporary names: $(cat err)"
[ "$(cat precious)" = precious ] || fail "output: wrote through a planted symlink"
grep -q 'ind_1_1' out.c 2>/dev/null || fail "output: out.c not written"
[ -z "$(ls -a | grep '^out\.c\.tmp' | while read -r f; do [ -L "$f" ] || echo "$f"; done)" ] ||
	fail "output: a temporary file was left behind"
mkdir dir.c
"$ehpc" -o dir.c ok.ehp 2>err && fail "output: wrote over a directory"
[ -z "$(ls | grep '^dir\.c\.tmp')" ] || fail "output: the temporary file of a failed write was left behind"

echo "limits: $((total - failed)) of $total passed"
[ $failed -eq 0 ]
