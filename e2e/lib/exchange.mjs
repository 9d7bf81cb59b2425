// The steps of the export / import panel that several tests take.

// Wait until the status line says the ledger is stored (已保存 hh:mm:ss).
export async function waitSaved(page) {
  await page.waitForFunction(() => /已保存 \d\d:\d\d:\d\d/.test(document.querySelector('.save-state')?.textContent ?? ''));
}

// Open the 导出 / 导入 panel.
export async function openPanel(page) {
  await page.getByRole('button', { name: '导出 / 导入' }).click();
  await page.locator('#exchange-panel').waitFor();
}

// Pick `files` ({ name, buffer }) as JSON in the panel's import input.
export async function importFiles(page, files) {
  await page.locator('.exchange-import input[type=file]').setInputFiles(
    files.map(({ name, buffer }) => ({ name, mimeType: 'application/json', buffer })),
  );
}
