#!/usr/bin/env python3
"""check.py - evidence.jsonl read with a real JSON parser (docs/evidence.md).

Usage: check.py OUT_DIR DATA_DIR

OUT_DIR holds one run's evidence.jsonl and results.csv. Every line must
parse as strict JSON (no NaN or Infinity), the first describe the run and
the plan, and every later line be one family, in the order of results.csv,
agreeing with it: eligible, claimable, the indicators met and the outcomes
achieved by whom. Every test has the documented shape, names a test of
the first line's table (whose lines and columns lie in the plan file) and
a window the family lists (its days from entry), and cites records as runs from one records
file, [file, lines...], each file one the first line names (records.csv,
or a mapped run's council files, found in DATA_DIR) and each line one of
its rows (a run of lines as [first, last]); a mapped run's family and
member name their council file (families_files, people_files) and a line
of it. The verdicts whose tests found nothing ("found_nothing") are read
back as the verdicts they stand for, and every member is under a row at
most once. Prints the families checked
and the bytes per family; exits 1 on the first fault.
"""
import csv
import json
import os
import sys


def fail(msg):
    print("evidence.jsonl: " + msg)
    sys.exit(1)


def no_constant(name):
    fail("not strict JSON: " + name)


def expect(cond, msg):
    if not cond:
        fail(msg)


def main():
    out, data = sys.argv[1], sys.argv[2]
    with open(out + "/results.csv", newline="", encoding="utf-8", errors="replace") as f:
        results = list(csv.DictReader(f))
    with open(out + "/evidence.jsonl", "rb") as f:
        raw = f.read()
    expect(raw.endswith(b"\n"), "the last line is not ended")
    lines = raw.decode("utf-8").split("\n")[:-1]  # strict UTF-8: raises on a bad byte
    parsed = [json.loads(line, parse_constant=no_constant) for line in lines]
    head, families = parsed[0], parsed[1:]

    expect(head.get("ehp_evidence") == 4, "the first line is not the header")
    files = head["records_files"]
    expect(isinstance(files, list) and files and all(isinstance(n, str) and "/" not in n for n in files),
           "records_files: names without their folder")
    def line_counts(names):
        counts = []
        for name in names:
            with open(os.path.join(data, name), "rb") as f:
                counts.append(sum(1 for _ in f))
        return counts

    record_lines = line_counts(files)
    # A mapped run names its families and people files too, and a family's and
    # member's "file" indexes them; a native run has neither.
    row_files = {}
    for kind in ("families_files", "people_files"):
        expect((kind in head) == ("families_files" in head), "families_files and people_files go together")
        if kind in head:
            names = head[kind]
            expect(isinstance(names, list) and names and all(isinstance(n, str) and "/" not in n for n in names),
                   kind + ": names without their folder")
            row_files[kind] = (names, line_counts(names))

    def check_row(o, kind, where):
        expect(isinstance(o["line"], int) and o["line"] >= 2, where + ": line")
        if kind not in row_files:
            expect("file" not in o, where + ": a file named in a run that names no " + kind)
            return
        names, counts = row_files[kind]
        expect(isinstance(o.get("file"), int) and 0 <= o["file"] < len(names), where + ": file not in " + kind)
        expect(o["line"] <= counts[o["file"]], where + ": line %d not in %s" % (o["line"], names[o["file"]]))
    expect(head["test"] == ["test", "window", "measured", "result", "op", "threshold", "why", "records",
                            "subject"], "the test layout is not the documented one")
    expect(head["verdict"] == ["row", "who", "result", "tests", "exempt"], "the verdict layout")
    for k in ("name", "title", "file", "sha256"):
        expect(isinstance(head["plan"][k], str), "plan." + k)
    plan_lines = None
    if os.path.isfile(head["plan"]["file"]):
        with open(head["plan"]["file"], encoding="utf-8", errors="replace") as f:
            plan_lines = f.read().split("\n")
    plan_tests = head["tests"]
    expect(isinstance(plan_tests, list) and plan_tests, "the plan's tests")
    for k, t in enumerate(plan_tests):
        expect(isinstance(t["line"], int) and isinstance(t["column"], int) and t["line"] >= 1 and t["column"] >= 1
               and isinstance(t["text"], str) and t["text"], "test %d: line, column and text" % k)
        if plan_lines is not None:
            expect(t["line"] <= len(plan_lines) and t["column"] <= len(plan_lines[t["line"] - 1]),
                   "test %d: line %d column %d is not in %s" % (k, t["line"], t["column"], head["plan"]["file"]))
    indicators = {r["id"]: r for r in head["indicators"]}
    outcomes = {r["id"]: r for r in head["outcomes"]}
    themes = {t["name"] for t in head["themes"]}
    for r in head["indicators"] + head["outcomes"]:
        expect(r["theme"] in themes and r["scope"] in ("person", "household", "family")
               and isinstance(r["line"], int) and isinstance(r["text"], str), "row " + r["id"])

    expect(len(families) == len(results), "%d family lines for %d results" % (len(families), len(results)))
    yes = {True: "yes", False: "no", None: "no"}
    for fam, row in zip(families, results):
        fid = fam["family"]
        expect(fid == row["family_id"].lstrip("'") or "\ufffd" in fid, "family %r out of order" % fid)
        members = fam["members"]
        check_row(fam, "families_files", fid)
        for m in members:
            check_row(m, "people_files", fid + " member " + m["id"])
        windows = fam["windows"]
        # days from entry (a date when the family has none), null for no end
        day = (int, type(None)) if fam["entry"] is not None else (str, type(None))
        expect(all(isinstance(w, list) and len(w) == 2 and all(isinstance(d, day) and not isinstance(d, bool)
                                                               for d in w) for w in windows), fid + ": windows")
        expect(yes[fam["eligible"]] == row["eligible"], fid + ": eligible differs from results.csv")
        expect(yes[fam["claimable"]] == row["claimable"], fid + ": claimable differs from results.csv")
        expect(fam["data_complete"] == (row["data_complete"] == "yes"), fid + ": data_complete")
        expect(fam.get("reason", "") == row["reason"].lstrip("'"), fid + ": reason")

        def who_names(who):
            if isinstance(who, str):
                expect(who in ("household", "family"), fid + ": who " + who)
                return [who]
            expect(all(isinstance(m, int) and 0 <= m < len(members) for m in who) and who, fid + ": who")
            return [members[m]["id"] for m in who]

        def check_tests(tests, where, default_rule=False):
            for t in tests:
                expect(isinstance(t, list) and 4 <= len(t) <= 9, where + ": a test's shape")
                test, window, measured, result = t[:4]
                expect((isinstance(test, int) and 0 <= test < len(plan_tests)) or (test is None and default_rule),
                       where + ": test %r is not in the plan's tests" % test)
                expect(window is None or 0 <= window < len(windows), where + ": window")
                expect(measured is None or isinstance(measured, (int, float)), where + ": measured")
                expect(result in (True, False, None), where + ": result")
                if len(t) > 4:
                    expect(t[4] in (None, "<", "<=", ">", ">=", "="), where + ": op")
                    expect(t[5] is None or isinstance(t[5], (int, float)), where + ": threshold")
                if len(t) > 6:
                    expect(t[6] is None or isinstance(t[6], str), where + ": why")
                if len(t) > 7:
                    for k, run in enumerate(t[7]):  # [file, lines...]: records from one file
                        expect(isinstance(run, list) and len(run) >= 2 and isinstance(run[0], int)
                               and 0 <= run[0] < len(files), where + ": records not as [file, lines...]")
                        expect(k == 0 or run[0] != t[7][k - 1][0], where + ": two runs of one file side by side")
                        for n in run[1:]:
                            if isinstance(n, list):  # a run of three or more lines
                                expect(len(n) == 2 and all(isinstance(x, int) for x in n) and n[0] + 2 <= n[1],
                                       where + ": a run of record lines")
                            else:
                                expect(isinstance(n, int), where + ": a record line")
                                n = [n, n]
                            expect(2 <= n[0] and n[1] <= record_lines[run[0]],
                                   where + ": a record line not in " + files[run[0]])
                if len(t) > 8:
                    expect(t[8] in ("household", "family", "group") or 0 <= t[8] < len(members), where + ": subject")

        # found_nothing: [who, [row, test, window, ...], ...], row k the first
        # line's indicators[k], or outcomes[k - len(indicators)]
        rows = [("indicators", r["id"]) for r in head["indicators"]] + [("outcomes", r["id"]) for r in head["outcomes"]]
        verdicts = {"indicators": list(fam["indicators"]), "outcomes": list(fam["outcomes"])}
        for group in fam["found_nothing"]:
            expect(isinstance(group, list) and len(group) >= 2, fid + ": a found_nothing group")
            for entry in group[1:]:
                expect(isinstance(entry, list) and len(entry) >= 3 and len(entry) % 2 == 1
                       and isinstance(entry[0], int) and 0 <= entry[0] < len(rows), fid + ": a found_nothing entry")
                kind, row_id = rows[entry[0]]
                verdicts[kind].append([row_id, group[0], False,
                                       [[entry[k], entry[k + 1], 0, False] for k in range(1, len(entry), 2)]])
        for kind in verdicts:
            seen = set()
            for v in verdicts[kind]:
                for m in ([v[1]] if isinstance(v[1], str) else v[1]):
                    expect((v[0], m) not in seen, fid + ": %s judged twice for %s" % (v[0], m))
                    seen.add((v[0], m))
        met, achieved = [], []
        for v in verdicts["indicators"]:
            expect(v[0] in indicators and len(v) in (4, 5), fid + ": indicator entry")
            check_tests(v[3], fid + " " + v[0])
            if v[2] is True:
                met += ["%s:%s%s" % (v[0], n, " (exempt)" if len(v) == 5 and v[4] else "") for n in who_names(v[1])]
            else:
                who_names(v[1])
        for v in verdicts["outcomes"]:
            expect(v[0] in outcomes and len(v) == 4, fid + ": outcome entry")
            check_tests(v[3], fid + " " + v[0])
            if v[2] is True:
                achieved += ["%s:%s" % (v[0], n) for n in who_names(v[1])]
            else:
                who_names(v[1])
        check_tests(fam["eligibility"], fid + " eligibility")
        check_tests(fam["claim_rule"], fid + " claim rule", default_rule=True)
        # results.csv lists them in verdict order; the entries group members
        want_met = [x for x in row["indicators_met"].lstrip("'").split(";") if x]
        want_achieved = [x for x in row["outcomes_achieved"].lstrip("'").split(";") if x]
        if not any("\ufffd" in m["id"] for m in members):
            expect(sorted(met) == sorted(want_met), fid + ": indicators met %s, results.csv %s" % (met, want_met))
            expect(sorted(achieved) == sorted(want_achieved), fid + ": outcomes achieved differ from results.csv")
    print("evidence.jsonl: %d families, %d bytes a family" % (len(families), len(raw) // max(1, len(families))))


main()
