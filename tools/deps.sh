#!/bin/sh
# Installs the build dependencies that are missing (Debian/Ubuntu).
# `deps.sh fuzz`: also clang, with libFuzzer, for `make fuzz`.
# `deps.sh bench`: also node and npm (DuckDB's engine comes from npm),
# sqlite3 and GNU time, for `make bench`.
missing=""
command -v cc >/dev/null 2>&1 || missing="$missing gcc libc6-dev"
command -v flex >/dev/null 2>&1 || missing="$missing flex"
command -v bison >/dev/null 2>&1 || missing="$missing bison"
[ -f /usr/include/cmocka.h ] || missing="$missing libcmocka-dev"
[ "${1:-}" = fuzz ] && ! command -v clang >/dev/null 2>&1 && missing="$missing clang libclang-rt-dev"
if [ "${1:-}" = bench ]; then
	command -v node >/dev/null 2>&1 || missing="$missing nodejs"
	command -v npm >/dev/null 2>&1 || missing="$missing npm"
	command -v sqlite3 >/dev/null 2>&1 || missing="$missing sqlite3"
	[ -x /usr/bin/time ] || missing="$missing time"
fi
[ -z "$missing" ] && exit 0
echo "installing:$missing"
sudo=""
[ "$(id -u)" -ne 0 ] && sudo="sudo"
$sudo apt-get update -qq && $sudo apt-get install -y -qq $missing
