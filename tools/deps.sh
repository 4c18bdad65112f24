#!/bin/sh
# Installs the build dependencies that are missing (Debian/Ubuntu).
# `deps.sh fuzz`: also clang, with libFuzzer, for `make fuzz`.
missing=""
command -v cc >/dev/null 2>&1 || missing="$missing gcc libc6-dev"
command -v flex >/dev/null 2>&1 || missing="$missing flex"
command -v bison >/dev/null 2>&1 || missing="$missing bison"
[ -f /usr/include/cmocka.h ] || missing="$missing libcmocka-dev"
[ -f /usr/include/nettle/sha2.h ] || missing="$missing nettle-dev"
[ "${1:-}" = fuzz ] && ! command -v clang >/dev/null 2>&1 && missing="$missing clang libclang-rt-dev"
[ -z "$missing" ] && exit 0
echo "installing:$missing"
sudo=""
[ "$(id -u)" -ne 0 ] && sudo="sudo"
$sudo apt-get update -qq && $sudo apt-get install -y -qq $missing
