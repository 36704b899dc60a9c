import { test, expect, type Page } from '@playwright/test';
import { orgId, signInAs } from './support';

/** Chooses `name` in the switcher. */
async function switchTo(page: Page, from: RegExp, name: RegExp) {
  await page.getByRole('button', { name: from }).click();
  await page.getByRole('option', { name }).click();
}

const sidebar = (page: Page) => page.getByRole('navigation', { name: 'Organization' });

// Regression: the sidebar's General and Users links, the invite modal's roles and the
// members page's loaders were built once per layout and kept pointing at the organization
// the user had switched away from.
test('after a switch, every sidebar link and the Invite button are about the new organization, with its role', async ({ page }) => {
  const token = await signInAs(page, 'owner');
  const mo = await orgId(page.request, token, 'MO TEST');
  const labs = await orgId(page.request, token, 'Sloth Labs');
  // Start where the owner is a collaborator, then switch to where they are the owner.
  await page.goto(`/orgs/${labs}/members`);
  await expect(page.getByRole('heading', { name: 'Organization Members' })).toBeVisible();
  await expect(page.getByRole('button', { name: '+ Invite New Member' })).toHaveCount(0);
  await switchTo(page, /Sloth Labs/, /MO TEST/);
  await expect(page).toHaveURL(new RegExp(`/orgs/${mo}/members$`));
  for (const [link, path, heading] of [
    ['General', 'general', 'General'],
    ['Users', 'members', 'Organization Members'],
    ['Projects', 'projects', 'Projects'],
    ['Billing', 'billing', 'Billing'],
    ['Payment Methods', 'payment-methods', 'Payment Methods'],
  ]) {
    await sidebar(page).getByRole('link', { name: link, exact: true }).click();
    await expect(page, link).toHaveURL(new RegExp(`/orgs/${mo}/${path}$`));
    await expect(page.getByRole('heading', { name: heading, exact: true })).toBeVisible();
  }
  // Owners may invite owners: the modal offers the role of this organization.
  await sidebar(page).getByRole('link', { name: 'Users', exact: true }).click();
  await page.getByRole('button', { name: '+ Invite New Member' }).click();
  const dialog = page.getByRole('dialog', { name: 'Invite New Member' });
  await expect(dialog.getByRole('radio', { name: /^Owner/ })).toBeVisible();
  await page.keyboard.press('Escape');
  // The member rows are MO TEST's.
  await expect(page.locator('table.members')).toContainText('Ada Lovelace');

  // And back to where they are a collaborator: no billing, no Invite, Sloth Labs' links.
  await switchTo(page, /MO TEST/, /Sloth Labs/);
  await expect(page).toHaveURL(new RegExp(`/orgs/${labs}/members$`));
  await expect(page.getByRole('button', { name: '+ Invite New Member' })).toHaveCount(0);
  await expect(sidebar(page).getByRole('link', { name: 'Billing' })).toHaveCount(0);
  for (const [link, path] of [['General', 'general'], ['Users', 'members'], ['Projects', 'projects']]) {
    await sidebar(page).getByRole('link', { name: link, exact: true }).click();
    await expect(page, link).toHaveURL(new RegExp(`/orgs/${labs}/${path}$`));
  }
  await expect(page.getByRole('cell', { name: 'Research' })).toBeVisible();
});

test('the members table view lives in the URL: a link opens it, Back restores the one before', async ({ page }) => {
  const token = await signInAs(page, 'owner');
  const mo = await orgId(page.request, token, 'MO TEST');
  await page.goto(`/orgs/${mo}/members`);
  const search = page.getByLabel('Search members');
  const role = page.getByLabel('Role', { exact: true });
  await expect(page.locator('table.members tbody tr').first()).toBeVisible();
  await search.fill('a');
  await expect(page).toHaveURL(new RegExp(`/orgs/${mo}/members\\?q=a$`));
  await role.selectOption('admin');
  await expect(page).toHaveURL(new RegExp(`\\?q=a&role=admin$`));
  const roles = page.locator('table.members tbody td[data-label="Role"]');
  await expect(roles.first()).toHaveText('Admin');
  expect(new Set(await roles.allInnerTexts())).toEqual(new Set(['Admin']));
  await page.getByRole('button', { name: 'Joined' }).click();
  await page.getByRole('button', { name: 'Joined' }).click();
  await expect(page).toHaveURL(new RegExp(`\\?q=a&role=admin&sort=joined&dir=desc$`));
  await page.goBack();
  await expect(page).toHaveURL(new RegExp(`\\?q=a&role=admin&sort=joined$`));
  await expect(page.getByRole('columnheader', { name: 'Joined' })).toHaveAttribute('aria-sort', 'ascending');
  await page.goBack();
  await page.goBack();
  await expect(page).toHaveURL(new RegExp(`\\?q=a$`));
  await expect(role).toHaveValue('');
  await expect(search).toHaveValue('a');

  // A link opens the view it names; values that make no sense fall back to defaults.
  await page.goto(`/orgs/${mo}/members?q=lovelace&role=admin&sort=email&dir=desc`);
  await expect(search).toHaveValue('lovelace');
  await expect(role).toHaveValue('admin');
  await expect(page.getByRole('columnheader', { name: 'Email' })).toHaveAttribute('aria-sort', 'descending');
  await expect(page.locator('table.members tbody tr')).toHaveCount(1);
  await page.goto(`/orgs/${mo}/members?role=emperor&sort=height&page=banana`);
  await expect(role).toHaveValue('');
  await expect(page.getByRole('columnheader', { name: 'Name' })).toHaveAttribute('aria-sort', 'ascending');
  await expect(page.locator('table.members tbody tr').first()).toBeVisible();
});
