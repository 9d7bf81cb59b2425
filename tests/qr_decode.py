#!/usr/bin/env python3
"""Decode the share link's QR code with a real decoder (zxing-cpp, else zbar through pyzbar) and
compare it with the link, at the sizes people scan it at:

- the QR code the e2e test `share.mjs` rendered in Chromium on a phone-sized page (a screenshot,
  `$LUOSHI_E2E_OUT/share-qr-phone.png`, with its link in `share-link.txt`);
- the same SVG drawn at 6 cm on A4 at 300 dpi (printed) and at 18rem on a phone screen (2 device
  pixels per CSS pixel);
- the densest code the app offers (luoshi::share::MAX_QR_VERSION, written by
  `cargo run --example export_snapshot`), at the same two sizes.

Run from the repository root after the e2e: python3 tests/qr_decode.py
"""

import os
import pathlib
import re
import subprocess
import sys

from PIL import Image, ImageDraw

ROOT = pathlib.Path(__file__).resolve().parent.parent
E2E_OUT = pathlib.Path(os.environ.get("LUOSHI_E2E_OUT", ROOT / "e2e" / "out"))
EXPORT = ROOT / "target" / "qr-check"
A4_PIXELS = round(60 / 25.4 * 300)  # 6 cm at 300 dpi
PHONE_PIXELS = 18 * 16 * 2  # 18rem CSS pixels at 2 device pixels each


def decode(image):
    """The texts of the QR codes in a PIL image, by zxing-cpp or else zbar."""
    try:
        import zxingcpp

        # QR codes only, as for zbar below: another format can be "found" in a QR's modules.
        return [result.text for result in zxingcpp.read_barcodes(image, formats=zxingcpp.BarcodeFormat.QRCode)]
    except ImportError:
        from pyzbar.pyzbar import ZBarSymbol, decode as zbar_decode

        return [r.data.decode("utf-8") for r in zbar_decode(image.convert("L"), symbols=[ZBarSymbol.QRCODE])]


def rasterise(svg, pixels):
    """Draw our SVG (a viewBox of modules and one path of 1×1 squares `Mx,yh1v1h-1z`) at `pixels`."""
    size = int(re.search(r'viewBox="0 0 (\d+) \d+"', svg).group(1))
    scale = pixels / size
    image = Image.new("L", (pixels, pixels), 255)
    draw = ImageDraw.Draw(image)
    for x, y in re.findall(r"M(\d+),(\d+)h1v1h-1z", svg):
        x, y = int(x), int(y)
        draw.rectangle([round(x * scale), round(y * scale), round((x + 1) * scale) - 1, round((y + 1) * scale) - 1], fill=0)
    return image.convert("RGB")


def check(label, image, expected):
    found = decode(image)
    if found != [expected]:
        print(f"FAIL {label}: decoded {[f[:60] for f in found]} (expected the {len(expected)}-character link)")
        return False
    print(f"ok   {label}: {len(expected)} characters decoded")
    return True


def main():
    ok = True
    link_file, phone_png, svg_file = (E2E_OUT / n for n in ("share-link.txt", "share-qr-phone.png", "share-qr.svg"))
    if link_file.exists() and phone_png.exists():
        link = link_file.read_text()
        ok &= check("e2e screenshot on a phone-sized page", Image.open(phone_png).convert("RGB"), link)
        svg = svg_file.read_text()
        ok &= check("e2e link at 6 cm on A4", rasterise(svg, A4_PIXELS), link)
        ok &= check("e2e link at 18rem on a phone", rasterise(svg, PHONE_PIXELS), link)
    else:
        print(f"note: no e2e output in {E2E_OUT} (run `node e2e/run.mjs share` first); only the densest code checked")
    subprocess.run(
        ["cargo", "run", "--quiet", "--offline", "--example", "export_snapshot", "--", str(EXPORT)],
        cwd=ROOT, check=True, stdout=subprocess.DEVNULL,
    )
    longest = (EXPORT / "share-qr-max.txt").read_text()
    svg = (EXPORT / "share-qr-max.svg").read_text()
    ok &= check("densest offered code at 6 cm on A4", rasterise(svg, A4_PIXELS), longest)
    ok &= check("densest offered code at 18rem on a phone", rasterise(svg, PHONE_PIXELS), longest)
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
