#!/usr/bin/env python3
"""Open the 督办台账 XLSX written by the Rust writer with openpyxl (an independent reader) and
LibreOffice headless (it must convert to PDF), and check the WPS-template layout: columns, section
rows, % numbers, fonts, wrapped text, borders, print setup, frozen header, autofilter, status
fills, the 指标完成 sheet (its 完成率 formulas calculated by LibreOffice and compared with the
ledger's rule), the 报送情况 sheet; a whole-year download is named after the year.

Files: the seed with a scripted ledger, written by `cargo run --example export_snapshot`; and
every .xlsx the e2e run downloaded (the multi-period 台账, a unit's sheet and its filled-in copy,
进展汇总's own workbook), when LUOSHI_E2E_OUT/downloads has them.
Run from the repository root: /usr/bin/python3 tests/xlsx_check.py
"""

import json
import shutil
import subprocess
import sys
import tempfile

import pathlib

from office_common import ROOT, downloads, ensure_modules, to_pdf

ensure_modules("openpyxl", "pypdf")
import openpyxl  # noqa: E402

OUT = ROOT / "target" / "xlsx-check"
LEFT = ["序号", "任务", "牵头单位", "责任单位（参与）", "完成时限", "目标及完成"]
GROUP = ["完成情况", "进度", "序时", "工作进展", "存在问题", "下步计划"]
RIGHT = ["责任人", "联系电话", "备注"]
# Must match STATUS_FILLS in src/export/xlsx.rs.
FILLS = {"未启动": "FFEDEDED", "序时推进": "FFC6EFCE", "超序时": "FFDDEBF7", "滞后": "FFFFC7CE",
         "已完成": "FFA9D08E", "其他": "FFFFEB9C"}

failures = []


def check(condition, message):
    if not condition:
        failures.append(message)


def check_ledger_sheet(name, sheet, periods=None):
    """The 督办台账 sheet's fixed layout; returns {task number: {heading: cell}} of the first
    period group."""
    check(sheet.title == "督办台账", f"{name}: sheet title {sheet.title!r}")
    check((sheet["A1"].value or "").endswith(("督办台账", "）")), f"{name}: title {sheet['A1'].value!r}")
    check(sheet["A1"].font.bold and sheet["A1"].font.name == "宋体", f"{name}: title font")
    check((sheet["A2"].value or "").startswith("截至 "), f"{name}: as-of line {sheet['A2'].value!r}")
    check((sheet["A3"].value or "").startswith("导入标识：文档 "), f"{name}: identification {sheet['A3'].value!r}")
    top = [c.value for c in sheet[4]]
    sub = [c.value for c in sheet[5]]
    groups = (len(top) - len(LEFT) - len(RIGHT)) // len(GROUP)
    check(groups >= 1, f"{name}: no period group in {top}")
    check(top[:len(LEFT)] == LEFT, f"{name}: left headings {top[:len(LEFT)]}")
    check(top[-len(RIGHT):] == RIGHT, f"{name}: right headings {top[-len(RIGHT):]}")
    labels = [top[len(LEFT) + g * len(GROUP)] for g in range(groups)]
    if periods:
        check(labels == periods, f"{name}: period groups {labels}")
    for g in range(groups):
        start = len(LEFT) + g * len(GROUP)
        check(sub[start:start + len(GROUP)] == GROUP, f"{name}: group {g} headings {sub[start:start + len(GROUP)]}")
    check(all(c.font.bold for c in sheet[4] if c.value), f"{name}: header bold")
    check(sheet.freeze_panes == "C6", f"{name}: freeze panes {sheet.freeze_panes!r}")
    check(sheet.print_title_rows in ("1:5", "$1:$5"), f"{name}: print titles {sheet.print_title_rows!r}")
    check((sheet.auto_filter.ref or "").startswith("A5:"), f"{name}: autofilter {sheet.auto_filter.ref!r}")
    setup = sheet.page_setup
    check(setup.orientation == "landscape" and str(setup.paperSize) == "9", f"{name}: A4 landscape")
    check(sheet.sheet_properties.pageSetUpPr.fitToPage and setup.fitToWidth in (1, "1"), f"{name}: fit to width")
    merged = [str(r) for r in sheet.merged_cells.ranges]
    rows = {}
    sections = 0
    for cells in sheet.iter_rows(min_row=6):
        first = cells[0].value
        if isinstance(first, str) and "、" in first:
            sections += 1
            check(any(r.startswith(f"A{cells[0].row}:") for r in merged), f"{name}: section row {cells[0].row} merged")
            continue
        if first is None:
            continue
        check(isinstance(first, (int, float)), f"{name}: 序号 as a number in row {cells[0].row}: {first!r}")
        values = {h: cells[i].value for i, h in enumerate(LEFT)}
        start = len(LEFT)
        for i, h in enumerate(GROUP):
            values[h] = cells[start + i].value
        for i, h in enumerate(RIGHT):
            values[h] = cells[len(top) - len(RIGHT) + i].value
        status_cell, progress_cell, body = cells[start], cells[start + 1], cells[1]
        check(progress_cell.number_format == "0%", f"{name}: progress format {progress_cell.number_format!r}")
        check(body.font.name == "仿宋" and body.alignment.wrap_text, f"{name}: body font/wrap row {cells[0].row}")
        check(body.border.left.style == "thin", f"{name}: borders row {cells[0].row}")
        status = status_cell.value or ""
        key = "其他" if status.startswith("其他") else status
        if key in FILLS:
            check(status_cell.fill.fgColor.rgb == FILLS[key], f"{name}: fill for {status}")
        rows[int(first)] = values
    check(sections >= 1, f"{name}: no section rows")
    return rows


def check_units_sheet(name, sheet):
    check(sheet.title == "报送情况", f"{name}: second sheet {sheet.title!r}")
    header = [c.value for c in sheet[2]]
    check(header[:3] == ["单位", "牵头任务", "参与任务"], f"{name}: units header {header}")
    check(sheet.max_row > 2, f"{name}: no units listed")


TARGET_HEADINGS = ["序号", "指标序号", "任务", "指标（原文）", "目标值", "单位", "实际完成值", "完成率"]
TOLERANCE = 0.05  # ledger::ABOUT_TOLERANCE


def check_targets_sheet(name, sheet):
    """The 指标完成 sheet: one row per target, 实际完成值 fillable (numbers only), 完成率 a
    formula; returns {(task, place): row number}."""
    check(sheet.title == "指标完成", f"{name}: targets sheet {sheet.title!r}")
    check((sheet["A1"].value or "").endswith(("指标完成情况", "）")), f"{name}: targets title {sheet['A1'].value!r}")
    check("实际完成值" in (sheet["A2"].value or ""), f"{name}: how-to line {sheet['A2'].value!r}")
    check([c.value for c in sheet[3]] == TARGET_HEADINGS, f"{name}: targets header {[c.value for c in sheet[3]]}")
    check(sheet.print_title_rows in ("1:3", "$1:$3"), f"{name}: targets print titles {sheet.print_title_rows!r}")
    check(sheet.freeze_panes == "A4", f"{name}: targets freeze panes {sheet.freeze_panes!r}")
    rows = {}
    for cells in sheet.iter_rows(min_row=4):
        task, place = cells[0].value, cells[1].value
        if not isinstance(task, (int, float)):
            continue
        actual, rate = cells[6], cells[7]
        check(isinstance(cells[4].value, (int, float)), f"{name}: 目标值 as a number in row {cells[0].row}")
        check(actual.fill.fgColor.rgb == "FFFFF2CC", f"{name}: 实际完成值 fill in row {cells[0].row}")
        check(actual.border.left.style == "thin", f"{name}: borders in row {cells[0].row}")
        check(isinstance(rate.value, str) and rate.value.startswith("=IF(ISNUMBER(G"),
              f"{name}: 完成率 formula in row {cells[0].row}: {rate.value!r}")
        check(rate.number_format == "0%", f"{name}: 完成率 format {rate.number_format!r}")
        rows[(int(task), int(place))] = cells[0].row
    validations = [str(v.sqref) for v in sheet.data_validations.dataValidation if v.type == "decimal"]
    if rows:
        check(validations == [f"G4:G{max(rows.values())}"], f"{name}: number-only 实际完成值 {validations}")
    return rows


def completion(comparator, value, actual):
    """ledger::completion, written again: 1 when met, else the share reached below 0.99."""
    met = {
        "at_least": actual >= value, "reach": actual >= value, "exceed": actual > value,
        "more_than": actual > value, "at_most": actual <= value,
        "about": abs(actual - value) <= TOLERANCE * abs(value),
    }[comparator]
    if met:
        return 1.0
    backwards = comparator == "at_most" or (comparator == "about" and actual > value)
    num, den = (value, actual) if backwards else (actual, value)
    return max(0.0, min(0.99, num / den)) if den > 0 else 0.0


def check_completion_formulas(path, rows):
    """Fill every 实际完成值 (below, at and above the target), let LibreOffice calculate, and
    compare each 完成率 with the ledger's rule for the target's comparator (from the CLI parse)."""
    parsed = subprocess.run(
        ["cargo", "run", "--quiet", "--offline", "--bin", "luoshi", "--", "parse",
         str(ROOT / "seeds" / "chengyang-2023-key-tasks.txt")],
        cwd=ROOT, check=True, capture_output=True, text=True,
    ).stdout
    targets = {t["number"]: t["targets"] for t in json.loads(parsed)["tasks"]}
    book = openpyxl.load_workbook(path)
    sheet = book["指标完成"]
    expected = {}
    factors = [0.5, 1.0, 1.03, 1.2, 0.0]
    shares = 0
    for i, ((task, place), row) in enumerate(sorted(rows.items())):
        if place > len(targets[task]):
            continue  # a hand-added target: its comparator is not in the parse
        target = targets[task][place - 1]
        actual = round(target["value"] * factors[i % len(factors)], 2)
        typed = actual
        if target.get("unit") == "%" and target["value"] > 1 and 0 < actual <= 100:
            typed = actual / 100  # 85% typed into Excel is stored as 0.85
            shares += 1
        sheet.cell(row=row, column=7, value=typed)
        expected[row] = completion(target["comparator"], target["value"], actual)
    work = pathlib.Path(tempfile.mkdtemp(prefix="luoshi-formulas-"))
    filled = work / "filled.xlsx"
    book.save(filled)
    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    out = work / "out"
    subprocess.run(
        [soffice, f"-env:UserInstallation=file://{work / 'profile'}", "--headless", "--convert-to", "xlsx",
         "--outdir", str(out), str(filled)],
        check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, timeout=240,
    )
    calculated = openpyxl.load_workbook(out / "filled.xlsx", data_only=True)["指标完成"]
    comparators = set()
    for row, want in expected.items():
        got = calculated.cell(row=row, column=8).value
        check(isinstance(got, (int, float)) and abs(got - want) < 1e-9,
              f"完成率 in row {row}: LibreOffice {got!r}, the ledger's rule {want!r}")
    for task, items in targets.items():
        comparators.update(t["comparator"] for t in items)
    check(shares > 0, "no percentage target typed as a share")
    print(f"  LibreOffice calculated {len(expected)} 完成率 formulas ({', '.join(sorted(comparators))}; "
          f"{shares} percentages typed as Excel stores them) as the ledger does")


def check_pdf(path, needle):
    pdf, pages, text = to_pdf(path)
    check(pages >= 1, f"{path.name}: LibreOffice rendered no page")
    check(needle in text.replace(" ", ""), f"{path.name}: {needle!r} not in the PDF text")
    print(f"  LibreOffice: {path.name} -> {pages} page(s)")


def main():
    subprocess.run(
        ["cargo", "run", "--quiet", "--offline", "--example", "export_snapshot", "--", str(OUT)],
        cwd=ROOT, check=True, stdout=subprocess.DEVNULL,
    )
    path = OUT / "ledger.xlsx"
    book = openpyxl.load_workbook(path)
    check(book.sheetnames == ["督办台账", "指标完成", "报送情况"], f"sheets {book.sheetnames}")
    rows = check_ledger_sheet("ledger.xlsx", book["督办台账"], ["2023年第二季度"])
    check_units_sheet("ledger.xlsx", book["报送情况"])
    target_rows = check_targets_sheet("ledger.xlsx", book["指标完成"])
    check((1, 1) in target_rows and (2, 1) not in target_rows and (2, 3) in target_rows,
          "targets: task 2's hidden target left out, its hand-added one listed")
    check(book["指标完成"].cell(row=target_rows.get((1, 1), 4), column=7).value == 1, "task 1's actual")
    check_completion_formulas(path, target_rows)
    one = rows.get(1, {})
    check(one.get("完成情况") == "序时推进" and one.get("进度") == 0.45, f"row 1 status/progress {one}")
    check(one.get("牵头单位") == "区科技局、区工业和信息化局", f"lead units {one.get('牵头单位')!r}")
    check("<script>alert(\"x\")</script>" in (one.get("工作进展") or ""), "markup kept as text")
    check(one.get("完成时限") == "2023-12-31", f"完成时限 {one.get('完成时限')!r}")
    check(one.get("责任人") == "李四" and one.get("联系电话") == "0532-87868535", "责任人 and 联系电话 apart")
    check(rows.get(2, {}).get("完成情况") == "其他：指标调整", "其他 with its reason")
    check(rows.get(2, {}).get("备注") == "备注：含“引号”", "备注 column")
    check(len(rows) == 71, f"{len(rows)} task rows")
    check_pdf(path, "督办台账")

    found = downloads()
    for path in sorted(found.glob("*.xlsx")) if found else []:
        book = openpyxl.load_workbook(path)
        if "督办台账" in book.sheetnames:
            ident = book["督办台账"]["A3"].value or ""
            year = ["2023年第一季度", "2023年第二季度", "2023年第三季度", "2023年第四季度"]
            periods = year if "2023Q1、2023Q2、2023Q3、2023Q4" in ident else None
            check_ledger_sheet(path.name, book["督办台账"], periods)
            if periods:
                check(path.name.endswith("-2023全年.xlsx"), f"{path.name}: a whole year named after it")
                check((book["督办台账"]["A1"].value or "").endswith("督办台账（全年）"),
                      f"{path.name}: whole-year title {book['督办台账']['A1'].value!r}")
            if "指标完成" in book.sheetnames:
                check_targets_sheet(path.name, book["指标完成"])
            if "报送情况" in book.sheetnames:
                check_units_sheet(path.name, book["报送情况"])
            check_pdf(path, "督办台账")
        elif "进展汇总" in book.sheetnames:
            sheet = book["进展汇总"]
            check((sheet["A1"].value or "").endswith("进展情况"), f"{path.name}: title {sheet['A1'].value!r}")
            check("纳入汇总的任务共" in (sheet["A3"].value or ""), f"{path.name}: summary {sheet['A3'].value!r}")
            check([c.value for c in sheet[4]][:2] == ["序号", "任务"], f"{path.name}: header")
            check_pdf(path, "进展情况")
        else:
            check(False, f"{path.name}: unexpected sheets {book.sheetnames}")
        print(f"checked download: {path.name}")

    if failures:
        print("\n".join(["FAILED:"] + failures), file=sys.stderr)
        return 1
    print("xlsx check: ok")
    return 0


if __name__ == "__main__":
    sys.exit(main())
