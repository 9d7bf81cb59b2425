// Missing-glyph check: without a CJK font (Debian `fonts-noto-cjk`, installed by scripts/setup.sh)
// every Chinese character renders as an empty box, on screen, in screenshots and in printed PDFs,
// while every DOM assertion still passes. The harness runs this on every page a test opens or
// reloads (e2e/lib/harness.mjs), and e2e/firefox.mjs does the same in Firefox, so a run on a machine
// without the font fails at the first page.
//
// How: each distinct CJK character of the page's text is drawn on a canvas with the page's own font
// stack and compared with a code point no font has (U+0378, unassigned): when no font has the
// character either, the browser draws the same "missing" glyph (Chromium: the primary font's
// .notdef box, pixel for pixel; Firefox: a hex box, as wide for every 4-digit code point), so
// identical pixels, or in Firefox an identical width, mean a missing glyph.
// e2e/tests/glyphs.mjs proves the check fails with a font configuration that has no CJK font.

/** Runs in the page (Playwright's or Puppeteer's `page.evaluate`). Returns { checked, missing, font }. */
export function probeGlyphs() {
  const CJK = /[\u3400-\u9fff\uf900-\ufaff\u3000-\u303f\uff00-\uffef]/u;
  const text = `${document.title} ${document.body ? document.body.innerText : ''}`;
  const chars = [...new Set([...text].filter((c) => CJK.test(c)))].slice(0, 400);
  const style = getComputedStyle(document.body || document.documentElement);
  const font = `32px ${style.fontFamily}`;
  const canvas = document.createElement('canvas');
  canvas.width = 48;
  canvas.height = 48;
  // Many readbacks: without this hint Chromium logs a warning (which fails the test).
  const ctx = canvas.getContext('2d', { willReadFrequently: true });
  ctx.font = font;
  ctx.textBaseline = 'alphabetic';
  const draw = (ch) => {
    ctx.clearRect(0, 0, 48, 48);
    ctx.fillText(ch, 4, 38);
    return { pixels: ctx.getImageData(0, 0, 48, 48).data.join(','), width: ctx.measureText(ch).width };
  };
  const firefox = /Firefox\//.test(navigator.userAgent);
  const none = draw('\u0378');
  const missing = chars.filter((ch) => {
    const got = draw(ch);
    return got.pixels === none.pixels || (firefox && got.width === none.width);
  });
  return { checked: chars.length, missing: missing.join(''), font };
}

/** Throws (naming the characters and the font stack) when the page shows CJK text with missing glyphs. */
export async function expectGlyphs(page) {
  const { checked, missing, font } = await page.evaluate(probeGlyphs);
  if (missing) {
    throw new Error(
      `${missing.length} of ${checked} Chinese characters render as empty boxes (no CJK font; ` +
        `scripts/setup.sh installs fonts-noto-cjk): "${missing.slice(0, 20)}" with font ${font}`,
    );
  }
  return checked;
}
