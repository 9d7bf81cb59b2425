// The prerendered first view (issue #8, first paint): the release index.html already holds the
// seed's task list, rendered at build time by Yew's server renderer (luoshi-prerender, put in by
// scripts/post-build.mjs), so the browser paints it before the wasm arrives; the app then hydrates
// it (a first-time visitor at the bare address) or replaces it (anyone else) — see
// src/app/first_view.rs. A returning visitor at the bare address sees the same list at once and
// the app fills in their marks (issue 19). These tests fail if the prerender is missing, if the
// app does not take over, if a returning visitor waits for the app to see their list, if anything
// moves as the marks come in, or if anyone would see the list for another view.

import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { appStarted, markAndCache } from '../lib/harness.mjs';

export const timeout = 60_000;

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const SEED = path.join(ROOT, 'seeds', 'chengyang-2023-key-tasks.txt');
const TASKS = 71;
const escape = (s) => String(s).replace(/[&<>"]/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' })[c]);

/** The seed as the CLI parses it: an independent source of the 71 titles. */
function seedTasks() {
  const bin = path.join(ROOT, 'target', 'debug', 'luoshi');
  const out = fs.existsSync(bin)
    ? execFileSync(bin, ['parse', SEED], { maxBuffer: 1 << 26 })
    : execFileSync('cargo', ['run', '--offline', '--quiet', '--bin', 'luoshi', '--', 'parse', SEED], { cwd: ROOT, maxBuffer: 1 << 26 });
  return JSON.parse(out).tasks;
}

/** The mount element's markup as served, before any script runs. */
function mountOf(html) {
  const m = /<div id="app"([^>]*)>([\s\S]*)<\/div>\s*<\/body>/.exec(html);
  return m ? { attributes: m[1], inner: m[2] } : null;
}

/** Hold the wasm download until `release()` is called: the page as it is before the app runs. */
async function holdWasm(page) {
  let release;
  const gate = new Promise((resolve) => {
    release = resolve;
  });
  await page.route('**/*.wasm', async (route) => {
    await gate;
    await route.continue();
  });
  return () => release();
}

/** Sum of layout shifts (as CLS counts them: not right after input), recorded from the start. */
const LAYOUT_SHIFTS = () => {
  window.__layoutShift = 0;
  new PerformanceObserver((list) => {
    for (const entry of list.getEntries()) if (!entry.hadRecentInput) window.__layoutShift += entry.value;
  }).observe({ type: 'layout-shift', buffered: true });
};

/**
 * Unregister the service worker `page` registered: a page it controls gets the wasm from it, past
 * Playwright's request routing, so `holdWasm` could not hold it (the worker's own path is tested
 * with `t.useServiceWorkers()`).
 */
async function withoutServiceWorker(page) {
  await page.evaluate(async () => {
    await navigator.serviceWorker.ready;
    for (const registration of await navigator.serviceWorker.getRegistrations()) await registration.unregister();
  });
}

/** Where some rows are on screen. */
const rowBoxes = (page) => page.evaluate(() => [1, 2, 3, 5, 14].map((n) => {
  const r = document.querySelector(`#task-${n}`).getBoundingClientRect();
  return { n, y: r.y, height: r.height };
}));

export const tests = {
  'index.html as served holds all 71 task titles inside the mount element, no scripts': async (t) => {
    const response = await fetch(t.baseUrl);
    t.assert.equal(response.status, 200);
    const html = await response.text();
    const mount = mountOf(html);
    t.assert.ok(mount, 'index.html has a <div id="app"> closing the body');
    t.assert.match(mount.attributes, /data-prerendered="\d{4}-\d\d-\d\d\.\.\d{4}-\d\d-\d\d"/);
    const tasks = seedTasks();
    t.assert.equal(tasks.length, TASKS);
    const missing = tasks.filter((task) => !mount.inner.includes(escape(task.title)));
    t.assert.deepEqual(missing.map((task) => task.number), [], 'every task title is in the prerendered markup');
    t.assert.equal((mount.inner.match(/<tr\b[^>]*class="[^"]*\btask-row\b/g) || []).length, TASKS);
    t.assert.ok(!/<script\b/i.test(mount.inner), 'no script in the prerendered markup');
    // The CSP <meta> turns off Chromium's preload scanner, so a linked stylesheet is requested only
    // when the parser reaches it, and a blocking external script before it held that request back
    // (BENCHMARKS.md "First paint"). So the stylesheets are inline (allowed by hash in the CSP),
    // and so is the guard script, before them; no external stylesheet or blocking script remains.
    const head = /<head>([\s\S]*?)<\/head>/i.exec(html)[1];
    t.assert.equal((head.match(/<link\b[^>]*rel="stylesheet"/gi) || []).length, 0, 'no external stylesheet');
    const firstStyle = head.search(/<style\b/i);
    t.assert.ok(firstStyle > 0, 'the stylesheets are inline in <head>');
    const blocking = [...head.matchAll(/<script\b([^>]*)>/gi)]
      .map((m) => m[1])
      .filter((attrs) => /\bsrc=/i.test(attrs) && !/\b(?:defer|async)\b|type="module"/i.test(attrs));
    t.assert.deepEqual(blocking, [], 'no parser-blocking external script');
    t.assert.ok(/<script>[\s\S]*luoshi-other-view[\s\S]*?<\/script>/.test(head.slice(0, firstStyle)),
      'the guard script is inline, before the stylesheets');
    const policy = /http-equiv="Content-Security-Policy" content="([^"]*)"/.exec(head)?.[1] ?? '';
    t.assert.match(policy, /style-src 'self' 'sha256-/, 'the inline stylesheets are allowed by hash');
    t.assert.ok(!policy.includes('unsafe-inline'), 'never unsafe-inline');
  },

  'the inline stylesheets are styles/*.css in order, minified, and read back the same in the browser': async (t) => {
    // scripts/post-build.mjs drops the comments and spare whitespace of the inline styles (issue 19:
    // −3 KiB brotli of the first visit). The browser must see exactly the rules of the sources.
    const page = await t.open();
    const sources = [...fs.readFileSync(path.join(ROOT, 'index.html'), 'utf8')
      .matchAll(/<link data-trunk rel="inline" href="(styles\/[^"]+\.css)">/g)]
      .map((m) => fs.readFileSync(path.join(ROOT, m[1]), 'utf8'));
    t.assert.ok(sources.length >= 9, 'the stylesheets are listed in index.html');
    const read = await page.evaluate((texts) => {
      const rules = (sheet) => [...sheet.cssRules].map((r) => r.cssText).join('\n');
      const parsed = (text) => {
        const sheet = new CSSStyleSheet();
        sheet.replaceSync(text);
        return rules(sheet);
      };
      const served = [...document.querySelectorAll('head style')];
      return {
        served: served.map((s) => rules(s.sheet)),
        texts: served.map((s) => s.textContent),
        sources: texts.map(parsed),
      };
    }, sources);
    t.assert.equal(read.served.length, sources.length, 'one inline stylesheet per source');
    read.sources.forEach((rules, i) => t.assert.equal(read.served[i], rules, `stylesheet ${i + 1} reads back the same`));
    t.assert.ok(read.texts.every((text) => !text.includes('/*')), 'no comments are served');
    const [served, source] = [read.texts.join('').length, sources.join('').length];
    t.assert.ok(served < source * 0.8, `minified: ${served} of ${source} characters`);
  },

  'before the wasm runs the list is there and visible; a link to a task hides it instead': async (t) => {
    const page = t.page;
    const release = await holdWasm(page);
    await page.goto(t.baseUrl, { waitUntil: 'domcontentloaded' });
    t.assert.equal(await page.locator('tr.task-row').count(), TASKS);
    t.assert.ok(await page.locator('#task-14').isVisible(), 'the prerendered list is painted');
    t.assert.equal(await page.locator('#app').getAttribute('data-started'), null, 'the app has not run yet');
    // The row controls cannot work before the wasm runs. The prerender carries the first screen's
    // (so hydration adopts them) but hides them, and keeps the others' room: nothing moves.
    t.assert.equal(await page.locator('#row-14-status').count(), 1, 'the first screen\'s controls are in the markup');
    t.assert.equal(await page.locator('#row-14-status').isVisible(), false, 'but no dead controls are shown before the app runs');
    await page.keyboard.press('Tab');
    t.assert.ok(await page.evaluate(() => !document.activeElement.closest('.row-controls')), 'nor reached by Tab');
    t.assert.equal(await page.locator('#row-40-status').count(), 0, 'rows below the first screen get theirs from the app');
    const boxes = () => page.evaluate(() => [1, 2, 3, 14].map((n) => {
      const r = document.querySelector(`#task-${n}`).getBoundingClientRect();
      return { n, y: r.y, height: r.height };
    }));
    const before = await boxes();
    // Until the app starts, and until its start-up stages have given every row its controls,
    // off-screen sections skip layout (styles/layout.css); then every section is laid out as usual.
    const visibility = () => page.evaluate(() => [...document.querySelectorAll('.task-section')]
      .map((s) => getComputedStyle(s).contentVisibility));
    t.assert.deepEqual([...new Set(await visibility())], ['auto'], 'prerendered sections render on demand');
    release();
    await appStarted(page);
    await page.waitForSelector('#app:not([data-staging])', { state: 'attached' });
    t.assert.deepEqual([...new Set(await visibility())], ['visible'], 'the app lays out every section once its start-up is over');
    t.assert.equal(await page.locator('#row-14-status').count(), 1, 'the app adds the row controls');
    const after = await boxes();
    for (const [i, b] of before.entries()) {
      const a = after[i];
      // Each row keeps its height (within a pixel); row 14 adds up the rounding of the 13 above.
      t.assert.ok(Math.abs(a.height - b.height) <= 1 && Math.abs(a.y - b.y) <= 6,
        `row ${b.n} keeps its place and height (${JSON.stringify(b)} → ${JSON.stringify(a)})`);
    }

    // A visitor the prerender was not made for (here: a link to task 14) never sees the list.
    const page2 = await t.newPage();
    const release2 = await holdWasm(page2);
    await page2.goto(new URL('?task=14', t.baseUrl).href, { waitUntil: 'domcontentloaded' });
    t.assert.ok(!(await page2.locator('#task-14').isVisible()), 'the wrong (prerendered) view stays hidden');
    release2();
    await appStarted(page2);
    t.assert.equal(await page2.locator('#app').getAttribute('data-started'), 'replace');
    await page2.locator('h2.task-heading').waitFor();
    t.assert.ok(await page2.locator('h2.task-heading').isVisible());
  },

  'a first-time visitor: the app hydrates the very nodes it was served and handles clicks': async (t) => {
    const page = t.page;
    // Tag a prerendered node as soon as the HTML is parsed; hydration keeps the node, a re-render would not.
    await page.addInitScript(() => {
      document.addEventListener('DOMContentLoaded', () => {
        const row = document.querySelector('#task-14');
        if (row) row.__prerendered = true;
      });
    });
    await t.open('', { waitFor: 'tr.task-row' });
    t.assert.equal(await page.locator('#app').getAttribute('data-started'), 'hydrate');
    t.assert.equal(await page.evaluate(() => document.querySelector('#task-14').__prerendered === true), true,
      'row 14 is the node from index.html (hydrated, not rebuilt)');
    t.assert.equal(await page.locator('tr.task-row').count(), TASKS);

    // Only the app handles this: a view link navigates in place (no page load) to the overview.
    await page.evaluate(() => {
      window.__samePage = true;
    });
    await page.locator('nav.view-nav a', { hasText: '进展总览' }).click();
    await page.waitForFunction(() => new URLSearchParams(location.search).get('view') === 'overview');
    t.assert.equal(await page.evaluate(() => window.__samePage), true, 'navigated by the app, not by a page load');
    t.assert.equal(await page.locator('tr.task-row').count(), 0, 'the list gave way to the overview');
    // And a status set in a hydrated row is the app's too: back to the list, set it, it is saved.
    await page.goBack();
    await page.locator('#task-14').waitFor();
    await page.getByLabel('第 14 项状态').selectOption('behind');
    await page.waitForFunction(() => Object.keys(localStorage).some((k) => k.startsWith('luoshi.ledger.') && localStorage.getItem(k).includes('behind')));
  },

  'a returning visitor at the bare address (a ledger and prefs stored) sees the prerendered list, then the app hydrates it with their marks; nothing moves, nothing is lost': async (t) => {
    // Their day so far: a status stored, the 署名 prompt answered (prefs), no unit picked.
    const setup = await t.open('?task=5', { waitFor: 'h2.task-heading' });
    await setup.locator('#task-5-editor-status').selectOption('behind');
    await setup.waitForFunction(() => Object.keys(localStorage).some((k) => k.startsWith('luoshi.ledger.') && localStorage.getItem(k).includes('behind')));
    await setup.evaluate(() => localStorage.setItem('luoshi.prefs', JSON.stringify({ format: 'luoshi-prefs', version: 1, identity_skipped: true })));
    // The ledger bar as a replacing start shows this ledger (a task page is never prerendered).
    const storedBar = await setup.locator('.ledger-bar-row').innerText();
    await withoutServiceWorker(setup);

    const page = await t.newPage();
    await page.addInitScript(LAYOUT_SHIFTS);
    await page.addInitScript(() => {
      document.addEventListener('DOMContentLoaded', () => {
        const row = document.querySelector('#task-14');
        if (row) row.__prerendered = true;
      });
    });
    const release = await holdWasm(page);
    await page.goto(t.baseUrl, { waitUntil: 'domcontentloaded' });
    t.assert.equal(await page.locator('#app').getAttribute('data-started'), null, 'the app has not run yet');
    t.assert.ok(await page.locator('#task-5').isVisible(), 'the prerendered list is shown to a returning visitor');
    t.assert.ok(await page.locator('#task-14').isVisible());
    t.assert.equal(await page.locator('#row-5-status').isVisible(), false, 'no marks or controls shown before the app runs');
    const before = await rowBoxes(page);
    // Another tab writes while this one starts (its wasm still loading): task 7 done, from the list.
    await setup.locator('nav.view-nav a', { hasText: '任务列表' }).click();
    await setup.getByLabel('第 7 项状态').selectOption('done');
    await setup.waitForFunction(() => Object.keys(localStorage).some((k) => k.startsWith('luoshi.ledger.') && localStorage.getItem(k).includes('"done"')));
    release();
    await appStarted(page);
    t.assert.equal(await page.locator('#app').getAttribute('data-started'), 'hydrate', 'a ledger and prefs stored: hydrated');
    t.assert.equal(await page.evaluate(() => document.querySelector('#task-14').__prerendered === true), true,
      'row 14 is the node from index.html (hydrated, not rebuilt)');
    t.assert.equal(await page.getByLabel('第 5 项状态').inputValue(), 'behind', 'their mark is filled in');
    t.assert.equal(await page.getByLabel('第 7 项状态').inputValue(), 'done', 'the other tab\'s write during start-up too');
    t.assert.equal(await page.locator('tr.task-row').count(), TASKS);
    t.assert.equal(await page.locator('header.app-header').count(), 1, 'nothing of the prerender left beside the app');
    const after = await rowBoxes(page);
    for (const [i, b] of before.entries()) {
      const a = after[i];
      t.assert.ok(Math.abs(a.height - b.height) <= 1 && Math.abs(a.y - b.y) <= 6,
        `row ${b.n} keeps its place and height (${JSON.stringify(b)} → ${JSON.stringify(a)})`);
    }
    const shifts = await page.evaluate(() => window.__layoutShift);
    t.assert.ok(shifts < 0.01, `no layout shift as the app fills in the marks (CLS ${shifts})`);
    // The ledger bar shows their ledger, as a replacing start does (undo enabled: there is history).
    await page.locator('.ledger-bar-row button', { hasText: '撤销' }).waitFor();
    t.assert.equal(await page.locator('.ledger-bar-row button', { hasText: '撤销' }).isDisabled(), false, 'undo: their history');
    const bar = await page.locator('.ledger-bar-row').innerText();
    // (Past the save state: 已保存 there, nothing to save here.)
    const pastSaveState = (text) => text.split('\n').slice(1).join('\n');
    t.assert.equal(pastSaveState(bar), pastSaveState(storedBar), 'the ledger bar shows the stored ledger');
    // Nothing was written at start-up: storage holds what the other tab wrote.
    const stored = () => page.evaluate(() => {
      const key = Object.keys(localStorage).find((k) => k.startsWith('luoshi.ledger.'));
      return localStorage.getItem(key);
    });
    const theirs = await setup.evaluate(() => localStorage.getItem(Object.keys(localStorage).find((k) => k.startsWith('luoshi.ledger.'))));
    t.assert.equal(await stored(), theirs, 'the hydrating start saved nothing over the stored ledger');

    // After start-up: the other tab's next write arrives, this tab's controls work and autosave.
    await setup.getByLabel('第 9 项状态').selectOption('on_schedule');
    await page.waitForFunction(() => document.querySelector('#row-9-status')?.value === 'on_schedule');
    await page.getByLabel('第 11 项状态').selectOption('behind');
    // Autosave (before any reload, whose pagehide would save too).
    await page.waitForFunction(() => {
      const key = Object.keys(localStorage).find((k) => k.startsWith('luoshi.ledger.'));
      const ledger = JSON.parse(localStorage.getItem(key));
      return Boolean(ledger.tasks?.['11'] && ledger.tasks?.['9'] && ledger.tasks?.['7'] && ledger.tasks?.['5']);
    });
    // A reload keeps everything (and hydrates again).
    await t.reload({ page, waitFor: 'tr.task-row' });
    t.assert.equal(await page.locator('#app').getAttribute('data-started'), 'hydrate');
    for (const [task, status] of [[5, 'behind'], [7, 'done'], [9, 'on_schedule'], [11, 'behind']]) {
      t.assert.equal(await page.getByLabel(`第 ${task} 项状态`).inputValue(), status, `task ${task} after a reload`);
    }
    t.assert.equal(await page.evaluate(() => JSON.parse(localStorage.getItem('luoshi.prefs')).identity_skipped), true, 'prefs kept');
    await withoutServiceWorker(page);
  },

  'a returning visitor with their unit picked: the bare address opens their tasks, so the app replaces the prerender': async (t) => {
    const setup = await t.open('', { waitFor: 'tr.task-row' });
    await setup.locator('.my-unit-picker').selectOption('区财政局');
    await setup.waitForURL(/mine=1/);
    const mine = await setup.locator('tr.task-row').count();
    t.assert.ok(mine > 0 && mine < TASKS, `their tasks: ${mine}`);
    await withoutServiceWorker(setup);
    const page = await t.newPage();
    await page.addInitScript(LAYOUT_SHIFTS);
    // Before the app runs, the prerendered list (every task) is not theirs: it stays hidden.
    const release = await holdWasm(page);
    await page.goto(t.baseUrl, { waitUntil: 'domcontentloaded' });
    t.assert.equal(await page.locator('tr.task-row').count(), TASKS, 'the prerendered markup is there');
    t.assert.equal(await page.locator('#task-1').isVisible(), false, 'but hidden from a visitor with their unit picked');
    release();
    await appStarted(page);
    await page.waitForURL(/mine=1/);
    t.assert.equal(await page.locator('#app').getAttribute('data-started'), 'replace', 'a picked unit: replaced');
    t.assert.equal(await page.locator('tr.task-row').count(), mine);
    t.assert.ok(await page.locator('tr.task-row').first().isVisible(), 'their tasks are shown');
    t.assert.ok(await page.evaluate(() => window.__layoutShift) < 0.01, 'nothing moved');
  },

  'a returning visitor never sees the prerendered list for another view (a query, a share link, another document)': async (t) => {
    const setup = await t.open('?task=5', { waitFor: 'h2.task-heading' });
    await setup.locator('#task-5-editor-status').selectOption('behind');
    await setup.waitForFunction(() => Object.keys(localStorage).some((k) => k.startsWith('luoshi.ledger.')));
    await withoutServiceWorker(setup);
    for (const address of ['?q=%E7%A7%91%E6%8A%80', '?view=overview', '?doc=0123456789ab', '#s=abc']) {
      const page = await t.newPage();
      const release = await holdWasm(page);
      await page.goto(new URL(address, t.baseUrl).href, { waitUntil: 'domcontentloaded' });
      t.assert.ok(await page.locator('#task-1').count() === 1 && !(await page.locator('#task-1').isVisible()),
        `${address}: the prerendered list stays hidden`);
      release();
      await appStarted(page);
      t.assert.equal(await page.locator('#app').getAttribute('data-started'), 'replace', address);
      await withoutServiceWorker(page);
      await page.close();
    }
  },

  'a returning visitor served by the service worker: the list is on screen before the app starts, then their marks': async (t) => {
    const page = await t.useServiceWorkers();
    await t.open('', { waitFor: 'tr.task-row' });
    await markAndCache(page);
    const again = await t.newPage();
    // What the page shows when its HTML is parsed: the wasm-bindgen init is still pending then
    // (compiling is asynchronous), so this is the page before the app.
    await again.addInitScript(() => {
      document.addEventListener('DOMContentLoaded', () => {
        const row = document.querySelector('#task-5');
        window.__atParsed = {
          started: document.getElementById('app')?.hasAttribute('data-started'),
          visible: Boolean(row && row.checkVisibility({ visibilityProperty: true })),
        };
      });
    });
    await again.addInitScript(LAYOUT_SHIFTS);
    await t.open('', { page: again, waitFor: 'tr.task-row' });
    t.assert.ok(await again.evaluate(() => Boolean(navigator.serviceWorker.controller)), 'served by the service worker');
    t.assert.deepEqual(await again.evaluate(() => window.__atParsed), { started: false, visible: true },
      'the list is visible before the app has started');
    t.assert.equal(await again.getByLabel('第 5 项状态').inputValue(), 'behind');
    const shifts = await again.evaluate(() => window.__layoutShift);
    t.assert.ok(shifts < 0.01, `no layout shift (CLS ${shifts})`);
  },

  'a returning visitor never sees the prerender\'s marks in their controls: they show once the stored ledger is in, and only then has the app started': async (t) => {
    // Every frame: is row 5's status control shown, and with which value; has the app started;
    // was data-opening ever set on the mount element.
    const FRAMES = () => {
      window.__frames = [];
      window.__opening = false;
      new MutationObserver((records) => {
        if (records.some((r) => r.attributeName === 'data-opening' && r.target.hasAttribute('data-opening'))) window.__opening = true;
      }).observe(document, { attributes: true, subtree: true, attributeFilter: ['data-opening'] });
      const tick = () => {
        const select = document.getElementById('row-5-status');
        const app = document.getElementById('app');
        if (select && app) {
          window.__frames.push({
            shown: select.checkVisibility({ visibilityProperty: true }),
            value: select.value,
            started: app.hasAttribute('data-started'),
          });
        }
        if (!app?.hasAttribute('data-started') || window.__frames.filter((f) => f.started).length < 5) requestAnimationFrame(tick);
      };
      requestAnimationFrame(tick);
    };
    const page = await t.useServiceWorkers();
    await page.addInitScript(FRAMES);
    await t.open('', { waitFor: 'tr.task-row' });
    await appStarted(page);
    t.assert.equal(await page.evaluate(() => window.__opening), false, 'a first visit (nothing stored) does not wait for a stored ledger');
    await markAndCache(page);
    // A clerk's old PC: the start-up's frames are further apart.
    const again = await t.newPage();
    await again.addInitScript(FRAMES);
    const cdp = await again.context().newCDPSession(again);
    await cdp.send('Emulation.setCPUThrottlingRate', { rate: 4 });
    await t.open('', { page: again, waitFor: 'tr.task-row' });
    await appStarted(again);
    await again.waitForFunction(() => window.__frames.filter((f) => f.started).length >= 5);
    await cdp.send('Emulation.setCPUThrottlingRate', { rate: 1 });
    t.assert.ok(await again.evaluate(() => Boolean(navigator.serviceWorker.controller)), 'served by the service worker');
    const frames = await again.evaluate(() => window.__frames);
    const wrong = frames.filter((f) => (f.shown || f.started) && f.value !== 'behind');
    t.assert.deepEqual(wrong, [], 'no frame shows task 5\'s control without its stored 滞后, and none after the app started');
    t.assert.ok(frames.some((f) => f.shown && f.started), 'the control is shown once the app started');
    t.assert.equal(await again.evaluate(() => window.__opening), true, 'the returning start waited for the stored ledger');
    t.assert.equal(await again.locator('#app').getAttribute('data-opening'), null);
    t.assert.equal(await again.getByLabel('第 5 项状态').inputValue(), 'behind');
  },

  'a visitor with a stored annotation: the app hydrates the markup and shows it': async (t) => {
    const page = await t.open('?task=5', { waitFor: 'h2.task-heading' });
    await page.locator('#task-5-editor-status').selectOption('behind');
    await page.getByLabel('备注').fill('预渲染之后仍然可见');
    await page.getByLabel('备注').press('Tab');
    await page.waitForFunction(() => Object.keys(localStorage).some((k) => k.startsWith('luoshi.ledger.') && localStorage.getItem(k).includes('预渲染之后仍然可见')));

    await t.open('', { waitFor: 'tr.task-row' });
    t.assert.equal(await page.locator('#app').getAttribute('data-started'), 'hydrate');
    t.assert.equal(await page.getByLabel('第 5 项状态').inputValue(), 'behind');
    t.assert.equal(await page.locator('tr.task-row').count(), TASKS);
    // Nothing of the prerender is left beside the app's own render (one header, one list).
    t.assert.equal(await page.locator('header.app-header').count(), 1);
    t.assert.equal(await page.locator('#app main').count(), 1);
  },
  'the app says it started only once the rows on screen have their controls; the rows below get theirs too': async (t) => {
    // Recorded the moment the app marks #app[data-started]: each row on screen, with or without
    // its status control. The app's start-up gives the rows on the first screen their controls
    // first and the others a chunk per task after (src/app/mod.rs, issue 19).
    const ON_STARTED = () => {
      new MutationObserver((_, observer) => {
        const app = document.getElementById('app');
        if (!app || !app.hasAttribute('data-started')) return;
        observer.disconnect();
        window.__atStarted = [...document.querySelectorAll('tr.task-row')]
          .filter((row) => {
            const r = row.getBoundingClientRect();
            return r.bottom > 0 && r.top < innerHeight;
          })
          .map((row) => ({ id: row.id, control: Boolean(row.querySelector('select[id$="-status"]')) }));
        window.__lastSectionAtStarted = getComputedStyle([...document.querySelectorAll('.task-section')].pop()).contentVisibility;
      }).observe(document, { attributes: true, subtree: true, attributeFilter: ['data-started'] });
    };
    for (const [visitor, status] of [['first-time', 'behind'], ['returning', 'done']]) {
      const page = await t.newPage();
      await page.addInitScript(ON_STARTED);
      await t.open('', { page, waitFor: 'tr.task-row' });
      await appStarted(page);
      t.assert.equal(await page.locator('#app').getAttribute('data-started'), 'hydrate', visitor);
      const onScreen = await page.evaluate(() => window.__atStarted);
      t.assert.ok(onScreen.length >= 3, `${visitor}: rows on screen when the app started (${JSON.stringify(onScreen)})`);
      t.assert.deepEqual(onScreen.filter((row) => !row.control), [], `${visitor}: every row on screen has its controls when the app says it started`);
      t.assert.equal(await page.evaluate(() => window.__lastSectionAtStarted), 'auto', `${visitor}: the start-up did not lay out the sections below the screen`);
      // The last task, far below the first screen: its controls come and work.
      const last = page.locator('tr.task-row').last();
      await last.scrollIntoViewIfNeeded();
      t.assert.equal(await last.getAttribute('id'), `task-${TASKS}`);
      await page.getByLabel(`第 ${TASKS} 项状态`).selectOption(status);
      await page.waitForFunction((value) => Object.keys(localStorage).some((k) => k.startsWith('luoshi.ledger.')
        && localStorage.getItem(k).includes(value)), status);
      t.assert.equal(await page.locator('tr.task-row select[id$="-status"]').count(), TASKS, `${visitor}: every row has its controls in the end`);
      t.assert.equal(await page.locator('.row-controls[aria-hidden="true"]').count(), 0, `${visitor}: no row left waiting`);
      // The first screen's controls are laid out as they are (no second layout pass at start-up);
      // the rows below skip their controls' rendering off screen (styles/annotate.css).
      const visibility = (n) => page.locator(`#task-${n} .row-controls`).evaluate((e) => getComputedStyle(e).contentVisibility);
      t.assert.equal(await visibility(onScreen[0].id.slice('task-'.length)), 'visible', `${visitor}: first screen`);
      t.assert.equal(await visibility(TASKS), 'auto', `${visitor}: the last row`);
      await page.close();
    }
  },
};
