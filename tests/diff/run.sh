#!/bin/sh
# tests/diff/run.sh - `ehpc diff` (docs/ehpc.md, "What changed: ehpc diff").
#
# Goldens: each tests/diff/NAME.ehp is base.ehp with one kind of change (a
# threshold, a window, a row added, rows removed, a parameter, several
# more) or none (layout and comments, tests in other words);
# `ehpc diff base.ehp NAME.ehp` must print NAME.expected and exit 1, or 0
# when NAME.expected says there are no differences. Then errors (plans with
# errors, usage) and plan text that would drive a terminal. Then the
# impact: plans/devon.ehp against a copy with four rules changed, on
# examples/devon, checked against two separate evaluator runs
# (tests/diff/impact.awk), and the scratch folder gone afterwards, also
# after a failed run and when interrupted.
#
# After an intended change to the output: UPDATE=1 sh tests/diff/run.sh,
# and read the diff. Environment: BUILD, CC, SAN (as tests/compiler/run.sh).
here=$(cd "$(dirname "$0")" && pwd)
. "$here/../lib.sh"
need_ehpc tests/diff/run.sh
CC=${CC:-cc}
SAN=${SAN:-}
cd "$root" || exit 2
failures=0
fail() {
	echo "FAIL: $*"
	failures=$((failures + 1))
}

# expect STATUS WHAT COMMAND...: the command's exit status, output in $tmp/out and $tmp/err.
expect() {
	want=$1 what=$2
	shift 2
	"$@" >"$tmp/out" 2>"$tmp/err"
	got=$?
	[ "$got" -eq "$want" ] || { fail "$what: exit $got, expected $want"; sed 's/^/  | /' "$tmp/err"; }
}

# ---------------------------------------------------------------- goldens
for new in tests/diff/*.ehp; do
	name=$(basename "$new" .ehp)
	[ "$name" = base ] && continue
	expected=tests/diff/$name.expected
	if [ -n "${UPDATE:-}" ]; then
		"$ehpc" diff tests/diff/base.ehp "$new" >"$expected"
	fi
	want=1
	head -n 1 "$expected" | grep -q '^no differences' && want=0
	expect "$want" "$name" "$ehpc" diff tests/diff/base.ehp "$new"
	[ -s "$tmp/err" ] && fail "$name: wrote to stderr: $(head -n 1 "$tmp/err")"
	diff -u "$expected" "$tmp/out" || fail "$name: not the output of $expected"
done
expect 0 "a plan against itself" "$ehpc" diff plans/devon.ehp plans/devon.ehp
grep -q '^no differences from plans/devon.ehp to plans/devon.ehp' "$tmp/out" || fail "a plan against itself: $(cat "$tmp/out")"

# ---------------------------------------------------------------- errors
sed 's/any offence or out_of_court_disposal/any ofence or out_of_court_disposal/' tests/diff/base.ehp >"$tmp/broken.ehp"
expect 2 "a plan with an error" "$ehpc" diff tests/diff/base.ehp "$tmp/broken.ehp"
grep -q "^$tmp/broken.ehp:[0-9]*:[0-9]*: error: unknown record type \`ofence\`" "$tmp/err" || fail "the error is not located: $(cat "$tmp/err")"
[ -s "$tmp/out" ] && fail "a plan with an error: printed differences"
expect 2 "both plans with errors" "$ehpc" diff "$tmp/broken.ehp" "$tmp/broken.ehp"
[ "$(grep -c ': error: ' "$tmp/err")" -eq 2 ] || fail "both plans with errors: not two errors"
expect 2 "a missing plan" "$ehpc" diff tests/diff/base.ehp "$tmp/no-such.ehp"
expect 2 "one plan" "$ehpc" diff tests/diff/base.ehp
expect 2 "three plans" "$ehpc" diff tests/diff/base.ehp tests/diff/base.ehp tests/diff/base.ehp
expect 2 "an unknown option" "$ehpc" diff --fast tests/diff/base.ehp tests/diff/base.ehp
expect 2 "--data without --as-of" "$ehpc" diff --data examples/devon tests/diff/base.ehp tests/diff/base.ehp
expect 2 "--as-of not a date" "$ehpc" diff --data examples/devon --as-of 2025-02-30 tests/diff/base.ehp tests/diff/base.ehp
expect 2 "--data not a folder" "$ehpc" diff --data tests/diff/base.ehp --as-of 2025-06-30 tests/diff/base.ehp tests/diff/base.ehp
expect 0 "--help" "$ehpc" diff --help
grep -q '^usage: ehpc diff' "$tmp/out" || fail "--help: no usage"

# Plan text reaches the terminal escaped: an escape sequence in a wording.
esc=$(printf '\033')
sed "s/\"Education\"/\"Education${esc}[2J\"/" tests/diff/base.ehp >"$tmp/hostile.ehp"
expect 1 "a wording with an escape sequence" "$ehpc" diff tests/diff/base.ehp "$tmp/hostile.ehp"
grep -q "^  now: \"Education\\\\x1B\[2J\"\$" "$tmp/out" || fail "the escape is not shown as \\x1B: $(cat "$tmp/out")"
grep -q "$esc" "$tmp/out" && fail "an escape byte reached the terminal"

# ---------------------------------------------------------------- impact
# Four rules of Devon changed: 1.1's window, 2.2's threshold, a parameter
# and the eligibility rule. The copy keeps the name devon.
as_of=$(cat examples/devon/as-of)
mkdir -p "$tmp/new" "$tmp/scratch"
new_plan=$tmp/new/devon.ehp
sed -e '/^indicator 1.1 /,/^$/s/in 12 months before entry/in 1 month before entry/' \
    -e 's/police_callout_average = 4/police_callout_average = 0/' \
    -e 's/eligible when themes met >= 2/eligible when themes met >= 1/' \
    -e 's/count fixed_term_exclusion in 3 terms before entry >= 3/count fixed_term_exclusion in 3 terms before entry >= 1/' \
    plans/devon.ehp >"$new_plan"
expect 1 "impact" env TMPDIR="$tmp/scratch" CC="$CC $SAN" \
	"$ehpc" diff plans/devon.ehp "$new_plan" --data examples/devon --as-of "$as_of"
head -n 1 "$tmp/out" | grep -q '^4 differences from' || fail "impact: the copy of devon.ehp does not differ in its four rules: $(head -n 1 "$tmp/out")"
sed -n '/^impact on /,$p' "$tmp/out" >"$tmp/impact.got"
[ -z "$(ls -A "$tmp/scratch")" ] || fail "impact: left in its scratch folder: $(ls -A "$tmp/scratch")"

# The same, from two evaluators run one by one.
if env CC="$CC $SAN" "$ehpc" --build -o "$tmp/new/devon" "$new_plan" &&
	"$build/bin/devon" --data examples/devon --as-of "$as_of" --out "$tmp/run-old" --quiet 2>/dev/null &&
	"$tmp/new/devon" --data examples/devon --as-of "$as_of" --out "$tmp/run-new" --quiet 2>/dev/null; then
	awk '/^(indicator|outcome) / { print $1, $2 }' "$new_plan" >"$tmp/rows"
	awk -v heading="impact on examples/devon, claim date $as_of" -f tests/diff/impact.awk \
		"$tmp/rows" "$tmp/run-old/results.csv" "$tmp/run-new/results.csv" >"$tmp/impact.want"
	diff -u "$tmp/impact.want" "$tmp/impact.got" || fail "impact: not what the two runs give"
	grep -q '^  indicator .* newly met' "$tmp/impact.want" && grep -q '^  outcome .* no longer achieved' "$tmp/impact.want" ||
		fail "impact: the change moves no indicator or outcome; change the rules it changes"
else
	fail "impact: the two evaluators could not be built and run"
fi

# An evaluator that fails (no extract in the folder): exit 2, nothing left.
mkdir -p "$tmp/empty"
expect 2 "impact on a folder with no extract" env TMPDIR="$tmp/scratch" CC="$CC $SAN" \
	"$ehpc" diff plans/devon.ehp "$new_plan" --data "$tmp/empty" --as-of "$as_of"
grep -q 'families.csv' "$tmp/err" || fail "impact on a folder with no extract: the evaluator's message is not shown"
[ -z "$(ls -A "$tmp/scratch")" ] || fail "impact after a failure: left in its scratch folder: $(ls -A "$tmp/scratch")"

# Interrupted while it compiles (a compiler that waits): the compiler
# stopped, the scratch folder removed.
printf '#!/bin/sh\necho $$ >"%s"\nexec sleep 60\n' "$tmp/cc.pid" >"$tmp/slow-cc"
chmod +x "$tmp/slow-cc"
TMPDIR="$tmp/scratch" CC="$tmp/slow-cc" "$ehpc" diff plans/devon.ehp "$new_plan" \
	--data examples/devon --as-of "$as_of" >/dev/null 2>&1 &
pid=$!
tries=0
while [ ! -s "$tmp/cc.pid" ] && [ "$tries" -lt 100 ]; do
	sleep 0.1
	tries=$((tries + 1))
done
kill -TERM "$pid"
wait "$pid" 2>/dev/null
status=$?
[ "$status" -eq 143 ] || fail "impact interrupted: exit $status, expected 143 (SIGTERM)"
[ -z "$(ls -A "$tmp/scratch")" ] || fail "impact interrupted: left in its scratch folder: $(ls -A "$tmp/scratch")"
[ -s "$tmp/cc.pid" ] || fail "impact interrupted: the compiler never ran"
kill -0 "$(cat "$tmp/cc.pid")" 2>/dev/null && fail "impact interrupted: the compiler still runs"

if [ "$failures" -ne 0 ]; then
	echo "tests/diff/run.sh: $failures failure(s)"
	exit 1
fi
echo "tests/diff/run.sh: all passed"
