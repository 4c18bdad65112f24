#!/bin/sh
# Installs the dependencies that are missing (Debian/Ubuntu), with apt-get:
# as root directly, otherwise through sudo. Plain sh, no make: on a bare
# machine this is what installs make itself.
#
#   deps.sh            make, a C compiler, flex, bison, cmocka, nettle, libxlsxwriter and zlib (results.xlsx;
#                      found by pkg-config), strace, python3 and unzip: the build and `make check`
#   deps.sh fuzz       also clang, with libFuzzer, for `make fuzz`
#   deps.sh chromium   also Chromium, which `make check` renders the HTML documents in
#   deps.sh bench      also node and npm (DuckDB's engine comes from npm), sqlite3 and GNU time, for `make bench`
missing=""
command -v make >/dev/null 2>&1 || missing="$missing make"
command -v cc >/dev/null 2>&1 || missing="$missing gcc libc6-dev"
command -v flex >/dev/null 2>&1 || missing="$missing flex"
command -v bison >/dev/null 2>&1 || missing="$missing bison"
[ -f /usr/include/cmocka.h ] || missing="$missing libcmocka-dev"
[ -f /usr/include/nettle/sha2.h ] || missing="$missing nettle-dev"
command -v pkg-config >/dev/null 2>&1 || missing="$missing pkg-config"
[ -f /usr/include/xlsxwriter.h ] || missing="$missing libxlsxwriter-dev"
# pkg-config's --libs for xlsxwriter names -lz, and Debian 12's
# libxlsxwriter-dev does not bring zlib's development files with it.
[ -f /usr/include/zlib.h ] || missing="$missing zlib1g-dev"
command -v strace >/dev/null 2>&1 || missing="$missing strace"
command -v python3 >/dev/null 2>&1 || missing="$missing python3" # reads evidence.jsonl in make check
command -v unzip >/dev/null 2>&1 || missing="$missing unzip"
case "${1:-}" in
fuzz) command -v clang >/dev/null 2>&1 || missing="$missing clang libclang-rt-dev" ;;
chromium) command -v chromium >/dev/null 2>&1 || missing="$missing chromium" ;;
bench)
	command -v node >/dev/null 2>&1 || missing="$missing nodejs"
	command -v npm >/dev/null 2>&1 || missing="$missing npm"
	command -v sqlite3 >/dev/null 2>&1 || missing="$missing sqlite3"
	[ -x /usr/bin/time ] || missing="$missing time" ;;
esac
[ -z "$missing" ] && exit 0
sudo=""
if [ "$(id -u)" -ne 0 ]; then
	if ! command -v sudo >/dev/null 2>&1; then
		echo "deps.sh: missing:$missing; run this as root (there is no sudo here)" >&2
		exit 1
	fi
	sudo="sudo"
fi
echo "installing:$missing"
export DEBIAN_FRONTEND=noninteractive
$sudo apt-get update -qq && $sudo apt-get install -y -qq $missing
