// Browser benchmark (issue 8): the coordinating office imports the 50 units' snapshot files at once
// (each a whole export: the tasks the unit recorded; written by `cargo run --example export_snapshot`), and exports the
// XLSX 督办台账 of all 71 tasks. Prints milliseconds measured in the page for BENCHMARKS.md
// ("Snapshots / In the browser"); asserts what the import and the export produce, not the times
// (a timed assertion flakes with machine load). No sleeps: every wait is on the page.

import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const timeout = 180_000;

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const XLSX_ROUNDS = 5;

let exported;
/** The export_snapshot example's files, written once into a fresh dir. */
function exportDir() {
  if (exported) return exported;
  exported = fs.mkdtempSync(path.join(os.tmpdir(), 'luoshi-fifty-'));
  execFileSync('cargo', ['run', '--quiet', '--offline', '--example', 'export_snapshot', '--', exported], {
    cwd: ROOT,
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  return exported;
}

/** The 50 units' snapshot files (`fifty/`), or every unit's four quarters (`units/`). */
function fiftySnapshots(sub = 'fifty') {
  const fifty = path.join(exportDir(), sub);
  return fs.readdirSync(fifty).sort().map((name) => ({
    name,
    mimeType: 'application/json',
    buffer: fs.readFileSync(path.join(fifty, name)),
  }));
}

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

export const tests = {
  'import of 50 snapshot files and the XLSX of 71 tasks, timed in the page': async (t) => {
    const files = fiftySnapshots();
    t.assert.equal(files.length, 50);
    const megabytes = files.reduce((n, f) => n + f.buffer.length, 0) / 1e6;
    const page = await t.open('');
    await page.getByRole('button', { name: '导出 / 导入' }).click();
    await page.locator('#exchange-panel').waitFor();

    // Import: from the file input's change event to the preview on screen, then from 确认导入
    // to the ledger changed (every file read, checked, compared, applied and rendered).
    await page.evaluate(() => {
      const input = document.querySelector('.exchange-import input[type=file]');
      input.addEventListener('change', () => { window.__importStart = performance.now(); }, { capture: true });
      new MutationObserver(() => {
        if (window.__importStart !== undefined && window.__previewAt === undefined && document.querySelector('.preview-task')) {
          window.__previewAt = performance.now();
        }
      }).observe(document.body, { childList: true, subtree: true });
    });
    await page.locator('.exchange-import input[type=file]').setInputFiles(files);
    await page.locator('.preview-task').first().waitFor();
    const previewMs = await page.evaluate(() => window.__previewAt - window.__importStart);
    const counts = await page.locator('#exchange-panel').innerText();
    t.assert.match(counts, /新增 \d+ 项/);

    const confirm = page.getByRole('button', { name: '确认导入' });
    // Clicks are timed by a capturing listener on the document (it runs before the app's own),
    // which survives the app re-rendering the button.
    await page.evaluate(() => {
      document.addEventListener('click', (event) => {
        if (event.target.closest('button')?.textContent.trim() === '确认导入') window.__confirmAt = performance.now();
      }, { capture: true });
      new MutationObserver(() => {
        if (window.__confirmAt !== undefined && window.__appliedAt === undefined &&
            [...document.querySelectorAll('[role=status]')].some((s) => s.textContent.includes('已导入'))) {
          window.__appliedAt = performance.now();
        }
      }).observe(document.body, { childList: true, subtree: true, characterData: true });
    });
    await confirm.click();
    await page.getByRole('status').filter({ hasText: '已导入' }).waitFor();
    const applyMs = await page.evaluate(() => window.__appliedAt - window.__confirmAt);
    // Unit i set task i+1 to 序时推进: the first and the last unit's edits are in the ledger.
    t.assert.equal(await page.locator('#row-1-status').inputValue(), 'on_schedule');
    t.assert.equal(await page.locator('#row-50-status').inputValue(), 'on_schedule');
    console.log(`    import of 50 snapshot files (${megabytes.toFixed(1)} MB): to the preview ${previewMs.toFixed(0)} ms, 确认导入 to applied ${applyMs.toFixed(0)} ms`);

    // XLSX: from the click to the file handed to the browser (URL.createObjectURL of the .xlsx blob).
    await page.evaluate(() => {
      const create = URL.createObjectURL.bind(URL);
      window.__xlsxAt = [];
      URL.createObjectURL = (blob) => {
        if (blob instanceof Blob && blob.type.includes('spreadsheetml')) window.__xlsxAt.push(performance.now());
        return create(blob);
      };
      window.__xlsxClicks = [];
      document.addEventListener('click', (event) => {
        if (event.target.closest('button')?.textContent.trim() === '导出 Excel 台账') window.__xlsxClicks.push(performance.now());
      }, { capture: true });
    });
    let file;
    for (let round = 0; round < XLSX_ROUNDS; round += 1) {
      file = await t.download(() => page.getByRole('button', { name: '导出 Excel 台账' }).click());
    }
    const xlsxMs = await page.evaluate(() => window.__xlsxAt.map((at, i) => at - window.__xlsxClicks[i]));
    t.assert.equal(xlsxMs.length, XLSX_ROUNDS);
    t.assert.match(file.filename, /\.xlsx$/);
    t.assert.equal(file.buffer.subarray(0, 2).toString('latin1'), 'PK');
    console.log(`    XLSX 督办台账 of 71 tasks (${(file.buffer.length / 1024).toFixed(0)} KB): median ${median(xlsxMs).toFixed(1)} ms, best ${Math.min(...xlsxMs).toFixed(1)} ms of ${XLSX_ROUNDS}`);
  },
  'every unit of the seed reporting its own part for four quarters: preview and apply, timed in the page': async (t) => {
    const files = fiftySnapshots('units');
    t.assert.ok(files.length >= 40, `${files.length} unit files`);
    const megabytes = files.reduce((n, f) => n + f.buffer.length, 0) / 1e6;
    const page = await t.open('');
    await page.getByRole('button', { name: '导出 / 导入' }).click();
    await page.locator('#exchange-panel').waitFor();
    await page.evaluate(() => {
      const input = document.querySelector('.exchange-import input[type=file]');
      input.addEventListener('change', () => { window.__importStart = performance.now(); }, { capture: true });
      new MutationObserver(() => {
        if (window.__importStart !== undefined && window.__previewAt === undefined && document.querySelector('.preview-task')) {
          window.__previewAt = performance.now();
        }
      }).observe(document.body, { childList: true, subtree: true });
      document.addEventListener('click', (event) => {
        if (event.target.closest('button')?.textContent.trim() === '确认导入') window.__confirmAt = performance.now();
      }, { capture: true });
      new MutationObserver(() => {
        if (window.__confirmAt !== undefined && window.__appliedAt === undefined &&
            [...document.querySelectorAll('[role=status]')].some((s) => s.textContent.includes('已导入'))) {
          window.__appliedAt = performance.now();
        }
      }).observe(document.body, { childList: true, subtree: true, characterData: true });
    });
    await page.locator('.exchange-import input[type=file]').setInputFiles(files);
    await page.locator('.preview-task').first().waitFor();
    const previewMs = await page.evaluate(() => window.__previewAt - window.__importStart);
    // Different units never conflict.
    t.assert.match(await page.locator('.import-counts').innerText(), /冲突 0 项/);
    // Hundreds of field changes: each task is one line (what changes, who reported) until opened.
    const task5 = page.locator('.preview-task.folded[data-task="5"]');
    t.assert.match(await task5.innerText(), /项改动：.*填报：.*区科技局/s);
    t.assert.equal(await task5.locator('.field-change').count(), 0);
    await task5.locator('summary').click();
    await task5.locator('.field-change').first().waitFor();
    t.assert.match(await task5.locator('.field-changes').innerText(), /区科技局第5项\d季度本季度推进情况/);
    await page.getByRole('button', { name: '确认导入' }).click();
    await page.getByRole('status').filter({ hasText: '已导入' }).waitFor();
    const applyMs = await page.evaluate(() => window.__appliedAt - window.__confirmAt);
    await t.open('?task=5');
    t.assert.equal(await page.locator('.unit-entry[data-unit="区科技局"] .report-text').first().innerText(), '区科技局第5项4季度本季度推进情况');
    console.log(`    import of ${files.length} unit files, four quarters each (${megabytes.toFixed(1)} MB): to the preview ${previewMs.toFixed(0)} ms, 确认导入 to applied ${applyMs.toFixed(0)} ms`);
  },
};
