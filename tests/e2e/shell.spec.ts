import { test, expect } from '@playwright/test';
import { screenshot, watchCsp } from './support';

test('the shell is painted before the WebAssembly runs, then the app takes its place', async ({ page }) => {
  const violations = watchCsp(page);
  let release: () => void = () => {};
  const held = new Promise<void>((r) => (release = r));
  await page.route('**/*.wasm', async (route) => {
    await held;
    await route.continue();
  });
  await page.goto('/sign-in');
  const shell = page.locator('#boot-shell');
  await expect(shell.locator('.brand')).toHaveText('org-console');
  await expect(shell.locator('.skeleton-row').first()).toBeVisible();
  await expect(page.getByRole('status').filter({ hasText: 'Loading org-console' })).toBeAttached();
  await screenshot(page, 'shell-before-wasm-1280', false);
  release();
  await expect(page.getByRole('heading', { name: 'Sign in to org-console' })).toBeVisible();
  await expect(shell).toHaveCount(0);
  expect(violations).toEqual([]);
});

test('when the WebAssembly cannot be loaded, the shell says so in plain words', async ({ page }) => {
  await page.route('**/*.wasm', (route) => route.abort());
  await page.goto('/sign-in');
  const failed = page.getByRole('alert');
  await expect(failed).toContainText('org-console could not start.');
  await expect(failed).toContainText('Its code did not load. Check your connection, then reload the page.');
  await expect(page.locator('#boot-shell .skeleton-row')).toHaveCount(0);
  await screenshot(page, 'shell-failed-1280', false);
});
