#!/usr/bin/env node
// The Firefox ESR stage of scripts/test.sh: the core of what a person does — open, find, annotate, the overview,
// reload, export, import — in Debian's Firefox ESR (/usr/bin/firefox-esr; the engine of 麒麟 / 统信
// desktops), driven by puppeteer-core over WebDriver BiDi, against the release build in dist/ served
// under /tools/luoshi/ like e2e/run.mjs does. Strict like the Chromium harness: any console error or
// warning, uncaught error, HTTP error or request outside the app fails the test, and every page
// opened must show its Chinese text with real glyphs (e2e/lib/glyphs.mjs).
//
//   node e2e/firefox.mjs            all tests
//   node e2e/firefox.mjs -g 导入     only tests whose name contains "导入"
//   FIREFOX_PATH=/path/to/firefox node e2e/firefox.mjs

import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import puppeteer from 'puppeteer-core';
import { startStaticServer } from '../scripts/static-server.mjs';
import { probeGlyphs } from './lib/glyphs.mjs';

const HERE = path.dirname(fileURLToPath(import.meta.url));
const ROOT = path.resolve(HERE, '..');
const OUT = path.join(HERE, 'out', 'firefox');
const TIMEOUT_MS = 60_000;

class FirefoxTest {
  constructor(browser, baseUrl, downloads) {
    this.browser = browser;
    this.baseUrl = baseUrl;
    this.downloads = downloads;
    this.problems = [];
  }

  async init() {
    this.context = await this.browser.createBrowserContext();
    this.page = await this.context.newPage();
    this.page.setDefaultTimeout(15_000);
    const own = (url) => url.startsWith(this.baseUrl) || url.startsWith('data:') || url.startsWith('blob:');
    this.page.on('console', (msg) => {
      if (msg.type() === 'error' || msg.type() === 'warn' || msg.type() === 'warning') {
        this.problems.push(`console ${msg.type()}: ${msg.text()}`);
      }
    });
    this.page.on('pageerror', (err) => this.problems.push(`uncaught page error: ${err.message || err}`));
    this.page.on('request', (req) => {
      if (!own(req.url())) this.problems.push(`request outside the app: ${req.url()}`);
    });
    this.page.on('response', (res) => {
      if (res.status() >= 400) this.problems.push(`HTTP ${res.status()} for ${res.url()}`);
    });
    return this;
  }

  async open(rel = '') {
    await this.page.goto(new URL(rel, this.baseUrl).href, { waitUntil: 'load' });
    return this.started();
  }

  async reload() {
    await this.page.reload({ waitUntil: 'load' });
    return this.started();
  }

  async started() {
    await this.page.waitForSelector('#app[data-started]');
    await this.page.waitForSelector('tr.task-row');
    const { checked, missing, font } = await this.page.evaluate(probeGlyphs);
    if (missing) this.problems.push(`${missing.length} of ${checked} Chinese characters have no glyph (font ${font}): ${missing.slice(0, 20)}`);
    return this.page;
  }

  /** Click the button whose visible text is `name` (a real click through BiDi input). */
  async clickButton(name) {
    const handle = await this.page.waitForFunction(
      (n) => [...document.querySelectorAll('button')].find((b) => b.textContent.trim() === n && !b.disabled),
      {},
      name,
    );
    await handle.asElement().click();
  }

  async waitSaved() {
    await this.page.waitForFunction(() => /已保存 \d\d:\d\d:\d\d/.test(document.querySelector('.save-state')?.textContent ?? ''));
  }

  /** Run `action`, return the path of the file it downloads (Firefox saves to this.downloads). */
  async download(action) {
    const before = new Set(fs.readdirSync(this.downloads));
    await action();
    const deadline = Date.now() + 15_000;
    while (Date.now() < deadline) {
      const done = fs.readdirSync(this.downloads).filter((f) => !before.has(f) && !f.endsWith('.part'));
      const file = done[0] && path.join(this.downloads, done[0]);
      if (file && fs.statSync(file).size > 0 && !fs.existsSync(`${file}.part`)) return file;
      // Polls the file system: the download has no page-side signal to wait on.
      await new Promise((r) => setTimeout(r, 100));
    }
    throw new Error('no download within 15 s');
  }

  async close() {
    await this.context?.close().catch(() => {});
  }
}

async function openPanel(t) {
  await t.clickButton('导出 / 导入');
  await t.page.waitForSelector('#exchange-panel');
}

async function annotateTask3(t) {
  await t.open('');
  await t.page.select('#row-3-status', 'behind');
  await t.waitSaved();
}

const value = (t, sel) => t.page.$eval(sel, (el) => el.value);

export const tests = {
  '打开：任务清单、中文字形、无控制台错误': async (t) => {
    const page = await t.open('');
    const rows = await page.$$eval('tr.task-row', (r) => r.length);
    assert.ok(rows >= 71, `${rows} task rows`);
    assert.match(await page.title(), /落实/);
  },

  '查找：搜索“实验室”只留下含它的任务': async (t) => {
    const page = await t.open('');
    const all = await page.$$eval('tr.task-row', (r) => r.length);
    await page.type('input[type=search].search-input', '实验室');
    // Typed one character at a time: wait until the address has the whole word (the query is the URL).
    await page.waitForFunction(() => new URL(location.href).searchParams.get('q') === '实验室');
    const shown = await page.$$eval('tr.task-row', (rows) => rows.length);
    assert.ok(shown > 0 && shown < all, `${shown} of ${all} rows`);
    await page.waitForFunction((n) => document.querySelector('.result-count')?.textContent.includes(`显示 ${n} / `), {}, shown);
  },

  '标注并刷新：状态保存在本机': async (t) => {
    await annotateTask3(t);
    await t.reload();
    assert.equal(await value(t, '#row-3-status'), 'behind');
  },

  // The lazily loaded module (a classic Web Worker, src/app/lazy.rs): reading a .docx and a
  // GB18030 .txt, writing the 督办台账 as Excel. (A pasted HTML table is Chromium's e2e: Firefox
  // gives a script-made paste event no clipboard data.)
  '文件处理模块：打开 .docx 与 GB18030 文本、导出 Excel 台账': async (t) => {
    await t.open('');
    const fixture = (name) => path.join(ROOT, 'tests', 'fixtures', 'intake', name);
    const openFile = async (name) => {
      const input = await t.page.$('.doc-open-file input[type=file]');
      await input.uploadFile(fixture(name));
      await t.page.waitForSelector('.doc-load-counts');
      const counts = await t.page.$eval('.doc-load-counts', (el) => el.textContent);
      const close = await t.page.waitForFunction(() => [...document.querySelectorAll('.doc-load-summary button')].find((b) => b.textContent.trim() === '关闭'));
      await close.asElement().click();
      await t.page.waitForFunction(() => !document.querySelector('.doc-load-summary'));
      return counts;
    };
    assert.match(await openFile('tasks.docx'), /任务 \d+ 项/);
    assert.match(await openFile('tasks-gb18030.txt'), /任务 2 项/);
    await openPanel(t);
    const file = await t.download(() => t.clickButton('导出 Excel 台账'));
    assert.ok(file.endsWith('.xlsx'), file);
    assert.equal(fs.readFileSync(file).subarray(0, 4).toString('latin1'), 'PK\x03\x04');
  },

  // The lazily loaded views (a second Yew app on the page, src/app/views): the overview follows the
  // ledger, a click in it drives the app's list, Back returns to it, and the report opens.
  '总览与进展汇总：统计模块载入、跟随台账、点击进入清单': async (t) => {
    await annotateTask3(t);
    const navTo = async (name) => {
      const link = await t.page.waitForFunction(
        (n) => [...document.querySelectorAll('.view-nav a')].find((a) => a.textContent.trim().includes(n)),
        {},
        name,
      );
      await link.asElement().click();
    };
    await navTo('总览');
    await t.page.waitForSelector('[data-ready="overview"]');
    // Task 3 is 滞后: the status chart counts it.
    const behind = await t.page.$eval('[data-chart="whole-status"] li[data-key="behind"] .bar-count', (el) => el.textContent.trim());
    assert.equal(behind, '1');
    // Its bar links to the list of 滞后 tasks: the app follows the module's navigation.
    const bar = await t.page.$('[data-chart="whole-status"] li[data-key="behind"] a');
    await bar.click();
    await t.page.waitForFunction(() => !document.querySelector('[data-ready="overview"]') && document.querySelectorAll('tr.task-row').length === 1);
    assert.equal(await t.page.$eval('tr.task-row', (row) => row.id), 'task-3');
    await t.page.goBack();
    await t.page.waitForSelector('[data-ready="overview"]');
    await navTo('进展汇总');
    await t.page.waitForSelector('.report');
  },

  '导出本单位进展文件，再在新环境导入': async (t) => {
    await annotateTask3(t);
    await openPanel(t);
    const file = await t.download(() => t.clickButton('导出本单位进展文件'));
    const snap = JSON.parse(fs.readFileSync(file, 'utf8'));
    assert.equal(snap.format, 'luoshi.snapshot');
    assert.match(JSON.stringify(snap.tasks.find((x) => x.number === 3).annotation), /behind/);

    // A fresh profile context: empty localStorage.
    await t.close();
    await t.init();
    await t.open('');
    assert.equal(await value(t, '#row-3-status'), 'not_started');
    await openPanel(t);
    const input = await t.page.$('.exchange-import input[type=file]');
    await input.uploadFile(file);
    await t.page.waitForSelector('.preview-task[data-task="3"]');
    await t.clickButton('确认导入');
    await t.page.waitForFunction(() => document.querySelector('#row-3-status')?.value === 'behind');
    // The app puts focus back once it has rendered (src/app/focus.rs).
    await t.page.waitForFunction(() => document.activeElement && document.activeElement !== document.body, { timeout: 2000 }).catch(() => {});
    assert.notEqual(await t.page.evaluate(() => document.activeElement?.tagName), 'BODY', 'focus is not dropped to <body> after the import');
    await t.waitSaved();
    await t.reload();
    assert.equal(await value(t, '#row-3-status'), 'behind');
  },
};

async function main() {
  const argv = process.argv.slice(2);
  const grep = argv.includes('-g') ? argv[argv.indexOf('-g') + 1] : null;
  const dist = path.join(ROOT, 'dist');
  if (!fs.existsSync(path.join(dist, 'index.html'))) {
    console.error('firefox e2e: dist/index.html not found; build first: trunk build --release');
    process.exit(1);
  }
  const executablePath = process.env.FIREFOX_PATH || '/usr/bin/firefox-esr';
  if (!fs.existsSync(executablePath)) {
    console.error(`firefox e2e: ${executablePath} not found (scripts/setup.sh installs firefox-esr)`);
    process.exit(1);
  }
  fs.rmSync(OUT, { recursive: true, force: true });
  const downloads = path.join(OUT, 'downloads');
  fs.mkdirSync(downloads, { recursive: true });
  const server = await startStaticServer({ dir: dist, prefix: '/tools/luoshi/', port: 0 });
  const profileHome = fs.mkdtempSync(path.join(os.tmpdir(), 'luoshi-firefox-'));
  const browser = await puppeteer.launch({
    browser: 'firefox',
    executablePath,
    headless: true,
    // Its own HOME: a clean profile root, no user settings, nothing shared with other runs.
    env: { ...process.env, HOME: profileHome, MOZ_CRASHREPORTER_DISABLE: '1' },
    extraPrefsFirefox: {
      // Downloads go to our folder without a dialog.
      'browser.download.folderList': 2,
      'browser.download.dir': downloads,
      'browser.download.useDownloadDir': true,
      'browser.download.always_ask_before_handling_new_types': false,
      'browser.helperApps.neverAsk.saveToDisk': 'application/json,text/csv,application/octet-stream,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
      // No network of its own (updates, telemetry, safe browsing lists, captive portal checks).
      'app.update.enabled': false,
      'network.captive-portal-service.enabled': false,
      'browser.safebrowsing.malware.enabled': false,
      'browser.safebrowsing.phishing.enabled': false,
      'datareporting.policy.dataSubmissionEnabled': false,
      'toolkit.telemetry.enabled': false,
    },
  });
  const version = await browser.version();
  console.log(`firefox e2e: ${version} against ${server.url}`);
  let passed = 0;
  const failures = [];
  try {
    for (const [name, fn] of Object.entries(tests)) {
      if (grep && !name.includes(grep)) continue;
      const t = new FirefoxTest(browser, server.url, downloads);
      const t0 = Date.now();
      let error = null;
      try {
        await t.init();
        let timer;
        await Promise.race([
          fn(t),
          new Promise((_, reject) => {
            timer = setTimeout(() => reject(new Error(`timed out after ${TIMEOUT_MS} ms`)), TIMEOUT_MS);
          }),
        ]).finally(() => clearTimeout(timer));
      } catch (e) {
        error = e;
      }
      await t.page?.screenshot({ path: path.join(OUT, `${name.replace(/[^\p{L}\p{N}]+/gu, '-')}.png`) }).catch(() => {});
      await t.close();
      const ms = Date.now() - t0;
      if (!error && t.problems.length === 0) {
        passed += 1;
        console.log(`  ok    ${name} (${ms} ms)`);
      } else {
        failures.push(name);
        console.log(`  FAIL  ${name} (${ms} ms)`);
        if (error) console.log(`        ${String(error.stack || error).split('\n').join('\n        ')}`);
        for (const p of t.problems) console.log(`        page problem: ${p}`);
      }
    }
  } finally {
    await browser.close();
    await server.close();
    fs.rmSync(profileHome, { recursive: true, force: true });
  }
  console.log(`firefox e2e: ${passed} passed, ${failures.length} failed`);
  if (failures.length || passed === 0) process.exit(1);
}

main().catch((e) => {
  console.error(`firefox e2e runner error: ${e.stack || e}`);
  process.exit(1);
});
