# tests/failures.sh - the tally a test script keeps, sourced (. tests/failures.sh
# from the top of the tree): `fail MESSAGE` prints FAIL: MESSAGE and counts
# it; `finish SCRIPT SUMMARY` ends the script, 1 with the count if anything
# failed, else 0 with the summary.
failures=0
fail() {
	echo "FAIL: $*"
	failures=$((failures + 1))
}
finish() { # SCRIPT SUMMARY
	if [ "$failures" -ne 0 ]; then
		echo "$1: $failures failure(s)"
		exit 1
	fi
	echo "$1: $2"
	exit 0
}
