// The files offices hand in (issue 16): a unit's 督办台账 goes out as Excel, comes back filled in
// (by openpyxl, as a clerk's Excel would: texts, progress, target actuals on the 指标完成 sheet)
// and is imported with a preview, attributed to the unit, bad cells listed and nothing else changed; 进展汇总 downloads as Word and as its own workbook,
// the 台账 with every quarter side by side. tests/xlsx_check.py and tests/docx_check.py check the
// downloaded files with openpyxl, python-docx and LibreOffice.

import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { FINGERPRINT, ROOT, seedLedger } from '../lib/seed.mjs';
import { openPanel } from '../lib/exchange.mjs';

export const timeout = 90_000;

const KEY = `luoshi.ledger.${FINGERPRINT}`;
const XLSX_MIME = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

const Q2_TIME = '2023-05-10T09:00:00+08:00';
const coordinator = { name: '王五', unit: '区发展改革局' };
const change = (at, field, old, now, who = coordinator) => ({ who, at, field, old, new: now });

// The coordinator's ledger as of 2023-06-30: task 1 done with a Q2 report, 3 behind, 7 on schedule.
const LEDGER = {
  format: 'luoshi.ledger',
  version: 2,
  fingerprint: FINGERPRINT,
  cadence: 'quarterly',
  as_of: '2023-06-30',
  tasks: {
    1: {
      status: { kind: 'done' },
      progress: 100,
      reports: { '2023Q2': { progress_text: '二季度新增市级重点实验室2家', problems: '', next_steps: '组织验收' } },
      updated_at: Q2_TIME,
      history: [change(Q2_TIME, 'status', '未启动', '已完成')],
    },
    3: {
      status: { kind: 'behind' },
      progress: 10,
      reports: { '2023Q2': { progress_text: '', problems: '二季度资金尚未到位', next_steps: '争取专项资金' } },
      updated_at: Q2_TIME,
      history: [change(Q2_TIME, 'status', '序时推进', '滞后')],
    },
    // Values entered in the app carry their history; a value without history would count as a
    // change nobody else has seen, and the import would ask (the merge engine's rule).
    7: {
      status: { kind: 'on_schedule' },
      progress: 45,
      updated_at: Q2_TIME,
      history: [change(Q2_TIME, 'status', '未启动', '序时推进'), change(Q2_TIME, 'progress', '0', '45')],
    },
  },
  user: coordinator,
  last_export: null,
  undo: [],
  redo: [],
};

const seed = (t) => seedLedger(t, LEDGER);

// The app stores every field of an annotation, the seeded ledger leaves the defaults out; whether
// \`before\` is read before or after the app's first save must not matter.
const DEFAULTS = {
  actuals: {}, added_targets: {}, hidden_targets: [], owner: '', phone: '', due: null, notes: '',
  key: false, supervised: false, updated_at: null,
};
const full = (annotation) => annotation && { ...DEFAULTS, ...annotation };

async function stored(page) {
  return JSON.parse(await page.evaluate((key) => localStorage.getItem(key), KEY));
}

export const tests = {
  '单位台账往返：导出本单位表格，Excel 填写后导入，预览、归属、逐格报错': async (t) => {
    await seed(t);
    const page = await t.open('?unit=%E5%8C%BA%E7%A7%91%E6%8A%80%E5%B1%80');
    await openPanel(page);
    await page.locator('label').filter({ hasText: '当前视图' }).locator('input').check();
    const sheet = await t.download(() => page.getByRole('button', { name: '导出 Excel 台账' }).click());
    t.assert.match(sheet.filename, /^城阳区2023重点任务-区科技局-2023Q2\.xlsx$/);

    // The clerk of 区科技局 fills it in (openpyxl stands in for Excel/WPS).
    const filledDir = path.join(ROOT, 'e2e', 'out', 'filled');
    fs.mkdirSync(filledDir, { recursive: true });
    const filled = path.join(filledDir, '区科技局-已填报.xlsx');
    execFileSync('/usr/bin/python3', [path.join(ROOT, 'e2e', 'fixtures', 'fill_unit_sheet.py'), sheet.path, filled]);

    const before = await stored(page);
    await page.locator('.exchange-import input[type=file]').setInputFiles([
      { name: '区科技局-已填报.xlsx', mimeType: XLSX_MIME, buffer: fs.readFileSync(filled) },
    ]);
    await page.locator('.import-preview').waitFor();
    t.assert.equal(await page.locator('.import-preview .conflict').count(), 0, 'nothing changed here since the export');
    // The bad cells, each with its cell, task, value and reason.
    const errors = await page.locator('.import-cell-errors li').allInnerTexts();
    t.assert.equal(errors.length, 3, errors.join('\n'));
    t.assert.match(errors[0], /区科技局-已填报\.xlsx：G\d+（第2项，2023年第二季度 完成情况）“差不多了”：无法识别的完成情况/);
    t.assert.match(errors[1], /H\d+（第4项，2023年第二季度 进度）“六成”：进度应为 0–100 的数字或百分比/);
    t.assert.match(errors[2], /指标完成!G\d+（第1项，指标“推动实施市级技术创新重点项目300个以上” 实际完成值）“约300”：实际完成值应为数字/);
    // The preview: tasks 1 and 7 only, every value reported by 区科技局.
    const previewed = await page.locator('.preview-task').evaluateAll((items) => items.map((i) => i.dataset.task));
    t.assert.deepEqual(previewed, ['1', '7']);
    const reporters = await page.locator('.preview-task .reported-by').allInnerTexts();
    t.assert.ok(reporters.length >= 5 && reporters.every((r) => r.includes('区科技局')), reporters.join('\n'));
    await t.expectAccessible();
    await page.getByRole('button', { name: '确认导入' }).click();
    await page.locator('.import-notice').waitFor();
    // The autosave writes the merged values. 区科技局 is the first lead of task 1: its values are
    // the task's own. On task 7 it is a lead after 区发展改革局: its values go to its own entry
    // (unit.区科技局.…), the compiled entry keeps the coordinator's 45 %.
    await page.waitForFunction(
      (key) => JSON.parse(localStorage.getItem(key) || '{}').tasks?.['7']?.units?.['区科技局']?.progress === 60,
      KEY,
    );

    const after = await stored(page);
    const seven = after.tasks['7'];
    const sevenOwn = seven.units['区科技局'];
    t.assert.equal(seven.progress, 45, 'the compiled entry untouched');
    t.assert.equal(sevenOwn.progress, 60);
    t.assert.equal(sevenOwn.reports['2023Q2'].progress_text, '完成企业走访30家，新认定高新技术企业12家');
    t.assert.equal(seven.owner, '赵六');
    t.assert.equal(after.tasks['1'].reports['2023Q2'].problems, '验收材料待补充');
    t.assert.equal(after.tasks['1'].reports['2023Q2'].progress_text, '二季度新增市级重点实验室2家');
    // The actuals typed on the 指标完成 sheet; "约300" was not taken.
    t.assert.deepEqual(after.tasks['1'].actuals, { 0: 2 });
    t.assert.deepEqual(sevenOwn.actuals, { 0: 3 });
    t.assert.deepEqual(seven.actuals ?? {}, {}, 'task 7 compiled actuals untouched');
    // Attributed to the unit in the history.
    const units = (task, field) => after.tasks[task].history.filter((c) => c.field === field).map((c) => c.who.unit);
    t.assert.deepEqual(units('7', 'unit.区科技局.progress').slice(-1), ['区科技局']);
    t.assert.deepEqual(units('7', 'unit.区科技局.report.2023Q2.progress_text').slice(-1), ['区科技局']);
    t.assert.deepEqual(units('1', 'report.2023Q2.problems').slice(-1), ['区科技局']);
    t.assert.deepEqual(units('1', 'actual.0').slice(-1), ['区科技局']);
    t.assert.deepEqual(units('7', 'unit.区科技局.actual.0').slice(-1), ['区科技局']);
    // Nothing else changed: every other task exactly as before (2 and 4 had only bad cells).
    for (const task of new Set([...Object.keys(before.tasks), ...Object.keys(after.tasks)])) {
      if (task === '1' || task === '7') continue;
      t.assert.deepEqual(full(after.tasks[task]), full(before.tasks[task]), `task ${task} unchanged`);
    }
  },

  '进展汇总：导出 Word（公文格式）与汇总 Excel，台账各季度并列': async (t) => {
    await seed(t);
    const page = await t.open('?view=report&period=2023Q2', { waitFor: '[data-ready="report"]' });
    t.assert.equal(await page.locator('.rp-title').innerText(), '城阳区2023年重点工作任务第二季度进展情况');
    const summary = await page.locator('.rp-summary').innerText();
    t.assert.match(summary, /^2023年第二季度纳入汇总的任务共71项，其中已完成1项、序时推进\d+项、滞后1项、未报送\d+项。/);
    t.assert.match(summary, /未报送单位\d+个：/);
    t.assert.equal(await page.locator('.rp-task').count() + await page.locator('.rp-unreported li').count(), 71);
    const word = await t.download(() => page.getByRole('button', { name: '导出 Word' }).click());
    t.assert.equal(word.filename, '城阳区2023年重点工作任务第二季度进展情况.docx');
    t.assert.equal(word.buffer.subarray(0, 2).toString('latin1'), 'PK');
    const book = await t.download(() => page.getByRole('button', { name: '导出 Excel' }).click());
    t.assert.equal(book.filename, '城阳区2023年重点工作任务第二季度进展情况.xlsx');
    // Grouped by status.
    await page.selectOption('select[name="grouping"]', 'status');
    await page.waitForFunction(() => document.querySelector('.rp-section h3')?.textContent.includes('项）'));
    t.assert.match(await page.locator('.rp-section h3').first().innerText(), /^一、已完成（1项）$/);

    // The 台账 with the year's four quarters side by side.
    await t.open('');
    await openPanel(page);
    await page.selectOption('select[name="sheet-periods"]', 'year');
    const ledger = await t.download(() => page.getByRole('button', { name: '导出 Excel 台账' }).click());
    // Named after the year it holds, not the current quarter.
    t.assert.equal(ledger.filename, '城阳区2023重点任务-区发展改革局-2023全年.xlsx');
    t.assert.ok(ledger.buffer.length > 5000);
  },
};
