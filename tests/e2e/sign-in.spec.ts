import { test, expect } from '@playwright/test';
import { demo, expectAccessible, orgId, signInAs, tokenFor } from './support';

test.describe('signing in', () => {
  test('a demo owner signs in and lands in their default organization', async ({ page }) => {
    await page.goto('/');
    await expect(page).toHaveURL(/\/sign-in\?next=\/$/);
    await expectAccessible(page, 'the sign-in page');
    await page.getByLabel('Email').fill(demo.owner.email);
    await page.getByLabel('Password').fill(demo.owner.password);
    await page.getByRole('button', { name: 'Sign in', exact: true }).click();
    await expect(page).toHaveURL(/\/orgs\/[0-9a-f-]+\/general$/);
    await expect(page.getByRole('button', { name: /MO TEST/ })).toBeVisible();
  });

  test('a wrong password says so and keeps the email', async ({ page }) => {
    await page.goto('/sign-in');
    await page.getByLabel('Email').fill(demo.admin.email);
    await page.getByLabel('Password').fill('not-the-password');
    await page.getByRole('button', { name: 'Sign in', exact: true }).click();
    await expect(page.getByRole('alert')).toHaveText('Wrong password');
    await expect(page.getByLabel('Email')).toHaveValue(demo.admin.email);
  });

  test('an unknown address says so', async ({ page }) => {
    await page.goto('/sign-in');
    await page.getByLabel('Email').fill('nobody@example.com');
    await page.getByLabel('Password').fill('whatever-it-is');
    await page.getByRole('button', { name: 'Sign in', exact: true }).click();
    await expect(page.getByRole('alert')).toHaveText('No account uses the address nobody@example.com');
    await expect(page.getByLabel('Email')).toHaveValue('nobody@example.com');
  });

  test('repeated failures are rate limited with the time to wait', async ({ page }) => {
    await page.goto('/sign-in');
    await page.getByLabel('Email').fill('radia@example.com');
    await page.getByLabel('Password').fill('wrong-wrong');
    for (let i = 0; i < 5; i++) {
      await page.getByRole('button', { name: 'Sign in', exact: true }).click();
      await expect(page.getByRole('alert')).toHaveText('Wrong password');
      await page.getByLabel('Password').fill(`wrong-wrong-${i}`);
    }
    await page.getByRole('button', { name: 'Sign in', exact: true }).click();
    await expect(page.getByRole('alert')).toHaveText(/^Too many failed sign-ins\. Try again in 1[45] minutes\.$/);
    await expect(page.getByLabel('Email')).toHaveValue('radia@example.com');
  });

  test('an unreachable server gets a plain message, not a proxy page', async ({ page }) => {
    await page.route('**/metal/v1/auth/sessions', (route) =>
      route.fulfill({ status: 502, contentType: 'text/html', body: '<h1>502 Bad Gateway</h1>' }),
    );
    await page.goto('/sign-in');
    await page.getByLabel('Email').fill(demo.owner.email);
    await page.getByLabel('Password').fill(demo.owner.password);
    await page.getByRole('button', { name: 'Sign in', exact: true }).click();
    await expect(page.getByRole('alert')).toHaveText('The service is unreachable. Check your connection and try again.');
    await page.route('**/metal/v1/auth/sessions', (route) => route.abort('connectionrefused'));
    await page.getByRole('button', { name: 'Sign in', exact: true }).click();
    await expect(page.getByRole('alert')).toHaveText('The service is unreachable. Check your connection and try again.');
    await expect(page.getByLabel('Email')).toHaveValue(demo.owner.email);
  });

  test('an API token signs in, and a bad one is refused', async ({ page }) => {
    const token = await tokenFor(page.request, demo.billing.email, demo.billing.password);
    await page.goto('/sign-in');
    await page.getByRole('button', { name: 'Use an API token instead' }).click();
    await page.getByLabel('API token').fill('0000');
    await page.getByRole('button', { name: 'Sign in', exact: true }).click();
    await expect(page.getByRole('alert')).toHaveText(/^That API token is not valid/);
    await page.getByLabel('API token').fill(token);
    await page.getByRole('button', { name: 'Sign in', exact: true }).click();
    await expect(page).toHaveURL(/\/orgs\/[0-9a-f-]+\/general$/);
  });

  test('a deep link opened while signed out returns there after signing in', async ({ page }) => {
    const token = await tokenFor(page.request, demo.owner.email, demo.owner.password);
    const mo = await orgId(page.request, token, 'MO TEST');
    await page.goto(`/orgs/${mo}/payment-methods`);
    await expect(page).toHaveURL(new RegExp(`/sign-in\\?next=/orgs/${mo}/payment-methods$`));
    await page.getByLabel('Email').fill(demo.owner.email);
    await page.getByLabel('Password').fill(demo.owner.password);
    await page.getByRole('button', { name: 'Sign in', exact: true }).click();
    await expect(page).toHaveURL(new RegExp(`/orgs/${mo}/payment-methods$`));
    await expect(page.getByRole('heading', { name: 'Payment Methods' })).toBeVisible();
  });

  test('a token that stops working sends the user to sign in and back', async ({ page }) => {
    const token = await signInAs(page, 'admin');
    const mo = await orgId(page.request, token, 'MO TEST');
    await expect(page.getByRole('heading', { name: 'General' })).toBeVisible();
    // The token is revoked elsewhere (another tab signed out, say).
    await page.request.delete('/metal/v1/auth/sessions/current', { headers: { 'X-Auth-Token': token } });
    await page.goto(`/orgs/${mo}/projects`);
    await expect(page).toHaveURL(new RegExp(`/sign-in\\?next=/orgs/${mo}/projects$`));
    await page.getByLabel('Email').fill(demo.admin.email);
    await page.getByLabel('Password').fill(demo.admin.password);
    await page.getByRole('button', { name: 'Sign in', exact: true }).click();
    await expect(page.getByRole('heading', { name: 'Projects' })).toBeVisible();
  });
});

test('logging out forgets everything, and Back shows nothing private', async ({ page }) => {
  await signInAs(page, 'owner');
  await expect(page.getByRole('button', { name: /MO TEST/ })).toBeVisible();
  await page.getByRole('navigation', { name: 'Organization' }).getByRole('link', { name: 'Payment Methods' }).click();
  await expect(page.getByText('Visa ending in 4242')).toBeVisible();
  await page.getByRole('button', { name: 'Logout' }).click();
  await expect(page).toHaveURL(/\/sign-in$/);
  expect(await page.evaluate(() => Object.keys(localStorage))).toEqual([]);
  await page.goBack();
  await expect(page).toHaveURL(/\/sign-in/);
  await expect(page.getByRole('heading', { name: 'Sign in to org-console' })).toBeVisible();
  await expect(page.getByText('Visa ending in 4242')).toHaveCount(0);
  await expect(page.getByText('MO TEST')).toHaveCount(0);
});
