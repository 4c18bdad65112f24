#!/bin/sh
# tests/docs/readme-debian.sh - the README's promise, checked where it is made
# (make check-readme): on a bare Debian 12, a clone of the repository and the
# Quick start's two commands, read from README.md and run verbatim as root,
# must work.
#
#   1. debootstrap --variant=minbase bookworm into a temporary directory;
#   2. add only git and ca-certificates (no recommends);
#   3. git clone the committed repository (HEAD, through a bundle: nothing
#      uncommitted, nothing from the host's build) into /root/ehp;
#   4. run each command of README.md's Quick start block there, in order,
#      with /proc, /sys and /dev mounted; any failure fails the check.
#
# Needs root (re-runs itself with sudo otherwise), debootstrap (installed if
# missing) and the Debian mirror ($MIRROR, default http://deb.debian.org/debian);
# nothing else from the network. The root is removed afterwards, mounts first
# (a trap), unless KEEP=1. Timings are printed. Run from the top of the tree.
set -eu
MIRROR=${MIRROR:-http://deb.debian.org/debian}
SUITE=${SUITE:-bookworm}
KEEP=${KEEP:-}

if [ "$(id -u)" -ne 0 ]; then
	exec sudo MIRROR="$MIRROR" SUITE="$SUITE" KEEP="$KEEP" sh "$0" "$@"
fi
top=$PWD
git -C "$top" rev-parse --verify -q HEAD >/dev/null || { echo "readme-debian.sh: not in a git repository"; exit 2; }

commands=$(awk -v section='## Quick start' -f tests/docs/sh-blocks.awk README.md | cut -f3-)
[ -n "$commands" ] || { echo "readme-debian.sh: no \`\`\`sh block under '## Quick start' in README.md"; exit 2; }

if ! command -v debootstrap >/dev/null 2>&1; then
	echo "installing debootstrap"
	DEBIAN_FRONTEND=noninteractive apt-get update -qq
	DEBIAN_FRONTEND=noninteractive apt-get install -y -qq debootstrap
fi

root=$(mktemp -d "${TMPDIR:-/tmp}/ehp-readme-root.XXXXXX")
chmod 755 "$root" # it is the machine's /: other users (the tests' nobody) must get through it
cleanup() {
	for m in dev/shm dev/pts dev sys proc; do
		mountpoint -q "$root/$m" 2>/dev/null && umount -l "$root/$m"
	done
	rm -f "$root.debootstrap.log"
	if [ -z "$KEEP" ]; then
		rm -rf --one-file-system "$root"
	else
		echo "kept $root"
	fi
}
trap cleanup EXIT
trap 'exit 130' INT TERM

now() { date +%s; }
t0=$(now)
echo "== debootstrap --variant=minbase $SUITE $root $MIRROR"
debootstrap --variant=minbase "$SUITE" "$root" "$MIRROR" >"$root.debootstrap.log" 2>&1 ||
	{ tail -n 30 "$root.debootstrap.log"; exit 1; }
t1=$(now)

mount -t proc proc "$root/proc"
mount -t sysfs sys "$root/sys"
mount --bind /dev "$root/dev"
mount -t devpts -o newinstance,ptmxmode=0666 devpts "$root/dev/pts" 2>/dev/null || true
mount -t tmpfs -o mode=1777 shm "$root/dev/shm"
cp /etc/resolv.conf "$root/etc/resolv.conf"

# Everything inside runs as a fresh login of root would: a clean environment.
in_root() {
	chroot "$root" /usr/bin/env -i HOME=/root LANG=C.UTF-8 TERM=dumb \
		PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin "$@"
}

echo "== apt-get install git ca-certificates (nothing else)"
in_root sh -c 'apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends git ca-certificates' >/dev/null
for tool in make cc gcc flex bison sudo; do
	if in_root sh -c "command -v $tool" >/dev/null 2>&1; then
		echo "readme-debian.sh: the bare root already has $tool: it proves nothing"
		exit 1
	fi
done

echo "== git clone of $(git -C "$top" rev-parse --short HEAD) into /root/ehp"
git -C "$top" bundle create "$root/tmp/ehp.bundle" HEAD 2>/dev/null
in_root git clone -q /tmp/ehp.bundle /root/ehp
t2=$(now)

status=0
echo "$commands" | while IFS= read -r cmd; do
	s=$(now)
	echo "== as root in /root/ehp: $cmd"
	if ! in_root sh -c "cd /root/ehp && $cmd" </dev/null; then
		echo "readme-debian.sh: FAILED on a bare $SUITE: $cmd"
		exit 1
	fi
	echo "   ($(($(now) - s)) s)"
done || status=1
t3=$(now)

echo "readme-debian.sh: debootstrap $((t1 - t0)) s, git and clone $((t2 - t1)) s, the README's commands $((t3 - t2)) s; total $((t3 - t0)) s"
if [ "$status" -ne 0 ]; then
	exit 1
fi
echo "readme-debian.sh: README.md's Quick start works on a bare Debian $SUITE with only git and ca-certificates"
