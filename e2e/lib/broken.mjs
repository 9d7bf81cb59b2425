// Helpers for the lazily loaded modules' tests (e2e/tests/lazy.mjs, views.mjs). A copy of the
// build with some of its lazily loaded files missing (a broken download or a
// half-copied folder), served apart, with a fresh test context on it: for the tests that check
// what a person sees when a lazily loaded module cannot be loaded (e2e/tests/lazy.mjs, views.mjs).

import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { TestContext } from './harness.mjs';
import { startStaticServer } from '../../scripts/static-server.mjs';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');

/**
 * Run `body(u)` against a copy of dist/ without the files of dist/lazy/ whose names match
 * `missing`; `u` is a TestContext on it. The page's reports of those files' absence (and only
 * those: `expected` matches them) are dropped; every other problem fails `t`.
 */
export async function withLazyFilesMissing(t, missing, expected, body) {
  const dist = process.env.E2E_DIST || path.join(ROOT, 'dist');
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'luoshi-broken-'));
  fs.cpSync(dist, dir, { recursive: true });
  for (const f of fs.readdirSync(path.join(dir, 'lazy'))) {
    if (missing.test(f)) fs.rmSync(path.join(dir, 'lazy', f));
  }
  const server = await startStaticServer({ dir, prefix: '/tools/luoshi/', port: 0 });
  const u = new TestContext({ browser: t.browser, baseUrl: server.url, file: t.file, name: t.name });
  try {
    await u.init();
    await body(u);
    t.problems.push(...u.problems.filter((p) => !expected.test(p)));
  } finally {
    await u.close();
    await server.close();
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

/** What the app keeps in localStorage, as text (to compare before and after). */
export function storedText(page) {
  return page.evaluate(() => JSON.stringify(Object.entries(localStorage).filter(([k]) => k.startsWith('luoshi.'))));
}

/** Open the list, set task 3 to 滞后 and wait until it is saved: the person's data that must survive. Returns what is stored. */
export async function withSavedChange(u) {
  await u.open('', { waitFor: 'tr.task-row' });
  await u.page.selectOption('#row-3-status', 'behind');
  await u.page.waitForFunction(() => /已保存/.test(document.querySelector('.save-state')?.textContent ?? ''));
  return storedText(u.page);
}

/**
 * A first visit with the service worker allowed, until it controls the page; returns the URLs
 * it has cached under lazy/ whose file names match `name` (the lazily loaded modules' files).
 */
export async function cachedLazyFiles(t, name) {
  const page = await t.useServiceWorkers();
  await t.open('', { waitFor: 'tr.task-row' });
  await page.waitForFunction(() => navigator.serviceWorker.controller !== null);
  const urls = await page.evaluate(async () => {
    const [cacheName] = await caches.keys();
    const cache = await caches.open(cacheName);
    return (await cache.keys()).map((r) => r.url).filter((u) => u.includes('/lazy/'));
  });
  return urls.filter((u) => name.test(u.slice(u.lastIndexOf('/') + 1)));
}
