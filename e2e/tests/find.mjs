// Find (issue 3): facets with live counts, Chinese text search with highlighting, URL state
// (reload, Back), keyboard walk, the reader's own unit, and the layout at 1366 and 390 px.

const TASKS = 71;

const rows = (page) => page.locator('tr.task-row');
const rowNumbers = async (page) => (await page.locator('tr.task-row a.task-number').allInnerTexts()).map(Number);
const facetButton = (page, facet, value) =>
  page.locator(`#find-filters .facet[aria-labelledby="facet-${facet}"] button.facet-value[data-value="${value}"]`);
const facetCount = async (page, facet, value) =>
  Number(await facetButton(page, facet, value).locator('.facet-count').innerText());
const resultCount = async (page) => {
  const text = await page.locator('.result-count').innerText();
  const match = /显示 (\d+) \/ (\d+) 项/.exec(text);
  if (!match) throw new Error(`unexpected count line: ${text}`);
  return { shown: Number(match[1]), total: Number(match[2]) };
};
/** Wait until the list shows `n` rows (the app re-renders after each event). */
const waitRows = (page, n) =>
  page.waitForFunction((n) => document.querySelectorAll('tr.task-row').length === n, n);

export const tests = {
  'pick a unit and a section: counts match the rows, 0-counts disabled, chips remove filters': async (t) => {
    const page = await t.open();
    t.assert.deepEqual(await resultCount(page), { shown: TASKS, total: TASKS });
    t.assert.equal(await page.locator('#find-filters .facet[aria-labelledby="facet-section"] button.facet-value').count(), 11);

    // The unit facet shows the busiest units first; 区科技局 must be among them.
    const unitCount = await facetCount(page, 'unit', '区科技局');
    t.assert.ok(unitCount > 0 && unitCount < TASKS, `区科技局 count ${unitCount}`);
    await facetButton(page, 'unit', '区科技局').click();
    await waitRows(page, unitCount);
    t.assert.equal((await resultCount(page)).shown, unitCount);
    for (const text of await rows(page).allInnerTexts()) {
      t.assert.ok(text.includes('区科技局'), `every row names 区科技局: ${text}`);
    }
    t.assert.equal(await facetButton(page, 'unit', '区科技局').getAttribute('aria-pressed'), 'true');
    t.assert.match(await page.locator('.unit-panel-title').innerText(), /区科技局/);

    // Section counts now reflect the unit filter; sections the unit has no task in are disabled.
    const sectionCounts = [];
    for (let section = 1; section <= 11; section++) sectionCounts.push(await facetCount(page, 'section', section));
    t.assert.equal(sectionCounts.reduce((a, b) => a + b, 0), unitCount, `section counts add up: ${sectionCounts}`);
    const empty = sectionCounts.findIndex((n) => n === 0) + 1;
    t.assert.ok(empty > 0, 'some section has no 区科技局 task');
    t.assert.equal(await facetButton(page, 'section', empty).isDisabled(), true, 'a 0-count value is shown disabled');

    const one = await facetCount(page, 'section', 1);
    t.assert.ok(one > 0);
    await facetButton(page, 'section', 1).click();
    await waitRows(page, one);
    t.assert.equal(await page.locator('section.task-section').count(), 1);
    t.assert.match(await page.locator('h2.section-heading').innerText(), /^一、/);
    const url = new URL(page.url());
    t.assert.equal(url.searchParams.get('section'), '1');
    t.assert.equal(url.searchParams.get('unit'), '区科技局');

    // Role switch: lead only narrows (or keeps) the list.
    await page.locator('.facet-units .segments button', { hasText: '牵头' }).click();
    await page.waitForURL(/role=lead/);
    t.assert.ok((await resultCount(page)).shown <= one);

    // Chips: removing the unit keeps the section.
    await page.getByRole('button', { name: '移除筛选：责任单位：区科技局' }).click();
    await page.waitForFunction(() => !location.search.includes('unit='));
    const sectionOnly = await rows(page).count();
    t.assert.ok(sectionOnly >= one);
    await page.locator('.chips .clear-filters').click();
    await waitRows(page, TASKS);
    t.assert.equal(new URL(page.url()).search, '');
    await t.expectAccessible();
  },

  'search: several terms must all match, hits highlighted, no-match offers to clear': async (t) => {
    const page = await t.open();
    const search = page.getByRole('searchbox', { name: '搜索任务' });
    await search.fill('科技');
    await page.waitForFunction(() => document.querySelectorAll('tr.task-row').length < 71);
    const titleHits = await page.locator('tr.task-row summary mark.hit').allInnerTexts();
    t.assert.ok(titleHits.length > 0 && titleHits.every((h) => h === '科技'), `titles marked: ${titleHits}`);
    t.assert.equal(new URL(page.url()).searchParams.get('q'), '科技');
    // Opening a row shows its full text with the hits marked.
    await page.locator('tr.task-row summary').first().click();
    await page.locator('tr.task-row .task-text mark.hit').first().waitFor();

    await search.fill('实验室');
    await page.waitForFunction(() => new URL(location.href).searchParams.get('q') === '实验室');
    const withOne = await rows(page).count();
    t.assert.ok(withOne > 0);

    await search.fill('实验室 区科技局');
    await page.waitForURL(/q=/);
    await page.waitForFunction(() => new URL(location.href).searchParams.get('q') === '实验室 区科技局');
    const withTwo = await rows(page).count();
    t.assert.ok(withTwo > 0 && withTwo <= withOne, `two terms narrow: ${withTwo} <= ${withOne}`);
    const unitHits = await page.locator('tr.task-row td.col-units mark.hit').allInnerTexts();
    t.assert.ok(unitHits.includes('区科技局'), `unit names are highlighted: ${unitHits}`);

    // The task page marks the hits in the full text too.
    await rows(page).first().locator('a.task-number').click();
    await page.waitForSelector('h2.task-heading');
    const hits = await page.locator('.task-page .task-text mark.hit').allInnerTexts();
    t.assert.ok(hits.includes('实验室'), `task page marks hits: ${hits}`);
    await t.screenshot('search-task-page', { page });
    await page.goBack();
    await page.waitForSelector('tr.task-row');

    await search.fill('没有这种任务的词');
    await page.waitForSelector('.no-match');
    t.assert.match(await page.locator('.no-match').innerText(), /没有符合条件的任务/);
    await page.locator('.no-match button').click();
    await waitRows(page, TASKS);
    t.assert.equal(await search.inputValue(), '');
  },

  'a number jumps: hint, then Enter opens the task page': async (t) => {
    const page = await t.open();
    const search = page.getByRole('searchbox', { name: '搜索任务' });
    await search.fill('#14');
    await page.waitForSelector('.jump-hint');
    t.assert.match(await page.locator('.jump-hint').innerText(), /跳转到第 14 项/);
    t.assert.deepEqual(await rowNumbers(page), [14]);
    await search.press('Enter');
    await page.waitForSelector('h2.task-heading');
    t.assert.match(await page.locator('h2.task-heading').innerText(), /第 14 项/);
    t.assert.equal(new URL(page.url()).searchParams.get('task'), '14');
  },

  'typing key by key: the list follows every key, the address catches up after a pause, reload keeps it': async (t) => {
    const page = await t.open();
    const search = page.getByRole('searchbox', { name: '搜索任务' });
    await search.pressSequentially('科技局', { delay: 20 });
    // The rows follow the last key at once.
    await page.waitForFunction(() => document.querySelector('.result-count')?.textContent.startsWith('显示 ') &&
      [...document.querySelectorAll('tr.task-row')].every((row) => row.textContent.includes('科技局')));
    // The address bar says the whole text once typing pauses (one history entry for the search).
    await page.waitForFunction(() => new URL(location.href).searchParams.get('q') === '科技局');
    const shown = await rowNumbers(page);
    t.assert.ok(shown.length > 0 && shown.length < TASKS, `narrowed: ${shown.length}`);
    await t.reload();
    t.assert.equal(await search.inputValue(), '科技局');
    t.assert.deepEqual(await rowNumbers(page), shown);
    await page.goBack();
    await page.waitForFunction(() => !location.search.includes('q='));
    await waitRows(page, TASKS);
  },
  'reload restores the view from the URL; Back and Forward step through filter changes': async (t) => {
    const page = await t.open();
    await facetButton(page, 'section', 2).click();
    await page.waitForURL(/section=2/);
    const sectionTwo = await rows(page).count();
    await page.getByRole('searchbox', { name: '搜索任务' }).fill('投资');
    await page.waitForURL(/q=/);
    const narrowed = await rowNumbers(page);
    t.assert.ok(narrowed.length > 0 && narrowed.length <= sectionTwo);
    await page.locator('.sort select').selectOption('status');
    await page.waitForURL(/sort=status/);

    await t.reload();
    t.assert.deepEqual((await rowNumbers(page)).sort((a, b) => a - b), narrowed);
    t.assert.equal(await page.getByRole('searchbox', { name: '搜索任务' }).inputValue(), '投资');
    t.assert.equal(await facetButton(page, 'section', 2).getAttribute('aria-pressed'), 'true');
    t.assert.equal(await page.locator('.sort select').inputValue(), 'status');

    await page.goBack(); // undo the sort
    await page.waitForFunction(() => !location.search.includes('sort='));
    t.assert.equal(await page.locator('.sort select').inputValue(), 'number');
    await page.goBack(); // undo the search (typing made one entry, not one per key)
    await page.waitForFunction(() => !location.search.includes('q='));
    t.assert.equal(await rows(page).count(), sectionTwo);
    t.assert.equal(await page.getByRole('searchbox', { name: '搜索任务' }).inputValue(), '');
    await page.goBack(); // undo the section
    await waitRows(page, TASKS);
    await page.goForward();
    await waitRows(page, sectionTwo);
    t.assert.equal(await facetButton(page, 'section', 2).getAttribute('aria-pressed'), 'true');
  },

  'keyboard: / focuses search, Esc clears, j/k walk rows, Enter opens the task': async (t) => {
    const page = await t.open();
    await page.locator('body').press('/');
    const search = page.getByRole('searchbox', { name: '搜索任务' });
    t.assert.ok(await search.evaluate((el) => el === document.activeElement), '/ focuses the search box');
    await page.keyboard.type('科技');
    await page.waitForURL(/q=/);
    const found = await rowNumbers(page);
    t.assert.ok(found.length >= 3, `search narrows: ${found}`);
    // j while typing is a letter, not a shortcut.
    await page.keyboard.press('Escape');
    await waitRows(page, TASKS);
    t.assert.equal(await search.inputValue(), '');
    t.assert.equal(await search.evaluate((el) => el === document.activeElement), false, 'Esc leaves the box');

    await page.keyboard.type('科技');
    await page.waitForURL(/q=/);
    await search.evaluate((el) => el.blur());
    await page.keyboard.press('j');
    await page.keyboard.press('j');
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('k');
    const focused = await page.evaluate(() => document.activeElement?.closest('tr')?.id);
    t.assert.equal(focused, `task-${found[1]}`, 'j j ↓ k lands on the second row');
    await t.screenshot('keyboard-selection', { page });
    await page.keyboard.press('Enter');
    await page.waitForSelector('h2.task-heading');
    t.assert.match(await page.locator('h2.task-heading').innerText(), new RegExp(`第 ${found[1]} 项`));
    // On the task page: j goes to the next task in the filtered list, Esc back to it.
    await page.keyboard.press('j');
    await page.waitForFunction((n) => location.search.includes(`task=${n}`), found[2]);
    await page.keyboard.press('Escape');
    await page.waitForSelector('tr.task-row');
    t.assert.deepEqual(await rowNumbers(page), found);
  },

  'my unit: picked once, remembered, default view shows my tasks, one click to all': async (t) => {
    const page = await t.open();
    await page.locator('.my-unit-picker').selectOption('区财政局');
    await page.waitForURL(/mine=1/);
    const mine = await rowNumbers(page);
    t.assert.ok(mine.length > 0 && mine.length < TASKS, `my tasks: ${mine.length}`);
    for (const text of await rows(page).allInnerTexts()) t.assert.ok(text.includes('区财政局'));
    t.assert.match(await page.locator('.my-unit').innerText(), new RegExp(`只看本单位（${mine.length}）`));
    const stored = await page.evaluate(() => JSON.parse(localStorage.getItem('luoshi.prefs')));
    t.assert.equal(stored.my_unit, '区财政局');

    // A bare address opens my tasks.
    await t.open();
    await page.waitForURL(/mine=1/);
    t.assert.deepEqual(await rowNumbers(page), mine);
    await t.screenshot('mine-1366', { page });
    await page.locator('.my-unit button', { hasText: '全部任务' }).click();
    await waitRows(page, TASKS);
    await page.goBack();
    await waitRows(page, mine.length);
  },

  'status facet counts what the ledger records': async (t) => {
    const page = await t.open();
    t.assert.equal(await facetCount(page, 'status', 'not_started'), TASKS);
    t.assert.equal(await facetButton(page, 'status', 'behind').isDisabled(), true);
    await page.getByLabel('第 3 项状态').selectOption('behind');
    await page.waitForFunction(() =>
      document.querySelector('.facet[aria-labelledby="facet-status"] button[data-value="behind"] .facet-count')?.textContent === '1');
    t.assert.equal(await facetCount(page, 'status', 'not_started'), TASKS - 1);
    await facetButton(page, 'status', 'behind').click();
    await waitRows(page, 1);
    t.assert.deepEqual(await rowNumbers(page), [3]);
    t.assert.equal(new URL(page.url()).searchParams.get('status'), 'behind');
    // Sort by status puts the urgent ones first.
    await page.locator('.chips .clear-filters').click();
    await waitRows(page, TASKS);
    await page.locator('.sort select').selectOption('status');
    await page.waitForURL(/sort=status/);
    t.assert.equal((await rowNumbers(page))[0], 3);
  },

  'layout at 1366 and on a phone; facet list expands with a filter': async (t) => {
    const page = await t.open();
    await page.setViewportSize({ width: 1366, height: 768 });
    const before = await page.locator('.facet-units button.facet-value').count();
    await page.locator('.facet-units .facet-more').click();
    const after = await page.locator('.facet-units button.facet-value').count();
    t.assert.ok(after > before, `更多 shows every unit (${before} → ${after})`);
    await page.locator('.facet-units input[type=search]').fill('街道');
    await page.waitForFunction(() => [...document.querySelectorAll('.facet-units .facet-label')].every((el) => el.textContent.includes('街道')));
    await page.getByRole('searchbox', { name: '搜索任务' }).fill('项目');
    await page.waitForURL(/q=/);
    await t.screenshot('find-1366', { page });
    await t.expectAccessible();

    await page.setViewportSize({ width: 390, height: 844 });
    const width = await page.evaluate(() => document.documentElement.scrollWidth);
    t.assert.ok(width <= 390, `no horizontal scrolling on a phone (scrollWidth ${width})`);
    t.assert.equal(await page.locator('#find-filters').isVisible(), false, 'facets fold away on a phone');
    await page.locator('.filters-toggle').click();
    t.assert.equal(await page.locator('#find-filters').isVisible(), true);
    await t.screenshot('find-390', { page });
  },
};
