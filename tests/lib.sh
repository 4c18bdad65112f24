# tests/lib.sh - the start the golden test scripts share. Source it after
# setting `here` to the script's folder:
#
#   here=$(cd "$(dirname "$0")" && pwd)
#   . "$here/../lib.sh"
#
# It sets root (the top of the tree), build ($BUILD, default build, made
# absolute), ehpc ($build/bin/ehpc) and tmp (a fresh folder, removed when
# the script ends); `need_ehpc NAME` stops the script when ehpc is not built.
root=$(cd "$here/../.." && pwd)
build=${BUILD:-build}
case $build in /*) ;; *) build="$root/$build" ;; esac
ehpc="$build/bin/ehpc"
tmp=$(mktemp -d) || exit 2
trap 'rm -rf "$tmp"' EXIT INT TERM
need_ehpc() {
	[ -x "$ehpc" ] || { echo "$1: $ehpc not found; run make first" >&2; exit 2; }
}
