// Any document of the genre: paste or open another 重点工作任务 text and get a ledger for it.
// The fixture (e2e/fixtures/sample-plan.txt) is our own: 3 sections, 6 tasks, one line that cannot
// be placed (line 11) and one task without units. No sleeps: every wait is on the page or storage.

import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';

export const timeout = 60_000;

const FIXTURE = fileURLToPath(new URL('../fixtures/sample-plan.txt', import.meta.url));
const PLAN_ID = 'a4a59e153750';
const SWITCHER = 'select[aria-label="文档"]';

async function paste(page, text) {
  await page.getByRole('button', { name: '粘贴文本' }).click();
  await page.getByRole('textbox', { name: '文档文本' }).fill(text);
  await page.getByRole('dialog').getByRole('button', { name: '打开', exact: true }).click();
}

async function optionTexts(page) {
  return page.locator(`${SWITCHER} option`).allInnerTexts();
}

async function switchTo(page, titlePart) {
  const options = await page.locator(`${SWITCHER} option`).evaluateAll((nodes) =>
    nodes.map((node) => ({ value: node.value, text: node.textContent })));
  const option = options.find((o) => o.text.includes(titlePart));
  await page.locator(SWITCHER).selectOption(option.value);
  await page.locator('.doc-title', { hasText: titlePart }).waitFor();
}

async function waitSaved(page) {
  await page.waitForFunction(() => /已保存 \d\d:\d\d:\d\d/.test(document.querySelector('.save-state')?.textContent ?? ''));
}

// Our own plan naming responsible leaders, in brackets and on a 牵头领导 line, with a prose-only
// first section (one warning for its three lines) and a numbering gap-free task list:
// 林清 leads 1, 2, 6; 赵一鸣 2, 3, 6; 欧阳·明珠 4; task 5 names no leader.
const LEADER_PLAN = `临川县2025年民生实事任务分解
为扎实办好民生实事，现将任务分解如下。
一、总体要求
坚持以人民为中心，聚焦群众急难愁盼，
集中力量办成一批看得见、摸得着的实事。
各单位要细化措施，按月调度。
二、工作任务
1.新建社区食堂8处。(责任领导:林清;牵头单位:县民政局;责任单位:各街道)
2.改造老旧小区12个。(责任领导:林清、赵一鸣;牵头单位:县住房城乡建设局;责任单位:县民政局)
3.新增公办幼儿园学位900个。(责任领导:赵一鸣;牵头单位:县教育局)
4.新建城市口袋公园6处。(责任领导:欧阳·明珠;牵头单位:县城市管理局)
5.完成农村户厕改造1500户。(牵头单位:县农业农村局)
6.建成乡镇污水处理站4座。
牵头领导:赵一鸣，林清
牵头单位:县生态环境局
`;

const leaderButton = (page, name) =>
  page.locator(`#find-filters .facet[aria-labelledby="facet-leader"] button.facet-value[data-value="${name}"]`);
const rowNumbers = async (page) => page.locator('tr.task-row a.task-number').allInnerTexts();
const waitRows = (page, n) => page.waitForFunction((n) => document.querySelectorAll('tr.task-row').length === n, n);

export const tests = {
  'a document naming leaders: 责任领导 facet, URL survives reload, leader links on the task page': async (t) => {
    const page = await t.open();
    // The seed names no leader: no such facet.
    t.assert.equal(await page.locator('.facet[aria-labelledby="facet-leader"]').count(), 0);

    await paste(page, LEADER_PLAN);
    t.assert.match(await page.locator('.doc-load-counts').innerText(), /任务 6 项/);
    // The prose section is one warning, not three.
    const warnings = await page.locator('.doc-load-warnings li').allInnerTexts();
    t.assert.equal(warnings.length, 1, warnings.join('\n'));
    t.assert.match(warnings[0], /第 4 行：不属于任何编号任务:“一、总体要求”下的文字\(共3行,至第6行\)/);
    await page.locator('.doc-load-summary').getByRole('button', { name: '关闭' }).click();

    await waitRows(page, 6);
    t.assert.deepEqual(
      await page.locator('.facet[aria-labelledby="facet-leader"] .facet-label').allInnerTexts(),
      ['林清', '赵一鸣', '欧阳·明珠'],
    );
    t.assert.equal(await leaderButton(page, '林清').locator('.facet-count').innerText(), '3');
    await leaderButton(page, '林清').click();
    await waitRows(page, 3);
    t.assert.deepEqual(await rowNumbers(page), ['1', '2', '6']);
    t.assert.match(await page.locator('.result-count').innerText(), /显示 3 \/ 6 项/);
    t.assert.equal(await leaderButton(page, '林清').getAttribute('aria-pressed'), 'true');
    let url = new URL(page.url());
    t.assert.equal(url.searchParams.get('leader'), '林清');
    t.assert.match(url.search, /doc=[0-9a-f]{12}/);
    // AND with a unit: 林清 and 县民政局 (lead or join) → 1, 2; the leader counts follow it.
    const unit = page.locator('#find-filters .facet[aria-labelledby="facet-unit"] button.facet-value[data-value="县民政局"]');
    await unit.click();
    await page.waitForURL(/unit=/);
    t.assert.deepEqual(await rowNumbers(page), ['1', '2']);
    t.assert.equal(await leaderButton(page, '欧阳·明珠').isDisabled(), true);
    await page.getByRole('button', { name: '移除筛选：责任单位：县民政局' }).click();
    await waitRows(page, 3);

    // Reload: the same view comes back from the address bar alone.
    await t.reload();
    await waitRows(page, 3);
    t.assert.deepEqual(await rowNumbers(page), ['1', '2', '6']);
    t.assert.equal(await leaderButton(page, '林清').getAttribute('aria-pressed'), 'true');
    t.assert.equal(await leaderButton(page, '林清').locator('.facet-count').innerText(), '3');
    t.assert.deepEqual(await page.locator('.chips .chip span:first-child').allInnerTexts(), ['责任领导：林清']);
    await t.screenshot('leader-facet');

    // The task page lists its leaders; a leader's name opens the list of that leader's tasks.
    await page.locator('tr.task-row a.task-number', { hasText: '2' }).first().click();
    await page.locator('.task-page').waitFor();
    t.assert.deepEqual(await page.locator('.task-units dt').allInnerTexts(), ['牵头单位', '参与单位', '责任领导']);
    t.assert.deepEqual(await page.locator('.leader-links a').allInnerTexts(), ['林清', '赵一鸣']);
    await page.locator('.leader-links a', { hasText: '赵一鸣' }).click();
    await waitRows(page, 3);
    t.assert.deepEqual(await rowNumbers(page), ['2', '3', '6']);
    url = new URL(page.url());
    t.assert.equal(url.searchParams.get('leader'), '赵一鸣');
    t.assert.match(url.search, /doc=[0-9a-f]{12}/);
    await t.expectAccessible();

    // Back on the seed, still no leader facet and no leader row.
    await switchTo(page, '城阳');
    t.assert.equal(await page.locator('.facet[aria-labelledby="facet-leader"]').count(), 0);
    await t.open('?task=1');
    t.assert.deepEqual(await page.locator('.task-units dt').allInnerTexts(), ['牵头单位', '参与单位']);
  },


  'pasted document: summary, switching, its own ledger across reload': async (t) => {
    const page = await t.open();
    const plan = await readFile(FIXTURE, 'utf8');
    await paste(page, plan);
    t.assert.equal(await page.locator('.doc-load-counts').innerText(), '任务 6 项，部分 3 个，责任单位 8 个，量化目标 5 个');
    const warnings = await page.locator('.doc-load-warnings').innerText();
    t.assert.match(warnings, /第 11 行/);
    t.assert.match(warnings, /各单位每月5日前报送进展情况/);
    t.assert.match(await page.locator('.doc-load-unitless').innerText(), /做好融资对接/);
    t.assert.match(await page.locator('.doc-title').innerText(), /示范县/);
    t.assert.match(page.url(), new RegExp(`doc=${PLAN_ID}`));
    await t.screenshot('pasted-summary');

    // The seed is always offered and comes back with its 71 tasks.
    await switchTo(page, '城阳');
    t.assert.match(await page.locator('.doc-summary').innerText(), /71 项任务/);
    t.assert.doesNotMatch(page.url(), /doc=/);
    await switchTo(page, '示范县');
    t.assert.match(await page.locator('.doc-summary').innerText(), /6 项任务/);

    // Annotate a task of the new document, reload: still on it, with its annotation.
    await t.open(`?doc=${PLAN_ID}&task=1`);
    await page.locator('#task-1-editor-status').selectOption('done');
    await waitSaved(page);
    await t.reload();
    t.assert.match(await page.locator('.doc-title').innerText(), /示范县/);
    t.assert.equal(await page.locator('#task-1-editor-status').inputValue(), 'done');
    const options = await optionTexts(page);
    t.assert.equal(options.length, 2);
    t.assert.match(options[1], /示范县.*已完成 1 \/ 6/);
    t.assert.match(options[0], /已完成 0 \/ 71/);

    // The seed's ledger was never written: the only ledger key is the new document's.
    const ledgerKeys = await page.evaluate(() => Object.keys(localStorage).filter((k) => k.startsWith('luoshi.ledger.')));
    t.assert.equal(ledgerKeys.length, 1);
    t.assert.ok(ledgerKeys[0].includes(PLAN_ID), ledgerKeys[0]);
  },

  'open a .txt file, then remove it after confirming': async (t) => {
    const page = await t.open();
    await page.locator('input[type=file]').setInputFiles(FIXTURE);
    await page.locator('.doc-load-counts').waitFor();
    t.assert.match(await page.locator('.doc-load-counts').innerText(), /任务 6 项/);
    t.assert.equal((await optionTexts(page)).length, 2);

    await page.getByRole('button', { name: '移除此文档' }).click();
    const dialog = page.getByRole('dialog');
    t.assert.match(await dialog.innerText(), /同时删除台账数据/);
    const file = await t.download(() => dialog.getByRole('button', { name: '导出台账' }).click());
    t.assert.match(file.text(), /"fingerprint"/);
    await dialog.getByRole('button', { name: '确认移除' }).click();
    await page.locator('.doc-title', { hasText: '城阳' }).waitFor();
    t.assert.equal((await optionTexts(page)).length, 1);
    t.assert.doesNotMatch(page.url(), /doc=/);
    t.assert.equal(await page.evaluate((id) => Object.keys(localStorage).some((k) => k.startsWith('luoshi.document.') ), PLAN_ID), false);
    await t.reload();
    t.assert.equal((await optionTexts(page)).length, 1);
  },

  'texts without tasks (pasted, or a GBK file) are refused and nothing changes': async (t) => {
    const page = await t.open();
    await paste(page, '这是一段普通的文字，\n没有任何编号的任务。');
    t.assert.match(await page.locator('.doc-message').innerText(), /未能从这段文本中识别出任何任务/);
    t.assert.match(await page.locator('.doc-title').innerText(), /城阳/);
    await page.locator('.doc-message').getByRole('button', { name: '关闭' }).click();
    // "重点工作" in GBK: decoded (not refused as "not UTF-8"), then refused for having no tasks.
    await page.locator('input[type=file]').setInputFiles({
      name: 'gbk.txt',
      mimeType: 'text/plain',
      buffer: Buffer.from([0xd6, 0xd8, 0xb5, 0xe3, 0xb9, 0xa4, 0xd7, 0xf7]),
    });
    await page.locator('.doc-message', { hasText: '未能从这段文本中识别出任何任务' }).waitFor();
    t.assert.equal((await optionTexts(page)).length, 1);
    t.assert.doesNotMatch(page.url(), /doc=/);
  },
  'a full storage quota: the document still opens for this session, with a message': async (t) => {
    const page = await t.open();
    // Fill the quota with junk keys until the browser refuses even one more character.
    await page.evaluate(() => {
      let size = 1 << 20;
      let n = 0;
      while (size >= 1) {
        try {
          localStorage.setItem(`junk.${n}`, 'x'.repeat(size));
          n += 1;
        } catch {
          size = Math.floor(size / 2);
        }
      }
    });
    await paste(page, await readFile(FIXTURE, 'utf8'));
    t.assert.match(await page.locator('.doc-load-not-kept').innerText(), /存储空间已满.*仅在本次打开期间可用/);
    t.assert.match(await page.locator('.doc-title').innerText(), /示范县/);
    t.assert.equal((await optionTexts(page)).length, 2);
    // Nothing half-written: no text and no list entry for it.
    t.assert.equal(await page.evaluate(() => Object.keys(localStorage).some((k) => k.startsWith('luoshi.document'))), false);
    // Switching away and back works from the page's own copy.
    await switchTo(page, '城阳');
    await switchTo(page, '示范县');
  },
};
