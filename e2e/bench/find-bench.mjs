// Browser benchmark: milliseconds from an input event in the search box to the DOM updated and laid
// out (Yew's render runs in microtasks, so a macrotask after the event sees it finished; reading
// offsetHeight then forces style and layout). 71 tasks = the seed; 10,000 = the `?bench=10000` dev
// hook (a synthetic document, see `load_document` in src/app/mod.rs). Prints per-keystroke figures
// for BENCHMARKS.md (an OVER BUDGET line past 8 ms / 50 ms) and asserts only the filtered counts.
// A second figure, "page work", stops the clock once the microtasks queued by the event have run
// (Yew renders in them) and layout is forced: no timer or frame can run in between, so it is the
// page's own work per key and less sensitive to a busy machine than the figure with the macrotask.

export const timeout = 120_000;

import os from 'node:os';

// "区" matches nearly every task (a full first page of rows, every unit highlighted); the
// later keys narrow to a few or none. Together they cover the cheap and the expensive renders.
const QUERIES = ['区科技局 项目', '推进项目建设'];
const QUERY = QUERIES.join(' ');

async function typeAndMeasure(page, query) {
  return page.evaluate(async (query) => {
    const input = document.querySelector('#find-search');
    input.focus();
    const macrotask = () => new Promise((resolve) => setTimeout(resolve, 0));
    const times = [];
    const work = [];
    let unsettled = 0;
    let typed = '';
    for (const ch of query) {
      typed += ch;
      const t0 = performance.now();
      input.value = typed;
      input.dispatchEvent(new InputEvent('input', { bubbles: true, data: ch, inputType: 'insertText' }));
      for (let turn = 0; turn < 20; turn++) await Promise.resolve();
      void document.body.offsetHeight;
      work.push(performance.now() - t0);
      const early = document.querySelector('.result-count')?.textContent;
      await macrotask();
      void document.body.offsetHeight;
      times.push(performance.now() - t0);
      // A render left for later would make the page-work figure too small: count such keys.
      if (document.querySelector('.result-count')?.textContent !== early) unsettled += 1;
      // Let the frame paint before the next key, as a person typing would.
      await new Promise((resolve) => requestAnimationFrame(() => resolve()));
    }
    return { times, work, unsettled, rows: document.querySelectorAll('tr.task-row').length, count: document.querySelector('.result-count')?.textContent };
  }, query);
}

function stats(times) {
  const sorted = [...times].sort((a, b) => a - b);
  const at = (q) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))];
  return { median: at(0.5), p90: at(0.9), max: sorted[sorted.length - 1] };
}

/**
 * Main-thread CPU time of the page per keystroke, from a Chromium trace (`tdur` of every task on
 * CrRendererMain): unlike wall time it does not grow while the process waits for a busy core.
 * Includes everything the page does per key (event, evaluation, render, style, layout, paint
 * recording) plus a little of the measuring itself. Null if tracing is unavailable.
 */
async function rendererCpuPerKey(page) {
  const browser = page.context().browser();
  if (!browser?.startTracing) return null;
  const keys = [...QUERY].length + 1; // every character, then the clear
  await browser.startTracing(page, { categories: ['toplevel'] });
  await typeAndMeasure(page, QUERY);
  await clear(page);
  // Not a wait on time: the task after the next frame, so the last key's paint is inside the trace.
  await page.evaluate(() => new Promise((resolve) => requestAnimationFrame(() => setTimeout(resolve, 0))));
  const trace = JSON.parse((await browser.stopTracing()).toString());
  const events = trace.traceEvents ?? trace;
  const main = new Set(
    events.filter((e) => e.name === 'thread_name' && e.args?.name === 'CrRendererMain').map((e) => `${e.pid}:${e.tid}`),
  );
  let micros = 0;
  for (const e of events) {
    if (e.ph === 'X' && e.name === 'ThreadControllerImpl::RunTask' && main.has(`${e.pid}:${e.tid}`)) micros += e.tdur ?? 0;
  }
  return micros / 1000 / keys;
}

const clear = (page) =>
  page.evaluate(() => {
    const input = document.querySelector('#find-search');
    input.value = '';
    input.dispatchEvent(new InputEvent('input', { bubbles: true }));
  });

// Each query is typed REPEAT times; for every keystroke the fastest of its repeats is kept (the
// machine's other work only ever adds time), and those are summarised. The raw median of every
// keystroke is printed too.
const REPEAT = 5;

async function bench(t, rel, label, budget, expectedCounts) {
  const page = await t.open(rel, { waitFor: '#find-search' });
  // Warm up (JIT, first-render allocations).
  await typeAndMeasure(page, QUERY);
  await clear(page);
  const best = [];
  const bestWork = [];
  const all = [];
  let unsettled = 0;
  for (const [at, query] of QUERIES.entries()) {
    const perKey = [];
    const perKeyWork = [];
    for (let run = 0; run < REPEAT; run++) {
      const result = await typeAndMeasure(page, query);
      result.times.forEach((ms, key) => {
        perKey[key] = Math.min(perKey[key] ?? Infinity, ms);
        all.push(ms);
      });
      result.work.forEach((ms, key) => {
        perKeyWork[key] = Math.min(perKeyWork[key] ?? Infinity, ms);
      });
      unsettled += result.unsettled;
      await clear(page);
      if (run === 0) {
        console.log(`    ${label}: after "${QUERIES[at]}": ${result.count} (${result.rows} rows in the DOM)`);
        // The filter really ran on every keystroke: the final count is the known answer.
        t.assert.equal(result.count, expectedCounts[at]);
      }
    }
    best.push(...perKey);
    bestWork.push(...perKeyWork);
  }
  const s = stats(best);
  const w = stats(bestWork);
  const raw = stats(all);
  const cpu = await rendererCpuPerKey(page);
  // Speed is reported, not asserted: a timed assertion flakes with machine load (see CONVENTIONS).
  // The figures go to BENCHMARKS.md; an OVER BUDGET line makes a regression visible in every run.
  const load = os.loadavg()[0] / os.cpus().length;
  console.log(
    `    ${label}: per keystroke (filter + facet counts + render + layout), best of ${REPEAT} for each of ${best.length} keys: ` +
      `median ${s.median.toFixed(1)} ms, p90 ${s.p90.toFixed(1)} ms, max ${s.max.toFixed(1)} ms; ` +
      `all ${all.length} keys: median ${raw.median.toFixed(1)} ms (budget ${budget} ms; load ${load.toFixed(1)} per core)`,
  );
  console.log(
    `    ${label}: page work per keystroke (event + render + style/layout, no timer or frame in between), best of ${REPEAT}: ` +
      `median ${w.median.toFixed(1)} ms, p90 ${w.p90.toFixed(1)} ms, max ${w.max.toFixed(1)} ms` +
      (unsettled ? ` (${unsettled} keys rendered after the microtasks: too low)` : ''),
  );
  if (cpu !== null) {
    console.log(`    ${label}: renderer main-thread CPU time per keystroke (trace, immune to waiting for a core): ${cpu.toFixed(1)} ms`);
  }
  if (s.median > budget) {
    console.log(`    ${label}: OVER BUDGET: median ${s.median.toFixed(1)} ms > ${budget} ms`);
  }
  return s;
}

export const tests = {
  'search at 71 tasks filters as typed (prints ms per keystroke; budget 8 ms)': async (t) => {
    await bench(t, '', '71 tasks', 8, ['显示 5 / 71 项', '显示 1 / 71 项']);
  },
  'search at 10,000 tasks is paged and filters as typed (prints ms per keystroke; budget 50 ms)': async (t) => {
    const page = await t.open('?bench=10000', { waitFor: '#find-search' });
    t.assert.match(await page.locator('.result-count').innerText(), /\/ 10000 项/);
    // Paged: the DOM holds one page of rows, not 10,000.
    t.assert.equal(await page.locator('tr.task-row').count(), 100);
    t.assert.match(await page.locator('.show-more').innerText(), /还有 9900 项/);
    await bench(t, '?bench=10000', '10,000 tasks', 50, ['显示 388 / 10000 项', '显示 0 / 10000 项']);
  },
};
