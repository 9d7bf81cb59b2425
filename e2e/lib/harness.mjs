// Shared e2e helpers: one Chromium for the whole run, a fresh browser context (empty localStorage)
// per test, and strict page monitoring. A test FAILS if the page logs any console error or warning,
// throws an uncaught error, has a failed request or an HTTP error response, or requests anything
// outside the app's own static files under the served base URL (no fonts, CDNs, analytics...).
// See e2e/README.md for the API.

import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';
import { expectGlyphs } from './glyphs.mjs';

const require = createRequire(import.meta.url);
const HERE = path.dirname(fileURLToPath(import.meta.url));
export const OUT_DIR = path.resolve(HERE, '..', 'out');
const AXE_PATH = require.resolve('axe-core/axe.min.js');
let axeText = null;
const axeSource = () => (axeText ??= fs.readFileSync(AXE_PATH, 'utf8'));

// Flags Chromium needs on these machines (root, no GPU, no network side channels).
export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-background-networking',
  '--disable-component-update',
  '--no-first-run',
  '--disable-gpu',
];

/** `env`: the browser's environment (e.g. FONTCONFIG_FILE for e2e/tests/glyphs.mjs); default: ours. */
export function launchBrowser({ env } = {}) {
  return chromium.launch({
    executablePath: process.env.CHROMIUM_PATH || '/usr/bin/chromium',
    args: CHROMIUM_ARGS,
    ...(env ? { env } : {}),
  });
}

const slug = (s) => s.replace(/[^\p{L}\p{N}]+/gu, '-').replace(/^-|-$/g, '').slice(0, 80);

/**
 * The object every test function receives. `baseUrl` ends with "/" (e.g. http://127.0.0.1:PORT/tools/luoshi/).
 */
/**
 * Wait until the app has taken over the page: index.html already holds the prerendered list, so a
 * selector like `tr.task-row` matches before the wasm runs; the app marks `#app[data-started]`
 * after its first render (src/app/first_view.rs).
 */
export async function appStarted(page) {
  await page.waitForSelector('#app[data-started]', { state: 'attached' });
}

/**
 * A returning visitor's day: mark task 5 滞后 (stored), and wait until the service worker that
 * holds every file is active, so the next page load is served by it.
 */
export async function markAndCache(page) {
  await page.getByLabel('第 5 项状态').selectOption('behind');
  await page.waitForFunction(() => Object.keys(localStorage).some((k) => k.startsWith('luoshi.ledger.') && localStorage.getItem(k).includes('behind')));
  await page.evaluate(() => navigator.serviceWorker.ready.then((r) => new Promise((resolve) => {
    const w = r.active;
    if (w.state === 'activated') resolve();
    else w.addEventListener('statechange', () => w.state === 'activated' && resolve());
  })));
}

export class TestContext {
  constructor({ browser, baseUrl, file, name }) {
    this.browser = browser;
    this.baseUrl = baseUrl;
    this.file = file;
    this.name = name;
    this.assert = assert;
    this.problems = [];
    this.requests = [];
    this.consoleMessages = [];
    this.pages = [];
    this.allowedConsole = [];
    this.screenshotCount = 0;
  }

  async init({ intercept = true, contextOptions = {} } = {}) {
    this.context = await this.makeContext({ intercept, contextOptions });
    this.page = await this.newPage();
    return this;
  }

  /**
   * Another browser profile: a separate context (its own localStorage and downloads), monitored
   * like the first. Returns its first page. For journeys of several people (unit clerks, the
   * coordinator) on their own machines.
   */
  async newProfile() {
    const context = await this.makeContext({ intercept: true, contextOptions: {} });
    this.profiles = [...(this.profiles ?? []), context];
    return this.newPage(context);
  }

  async makeContext({ intercept, contextOptions }) {
    const context = await this.browser.newContext({ acceptDownloads: true, locale: 'zh-CN', ...contextOptions });
    context.setDefaultTimeout(10_000);
    if (intercept) {
      // Block (and record) anything outside the app's own files, so no test ever touches the network.
      await context.route('**/*', (route) => {
        const url = route.request().url();
        if (this.isOwnUrl(url)) return route.continue();
        this.problems.push(`request outside the app: ${route.request().method()} ${url}`);
        return route.abort('blockedbyclient');
      });
    } else {
      // Without interception outside requests cannot be blocked, only recorded (and fail the test).
      context.on('request', (req) => {
        if (!this.isOwnUrl(req.url())) this.problems.push(`request outside the app: ${req.method()} ${req.url()}`);
      });
    }
    // Every Content-Security-Policy violation becomes a console error, which fails the test (Chromium
    // logs most of them itself; the event also covers report-only cases and names the directive).
    await context.addInitScript(() => {
      window.__cspViolations = [];
      document.addEventListener('securitypolicyviolation', (e) => {
        const what = `${e.effectiveDirective} blocked ${e.blockedURI || 'inline'} (${e.sourceFile || '?'}:${e.lineNumber})`;
        window.__cspViolations.push(what);
        console.error(`CSP violation: ${what}`);
      });
    });
    return context;
  }

  /**
   * Start this test over in a fresh context whose requests are NOT intercepted: Playwright's request
   * routing bypasses service workers, so offline tests need this. Outside requests still fail the test.
   */
  /**
   * Start this test over in a fresh context with service workers blocked: a page the service worker
   * controls gets the lazily loaded files from its cache, past Playwright's request routing, so a
   * test that holds such a request (`page.route`) needs this.
   */
  async blockServiceWorkers() {
    await this.context?.close().catch(() => {});
    this.pages = [];
    await this.init({ contextOptions: { serviceWorkers: 'block' } });
    // The app's registration is refused by the browser, which says so: expected here.
    this.allowConsole(/^Service Worker registration blocked by Playwright$/);
    return this.page;
  }

  async useServiceWorkers() {
    await this.context?.close().catch(() => {});
    this.pages = [];
    await this.init({ intercept: false });
    return this.page;
  }

  /**
   * Start this test over on a phone: a 375 x 740 touch screen (pointer: coarse, hover: none), as a
   * mobile browser lays out pages. Returns the new page.
   */
  async usePhone() {
    await this.context?.close().catch(() => {});
    this.pages = [];
    await this.init({
      contextOptions: { viewport: { width: 375, height: 740 }, hasTouch: true, isMobile: true, deviceScaleFactor: 2 },
    });
    return this.page;
  }

  isOwnUrl(url) {
    return url.startsWith(this.baseUrl) || url.startsWith('data:') || url.startsWith('blob:');
  }

  /** Open another page (tab) in the same context, e.g. to test cross-tab storage events. Monitored too. */
  async newPage(context = this.context) {
    const page = await context.newPage();
    const label = () => (this.pages.length > 1 ? `[page ${this.pages.indexOf(page) + 1}] ` : '');
    page.on('console', (msg) => {
      const entry = { type: msg.type(), text: msg.text(), location: msg.location() };
      this.consoleMessages.push(entry);
      if (entry.type !== 'error' && entry.type !== 'warning') return;
      if (this.allowedConsole.some((re) => re.test(entry.text))) return;
      const where = entry.location?.url ? ` (${entry.location.url}:${entry.location.lineNumber})` : '';
      this.problems.push(`${label()}console ${entry.type}: ${entry.text}${where}`);
    });
    page.on('pageerror', (err) => this.problems.push(`${label()}uncaught page error: ${err.stack || err}`));
    page.on('request', (req) => this.requests.push(req.url()));
    page.on('requestfailed', (req) => {
      const url = req.url();
      // Outside requests are already reported by the route handler; blob:/data: downloads may "fail"
      // as navigations when they turn into downloads, which is expected.
      if (!this.isOwnUrl(url) || url.startsWith('blob:') || url.startsWith('data:')) return;
      this.problems.push(`${label()}request failed: ${url} (${req.failure()?.errorText})`);
    });
    page.on('response', (res) => {
      if (res.status() >= 400) this.problems.push(`${label()}HTTP ${res.status()} for ${res.url()}`);
    });
    this.pages.push(page);
    return page;
  }

  /** Tolerate console errors/warnings whose text matches `re` for the rest of this test. Use sparingly. */
  allowConsole(re) {
    this.allowedConsole.push(re);
  }

  /**
   * Navigate `page` (default: the test's page) to baseUrl + relPath (relative, e.g. "" or "#/tasks/3")
   * and wait until the Yew app has rendered into #app (or until `waitFor` selector is visible).
   */
  async open(relPath = '', { page = this.page, waitFor = '#app > *' } = {}) {
    await page.goto(new URL(relPath, this.baseUrl).href, { waitUntil: 'load' });
    await appStarted(page);
    await page.waitForSelector(waitFor);
    await this.checkGlyphs(page);
    return page;
  }

  /** Reload and wait for the app to render again (state must come back from localStorage). */
  async reload({ page = this.page, waitFor = '#app > *' } = {}) {
    await page.reload({ waitUntil: 'load' });
    await appStarted(page);
    await page.waitForSelector(waitFor);
    await this.checkGlyphs(page);
    return page;
  }

  /**
   * Every page a test opens or reloads: its Chinese text must render with real glyphs, not empty
   * boxes (e2e/lib/glyphs.mjs). A missing CJK font is a page problem, so every test fails.
   */
  async checkGlyphs(page = this.page) {
    try {
      this.glyphsChecked = (this.glyphsChecked ?? 0) + (await expectGlyphs(page));
    } catch (e) {
      if (!/render as empty boxes/.test(e.message)) throw e;
      this.problems.push(e.message);
    }
  }

  /**
   * Run `action` (e.g. () => page.click('text=导出')) and capture the download it triggers.
   * Returns { filename, path, buffer, text } with the file saved under e2e/out/downloads/.
   */
  async download(action, { page = this.page } = {}) {
    const [dl] = await Promise.all([page.waitForEvent('download'), action()]);
    const failure = await dl.failure();
    if (failure) throw new Error(`download failed: ${failure}`);
    const dir = path.join(OUT_DIR, 'downloads');
    fs.mkdirSync(dir, { recursive: true });
    const filename = dl.suggestedFilename();
    const saved = path.join(dir, `${slug(this.file)}--${slug(this.name)}--${filename}`);
    await dl.saveAs(saved);
    const buffer = fs.readFileSync(saved);
    return { filename, path: saved, buffer, text: () => buffer.toString('utf8') };
  }

  /**
   * Run axe-core on the page and return its serious and critical violations (an array; empty = clean).
   * `options` is passed to axe.run (e.g. { runOnly: ['wcag2a', 'wcag2aa'] }).
   */
  async axe({ page = this.page, context = undefined, options = {} } = {}) {
    const loaded = await page.evaluate(() => typeof window.axe !== 'undefined');
    // Evaluated through DevTools rather than added as a <script> tag: the app's Content-Security-Policy
    // (rightly) blocks inline scripts, and the test must not weaken it.
    if (!loaded) await page.evaluate(axeSource());
    const result = await page.evaluate(
      ([ctx, opts]) => window.axe.run(ctx ?? document, { resultTypes: ['violations'], ...opts }),
      [context, options],
    );
    return result.violations
      .filter((v) => v.impact === 'serious' || v.impact === 'critical')
      .map((v) => ({
        id: v.id,
        impact: v.impact,
        help: v.help,
        nodes: v.nodes.map((n) => n.target.join(' ')),
      }));
  }

  /** Assert axe finds no serious/critical violations; the error lists them. */
  async expectAccessible(opts) {
    const violations = await this.axe(opts);
    if (violations.length) {
      const lines = violations.map((v) => `  ${v.impact} ${v.id}: ${v.help} -> ${v.nodes.slice(0, 5).join(', ')}`);
      throw new Error(`axe found ${violations.length} serious/critical violation(s):\n${lines.join('\n')}`);
    }
  }

  /** Save a full-page screenshot to e2e/out/ and return its path. */
  async screenshot(label = 'shot', { page = this.page } = {}) {
    fs.mkdirSync(OUT_DIR, { recursive: true });
    this.screenshotCount += 1;
    const file = path.join(OUT_DIR, `${slug(this.file)}--${slug(this.name)}--${slug(label)}.png`);
    await page.screenshot({ path: file, fullPage: true });
    return file;
  }

  async close() {
    for (const profile of this.profiles ?? []) await profile.close().catch(() => {});
    await this.context?.close().catch(() => {});
  }
}
