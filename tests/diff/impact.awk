# tests/diff/impact.awk - the impact report of `ehpc diff --data`, worked
# out again from two separate evaluator runs' results.csv, apart from ehpc
# (compiler/results_diff.c), so that its numbers are checked:
#
#   awk -v heading="impact on DIR, claim date D" -f impact.awk ROWS OLD NEW
#
# ROWS lists the new plan's rows in plan order, "indicator ID" or "outcome
# ID" a line; OLD and NEW are the results. Only the first seven columns are
# read: the example's ids hold no comma or quote.
FNR == 1 { file++; FS = file == 1 ? " " : "," }
file == 1 { pos[$1, $2] = count[$1]++; next }
FNR == 1 { next }
file == 2 { n++; id[n] = $1; el[n] = $2; ind[n] = $5; out[n] = $6; cl[n] = $7; next }
file == 3 {
	m++
	if ($1 != id[m]) { print "impact.awk: not the same families" > "/dev/stderr"; exit 2 }
	fam = m; changed = 0
	if (el[m] != $2) add($2 == "yes" ? 0 : 1, $2 == "yes" ? "became eligible" : "stopped being eligible")
	if (cl[m] != $7) add($7 == "yes" ? 2 : 3, $7 == "yes" ? "claimable gained" : "claimable lost")
	rows("indicator", 4, "met", ind[m], $5)
	rows("outcome", 4 + 1000000000, "achieved", out[m], $6)
	moved += changed
}
# The row ids of a cell, as keys of set: "1.1:F01-kid;2.1:F01-kid" -> 1.1, 2.1.
function ids(cell, set,    parts, k, i) {
	k = split(cell, parts, ";")
	for (i = 1; i <= k; i++) { sub(/:.*/, "", parts[i]); if (parts[i] != "") set[parts[i]] = 1 }
}
function rows(kind, base, verb, was, now,    a, b, r) {
	split("", a); split("", b)
	ids(was, a); ids(now, b)
	for (r in b) if (!(r in a)) add(base + 2 * pos[kind, r], kind " " r " newly " verb)
	for (r in a) if (!(r in b)) add(base + 2 * pos[kind, r] + 1, kind " " r " no longer " verb)
}
function add(key, label) {
	label_of[key] = label
	if (last[key] == fam) return
	last[key] = fam; changed = 1
	families[key] = families[key] (num[key]++ ? ", " : "") id[fam]
}
END {
	if (file < 3) exit 2
	printf "%s: %d famil%s judged, %d change\n", heading, m, m == 1 ? "y" : "ies", moved
	split("became eligible;stopped being eligible;claimable gained;claimable lost", fixed, ";")
	for (k = 0; k < 4; k++) { label_of[k] = fixed[k + 1]; num[k] += 0 }
	# the keys in order (a handful: a simple selection sort)
	nk = 0
	for (k in label_of) keys[++nk] = k + 0
	for (i = 1; i <= nk; i++)
		for (j = i + 1; j <= nk; j++)
			if (keys[j] < keys[i]) { t = keys[i]; keys[i] = keys[j]; keys[j] = t }
	for (i = 1; i <= nk; i++) {
		k = keys[i]
		if (num[k]) printf "  %s: %d (%s)\n", label_of[k], num[k], families[k]
		else if (k < 4) printf "  %s: 0\n", label_of[k]
	}
}
