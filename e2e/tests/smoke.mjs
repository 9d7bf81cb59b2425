// Foundation smoke tests: things that stay true whatever features land. The harness itself fails any
// test on console errors/warnings, page errors, failed requests or requests outside the app.

const CJK = /[\u4e00-\u9fff]/;

export const tests = {
  'page loads in Chinese with a heading': async (t) => {
    const page = await t.open();
    t.assert.equal(await page.getAttribute('html', 'lang'), 'zh-CN');
    t.assert.match(await page.title(), /落实/);
    t.assert.ok((await page.locator('h1').count()) >= 1, 'expected an <h1>');
    t.assert.match(await page.locator('#app').innerText(), CJK, 'expected Chinese text rendered by the app');
  },

  'all assets load relative to the subpath': async (t) => {
    await t.open();
    // The runner serves dist/ under /tools/luoshi/; E2E_BASE_URL (e.g. trunk serve) may be the root.
    if (!process.env.E2E_BASE_URL) {
      t.assert.notEqual(new URL(t.baseUrl).pathname, '/', 'the runner must serve dist/ under a subpath');
    }
    const own = t.requests.filter((u) => u.startsWith(t.baseUrl));
    t.assert.ok(own.some((u) => u.endsWith('.wasm')), `no .wasm fetched under ${t.baseUrl}: ${own.join(', ')}`);
    t.assert.ok(own.some((u) => u.endsWith('.js')), `no .js fetched under ${t.baseUrl}: ${own.join(', ')}`);
  },

  'reload renders again': async (t) => {
    const page = await t.open();
    await t.reload();
    t.assert.ok((await page.locator('h1').count()) >= 1, 'expected an <h1> after reload');
  },

  'no serious or critical accessibility violations': async (t) => {
    await t.open();
    await t.expectAccessible();
  },
};
