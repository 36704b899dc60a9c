import { test, expect } from '@playwright/test';
import { expectAccessible, orgId, signInAs } from './support';

test('an admin edits General, with messages next to bad fields and nothing lost', async ({ page }) => {
  // Alan is an admin of Sloth Labs.
  const token = await signInAs(page, 'limited_collaborator');
  const labs = await orgId(page.request, token, 'Sloth Labs');
  await page.goto(`/orgs/${labs}/general`);
  await expect(page.getByLabel('Description')).toBeVisible();
  await expectAccessible(page, 'General as admin');
  await page.getByLabel('Description').fill('Where sloths do research');
  await page.getByLabel('Website').fill('labs.example.com');
  await page.getByRole('button', { name: 'Save changes' }).click();
  const website = page.getByLabel('Website');
  await expect(website).toHaveAttribute('aria-invalid', 'true');
  await expect(page.getByText('Website must start with https:// or http://')).toBeVisible();
  await expect(page.getByLabel('Description')).toHaveValue('Where sloths do research');
  await expectAccessible(page, 'General with a field error');

  await website.fill('https://labs.example.com');
  await page.getByRole('button', { name: 'Save changes' }).click();
  await expect(page.getByText('Saved the settings of Sloth Labs.')).toBeVisible();
  await page.reload();
  await expect(page.getByLabel('Description')).toHaveValue('Where sloths do research');
  await expect(page.getByLabel('Website')).toHaveValue('https://labs.example.com');
});

test('a server refusal is shown next to the field and keeps what was typed', async ({ page }) => {
  const token = await signInAs(page, 'admin');
  const mo = await orgId(page.request, token, 'MO TEST');
  await page.goto(`/orgs/${mo}/general`);
  await page.route(`**/metal/v1/organizations/${mo}`, (route) =>
    route.request().method() === 'PUT'
      ? route.fulfill({ status: 422, contentType: 'application/json', body: JSON.stringify({ errors: ['Organization name is taken'] }) })
      : route.continue(),
  );
  await page.getByLabel('Name').fill('MO TEST Renamed');
  await page.getByRole('button', { name: 'Save changes' }).click();
  await expect(page.getByText('Organization name is taken')).toBeVisible();
  await expect(page.getByLabel('Name')).toHaveValue('MO TEST Renamed');
});

test('a collaborator sees General as plain text', async ({ page }) => {
  await signInAs(page, 'collaborator');
  await expect(page.getByRole('heading', { name: 'General' })).toBeVisible();
  await expect(page.getByRole('textbox')).toHaveCount(0);
  await expect(page.getByRole('button', { name: 'Save changes' })).toHaveCount(0);
  await expect(page.getByRole('button', { name: 'Delete organization' })).toHaveCount(0);
  await expect(page.getByText('https://mo-test.example.com')).toBeVisible();
  await expectAccessible(page, 'General read-only');
});

test('creating an organization switches to it, as its owner', async ({ page }) => {
  await signInAs(page, 'billing');
  await page.getByRole('button', { name: /MO TEST/ }).click();
  await page.getByRole('button', { name: 'Create organization' }).click();
  const dialog = page.getByRole('dialog', { name: 'Create organization' });
  await expect(dialog).toBeVisible();
  await expect(dialog).toHaveAttribute('aria-modal', 'true');
  await expect(dialog.getByLabel('Name')).toBeFocused();
  await expectAccessible(page, 'the create-organization dialog');
  await dialog.getByRole('button', { name: 'Create organization' }).click();
  await expect(dialog.getByText('Organization name is required')).toBeVisible();
  await dialog.getByLabel('Name').fill('Liskov Consulting');
  await dialog.getByLabel('Website').fill('https://liskov.example.com');
  await dialog.getByRole('button', { name: 'Create organization' }).click();
  await expect(dialog).toBeHidden();
  await expect(page.getByRole('button', { name: /Liskov Consulting/ })).toBeVisible();
  await expect(page.getByLabel('Name')).toHaveValue('Liskov Consulting');
  await page.getByRole('button', { name: /Liskov Consulting/ }).click();
  await expect(page.getByRole('option', { name: /Liskov Consulting/ })).toContainText('Owner');
});

test('dialogs trap focus, close on Escape, and give focus back', async ({ page }) => {
  await signInAs(page, 'billing');
  const trigger = page.getByRole('button', { name: /MO TEST/ });
  await trigger.click();
  await page.getByRole('button', { name: 'Create organization' }).click();
  const dialog = page.getByRole('dialog', { name: 'Create organization' });
  await expect(dialog.getByLabel('Name')).toBeFocused();
  for (let i = 0; i < 8; i++) {
    await page.keyboard.press('Tab');
    expect(await dialog.evaluate((d) => d.contains(document.activeElement))).toBe(true);
  }
  await page.keyboard.press('Shift+Tab');
  expect(await dialog.evaluate((d) => d.contains(document.activeElement))).toBe(true);
  await page.keyboard.press('Escape');
  await expect(dialog).toBeHidden();
  await expect(trigger).toBeFocused();
});

test('an owner deletes an organization after typing its name', async ({ page }) => {
  const token = await signInAs(page, 'owner');
  const reply = await page.request.post('/metal/v1/organizations', { data: { name: 'Short Lived' }, headers: { 'X-Auth-Token': token } });
  const id = (await reply.json()).id;
  await page.goto(`/orgs/${id}/general`);
  await page.getByRole('button', { name: 'Delete organization' }).click();
  const dialog = page.getByRole('dialog', { name: 'Delete Short Lived?' });
  const confirm = dialog.getByRole('button', { name: 'Delete organization' });
  await expect(confirm).toBeDisabled();
  await dialog.getByLabel('Organization name').fill('Short');
  await expect(confirm).toBeDisabled();
  await dialog.getByLabel('Organization name').fill('Short Lived');
  await confirm.click();
  await expect(page.getByText('Deleted Short Lived.')).toBeVisible();
  await expect(page).toHaveURL(/\/orgs\/[0-9a-f-]+\/general$/);
  await page.getByRole('button', { name: /MO TEST/ }).click();
  await expect(page.getByRole('option', { name: /Short Lived/ })).toHaveCount(0);
});

test('an admin is not offered deletion', async ({ page }) => {
  await signInAs(page, 'admin');
  await expect(page.getByRole('button', { name: 'Save changes' })).toBeVisible();
  await expect(page.getByRole('button', { name: 'Delete organization' })).toHaveCount(0);
});
