#!/bin/sh
# tests/fuzz/cross_family.sh BUILD - the extract fuzzer's property, without
# libFuzzer, through the evaluator itself: one family's row damaged by hand
# (the cases of issue 11: an unclosed quote, a line ending removed so two
# rows join, a NUL byte in a field, an extra field), and every other
# family's row of results.csv byte-identical to the undamaged run's, none
# vanished or added; the damaged family flagged (data_complete = no). Each
# extract is judged sorted on 1 thread (streamed) and with its people and
# records in another order on 2 threads (grouped).
# The base is examples/medway, with one quoted field after the damaged rows,
# so that an unclosed quote has a quote to pair with.
set -eu
build=${1:-build}
eval=$build/bin/medway
T=$build/cross-family
rm -rf "$T"
mkdir -p "$T/base"
cp examples/medway/families.csv examples/medway/people.csv "$T/base/"
sed 's|^M04,,police_callout,10/12/2023,,,,,domestic,$|M04,,police_callout,10/12/2023,,,,,"domestic",|' \
	examples/medway/records.csv >"$T/base/records.csv"
grep -q '"domestic"' "$T/base/records.csv"

failures=0
fail() { echo "cross-family: $*"; failures=$((failures + 1)); }

# judge DIR OUT THREADS: results.csv in OUT.
judge() {
	mkdir -p "$2"
	"$eval" --data "$1" --as-of "$(cat examples/medway/as-of)" --out "$2" -j "$3" --quiet 2>"$2/stderr" ||
		fail "$2: the evaluator failed: $(cat "$2/stderr")"
}

# The same rows in another order: the families' people in reverse order of
# family (each family's members kept in their order) and the records
# reversed. Not sorted, so read grouped.
reorder() {
	mkdir -p "$2"
	cp "$1/families.csv" "$2/"
	{ head -n 1 "$1/people.csv"
	  tail -n +2 "$1/people.csv" | awk -F, '{ if (!($2 in n)) order[++k] = $2; rows[$2, ++n[$2]] = $0 }
		END { for (i = k; i >= 1; i--) for (j = 1; j <= n[order[i]]; j++) print rows[order[i], j] }'; } >"$2/people.csv"
	{ head -n 1 "$1/records.csv"; tail -n +2 "$1/records.csv" | awk '{ r[NR] = $0 } END { for (i = NR; i >= 1; i--) print r[i] }'; } \
		>"$2/records.csv"
}

judge "$T/base" "$T/out-base" 1
reorder "$T/base" "$T/base-reordered"
judge "$T/base-reordered" "$T/out-base-reordered" 2
cmp -s "$T/out-base/results.csv" "$T/out-base-reordered/results.csv" || fail "the base's results depend on the order"

# check NAME FAMILY OTHER: the damaged extract NAME (in $T/NAME) judged both
# ways; FAMILY is flagged; every family but FAMILY and OTHER as in the base.
check() {
	name=$1 fam=$2 other=${3:-}
	reorder "$T/$name" "$T/$name-reordered"
	for run in "$name:1" "$name-reordered:2"; do
		dir=${run%:*}
		judge "$T/$dir" "$T/out-$dir" "${run#*:}"
		res=$T/out-$dir/results.csv
		[ -s "$T/out-$dir/rejects.csv" ] || fail "$dir: no row rejected"
		awk -F, 'NR > 1 { print $1 }' "$T/out-base/results.csv" >"$T/ids-base"
		awk -F, 'NR > 1 { print $1 }' "$res" >"$T/ids-$dir"
		cmp -s "$T/ids-base" "$T/ids-$dir" || fail "$dir: a family vanished or appeared"
		grep "^$fam," "$res" | grep -q ',no$' || fail "$dir: $fam is not flagged data_complete = no"
		grep -v -e "^$fam," ${other:+-e "^$other,"} "$T/out-base/results.csv" >"$T/others-base"
		grep -v -e "^$fam," ${other:+-e "^$other,"} "$res" >"$T/others-$dir"
		cmp -s "$T/others-base" "$T/others-$dir" || {
			fail "$dir: another family's results changed"
			diff "$T/others-base" "$T/others-$dir" | sed 's/^/    /' | head -6
		}
	done
}

# damage NAME FILE: a copy of the base, FILE to be damaged (the others as they are).
damage() {
	mkdir -p "$T/$1"
	cp "$T/base/families.csv" "$T/base/people.csv" "$T/base/records.csv" "$T/$1/"
	echo "$T/$1/$2"
}

# 1. An unclosed quote at the end of M03's last record (issue 11, item 1):
#    it must not swallow M04's rows up to M04's quoted field.
f=$(damage quote records.csv)
sed 's|^\(M03,M03-kid,attendance,15/04/2024,28/03/2025,300,310,,,\)$|\1"key worker|' "$T/base/records.csv" >"$f"
grep -q '"key worker$' "$f"
check quote M03

# 2. M03's last record and M04's first joined into one line: M04 lost a
#    row with it (its bytes were damaged too); M03 is flagged.
f=$(damage joined records.csv)
awk '/^M03,M03-kid,attendance,15\/04\/2024/ { printf "%s", $0; next } { print }' "$T/base/records.csv" >"$f"
[ "$(wc -l <"$f")" -eq "$(($(wc -l <"$T/base/records.csv") - 1))" ]
check joined M03 M04

# 3. A NUL byte inside a field of M05's people row.
f=$(damage nul people.csv)
line=$(grep -n '^M05-mum,' "$T/base/people.csv" | cut -d: -f1)
{ head -n $((line - 1)) "$T/base/people.csv"
  sed -n "${line}p" "$T/base/people.csv" | cut -c1-10 | tr -d '\n'
  printf '\000'
  sed -n "${line}p" "$T/base/people.csv" | cut -c11-
  tail -n +$((line + 1)) "$T/base/people.csv"; } >"$f"
[ "$(tr -d '\000' <"$f" | cmp -s - "$T/base/people.csv" && echo same)" = same ]
check nul M05

# 4. An extra field in M02's first record.
f=$(damage extra records.csv)
sed 's|^\(M02,M02-mum,non_working_benefit,.*\)$|\1,extra|' "$T/base/records.csv" >"$f"
grep -q ',extra$' "$f"
check extra M02

if [ "$failures" -ne 0 ]; then
	echo "cross-family: $failures failures"
	exit 1
fi
echo "cross-family: 4 damaged extracts, sorted and reordered, 1 and 2 threads: no other family changed"
