#!/bin/sh
# tests/docs/commands.sh - every shell command README.md and docs/*.md show
# (the lines of their ```sh blocks, tests/docs/sh-blocks.awk) is run, in
# order, and must exit 0: documentation that does not run is a bug.
#
# A command that must not run here carries, in its comment, the visible mark
# `[not run by the docs test: WHY]`, and is listed as skipped with its
# reason (`make check` itself, `make bench`, ...). A mark without a reason
# fails.
#
# The commands run in a scratch copy of the tree with its built files
# ($BUILD, timestamps kept), so they cannot change the tree and `make` in
# them has little to do. Run from the top of the tree after `make`.
# Environment: BUILD (default build).
set -u
BUILD=${BUILD:-build}
# Whatever make this runs under, the commands run as a reader types them.
unset MAKEFLAGS MFLAGS MAKELEVEL
failures=0
fail() {
	echo "FAIL: $*"
	failures=$((failures + 1))
}
[ -x "$BUILD/bin/ehpc" ] || { echo "commands.sh: $BUILD/bin/ehpc not built"; exit 2; }

top=$PWD
tmp=$(mktemp -d "${TMPDIR:-/tmp}/ehp-docs.XXXXXX") || exit 2
trap 'rm -rf "$tmp"' EXIT INT TERM
list=$tmp/commands.tsv
awk -f tests/docs/sh-blocks.awk README.md docs/*.md >"$list"
[ -s "$list" ] || { echo "commands.sh: no \`\`\`sh blocks found"; exit 2; }

scratch=$tmp/tree
mkdir -p "$scratch/build"
cp -pR Makefile README.md compiler docs examples grammar plans runtime tests tools "$scratch"/
for d in bin gen compiler grammar runtime libehp.a; do
	cp -pR "$BUILD/$d" "$scratch/build/"
done

ran=0 skipped=0
tab=$(printf '\t')
while IFS="$tab" read -r file line cmd; do
	case "$cmd" in
	*"[not run by the docs test:"*)
		why=${cmd#*\[not run by the docs test:}
		why=${why%%\]*}
		case "$why" in
		*[a-z]*) echo "skip $file:$line: ${cmd%%#*}($why )"; skipped=$((skipped + 1)) ;;
		*) fail "$file:$line: marked not to run but gives no reason" ;;
		esac
		continue ;;
	esac
	echo "run  $file:$line: $cmd"
	if ! (cd "$scratch" && sh -c "$cmd") >"$tmp/out" 2>&1 </dev/null; then
		sed 's/^/     | /' "$tmp/out" | tail -n 20
		fail "$file:$line: \`$cmd\` failed"
	fi
	ran=$((ran + 1))
done <"$list"
cd "$top" || exit 2

if [ "$failures" -ne 0 ]; then
	echo "tests/docs/commands.sh: $failures failure(s)"
	exit 1
fi
echo "tests/docs/commands.sh: $ran commands from README.md and docs/ ran and exited 0 ($skipped marked not to run)"
