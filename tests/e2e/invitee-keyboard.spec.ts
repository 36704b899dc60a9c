import { test, expect } from '@playwright/test';
import { emailedLink, invite, newOrganization } from './support';

test('the invitee page works from the keyboard alone: sign up, then accept', async ({ page }) => {
  const org = await newOrganization(page.request, 'Keyboard Co');
  await invite(page.request, org.token, org.id, 'keys@example.com', 'billing');
  await page.goto(emailedLink('keys@example.com').replace(/^https?:\/\/[^/]+/, ''));
  await expect(page.getByRole('button', { name: 'Create account' })).toBeVisible();
  // Tab through the page into the sign-up form, filling each field as it gets focus.
  const first = page.getByLabel('First name');
  for (let i = 0; i < 8 && !(await first.evaluate((el) => el === document.activeElement)); i++) await page.keyboard.press('Tab');
  await expect(first).toBeFocused();
  await page.keyboard.type('Kay');
  await page.keyboard.press('Tab');
  await page.keyboard.type('Board');
  await page.keyboard.press('Tab');
  await expect(page.getByLabel('Password (required)')).toBeFocused();
  await page.keyboard.type('typed-with-keys');
  await page.keyboard.press('Enter');
  const accept = page.getByRole('button', { name: 'Accept' });
  await expect(accept).toBeVisible();
  for (let i = 0; i < 10 && !(await accept.evaluate((el) => el === document.activeElement)); i++) await page.keyboard.press('Tab');
  await expect(accept).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(page).toHaveURL(new RegExp(`/orgs/${org.id}/members$`));
  await expect(page.getByText('You joined Keyboard Co.')).toBeVisible();
});
