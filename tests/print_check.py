#!/usr/bin/env python3
"""Read the printed 督办台账 (the PDF Chromium printed in the e2e test
'打印台账：只打印当前视图的台账表格', e2e/out/print-ledger.pdf) with pypdf, an independent reader,
and check what a clerk needs from paper: A4 landscape, the title on page 1, the header row repeated
on every page, and 第 i 页 / 共 n 页 at the foot of every page.

Run from the repository root after the e2e suite: python3 tests/print_check.py
"""

import os
import pathlib
import re
import sys
import unicodedata

from pypdf import PdfReader

ROOT = pathlib.Path(__file__).resolve().parent.parent
OUT = pathlib.Path(os.environ.get("LUOSHI_E2E_OUT", ROOT / "e2e" / "out"))
PDF = OUT / "print-ledger.pdf"

failures = []

# Noto Sans/Serif CJK (fonts-noto-cjk, what setup.sh installs) map some glyphs in their ToUnicode
# tables to radical code points, so a PDF reader extracts 页 as ⻚ (CJK Radicals Supplement) and 工
# as ⼯ (Kangxi Radicals). NFKC folds the Kangxi block; the supplement has no decomposition, so the
# radicals that stand for a whole simplified character are mapped here.
RADICALS = {
    "⺠": "民", "⻅": "见", "⻆": "角", "⻉": "贝", "⻋": "车", "⻓": "长", "⻔": "门", "⻘": "青",
    "⻚": "页", "⻛": "风", "⻜": "飞", "⻝": "食", "⻢": "马", "⻣": "骨", "⻤": "鬼", "⻥": "鱼",
    "⻦": "鸟", "⻨": "麦", "⻩": "黄", "⻪": "黾", "⻬": "齐", "⻮": "齿", "⻰": "龙", "⻳": "龟",
}


def readable(text):
    text = unicodedata.normalize("NFKC", text)
    return "".join(RADICALS.get(c, c) for c in text)


def check(ok, what):
    print(("ok   " if ok else "FAIL ") + what)
    if not ok:
        failures.append(what)


def main():
    if not PDF.exists():
        print(f"FAIL {PDF} missing: run the e2e suite first (node e2e/run.mjs exchange)")
        return 1
    reader = PdfReader(str(PDF))
    pages = reader.pages
    n = len(pages)
    check(n >= 2, f"{n} pages (71 tasks do not fit on one)")
    box = pages[0].mediabox
    width, height = float(box.width), float(box.height)
    # A4 is 595 × 842 pt; landscape puts the long side across.
    check(abs(width - 842) < 3 and abs(height - 595) < 3, f"A4 landscape ({width:.0f} × {height:.0f} pt)")
    texts = [re.sub(r"\s+", " ", readable(page.extract_text() or "")) for page in pages]
    check("重点工作任务" in texts[0], "the document title is on page 1")
    check("截至" in texts[0], "the as-of line is on page 1")
    for i, text in enumerate(texts, start=1):
        check(re.search(rf"第 ?{i} ?页 ?/ ?共 ?{n} ?页", text) is not None, f"page {i}: 第 {i} 页 / 共 {n} 页")
        check("序号" in text and "牵头单位" in text, f"page {i}: the header row")
    every_task = " ".join(texts)
    check("提升企业技术创新能力" in every_task and "组织宣传推介" in every_task,
          "the first task and the last (71) are printed")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
