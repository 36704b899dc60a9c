import { test, expect } from '@playwright/test';

test('the console loads its WebAssembly without errors and asks to sign in', async ({ page }) => {
  const problems: string[] = [];
  page.on('pageerror', (e) => problems.push(`page error: ${e.message}`));
  page.on('console', (m) => {
    if (m.type() === 'error') problems.push(`console error: ${m.text()}`);
  });
  const wasm = page.waitForResponse((r) => r.url().endsWith('.wasm'));
  await page.goto('/');
  expect((await wasm).status()).toBe(200);
  await expect(page).toHaveURL(/\/sign-in\?next=\/$/);
  await expect(page.getByRole('heading', { name: 'Sign in to org-console' })).toBeVisible();
  expect(problems).toEqual([]);
});

test('a demo user signs in and sees their organizations', async ({ page }) => {
  await page.goto('/sign-in');
  await page.getByLabel('Email').fill('sloth@example.com');
  await page.getByLabel('Password').fill('packet-demo-pass');
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page.getByText('MO TEST')).toBeVisible();
  await expect(page.getByText('Sloth Labs')).toBeVisible();
});
