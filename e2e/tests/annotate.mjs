// Annotate and keep (issue "Annotate and keep"): edits on the task page and in list rows are saved
// to localStorage on their own (已保存 hh:mm:ss), survive reload, merge across two tabs, can be
// undone; an unreadable stored value is kept under a backup key and can be downloaded; a full quota
// loses nothing and offers a JSON download. No sleeps: every wait is on the page or on storage.

export const timeout = 60_000;

const LEDGER_PREFIX = 'luoshi.ledger.';
const BACKUP_PREFIX = 'luoshi.backup.';

/** The stored ledger (parsed), or null. */
async function storedLedger(page) {
  return page.evaluate((prefix) => {
    const key = Object.keys(localStorage).find((k) => k.startsWith(prefix));
    return key ? JSON.parse(localStorage.getItem(key)) : null;
  }, LEDGER_PREFIX);
}

/** Wait until the stored ledger's raw text contains `needle` (i.e. autosave wrote it). */
async function waitStored(page, needle) {
  await page.waitForFunction(
    ([prefix, text]) =>
      Object.keys(localStorage).some((k) => k.startsWith(prefix) && localStorage.getItem(k).includes(text)),
    [LEDGER_PREFIX, needle],
  );
}

/** Yew renders after the event that caused a change, so assertions after an action wait for it. */
async function waitValue(locator, value) {
  await locator.page().waitForFunction(
    ([element, expected]) => element.value === expected,
    [await locator.elementHandle(), value],
  );
}

async function waitText(locator, pattern) {
  await locator.filter({ hasText: pattern }).first().waitFor();
}

async function waitSaved(page) {
  await page.waitForFunction(() => /已保存 \d\d:\d\d:\d\d/.test(document.querySelector('.save-state')?.textContent ?? ''));
}

async function setUser(page, name, unit) {
  await page.locator('.ledger-settings > summary').click();
  await page.getByLabel('姓名').fill(name);
  await page.locator('#who-unit').fill(unit);
  await page.getByRole('button', { name: '确定' }).click();
  await page.locator('.ledger-settings > summary').click();
}

/** Make one edit so the ledger key exists, and return that key. */
async function ledgerKey(t, page) {
  await t.open('?task=1', { page });
  await page.locator('#task-1-editor-status').selectOption('on_schedule');
  await waitSaved(page);
  return page.evaluate((prefix) => Object.keys(localStorage).find((k) => k.startsWith(prefix)), LEDGER_PREFIX);
}

export const tests = {
  'annotations on the task page are saved automatically and survive reload': async (t) => {
    const page = await t.open('?task=3');
    t.assert.match(await page.locator('.save-state').innerText(), /自动保存/);
    await setUser(page, '王敏', '区发展改革局');
    await page.locator('#task-3-editor-status').selectOption('behind');
    await page.getByLabel('进度（%）').fill('40');
    await page.getByLabel('进度（%）').press('Tab');
    await page.getByLabel('责任人').fill('李强');
    await page.getByLabel('联系电话').fill('0532-8765 4321');
    await page.getByLabel('完成时限').fill('2023/9/30');
    await page.getByLabel('完成时限').press('Tab');
    await page.getByLabel('★重点').check();
    await page.getByLabel('工作进展').fill('已完成项目立项，正在招标');
    await page.getByLabel('备注').fill('每月报送一次');
    await waitStored(page, '每月报送一次');
    await waitStored(page, '已完成项目立项');
    await waitSaved(page);
    const saved = await page.locator('.save-state').innerText();
    t.assert.match(saved, /^已保存 \d\d:\d\d:\d\d$/);

    // The history names who changed what.
    const history = await page.locator('.history-entry').allInnerTexts();
    t.assert.ok(history.length >= 7, `history: ${history.join(' | ')}`);
    t.assert.ok(history.some((h) => h.includes('王敏（区发展改革局）') && h.includes('未启动') && h.includes('滞后')), history.join(' | '));
    await t.screenshot('editor', { page });
    await t.expectAccessible();

    await t.reload();
    t.assert.equal(await page.locator('#task-3-editor-status').inputValue(), 'behind');
    t.assert.equal(await page.getByLabel('进度（%）').inputValue(), '40');
    t.assert.equal(await page.getByLabel('责任人').inputValue(), '李强');
    t.assert.equal(await page.getByLabel('联系电话').inputValue(), '0532-8765 4321');
    t.assert.equal(await page.getByLabel('完成时限').inputValue(), '2023-09-30');
    t.assert.ok(await page.getByLabel('★重点').isChecked());
    t.assert.equal(await page.getByLabel('工作进展').inputValue(), '已完成项目立项，正在招标');
    t.assert.equal(await page.getByLabel('备注').inputValue(), '每月报送一次');
    t.assert.match(await page.locator('.who-now').innerText(), /王敏（区发展改革局）/);
    t.assert.ok((await page.locator('.history-entry').count()) >= 7);

    // The list row shows the same status and progress, with the light as words.
    await page.locator('a.back-link').click();
    await page.waitForSelector('#task-3');
    t.assert.equal(await page.getByLabel('第 3 项状态').inputValue(), 'behind');
    t.assert.equal(await page.getByLabel('第 3 项进度（%）').inputValue(), '40');
    t.assert.match(await page.locator('#task-3 .light-badge').innerText(), /落后序时|符合序时/);
    // An untouched row has no colour yet: 未填报, as the overview counts it (not 红灯).
    const untouched = page.locator('#task-4 .light-badge');
    t.assert.equal((await untouched.innerText()).trim(), '未填报');
    t.assert.match(await untouched.getAttribute('title'), /未填报/);
    t.assert.ok(await untouched.evaluate((el) => el.classList.contains('light-none')));
  },

  'text typed right before a reload is kept (committed and saved on page hide)': async (t) => {
    const page = await t.open('?task=6');
    await page.getByLabel('备注').fill('输入后立刻刷新');
    // No Tab, no wait: the field still holds a draft when the page goes away.
    await t.reload();
    t.assert.equal(await page.getByLabel('备注').inputValue(), '输入后立刻刷新');
  },

  'list rows edit status and progress by keyboard alone': async (t) => {
    const page = await t.open();
    const status = page.getByLabel('第 5 项状态');
    await status.focus();
    await page.keyboard.press('ArrowDown'); // 未启动 → 序时推进
    t.assert.equal(await status.inputValue(), 'on_schedule');
    await page.keyboard.press('Tab');
    const progress = page.getByLabel('第 5 项进度（%）');
    t.assert.ok(await progress.evaluate((el) => el === document.activeElement), 'Tab moves to the progress field');
    await page.keyboard.press('Control+a');
    await page.keyboard.type('120');
    await waitText(page.locator('#task-5 .field-error'), /进度须为 0–100 之间的整数/);
    await page.keyboard.press('Backspace');
    await page.keyboard.press('Backspace');
    await page.keyboard.press('Backspace');
    await page.keyboard.type('100');
    await page.keyboard.press('Enter');
    await page.locator('#task-5 .field-error').waitFor({ state: 'detached' });
    await waitStored(page, '"progress":100');
    // Done-or-not, 100% is never behind schedule.
    await waitText(page.locator('#task-5 .light-badge'), /符合序时/);
    const stored = await storedLedger(page);
    t.assert.deepEqual(stored.tasks['5'].status, { kind: 'on_schedule' });
    await t.expectAccessible();
    await t.screenshot('list-row-controls', { page });
  },

  'undo restores the previous value (button and Ctrl+Z), redo brings it back': async (t) => {
    const page = await t.open('?task=8');
    const owner = page.getByLabel('责任人');
    await owner.fill('李强');
    await owner.press('Tab');
    await owner.fill('张伟');
    await owner.press('Tab');
    await waitStored(page, '张伟');
    await page.getByRole('button', { name: /撤销/ }).click();
    await waitValue(owner, '李强');
    await waitStored(page, '李强');
    await page.getByRole('button', { name: /重做/ }).click();
    await waitValue(owner, '张伟');
    // Ctrl+Z outside a text field undoes the ledger edit.
    await page.locator('h2.task-heading').focus();
    await page.keyboard.press('Control+z');
    await waitValue(owner, '李强');
    await page.keyboard.press('Control+Shift+z');
    await waitValue(owner, '张伟');
    await page.keyboard.press('Control+z');
    await waitSaved(page);
    await waitStored(page, '李强');
    await t.reload();
    t.assert.equal(await page.getByLabel('责任人').inputValue(), '李强');
  },

  'targets: actuals show completion, a wrong target can be hidden and a missed one added': async (t) => {
    const page = await t.open('?task=1');
    const rows = page.locator('.target-row');
    const count = await rows.count();
    t.assert.ok(count >= 1, 'task 1 has parsed targets');
    const firstActual = rows.first().locator('input');
    await firstActual.fill('1');
    await firstActual.press('Tab');
    await waitText(rows.first().locator('.target-state'), /未达标（\d+%）/);
    await firstActual.fill('100000');
    await firstActual.press('Tab');
    await waitText(rows.first().locator('.target-state'), /已达标/);
    await rows.first().getByRole('button').click();
    await waitText(rows.first(), /已隐藏/);
    await page.locator('.add-target > summary').click();
    await page.getByLabel('指标内容').fill('新增就业');
    await page.getByLabel('目标值').fill('3000');
    await page.locator('#task-1-new-target-unit').fill('人');
    await page.getByRole('button', { name: '添加指标' }).click();
    await rows.nth(count).waitFor();
    t.assert.equal(await rows.count(), count + 1);
    await waitText(rows.last(), /新增就业.*手工添加/s);
    await waitStored(page, '新增就业');
    await t.reload();
    t.assert.equal(await page.locator('.target-row').count(), count + 1);
    t.assert.match(await page.locator('.target-row').first().innerText(), /已隐藏/);
  },

  'a corrupt stored ledger is kept under a backup key, reported, and downloadable': async (t) => {
    const page = t.page;
    const key = await ledgerKey(t, page);
    t.assert.ok(key, 'the ledger key exists after an edit');
    const corrupt = '{"format":"luoshi.ledger","version":2,"tasks":{"3":{"status":';
    await page.evaluate(([k, v]) => localStorage.setItem(k, v), [key, corrupt]);
    await t.reload();
    const problem = page.locator('.storage-problem');
    await problem.waitFor();
    const message = await problem.innerText();
    t.assert.match(message, /无法读取/);
    t.assert.match(message, /没有被覆盖/);
    const backups = await page.evaluate((prefix) =>
      Object.keys(localStorage).filter((k) => k.startsWith(prefix)).map((k) => [k, localStorage.getItem(k)]), BACKUP_PREFIX);
    t.assert.equal(backups.length, 1, JSON.stringify(backups));
    t.assert.equal(backups[0][1], corrupt, 'the backup holds the unreadable value exactly');
    t.assert.ok(message.includes(backups[0][0]), 'the message names the backup key');
    const file = await t.download(() => page.getByRole('button', { name: '下载无法读取的原数据' }).click());
    t.assert.equal(file.text(), corrupt);
    await t.screenshot('corrupt', { page });

    // Working on: a fresh ledger is saved under the key, the backup is untouched.
    await page.locator('#task-1-editor-status').selectOption('done');
    await waitSaved(page);
    const after = await page.evaluate(([k, b]) => [localStorage.getItem(k), localStorage.getItem(b)], [key, backups[0][0]]);
    t.assert.ok(JSON.parse(after[0]).tasks['1'], 'the new ledger is stored');
    t.assert.equal(after[1], corrupt);
  },

  'a corrupt value that cannot be copied (storage full) stays where it is and is never saved over': async (t) => {
    const page = t.page;
    const key = await ledgerKey(t, page);
    const corrupt = `{"format":"luoshi.ledger","version":2,"notes":"${'损坏'.repeat(2000)}`;
    await page.evaluate(([k, v]) => {
      localStorage.setItem(k, v);
      // No room left for a copy of it (the backup key is longer than the ledger key).
      let size = 1 << 20;
      let n = 0;
      while (size >= 1) {
        try {
          localStorage.setItem(`junk.${n++}`, 'x'.repeat(size));
        } catch {
          size = Math.floor(size / 2);
        }
      }
    }, [key, corrupt]);
    await t.reload();
    await waitText(page.locator('.storage-problem'), /仍保留在原处/);
    t.assert.match(await page.locator('.save-state').innerText(), /不会保存/);
    const read = () => page.evaluate(([k, prefix]) => [
      localStorage.getItem(k),
      Object.keys(localStorage).filter((b) => b.startsWith(prefix)),
    ], [key, BACKUP_PREFIX]);
    t.assert.deepEqual(await read(), [corrupt, []]);
    const file = await t.download(() => page.getByRole('button', { name: '下载无法读取的原数据' }).click());
    t.assert.equal(file.text(), corrupt);
    // Edits stay in the page, but the unreadable value is not written over, not even on page hide.
    await page.locator('#task-1-editor-status').selectOption('done');
    await page.locator('.history-entry').first().waitFor();
    await t.reload();
    t.assert.deepEqual(await read(), [corrupt, []]);
  },

  'a ledger from a newer version is read-only and never overwritten': async (t) => {
    const page = t.page;
    const key = await ledgerKey(t, page);
    const newer = JSON.stringify({ format: 'luoshi.ledger', version: 9, fingerprint: key.slice(LEDGER_PREFIX.length), tasks: {} });
    await page.evaluate(([k, v]) => localStorage.setItem(k, v), [key, newer]);
    await t.reload();
    t.assert.match(await page.locator('.storage-problem').innerText(), /更新版本/);
    t.assert.ok(await page.locator('#task-1-editor-status').isDisabled());
    t.assert.match(await page.locator('.save-state').innerText(), /只读/);
    t.assert.equal(await page.evaluate((k) => localStorage.getItem(k), key), newer);
  },

  'a full storage quota loses nothing and offers a JSON download; saving resumes when space is freed': async (t) => {
    const page = await t.open('?task=2');
    await page.locator('#task-2-editor-status').selectOption('on_schedule');
    await waitSaved(page);
    // Fill the rest of the quota with junk keys until the browser refuses even one more character.
    const junkKeys = await page.evaluate(() => {
      const keys = [];
      let size = 1 << 20;
      while (size >= 1) {
        const key = `junk.${keys.length}`;
        try {
          localStorage.setItem(key, 'x'.repeat(size));
          keys.push(key);
        } catch {
          size = Math.floor(size / 2);
        }
      }
      return keys;
    });
    t.assert.ok(junkKeys.length > 0);
    await page.getByLabel('工作进展').fill('这段文字在存储已满时输入，不能丢失');
    await page.getByLabel('工作进展').press('Tab');
    const alert = page.locator('.storage-problem', { hasText: '存储空间已满' });
    await alert.waitFor();
    t.assert.match(await alert.innerText(), /没有丢失/);
    t.assert.match(await page.locator('.save-state').innerText(), /未能保存/);
    // Nothing typed is lost in the page.
    t.assert.equal(await page.getByLabel('工作进展').inputValue(), '这段文字在存储已满时输入，不能丢失');
    t.assert.match(await page.locator('.history-entry').first().innerText(), /不能丢失/);
    await t.screenshot('quota', { page });
    // The download holds the whole ledger, typed text included, in the stored format.
    const file = await t.download(() => alert.getByRole('button', { name: '下载完整备份' }).click());
    const exported = JSON.parse(file.text());
    t.assert.equal(exported.format, 'luoshi.ledger');
    t.assert.equal(Object.values(exported.tasks['2'].reports)[0].progress_text, '这段文字在存储已满时输入，不能丢失');
    await waitText(page.locator('.export-status'), /上次导出: 今天/);
    // Free the space: the next change is saved, with everything typed before.
    await page.evaluate((keys) => keys.forEach((k) => localStorage.removeItem(k)), junkKeys);
    await page.getByLabel('责任人').fill('赵敏');
    await page.getByLabel('责任人').press('Tab');
    await waitSaved(page);
    await t.reload();
    t.assert.equal(await page.getByLabel('工作进展').inputValue(), '这段文字在存储已满时输入，不能丢失');
    t.assert.equal(await page.getByLabel('责任人').inputValue(), '赵敏');
  },

  'two tabs editing different tasks both keep their edits': async (t) => {
    const first = await t.open('?task=10');
    const second = await t.newPage();
    await t.open('?task=20', { page: second });
    await first.locator('#task-10-editor-status').selectOption('behind');
    await second.locator('#task-20-editor-status').selectOption('done');
    await first.getByLabel('责任人').fill('甲');
    await first.getByLabel('责任人').press('Tab');
    await second.getByLabel('责任人').fill('乙');
    await second.getByLabel('责任人').press('Tab');
    await waitStored(first, '"owner":"甲"');
    await waitStored(first, '"owner":"乙"');
    await waitSaved(first);
    await waitSaved(second);
    // The other tab's edit shows up without a reload.
    await second.locator('a.back-link').click();
    await second.waitForSelector('#task-10');
    await second.waitForFunction(() => document.querySelector('#row-10-status')?.value === 'behind');
    t.assert.equal(await second.getByLabel('第 20 项状态').inputValue(), 'done');
    // And after reloading either tab, both edits are there.
    await t.reload({ page: first });
    t.assert.equal(await first.locator('#task-10-editor-status').inputValue(), 'behind');
    t.assert.equal(await first.getByLabel('责任人').inputValue(), '甲');
    await t.open('?task=20', { page: first });
    t.assert.equal(await first.locator('#task-20-editor-status').inputValue(), 'done');
    t.assert.equal(await first.getByLabel('责任人').inputValue(), '乙');
  },

  'export status and reminder show, and the JSON download clears the reminder': async (t) => {
    const page = await t.open('?task=4');
    t.assert.match(await page.locator('.export-status').innerText(), /尚未导出/);
    t.assert.equal(await page.locator('.bar-reminder').count(), 0, 'no reminder before any edit');
    await page.locator('#task-4-editor-status').selectOption('ahead_of_schedule');
    await page.locator('.bar-reminder').waitFor();
    t.assert.match(await page.locator('.bar-reminder').innerText(), /尚未导出/);
    const file = await t.download(() => page.locator('.bar-actions').getByRole('button', { name: '下载完整备份' }).click());
    t.assert.match(file.filename, /^luoshi-ledger-.*\.json$/);
    t.assert.deepEqual(JSON.parse(file.text()).tasks['4'].status, { kind: 'ahead_of_schedule' });
    await waitText(page.locator('.export-status'), /上次导出: 今天/);
    await page.locator('.bar-reminder').waitFor({ state: 'detached' });
  },
};
