// Self-tests of the e2e helpers on the real app page, so feature tests can rely on them.

export const tests = {
  'download helper captures a blob download': async (t) => {
    const page = await t.open();
    // Same mechanism the app uses for exports: an <a download> pointing at a blob: URL.
    const file = await t.download(() =>
      page.evaluate(() => {
        const blob = new Blob(['任务,状态\n1,进行中\n'], { type: 'text/csv' });
        const a = document.createElement('a');
        a.href = URL.createObjectURL(blob);
        a.download = '台账.csv';
        document.body.append(a);
        a.click();
        a.remove();
      }),
    );
    t.assert.equal(file.filename, '台账.csv');
    t.assert.equal(file.text(), '任务,状态\n1,进行中\n');
  },

  'second tab shares storage with the first': async (t) => {
    const first = await t.open();
    await first.evaluate(() => localStorage.setItem('e2e-harness-probe', '1'));
    const second = await t.open('', { page: await t.newPage() });
    t.assert.equal(await second.evaluate(() => localStorage.getItem('e2e-harness-probe')), '1');
  },
};
