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
  expect(seen).toEqual(['org-console_bg.wasm']);

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
