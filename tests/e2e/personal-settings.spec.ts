import { test, expect } from '@playwright/test';
import { expectAccessible, invite, newOrganization, signInAs, signInWith } from './support';

test('the profile shows name, email and time zone, and edits the name', async ({ page }) => {
  await signInAs(page, 'limited_collaborator', '/personal/profile');
  await expect(page.getByText('alan@example.com')).toBeVisible();
  await expect(page.getByText('America/New_York')).toBeVisible();
  await expectAccessible(page, 'Profile');
  await page.getByLabel('First name').fill('');
  await page.getByRole('button', { name: 'Save name' }).click();
  await expect(page.getByText('First name is required')).toBeVisible();
  await page.getByLabel('First name').fill('Alan M.');
  await page.getByRole('button', { name: 'Save name' }).click();
  await expect(page.getByText('Saved your name as Alan M. Turing.')).toBeVisible();
  await page.reload();
  await expect(page.getByLabel('First name')).toHaveValue('Alan M.');
});

test('an invitation is accepted from personal settings, landing on the new organization', async ({ page }) => {
  const org = await newOrganization(page.request, 'Acceptance Co');
  await invite(page.request, org.token, org.id, 'dennis@example.com', 'collaborator', [org.project]);
  await signInWith(page, 'dennis@example.com', 'dennis-demo-pass', '/personal/invitations');
  const card = page.getByRole('article').filter({ hasText: 'Acceptance Co' });
  await expect(card).toContainText('Invited by Packet Sloth');
  await expect(card.locator('.badge.role')).toHaveText('Collaborator');
  await expect(card).toContainText('Projects: Acceptance Co project');
  await expectAccessible(page, 'Invitations');
  await card.getByRole('button', { name: 'Accept' }).click();
  await expect(page).toHaveURL(new RegExp(`/orgs/${org.id}/members$`));
  await expect(page.getByText('You joined Acceptance Co.')).toBeVisible();
  await page.goto('/personal/invitations');
  await expect(page.getByText('No invitations are waiting for you.')).toBeVisible();
});

test('an invitation is declined after confirming', async ({ page }) => {
  const org = await newOrganization(page.request, 'Declined Co');
  await invite(page.request, org.token, org.id, 'ken@example.com', 'billing');
  await signInWith(page, 'ken@example.com', 'ken-demo-pass', '/personal/invitations');
  const card = page.getByRole('article').filter({ hasText: 'Declined Co' });
  await card.getByRole('button', { name: 'Decline' }).click();
  const dialog = page.getByRole('dialog', { name: 'Decline the invitation to Declined Co?' });
  await expectAccessible(page, 'the decline dialog');
  await dialog.getByRole('button', { name: 'Decline invitation' }).click();
  await expect(page.getByText('Declined the invitation to Declined Co.')).toBeVisible();
  await expect(page.getByRole('article').filter({ hasText: 'Declined Co' })).toHaveCount(0);
});
