// Share links worth opening: the link points at the app with nothing of the sender's own view
// (no `?mine=1`, no filters), the receiver sees status, progress, reports and actuals read-only
// before merging, the QR code is rendered at phone size and saved for tests/qr_decode.py (a real
// decoder compares it with the link), and the single-file edition offers the file instead.

import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { chromium } from 'playwright-core';
import { CHROMIUM_ARGS } from '../lib/harness.mjs';
import { buildSingleFile } from '../../scripts/single-file.mjs';
import { FINGERPRINT, ROOT, seedLedger } from '../lib/seed.mjs';

export const timeout = 90_000;

const OUT = path.join(ROOT, 'e2e', 'out');
const AT = '2023-12-10T09:00:00+08:00';
const who = { name: '张三', unit: '区科技局' };
const change = (field, old, now) => ({ who, at: AT, field, old, new: now });

// Task 1: 已完成 100 %, a 2023Q4 report, the first target's actual; task 3: 滞后 10 %.
const LEDGER = {
  format: 'luoshi.ledger', version: 2, fingerprint: FINGERPRINT, cadence: 'quarterly', as_of: null,
  tasks: {
    1: {
      status: { kind: 'done' }, progress: 100,
      reports: { '2023Q4': { progress_text: '新增市级重点实验室2家', problems: '', next_steps: '组织验收' } },
      actuals: { 0: 2 },
      updated_at: AT,
      history: [change('status', '未启动', '已完成'), change('progress', '0', '100'),
        change('report.2023Q4.progress_text', '', '新增市级重点实验室2家'), change('report.2023Q4.next_steps', '', '组织验收'),
        change('actual.0', '', '2')],
    },
    3: { status: { kind: 'behind' }, progress: 10, updated_at: AT, history: [change('status', '未启动', '滞后'), change('progress', '0', '10')] },
  },
  user: who, last_export: null, undo: [], redo: [],
};

const seed = (t) => seedLedger(t, LEDGER);

export const tests = {
  '分享链接：只带必要内容，二维码可扫，打开即见填报内容': async (t) => {
    await seed(t);
    // A phone-sized screen: the QR code must scan from here.
    const page = await t.open('?q=%E5%AE%9E%E9%AA%8C%E5%AE%A4');
    await page.setViewportSize({ width: 390, height: 844 });
    // On a phone the 导出/导入 button is folded into the header's 菜单.
    if (await page.locator('.menu-toggle').isVisible()) await page.locator('.menu-toggle').click();
    await page.locator('.exchange-toggle').click();
    await page.locator('#exchange-panel').waitFor();
    await page.getByRole('button', { name: '生成分享链接' }).click();
    const url = await page.locator('.share-url input').inputValue();
    t.assert.ok(url.startsWith(`${t.baseUrl}#s=`), url);
    t.assert.ok(!url.includes('?') && !url.includes('mine=1'), url);
    console.log(`    share link: ${url.length} characters`);
    const qr = page.locator('.share-qr svg');
    await qr.scrollIntoViewIfNeeded();
    fs.mkdirSync(OUT, { recursive: true });
    await qr.screenshot({ path: path.join(OUT, 'share-qr-phone.png') });
    fs.writeFileSync(path.join(OUT, 'share-qr.svg'), await page.locator('.share-qr').innerHTML());
    fs.writeFileSync(path.join(OUT, 'share-link.txt'), url);
    const box = await qr.boundingBox();
    t.assert.ok(box && box.width >= 200 && box.width <= 390, `QR ${box?.width} px wide`);

    // The receiver: a fresh browser sees what the link says before merging anything.
    const other = await t.browser.newContext();
    try {
      const receiver = await other.newPage();
      await receiver.goto(url);
      const banner = receiver.locator('.link-banner');
      await banner.waitFor();
      const first = banner.locator('.link-task[data-task="1"]');
      t.assert.match(await first.textContent(), /状态：已完成；进度 100%/);
      t.assert.match(await first.textContent(), /2023年第四季度/);
      t.assert.match(await first.textContent(), /工作进展新增市级重点实验室2家/);
      t.assert.match(await first.textContent(), /下步计划组织验收/);
      t.assert.match(await first.textContent(), /实际：2家/);
      t.assert.match(await banner.locator('.link-task[data-task="3"]').textContent(), /状态：滞后；进度 10%/);
      // Nothing merged yet.
      t.assert.equal(await receiver.locator('#row-1-status').inputValue(), 'not_started');
    } finally {
      await other.close();
    }
  },

  '单文件版：分享链接需要网页版，改为提供文件': async (t) => {
    const dist = process.env.E2E_DIST || path.join(ROOT, 'dist');
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'luoshi-share-single-'));
    const file = path.join(dir, 'luoshi.html');
    fs.writeFileSync(file, buildSingleFile(fs.readFileSync(path.join(dist, 'index.html'), 'utf8'), (n) => fs.readFileSync(path.join(dist, n))));
    const browser = await chromium.launch({ executablePath: process.env.CHROMIUM_PATH || '/usr/bin/chromium', args: CHROMIUM_ARGS });
    try {
      const context = await browser.newContext({ acceptDownloads: true, locale: 'zh-CN' });
      const page = await context.newPage();
      page.on('console', (msg) => {
        if (msg.type() === 'error' || msg.type() === 'warning') t.problems.push(`single file console ${msg.type()}: ${msg.text()}`);
      });
      page.on('pageerror', (err) => t.problems.push(`single file page error: ${err.stack || err}`));
      await page.goto(pathToFileURL(file).href, { waitUntil: 'load' });
      await page.waitForSelector('tr.task-row');
      await page.locator('.exchange-toggle').click();
      const section = page.locator('.exchange-share');
      await section.waitFor();
      t.assert.match(await section.locator('.share-unavailable').textContent(), /分享链接需要网页版/);
      t.assert.equal(await section.getByRole('button', { name: '生成分享链接' }).count(), 0);
      const [download] = await Promise.all([
        page.waitForEvent('download'),
        section.getByRole('button', { name: '下载文件发送给对方' }).click(),
      ]);
      t.assert.match(download.suggestedFilename(), /\.luoshi\.json$/);
      // The section runs in the lazily loaded views; the app marks the ledger exported (its event).
      await page.waitForFunction(() => Object.entries(localStorage).some(([k, v]) => {
        if (!k.startsWith('luoshi.ledger.')) return false;
        try { return Boolean(JSON.parse(v).last_export); } catch { return false; }
      }));
    } finally {
      await browser.close();
      fs.rmSync(dir, { recursive: true, force: true });
    }
  },
};
