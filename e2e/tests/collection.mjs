// The collection round (报送情况与催办): the coordinator imports two units' report files; the
// overview credits each unit only with the reports it wrote itself (by the unit in the files'
// history), and the 催办 list and notice name exactly the lead units without entries.

import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const timeout = 60_000;

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const SEED = fs.readFileSync(path.join(ROOT, 'seeds', 'chengyang-2023-key-tasks.txt'));
const FINGERPRINT = crypto.createHash('sha256').update(SEED).digest('hex');
// The 2023 seed opened today is judged at 2023-12-31: the current period is 2023Q4.
const PERIOD = '2023Q4';

/** A unit's report file (luoshi.snapshot v1) with one 工作进展 per task, written by that unit. */
function unitFile(name, unit, reports) {
  const who = { name, unit };
  const tasks = reports.map(([number, text, at]) => ({
    number, section: 0, title: '', text: '', lead_units: [], participating_units: [], targets: [],
    annotation: {
      reports: { [PERIOD]: { progress_text: text } },
      updated_at: at,
      history: [{ who, at, field: `report.${PERIOD}.progress_text`, old: '', new: text }],
    },
  }));
  const snapshot = {
    format: 'luoshi.snapshot', version: 1,
    document: { title: '', doc_number: '', fingerprint: FINGERPRINT },
    exported_at: '2023-12-20T17:00:00+08:00', exported_by: who,
    scope: { kind: 'all' }, tasks, cadence: 'quarterly', as_of: null,
  };
  return { name: `${unit}.json`, buffer: Buffer.from(JSON.stringify(snapshot)) };
}

// 区财政局 leads 44 and 45 and reports both; 区科技局 leads 1–7, 11, 12 and reports 1 only — task 1
// is co-led by 区工业和信息化局, which wrote nothing and so has not reported.
const FILES = [
  unitFile('李四', '区财政局', [[44, '专项资金已拨付', '2023-12-18T09:00:00+08:00'], [45, '已完成清算', '2023-12-19T16:30:00+08:00']]),
  unitFile('张三', '区科技局', [[1, '新增市级重点实验室2家', '2023-12-15T10:00:00+08:00']]),
];

async function importFiles(page, files) {
  await page.locator('.exchange-toggle').click();
  await page.locator('#exchange-panel').waitFor();
  await page.locator('.exchange-import input[type=file]').setInputFiles(
    files.map(({ name, buffer }) => ({ name, mimeType: 'application/json', buffer })),
  );
  await page.locator('.preview-task[data-task="44"]').waitFor();
  await page.getByRole('button', { name: '确认导入' }).click();
  await page.getByRole('status').filter({ hasText: '已导入' }).waitFor();
}

const texts = (locator) => locator.evaluateAll((els) => els.map((e) => e.getAttribute('data-unit')));

export const tests = {
  '导入两个单位的报送文件后，催办名单恰好是未报送的牵头单位': async (t) => {
    const page = await t.open('');
    await importFiles(page, FILES);
    await t.open('?view=overview');
    const round = page.locator('.collection');
    await round.waitFor();

    const cells = async (unit) => page.locator(`.collection-table tr[data-unit="${unit}"] td`).allTextContents();
    t.assert.deepEqual(await cells('区财政局'), ['2/2', '2023-12-19 16:30']);
    t.assert.deepEqual(await cells('区科技局'), ['1/9', '2023-12-15 10:00']);
    t.assert.deepEqual(await cells('区工业和信息化局'), ['0/11', '本期未报送']);
    // The scorecard's 本期已报送 counts the same way.
    const scorecard = await page.locator('.scorecard tr[data-unit="区工业和信息化局"] td').allTextContents();
    t.assert.equal(scorecard[5], '0/11');

    // Every lead unit is in the table; the 催办 list is all of them but the one that reported fully.
    const leads = await texts(page.locator('.collection-table tbody tr'));
    const pending = await texts(page.locator('.collection-pending li'));
    t.assert.deepEqual(pending, leads.filter((unit) => unit !== '区财政局'));
    t.assert.ok(pending.includes('区科技局') && pending.includes('区工业和信息化局'));

    // The notice: addressed to exactly those units, with the deadline the coordinator sets.
    await page.locator('.reminder-deadline input').fill('2024-01-05');
    await page.locator('.reminder-deadline input').dispatchEvent('change');
    const notice = await page.locator('.reminder-text').inputValue();
    const lines = notice.split('\n');
    t.assert.equal(lines[0], '关于报送2023年第四季度重点工作任务进展情况的催办通知');
    t.assert.equal(lines[2], `${pending.join('、')}：`);
    t.assert.ok(notice.includes('请于2024年1月5日前报送'), notice);
    t.assert.ok(notice.includes('（一）区科技局（8项）：第2项'), notice);
    t.assert.ok(!notice.includes('区财政局'));
    await t.screenshot('collection-round');
    await t.expectAccessible();
  },
};
