import { test, expect } from '@playwright/test';
import { newestLink, orgId, screenshot, signInAs, signInWith, signUp } from './support';

// Every page at the two widths the console is designed for, saved under
// target/screenshots/ (the README shows a selection, copied to docs/screenshots/).
const widths = [
  { width: 1280, height: 800 },
  { width: 390, height: 844 },
];

for (const size of widths) {
  test(`every page at ${size.width} px`, async ({ page }) => {
    await page.setViewportSize(size);
    await page.goto('/sign-in');
    await expect(page.getByRole('heading', { name: 'Sign in to org-console' })).toBeVisible();
    await screenshot(page, `sign-in-${size.width}`);
    await page.goto('/sign-up');
    await expect(page.getByRole('heading', { name: 'Create your org-console account' })).toBeVisible();
    await screenshot(page, `sign-up-${size.width}`);
    await page.goto('/forgot-password');
    await expect(page.getByRole('heading', { name: 'Reset your password' })).toBeVisible();
    await screenshot(page, `forgot-password-${size.width}`);
    const token = await signInAs(page, 'owner');
    const mo = await orgId(page.request, token, 'MO TEST');
    for (const [name, heading] of [
      ['general', 'General'],
      ['members', 'Organization Members'],
      ['projects', 'Projects'],
      ['billing', 'Billing'],
      ['payment-methods', 'Payment Methods'],
      ['activity', 'Activity'],
    ]) {
      await page.goto(`/orgs/${mo}/${name}`);
      await expect(page.getByRole('heading', { name: heading, exact: true })).toBeVisible();
      await expect(page.locator('.loading')).toHaveCount(0);
      await screenshot(page, `${name}-owner-${size.width}`);
    }
    // The dark theme, from prefers-color-scheme.
    await page.emulateMedia({ colorScheme: 'dark' });
    await page.goto(`/orgs/${mo}/members`);
    await expect(page.locator('table.members tbody tr').first()).toBeVisible();
    await screenshot(page, `members-owner-dark-${size.width}`);
    await page.emulateMedia({ colorScheme: 'light' });
    await page.goto(`/orgs/${mo}/members?tab=invitations`);
    await expect(page.locator('table.invitations tbody tr').first()).toBeVisible();
    await screenshot(page, `invitations-owner-${size.width}`);
    await page.goto('/personal/profile');
    await expect(page.getByRole('heading', { name: 'Profile' })).toBeVisible();
    await screenshot(page, `profile-${size.width}`);
    await page.goto(`/orgs/${mo}/members`);
    // A bulk selection, its bar over the table (nothing is changed).
    for (const name of ['Katherine Johnson', 'Dennis Ritchie', 'Edsger Dijkstra']) {
      await page.getByRole('checkbox', { name: `Select ${name}` }).check();
    }
    await expect(page.getByRole('region', { name: 'Selected members' })).toContainText('3 selected');
    await page.evaluate(() => window.scrollTo(0, 0));
    await screenshot(page, `bulk-selection-${size.width}`, false);
    await page.getByRole('button', { name: 'Clear selection' }).click();
    // The command palette, a few letters typed.
    await page.keyboard.press('Control+k');
    await page.getByRole('dialog', { name: 'Go to' }).getByRole('combobox').fill('gr');
    await expect(page.getByRole('option', { name: /Grace Hopper/ })).toBeVisible();
    await screenshot(page, `palette-${size.width}`, false);
    await page.keyboard.press('Escape');
    if (size.width > 500) {
      await page.getByRole('button', { name: /switch organization/ }).click();
      await expect(page.getByRole('listbox')).toBeVisible();
      await screenshot(page, `switcher-${size.width}`, false);
      await page.keyboard.press('Escape');
    }
    // A new, unverified account: the banner, and the page its emailed link opens.
    const email = `shot.${size.width}.${Date.now()}@example.com`;
    await signUp(page.request, email, 'screenshot-pass');
    await signInWith(page, email, 'screenshot-pass', '/personal/profile');
    await expect(page.getByRole('region', { name: 'Email verification' })).toBeVisible();
    await screenshot(page, `profile-unverified-${size.width}`);
    await page.goto(newestLink(email, '/verify-email?token=').replace(/^https?:\/\/[^/]+/, ''));
    await expect(page.getByText(`Your email address ${email} is verified.`)).toBeVisible();
    await screenshot(page, `verify-email-${size.width}`);
    await signInAs(page, 'collaborator', `/orgs/${mo}/members`);
    await expect(page.locator('table.members tbody tr').first()).toBeVisible();
    await screenshot(page, `members-collaborator-${size.width}`);
  });
}
