import { test, expect, type Page, type Request } from '@playwright/test';
import { signInAs } from './support';

// The seeded organizations: 10,000 members with the owner (the most the console downloads
// whole, to search and sort in the browser) and 10,501 (searched page by page on the server).
async function openLarge(page: Page, members: number, query = ''): Promise<string> {
  const token = await signInAs(page, 'owner', '/config.json');
  const reply = await page.request.get('/metal/v1/organizations?personal=exclude&per_page=100', { headers: { 'X-Auth-Token': token } });
  const org = (await reply.json()).organizations.find((o: { name: string }) => o.name === `Large Org (${members - 1} members)`);
  await page.goto(`/orgs/${org.id}/members${query}`);
  return org.id;
}

const rows = (page: Page) => page.locator('table.members tbody tr');
const memberRequests = (page: Page) => {
  const seen: URL[] = [];
  page.on('request', (r: Request) => {
    const url = new URL(r.url());
    if (/\/organizations\/[^/]+\/members$/.test(url.pathname)) seen.push(url);
  });
  return seen;
};

test('a 10,000-member organization shows its first rows before the rest arrives, then searches in the browser', async ({ page }) => {
  // The pages after the first are held back until the first rows have been seen.
  let release!: () => void;
  const held = new Promise<void>((resolve) => (release = resolve));
  await page.route(/\/members\?.*page=(?!1&)\d+&per_page=1000/, async (route) => {
    await held;
    await route.continue();
  });
  const requests = memberRequests(page);
  await openLarge(page, 10_000);
  await expect(rows(page)).toHaveCount(50);
  await expect(page.getByText('10000 members')).toBeVisible();
  await expect(page.getByText('Page 1 of 200')).toBeVisible();
  await expect(rows(page).first()).toContainText('Member00000');
  let arrived = 0;
  page.on('requestfinished', (r) => (arrived += r.url().includes('per_page=1000') ? 1 : 0));
  release();
  // Once everything is here, searching and filtering ask the server nothing.
  await expect.poll(() => arrived).toBe(9);
  // The whole list is in when the default order puts your own row first, as it does in a
  // small organization.
  await expect(rows(page).first()).toContainText('Packet Sloth');
  expect(requests.filter((u) => u.searchParams.get('per_page') === '1000')).toHaveLength(10);
  await page.getByRole('button', { name: 'Next' }).click();
  await expect(page.getByText('Page 2 of 200')).toBeVisible();
  const before = requests.length;
  await page.getByLabel('Search members').fill('member09998.');
  await expect(page.getByText('Showing 1 of 10000 members')).toBeVisible();
  await expect(rows(page)).toHaveCount(1);
  await expect(rows(page)).toContainText('Member09998');
  await page.getByLabel('Search members').fill('');
  await page.getByLabel('Role', { exact: true }).selectOption('billing');
  await expect(page.getByText('Showing 2000 of 10000 members')).toBeVisible();
  await expect(page.getByText('Page 1 of 40')).toBeVisible();
  expect(requests.slice(before).map(String)).toEqual([]);
});

test('a larger organization is searched, filtered and sorted on the server with the same table', async ({ page }) => {
  const requests = memberRequests(page);
  await openLarge(page, 10_501);
  await expect(page.getByText('10501 members')).toBeVisible();
  await expect(rows(page)).toHaveCount(50);
  await expect(page.getByText('Page 1 of 211')).toBeVisible();
  // Not downloaded whole: only the first 1,000 (and the owners counted).
  expect(requests.filter((u) => u.searchParams.get('page') === '2' && u.searchParams.get('per_page') === '1000')).toEqual([]);

  // Typing asks once the typing pauses, not once per letter.
  const typed = 'member10499.';
  await page.getByLabel('Search members').pressSequentially(typed, { delay: 15 });
  await expect(page.getByText('Showing 1 of 10501 members')).toBeVisible();
  await expect(rows(page)).toHaveCount(1);
  await expect(rows(page)).toContainText('Member10499');
  const searches = requests.filter((u) => u.searchParams.has('search'));
  expect(searches.length).toBeGreaterThanOrEqual(1);
  expect(searches.length).toBeLessThan(typed.length / 2);
  expect(searches.at(-1)!.searchParams.get('search')).toBe(typed);
  // The view is in the URL, and a reload asks the server for it again.
  await expect(page).toHaveURL(/q=member10499\./);
  await page.reload();
  await expect(page.getByText('Showing 1 of 10501 members')).toBeVisible();

  // The previous rows stay, marked busy, while the next view is on its way.
  let release!: () => void;
  const held = new Promise<void>((resolve) => (release = resolve));
  await page.route(/role=billing/, async (route) => {
    await held;
    await route.continue().catch(() => {});
  });
  await page.getByLabel('Search members').fill('');
  await page.getByLabel('Role', { exact: true }).selectOption('billing');
  await expect(page.locator('.table-wrap')).toHaveAttribute('aria-busy', 'true');
  await expect(rows(page).first()).toBeVisible();
  release();
  await expect(page.getByText('Showing 2100 of 10501 members')).toBeVisible();
  await expect(page.locator('.table-wrap')).toHaveAttribute('aria-busy', 'false');
  for (const badge of await rows(page).locator('td[data-label="Role"]').allTextContents()) expect(badge).toBe('Billing');

  // Sorting by a column asks the server for that order.
  await page.getByLabel('Role', { exact: true }).selectOption('');
  await page.getByRole('columnheader', { name: /Joined/ }).getByRole('button').click();
  await expect(page).toHaveURL(/sort=joined/);
  await expect(rows(page).first()).toContainText('Member10499');
  expect(requests.at(-1)!.searchParams.get('sort_by')).toBe('created_at');
});

test('a superseded search is cancelled and its late answer never shown', async ({ page }) => {
  const failed: string[] = [];
  page.on('requestfailed', (r) => failed.push(new URL(r.url()).searchParams.get('search') ?? ''));
  // The first search is slow; the second, typed while it is on its way, is not.
  let slowSent!: () => void;
  const slowOnItsWay = new Promise<void>((r) => (slowSent = r));
  await page.route(/search=member0001(&|$)/, async (route) => {
    slowSent();
    await new Promise((r) => setTimeout(r, 1500));
    await route.continue().catch(() => {});
  });
  await openLarge(page, 10_501);
  await expect(rows(page)).toHaveCount(50);
  const search = page.getByLabel('Search members');
  await search.fill('member0001');
  await expect(page.locator('.table-wrap')).toHaveAttribute('aria-busy', 'true');
  // Typing again within the 80 ms pause would send nothing to cancel: wait until it has left.
  await slowOnItsWay;
  await search.fill('member00012.');
  await expect(page.getByText('Showing 1 of 10501 members')).toBeVisible();
  await expect.poll(() => failed).toContain('member0001');
  // Past the slow answer's time, the table still shows the newer one.
  await page.waitForTimeout(1700);
  await expect(page.getByText('Showing 1 of 10501 members')).toBeVisible();
  await expect(rows(page)).toContainText('Member00012');
});

test('a page past the end of a server-searched organization shows the last page', async ({ page }) => {
  await openLarge(page, 10_501, '?page=999');
  await expect(page.getByText('Page 211 of 211')).toBeVisible();
  await expect(rows(page)).toHaveCount(1);
  await expect(page).toHaveURL(/page=211/);
});

test('the last-owner rule holds in an organization too large to download', async ({ page }) => {
  await openLarge(page, 10_501, '?q=sloth');
  await expect(rows(page)).toHaveCount(1);
  await rows(page).getByRole('button', { name: 'More actions for you' }).click();
  const leave = page.getByRole('menuitem', { name: 'Leave organization' });
  await expect(leave).toBeDisabled();
  await expect(leave).toHaveAccessibleDescription(/You are the last owner/);
});

// Regression: the members reload after a change ran on the page's disposed state when the
// user had left the page before the change was answered, and the wasm trapped.
test('leaving the page while a change is being saved leaves the console working', async ({ page }) => {
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  const id = await openLarge(page, 10_501);
  // Into the members page from General, so that Back leaves it while the dialog is open.
  // Each page is waited for: a click on Users while General's code is still loading
  // replaces that navigation (as it should), and Back would then leave the console.
  await page.getByRole('link', { name: 'General' }).click();
  await expect(page).toHaveURL(new RegExp(`/orgs/${id}/general`));
  await page.getByRole('link', { name: 'Users' }).click();
  await expect(page).toHaveURL(new RegExp(`/orgs/${id}/members`));
  await page.getByLabel('Search members').fill('member00007.');
  await expect(rows(page)).toHaveCount(1);
  let release!: () => void;
  const held = new Promise<void>((resolve) => (release = resolve));
  await page.route(/\/members\/[^/?]+(\?|$)/, async (route) => {
    await held;
    await route.continue();
  });
  await page.getByRole('button', { name: 'Manage Member00007' }).click();
  const dialog = page.getByRole('dialog', { name: /Manage Member00007/ });
  await dialog.getByRole('radio', { name: /Billing/ }).check();
  const saving = page.waitForRequest((r) => r.method() === 'PUT');
  await dialog.getByRole('button', { name: 'Save' }).click();
  await saving;
  await page.goBack();
  await expect(page).toHaveURL(new RegExp(`/orgs/${id}/general`));
  const answered = page.waitForResponse((r) => r.request().method() === 'PUT');
  release();
  await answered;
  await page.getByRole('link', { name: 'Users' }).click();
  await expect(rows(page).first()).toBeVisible();
  expect(errors).toEqual([]);
});
