#!/usr/bin/env python3
"""Open the 进展汇总 Word files the e2e run downloaded with python-docx and LibreOffice headless:
公文 layout (A4, margins 上37 下35 左28 右26 mm, title 方正小标宋简体 二号, body 仿宋_GB2312 三号,
一、 headings 黑体, （一） headings 楷体_GB2312, footer "— PAGE —"), the paragraphs in order
(title, as-of line, summary, headings, 1.工作进展 …, the unreported list), and that LibreOffice
renders it to PDF with the expected page count range.

Needs the e2e run's downloads (LUOSHI_E2E_OUT/downloads): the report test saves a .docx there.
Run from the repository root: /usr/bin/python3 tests/docx_check.py
"""

import re
import sys

from office_common import downloads, ensure_modules, to_pdf

ensure_modules("docx", "pypdf")
import docx  # noqa: E402
from docx.shared import Mm  # noqa: E402

failures = []


def check(condition, message):
    if not condition:
        failures.append(message)


def east_asia_font(style):
    rpr = style.element.rPr
    if rpr is None or rpr.rFonts is None:
        return None
    return rpr.rFonts.get("{http://schemas.openxmlformats.org/wordprocessingml/2006/main}eastAsia")


def check_docx(path):
    name = path.name
    document = docx.Document(str(path))
    section = document.sections[0]
    check(abs(section.page_width - Mm(210)) < Mm(1) and abs(section.page_height - Mm(297)) < Mm(1), f"{name}: A4")
    for label, value, mm in [("top", section.top_margin, 37), ("bottom", section.bottom_margin, 35),
                             ("left", section.left_margin, 28), ("right", section.right_margin, 26)]:
        check(abs(value - Mm(mm)) < Mm(0.5), f"{name}: {label} margin {value.mm:.1f} mm")
    styles = document.styles
    check(east_asia_font(styles["Title"]) == "方正小标宋简体" and styles["Title"].font.size.pt == 22,
          f"{name}: title 方正小标宋简体 二号")
    check(east_asia_font(styles["Normal"]) == "仿宋_GB2312" and styles["Normal"].font.size.pt == 16,
          f"{name}: body 仿宋_GB2312 三号")
    check(east_asia_font(styles["Heading 1"]) == "黑体", f"{name}: 一、 in 黑体")
    check(east_asia_font(styles["Heading 2"]) == "楷体_GB2312", f"{name}: （一） in 楷体")
    footer = section.footer.paragraphs[0]
    check(footer.text.startswith("— ") and footer.text.endswith(" —"), f"{name}: footer {footer.text!r}")
    check("PAGE" in footer._p.xml, f"{name}: footer has a PAGE field")

    paragraphs = document.paragraphs
    texts = [p.text for p in paragraphs]
    check(paragraphs[0].style.name == "Title" and texts[0].endswith("进展情况"), f"{name}: title {texts[0]!r}")
    # A title too long for one line of 二号 breaks before the period, no line of it over 20
    # characters and none a lone character.
    title_lines = texts[0].split("\n")
    check(all(1 < len(line) <= 20 for line in title_lines) or len(title_lines) == 1,
          f"{name}: title lines {title_lines}")
    check(len(texts[0].replace("\n", "")) <= 20 or len(title_lines) == 2, f"{name}: long title not broken {texts[0]!r}")
    check(not re.search(r"(\d{4}年).*\1第", texts[0]), f"{name}: doubled year in {texts[0]!r}")
    summary = next((t for t in texts if "纳入汇总的任务共" in t), "")
    check(summary, f"{name}: no summary paragraph")
    headings1 = [t for p, t in zip(paragraphs, texts) if p.style.name == "Heading 1"]
    headings2 = [t for p, t in zip(paragraphs, texts) if p.style.name == "Heading 2"]
    check(headings1 and all(re.match(r"^[一二三四五六七八九十]+、", h) for h in headings1), f"{name}: 一、 headings {headings1[:3]}")
    check(all(re.match(r"^（[一二三四五六七八九十]+）", h) for h in headings2), f"{name}: （一） headings {headings2[:3]}")
    check(any(t.startswith("1.工作进展：") for t in texts) or not headings2, f"{name}: 1.工作进展 items")
    for p, t in zip(paragraphs, texts):
        if t.startswith(("1.工作进展：", "2.存在问题：", "3.下步计划：")):
            check(p.runs[0].bold, f"{name}: item lead not bold: {t[:12]}")
    ours = [t for t in texts if t.startswith(("进展状态", "牵头单位", "参与单位")) or t == summary] + headings1
    for t in ours:
        check(not re.search(r"[\u4e00-\u9fff][:;,]|[:;,][\u4e00-\u9fff]", t),
              f"{name}: ASCII punctuation between Chinese words: {t[:40]!r}")
    for t in texts[1:]:
        check(not t.startswith(("；", "，", "。")), f"{name}: paragraph starts with punctuation: {t[:20]!r}")
        # A line break inside a justified paragraph spreads the line before it across the page.
        check("\n" not in t, f"{name}: line break inside a paragraph: {t[:20]!r}")
    pdf, pages, text = to_pdf(path)
    check(pages >= 1, f"{name}: LibreOffice rendered no page")
    check(texts[0][:8] in text.replace(" ", "").replace("\n", ""), f"{name}: title not in the PDF")
    check("—1—" in text.replace(" ", ""), f"{name}: page number “— 1 —” not rendered")
    print(f"checked {name}: {len(paragraphs)} paragraphs, {len(headings1)} 一、 headings, "
          f"{len(headings2)} （一） headings; LibreOffice: {pages} page(s)")


def main():
    found = downloads()
    files = sorted(found.glob("*.docx")) if found else []
    if not files:
        print("FAILED: no .docx in the e2e downloads: run the e2e suite first "
              "(node e2e/run.mjs ledger-files)", file=sys.stderr)
        return 1
    for path in files:
        check_docx(path)
    if failures:
        print("\n".join(["FAILED:"] + failures), file=sys.stderr)
        return 1
    print("docx check: ok")
    return 0


if __name__ == "__main__":
    sys.exit(main())
