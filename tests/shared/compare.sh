#!/bin/sh
# tests/shared/compare.sh - the plans' verdicts on one extract, side by side.
#
#   sh tests/shared/compare.sh OUT PLAN...
#
# Reads OUT/PLAN/results.csv for each PLAN, as its evaluator wrote it, and
# writes CSV to stdout: one row per family, in the order of the first plan's
# results (the order of families.csv), with each plan's verdict and whether
# they agree:
#
#   family_id,PLAN...,agree
#
# A plan's verdict is `claimable`, `not claimable` (eligible, but no claim
# can be made) or `not eligible`, read from the `eligible` and `claimable`
# columns; `agree` is `yes` when every plan gave the same verdict. Nothing
# here knows what the verdicts should be: it only reads what the evaluators
# wrote. Every plan's results must list the same families (exit 2 if not).
set -eu
LC_ALL=C
export LC_ALL

if [ $# -lt 2 ]; then
	echo "usage: compare.sh OUT PLAN..." >&2
	exit 2
fi
out=$1
shift
plans=$*
for p in "$@"; do
	if [ ! -f "$out/$p/results.csv" ]; then
		echo "compare.sh: $out/$p/results.csv: no such file" >&2
		exit 2
	fi
	set -- "$@" "$out/$p/results.csv"
done
# drop the plan names, keep the files
for p in $plans; do shift; done

awk -v plans="$plans" '
# Splits one CSV row (RFC 4180, no line breaks inside fields) into f[1..n].
function csv_split(line, f,    n, i, c, field, quoted) {
	n = 0; field = ""; quoted = 0
	for (i = 1; i <= length(line); i++) {
		c = substr(line, i, 1)
		if (quoted) {
			if (c != "\"")
				field = field c
			else if (substr(line, i + 1, 1) == "\"") {
				field = field "\""; i++
			} else
				quoted = 0
		} else if (c == "\"")
			quoted = 1
		else if (c == ",") {
			f[++n] = field; field = ""
		} else
			field = field c
	}
	f[++n] = field
	return n
}
# A field as CSV: quoted when it holds a comma or a quote.
function csv_field(s) {
	if (s !~ /[",]/)
		return s
	gsub(/"/, "\"\"", s)
	return "\"" s "\""
}
function fail(msg) {
	print "compare.sh: " msg | "cat 1>&2"
	failed = 1
	exit 2
}
BEGIN { np = split(plans, plan, " ") }
FNR == 1 {
	k++                        # the k-th file holds the results of plan[k]
	n = csv_split($0, h)
	id = el = cl = 0
	for (i = 1; i <= n; i++) {
		if (h[i] == "family_id") id = i
		if (h[i] == "eligible") el = i
		if (h[i] == "claimable") cl = i
	}
	if (!id || !el || !cl)
		fail(FILENAME ": no family_id, eligible or claimable column")
	next
}
{
	csv_split($0, f)
	fam = f[id]
	if (f[cl] == "yes")
		v = "claimable"
	else if (f[el] == "yes")
		v = "not claimable"
	else
		v = "not eligible"
	if (k == 1)
		order[++nf] = fam
	else if (!((fam, 1) in verdict))
		fail(FILENAME ": family " fam " is not in the results of " plan[1])
	verdict[fam, k] = v
}
END {
	if (failed)
		exit 2
	if (k != np)
		fail("read " k " results files for " np " plans")
	for (i = 1; i <= nf; i++)
		for (k = 1; k <= np; k++)
			if (!((order[i], k) in verdict))
				fail("family " order[i] " is not in the results of " plan[k])
	line = "family_id"
	for (k = 1; k <= np; k++)
		line = line "," csv_field(plan[k])
	print line ",agree"
	for (i = 1; i <= nf; i++) {
		fam = order[i]
		line = csv_field(fam)
		agree = "yes"
		for (k = 1; k <= np; k++) {
			line = line "," verdict[fam, k]
			if (verdict[fam, k] != verdict[fam, 1])
				agree = "no"
		}
		print line "," agree
	}
}
' "$@"
