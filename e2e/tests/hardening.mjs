// Files a clerk can trust and prompts a clerk understands, in real Chromium: the CSV ledger with
// formula-like text (checked again by tests/csv_check.py with python's csv module), the full backup
// downloaded, cleared and restored, a snapshot stamped in 2099, and a status its own figures
// contradict, flagged on the row and the task page. No sleeps: every wait is on the page.

import fs from 'node:fs';
import { waitSaved, openPanel, importFiles } from '../lib/exchange.mjs';

export const timeout = 60_000;

const OUT = new URL('../out/', import.meta.url).pathname;

/** Start over in a new browser context (empty localStorage), still monitored by the harness. */
async function freshContext(t) {
  await t.context.close();
  t.pages = [];
  await t.init();
  return t.page;
}

/** The stored ledger's tasks (the one `luoshi.ledger.*` key). */
function storedTasks(page) {
  return page.evaluate(() => {
    const raw = Object.entries(localStorage).find(([k]) => k.startsWith('luoshi.ledger.'))?.[1];
    return raw ? JSON.parse(raw).tasks : null;
  });
}

/** Text typed into the task page's fields: committed on Tab. */
async function typeInto(page, label, text) {
  const field = page.getByLabel(label, { exact: true });
  await field.fill(text);
  await field.press('Tab');
}

export const HOSTILE = {
  工作进展: '=HYPERLINK("http://example.invalid","点我")',
  存在问题: "+1+cmd|' /C calc'!A0",
  下步计划: '＠SUM(A1)\t-2+3',
  责任人: '-2+3',
};

export const tests = {
  'CSV 台账：以公式字符开头的文字加撇号，数字不变': async (t) => {
    const page = await t.open('?task=1');
    for (const [label, text] of Object.entries(HOSTILE)) {
      await typeInto(page, label, text);
    }
    await page.locator('#task-1-editor-status').selectOption('behind');
    await page.locator('#task-1-progress').fill('35');
    await page.locator('#task-1-progress').press('Tab');
    await waitSaved(page);
    await t.open('');
    await openPanel(page);
    const csv = await t.download(() => page.getByRole('button', { name: '导出 CSV' }).click());
    fs.writeFileSync(`${OUT}csv-injection.csv`, csv.buffer);
    const text = csv.text();
    // The guarded cells as written (quoted where they hold quotes or a tab-free comma).
    t.assert.ok(text.includes(`"'=HYPERLINK(""http://example.invalid"",""点我"")"`), 'HYPERLINK not guarded');
    t.assert.ok(text.includes("'+1+cmd|' /C calc'!A0"), '+cmd not guarded');
    t.assert.ok(text.includes("'-2+3"), '-2+3 not guarded');
  },

  '下载完整备份，清空后恢复，台账相同': async (t) => {
    let page = await t.open('');
    await page.locator('#row-3-status').selectOption('behind');
    await page.locator('#row-5-status').selectOption('done');
    await t.open('?task=7');
    await typeInto(page, '工作进展', '已完成立项');
    await typeInto(page, '责任人', '王五');
    await waitSaved(page);
    const original = await storedTasks(page);
    t.assert.equal(original['5'].progress, 100, '已完成 brings progress to 100');
    const backup = await t.download(() => page.locator('.bar-actions').getByRole('button', { name: '下载完整备份' }).click());
    t.assert.equal(JSON.parse(backup.text()).format, 'luoshi.ledger');

    page = await freshContext(t);
    await t.open('');
    t.assert.equal(await page.locator('#row-3-status').inputValue(), 'not_started');
    await openPanel(page);
    await importFiles(page, [{ name: backup.filename, buffer: backup.buffer }]);
    await page.locator('.preview-task[data-task="7"]').waitFor();
    t.assert.match(await page.locator('#exchange-panel').innerText(), /是完整备份/);
    await page.getByRole('button', { name: '确认导入' }).click();
    await page.getByRole('status').filter({ hasText: '已导入' }).waitFor();
    t.assert.equal(await page.locator('#row-3-status').inputValue(), 'behind');
    await waitSaved(page);
    t.assert.deepEqual(await storedTasks(page), original);
  },

  '未来日期的进展文件：按导入时间记录并在预览中说明': async (t) => {
    let page = await t.open('');
    await page.locator('#row-3-status').selectOption('behind');
    await waitSaved(page);
    await openPanel(page);
    const file = await t.download(() => page.getByRole('button', { name: '导出本单位进展文件' }).click());
    const future = file.text().replace(/"20\d\d-(\d\d-\d\dT)/g, '"2099-$1');
    t.assert.ok(future.includes('"2099-'));

    page = await freshContext(t);
    await t.open('');
    await openPanel(page);
    await importFiles(page, [{ name: 'future.json', buffer: Buffer.from(future) }]);
    await page.locator('.preview-task[data-task="3"]').waitFor();
    t.assert.match(await page.locator('#exchange-panel').innerText(), /晚于现在（最晚为 2099-/);
    await page.getByRole('button', { name: '确认导入' }).click();
    await page.getByRole('status').filter({ hasText: '已导入' }).waitFor();
    await waitSaved(page);
    const tasks = await storedTasks(page);
    t.assert.ok(!JSON.stringify(tasks).includes('2099'), 'a 2099 stamp reached the ledger');
  },

  '状态与进度或序时矛盾时，行内和任务页用中文提示': async (t) => {
    const page = await t.open('');
    const note = page.locator('#task-7 .consistency-note');
    // The seed's year is over: 序时进度 is 100%, so 序时推进 at 0% is 100 points behind (红灯).
    await page.locator('#row-7-status').selectOption('on_schedule');
    await note.waitFor();
    t.assert.equal(await note.innerText(), '请核对：状态为序时推进，但进度落后序时 100 个百分点（红灯）');
    // 已完成 brings progress to 100%: nothing to flag.
    await page.locator('#row-7-status').selectOption('done');
    await page.waitForFunction(() => document.querySelector('#row-7-progress')?.value === '100');
    await note.waitFor({ state: 'detached' });
    // Progress taken back to 0 while 已完成: flagged.
    await page.locator('#row-7-progress').fill('0');
    await page.locator('#row-7-progress').press('Tab');
    await note.waitFor();
    t.assert.equal(await note.innerText(), '请核对：状态为已完成，但进度只有 0%');
    await t.screenshot('consistency-row');
    await t.open('?task=7');
    const pageNote = page.locator('.annotate .consistency-note');
    await pageNote.waitFor();
    t.assert.equal(await pageNote.innerText(), '请核对：状态为已完成，但进度只有 0%');
    await t.expectAccessible();
  },
};
