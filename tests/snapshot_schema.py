#!/usr/bin/env python3
"""Validate real snapshot exports against schema/luoshi.snapshot.v1.schema.json with an independent
validator (python jsonschema, draft 2020-12), and check that broken variants fail.

The exports are written by `cargo run --example export_snapshot` (the seed document with a scripted
ledger: every kind of field, markup in report text, an added and a hidden target). Run from the
repository root: python3 tests/snapshot_schema.py
"""

import copy
import json
import os
import pathlib
import subprocess
import sys

import jsonschema

ROOT = pathlib.Path(__file__).resolve().parent.parent
OUT = ROOT / "target" / "snapshot-check"
SCHEMA_PATH = ROOT / "schema" / "luoshi.snapshot.v1.schema.json"
VALID_FIXTURES = ROOT / "tests" / "fixtures" / "snapshot" / "good"


def export_files():
    subprocess.run(
        ["cargo", "run", "--quiet", "--offline", "--example", "export_snapshot", "--", str(OUT)],
        cwd=ROOT,
        check=True,
        stdout=subprocess.DEVNULL,
    )
    return [OUT / "export-all.json", OUT / "export-view.json"]


def main():
    schema = json.loads(SCHEMA_PATH.read_text(encoding="utf-8"))
    jsonschema.Draft202012Validator.check_schema(schema)
    validator = jsonschema.Draft202012Validator(
        schema, format_checker=jsonschema.Draft202012Validator.FORMAT_CHECKER
    )
    failures = []

    exports = export_files()
    snapshots = {}
    for path in exports + sorted(VALID_FIXTURES.glob("*.json")):
        snapshot = json.loads(path.read_text(encoding="utf-8-sig"))
        errors = sorted(validator.iter_errors(snapshot), key=lambda e: list(e.path))
        for error in errors:
            failures.append(f"{path.name}: {'/'.join(map(str, error.path))}: {error.message}")
        snapshots[path.name] = snapshot
        print(f"valid: {path.name} ({len(snapshot['tasks'])} tasks)")

    # Snapshots the app downloaded in the e2e run (scripts/test.sh sets LUOSHI_E2E_OUT), if any.
    downloads = pathlib.Path(os.environ.get("LUOSHI_E2E_OUT", ROOT / "e2e" / "out")) / "downloads"
    for path in sorted(downloads.glob("*.json")) if downloads.is_dir() else []:
        snapshot = json.loads(path.read_text(encoding="utf-8-sig"))
        if not isinstance(snapshot, dict) or snapshot.get("format") != "luoshi.snapshot":
            continue
        for error in validator.iter_errors(snapshot):
            failures.append(f"download {path.name}: {'/'.join(map(str, error.path))}: {error.message}")
        print(f"valid download: {path.name}")

    full = snapshots["export-all.json"]
    # A whole export carries the tasks with something recorded, in document order, not the seed's
    # words for the others.
    annotated = [t for t in full["tasks"] if t["annotation"].get("history")]
    if len(annotated) < 3:
        failures.append("export-all.json: the scripted ledger should annotate at least 3 tasks")
    if len(annotated) != len(full["tasks"]):
        failures.append(f"export-all.json: {len(full['tasks']) - len(annotated)} tasks with nothing recorded")
    numbers = [t["number"] for t in full["tasks"]]
    if numbers != sorted(numbers):
        failures.append(f"export-all.json: tasks out of document order: {numbers}")
    task1 = full["tasks"][0]["annotation"]
    if "<script>" not in task1["reports"]["2023Q2"]["progress_text"]:
        failures.append("export-all.json: markup in report text should be kept verbatim")
    if full["scope"] != {"kind": "all"} or snapshots["export-view.json"]["scope"]["kind"] != "view":
        failures.append("scope: expected all / view")

    # Each of these breaks one rule; every one must be rejected.
    def broken(name, mutate):
        snapshot = copy.deepcopy(full)
        mutate(snapshot)
        if validator.is_valid(snapshot):
            failures.append(f"broken variant passed validation: {name}")
        else:
            print(f"rejected as expected: {name}")

    def set_in(path, value):
        def mutate(s):
            target = s
            for key in path[:-1]:
                target = target[key]
            target[path[-1]] = value
        return mutate

    def drop(key):
        return lambda s: s.pop(key)

    broken("no tasks", drop("tasks"))
    broken("no format", drop("format"))
    broken("other format", set_in(["format"], "luoshi.ledger"))
    broken("future version", set_in(["version"], 2))
    broken("version as text", set_in(["version"], "1"))
    broken("fingerprint not hex", set_in(["document", "fingerprint"], "not-a-digest"))
    broken("exported_by without unit", set_in(["exported_by"], {"name": "张三"}))
    broken("unknown scope", set_in(["scope"], {"kind": "some"}))
    broken("task number as text", set_in(["tasks", 0, "number"], "1"))
    broken("progress above 100", set_in(["tasks", 0, "annotation", "progress"], 150))
    broken("unknown status", set_in(["tasks", 0, "annotation", "status"], {"kind": "finished"}))
    broken("other without reason", set_in(["tasks", 0, "annotation", "status"], {"kind": "other"}))
    broken("bad period key", set_in(["tasks", 0, "annotation", "reports"], {"2023Q5": {}}))
    broken("actual as text", set_in(["tasks", 0, "annotation", "actuals"], {"0": "12"}))
    broken("history entry without who", lambda s: s["tasks"][0]["annotation"]["history"][0].pop("who"))
    broken("bad due date", set_in(["tasks", 0, "annotation", "due"], "30/06/2023"))
    broken("tasks not a list", set_in(["tasks"], {"1": {}}))

    if failures:
        print("\n".join(["FAILED:"] + failures), file=sys.stderr)
        return 1
    print("snapshot schema: ok")
    return 0


if __name__ == "__main__":
    sys.exit(main())
