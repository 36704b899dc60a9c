import { test, expect, type Page } from '@playwright/test';
import { demo, orgId, signInAs, tokenFor } from './support';

// index.html starts the console's first API requests while the wasm downloads, and the app
// takes their answers instead of asking again (src/api/early.rs).

/** Every API request the page sends, by path and query, in order, with when it was sent. */
function apiRequests(page: Page): { path: string; at: number }[] {
  const seen: { path: string; at: number }[] = [];
  page.on('request', (r) => {
    const url = new URL(r.url());
    if (url.pathname.startsWith('/metal/v1/')) seen.push({ path: url.pathname + url.search, at: Date.now() });
  });
  return seen;
}

/** Holds the main wasm back for `ms`, and says when it was let through. */
async function slowWasm(page: Page, ms: number): Promise<{ releasedAt: number }> {
  const released = { releasedAt: Infinity };
  await page.route('**/org-console_bg.wasm', async (route) => {
    await new Promise((resolve) => setTimeout(resolve, ms));
    released.releasedAt = Date.now();
    await route.continue();
  });
  return released;
}

test('a cold members page starts its requests before the console\'s code has arrived, and asks each once', async ({ page }) => {
  const token = await tokenFor(page.request, demo.owner.email, demo.owner.password);
  const org = await orgId(page.request, token, 'MO TEST');
  const wasm = await slowWasm(page, 1500);
  const seen = apiRequests(page);
  await signInAs(page, 'owner', `/orgs/${org}/members`);
  await expect(page.getByRole('cell', { name: 'ada@example.com' })).toBeVisible();

  const first = [
    '/metal/v1/user',
    '/metal/v1/organizations?personal=include&per_page=1000&exclude=members,projects',
    `/metal/v1/organizations/${org}/members?include=user,projects&sort_by=name&page=1&per_page=1000`,
  ];
  expect(Number.isFinite(wasm.releasedAt), 'the wasm was held back').toBe(true);
  for (const path of first) {
    const sent = seen.filter((r) => r.path === path);
    // Once: the app took the early answer instead of asking again.
    expect(sent, path).toHaveLength(1);
    expect(sent[0].at, `${path} went out before the wasm arrived`).toBeLessThan(wasm.releasedAt);
  }
  const paths = seen.map((r) => r.path);
  expect(new Set(paths).size, `no request twice: ${paths.join(', ')}`).toBe(paths.length);
  // The Invitations tab's count is asked for, not the invitations: their list (and the code
  // that reads it) comes when the tab or the invite dialog first needs it.
  await expect(page.getByRole('tab', { name: /^Invitations \d+$/ })).toBeVisible();
  expect(seen.some((r) => r.path.startsWith(`/metal/v1/organizations/${org}/invitations?per_page=1`))).toBe(true);
  expect(seen.filter((r) => r.path.includes('/invitations?include='))).toEqual([]);
  await page.getByRole('tab', { name: /Invitations/ }).click();
  await expect(page.locator('table.invitations tbody tr').first()).toBeVisible();
  expect(seen.filter((r) => r.path.includes(`/organizations/${org}/invitations?include=`))).toHaveLength(1);
});

test('on a device that has used the console, the first requests go out before config.json has answered', async ({ page }) => {
  const token = await tokenFor(page.request, demo.owner.email, demo.owner.password);
  const org = await orgId(page.request, token, 'MO TEST');
  await signInAs(page, 'owner', `/orgs/${org}/members`);
  await expect(page.getByRole('cell', { name: 'ada@example.com' })).toBeVisible();
  // The app remembered where the API is, for the next visit.
  expect(await page.evaluate(() => localStorage.getItem('org-console.api-base'))).toBe('/metal/v1');

  const config = { releasedAt: Infinity };
  await page.route('**/config.json', async (route) => {
    await new Promise((resolve) => setTimeout(resolve, 1500));
    // The preload and the script's fetch both come here: the first one let through counts.
    config.releasedAt = Math.min(config.releasedAt, Date.now());
    await route.continue();
  });
  const seen = apiRequests(page);
  await page.reload();
  await expect(page.getByRole('cell', { name: 'ada@example.com' })).toBeVisible();
  for (const path of [
    '/metal/v1/user',
    '/metal/v1/organizations?personal=include&per_page=1000&exclude=members,projects',
    `/metal/v1/organizations/${org}/members?include=user,projects&sort_by=name&page=1&per_page=1000`,
  ]) {
    const sent = seen.filter((r) => r.path === path);
    expect(sent, path).toHaveLength(1);
    expect(sent[0].at, `${path} went out before config.json answered`).toBeLessThan(config.releasedAt);
  }
});

test('early answers from a base config.json no longer names are not used: the app asks where config.json says', async ({ page }) => {
  const token = await tokenFor(page.request, demo.owner.email, demo.owner.password);
  const org = await orgId(page.request, token, 'MO TEST');
  await page.goto('/config.json');
  await page.evaluate((t) => {
    localStorage.setItem('org-console.token', t);
    localStorage.setItem('org-console.api-base', '/gone/v1');
  }, token);
  const gone: string[] = [];
  page.on('request', (r) => {
    if (new URL(r.url()).pathname.startsWith('/gone/v1/')) gone.push(r.url());
  });
  const seen = apiRequests(page);
  await page.goto(`/orgs/${org}/members`);
  await expect(page.getByRole('cell', { name: 'ada@example.com' })).toBeVisible();
  expect(gone.length, 'the remembered base was asked early').toBeGreaterThan(0);
  expect(seen.filter((r) => r.path === `/metal/v1/organizations/${org}/members?include=user,projects&sort_by=name&page=1&per_page=1000`)).toHaveLength(1);
  expect(await page.evaluate(() => localStorage.getItem('org-console.api-base'))).toBe('/metal/v1');
});

test.describe('without the Content-Security-Policy, which would block such a request anyway', () => {
  test.use({ bypassCSP: true });
  test('a remembered API base that is not a path on this origin gets no early request: the token waits for config.json', async ({ page }) => {
    const token = await tokenFor(page.request, demo.owner.email, demo.owner.password);
    const org = await orgId(page.request, token, 'MO TEST');
    for (const remembered of ['//evil.example/v1', '/\\evil.example/v1', 'https://evil.example/v1']) {
      await page.goto('/config.json');
      const here = new URL(page.url()).host;
      await page.evaluate(([t, b]) => {
        localStorage.setItem('org-console.token', t);
        localStorage.setItem('org-console.api-base', b);
      }, [token, remembered]);
      const elsewhere: string[] = [];
      const listener = (r: { url(): string }) => {
        if (new URL(r.url()).host !== here) elsewhere.push(r.url());
      };
      page.on('request', listener);
      await page.goto(`/orgs/${org}/members`);
      await expect(page.getByRole('cell', { name: 'ada@example.com' })).toBeVisible();
      page.off('request', listener);
      expect(elsewhere, remembered).toEqual([]);
    }
  });
});

test('a page that starts elsewhere asks for no member list early; the members page asks for it when opened', async ({ page }) => {
  const token = await tokenFor(page.request, demo.owner.email, demo.owner.password);
  const org = await orgId(page.request, token, 'MO TEST');
  const seen = apiRequests(page);
  await signInAs(page, 'owner', `/orgs/${org}/general`);
  await expect(page.getByRole('heading', { name: 'General' })).toBeVisible();
  // No members page was open at the start, so no member list was asked for early...
  const members = (r: { path: string }) => r.path.startsWith(`/metal/v1/organizations/${org}/members?`);
  expect(seen.filter(members)).toHaveLength(0);
  // ...and the user and the organization list were asked once, early, and taken.
  expect(seen.filter((r) => r.path === '/metal/v1/user')).toHaveLength(1);
  expect(seen.filter((r) => r.path === '/metal/v1/organizations?personal=include&per_page=1000&exclude=members,projects')).toHaveLength(1);

  // Opened later, the members page asks for its list itself.
  await page.getByRole('link', { name: 'Users' }).click();
  await expect(page.getByRole('cell', { name: 'ada@example.com' })).toBeVisible();
  expect(seen.filter(members).length).toBeGreaterThan(0);
});

test('an early answer refusing the kept token ends the session as any answer would', async ({ page }) => {
  const seen = apiRequests(page);
  await page.goto('/config.json');
  await page.evaluate(() => localStorage.setItem('org-console.token', 'no-longer-valid'));
  await page.goto('/orgs/00000000-0000-4000-8000-000000000000/members');
  await expect(page).toHaveURL(/\/sign-in\?next=/);
  await expect(page.getByText('Your session has ended. Sign in again to continue.')).toBeVisible();
  expect(seen.filter((r) => r.path === '/metal/v1/user')).toHaveLength(1);
});

test('a signed-out visitor\'s pages ask the API nothing at start', async ({ page }) => {
  const seen = apiRequests(page);
  await page.goto('/sign-in');
  await expect(page.getByRole('heading', { name: 'Sign in' })).toBeVisible();
  expect(seen).toEqual([]);
});
