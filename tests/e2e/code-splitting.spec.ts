import { test, expect, type Page } from '@playwright/test';
import { demo, orgId, signInAs, tokenFor } from './support';

// The release build downloads the frame and the members page first; every other page and
// every dialog comes in a chunk of its own when first opened (src/lazy_code.rs).

/** The names of the wasm files the page has asked for so far. */
function wasmRequests(page: Page): string[] {
  const seen: string[] = [];
  page.on('request', (r) => {
    const name = new URL(r.url()).pathname.split('/').pop() ?? '';
    if (name.endsWith('.wasm')) seen.push(name);
  });
  return seen;
}

/** Holds the chunk `file` back until `release()`; `arrived` settles once the page has it. */
async function holdBack(page: Page, file: string) {
  let release = () => {};
  const held = new Promise<void>((resolve) => { release = resolve; });
  await page.route(`**/${file}`, async (route) => {
    await held;
    await route.continue();
  });
  const arrived = page.waitForResponse(`**/${file}`);
  arrived.catch(() => {}); // awaited only where a spec needs it
  return { release, arrived };
}

/** Signs in straight onto MO TEST's members page (`/` would land on General). */
async function membersPage(page: Page) {
  const token = await tokenFor(page.request, demo.owner.email, demo.owner.password);
  const org = await orgId(page.request, token, 'MO TEST');
  await signInAs(page, 'owner', `/orgs/${org}/members`);
  await expect(page.getByRole('cell', { name: 'ada@example.com' })).toBeVisible();
}

test('the members page downloads no other page or dialog; each comes when first opened', async ({ page }) => {
  const seen = wasmRequests(page);
  await membersPage(page);
  // Besides the bulk bar's, fetched for a manager once the rows are drawn (its own spec).
  const others = () => seen.filter((n) => n !== 'split_bulk_bar.wasm' && !n.startsWith('chunk_'));
  expect(others()).toEqual(['org-console_bg.wasm']);

  await page.getByRole('button', { name: '+ Invite New Member' }).click();
  await expect(page.getByRole('dialog', { name: 'Invite New Member' })).toBeVisible();
  // The first field has focus, as in any dialog, though its code arrived after the click.
  await expect(page.getByRole('dialog').getByRole('textbox').first()).toBeFocused();
  expect(seen).toContain('split_invite.wasm');
  await page.keyboard.press('Escape');
  await expect(page.getByRole('button', { name: '+ Invite New Member' })).toBeFocused();

  expect(seen).not.toContain('split_general.wasm');
  await page.getByRole('link', { name: 'General' }).click();
  await expect(page.getByRole('heading', { name: 'General' })).toBeVisible();
  expect(seen).toContain('split_general.wasm');
  // Opened once, a chunk is not fetched again.
  await page.getByRole('link', { name: 'Users' }).click();
  await page.getByRole('link', { name: 'General' }).click();
  await expect(page.getByRole('heading', { name: 'General' })).toBeVisible();
  expect(seen.filter((n) => n === 'split_general.wasm')).toHaveLength(1);
});

test('a page whose code cannot be downloaded says so, and the rest of the console goes on', async ({ page }) => {
  await membersPage(page);
  await page.route('**/split_general.wasm', (route) => route.abort());
  await page.getByRole('link', { name: 'General' }).click();
  const alert = page.getByRole('alert').filter({ hasText: 'This page could not be loaded.' });
  await expect(alert).toContainText('Check your connection, then reload the page.');
  // A wasm trap would end the app; the sidebar still works.
  await page.getByRole('link', { name: 'Users' }).click();
  await expect(page.getByRole('cell', { name: 'ada@example.com' })).toBeVisible();
});

test('a dialog whose code cannot be downloaded says so and closes like any dialog', async ({ page }) => {
  await membersPage(page);
  await page.route('**/split_invite.wasm', (route) => route.abort());
  const opener = page.getByRole('button', { name: '+ Invite New Member' });
  await opener.click();
  const dialog = page.getByRole('dialog', { name: 'Could not open' });
  await expect(dialog.getByRole('alert')).toContainText("This dialog's code did not download.");
  await page.keyboard.press('Escape');
  await expect(dialog).toHaveCount(0);
  await expect(opener).toBeFocused();
});

test('the switcher\'s code comes when the focus or the pointer reaches its button; what is typed meanwhile lands in its search', async ({ page }) => {
  const seen = wasmRequests(page);
  await membersPage(page);
  expect(seen).not.toContain('split_switcher.wasm');
  // Held back, so the keys below are typed before the panel's code has arrived.
  const { release } = await holdBack(page, 'split_switcher.wasm');
  const trigger = page.getByRole('button', { name: /MO TEST/ });
  await trigger.focus();
  await expect.poll(() => seen.includes('split_switcher.wasm')).toBe(true);
  await page.keyboard.press('Enter');
  await expect(trigger).toHaveAttribute('aria-expanded', 'true');
  await page.keyboard.type('slothx');
  await page.keyboard.press('Backspace');
  // Meanwhile the open panel says it is coming (to screen readers in the switcher's
  // status, which is in the page before it speaks), and the focus stays on the trigger.
  const status = page.locator('.switcher [role="status"]');
  await expect(status).toHaveText('Loading your organizations…');
  await expect(page.locator('.switcher-panel').getByText('Loading your organizations…')).toBeVisible();
  await expect(trigger).toBeFocused();
  release();
  const search = page.getByRole('combobox', { name: 'Search organizations' });
  await expect(search).toBeFocused();
  await expect(status).toHaveText('');
  await expect(page.getByText('Loading your organizations…')).toHaveCount(0);
  await expect(search).toHaveValue('sloth');
  await expect(page.getByRole('listbox', { name: 'Organizations' }).getByRole('option')).toHaveCount(2);
  // Closed and opened again, it starts from an empty search.
  await page.keyboard.press('Escape');
  await expect(trigger).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(search).toHaveValue('');
});

test('a switcher panel that arrives after the user went on to another control leaves the focus there', async ({ page }) => {
  await membersPage(page);
  const { release, arrived: loaded } = await holdBack(page, 'split_switcher.wasm');
  const trigger = page.getByRole('button', { name: /MO TEST/ });
  await trigger.focus();
  await page.keyboard.press('Enter');
  await expect(trigger).toHaveAttribute('aria-expanded', 'true');
  // Tab leaves the switcher open (a press elsewhere would close it: the next spec).
  await page.keyboard.press('Tab');
  const went = await page.evaluate(() => document.activeElement?.textContent ?? '');
  expect(went).not.toContain('MO TEST');
  release();
  await loaded;
  await expect(page.getByRole('combobox', { name: 'Search organizations' })).toBeVisible();
  expect(await page.evaluate(() => document.activeElement?.textContent ?? '')).toBe(went);
});

test('a press outside the switcher closes it, also while its code is on its way; the panel never comes', async ({ page }) => {
  await membersPage(page);
  const { release, arrived: loaded } = await holdBack(page, 'split_switcher.wasm');
  const trigger = page.getByRole('button', { name: /MO TEST/ });
  await trigger.click();
  await expect(page.locator('.switcher-panel').getByText('Loading your organizations…')).toBeVisible();
  const members = page.getByRole('searchbox', { name: 'Search members' });
  await members.click();
  await expect(trigger).toHaveAttribute('aria-expanded', 'false');
  await expect(page.getByText('Loading your organizations…')).toHaveCount(0);
  await page.keyboard.type('ada');
  release();
  await loaded;
  await page.keyboard.type(' l');
  await expect(members).toBeFocused();
  await expect(members).toHaveValue('ada l');
  await expect(page.getByRole('combobox', { name: 'Search organizations' })).toHaveCount(0);
  // Once here, the panel opens at once, and a press outside closes it too.
  await trigger.click();
  await expect(page.getByRole('combobox', { name: 'Search organizations' })).toBeFocused();
  await page.getByRole('heading', { name: 'Organization Members' }).click();
  await expect(page.getByRole('combobox', { name: 'Search organizations' })).toHaveCount(0);
  await expect(trigger).toHaveAttribute('aria-expanded', 'false');
});

test('the pointer on the switcher\'s button is enough to fetch its code', async ({ page }) => {
  const seen = wasmRequests(page);
  await membersPage(page);
  expect(seen).not.toContain('split_switcher.wasm');
  await page.getByRole('button', { name: /MO TEST/ }).hover();
  await expect.poll(() => seen.includes('split_switcher.wasm')).toBe(true);
});

test('a switcher whose code cannot be downloaded says so and closes with Escape', async ({ page }) => {
  await membersPage(page);
  await page.route('**/split_switcher.wasm', (route) => route.abort());
  const trigger = page.getByRole('button', { name: /MO TEST/ });
  await trigger.click();
  await expect(page.getByRole('alert').filter({ hasText: 'This part of the page could not be loaded.' })).toBeVisible();
  // No longer said to be loading.
  await expect(page.locator('.switcher [role="status"]')).toHaveText('');
  await expect(page.getByText('Loading your organizations…')).toHaveCount(0);
  await page.keyboard.press('Escape');
  await expect(page.getByRole('alert').filter({ hasText: 'This part of the page could not be loaded.' })).toHaveCount(0);
  await expect(trigger).toBeFocused();
  await expect(page.getByRole('cell', { name: 'ada@example.com' })).toBeVisible();
});

test('a manager\'s bulk bar code arrives after the first rows, before any box is ticked; an export\'s when first used', async ({ page }) => {
  const seen = wasmRequests(page);
  await membersPage(page);
  await expect.poll(() => seen.includes('split_bulk_bar.wasm')).toBe(true);
  expect(seen).not.toContain('split_export.wasm');

  await page.getByRole('checkbox', { name: 'Select Katherine Johnson' }).check();
  const bar = page.getByRole('region', { name: 'Selected members' });
  await expect(bar).toContainText('1 selected');
  // Kept once fetched: the bar goes with the selection and comes back without a download.
  await bar.getByRole('button', { name: 'Clear selection' }).click();
  await expect(bar).toHaveCount(0);
  await page.getByRole('checkbox', { name: 'Select Katherine Johnson' }).check();
  await expect(bar).toContainText('1 selected');
  expect(seen.filter((n) => n === 'split_bulk_bar.wasm')).toHaveLength(1);

  const saved = page.waitForEvent('download');
  await page.getByRole('button', { name: 'Export CSV' }).click();
  expect((await saved).suggestedFilename()).toMatch(/^mo-test-members-\d{4}-\d{2}-\d{2}\.csv$/);
  expect(seen).toContain('split_export.wasm');
});

test('a member who cannot select fetches no bulk bar code', async ({ page }) => {
  const seen = wasmRequests(page);
  const token = await signInAs(page, 'collaborator');
  await page.goto(`/orgs/${await orgId(page.request, token, 'MO TEST')}/members`);
  await expect(page.locator('table.members tbody tr').first()).toBeVisible();
  await page.waitForTimeout(500);
  expect(seen).not.toContain('split_bulk_bar.wasm');
});

test('a part of the members page whose code cannot be downloaded says so, and the table goes on', async ({ page }) => {
  await page.route('**/split_bulk_bar.wasm', (route) => route.abort());
  await page.route('**/split_export.wasm', (route) => route.abort());
  await membersPage(page);
  const failed = page.getByRole('alert').filter({ hasText: 'This part of the page could not be loaded.' });
  await page.getByRole('checkbox', { name: 'Select Katherine Johnson' }).check();
  await expect(failed).toContainText('Check your connection, then reload the page.');
  // The notice stands in for the bar: it goes with the selection.
  await page.getByRole('checkbox', { name: 'Select Katherine Johnson' }).uncheck();
  await expect(failed).toHaveCount(0);
  await page.getByRole('button', { name: 'Export CSV' }).click();
  await expect(page.getByRole('alert').filter({ hasText: 'The export could not start' })).toBeVisible();
  // A wasm trap would end the app: the search still answers.
  await page.getByRole('searchbox', { name: 'Search members' }).fill('ada');
  await expect(page.locator('table.members tbody tr')).toHaveCount(1);
});

test('an export whose code arrives after the page was left still runs, and the console goes on', async ({ page }) => {
  await membersPage(page);
  let released = false;
  await page.route('**/split_export.wasm', async (route) => {
    await new Promise((resolve) => setTimeout(resolve, 3000));
    released = true;
    await route.continue();
  });
  const saved = page.waitForEvent('download');
  await page.getByRole('button', { name: 'Export CSV' }).click();
  // Away before the code arrives: the table and everything it read are gone.
  await page.getByRole('link', { name: 'General' }).click();
  await expect(page.getByRole('heading', { name: 'General' })).toBeVisible();
  expect(released, 'the export\'s code was still on its way').toBe(false);
  // The file is of the view at the click.
  expect((await saved).suggestedFilename()).toMatch(/^mo-test-members-\d{4}-\d{2}-\d{2}\.csv$/);
  // A panic would have ended the app: it still follows links.
  await page.getByRole('link', { name: 'Users' }).click();
  await expect(page.getByRole('cell', { name: 'ada@example.com' })).toBeVisible();
});

test('the page left goes at once, even while the next page\'s code is on its way', async ({ page }) => {
  await membersPage(page);
  const sidebar = page.getByRole('navigation', { name: 'Organization' });
  await sidebar.getByRole('link', { name: 'General' }).click();
  await expect(page.getByRole('heading', { name: 'General' })).toBeVisible();
  const { release } = await holdBack(page, 'split_activity.wasm');
  await sidebar.getByRole('link', { name: 'Activity' }).click();
  await expect(page).toHaveURL(/\/activity$/);
  // General's form, its signals already gone, was left on screen (a click there ended the
  // app) until Activity's code arrived.
  await expect(page.getByRole('heading', { name: 'General' })).toHaveCount(0);
  // Placeholder rows stand in while the code downloads, and go with it.
  await expect(page.locator('main .loading')).toBeVisible();
  release();
  await expect(page.getByRole('heading', { name: 'Activity' })).toBeVisible();
  await expect(page.locator('main .loading')).toHaveCount(0);
  await sidebar.getByRole('link', { name: 'Users' }).click();
  await expect(page.getByRole('cell', { name: 'ada@example.com' })).toBeVisible();
});

test('a page left before its code arrived is never built', async ({ page }) => {
  await membersPage(page);
  const sidebar = page.getByRole('navigation', { name: 'Organization' });
  const { release, arrived } = await holdBack(page, 'split_activity.wasm');
  const asked: string[] = [];
  page.on('request', (r) => { if (new URL(r.url()).pathname.endsWith('/events')) asked.push(r.url()); });
  await sidebar.getByRole('link', { name: 'Activity' }).click();
  await expect(page.locator('main .loading')).toBeVisible();
  await sidebar.getByRole('link', { name: 'Users' }).click();
  await expect(page.getByRole('cell', { name: 'ada@example.com' })).toBeVisible();
  // The download kept the page left alive: when it arrived, Activity was built off screen
  // and asked for its events.
  release();
  await arrived;
  await page.waitForTimeout(1000);
  expect(asked).toEqual([]);
});
