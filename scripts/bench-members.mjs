// Driven by scripts/bench-members. Prints the median and range of several runs.
import { chromium } from 'playwright-core';

const { BASE, SMALL, LARGE } = process.env;
const RUNS = Number(process.env.RUNS ?? 5);
const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium',
  args: ['--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage', '--disable-background-networking'],
});
const login = await (await fetch(`${BASE}/metal/v1/auth/sessions`, {
  method: 'POST',
  headers: { 'content-type': 'application/json' },
  body: JSON.stringify({ email: 'sloth@example.com', password: 'packet-demo-pass' }),
})).json();

// Records when the first member row appears, in ms since navigation started.
const firstRows = () => {
  const seen = () => {
    if (document.querySelector('table.members tbody tr') && !window.__firstRows) window.__firstRows = performance.now();
  };
  new MutationObserver(seen).observe(document, { subtree: true, childList: true });
};

async function page() {
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
  const p = await context.newPage();
  await p.goto(`${BASE}/config.json`);
  await p.evaluate((t) => localStorage.setItem('org-console.token', t), login.token);
  await p.addInitScript(firstRows);
  return { context, p };
}

async function navigationToRows(org) {
  const { context, p } = await page();
  await p.goto(`${BASE}/orgs/${org}/members`);
  await p.waitForFunction(() => window.__firstRows, null, { timeout: 60_000 });
  const ms = await p.evaluate(() => window.__firstRows);
  await context.close();
  return ms;
}

// One character typed into the search box, until the table has re-rendered and a frame passed.
async function keystrokes(org) {
  const { context, p } = await page();
  await p.goto(`${BASE}/orgs/${org}/members`);
  await p.waitForFunction(() => document.querySelectorAll('table.members tbody tr').length === 50, null, { timeout: 60_000 });
  const times = [];
  for (const ch of ['9', '9', '9', '8', 'x']) {
    times.push(await p.evaluate((c) => new Promise((resolve) => {
      const input = document.querySelector('#member-search');
      const t0 = performance.now();
      const obs = new MutationObserver(() => {
        obs.disconnect();
        requestAnimationFrame(() => resolve(performance.now() - t0));
      });
      obs.observe(document.querySelector('main'), { subtree: true, childList: true, characterData: true });
      input.value += c;
      input.dispatchEvent(new Event('input', { bubbles: true }));
    }), ch));
  }
  await context.close();
  return times;
}

const stats = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  return `median ${s[Math.floor(s.length / 2)].toFixed(0)} ms (min ${s[0].toFixed(0)}, max ${s[s.length - 1].toFixed(0)}, ${s.length} runs)`;
};

for (const [label, org] of [['100 members', SMALL], ['10,000 members', LARGE]]) {
  const runs = [];
  for (let i = 0; i < RUNS; i++) runs.push(await navigationToRows(org));
  console.log(`navigation to first rows, ${label}: ${stats(runs)}`);
}
const keys = [];
for (let i = 0; i < Math.max(1, Math.floor(RUNS / 2)); i++) keys.push(...(await keystrokes(LARGE)));
console.log(`one search keystroke over 10,000 members: ${stats(keys)}`);
await browser.close();
