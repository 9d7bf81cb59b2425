#!/usr/bin/env node
// What each crate costs in the wasm: runs `twiggy top` on the release wasm before wasm-bindgen and
// wasm-opt strip the names (target/wasm32-unknown-unknown/release/luoshi-web.wasm, built by
// `trunk build --release`), attributes every function to the crate its demangled name starts with,
// and prints bytes and share per crate (code + data, custom sections excluded). Shares carry over to
// the shipped, wasm-opt'd file roughly, not exactly. Uses twiggy when installed (`cargo install
// twiggy`), else reads the function sizes and names from the module itself (same rows).
//   node e2e/bench/wasm-crates.mjs [path.wasm] [--top 12]
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const wasm = process.argv[2] && !process.argv[2].startsWith('--')
  ? process.argv[2]
  : path.join(ROOT, 'target', 'wasm32-unknown-unknown', 'release', 'luoshi-web.wasm');
const top = Number(process.argv[process.argv.indexOf('--top') + 1]) || 14;

/**
 * Without twiggy: the same rows (name, shallow_size) read from the module itself — each function
 * body's size from the code section, named by the `name` section (Rust legacy-mangled names
 * demangled enough for `crateOf`), and each data segment's size.
 */
export function sizesFromModule(bytes) {
  let at = 8;
  const u32 = () => {
    let result = 0;
    let shift = 0;
    for (;;) {
      const b = bytes[at++];
      result += (b & 0x7f) * 2 ** shift;
      shift += 7;
      if (b < 0x80) return result;
    }
  };
  const str = () => {
    const n = u32();
    const s = Buffer.from(bytes.subarray(at, at + n)).toString('utf8');
    at += n;
    return s;
  };
  let imported = 0;
  const bodies = [];
  const names = new Map();
  const data = [];
  while (at < bytes.length) {
    const id = bytes[at++];
    const size = u32();
    const end = at + size;
    if (id === 2) {
      for (let n = u32(); n > 0; n -= 1) {
        str();
        str();
        const kind = bytes[at++];
        if (kind === 0) { u32(); imported += 1; } else if (kind === 1) { at += 1; const f = bytes[at++]; u32(); if (f & 1) u32(); } else if (kind === 2) { const f = bytes[at++]; u32(); if (f & 1) u32(); } else if (kind === 3) { at += 2; } else { u32(); u32(); }
      }
    } else if (id === 10) {
      for (let n = u32(); n > 0; n -= 1) {
        const len = u32();
        bodies.push(len);
        at += len;
      }
    } else if (id === 11) {
      // Data segments: their sizes only (each segment's header is skipped by its length prefix).
      const start = at;
      const count = u32();
      for (let n = 0; n < count; n += 1) {
        const flags = u32();
        if (flags === 2) u32();
        if (flags !== 1) { while (bytes[at] !== 0x0b) at += 1; at += 1; }
        const len = u32();
        data.push(len);
        at += len;
      }
      at = start;
    } else if (id === 0 && str() === 'name') {
      while (at < end) {
        const sub = bytes[at++];
        const subSize = u32();
        const subEnd = at + subSize;
        if (sub === 1) for (let n = u32(); n > 0; n -= 1) { const index = u32(); names.set(index, str()); }
        at = subEnd;
      }
    }
    at = end;
  }
  const demangle = (name) => {
    const m = /^_ZN(.*)E$/.exec(name);
    if (!m) return name;
    const parts = [];
    let rest = m[1];
    while (rest.length) {
      const len = /^(\d+)/.exec(rest);
      if (!len) break;
      const start = len[1].length;
      parts.push(rest.slice(start, start + Number(len[1])));
      rest = rest.slice(start + Number(len[1]));
    }
    if (parts.length && /^h[0-9a-f]{16}$/.test(parts[parts.length - 1])) parts.pop();
    return parts.join('::').replace(/\$LT\$/g, '<').replace(/\$GT\$/g, '>').replace(/\$u20\$/g, ' ')
      .replace(/\$RF\$/g, '&').replace(/\$C\$/g, ',').replace(/\.\./g, '::').replace(/^_</, '<').replace(/\$u7b\$|\$u7d\$/g, '');
  };
  const rows = bodies.map((len, i) => ({ name: demangle(names.get(imported + i) ?? `func[${imported + i}]`), shallow_size: len }));
  data.forEach((len, i) => rows.push({ name: `data[${i}]`, shallow_size: len }));
  return rows;
}

const hasTwiggy = () => {
  try {
    execFileSync('twiggy', ['--version'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
};
const rows = hasTwiggy()
  ? JSON.parse(execFileSync('twiggy', ['top', '-n', '1000000', '-f', 'json', wasm], { maxBuffer: 1 << 28 }))
  : sizesFromModule(fs.readFileSync(wasm));

/** The crate a demangled item name belongs to (for `<A as B>::f`, A's crate: the code is A's impl). */
export function crateOf(name) {
  if (/^custom section|subsection/.test(name)) return null;
  if (/^data segment|^data\[/.test(name)) return '(data: strings, tables, the seed text)';
  const m = /([A-Za-z_][A-Za-z0-9_]*)(?:\[[0-9a-f]+\])?::/.exec(name.replace(/^<(?:impl )?/, '').replace(/^&(?:mut )?/, ''));
  if (!m) return '(other: wasm-bindgen shims, tables)';
  const crate = m[1];
  if (crate === 'luoshi_web') {
    const comp = /luoshi_web::app::(?:components::)?([a-z_]+)/.exec(name);
    return `luoshi_web::${comp ? comp[1] : '?'}`;
  }
  return crate;
}

const byCrate = new Map();
let total = 0;
for (const row of rows) {
  const crate = crateOf(row.name);
  if (!crate) continue;
  total += row.shallow_size;
  byCrate.set(crate, (byCrate.get(crate) ?? 0) + row.shallow_size);
}
const group = (c) => (c.startsWith('luoshi_web::') ? 'luoshi_web (app shell, all views)' : c);
const grouped = new Map();
for (const [c, b] of byCrate) grouped.set(group(c), (grouped.get(group(c)) ?? 0) + b);
const print = (title, map) => {
  console.log(`${title} (code + data, ${(total / 1024).toFixed(0)} KiB before wasm-opt)`);
  for (const [c, b] of [...map].sort((a, b) => b[1] - a[1]).slice(0, top)) {
    console.log(`  ${(b / 1024).toFixed(1).padStart(7)} KiB ${((100 * b) / total).toFixed(1).padStart(5)}%  ${c}`);
  }
};
print('by crate', grouped);
print('luoshi_web by module', new Map([...byCrate].filter(([c]) => c.startsWith('luoshi_web::'))));
