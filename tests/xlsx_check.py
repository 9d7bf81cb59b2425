#!/usr/bin/env python3
"""Open a real 督办台账 XLSX written by the Rust writer with openpyxl (an independent reader) and
check cells, the title row, the frozen header, wrapped text, widths and status fills.

The file is written by `cargo run --example export_snapshot` (the seed with a scripted ledger).
Run from the repository root: python3 tests/xlsx_check.py
"""

import csv
import io
import os
import pathlib
import subprocess
import sys

import openpyxl

ROOT = pathlib.Path(__file__).resolve().parent.parent
OUT = ROOT / "target" / "xlsx-check"
COLUMNS = ["序号", "任务", "牵头单位", "参与单位", "目标及完成", "状态", "进度", "序时",
           "本期工作进展", "存在问题", "下步计划", "责任人", "更新时间"]
# Must match STATUS_FILLS in src/export/xlsx.rs.
FILLS = {"未启动": "FFEDEDED", "序时推进": "FFC6EFCE", "超序时": "FFDDEBF7", "滞后": "FFFFC7CE",
         "已完成": "FFA9D08E", "其他": "FFFFEB9C"}


def main():
    subprocess.run(
        ["cargo", "run", "--quiet", "--offline", "--example", "export_snapshot", "--", str(OUT)],
        cwd=ROOT, check=True, stdout=subprocess.DEVNULL,
    )
    failures = []

    def check(condition, message):
        if not condition:
            failures.append(message)

    named = OUT / "城阳区2023重点任务-区科技局-2023Q2.xlsx"
    check(named.exists(), f"missing {named.name}")
    workbook = openpyxl.load_workbook(OUT / "ledger.xlsx")
    sheet = workbook.active
    check(sheet.title == "督办台账", f"sheet title {sheet.title!r}")
    title = sheet["A1"].value or ""
    check(title.startswith("青岛市城阳区深化新旧动能转换推动绿色低碳高质量发展2023年重点工作任务"), f"title row: {title!r}")
    check("截至 2023-06-30（2023年第二季度）" in title, f"as-of date in title: {title!r}")
    check(sheet["A1"].font.bold, "title bold")
    check("A1:M1" in [str(r) for r in sheet.merged_cells.ranges], "title merged across the columns")
    header = [c.value for c in sheet[2]]
    check(header == COLUMNS, f"header {header}")
    check(all(c.font.bold for c in sheet[2]), "header bold")
    check(sheet.freeze_panes == "A3", f"freeze panes {sheet.freeze_panes!r}")
    check(sheet.max_row == 73 and sheet.max_column == 13, f"size {sheet.max_row}x{sheet.max_column}")
    check(sheet.print_title_rows in ("1:2", "$1:$2"), f"print titles {sheet.print_title_rows!r}")
    check(sheet.page_setup.orientation == "landscape", "landscape")

    widths = {letter: sheet.column_dimensions[letter].width for letter in "ABCDEFGHIJKLM"}
    check(widths["B"] >= 40 and widths["A"] <= 8 and widths["I"] >= 30, f"widths {widths}")

    row = {COLUMNS[i]: cell.value for i, cell in enumerate(sheet[3])}
    check(row["序号"] == 1, f"序号 as a number: {row['序号']!r}")
    check(row["状态"] == "序时推进" and row["进度"] == "45%", f"row 1 status/progress {row}")
    check(row["牵头单位"] == "区科技局、区工业和信息化局", f"lead units {row['牵头单位']!r}")
    check("<script>alert(\"x\")</script>" in row["本期工作进展"], "markup kept as text")
    check("\n" in row["本期工作进展"], "line breaks kept")
    check(row["责任人"] == "李四（0532-87868535）", f"owner {row['责任人']!r}")
    check(row["更新时间"] == "2023-06-20 09:10", f"updated {row['更新时间']!r}")
    check(sheet["B3"].alignment.wrap_text and sheet["I3"].alignment.wrap_text, "wrapped text")

    seen = set()
    for cells in sheet.iter_rows(min_row=3):
        status = cells[5].value or ""
        key = "其他" if status.startswith("其他") else status
        check(key in FILLS, f"row {cells[0].row}: unknown status {status!r}")
        fill = cells[5].fill
        check(fill.fill_type == "solid" and fill.fgColor.rgb == FILLS.get(key),
              f"row {cells[0].row}: fill {fill.fill_type} {fill.fgColor.rgb} for {status}")
        seen.add(key)
    check({"序时推进", "滞后", "其他", "未启动"} <= seen, f"statuses seen {seen}")
    check(sheet["F4"].value == "其他：指标调整", f"other with reason {sheet['F4'].value!r}")

    # The CSV of the same sheet says the same thing, cell for cell.
    raw = (OUT / "ledger.csv").read_bytes()
    check(raw.startswith(b"\xef\xbb\xbf"), "CSV BOM")
    records = list(csv.reader(io.StringIO(raw[3:].decode("utf-8"), newline="")))
    check(records[0] == COLUMNS, "CSV header")
    for record, cells in zip(records[1:], sheet.iter_rows(min_row=3)):
        values = ["" if c.value is None else str(c.value) for c in cells]
        check(record == values, f"CSV/XLSX differ in row {record[0]}")

    # 台账 the app downloaded in the e2e run (scripts/test.sh sets LUOSHI_E2E_OUT), if any.
    downloads = pathlib.Path(os.environ.get("LUOSHI_E2E_OUT", ROOT / "e2e" / "out")) / "downloads"
    for path in sorted(downloads.glob("*.xlsx")) if downloads.is_dir() else []:
        downloaded = openpyxl.load_workbook(path).active
        check([c.value for c in downloaded[2]] == COLUMNS, f"download {path.name}: header")
        check(downloaded.freeze_panes == "A3", f"download {path.name}: frozen header")
        print(f"checked download: {path.name}")

    if failures:
        print("\n".join(["FAILED:"] + failures), file=sys.stderr)
        return 1
    print(f"xlsx check: ok ({sheet.max_row - 2} tasks)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
