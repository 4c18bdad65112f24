#!/bin/sh
# tests/fmt/run.sh - `ehpc fmt` (docs/ehpc.md):
#   1. golden layouts: tests/fmt/NAME.ehp formats to tests/fmt/NAME.expected
#      (UPDATE=1 rewrites the .expected files: review the diff);
#   2. idempotence: fmt(fmt(x)) = fmt(x) for every plan in plans/ and every
#      .ehp under tests/ that parses, and every .expected is its own layout;
#   3. same meaning: every such plan that compiles gives the same C before
#      and after formatting, but for plan line numbers, test columns and the
#      plan's SHA-256;
#   4. the command line: --check, in-place rewrite (mode kept, atomic, not
#      rewritten when already formatted), symbolic links, syntax errors,
#      standard input and output, usage errors.
set -u
BUILD=${BUILD:-build}
EHPC=$(cd "$(dirname "$BUILD/bin/ehpc")" && pwd)/ehpc
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
fails=0
fail() { echo "FAIL: $*" >&2; fails=$((fails + 1)); }

# ---------------------------------------------------------------- 1. goldens
for f in tests/fmt/*.ehp; do
	want=${f%.ehp}.expected
	if [ "${UPDATE:-}" = 1 ]; then
		"$EHPC" fmt -o "$want" "$f" || fail "$f: fmt failed"
		continue
	fi
	if ! "$EHPC" fmt -o - "$f" >"$tmp/got" 2>"$tmp/err"; then
		fail "$f: fmt failed: $(cat "$tmp/err")"
	elif ! diff -u "$want" "$tmp/got"; then
		fail "$f: layout differs from $want"
	fi
done

# ---------------------------------------------------------------- 2 and 3
# The generated C with what depends on layout alone taken out: the plan's
# line numbers (comments, runtime calls, tables), the columns of its tests
# and its SHA-256.
normalise() {
	sed -E -e 's/line [0-9]+/line N/g' \
	       -e 's/\(ev, [0-9]+([,)])/(ev, N\1/g' \
	       -e 's/\.line = [0-9]+/.line = N/' \
	       -e 's/\.column = [0-9]+/.column = N/' \
	       -e 's/, [0-9]+ },$/, N },/' \
	       -e 's/^(\t\.hash = )"[0-9a-f]*"/\1"H"/' "$1"
}

checked=0
for f in plans/*.ehp $(find tests -name '*.ehp' | sort) tests/fmt/*.expected; do
	name=$(basename "$f"); name=${name%.*}
	mkdir -p "$tmp/a" "$tmp/b"
	if ! "$EHPC" fmt -o "$tmp/b/$name.ehp" "$f" 2>/dev/null; then
		# Only plans with syntax errors may be refused.
		"$EHPC" --check "$f" >/dev/null 2>&1 && fail "$f: compiles but fmt refused it"
		continue
	fi
	"$EHPC" fmt -o "$tmp/twice.ehp" "$tmp/b/$name.ehp" 2>/dev/null || fail "$f: fmt refused its own output"
	cmp -s "$tmp/b/$name.ehp" "$tmp/twice.ehp" || { fail "$f: fmt is not idempotent"; diff -u "$tmp/b/$name.ehp" "$tmp/twice.ehp" | head -20; }
	case $f in *.expected) cmp -s "$f" "$tmp/b/$name.ehp" || fail "$f: not in its own layout" ;; esac
	"$EHPC" --check "$f" >/dev/null 2>&1 || continue
	cp "$f" "$tmp/a/$name.ehp"
	(cd "$tmp/a" && "$EHPC" -o "$name.c" "$name.ehp" 2>/dev/null) || { fail "$f: does not compile"; continue; }
	(cd "$tmp/b" && "$EHPC" -o "$name.c" "$name.ehp" 2>/dev/null) || { fail "$f: formatted, does not compile"; continue; }
	normalise "$tmp/a/$name.c" >"$tmp/a.c"
	normalise "$tmp/b/$name.c" >"$tmp/b.c"
	if ! cmp -s "$tmp/a.c" "$tmp/b.c"; then
		fail "$f: formatting changed the generated C"
		diff -u "$tmp/a.c" "$tmp/b.c" | head -20
	fi
	checked=$((checked + 1))
	rm -rf "$tmp/a" "$tmp/b"
done
[ "$checked" -ge 10 ] || fail "only $checked plans compared before and after formatting"

# ---------------------------------------------------------------- 4. command line
d=$tmp/cli
mkdir -p "$d"
cp tests/fmt/spacing.ehp "$d/plan.ehp"
chmod 640 "$d/plan.ehp"

"$EHPC" fmt --check "$d/plan.ehp" >"$tmp/out" 2>&1
[ $? -eq 1 ] || fail "--check on an unformatted plan: want exit 1"
grep -q "plan.ehp:1: " "$tmp/out" || fail "--check names the file and its first changed line: $(cat "$tmp/out")"
cmp -s tests/fmt/spacing.ehp "$d/plan.ehp" || fail "--check changed the file"
"$EHPC" fmt --check plans/*.ehp tests/fmt/*.expected >"$tmp/out" 2>&1 || fail "--check on formatted plans: $(cat "$tmp/out")"

"$EHPC" fmt "$d/plan.ehp" || fail "fmt in place failed"
cmp -s tests/fmt/spacing.expected "$d/plan.ehp" || fail "fmt in place: not the expected layout"
[ "$(stat -c %a "$d/plan.ehp")" = 640 ] || fail "fmt in place did not keep the mode 640"
[ "$(ls -A "$d")" = plan.ehp ] || fail "fmt left files behind: $(ls -A "$d")"
inode=$(stat -c %i "$d/plan.ehp")
"$EHPC" fmt "$d/plan.ehp" || fail "fmt of a formatted plan failed"
[ "$(stat -c %i "$d/plan.ehp")" = "$inode" ] || fail "a formatted plan was rewritten"

cp tests/fmt/spacing.ehp "$d/target.ehp"
ln -s target.ehp "$d/link.ehp"
"$EHPC" fmt "$d/link.ehp" 2>/dev/null
[ $? -eq 2 ] || fail "fmt through a symbolic link: want exit 2"
cmp -s tests/fmt/spacing.ehp "$d/target.ehp" || fail "fmt wrote through a symbolic link"
[ -L "$d/link.ehp" ] || fail "fmt replaced a symbolic link"

cp tests/diagnostics/stray_character.ehp "$d/bad.ehp"
"$EHPC" fmt "$d/bad.ehp" 2>"$tmp/err"
[ $? -eq 1 ] || fail "fmt of a plan with syntax errors: want exit 1"
grep -q "bad.ehp:5:44: error: unexpected character" "$tmp/err" || fail "no located diagnostic: $(cat "$tmp/err")"
cmp -s tests/diagnostics/stray_character.ehp "$d/bad.ehp" || fail "fmt wrote a plan with syntax errors"
"$EHPC" fmt -o "$d/bad-out.ehp" "$d/bad.ehp" 2>/dev/null
[ ! -e "$d/bad-out.ehp" ] || fail "fmt -o wrote the layout of a plan with syntax errors"

"$EHPC" fmt - <tests/fmt/strings.ehp >"$tmp/out" || fail "fmt - failed"
cmp -s tests/fmt/strings.expected "$tmp/out" || fail "fmt -: not the expected layout"
"$EHPC" fmt --check - <tests/fmt/strings.expected || fail "fmt --check -: a formatted plan"

# Windows line ends: layout, so they go; inside comments the CR goes too.
sed 's/$/\r/' tests/fmt/comments.ehp >"$d/crlf.ehp"
"$EHPC" fmt -o - "$d/crlf.ehp" >"$tmp/out" || fail "fmt of a CRLF plan failed"
cmp -s tests/fmt/comments.expected "$tmp/out" || fail "fmt of a CRLF plan: not the expected layout"

for args in "" "--bogus x.ehp" "-o" "-o a b c" "--check -o x a"; do
	# shellcheck disable=SC2086
	"$EHPC" fmt $args >/dev/null 2>&1
	[ $? -eq 2 ] || fail "ehpc fmt $args: want exit 2 (usage)"
done
"$EHPC" fmt "$d/missing.ehp" 2>/dev/null
[ $? -eq 2 ] || fail "fmt of a missing file: want exit 2"

if [ "$fails" -ne 0 ]; then
	echo "tests/fmt: $fails failure(s)" >&2
	exit 1
fi
echo "tests/fmt: goldens, idempotence, $checked plans the same C before and after, command line: ok"
