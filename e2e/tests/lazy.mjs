// The lazily loaded module (issue 19, src/app/lazy.rs): the file readers and writers are a second
// wasm module in dist/lazy/, started as a classic Web Worker on the first click that needs them.
// A first visit does not download it; the service worker caches it for offline use; the single
// file embeds it (a file:// page cannot start a worker from a file); when it cannot be loaded the
// person gets a Chinese message and nothing of theirs changes.

import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { chromium } from 'playwright-core';
import { CHROMIUM_ARGS } from '../lib/harness.mjs';
import { cachedLazyFiles, storedText, withLazyFilesMissing, withSavedChange } from '../lib/broken.mjs';
import { buildSingleFile } from '../../scripts/single-file.mjs';

export const timeout = 60_000;

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const fixture = (name) => path.join(ROOT, 'tests', 'fixtures', 'intake', name);
const UNAVAILABLE = /无法载入文件处理模块.*台账和文档数据不受影响/;

async function openFile(page, file) {
  await page.locator('.doc-open-file input[type=file]').setInputFiles(file);
}

export const tests = {
  'a first visit does not download the lazy module; the first file opened starts it': async (t) => {
    const page = await t.open('', { waitFor: 'tr.task-row' });
    const workers = [];
    page.on('worker', (w) => workers.push(w.url()));
    t.assert.deepEqual(t.requests.filter((u) => u.includes('/lazy/')), [], 'nothing from lazy/ on a first visit');
    t.assert.equal(workers.length, 0);
    await openFile(page, fixture('tasks.docx'));
    await page.locator('.doc-load-counts').waitFor();
    t.assert.match(await page.locator('.doc-load-counts').innerText(), /任务 \d+ 项/);
    t.assert.equal(workers.length, 1, `one worker: ${workers}`);
    t.assert.match(workers[0], /\/tools\/luoshi\/lazy\/worker-[0-9a-f]{16}\.js$/);
    // A second file reuses it.
    await page.locator('.doc-load-summary').getByRole('button', { name: '关闭' }).click();
    await openFile(page, fixture('tasks.xlsx'));
    await page.locator('.doc-load-counts').waitFor();
    t.assert.equal(workers.length, 1, 'the worker is started once');
  },

  'offline: the service worker keeps the lazy module, so files open with the network off': async (t) => {
    const cached = await cachedLazyFiles(t, /^(luoshi-lazy|worker)-/);
    const page = t.page;
    t.assert.equal(cached.length, 3, `bootstrap, glue and wasm cached: ${cached}`);
    await t.context.setOffline(true);
    await t.reload({ waitFor: 'tr.task-row' });
    await openFile(page, fixture('tasks-gb18030.txt'));
    await page.locator('.doc-load-counts').waitFor();
    t.assert.match(await page.locator('.doc-load-counts').innerText(), /任务 2 项/);
    await t.context.setOffline(false);
  },

  'the lazy module cannot be loaded: a Chinese message, the ledger and documents untouched': async (t) => {
    // A build whose lazy wasm is missing; only that file's absence may be reported.
    await withLazyFilesMissing(t, /^luoshi-lazy-.*\.wasm$/, /lazy\/luoshi-lazy-[0-9a-f]+_bg\.wasm|404|Failed to load resource/, async (u) => {
      const page = u.page;
      const before = await withSavedChange(u);

      await openFile(page, fixture('tasks.docx'));
      const message = page.locator('.doc-message, [role=alert]').filter({ hasText: '文件处理模块' });
      await message.first().waitFor();
      t.assert.match(await message.first().innerText(), UNAVAILABLE);
      // Export asks for it too: the same message where the export's errors go.
      await page.getByRole('button', { name: '导出 / 导入' }).click();
      await page.getByRole('button', { name: '导出 Excel 台账' }).click();
      await page.locator('.exchange-error').filter({ hasText: '文件处理模块' }).waitFor();

      t.assert.equal(await page.locator('tr.task-row').count(), 71, 'still the seed document');
      t.assert.equal(await page.inputValue('#row-3-status'), 'behind');
      t.assert.equal(await storedText(page), before, 'storage unchanged');
    });
  },

  'single file: the embedded lazy module reads a .docx and writes the Excel ledger, and the embedded views show the overview, from file://': async (t) => {
    const dist = process.env.E2E_DIST || path.join(ROOT, 'dist');
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'luoshi-single-lazy-'));
    const file = path.join(dir, 'luoshi.html');
    fs.writeFileSync(file, buildSingleFile(fs.readFileSync(path.join(dist, 'index.html'), 'utf8'), (n) => fs.readFileSync(path.join(dist, n))));
    const fileUrl = pathToFileURL(file).href;
    const context = await chromium.launchPersistentContext(path.join(dir, 'profile'), {
      executablePath: process.env.CHROMIUM_PATH || '/usr/bin/chromium',
      args: CHROMIUM_ARGS,
      acceptDownloads: true,
      locale: 'zh-CN',
    });
    try {
      context.setDefaultTimeout(10_000);
      const page = context.pages()[0] ?? (await context.newPage());
      page.on('console', (msg) => {
        if (msg.type() === 'error' || msg.type() === 'warning') t.problems.push(`single file console ${msg.type()}: ${msg.text()}`);
      });
      page.on('pageerror', (err) => t.problems.push(`single file page error: ${err.stack || err}`));
      page.on('request', (req) => {
        const url = req.url();
        if (url.split('?')[0] !== fileUrl && !url.startsWith('data:') && !url.startsWith('blob:')) t.problems.push(`single file requested ${url}`);
      });
      await page.goto(fileUrl, { waitUntil: 'load' });
      await page.waitForSelector('tr.task-row');
      await openFile(page, fixture('tasks.docx'));
      await page.locator('.doc-load-counts').waitFor();
      t.assert.match(await page.locator('.doc-load-counts').innerText(), /任务 \d+ 项/);
      await page.locator('.doc-load-summary').getByRole('button', { name: '关闭' }).click();
      await page.getByRole('button', { name: '导出 / 导入' }).click();
      const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: '导出 Excel 台账' }).click()]);
      t.assert.equal(await download.failure(), null);
      t.assert.equal(fs.readFileSync(await download.path()).subarray(0, 4).toString('latin1'), 'PK\x03\x04');
      // The lazily loaded views are embedded too (src/app/views): the overview opens from file://.
      await page.locator('.view-nav').getByRole('link', { name: '总览' }).click();
      await page.locator('[data-ready="overview"]').waitFor();
      t.assert.match(await page.locator('#overview-title').innerText(), /总览/);
    } finally {
      await context.close();
      fs.rmSync(dir, { recursive: true, force: true });
    }
  },
};
