import { test, expect } from '@playwright/test';
import { emailCount, expectAccessible, newestLink, signUp, tokenFor } from './support';

const unique = (what: string) => `${what}.${Date.now()}.${Math.floor(Math.random() * 1e6)}@example.com`;
const local = (link: string) => link.replace(/^https?:\/\/[^/]+/, '');

test('a new person signs up from the sign-in page, sees the banner, and verifies through the emailed link', async ({ page }) => {
  const email = unique('newcomer');
  await page.goto('/sign-in');
  await page.getByRole('link', { name: 'Create an account' }).click();
  await expect(page).toHaveURL(/\/sign-up$/);
  await expectAccessible(page, 'the sign-up page');
  await page.getByLabel('First name (required)').fill('Nova');
  await page.getByLabel('Last name (required)').fill('Lane');
  await page.getByLabel('Email (required)').fill('not-an-address');
  await page.getByLabel('Password (required)').fill('short');
  await page.getByRole('button', { name: 'Create account' }).click();
  await expect(page.locator('#signup-email-error')).toContainText('Email');
  await expect(page.locator('#signup-password-error')).toHaveText('Password must be at least 8 characters');
  // Nothing typed is lost.
  await expect(page.getByLabel('First name (required)')).toHaveValue('Nova');
  await page.getByLabel('Email (required)').fill(email);
  await page.getByLabel('Password (required)').fill('nova-lane-pass');
  await page.getByRole('button', { name: 'Create account' }).click();
  await expect(page).toHaveURL(/\/orgs\/[0-9a-f-]+\/general$/);
  await expect(page.getByRole('button', { name: /Nova Lane Projects/ })).toBeVisible();
  const banner = page.getByRole('region', { name: 'Email verification' });
  await expect(banner).toContainText(email);
  await page.goto(local(newestLink(email, '/verify-email?token=')));
  await expect(page.getByText(`Your email address ${email} is verified.`)).toBeVisible();
  await page.getByRole('link', { name: 'Continue to org-console' }).click();
  await expect(page.getByRole('heading', { name: 'General' })).toBeVisible();
  await expect(banner).toHaveCount(0);
});

test('forgot password answers the same for a known and an unknown address, and mails only the known one', async ({ page }) => {
  const known = unique('forgetful');
  const unknown = unique('nobody');
  await signUp(page.request, known, 'first-password');
  await page.goto('/sign-in');
  await page.getByRole('link', { name: 'Forgot password?' }).click();
  await expect(page).toHaveURL(/\/forgot-password$/);
  await expectAccessible(page, 'the forgot-password page');
  for (const address of [known, unknown]) {
    await page.getByLabel('Email (required)').fill(address);
    await page.getByRole('button', { name: 'Send the link' }).click();
    await expect(page.getByRole('status').filter({ hasText: 'If an account uses' })).toHaveText(
      `If an account uses ${address}, we sent it a link to choose a new password. The link works for an hour.`,
    );
  }
  expect(emailCount(known, '/reset-password?token=')).toBe(1);
  expect(emailCount(unknown, '/reset-password?token=')).toBe(0);
});

test('the reset link sets a new password, signs in, and ends the other sessions', async ({ page }) => {
  const email = unique('resetter');
  await signUp(page.request, email, 'old-password-1');
  const elsewhere = await tokenFor(page.request, email, 'old-password-1');
  await page.request.post('/metal/v1/auth/password-reset', { data: { email } });
  await page.goto(local(newestLink(email, '/reset-password?token=')));
  await expectAccessible(page, 'the reset-password page');
  await page.getByLabel('New password (required)').fill('short');
  await page.getByRole('button', { name: 'Set password and sign in' }).click();
  await expect(page.locator('#new-password-error')).toHaveText('Password must be at least 8 characters');
  await page.getByLabel('New password (required)').fill('new-password-2');
  await page.getByRole('button', { name: 'Set password and sign in' }).click();
  await expect(page).toHaveURL(/\/orgs\/[0-9a-f-]+\/general$/);
  await expect(page.getByText('Your new password is set. Every other session was signed out.')).toBeVisible();
  expect((await page.request.get('/metal/v1/user', { headers: { 'X-Auth-Token': elsewhere } })).status()).toBe(401);
  expect((await page.request.post('/metal/v1/auth/sessions', { data: { email, password: 'old-password-1' } })).status()).toBe(401);
  // A used link says so, with the way to a new one.
  const used = local(newestLink(email, '/reset-password?token='));
  await page.goto('/config.json');
  await page.evaluate(() => localStorage.clear());
  await page.goto(used);
  await page.getByLabel('New password (required)').fill('third-password-3');
  await page.getByRole('button', { name: 'Set password and sign in' }).click();
  await expect(page.getByRole('alert').filter({ hasText: 'This reset link is invalid or has expired' })).toBeVisible();
  await expect(page.getByRole('link', { name: 'Ask for a new link' })).toBeVisible();
});
