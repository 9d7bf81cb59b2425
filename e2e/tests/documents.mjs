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

export const tests = {
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

  'texts without tasks, non-UTF-8 files are refused and nothing changes': async (t) => {
    const page = await t.open();
    await paste(page, '这是一段普通的文字，\n没有任何编号的任务。');
    t.assert.match(await page.locator('.doc-message').innerText(), /未能从这段文本中识别出任何任务/);
    t.assert.match(await page.locator('.doc-title').innerText(), /城阳/);
    await page.locator('input[type=file]').setInputFiles({
      name: 'gbk.txt',
      mimeType: 'text/plain',
      buffer: Buffer.from([0xd6, 0xd8, 0xb5, 0xe3, 0xb9, 0xa4, 0xd7, 0xf7]),
    });
    await page.locator('.doc-message', { hasText: 'UTF-8' }).waitFor();
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
