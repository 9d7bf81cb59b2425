// Quality gates (issue "Fast, small, accessible, private, offline"): accessibility of every main view,
// a keyboard-only walkthrough, the Content-Security-Policy, no requests outside the app, no script
// injection through stored or linked text, and offline use through the service worker.
// Views and controls that have not landed yet are skipped with a printed note, never faked.

import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { TestContext } from '../lib/harness.mjs';
import { startStaticServer } from '../../scripts/static-server.mjs';
import { fillServiceWorker, listFiles, webPolicy, withCsp } from '../../scripts/post-build.mjs';

export const timeout = 60_000;

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const TASKS = 71;
const note = (msg) => console.log(`        note: ${msg}`);

/** The <main> markup of the plain list, to tell whether `?view=…` renders a view of its own. */
async function mainHtml(page) {
  return page.locator('main').innerHTML();
}

async function listMain(t) {
  const page = await t.open('', { waitFor: 'tr.task-row' });
  return mainHtml(page);
}

/** Press Tab until `matches(document.activeElement)` (a function source run in the page), at most `max` times. */
async function tabTo(page, matches, max = 400) {
  for (let i = 0; i < max; i += 1) {
    await page.keyboard.press('Tab');
    if (await page.evaluate(matches)) return true;
  }
  return false;
}

// Text that would run script if the app ever put user text into the DOM as HTML or a URL.
const HOSTILE = [
  '<script>window.__xss = "script"</script>',
  '<img src=x onerror="window.__xss = \'img\'">',
  '<a href="javascript:window.__xss=\'link\'">点我</a>',
];
const HOSTILE_TEXT = HOSTILE.join(' ');

export const tests = {
  'accessibility: list and task page have no serious or critical axe violations': async (t) => {
    const page = await t.open('', { waitFor: 'tr.task-row' });
    await t.expectAccessible();
    // An expanded row and a narrowed list are states of the list view too.
    await page.locator('#task-1 summary').click();
    await t.expectAccessible();
    await t.open('?task=1', { waitFor: 'h2.task-heading' });
    await t.expectAccessible();
    await t.open('?task=71', { waitFor: 'h2.task-heading' });
    await t.expectAccessible();
    await t.open(`?unit=${encodeURIComponent('区科技局')}`, { waitFor: 'tr.task-row' });
    await t.expectAccessible();
    await page.setViewportSize({ width: 390, height: 844 });
    await t.expectAccessible();
  },

  'accessibility: overview, report and import preview, where they exist': async (t) => {
    const list = await listMain(t);
    let covered = 0;
    for (const view of ['overview', 'report']) {
      const page = await t.open(`?view=${view}`, { waitFor: 'main' });
      await page.waitForSelector('main > *');
      if ((await mainHtml(page)) === list) {
        note(`?view=${view} shows the list: that view has not landed yet, skipped`);
        continue;
      }
      await t.expectAccessible();
      covered += 1;
    }
    // Import preview: whatever file input the app offers, fed a snapshot it exported if it can.
    const page = await t.open('', { waitFor: 'tr.task-row' });
    const input = page.locator('input[type=file]');
    if ((await input.count()) === 0) {
      note('no file input (import) on the list view yet: import preview skipped');
    } else {
      // A snapshot the importer accepts (a stored fixture), so the preview, not an error, shows.
      const goodDir = path.join(ROOT, 'tests', 'fixtures', 'snapshot', 'good');
      const fixture = fs.readdirSync(goodDir).filter((f) => f.endsWith('.json')).sort()[0];
      await input.first().setInputFiles(path.join(goodDir, fixture));
      await page.waitForSelector('[role=dialog], dialog[open], .import-preview, [role=alert]');
      await t.expectAccessible();
      covered += 1;
    }
    note(`${covered} extra view(s) checked with axe`);
  },

  'keyboard only: filter, open a task, set a status, export': async (t) => {
    const page = await t.open('', { waitFor: 'tr.task-row' });
    // The first Tab must land on something visible at the top of the page (skip link or app name).
    await page.keyboard.press('Tab');
    t.assert.ok(await page.evaluate(() => document.activeElement && document.activeElement !== document.body));

    const search = page.locator('input[type=search]');
    if (await search.count()) {
      t.assert.ok(await tabTo(page, () => document.activeElement?.matches('input[type=search]')), 'Tab reaches the search box');
      await page.keyboard.type('科技');
      await page.waitForFunction((n) => document.querySelectorAll('tr.task-row').length < n, TASKS);
    } else {
      note('no search box yet: filtering by keyboard goes through a unit link on a task page');
      t.assert.ok(await tabTo(page, () => document.activeElement?.matches('a.task-number')), 'Tab reaches a task link');
      await page.keyboard.press('Enter');
      await page.waitForSelector('h2.task-heading');
      t.assert.ok(await tabTo(page, () => document.activeElement?.matches('a.unit')), 'Tab reaches a unit link');
      await page.keyboard.press('Enter');
      await page.waitForSelector('.filter-heading, .unit-panel');
    }
    const shown = await page.locator('tr.task-row').count();
    t.assert.ok(shown > 0 && shown < TASKS, `the filter narrows the list (${shown})`);

    t.assert.ok(await tabTo(page, () => document.activeElement?.matches('tr.task-row a.task-number')), 'Tab reaches a task link');
    const number = await page.evaluate(() => document.activeElement.textContent.trim());
    await page.keyboard.press('Enter');
    await page.waitForSelector('h2.task-heading');
    t.assert.match(page.url(), /[?&]task=\d+/, `Enter on task ${number} opens its page`);

    const status = page.locator('select.status-select');
    if (await status.count()) {
      t.assert.ok(await tabTo(page, () => !!document.activeElement?.matches('main select.status-select')), 'Tab reaches the status control');
      const before = await status.first().inputValue();
      await page.keyboard.press('ArrowDown');
      await page.waitForFunction((old) => document.querySelector('main select.status-select').value !== old, before);
      const after = await status.first().inputValue();
      await t.reload({ waitFor: 'main select.status-select' });
      t.assert.equal(await status.first().inputValue(), after, `the status set by keyboard (${before} -> ${after}) is saved`);
    } else {
      note('no status control on the task page yet: status step skipped');
    }

    const exportButton = page.getByRole('button', { name: /下载完整备份|下载台账/ });
    if (await exportButton.count()) {
      t.assert.ok(
        await tabTo(page, () => !!document.activeElement?.matches('button') && /下载完整备份|下载台账/.test(document.activeElement.textContent)),
        'Tab reaches the export button',
      );
      const file = await t.download(() => page.keyboard.press('Enter'));
      t.assert.ok(file.buffer.length > 0, 'export wrote a file');
      note(`exported by keyboard: ${file.filename} (${file.buffer.length} bytes)`);
    } else {
      note('no export button yet: export step skipped');
    }
  },

  'CSP: the policy is in force and the app never violates it': async (t) => {
    const page = await t.open('', { waitFor: 'tr.task-row' });
    const csp = await page.getAttribute('meta[http-equiv=Content-Security-Policy]', 'content');
    t.assert.ok(csp, 'index.html carries a CSP meta tag');
    for (const directive of ["default-src 'self'", "style-src 'self'", "object-src 'none'"]) {
      t.assert.ok(csp.includes(directive), `CSP has ${directive}: ${csp}`);
    }
    t.assert.ok(!/'unsafe-inline'|\*|https?:/.test(csp), `CSP allows nothing beyond the app: ${csp}`);
    // 'unsafe-eval' only beside 'wasm-unsafe-eval': Chromium 86-96 compile wasm under no other keyword
    // (README "Browsers"); scripts/compat.mjs proves no shipped script calls eval() or new Function().
    t.assert.ok(csp.includes("'wasm-unsafe-eval' 'unsafe-eval'"), csp);
    // Walk the main views; any violation is logged as a console error and fails the test.
    await page.locator('#task-1 summary').click();
    await page.locator('#task-1 a.task-number').click();
    await page.waitForSelector('h2.task-heading');
    for (const q of ['?view=overview', '?view=report', `?unit=${encodeURIComponent('区科技局')}`]) {
      await t.open(q, { waitFor: 'main > *' });
    }
    t.assert.deepEqual(await page.evaluate(() => window.__cspViolations), []);

    // Control: an injected inline script is refused, so the checks above mean something.
    t.allowConsole(/Content Security Policy|CSP violation/);
    await page.evaluate(() => {
      const s = document.createElement('script');
      s.textContent = 'window.__injected = true';
      document.body.append(s);
    });
    await page.waitForFunction(() => window.__cspViolations.length > 0);
    t.assert.equal(await page.evaluate(() => window.__injected), undefined, 'inline script must not run');
  },

  'privacy: main flows request only the app\'s own files': async (t) => {
    const page = await t.open('', { waitFor: 'tr.task-row' });
    await page.locator('#task-3 summary').click();
    await page.locator('#task-3 a.task-number').click();
    await page.waitForSelector('h2.task-heading');
    await page.locator('.task-units a.unit').first().click();
    await page.waitForSelector('.filter-heading, .unit-panel');
    await t.reload({ waitFor: 'tr.task-row' });
    const outside = t.requests.filter((u) => !u.startsWith(t.baseUrl) && !u.startsWith('data:') && !u.startsWith('blob:'));
    t.assert.deepEqual(outside, [], 'no request leaves the app');
    const kinds = new Set(t.requests.map((u) => path.extname(new URL(u).pathname) || '/'));
    note(`requests: ${t.requests.length}, kinds: ${[...kinds].sort().join(' ')}`);
  },

  'XSS: hostile text in links and in the stored ledger shows literally and never runs': async (t) => {
    // 1. Through the URL: a unit filter and a search term are echoed on screen.
    const page = await t.open(`?unit=${encodeURIComponent(HOSTILE_TEXT)}&q=${encodeURIComponent(HOSTILE[1])}`, {
      waitFor: 'main > *',
    });
    const shownText = await page.locator('body').innerText();
    if (shownText.includes(HOSTILE[0])) note('the unit from the link shows literally');
    else note('the app does not echo an unknown unit from the link: checked that nothing ran');
    const search = page.locator('input[type=search]').first();
    if (await search.count()) {
      t.assert.equal(await search.inputValue(), HOSTILE[1], 'the search term from the link shows literally');
    }
    t.assert.equal(await page.locator('#app script, #app img[src=x], #app a[href^="javascript:"]').count(), 0);

    // 2. Through storage: a ledger (store format v2, src/store.rs) whose notes and report carry it.
    const seed = fs.readFileSync(path.join(ROOT, 'seeds', 'chengyang-2023-key-tasks.txt'), 'utf8');
    const fingerprint = crypto.createHash('sha256').update(seed).digest('hex');
    const report = { progress_text: HOSTILE_TEXT, problems: HOSTILE[1], next_steps: HOSTILE[2] };
    const ledger = {
      format: 'luoshi.ledger',
      version: 2,
      fingerprint,
      tasks: { 1: { notes: HOSTILE_TEXT, owner: HOSTILE[1], reports: { '2023Q2': report, '2023-06': report } } },
    };
    await page.evaluate(([key, value]) => localStorage.setItem(key, value), [`luoshi.ledger.${fingerprint}`, JSON.stringify(ledger)]);
    for (const q of ['', '?task=1', '?view=overview', '?view=report']) {
      await t.open(q, { waitFor: 'main > *' });
      await page.locator('#task-1 summary').click({ timeout: 1000 }).catch(() => {});
    }
    await t.open('?task=1', { waitFor: 'h2.task-heading' });
    const notes = page.locator('main textarea[id$="-notes"]');
    if (await notes.count()) {
      t.assert.equal(await notes.inputValue(), HOSTILE_TEXT, 'the stored notes show literally in the editor');
    } else {
      note('the task page has no notes field yet (annotate UI not on main): checked that nothing ran');
    }
    await t.open('?view=report', { waitFor: 'main > *' });
    const reportText = await page.locator('main').innerText();
    if (reportText.includes(HOSTILE[0])) note('the report view shows the stored progress text literally');
    t.assert.equal(await page.locator('#app script, #app img[src=x], #app a[href^="javascript:"]').count(), 0);
    t.assert.equal(await page.evaluate(() => window.__xss), undefined, 'no injected script ran');
  },

  'offline: after one visit the app opens with the network off and keeps its data': async (t) => {
    const page = await t.useServiceWorkers();
    await t.open('', { waitFor: 'tr.task-row' });
    await page.evaluate(() => navigator.serviceWorker.ready);
    await page.waitForFunction(() => navigator.serviceWorker.controller !== null);
    const caches = await page.evaluate(() => caches.keys());
    t.assert.equal(caches.length, 1, `one cache: ${caches}`);
    t.assert.match(caches[0], /^luoshi-[0-9a-f]{16}$/);
    await page.evaluate(() => localStorage.setItem('e2e-offline-probe', 'kept'));

    await t.context.setOffline(true);
    await t.reload({ waitFor: 'tr.task-row' });
    t.assert.equal(await page.locator('tr.task-row').count(), TASKS);
    await page.locator('#task-2 a.task-number').click();
    await page.waitForSelector('h2.task-heading');
    await t.open('?task=40', { waitFor: 'h2.task-heading' });
    t.assert.equal(await page.evaluate(() => localStorage.getItem('e2e-offline-probe')), 'kept');
    await t.context.setOffline(false);
  },

  'offline: a new build is picked up on the next visit, old cache dropped, data kept': async (t) => {
    // A private copy of dist/ that this test rebuilds (the JS glue changes, as a new release would).
    const dist = process.env.E2E_DIST || path.join(ROOT, 'dist');
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'luoshi-sw-'));
    fs.cpSync(dist, dir, { recursive: true });
    const server = await startStaticServer({ dir, prefix: '/tools/luoshi/', port: 0 });
    const u = new TestContext({ browser: t.browser, baseUrl: server.url, file: t.file, name: t.name });
    try {
      await u.init({ intercept: false });
      const page = u.page;
      await u.open('', { waitFor: 'tr.task-row' });
      await page.waitForFunction(() => navigator.serviceWorker.controller !== null);
      const [first] = await page.evaluate(() => caches.keys());
      await page.evaluate(() => localStorage.setItem('e2e-update-probe', 'kept'));

      const changed = listFiles(dir).find((f) => /^luoshi-web-.*\.js$/.test(f));
      fs.appendFileSync(path.join(dir, changed), '\n/* e2e: release 2 */\n');
      const template = fs.readFileSync(path.join(ROOT, 'assets', 'sw.js'), 'utf8');
      const { text } = fillServiceWorker(template, listFiles(dir), (f) => fs.readFileSync(path.join(dir, f)));
      fs.writeFileSync(path.join(dir, 'sw.js'), text);
      const html = fs.readFileSync(path.join(dir, 'index.html'), 'utf8');
      fs.writeFileSync(path.join(dir, 'index.html'), withCsp(html, webPolicy(html)));

      // Next visit: the browser fetches sw.js, installs the new worker, which drops the old cache.
      await u.reload({ waitFor: 'tr.task-row' });
      // Wait until a worker whose activation dropped the old cache is in charge: a worker is
      // 'activated' only once its activate handler (which deletes old caches) has finished.
      await page.evaluate(async (old) => {
        const reg = await navigator.serviceWorker.getRegistration();
        const activated = (w) =>
          new Promise((resolve) => w.addEventListener('statechange', () => w.state === 'activated' && resolve()));
        for (;;) {
          const worker = reg.installing || reg.waiting || reg.active;
          if (worker.state !== 'activated') {
            await activated(worker);
            continue;
          }
          const found = new Promise((resolve) => reg.addEventListener('updatefound', resolve, { once: true }));
          if (!(await caches.keys()).includes(old)) return;
          await found;
        }
      }, first);
      const keys = await page.evaluate(() => caches.keys());
      t.assert.equal(keys.length, 1, `only the new cache is left: ${keys}`);
      t.assert.notEqual(keys[0], first);
      const served = await page.evaluate((f) => fetch(f).then((r) => r.text()), changed);
      t.assert.ok(served.includes('release 2'), `the new build's files are served: ${changed} ${served.slice(-80)}`);
      await u.reload({ waitFor: 'tr.task-row' });
      t.assert.equal(await page.evaluate(() => localStorage.getItem('e2e-update-probe')), 'kept');
    } finally {
      t.problems.push(...u.problems);
      await u.close();
      await server.close();
      fs.rmSync(dir, { recursive: true, force: true });
    }
  },
};
