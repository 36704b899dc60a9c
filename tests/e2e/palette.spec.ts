import { test, expect, type Page } from '@playwright/test';
import { expectAccessible, orgId, signInAs } from './support';

function palette(page: Page) {
  return page.getByRole('dialog', { name: 'Go to' });
}

/** Opens the palette with the shortcut and types `query` into its combobox. */
async function goTo(page: Page, query: string) {
  await page.keyboard.press('Control+k');
  const box = palette(page).getByRole('combobox');
  await expect(box).toBeFocused();
  await page.keyboard.type(query);
  return box;
}

test('the command palette works by keyboard alone: pages, organizations, invite and a member', async ({ page }) => {
  const token = await signInAs(page, 'owner');
  const mo = await orgId(page.request, token, 'MO TEST');
  await page.goto(`/orgs/${mo}/general`);
  await expect(page.getByRole('heading', { name: 'General' })).toBeVisible();

  const box = await goTo(page, 'bill');
  const options = palette(page).getByRole('listbox').getByRole('option');
  await expect(options.first()).toHaveText(/Go to Billing/);
  await expect(options.first()).toHaveAttribute('aria-selected', 'true');
  await expect(box).toHaveAttribute('aria-activedescendant', (await options.first().getAttribute('id'))!);
  await expectAccessible(page, 'the command palette');
  // Arrows move the active option (and wrap), Enter opens it.
  await page.keyboard.press('ArrowDown');
  await expect(options.first()).toHaveAttribute('aria-selected', (await options.count()) > 1 ? 'false' : 'true');
  await page.keyboard.press('ArrowUp');
  await expect(options.first()).toHaveAttribute('aria-selected', 'true');
  await page.keyboard.press('Enter');
  await expect(palette(page)).toBeHidden();
  await expect(page).toHaveURL(new RegExp(`/orgs/${mo}/billing$`));

  // Another organization by (fuzzy) name.
  await goTo(page, 'slthlabs');
  await expect(palette(page).getByRole('option').first()).toHaveText(/Sloth Labs/);
  await page.keyboard.press('Enter');
  await expect(page.getByRole('button', { name: /Sloth Labs/ })).toBeVisible();
  await page.goto(`/orgs/${mo}/general`);
  await expect(page.getByRole('heading', { name: 'General' })).toBeVisible();

  // "Invite members" opens the modal on the members page.
  await goTo(page, 'invite');
  await page.keyboard.press('Enter');
  const invite = page.getByRole('dialog', { name: 'Invite New Member' });
  await expect(invite).toBeVisible();
  await page.keyboard.press('Escape');
  await expect(invite).toBeHidden();

  // A member, by name, opens their Manage dialog.
  await goTo(page, 'grace hop');
  const grace = palette(page).getByRole('option', { name: /Grace Hopper · grace@example\.com/ });
  await expect(grace).toBeVisible();
  while ((await grace.getAttribute('aria-selected')) !== 'true') await page.keyboard.press('ArrowDown');
  await page.keyboard.press('Enter');
  await expect(page.getByRole('dialog', { name: 'Manage Grace Hopper' })).toBeVisible();
  await page.keyboard.press('Escape');
  await expect(page.getByRole('button', { name: 'Manage Grace Hopper' })).toBeFocused();

  // Escape closes the palette and gives focus back.
  await page.keyboard.press('Control+k');
  await expect(palette(page)).toBeVisible();
  await page.keyboard.press('Escape');
  await expect(palette(page)).toBeHidden();
});

test('the palette offers only what the role allows, and its button opens it too', async ({ page }) => {
  const token = await signInAs(page, 'collaborator');
  const mo = await orgId(page.request, token, 'MO TEST');
  await page.goto(`/orgs/${mo}/general`);
  await page.getByRole('button', { name: /Go to…/ }).click();
  await expect(palette(page).getByRole('combobox')).toBeFocused();
  await page.keyboard.type('go to');
  const labels = await palette(page).getByRole('option').locator('.palette-label').allInnerTexts();
  expect(labels).toEqual(['Go to General', 'Go to Users', 'Go to Projects']);
  await palette(page).getByRole('combobox').fill('invite');
  await expect(palette(page).getByRole('status')).toHaveText('Nothing matches.');
});
