# tests/docs/browser.sh - headless Chromium for the tests that look at an
# HTML page (chromium.sh, report.sh), sourced from the top of the tree with
# OUT (where its profile and log go) and SCRIPT (the caller, for messages)
# set. Installs Chromium if it is missing (tools/deps.sh chromium); where it
# cannot be installed, the caller is skipped with a message saying so.
if ! command -v chromium >/dev/null 2>&1; then
	sh tools/deps.sh chromium
	if ! command -v chromium >/dev/null 2>&1; then
		echo "SKIP $SCRIPT: Chromium is not installed and could not be installed" \
		     "(apt-get install chromium failed); the HTML pages were not looked at in a browser"
		exit 0
	fi
fi

# Chromium as root needs --no-sandbox; its own profile, in the build tree.
browse() { # FILE ARGS...
	page=$1
	shift
	timeout 120 chromium --headless --disable-gpu --no-sandbox --hide-scrollbars --no-first-run \
		--user-data-dir="$OUT/profile" "$@" "file://$PWD/$page" 2>>"$OUT/chromium.log"
}

# Whether FILE is a PNG screenshot of some size; says so when not.
screenshot_ok() { # FILE WHAT
	size=$(wc -c <"$1" 2>/dev/null || echo 0)
	[ "$size" -gt 20000 ] && [ "$(head -c 4 "$1" | tail -c 3)" = PNG ] ||
		fail "$2: the screenshot is not a PNG of some size ($size bytes)"
}
