// Unit tests of the browser-compatibility checks (scripts/compat.mjs). Run: node --test scripts/tests/
import test from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { checkCss, checkScript, checkWasm } from '../compat.mjs';

function hasWasmTools() {
  try {
    execFileSync('wasm-tools', ['--version'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

test('scripts: ES2020 passes, newer syntax the oldest engines cannot parse fails', () => {
  assert.deepEqual(checkScript('const a = b?.c ?? 1; import("./x.js");', { module: true }), []);
  // Top-level await (Chromium 89): trunk's own loader had it before scripts/post-build.mjs.
  assert.match(checkScript('const wasm = await init();', { module: true }).join(), /not ES2020/);
  assert.match(checkScript('class A { static { x(); } }').join(), /not ES2020/);
  assert.match(checkScript('class A { #x; has(o) { return #x in o; } }').join(), /not ES2020/);
});

test('scripts: evaluating strings as code fails (the CSP allows unsafe-eval only for old wasm)', () => {
  assert.match(checkScript('eval("1")').join(), /evaluates a string as code \(eval\)/);
  assert.match(checkScript('const f = new Function("return 1");').join(), /\(Function\)/);
  assert.match(checkScript('window.eval(s)').join(), /\(eval\)/);
  assert.match(checkScript('setTimeout("go()", 1)').join(), /setTimeout with a string/);
  assert.deepEqual(checkScript('setTimeout(() => go(), 1); const evaluate = 1;'), []);
});

test('scripts: APIs newer than Chromium 86 fail', () => {
  assert.match(checkScript('const x = structuredClone(y);').join(), /structuredClone/);
  assert.match(checkScript('const last = list.at(-1);').join(), /\.at\(\)/);
  assert.match(checkScript('const id = crypto.randomUUID();').join(), /randomUUID/);
});

test('css: inset needs its longhands first; :has needs a compat reason', () => {
  assert.match(checkCss('.a { position: fixed; inset: 0; }').join(), /inset \(Chromium 87\)/);
  assert.deepEqual(checkCss('.a { position: fixed; top: 0; right: 0; bottom: 0; left: 0; inset: 0; }'), []);
  // "box-shadow: … inset" is not the property.
  assert.deepEqual(checkCss('.a { box-shadow: 0 0 0 1px red inset; }'), []);
  assert.match(checkCss('@media print { body:has(.x) .y { display: none; } }').join(), /:has\(\)/);
  assert.deepEqual(checkCss('@media print {\n  /* compat: the header prints too. */\n  body:has(.x) .y { display: none; } }'), []);
  assert.match(checkCss('.a { content-visibility: auto; }').join(), /content-visibility/);
  assert.deepEqual(checkCss('.a { /* compat: a hint */ content-visibility: auto; }'), []);
  assert.match(checkCss('.a { height: 100dvh; }').join(), /dynamic viewport/);
  assert.match(checkCss('.a { & .b { color: red; } }').join(), /nesting/);
});

test('wasm: validated against the oldest engines, not against everything wasm-tools knows', { skip: !hasWasmTools() && 'wasm-tools not installed' }, () => {
  // A module using reference types (Chromium 96+): (table 1 externref) and a table.get.
  const refTypes = Buffer.from(
    '0061736d01000000' + // magic, version
      '0105016000016f' + // type: () -> externref
      '03020100' + // one function of type 0
      '0404016f0001' + // table: externref, min 1
      '0a08010600410025000b', // code: i32.const 0; table.get 0; end
    'hex',
  );
  const mvp = Buffer.from('0061736d01000000', 'hex');
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'luoshi-compat-'));
  try {
    fs.writeFileSync(path.join(dir, 'ref.wasm'), refTypes);
    fs.writeFileSync(path.join(dir, 'mvp.wasm'), mvp);
    assert.deepEqual(checkWasm(path.join(dir, 'mvp.wasm')), []);
    assert.match(checkWasm(path.join(dir, 'ref.wasm')).join(), /not valid for mvp,/);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});
