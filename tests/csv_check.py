#!/usr/bin/env python3
"""Read the 督办台账 CSV that the app downloaded in the e2e test
'CSV 台账：以公式字符开头的文字加撇号，数字不变' (e2e/out/csv-injection.csv) with python's csv
module, an independent reader, and check that no cell can run in a spreadsheet: no cell starts with
a formula character (= + - @, tab, CR, or full-width ＝＋－＠) unless it is a plain number, the
typed formula-like texts are there behind the protective apostrophe, and no C0 control character
(NUL included) is left.

Run from the repository root after the e2e suite: python3 tests/csv_check.py
"""

import csv
import io
import os
import pathlib
import re
import sys

ROOT = pathlib.Path(__file__).resolve().parent.parent
OUT = pathlib.Path(os.environ.get("LUOSHI_E2E_OUT", ROOT / "e2e" / "out"))
CSV = OUT / "csv-injection.csv"
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r", "＝", "＋", "－", "＠")
PLAIN_NUMBER = re.compile(r"^[+-]?\d+(\.\d+)?%?$")
# What the e2e test typed into task 1 (e2e/tests/hardening.mjs HOSTILE).
TYPED = [
    '=HYPERLINK("http://example.invalid","点我")',
    "+1+cmd|' /C calc'!A0",
    "＠SUM(A1)\t-2+3",
    "-2+3",
]

failures = []


def check(ok, what):
    print(("ok   " if ok else "FAIL ") + what)
    if not ok:
        failures.append(what)


def main():
    if not CSV.exists():
        print(f"FAIL {CSV} missing: run the e2e test first (node e2e/run.mjs hardening)")
        return 1
    raw = CSV.read_bytes()
    check(raw.startswith(b"\xef\xbb\xbf"), "UTF-8 BOM")
    rows = list(csv.reader(io.StringIO(raw.decode("utf-8-sig"), newline="")))
    check(len(rows) == 72, f"header + 71 task rows (got {len(rows)})")
    unsafe = []
    controls = []
    for r, row in enumerate(rows):
        for c, cell in enumerate(row):
            if cell.startswith(FORMULA_STARTS) and not PLAIN_NUMBER.match(cell):
                unsafe.append((r, c, cell))
            if any(ord(ch) < 0x20 and ch not in "\t\n\r" for ch in cell):
                controls.append((r, c, cell))
    check(not unsafe, f"no cell starts with a formula character unless a plain number {unsafe[:3]}")
    check(not controls, f"no C0 control characters {controls[:3]}")
    cells = {cell for row in rows for cell in row}
    for typed in TYPED:
        check("'" + typed in cells, f"typed text kept behind an apostrophe: {typed!r}")
    task1 = next((row for row in rows[1:] if row and row[0] == "1"), [])
    check(task1[5:7] == ["滞后", "35%"], f"status and progress as typed: {task1[5:7]}")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
