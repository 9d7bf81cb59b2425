// The lazily loaded views (issue 19, src/app/views): the overview and the progress report are a
// second wasm module in dist/lazy/, loaded on the first visit to one of them and rendered into a
// host element of the app's page with their own Yew. A first visit to the list never downloads
// them; their links drive the app's route (and Back brings them back); the service worker keeps
// them for offline use; when they cannot be loaded the person reads why, and the rest works.

import { cachedLazyFiles, storedText, withLazyFilesMissing, withSavedChange } from '../lib/broken.mjs';

export const timeout = 60_000;

const viewsFiles = (requests) => requests.filter((u) => /\/lazy\/luoshi-views-[0-9a-f]{16}(\.js|_bg\.wasm)$/.test(u));

export const tests = {
  'a first visit does not download the views; the overview loads them once and its links drive the app': async (t) => {
    const page = await t.open('', { waitFor: 'tr.task-row' });
    await page.waitForSelector('#app[data-started]');
    t.assert.deepEqual(viewsFiles(t.requests), [], 'nothing of the views on a first visit');

    // The header's 总览 link: the module is fetched (script and wasm, once each) and renders.
    await page.locator('.view-nav').getByRole('link', { name: '总览' }).click();
    await page.locator('[data-ready="overview"]').waitFor();
    t.assert.equal(viewsFiles(t.requests).length, 2, `script and wasm: ${viewsFiles(t.requests)}`);
    t.assert.equal(await page.locator('.views-status').count(), 0, 'no loading or failure line left');
    t.assert.match(await page.locator('#overview-title').innerText(), /总览/);
    // The app marks the page it shows: the module's page is the app's.
    t.assert.match(await page.locator('.view-nav [aria-current="page"]').innerText(), /总览/);

    // A section row's link in the overview (the module's own navigator): the app follows to the
    // list it names, as a new history entry.
    const sectionLink = page.locator('.section-table tbody tr').first().locator('.stack-legend a').first();
    await sectionLink.click();
    await page.waitForFunction(() => !document.querySelector('[data-ready="overview"]') && document.querySelectorAll('tr.task-row').length > 0);
    t.assert.match(page.url(), /\?.+/, `the address names the filters: ${page.url()}`);
    const rows = await page.locator('tr.task-row').count();
    t.assert.ok(rows > 0 && rows < 71, `the list narrowed to the section: ${rows} rows`);
    t.assert.equal(await page.locator('.view-nav [aria-current="page"]').innerText(), '任务列表');

    // Back: the overview again, from the module already loaded.
    await page.goBack();
    await page.locator('[data-ready="overview"]').waitFor();
    t.assert.equal(viewsFiles(t.requests).length, 2, 'not fetched again');

    // The app's own link to the report: the same module renders it.
    await page.locator('.view-nav').getByRole('link', { name: '进展汇总' }).click();
    await page.locator('.report').first().waitFor();
    t.assert.match(page.url(), /view=report/);
    t.assert.equal(viewsFiles(t.requests).length, 2, 'one module for both pages');

    // A reload of the report opens it straight away.
    await t.reload({ waitFor: '.report' });
  },

  'the share section says it is loading until the module runs, then shows': async (t) => {
    await t.blockServiceWorkers();
    const page = await t.open('', { waitFor: 'tr.task-row' });
    await page.waitForSelector('#app[data-started]');
    // Hold the module's wasm until the loading line has been seen (no timing involved).
    let release;
    const held = new Promise((resolve) => { release = resolve; });
    await page.route('**/lazy/luoshi-views-*_bg.wasm', async (route) => {
      await held;
      await route.continue();
    });
    await page.getByRole('button', { name: '导出 / 导入' }).click();
    const status = page.locator('#exchange-panel .views-status[role=status]');
    await status.waitFor();
    t.assert.match(await status.innerText(), /正在载入分享链接/);
    release();
    await page.locator('#exchange-panel .exchange-share').waitFor();
    t.assert.equal(await status.count(), 0, 'the loading line is gone');
  },

  'on a phone the overview\'s charts keep their rows: every label whole, the bar between it and the number': async (t) => {
    const page = await t.open('?view=overview', { waitFor: '[data-ready="overview"]' });
    await page.setViewportSize({ width: 390, height: 844 });
    const rows = await page.evaluate(() => [...document.querySelectorAll('.bar-row')].map((row) => {
      const [label, track, value] = ['.bar-label', '.bar-track', '.bar-value'].map((s) => row.querySelector(s));
      return {
        text: label.textContent,
        whole: label.scrollWidth <= label.clientWidth,
        inOrder: label.getBoundingClientRect().right <= track.getBoundingClientRect().left
          && track.getBoundingClientRect().right <= value.getBoundingClientRect().left + 1,
      };
    }));
    t.assert.ok(rows.length >= 10, `${rows.length} bar rows`);
    for (const row of rows) {
      t.assert.ok(row.whole, `label shown whole: ${row.text}`);
      t.assert.ok(row.inOrder, `label, bar, number in a row: ${row.text}`);
    }
    t.assert.ok(await page.evaluate(() => document.documentElement.scrollWidth <= innerWidth), 'no horizontal scrolling');

    // The report's controls: each label's words on one line, nothing wider than the screen.
    await page.locator('.view-nav').getByRole('link', { name: '进展汇总' }).click();
    await page.locator('.report').waitFor();
    const labels = await page.evaluate(() => [...document.querySelectorAll('.rp-controls label')].map((label) => {
      const words = [...label.childNodes].find((n) => n.nodeType === Node.TEXT_NODE && n.textContent.trim());
      const range = document.createRange();
      range.selectNodeContents(words);
      const lines = new Set([...range.getClientRects()].map((r) => Math.round(r.top)));
      return { text: words.textContent.trim(), lines: lines.size, right: label.getBoundingClientRect().right };
    }));
    t.assert.equal(labels.length, 3);
    for (const label of labels) {
      t.assert.equal(label.lines, 1, `${label.text} on one line`);
      t.assert.ok(label.right <= 390, `${label.text} within the screen (${label.right})`);
    }
    t.assert.ok(await page.evaluate(() => document.documentElement.scrollWidth <= innerWidth), 'no horizontal scrolling on the report');
  },

  'the report: a period chosen with the keyboard keeps the select focused, and Back undoes it': async (t) => {
    const page = await t.open('?view=report', { waitFor: '.report' });
    const period = page.locator('select[name="period"]');
    const before = await period.inputValue();
    await period.focus();
    await page.keyboard.press('ArrowDown');
    await page.waitForFunction((b) => document.querySelector('select[name="period"]')?.value !== b, before);
    t.assert.match(page.url(), /period=/, `the address names the period: ${page.url()}`);
    // The module's route follows the app's without remounting the page: focus stays on the select.
    t.assert.equal(await page.evaluate(() => document.activeElement?.getAttribute('name')), 'period');
    await page.goBack();
    await page.waitForFunction((b) => document.querySelector('select[name="period"]')?.value === b, before);
  },

  'the overview follows the ledger: a status set in the list shows in its counts': async (t) => {
    const page = await t.open('?view=overview', { waitFor: '[data-ready="overview"]' });
    const doneBar = () => page.locator('[data-chart="whole-status"] li[data-key="done"]');
    const before = (await doneBar().count()) ? await doneBar().innerText() : '';
    await page.locator('.view-nav').getByRole('link', { name: '任务列表' }).click();
    await page.waitForSelector('#row-1-status');
    await page.selectOption('#row-1-status', 'done');
    await page.locator('.view-nav').getByRole('link', { name: '总览' }).click();
    await page.locator('[data-ready="overview"]').waitFor();
    await page.waitForFunction(() => /已完成/.test(document.querySelector('.overview')?.textContent ?? ''));
    const after = await doneBar().innerText();
    t.assert.notEqual(after, before, `the done bar changed: ${before} -> ${after}`);
    t.assert.match(after, /\b1\b/, `one task done: ${after}`);
  },

  'offline: the service worker keeps the views, so the overview opens with the network off': async (t) => {
    const cached = await cachedLazyFiles(t, /^luoshi-views-/);
    const page = t.page;
    t.assert.equal(cached.length, 2, `script and wasm cached: ${cached}`);
    await t.context.setOffline(true);
    await t.reload({ waitFor: 'tr.task-row' });
    await page.locator('.view-nav').getByRole('link', { name: '总览' }).click();
    await page.locator('[data-ready="overview"]').waitFor();
    await t.context.setOffline(false);
  },

  'the views cannot be loaded: a Chinese message, the list and the ledger untouched': async (t) => {
    // A build whose views wasm is missing; only that file's absence may be reported.
    await withLazyFilesMissing(t, /^luoshi-views-.*\.wasm$/, /lazy\/luoshi-views-[0-9a-f]+_bg\.wasm|404|Failed to load resource/, async (u) => {
      const page = u.page;
      const before = await withSavedChange(u);

      await page.locator('.view-nav').getByRole('link', { name: '总览' }).click();
      const message = page.locator('.views-status[role=alert]');
      await message.waitFor();
      t.assert.match(await message.innerText(), /无法载入统计和报告模块.*台账和文档数据不受影响/);

      // The rest of the app works: back to the list, the status is there, storage unchanged.
      await page.locator('.view-nav').getByRole('link', { name: '任务列表' }).click();
      await page.waitForSelector('#row-3-status');
      t.assert.equal(await page.inputValue('#row-3-status'), 'behind');
      t.assert.equal(await storedText(page), before, 'storage unchanged');

      // Asked again (the share section, then 打印台账): the same message each time, nothing hangs.
      await page.getByRole('button', { name: '导出 / 导入' }).click();
      await page.locator('#exchange-panel .views-status[role=alert]').waitFor();
      t.assert.match(await page.locator('#exchange-panel .views-status[role=alert]').innerText(), /无法载入统计和报告模块/);
      await page.getByRole('button', { name: '打印台账' }).click();
      const printError = page.locator('#exchange-panel .exchange-error').filter({ hasText: '无法载入统计和报告模块' });
      await printError.waitFor();
      t.assert.equal(await page.locator('.print-ledger').count(), 0, 'no print table');
      // Nothing printed, so nothing counts as exported: storage is as it was.
      t.assert.equal(await storedText(page), before, 'storage unchanged');
    });
  },
};
