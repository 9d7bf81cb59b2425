// Many units, one task (issue 14), as three people on their own machines (browser profiles): the
// clerks of 区科技局 and 区人力资源社会保障局 (co-leads of task 5, whose first lead 区委组织部
// compiles) each write their own 工作进展 and export their file; the coordinator imports them
// together and one by one, in both orders: the same ledger, both texts attributed on the task
// page, in 进展汇总, in the Excel 台账 (read with openpyxl) and in print. A second clerk of
// 区科技局 writing the same field is a conflict, shown and settled each way. No sleeps.

import { execFileSync } from 'node:child_process';

import { openPanel, importFiles, waitSaved } from '../lib/exchange.mjs';

export const timeout = 120_000;

const TASK = 5;
const FIELD = `#task-${TASK}-report-2023Q4-progress_text`;
const SCIENCE = '科技局：认定高层次人才12名';
const LABOUR = '人社局：发放人才补贴300万元';

async function setUser(page, name, unit) {
  await page.locator('.ledger-settings > summary').click();
  await page.getByLabel('姓名').fill(name);
  await page.locator('#who-unit').fill(unit);
  await page.getByRole('button', { name: '确定' }).click();
  await page.locator('.ledger-settings > summary').click();
}

/** A clerk on their own machine writes task 5's 工作进展 and exports their unit's file. */
async function clerkFile(t, page, name, unit, text) {
  await t.open('', { page });
  await setUser(page, name, unit);
  await t.open(`?task=${TASK}`, { page });
  t.assert.match(await page.locator('.entry-note').innerText(), new RegExp(`您以${unit}身份填报本单位承担的部分，由牵头单位区委组织部汇总`));
  await page.locator(FIELD).fill(text);
  await page.locator(FIELD).press('Tab');
  await waitSaved(page);
  // Their own entry, not the task's compiled one.
  t.assert.equal(await page.locator(`.unit-entry[data-unit="${unit}"] .report-text`).first().innerText(), text);
  await openPanel(page);
  const file = await t.download(() => page.getByRole('button', { name: '导出本单位进展文件' }).click(), { page });
  return { name: file.filename, buffer: file.buffer };
}

async function importAndConfirm(t, page, files) {
  await t.open('', { page });
  await openPanel(page);
  await importFiles(page, files);
  await page.locator('.import-preview').waitFor();
  const counts = await page.locator('.import-counts').innerText();
  await page.getByRole('button', { name: '确认导入' }).click();
  await page.getByRole('status').filter({ hasText: '已导入' }).waitFor();
  return counts;
}

/** What the task page shows of every unit's own entry, as text. */
async function unitEntries(t, page) {
  await t.open(`?task=${TASK}`, { page });
  await page.locator('.unit-entries').waitFor();
  return page.locator('.unit-entry').evaluateAll((els) => els.map((e) => e.getAttribute('data-unit') + '|' + (e.querySelector('.report-text')?.textContent ?? '')));
}

export const tests = {
  '两个单位各写各的：一起导入或逐个导入、任意顺序，结果相同，各自署名': async (t) => {
    const science = await clerkFile(t, t.page, '张三', '区科技局', SCIENCE);
    const labourPage = await t.newProfile();
    const labour = await clerkFile(t, labourPage, '李四', '区人力资源社会保障局', LABOUR);

    // The coordinator, together.
    const office = await t.newProfile();
    const counts = await importAndConfirm(t, office, [science, labour]);
    t.assert.match(counts, /冲突 0 项/);
    const together = await unitEntries(t, office);
    t.assert.deepEqual(together.filter((e) => !e.endsWith('|')), [`区科技局|${SCIENCE}`, `区人力资源社会保障局|${LABOUR}`]);

    // Another coordinator machine, one by one, reversed order: the same picture.
    const second = await t.newProfile();
    await importAndConfirm(t, second, [labour]);
    await importAndConfirm(t, second, [science]);
    t.assert.deepEqual(await unitEntries(t, second), together);
    // And one by one in the first order.
    const third = await t.newProfile();
    await importAndConfirm(t, third, [science]);
    await importAndConfirm(t, third, [labour]);
    t.assert.deepEqual(await unitEntries(t, third), together);
    await t.screenshot('task-page-unit-entries', { page: office });

    // 进展汇总: both texts, each under its unit's name.
    await t.open('?view=report&period=2023Q4', { page: office, waitFor: '[data-ready="report"]' });
    const report = await office.locator(`.rp-task[data-task="${TASK}"]`).innerText();
    t.assert.ok(report.includes(`【区科技局】${SCIENCE}`) && report.includes(`【区人力资源社会保障局】${LABOUR}`), report);

    // The Excel 台账, read with openpyxl as a clerk's Excel would.
    await t.open('', { page: office });
    await openPanel(office);
    const xlsx = await t.download(() => office.getByRole('button', { name: '导出 Excel 台账' }).click(), { page: office });
    const cells = execFileSync('/usr/bin/python3', ['-c', `
import sys, openpyxl
wb = openpyxl.load_workbook(sys.argv[1])
print("\\n".join(str(c.value) for ws in wb.worksheets for row in ws.iter_rows() for c in row if c.value is not None))
`, xlsx.path]).toString();
    t.assert.ok(cells.includes(`【区科技局】${SCIENCE}`) && cells.includes(`【区人力资源社会保障局】${LABOUR}`));

    // Print: the same attributed texts in the printed 台账.
    await office.evaluate(() => { window.print = () => {}; });
    await office.getByRole('button', { name: '打印台账' }).click();
    await office.locator('.print-ledger').waitFor({ state: 'attached' });
    const printed = await office.locator('.print-ledger').innerText();
    t.assert.ok(printed.includes(`【区科技局】${SCIENCE}`) && printed.includes(`【区人力资源社会保障局】${LABOUR}`));

    // The collection round credits each unit with its own entry only: 区委组织部 (the first lead,
    // which wrote nothing) has not reported task 5; the two co-leads have.
    await t.open('?view=overview', { page: office });
    await office.locator('.collection').waitFor();
    const cell = async (unit) => (await office.locator(`.collection-table tr[data-unit="${unit}"] td`).allTextContents())[0];
    t.assert.match(await cell('区人力资源社会保障局'), /^1\//);
    t.assert.match(await cell('区委组织部'), /^0\//);
    const pending = await office.locator('.collection-pending li').evaluateAll((els) => els.map((e) => e.getAttribute('data-unit')));
    t.assert.ok(pending.includes('区委组织部'));
  },

  '同一单位两人改了同一栏：无论一起还是逐个导入都提示冲突，三种决定各自生效': async (t) => {
    const first = await clerkFile(t, t.page, '张三', '区科技局', '甲稿：完成认定');
    const other = await t.newProfile();
    const second = await clerkFile(t, other, '赵六', '区科技局', '乙稿：完成认定并发放补贴');

    // Together: the conflict is in the preview, both values with their authors.
    const office = await t.newProfile();
    await t.open('', { page: office });
    await openPanel(office);
    await importFiles(office, [first, second]);
    const conflict = office.locator('.preview-task[data-task="5"] .field-change.conflict');
    await conflict.waitFor();
    const shown = await conflict.innerText();
    t.assert.ok(shown.includes('乙稿：完成认定并发放补贴') && shown.includes('甲稿：完成认定'), shown);
    t.assert.ok(shown.includes('赵六（区科技局）') && shown.includes('张三（区科技局）'), shown);
    // 两者都保留: both texts, each attributed.
    await conflict.getByLabel('两者都保留').check();
    await office.getByRole('button', { name: '确认导入' }).click();
    await office.getByRole('status').filter({ hasText: '已导入' }).waitFor();
    const both = (await unitEntries(t, office)).find((e) => e.startsWith('区科技局|'));
    t.assert.match(both, /【区科技局 赵六，\d{4}-\d\d-\d\d】乙稿：完成认定并发放补贴\n【区科技局 张三，\d{4}-\d\d-\d\d】甲稿：完成认定/);
    t.assert.equal(await office.locator('.open-conflict').count(), 0);

    // One by one, undecided: the newer stands and the task page offers the choice; 保留那个 wins.
    const later = await t.newProfile();
    await importAndConfirm(t, later, [second]);
    await t.open('', { page: later });
    await openPanel(later);
    await importFiles(later, [first]);
    await later.locator('.preview-task[data-task="5"] .field-change.conflict').waitFor();
    await later.getByRole('button', { name: '确认导入' }).click();
    await later.getByRole('status').filter({ hasText: '已导入' }).waitFor();
    await t.open(`?task=${TASK}`, { page: later });
    const open = later.locator('.open-conflict');
    await open.waitFor();
    t.assert.match(await open.innerText(), /这个（较新）\s*乙稿/);
    await open.getByRole('button', { name: '保留那个' }).click();
    await later.locator('.open-conflict').waitFor({ state: 'detached' });
    t.assert.equal(await later.locator('.unit-entry[data-unit="区科技局"] .report-text').first().innerText(), '甲稿：完成认定');
    // The value not chosen is still in 修改记录.
    t.assert.ok((await later.locator('.history').innerText()).includes('乙稿：完成认定并发放补贴'));
    await t.screenshot('conflict-settled', { page: later });

    // 保留这个 from the task page on a third machine keeps the newer.
    const third = await t.newProfile();
    await importAndConfirm(t, third, [first, second]);
    await t.open(`?task=${TASK}`, { page: third });
    await third.locator('.open-conflict').getByRole('button', { name: '保留这个' }).click();
    await third.locator('.open-conflict').waitFor({ state: 'detached' });
    t.assert.equal(await third.locator('.unit-entry[data-unit="区科技局"] .report-text').first().innerText(), '乙稿：完成认定并发放补贴');
    await t.expectAccessible({ page: third });
  },
};
