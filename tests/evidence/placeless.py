#!/usr/bin/env python3
"""placeless.py - evidence.jsonl without where its rows are, to compare two
runs that read the same families from rows in other places (docs/evidence.md).

Usage: placeless.py < evidence.jsonl > placeless.jsonl

Reads evidence.jsonl with python3's json module (it must parse) and writes
each line again, keys sorted, without the places of rows: the first line's
records_files, each family's line and its members' lines, and each test's
records, which become how many records the test cites. Two runs on the same
families say the same this way whether the files were sorted or shuffled
(tests/determinism/run.sh), or read natively or through a council's
mapping (tests/mapping/run.sh).
"""
import json
import sys


def cited(records):
    """How many records a test's [file, lines...] runs cite ([first, last] is a run of lines)."""
    return sum(n[1] - n[0] + 1 if isinstance(n, list) else 1 for run in records for n in run[1:])


def tests(ts):
    for t in ts:
        if len(t) > 7:
            t[7] = cited(t[7])


for k, line in enumerate(sys.stdin):
    o = json.loads(line)
    if k == 0:
        del o["records_files"]
    else:
        del o["line"]
        for m in o["members"]:
            del m["line"]
        for v in o["indicators"] + o["outcomes"]:
            tests(v[3])
        tests(o["eligibility"])
        tests(o["claim_rule"])
    print(json.dumps(o, sort_keys=True))
