// Driven by scripts/bench-members. Prints medians and ranges; asserts nothing.
import { chromium } from 'playwright-core';

const { BASE, LARGE, HUGE } = process.env;
const RUNS = Number(process.env.RUNS ?? 7);
const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium',
  args: ['--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage', '--disable-background-networking'],
});
const login = await (await fetch(`${BASE}/metal/v1/auth/sessions`, {
  method: 'POST',
  headers: { 'content-type': 'application/json' },
  body: JSON.stringify({ email: 'sloth@example.com', password: 'packet-demo-pass' }),
})).json();
const orgs = await (await fetch(`${BASE}/metal/v1/organizations?personal=exclude&exclude=members,projects&per_page=100`, {
  headers: { 'X-Auth-Token': login.token },
})).json();
const SMALL = orgs.organizations.find((o) => o.name === 'MO TEST').id;

// Records when the first member row appears, and when the first API request starts, in ms
// since navigation started; counts the API requests and their bytes.
const observe = () => {
  const seen = () => {
    if (document.querySelector('table.members tbody tr') && !window.__firstRows) window.__firstRows = performance.now();
  };
  new MutationObserver(seen).observe(document, { subtree: true, childList: true });
};

// A signed-in device as the console leaves it: the token, and the API base it last read
// from config.json (index.html sends the first requests with it at once). `remembered:
// false` is a device where the console has not run since the token was kept.
async function page(remembered = true) {
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
  const p = await context.newPage();
  await p.goto(`${BASE}/config.json`);
  await p.evaluate(([t, r]) => {
    localStorage.setItem('org-console.token', t);
    if (r) localStorage.setItem('org-console.api-base', '/metal/v1');
  }, [login.token, remembered]);
  await p.addInitScript(observe);
  return { context, p };
}

// RTT_MS=n adds that round-trip time to every request (Chromium's network emulation), as
// on a network that is not loopback.
const RTT_MS = Number(process.env.RTT_MS ?? 0);

async function navigationToRows(url, remembered = true) {
  const { context, p } = await page(remembered);
  if (RTT_MS) {
    const cdp = await context.newCDPSession(p);
    await cdp.send('Network.emulateNetworkConditions', { offline: false, latency: RTT_MS, downloadThroughput: -1, uploadThroughput: -1 });
  }
  await p.goto(url);
  await p.waitForFunction(() => window.__firstRows, null, { timeout: 120_000 });
  const figures = await p.evaluate(() => {
    const api = performance.getEntriesByType('resource').filter((e) => e.name.includes('/metal/v1/'));
    const beforeRows = api.filter((e) => e.startTime < window.__firstRows);
    // Whether the member list waits for another answer (a round trip) or goes out with the
    // first requests.
    const members = api.find((e) => /\/organizations\/[^/?]+\/members\?/.test(e.name));
    const wasm = performance.getEntriesByType('resource').find((e) => e.name.endsWith('_bg.wasm'));
    return {
      wasmAt: wasm ? wasm.responseEnd : NaN,
      membersAt: members ? members.startTime : NaN,
      membersEnd: members ? members.responseEnd : NaN,
      rows: window.__firstRows,
      firstApi: Math.min(...api.map((e) => e.startTime)),
      requests: beforeRows.length,
      bytes: beforeRows.reduce((n, e) => n + e.decodedBodySize, 0),
    };
  });
  await context.close();
  // The page's later requests (the rest of a large list) are still being answered when it
  // closes: a pause, so the next navigation does not wait behind them.
  await new Promise((resolve) => setTimeout(resolve, 500));
  return figures;
}

// The time from one keystroke in the search box until the count above the table says the
// new result and a frame has passed: the browser-side search, or the server's answer.
async function keystroke(org, before, typed) {
  const { context, p } = await page();
  await p.goto(`${BASE}/orgs/${org}/members${before ? `?q=${before}` : ''}`);
  await p.waitForFunction(() => document.querySelector('p.count') && document.querySelectorAll('table.members tbody tr').length > 0, null, { timeout: 120_000 });
  // Where the console downloads the whole list, the keystroke is measured once it is in.
  if (org !== HUGE) {
    await p.waitForFunction(() => performance.getEntriesByType('resource').filter((e) => e.name.includes('per_page=1000') && e.responseEnd > 0).length >= 10, null, { timeout: 120_000 });
  }
  await p.waitForTimeout(1000);
  const ms = await p.evaluate((c) => new Promise((resolve) => {
    const input = document.querySelector('#member-search');
    const count = document.querySelector('p.count');
    const was = count.textContent;
    const t0 = performance.now();
    const check = () => {
      const now = document.querySelector('p.count');
      if (now && now.textContent !== was) {
        obs.disconnect();
        requestAnimationFrame(() => resolve(performance.now() - t0));
      }
    };
    const obs = new MutationObserver(check);
    obs.observe(document.querySelector('main'), { subtree: true, childList: true, characterData: true });
    input.value += c;
    input.dispatchEvent(new Event('input', { bubbles: true }));
  }), typed);
  await context.close();
  return ms;
}

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const stats = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  return `median ${median(s).toFixed(0)} ms (min ${s[0].toFixed(0)}, max ${s[s.length - 1].toFixed(0)}, ${s.length} runs)`;
};

const ONLY_SMALL = Boolean(process.env.ONLY_SMALL);
const pages = [['12 members', SMALL, RUNS]];
if (!ONLY_SMALL) pages.push(['10,000 members', LARGE, RUNS], ['100,000 members', HUGE, Math.min(RUNS, 3)]);
for (const [label, org, runs] of process.env.ONLY_KEYS ? [] : pages) {
  const console_ = [];
  const baseline = [];
  // The 12-member page also without the remembered API base: the first requests then wait
  // for config.json, as the plain-JS page's do.
  const unremembered = [];
  for (let i = 0; i < runs; i++) {
    console_.push(await navigationToRows(`${BASE}/orgs/${org}/members`));
    baseline.push(await navigationToRows(`${BASE}/bench/baseline.html?org=${org}`));
    if (org === SMALL) unremembered.push(await navigationToRows(`${BASE}/orgs/${org}/members`, false));
  }
  const c = median(console_.map((f) => f.rows));
  const b = median(baseline.map((f) => f.rows));
  // Also the median of each console run over the plain-JS run right after it: the two
  // share the machine's state of the moment, so this moves less from run to run.
  const paired = median(console_.map((f, i) => f.rows / baseline[i].rows));
  console.log(`navigation to first rows, ${label}: console ${stats(console_.map((f) => f.rows))}; plain JS ${stats(baseline.map((f) => f.rows))}; ratio ${(c / b).toFixed(2)}x (median of paired runs ${paired.toFixed(2)}x)`);
  if (unremembered.length) {
    const u = median(unremembered.map((f) => f.rows));
    console.log(`  console without the remembered API base: ${stats(unremembered.map((f) => f.rows))}; ratio ${(u / b).toFixed(2)}x`);
  }
  const last = console_[console_.length - 1];
  console.log(`  console: main wasm downloaded at ${median(console_.map((f) => f.wasmAt)).toFixed(0)} ms; first API request at ${median(console_.map((f) => f.firstApi)).toFixed(0)} ms; ${last.requests} API requests and ${(last.bytes / 1024).toFixed(1)} KiB of JSON before the first rows; the member list asked for ${median(console_.map((f) => f.membersAt - f.firstApi)).toFixed(0)} ms after the first API request, answered at ${median(console_.map((f) => f.membersEnd)).toFixed(0)} ms`);
}
for (const [label, org, before, typed] of ONLY_SMALL ? [] : [
  ['10,000 members, many matches ("1")', LARGE, '', '1'],
  ['10,000 members, one match ("member0999" + "8")', LARGE, 'member0999', '8'],
  ['100,000 members on the server, one match ("member9999" + "8"), debounce included', HUGE, 'member9999', '8'],
]) {
  const times = [];
  for (let i = 0; i < RUNS; i++) times.push(await keystroke(org, before, typed));
  console.log(`one search keystroke, ${label}: ${stats(times)}`);
}
await browser.close();
