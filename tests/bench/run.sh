#!/bin/sh
# make bench: the evaluator's speed and memory against baselines measured in
# the same run, on the same files and cores (docs/performance.md).
#
#   tests/bench/run.sh BUILD_DIR          (make bench runs it)
#   BENCH_SIZES="10000 100000 1000000"    families per extract (default 10000 100000)
#   BENCH_RUNS=3                          runs of each command; the median's figures count
#   BENCH_ONCE=60                         a command whose first run takes longer is run once
#
# For each size, on the family-sorted and the shuffled extract (tests/bench/
# gendata.c, cached in BUILD/bench/data-HASH/SIZE/), under /usr/bin/time:
#   cat          the three files to /dev/null (the I/O floor)
#   hashin       tests/bench/floor.c: the three files read and SHA-256'd as the
#                evaluator does for its receipt, no more (sorted extract); with
#   hashout      the same of devon's outputs, and
#   hashev       of evidence.jsonl: the least CPU any run must spend
#   parse-only   the Devon evaluator reading and validating, judging nothing
#   devon        the Devon evaluator end to end, 1 and 2 threads; --evidence
#   restricted   tests/bench/restricted.ehp's evaluator
#   duckdb       the same rules in SQL (restricted.sql, with restricted.duckdb.sql's
#                views), DuckDB through tests/bench/duckdb.mjs, 2 threads
#   sqlite       the same (restricted.sqlite.sql's views), the sqlite3 shell,
#                .import included
# then checks DuckDB's and SQLite's answers against the restricted
# evaluator's, family by family (exit 1 naming the first differences), and
# prints the table of figures and ratios and the targets (tests/bench/report.awk).
set -eu
build=${1:-build}
sizes=${BENCH_SIZES:-10000 100000}
runs=${BENCH_RUNS:-3}
once=${BENCH_ONCE:-60}
claim=2025-06-30
bench=$build/bench
devon=$build/bin/devon
restricted=$bench/restricted
floor=$bench/floor
here=tests/bench

sh tools/deps.sh bench

# DuckDB's engine: the npm package, in the bench's own folder.
node_dir=$bench/node
if ! cmp -s $here/package.json "$node_dir/package.json" || [ ! -d "$node_dir/node_modules/@duckdb/node-api" ]; then
	echo "bench: npm install @duckdb/node-api in $node_dir"
	mkdir -p "$node_dir"
	cp $here/package.json "$node_dir/package.json"
	(cd "$node_dir" && npm install --no-audit --no-fund --loglevel=error)
fi
cp $here/duckdb.mjs "$node_dir/duckdb.mjs" # resolves the package from node_modules beside it

# The data, made again when the generator (or what it reads) changes.
hash=$(cat $here/gendata.c runtime/vocabulary.def runtime/eval/terms_england.c | sha256sum | cut -c1-12)
data=$bench/data-$hash
for old in "$bench"/data-*; do
	[ -d "$old" ] && [ "$old" != "$data" ] && { echo "bench: removing $old (an older generator's data)"; rm -rf "$old"; }
done
for n in $sizes; do
	if [ ! -f "$data/$n/done" ]; then
		echo "bench: generating $n families in $data/$n"
		rm -rf "$data/$n"
		mkdir -p "$data"
		"$bench/gendata" "$n" "$data/$n" $claim
		touch "$data/$n/done"
	fi
done

# What this build of the evaluator can do.
help=$("$devon" --help 2>&1 || true)
if printf '%s\n' "$help" | grep -q -- '--parse-only'; then parse_only=yes; else parse_only=no; fi
if printf '%s\n' "$help" | grep -Eq -- '(^|[^-[:alnum:]])-j([^[:alpha:]]|$|N)'; then threads=yes; else threads=no; fi
j2=""
[ $threads = yes ] && j2="-j 2"
# The evaluator's rows compare its judging with the SQL engines', which write
# only their answers: results.xlsx, the slowest output, has a row of its own.
nowb=""
if printf '%s\n' "$help" | grep -q -- '--no-workbook'; then nowb="--no-workbook"; fi

tmp=$bench/tmp
rm -rf "$tmp"
mkdir -p "$tmp"
tsv=$bench/figures.tsv
: > "$tsv"
fail=0

# measure SIZE VARIANT KEY BYTES CMD...: runs, median by wall time, one line of $tsv.
measure() {
	m_size=$1 m_variant=$2 m_key=$3 m_bytes=$4
	shift 4
	: > "$tmp/runs"
	i=0
	while [ $i -lt "$runs" ]; do
		t0=$(date +%s%N)
		# stdout to /dev/null: cat's is the extract, which a file would time the disk writing
		if ! /usr/bin/time -f '%U %S %M' -o "$tmp/time" "$@" > /dev/null 2> "$tmp/stderr"; then
			cat "$tmp/stderr" >&2
			echo "bench: failed: $*" >&2
			exit 1
		fi
		t1=$(date +%s%N)
		# wall from the clock (time's %e counts in hundredths), CPU and RSS from time
		wall=$(awk -v ns=$((t1 - t0)) 'BEGIN { printf "%.3f", ns / 1e9 }')
		echo "$wall $(tail -n 1 "$tmp/time")" >> "$tmp/runs"
		i=$((i + 1))
		if [ $i -eq 1 ] && awk -v t="$wall" -v o="$once" 'BEGIN { exit !(t > o) }'; then
			break
		fi
	done
	got=$(wc -l < "$tmp/runs")
	sort -n "$tmp/runs" | sed -n "$(((got + 1) / 2))p" | {
		read -r wall user sys rss
		printf '%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\n' "$m_size" "$m_variant" "$m_key" "$wall" \
			"$(awk -v u="$user" -v s="$sys" 'BEGIN { printf "%.2f", u + s }')" "$rss" "$m_bytes" "$got" >> "$tsv"
	}
	printf '  %-8s %-9s %-11s %s\n' "$m_size" "$m_variant" "$m_key" "$(tail -n 1 "$tsv" | cut -f4-6 | tr '\t' ' ')"
}
na() { printf '%s\t%s\t%s\tn/a\t\t\t%s\t0\n' "$1" "$2" "$3" "$4" >> "$tsv"; }

no_rejects() {
	if [ -e "$1/rejects.csv" ]; then
		echo "bench: the evaluator rejected rows of the generated data ($1/rejects.csv): fix tests/bench/gendata.c" >&2
		exit 1
	fi
}

echo "ehp bench: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //')," \
	"$(awk '/MemTotal/ { printf "%.0f GB", $2 / 1048576 }' /proc/meminfo), load $(cut -d' ' -f1-3 /proc/loadavg) at the start"
echo "  (median of $runs runs; figures: wall s, user+sys CPU s, peak RSS KB)"
saved=$runs # compiling is quick: at least 5 runs
runs=$((runs < 5 ? 5 : runs))
measure - - ehpc 0 "$build/bin/ehpc" -o /dev/null plans/devon.ehp
runs=$saved

for n in $sizes; do
	terms=$data/$n/terms.csv
	for variant in sorted shuffled; do
		dir=$data/$n/$variant
		out=$bench/out/$n-$variant
		rm -rf "$out"
		mkdir -p "$out/parse" "$out/devon" "$out/evidence" "$out/restricted"
		bytes=$(cat "$dir/families.csv" "$dir/people.csv" "$dir/records.csv" | wc -c)
		set -- --data "$dir" --as-of $claim --quiet
		measure "$n" $variant cat "$bytes" cat "$dir/families.csv" "$dir/people.csv" "$dir/records.csv"
		if [ $variant = sorted ]; then # the floor: the same bytes either way
			measure "$n" $variant hashin "$bytes" "$floor" "$dir/families.csv" "$dir/people.csv" "$dir/records.csv"
		fi
		if [ $parse_only = yes ]; then
			# shellcheck disable=SC2086
			measure "$n" $variant parse "$bytes" "$devon" "$@" --out "$out/parse" --parse-only $j2
		else
			na "$n" $variant parse "$bytes"
		fi
		if [ $threads = yes ]; then
			# shellcheck disable=SC2086
			measure "$n" $variant devon1 "$bytes" "$devon" "$@" --out "$out/devon" -j 1 $nowb
			# shellcheck disable=SC2086
			measure "$n" $variant devon "$bytes" "$devon" "$@" --out "$out/devon" -j 2 $nowb
			if [ $variant = sorted ]; then # what the run wrote, each hashed for its receipt
				set -- "$out/devon"/*.csv "$out/devon"/*.html
				measure "$n" $variant hashout "$(cat "$@" | wc -c)" "$floor" "$@"
				set -- --data "$dir" --as-of $claim --quiet
			fi
		else
			na "$n" $variant devon1 "$bytes"
			# shellcheck disable=SC2086
			measure "$n" $variant devon "$bytes" "$devon" "$@" --out "$out/devon" $nowb
		fi
		no_rejects "$out/devon"
		if [ $variant = sorted ] && [ -n "$nowb" ]; then # every output, the workbook too
			# shellcheck disable=SC2086
			measure "$n" $variant workbook "$bytes" "$devon" "$@" --out "$out/devon" $j2
		fi
		if [ $variant = sorted ]; then # evidence.jsonl is large: one extract is enough
			# shellcheck disable=SC2086
			measure "$n" $variant evidence "$bytes" "$devon" "$@" --out "$out/evidence" --evidence $j2 $nowb
			measure "$n" $variant hashev "$(wc -c < "$out/evidence/evidence.jsonl")" "$floor" "$out/evidence/evidence.jsonl"
			rm -f "$out/evidence/evidence.jsonl"
		fi
		# shellcheck disable=SC2086
		measure "$n" $variant restricted "$bytes" "$restricted" "$@" --out "$out/restricted" $j2 $nowb
		no_rejects "$out/restricted"
		measure "$n" $variant duckdb "$bytes" node "$node_dir/duckdb.mjs" "$dir" "$terms" $claim \
			$here/restricted.duckdb.sql $here/restricted.sql "$out/duckdb.csv" 2
		cat > "$out/sqlite.sql" <<-EOF
			CREATE TABLE families(family_id TEXT, entry_date TEXT, closure_date TEXT);
			CREATE TABLE people(person_id TEXT, family_id TEXT, date_of_birth TEXT, flags TEXT);
			CREATE TABLE records(family_id TEXT, person_id TEXT, type TEXT, "date" TEXT, end_date TEXT,
			                     value TEXT, total TEXT, score TEXT, detail TEXT, author TEXT);
			CREATE TABLE terms(start TEXT, "end" TEXT);
			.import --csv --skip 1 $dir/families.csv families
			.import --csv --skip 1 $dir/people.csv people
			.import --csv --skip 1 $dir/records.csv records
			.import --csv --skip 1 $terms terms
			CREATE TABLE params AS SELECT '$claim' AS claim;
			.headers on
			.mode csv
			.output $out/sqlite.csv
			.read $here/restricted.sqlite.sql
			.read $here/restricted.sql
		EOF
		measure "$n" $variant sqlite "$bytes" sqlite3 -bail -batch :memory: ".read $out/sqlite.sql"
		for engine in duckdb sqlite; do
			printf '  %-8s %-9s ' "$n" $variant
			node $here/compare.mjs restricted "$out/restricted/results.csv" $engine "$out/$engine.csv" || fail=1
		done
	done
done

echo
awk -F '\t' -v threads=$threads -v runs="$runs" -f $here/report.awk "$tsv"
if [ $fail -ne 0 ]; then
	echo "bench: FAILED: the SQL engines' answers differ from the evaluator's (above)" >&2
	exit 1
fi
