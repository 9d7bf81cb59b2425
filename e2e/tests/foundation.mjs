// Foundation (issue 1): the seed document's header, 11 sections and 71 tasks show on first load;
// a task expands in place with its targets marked; task pages live in the query string, survive
// reload and work with Back. The harness fails any test on console errors or warnings.

const TASKS = 71;
const SECTIONS = 11;

async function rowCount(page) {
  return page.locator('tr.task-row').count();
}

export const tests = {
  'first load shows the document header, 11 sections and 71 tasks': async (t) => {
    const page = await t.open();
    const header = await page.locator('.doc-header').innerText();
    for (const expected of ['青城政办发〔2023〕18号', '区政府办公室', '2023-04-27']) {
      t.assert.ok(header.includes(expected), `header should show ${expected}: ${header}`);
    }
    t.assert.equal(await page.locator('section.task-section').count(), SECTIONS);
    t.assert.equal(await page.locator('h2.section-heading').count(), SECTIONS);
    t.assert.equal(await rowCount(page), TASKS);
    const first = await page.locator('#task-1').innerText();
    t.assert.ok(first.includes('区科技局'), `task 1 lists its lead unit: ${first}`);
    // Tasks 69–71 name no units: they still render, with a dash.
    t.assert.ok((await page.locator('#task-71').innerText()).includes('—'));
    await t.screenshot('list-1366', { page });
  },

  'a task expands to its full text with targets marked': async (t) => {
    const page = await t.open();
    const row = page.locator('#task-1');
    t.assert.equal(await row.locator('.task-text').isVisible(), false, 'text starts folded');
    await row.locator('summary').click();
    const text = await row.locator('.task-text').innerText();
    t.assert.ok(text.includes('(牵头单位:区科技局'), `full text includes the responsibility note: ${text}`);
    const marks = await row.locator('mark.target').allInnerTexts();
    t.assert.ok(marks.length >= 1, 'task 1 has marked targets');
    t.assert.ok(marks.every((m) => text.includes(m)), `marks are pieces of the text: ${marks}`);
    await t.expectAccessible();
    await t.screenshot('expanded', { page });
  },

  'a task page opens by click, survives reload, and Back returns to the list': async (t) => {
    const page = await t.open();
    const listPath = new URL(page.url()).pathname;
    await page.locator('#task-14 a.task-number').click();
    await page.waitForSelector('h2.task-heading');
    const url = new URL(page.url());
    t.assert.equal(url.search, '?task=14');
    t.assert.equal(url.pathname, listPath, 'the path never changes: view state lives in the query');
    t.assert.match(await page.locator('h2.task-heading').innerText(), /第 14 项/);
    t.assert.equal(await rowCount(page), 0);
    t.assert.ok((await page.locator('.task-units a.unit').count()) >= 1, 'units are links');
    t.assert.match(await page.locator('a[rel=prev]').getAttribute('href'), /\?task=13$/);
    t.assert.match(await page.locator('a[rel=next]').getAttribute('href'), /\?task=15$/);
    await t.expectAccessible();
    await t.screenshot('task-14', { page });

    await t.reload();
    t.assert.match(await page.locator('h2.task-heading').innerText(), /第 14 项/);

    await page.goBack();
    await page.waitForSelector('tr.task-row');
    t.assert.equal(new URL(page.url()).search, '');
    t.assert.equal(await rowCount(page), TASKS);

    await page.goForward();
    await page.waitForSelector('h2.task-heading');
    t.assert.match(await page.locator('h2.task-heading').innerText(), /第 14 项/);
  },

  'pasted links: an unknown task says so, a unit link narrows the list': async (t) => {
    const page = await t.open('?task=999');
    t.assert.match(await page.locator('.not-found').innerText(), /没有第 999 项任务/);
    await page.locator('a.back-link').click();
    await page.waitForSelector('tr.task-row');
    t.assert.equal(await rowCount(page), TASKS);

    await t.open('?task=1');
    await page.locator('.task-units a.unit', { hasText: '区科技局' }).first().click();
    await page.waitForSelector('.unit-panel');
    t.assert.match(await page.locator('.unit-panel-title').innerText(), /区科技局/);
    const shown = await rowCount(page);
    t.assert.ok(shown > 0 && shown < TASKS, `unit filter narrows the list (${shown})`);
  },

  'on a phone the list becomes cards': async (t) => {
    const page = await t.open();
    await page.setViewportSize({ width: 390, height: 844 });
    const display = await page.locator('tr.task-row').first().evaluate((el) => getComputedStyle(el).display);
    t.assert.equal(display, 'grid', 'rows are laid out as cards');
    const width = await page.evaluate(() => document.documentElement.scrollWidth);
    t.assert.ok(width <= 390, `no horizontal scrolling on a phone (scrollWidth ${width})`);
    await t.screenshot('phone', { page });
  },

  'printing drops the app chrome': async (t) => {
    const page = await t.open('?task=14');
    await page.emulateMedia({ media: 'print' });
    t.assert.equal(await page.locator('.app-bar').isVisible(), false, 'app bar hidden in print');
    t.assert.equal(await page.locator('.task-nav').isVisible(), false, 'back/prev/next hidden in print');
    t.assert.equal(await page.locator('h2.task-heading').isVisible(), true);
    t.assert.equal(await page.locator('.doc-title').isVisible(), true);
    await t.screenshot('print-task-14', { page });
  },
};
