# tests/bench/report.awk: make bench's table (Markdown, so that it can be
# pasted into docs/performance.md) from the figures run.sh measured, one
# line each: size, extract, command, wall s, user+sys CPU s, peak RSS KB,
# input bytes, runs (wall "n/a" when this build cannot do it).
# Variables: threads (yes/no: whether the evaluator's --help offers -j),
# runs (BENCH_RUNS: a command run fewer times took longer than BENCH_ONCE).
BEGIN {
	j = threads == "yes" ? " -j 2" : ""
	name["cat"] = "`cat` of the three files"
	name["hashin"] = "the floor: the three files read and SHA-256'd"
	name["hashout"] = "the floor: devon's outputs read and SHA-256'd"
	name["hashev"] = "the floor: evidence.jsonl read and SHA-256'd"
	name["parse"] = "devon --parse-only" j
	name["devon1"] = "devon -j 1"
	name["devon"] = threads == "yes" ? "devon -j 2" : "devon (no -j in this build: 1 thread)"
	name["evidence"] = "devon --evidence" j
	name["workbook"] = "devon" j ", every output (results.xlsx too)"
	name["restricted"] = "restricted plan" j
	name["duckdb"] = "restricted rules in DuckDB, 2 threads"
	name["sqlite"] = "restricted rules in SQLite"
	NA = "n/a (not supported by this build)"
}
{
	k = $1 SUBSEP $2 SUBSEP $3
	wall[k] = $4; cpu[k] = $5; rss[k] = $6; rbytes[k] = $7; nruns[k] = $8
	if ($3 == "cat")
		bytes[$1, $2] = $7 # the extract's: a floor row's own bytes are other files'
	if ($1 != "-" && !($1 in seen)) { seen[$1] = 1; sizes[++nsizes] = $1 }
	if ($1 != "-") order[$1, $2, ++rows[$1, $2]] = $3
}
function has(s, v, key) { return ((s, v, key) in wall) && wall[s, v, key] != "n/a" }
function f2(x) { return sprintf("%.2f", x) }
function div(a, b) { return b > 0 ? a / b : 0 }
# the same ratio in CPU time, for a figure given in wall time
function cpux(s, v, a, b) { return sprintf(" (CPU: %.2fx)", div(cpu[s, v, a], cpu[s, v, b])) }
function ratio(a, b) { return b > 0 ? sprintf("%.2f", a / b) : "-" }
function mb(kb) { return sprintf("%.0f", kb / 1024) }
function target(what, figure, goal, ok, least) {
	printf "| %s | %s | %s | %s | %s |\n", what, figure, goal, ok == "" ? "n/a" : ok ? "met" : "**missed**", least
}
# The CPU s of a floor row, or -1 when the run has none.
function floor_cpu(s, key) { return has(s, "sorted", key) ? cpu[s, "sorted", key] : -1 }
END {
	if (("-", "-", "ehpc") in wall)
		printf "`ehpc -o /dev/null plans/devon.ehp`: %s s wall, %s s CPU, %s MB peak (median of %d runs)\n\n",
			wall["-", "-", "ehpc"], cpu["-", "-", "ehpc"], mb(rss["-", "-", "ehpc"]), nruns["-", "-", "ehpc"]
	printf "Median of %d runs by wall time (its CPU and memory with it); wall from the clock, CPU (user + sys) and peak RSS from /usr/bin/time. ÷ X: this wall time over X's, same extract.\n\n", runs
	for (i = 1; i <= nsizes; i++) {
		s = sizes[i]
		printf "### %d families (%.0f MB of CSV)\n\n", s, bytes[s, "sorted"] / 1e6
		print "| extract | command | wall s | CPU s | peak RSS MB | MB/s | ÷ cat | ÷ DuckDB | ÷ SQLite |"
		print "|---|---|--:|--:|--:|--:|--:|--:|--:|"
		for (vi = 1; vi <= 2; vi++) {
			v = vi == 1 ? "sorted" : "shuffled"
			for (r = 1; r <= rows[s, v]; r++) {
				key = order[s, v, r]
				k = s SUBSEP v SUBSEP key
				if (wall[k] == "n/a") {
					printf "| %s | %s | %s | | | | | | |\n", v, name[key], NA
					continue
				}
				once = nruns[k] < runs ? " (" nruns[k] " run" (nruns[k] > 1 ? "s" : "") ")" : ""
				other = key == "hashout" || key == "hashev" # other files than the extract's: no ratios
				named = name[key] (key ~ /^hash/ ? sprintf(" (%.0f MB)", rbytes[k] / 1e6) : "")
				printf "| %s | %s%s | %s | %s | %s | %.0f | %s | %s | %s |\n", v, named, once, wall[k], cpu[k],
					mb(rss[k]), div(rbytes[k], wall[k]) / 1e6, other ? "-" : ratio(wall[k], wall[s, v, "cat"]),
					other ? "-" : ratio(wall[k], wall[s, v, "duckdb"]), other ? "-" : ratio(wall[k], wall[s, v, "sqlite"])
			}
		}
		print ""
	}
	if (!nsizes)
		exit
	L = sizes[nsizes]; S = sizes[1]
	printf "### Targets (reported, not tested; %d families unless said)\n\n", L
	print "Figures are wall time, with the same ratio in CPU time beside them. The floor: what no run"
	print "could beat on this machine whatever its code, from the floor rows' CPU time (reading and"
	print "hashing what every run hashes for its receipt, nothing parsed or judged), shared perfectly"
	print "between 2 cores.\n"
	print "| target | figure | goal | | floor (this machine) |"
	print "|---|--:|--:|---|--:|"
	big = "1000000"
	fin = floor_cpu(L, "hashin"); fout = floor_cpu(L, "hashout"); fev = floor_cpu(L, "hashev")
	if (has(big, "sorted", "devon"))
		target("1M families, full Devon plan" (threads == "yes" ? ", 2 threads" : " (1 thread: no -j)"),
			wall[big, "sorted", "devon"] " s", "< 1.0 s", wall[big, "sorted", "devon"] < 1.0,
			L == big && fin >= 0 && fout >= 0 ? sprintf(">= %.2f s", (fin + fout) / 2) : "")
	else
		target("1M families, full Devon plan, 2 threads", "not run (BENCH_SIZES)", "< 1.0 s", "")
	for (vi = 1; vi <= 2; vi++) {
		v = vi == 1 ? "sorted" : "shuffled"
		x = div(wall[L, v, "duckdb"], wall[L, v, "restricted"])
		target("restricted rules vs DuckDB, " v, f2(x) "x faster" cpux(L, v, "duckdb", "restricted"), ">= 6x", x >= 6)
		x = div(wall[L, v, "sqlite"], wall[L, v, "restricted"])
		target("restricted rules vs SQLite, " v, f2(x) "x faster" cpux(L, v, "sqlite", "restricted"), ">= 25x", x >= 25)
	}
	if (has(L, "sorted", "parse")) {
		x = div(wall[L, "sorted", "devon"], wall[L, "sorted", "parse"])
		target("evaluation's cost over --parse-only", sprintf("%+.0f%%", 100 * (x - 1)) \
			sprintf(" (CPU: %+.0f%%)", 100 * (div(cpu[L, "sorted", "devon"], cpu[L, "sorted", "parse"]) - 1)), "<= +50%", x <= 1.5,
			fout >= 0 ? sprintf(">= %+.0f%%", 100 * div(fout / 2, wall[L, "sorted", "parse"])) : "")
		x = div(bytes[L, "sorted"], cpu[L, "sorted", "parse"]) / 1e9
		target("reader, per core (bytes / CPU s of --parse-only)", f2(x) " GB/s", ">= 1 GB/s", x >= 1,
			fin > 0 ? sprintf("<= %.2f GB/s", bytes[L, "sorted"] / fin / 1e9) : "")
	} else {
		target("evaluation's cost over --parse-only", NA, "<= +50%", "")
		target("reader, per core", NA, ">= 1 GB/s", "")
	}
	x = rss[L, "sorted", "devon"] / 1024
	target("peak memory, family-sorted input", sprintf("%.0f MB", x), "< 64 MB", x < 64)
	x = div(rss[L, "shuffled", "devon"], rss[L, "shuffled", "duckdb"])
	target("peak memory, shuffled input, vs DuckDB's", sprintf("%.0f MB, %.2fx DuckDB's", rss[L, "shuffled", "devon"] / 1024, x),
		"<= 0.5x", x <= 0.5)
	if (has(L, "sorted", "devon1")) {
		x = div(wall[L, "sorted", "devon1"], wall[L, "sorted", "devon"])
		target("2 threads vs 1 (wall time)", f2(x) "x", ">= 1.7x", x >= 1.7)
	} else
		target("2 threads vs 1", NA, ">= 1.7x", "")
	if (L != S) {
		x = div(wall[L, "sorted", "devon"], wall[S, "sorted", "devon"])
		target(sprintf("%d families vs %d (%dx the families)", L, S, L / S), f2(x) "x" \
			sprintf(" (CPU: %.2fx)", div(cpu[L, "sorted", "devon"], cpu[S, "sorted", "devon"])),
			sprintf("<= %.0fx", 1.1 * L / S), x <= 1.1 * L / S)
	}
	x = div(wall[L, "sorted", "evidence"], wall[L, "sorted", "devon"])
	target("--evidence vs without", f2(x) "x" cpux(L, "sorted", "evidence", "devon"), "<= 1.5x", x <= 1.5,
		fev >= 0 ? sprintf(">= %.2fx", 1 + div(fev / 2, wall[L, "sorted", "devon"])) : "")
	x = wall["-", "-", "ehpc"]
	target("ehpc compiles plans/devon.ehp", sprintf("%.0f ms", 1000 * x), "< 50 ms", x < 0.05)
}
