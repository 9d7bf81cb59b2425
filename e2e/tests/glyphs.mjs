// The missing-glyph check (e2e/lib/glyphs.mjs, run by the harness on every page) must mean
// something: here it passes with the machine's fonts and fails in a Chromium whose fontconfig sees
// only Latin fonts (FONTCONFIG_FILE pointing at a config without the CJK font), which is what a
// machine without `fonts-noto-cjk` looks like.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { launchBrowser } from '../lib/harness.mjs';
import { probeGlyphs } from '../lib/glyphs.mjs';

/** A fontconfig file that knows only the Latin fonts present (DejaVu, Liberation), no CJK font. */
export function latinOnlyFontconfig() {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'luoshi-nocjk-'));
  const fontDirs = ['/usr/share/fonts/truetype/dejavu', '/usr/share/fonts/truetype/liberation']
    .filter((d) => fs.existsSync(d))
    .map((d) => `  <dir>${d}</dir>`);
  const file = path.join(dir, 'fonts.conf');
  fs.writeFileSync(
    file,
    `<?xml version="1.0"?>\n<!DOCTYPE fontconfig SYSTEM "fonts.dtd">\n<fontconfig>\n${fontDirs.join('\n')}\n  <cachedir>${dir}/cache</cachedir>\n</fontconfig>\n`,
  );
  return { file, dir };
}

export const tests = {
  'CJK glyphs: every character on the first screen has a real glyph here': async (t) => {
    const page = await t.open('', { waitFor: 'tr.task-row' });
    const { checked, missing } = await page.evaluate(probeGlyphs);
    t.assert.ok(checked > 50, `checked ${checked} distinct Chinese characters`);
    t.assert.equal(missing, '', 'no character renders as an empty box');
    t.assert.ok(t.glyphsChecked >= checked, 'the harness itself checked this page on open');
  },

  'CJK glyphs: the check fails in a browser without a CJK font (FONTCONFIG_FILE without it)': async (t) => {
    const { file, dir } = latinOnlyFontconfig();
    const browser = await launchBrowser({ env: { ...process.env, FONTCONFIG_FILE: file } });
    try {
      const page = await browser.newPage();
      await page.goto(t.baseUrl, { waitUntil: 'load' });
      await page.waitForSelector('#app[data-started]', { state: 'attached' });
      const { checked, missing, font } = await page.evaluate(probeGlyphs);
      t.assert.ok(checked > 50, `checked ${checked} characters`);
      t.assert.equal(missing.length, checked, `every character is missing without the font (${font}): ${missing.slice(0, 10)}`);
    } finally {
      await browser.close();
      fs.rmSync(dir, { recursive: true, force: true });
    }
  },
};
