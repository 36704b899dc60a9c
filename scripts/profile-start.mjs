// Driven by scripts/profile-start. One traced cold load of the 12-member page: the
// main-thread tasks until the first member row, and the wasm functions V8 compiled (lazily,
// on their first call) before it: how many, their code bytes, and by crate. Prints; asserts
// nothing. Function names need a build with names (KEEP_NAMES=1 scripts/build-console).
import fs from 'fs';
import { chromium } from 'playwright-core';
import { WasmReader } from './wasm-sections.mjs';

const { BASE, WASM } = process.env;
const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium',
  args: ['--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage', '--disable-background-networking'],
});
const api = (path, init) => fetch(`${BASE}/metal/v1${path}`, init).then((r) => r.json());
const login = await api('/auth/sessions', {
  method: 'POST', headers: { 'content-type': 'application/json' },
  body: JSON.stringify({ email: 'sloth@example.com', password: 'packet-demo-pass' }),
});
const orgs = await api('/organizations?personal=exclude&exclude=members,projects', { headers: { 'X-Auth-Token': login.token } });
const org = orgs.organizations.find((o) => o.name === 'MO TEST').id;

const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
const page = await context.newPage();
await page.goto(`${BASE}/config.json`);
await page.evaluate((t) => { localStorage.setItem('org-console.token', t); localStorage.setItem('org-console.api-base', '/metal/v1'); }, login.token);
await page.addInitScript(() => new MutationObserver(() => {
  if (document.querySelector('table.members tbody tr') && !window.__firstRows) { window.__firstRows = 1; performance.mark('first-rows'); }
}).observe(document, { subtree: true, childList: true }));
const cdp = await context.newCDPSession(page);
const events = [];
cdp.on('Tracing.dataCollected', (d) => events.push(...d.value));
const complete = new Promise((resolve) => cdp.on('Tracing.tracingComplete', resolve));
await cdp.send('Tracing.start', { traceConfig: { includedCategories: ['devtools.timeline', 'v8', 'v8.wasm', 'disabled-by-default-v8.wasm.detailed', 'blink.user_timing'] } });
await page.goto(`${BASE}/orgs/${org}/members`);
await page.waitForFunction(() => window.__firstRows);
await cdp.send('Tracing.end');
await complete;
await browser.close();
// TRACE=file keeps the trace (chrome://tracing or Perfetto open it).
if (process.env.TRACE) fs.writeFileSync(process.env.TRACE, JSON.stringify({ traceEvents: events }));

const rows = events.find((e) => e.name === 'first-rows');
const nav = events.find((e) => e.name === 'navigationStart' && e.pid === rows.pid) ?? events.find((e) => e.name === 'navigationStart');
const at = (e) => ((e.ts - nav.ts) / 1000).toFixed(1);
const main = events.filter((e) => e.pid === rows.pid && e.tid === rows.tid && e.ph === 'X' && e.ts >= nav.ts && e.ts <= rows.ts).sort((a, b) => a.ts - b.ts);
console.log(`first member row at ${at(rows)} ms after navigation (traced, so slower than bench-members)`);
console.log('main-thread tasks over 1 ms (start, ms):');
let end = 0;
for (const e of main) {
  if (e.ts >= end && e.dur > 1000) console.log(`  ${at(e).padStart(7)} ${(e.dur / 1000).toFixed(1).padStart(6)}  ${e.name}`);
  end = Math.max(end, e.ts + (e.dur ?? 0));
}

// The module's function names and code sizes, from its name and code sections.
const { names, sizes } = readModule(fs.readFileSync(WASM));
const compiled = events.filter((e) => e.name === 'wasm.CompileLazy' && e.ts < rows.ts).map((e) => e.args.func_index);
const bytes = compiled.reduce((sum, i) => sum + (sizes.get(i) ?? 0), 0);
const all = [...sizes.values()].reduce((a, b) => a + b, 0);
console.log(`compiled before the first row: ${compiled.length} of ${sizes.size} functions, ${bytes} of ${all} code bytes (${(100 * bytes / all).toFixed(0)}%)`);
const crate = (n) => n.match(/^[<&(]*(?:mut |dyn )?([a-z_0-9]+)(?:\[[0-9a-f]+\])?::/)?.[1] ?? '(other)';
const byCrate = new Map();
for (const i of compiled) {
  const c = crate(names.get(i) ?? '');
  const [n, b] = byCrate.get(c) ?? [0, 0];
  byCrate.set(c, [n + 1, b + (sizes.get(i) ?? 0)]);
}
console.log('by crate (functions, code bytes):');
for (const [c, [n, b]] of [...byCrate].sort((x, y) => y[1][1] - x[1][1]).slice(0, 15)) console.log(`  ${c.padEnd(24)} ${String(n).padStart(5)} ${String(b).padStart(8)}`);
// TOP=n: also the n largest of those functions.
const top = Number(process.env.TOP ?? 0);
if (top) {
  console.log(`the ${top} largest (code bytes):`);
  for (const i of [...new Set(compiled)].sort((a, b) => sizes.get(b) - sizes.get(a)).slice(0, top)) console.log(`  ${String(sizes.get(i)).padStart(6)}  ${(names.get(i) ?? `#${i}`).slice(0, 150)}`);
}
// UNUSED=n: the n largest functions of the main module not compiled before the first row
// (candidates for a chunk), and their code bytes by crate.
const unused = Number(process.env.UNUSED ?? 0);
if (unused) {
  const seen = new Set(compiled);
  const rest = [...sizes.keys()].filter((i) => !seen.has(i)).sort((a, b) => sizes.get(b) - sizes.get(a));
  const restBy = new Map();
  for (const i of rest) { const c = crate(names.get(i) ?? ''); restBy.set(c, (restBy.get(c) ?? 0) + sizes.get(i)); }
  const restBytes = rest.reduce((sum, i) => sum + sizes.get(i), 0);
  console.log(`not compiled before the first row: ${rest.length} functions, ${restBytes} code bytes; by crate:`);
  for (const [c, b] of [...restBy].sort((x, y) => y[1] - x[1]).slice(0, 15)) console.log(`  ${c.padEnd(24)} ${String(b).padStart(8)}`);
  console.log(`the ${unused} largest (code bytes):`);
  for (const i of rest.slice(0, unused)) console.log(`  ${String(sizes.get(i)).padStart(6)}  ${(names.get(i) ?? `#${i}`).slice(0, 150)}`);
}
if (!names.size) console.log('(no names: build with KEEP_NAMES=1 for them)');

function readModule(bytes) {
  const r = new WasmReader(bytes);
  const names = new Map(), sizes = new Map();
  let imported = 0;
  for (const { id, end } of r.sections()) {
    if (id === 2) for (let n = r.leb(), k = 0; k < n; k++) {
      r.name();
      r.name();
      if (r.importDesc() === 0) imported++; // functions are numbered imports first
    }
    if (id === 10) for (let n = r.leb(), k = 0; k < n; k++) {
      const length = r.leb();
      sizes.set(imported + k, length);
      r.skip(length);
    }
    if (id === 0 && r.name() === 'name') while (r.at < end) {
      const sub = r.byte();
      const size = r.leb();
      const subEnd = r.at + size;
      if (sub === 1) for (let n = r.leb(), k = 0; k < n; k++) names.set(r.leb(), r.name());
      r.at = subEnd;
    }
  }
  return { names, sizes };
}
