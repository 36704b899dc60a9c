import { test, expect } from '@playwright/test';
import { expectAccessible, invite, newOrganization, orgId, signInAs, signInWith } from './support';

test('the switcher lists every organization with the role in each, personal ones marked', async ({ page }) => {
  const token = await signInAs(page, 'owner');
  const all = await (await page.request.get('/metal/v1/organizations?per_page=1000', { headers: { 'X-Auth-Token': token } })).json();
  const trigger = page.getByRole('button', { name: /MO TEST/ });
  await trigger.click();
  await expect(trigger).toHaveAttribute('aria-expanded', 'true');
  const options = page.getByRole('listbox', { name: 'Organizations' }).getByRole('option');
  await expect(options).toHaveCount(all.meta.total);
  const mo = options.filter({ hasText: 'MO TEST' });
  await expect(mo).toContainText('Owner');
  await expect(mo).toHaveAttribute('aria-selected', 'true');
  await expect(options.filter({ hasText: 'Sloth Labs' })).toContainText('Collaborator');
  await expect(options.filter({ hasText: 'Sloth Labs' })).toHaveAttribute('aria-selected', 'false');
  // Personal organizations are marked, and listed after the company ones.
  await expect(options.last()).toContainText('Packet Sloth Projects');
  await expect(options.last()).toContainText('Personal');
  // Two sections, the current organization's first and the current one at its top; the
  // role is shown where it is not Owner (and still said to screen readers where it is).
  const listbox = page.getByRole('listbox', { name: 'Organizations' });
  await expect(listbox.getByRole('group', { name: 'Organizations' }).getByRole('option').first()).toContainText('MO TEST');
  await expect(options.first()).toContainText('MO TEST');
  await expect(listbox.getByRole('group', { name: 'Personal' }).getByRole('option')).toContainText(['Packet Sloth Projects']);
  await expect(mo.locator('.option-role')).toHaveCount(0);
  await expect(options.filter({ hasText: 'Sloth Labs' }).locator('.option-role')).toHaveText('Collaborator');
  await expect(mo.locator('.avatar.initials')).toHaveText('MT');
  await expectAccessible(page, 'the open switcher');
});

test('search filters as you type; arrows, Enter and Escape work from the keyboard', async ({ page }) => {
  const token = await signInAs(page, 'owner');
  const labs = await orgId(page.request, token, 'Sloth Labs');
  const trigger = page.getByRole('button', { name: /MO TEST/ });
  await trigger.focus();
  await page.keyboard.press('Enter');
  const search = page.getByRole('combobox', { name: 'Search organizations' });
  await expect(search).toBeFocused();
  // Escape closes and gives focus back to the trigger.
  await page.keyboard.press('Escape');
  await expect(search).toBeHidden();
  await expect(trigger).toBeFocused();

  await page.keyboard.press('Enter');
  await page.keyboard.type('sloth');
  const options = page.getByRole('option');
  await expect(options).toHaveCount(2);
  await page.keyboard.press('ArrowDown');
  await expect(search).toHaveAttribute('aria-activedescendant', 'org-option-0');
  await expect(options.nth(0)).toContainText('Sloth Labs');
  await page.keyboard.press('Enter');
  await expect(page).toHaveURL(new RegExp(`/orgs/${labs}/general$`));
  const labsTrigger = page.getByRole('button', { name: /Sloth Labs/ });
  await expect(labsTrigger).toBeFocused();
  // The whole organization-scoped view follows: Sloth Labs' role (collaborator) shows no Billing.
  await expect(page.getByRole('navigation', { name: 'Organization' }).getByRole('link', { name: 'Billing' })).toHaveCount(0);

  await labsTrigger.click();
  await page.keyboard.type('no such organization');
  await expect(page.getByText('No organization matches')).toBeVisible();
});

test('switching from a page every role sees keeps that page', async ({ page }) => {
  const token = await signInAs(page, 'owner');
  const mo = await orgId(page.request, token, 'MO TEST');
  const labs = await orgId(page.request, token, 'Sloth Labs');
  await page.goto(`/orgs/${mo}/billing`);
  await page.getByRole('button', { name: /MO TEST/ }).click();
  await page.getByRole('option', { name: /Sloth Labs/ }).click();
  await expect(page).toHaveURL(new RegExp(`/orgs/${labs}/general$`));
});

test('the invitation count links to the invitations waiting', async ({ page }) => {
  const org = await newOrganization(page.request, 'Counting Co');
  await invite(page.request, org.token, org.id, 'edsger@example.com', 'billing');
  await signInWith(page, 'edsger@example.com', 'edsger-demo-pass');
  await page.getByRole('button', { name: /MO TEST/ }).click();
  await page.getByRole('link', { name: '1 invitation waiting' }).click();
  await expect(page).toHaveURL(/\/personal\/invitations$/);
  await expect(page.getByRole('heading', { name: 'Counting Co' })).toBeVisible();
});

test('a slow answer for the organization just left is never shown for the new one', async ({ page }) => {
  const token = await signInAs(page, 'owner');
  const mo = await orgId(page.request, token, 'MO TEST');
  const labs = await orgId(page.request, token, 'Sloth Labs');
  // Hold MO TEST's project list until Sloth Labs' has been shown.
  let release: () => void = () => {};
  const held = new Promise<void>((r) => (release = r));
  await page.route(`**/metal/v1/organizations/${mo}/projects*`, async (route) => {
    await held;
    await route.continue();
  });
  await page.goto(`/orgs/${mo}/projects`);
  await expect(page.getByRole('status').filter({ hasText: 'Loading' }).first()).toBeAttached();
  await page.getByRole('button', { name: /MO TEST/ }).click();
  await page.getByRole('option', { name: /Sloth Labs/ }).click();
  await page.getByRole('navigation', { name: 'Organization' }).getByRole('link', { name: 'Projects' }).click();
  await expect(page).toHaveURL(new RegExp(`/orgs/${labs}/projects$`));
  // The owner of MO TEST is a collaborator in Sloth Labs, on its Research project.
  await expect(page.getByRole('cell', { name: 'Research' })).toBeVisible();
  release();
  await page.waitForTimeout(1000);
  await expect(page.getByRole('cell', { name: 'Research' })).toBeVisible();
  for (const moProject of ['Web Frontend', 'Data Pipeline', 'Edge Cache', 'Staging']) {
    await expect(page.getByRole('cell', { name: moProject })).toHaveCount(0);
  }
});

test('one request gives every organization with its role; without the extension the console asks per organization', async ({ page }) => {
  // With the extension: no membership lookups at all.
  const lookups: string[] = [];
  page.on('request', (r) => {
    if (/\/organizations\/[^/]+\/members\?/.test(r.url())) lookups.push(r.url());
  });
  const orgLists: string[] = [];
  page.on('request', (r) => {
    if (/\/metal\/v1\/organizations\?/.test(r.url())) orgLists.push(r.url());
  });
  const token = await signInAs(page, 'collaborator');
  const mo = await orgId(page.request, token, 'MO TEST');
  await page.goto(`/orgs/${mo}/general`);
  await expect(page.getByRole('heading', { name: 'General' })).toBeVisible();
  expect(lookups.filter((u) => u.includes('user_id='))).toEqual([]);
  expect(orgLists.every((u) => u.includes('exclude=members,projects'))).toBe(true);

  // A server without it (the fields stripped): the same switcher, roles and all.
  await page.route('**/metal/v1/organizations?*', async (route) => {
    const response = await route.fetch();
    const body = await response.json();
    for (const o of body.organizations) {
      delete o.membership;
      delete o.personal;
    }
    await route.fulfill({ response, json: body });
  });
  lookups.length = 0;
  await page.reload();
  await page.getByRole('button', { name: /switch organization/ }).click();
  const options = page.getByRole('listbox', { name: 'Organizations' }).getByRole('option');
  await expect(options.filter({ hasText: 'MO TEST' })).toContainText('Collaborator');
  await expect(page.getByRole('listbox').getByRole('group', { name: 'Personal' }).getByRole('option')).toHaveCount(1);
  expect(lookups.filter((u) => u.includes('user_id=')).length).toBeGreaterThan(0);
});
