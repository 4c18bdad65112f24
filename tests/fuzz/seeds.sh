#!/bin/sh
# tests/fuzz/seeds.sh OUT - builds the seed corpus of each harness in
# OUT/plan, OUT/csv, OUT/load and OUT/extract from the real inputs in the
# tree, and the dictionaries of the plan, load and extract fuzzers
# (OUT/plan.dict: the words the plans use; OUT/load.dict and
# OUT/extract.dict: column names, the vocabulary, dates):
#   plan: plans/*.ehp, tests/compiler/*.ehp, tests/diagnostics/*.ehp, tests/fmt/*.ehp
#   csv:  every examples/*/*.csv
#   load: each examples/*/ as families, people and records joined by \f
#   extract: the same, then \f and a mutation of one family's row
#     (tests/fuzz/extract_mutation.h): none, an unclosed quote, a NUL, an
#     extra field, a line end removed, a header line inserted
#   map:  examples/*/council.map, the mappings of tests/mapping/ and
#         tests/fuzz/map-seeds/ (chains of joins over the harness's export)
# plus the kept regression inputs, except open crashes (they would stop the
# fuzzer at its first run). Run from the top of the tree.
set -eu
out=${1:?usage: seeds.sh OUT}
rm -rf "$out"
mkdir -p "$out/plan" "$out/csv" "$out/load" "$out/extract" "$out/map"

n=0
for f in plans/*.ehp tests/compiler/*.ehp tests/diagnostics/*.ehp tests/fmt/*.ehp; do
	[ -f "$f" ] || continue
	n=$((n + 1))
	cp "$f" "$out/plan/$n-$(basename "$f")"
done

for d in examples/*/; do
	name=$(basename "$d")
	for f in "$d"*.csv; do
		[ -f "$f" ] && cp "$f" "$out/csv/$name-$(basename "$f")"
	done
	if [ -f "$d/families.csv" ] && [ -f "$d/people.csv" ] && [ -f "$d/records.csv" ]; then
		{ cat "$d/families.csv"; printf '\f'; cat "$d/people.csv"; printf '\f'; cat "$d/records.csv"; } \
			>"$out/load/$name"
		k=0
		# family, file, row, then operations: 0 insert (pos, count, bytes),
		# 1 delete, 2 flip, 3 set (pos, byte), 4 join.
		for m in '' '\001\002\000\000\377\000"' '\002\001\001\000\007\000\000' \
			'\003\002\002\000\005\000,' '\001\002\000\004' '\000\000\000\004\003\000\000' \
			'\002\001\000\000\000\007\nfamily'; do
			k=$((k + 1))
			{ cat "$out/load/$name"; printf '\f'; printf "$m"; } >"$out/extract/$name-$k"
		done
	fi
done

for f in examples/*/council.map tests/mapping/*/*.map tests/fuzz/map-seeds/*.map; do
	[ -f "$f" ] || continue
	n=$((n + 1))
	cp "$f" "$out/map/$n-$(basename "$f")"
done

for h in plan csv load extract map; do
	for f in tests/fuzz/regress/$h/*; do
		case "$(basename "$f")" in open-* | README.md | '*') continue ;; esac
		cp "$f" "$out/$h/regress-$(basename "$f")"
	done
done

# Every word of the plans, quoted, one a line: libFuzzer's -dict format.
cat plans/*.ehp tests/compiler/*.ehp tests/diagnostics/*.ehp 2>/dev/null |
	sed -e 's/#.*//' -e 's/"[^"]*"//g' | tr -cs 'A-Za-z0-9_' '\n' | grep -E '^[a-z_][a-z0-9_]+$' | sort -u |
	sed 's/.*/"&"/' >"$out/plan.dict"

# The column names, record types, details and flags an extract may hold.
{
	for w in family_id person_id entry_date closure_date date_of_birth flags type date end_date \
		value total score detail author; do
		echo "$w"
	done
	sed -n 's/^EHP_[A-Z]*(\([a-z_0-9]*\).*/\1/p' runtime/vocabulary.def
	printf '%s\n' 2024-03-15 15/03/2024 2023-02-29 31/12/2025 1200.50 -3
} | sed 's/.*/"&"/' >"$out/load.dict"
# The extract fuzzer's mutations: the load words, and the bytes that damage a row.
{ cat "$out/load.dict"; printf '%s\n' '"\""' '"\x00"' '","' '"\x0a"' '"\x0d"' '"\",\""' '"2024-02-30"'; } >"$out/extract.dict"
