import { test, expect } from '@playwright/test';
import {
  demo, emailCount, expectAccessible, invite, newestLink, newOrganization, orgId, signInAs, signInWith,
  signUp, tokenFor, watchCsp,
} from './support';

const unique = (what: string) => `${what}.${Date.now()}.${Math.floor(Math.random() * 1e6)}@example.com`;

test('the verification link verifies once, and a used link says what to do', async ({ browser }) => {
  const email = unique('verify');
  const fresh = await browser.newContext();
  const page = await fresh.newPage();
  await signUp(page.request, email, 'verify-me-pass');
  const link = newestLink(email, '/verify-email?token=');
  // Opened in a browser that is not signed in: no session is needed.
  await page.goto(link);
  await expect(page.getByRole('status').filter({ hasText: `Your email address ${email} is verified.` })).toBeVisible();
  await expectAccessible(page, 'the verify page, verified');
  await page.goto(link);
  await expect(page.getByRole('alert')).toContainText('This verification link is invalid or has expired');
  await expect(page.getByRole('link', { name: 'Sign in to get a new link' })).toBeVisible();
  await expectAccessible(page, 'the verify page, used link');
  await fresh.close();
});

test('an unverified user sees the banner on every page, resends once a minute, and loses it after verifying', async ({ page }) => {
  const email = unique('banner');
  await signUp(page.request, email, 'banner-user-pass');
  await signInWith(page, email, 'banner-user-pass', '/personal/profile');
  const banner = page.getByRole('region', { name: 'Email verification' });
  await expect(banner).toContainText(`We sent a link to ${email}.`);
  await expectAccessible(page, 'the profile with the unverified banner');
  // On the organization pages too.
  await page.getByRole('link', { name: 'Organization settings' }).click();
  await expect(page.getByRole('heading', { name: 'General' })).toBeVisible();
  await expect(banner).toBeVisible();
  // The Invitations page says why it lists nothing.
  await page.goto('/personal/invitations');
  await expect(page.getByRole('note')).toContainText('Your email address is not verified yet');
  await banner.getByRole('button', { name: 'Resend the email' }).click();
  await expect(banner.getByRole('status')).toHaveText(`Sent a new link to ${email}. Check your inbox.`);
  expect(emailCount(email, '/verify-email?token=')).toBe(2);
  await banner.getByRole('button', { name: 'Resend the email' }).click();
  await expect(banner.getByRole('alert')).toHaveText(/^A verification email was sent a moment ago\. Try again in (\d+ seconds?|1 minute)\.$/);
  expect(emailCount(email, '/verify-email?token=')).toBe(2);
  await page.goto(newestLink(email, '/verify-email?token=').replace(/^https?:\/\/[^/]+/, ''));
  await expect(page.getByText(`Your email address ${email} is verified.`)).toBeVisible();
  await page.getByRole('link', { name: 'Continue to org-console' }).click();
  await expect(page.getByRole('heading', { name: 'General' })).toBeVisible();
  await expect(banner).toHaveCount(0);
});

test('an unverified invitee accepts through the emailed link, which carries the nonce', async ({ page }) => {
  const email = unique('nonce');
  const org = await newOrganization(page.request, 'Nonce Accept Co');
  // Signed up before the invitation, without its link: unverified.
  await signUp(page.request, email, 'nonce-user-pass');
  await invite(page.request, org.token, org.id, email, 'billing');
  await signInWith(page, email, 'nonce-user-pass', '/personal/invitations');
  await expect(page.getByRole('note')).toBeVisible();
  await expect(page.getByText('No invitations are waiting for you.')).toBeVisible();
  await page.goto(newestLink(email, '/invitations/').replace(/^https?:\/\/[^/]+/, ''));
  await page.getByRole('button', { name: 'Accept' }).click();
  await expect(page).toHaveURL(new RegExp(`/orgs/${org.id}/members$`));
  await expect(page.getByText('You joined Nonce Accept Co.')).toBeVisible();
});

test('changing the password keeps this session, ends the others, and shows each problem by its field', async ({ page }) => {
  const email = unique('password');
  await signUp(page.request, email, 'old-password-1');
  const elsewhere = await tokenFor(page.request, email, 'old-password-1');
  await signInWith(page, email, 'old-password-1', '/personal/profile');
  const current = page.getByLabel('Current password (required)');
  const fresh = page.getByLabel('New password (required)');
  await current.fill('not-my-password');
  await fresh.fill('short');
  await page.getByRole('button', { name: 'Change password' }).click();
  await expect(page.locator('#new-password-error')).toHaveText('Password must be at least 8 characters');
  await fresh.fill('new-password-2');
  await page.getByRole('button', { name: 'Change password' }).click();
  await expect(page.locator('#current-password-error')).toHaveText('Current password is not correct');
  // Nothing typed is lost on a refusal.
  await expect(fresh).toHaveValue('new-password-2');
  await current.fill('old-password-1');
  await page.getByRole('button', { name: 'Change password' }).click();
  await expect(page.getByText('Changed your password. Every other device was signed out.')).toBeVisible();
  await expect(current).toHaveValue('');
  expect((await page.request.get('/metal/v1/user', { headers: { 'X-Auth-Token': elsewhere } })).status()).toBe(401);
  await page.reload();
  await expect(page.getByRole('heading', { name: 'Profile' })).toBeVisible();
  expect((await page.request.post('/metal/v1/auth/sessions', { data: { email, password: 'old-password-1' } })).status()).toBe(401);
  expect((await page.request.post('/metal/v1/auth/sessions', { data: { email, password: 'new-password-2' } })).status()).toBe(201);
  await expectAccessible(page, 'the profile with the password form');
});

test('sign out everywhere ends every session, this one included', async ({ page }) => {
  const email = unique('everywhere');
  await signUp(page.request, email, 'everywhere-pass');
  const phone = await tokenFor(page.request, email, 'everywhere-pass');
  await signInWith(page, email, 'everywhere-pass', '/personal/profile');
  await page.getByRole('button', { name: 'Sign out everywhere' }).click();
  const dialog = page.getByRole('dialog', { name: 'Sign out on every device?' });
  await expectAccessible(page, 'the sign-out-everywhere dialog');
  await dialog.getByRole('button', { name: 'Sign out everywhere' }).click();
  await expect(page).toHaveURL(/\/sign-in$/);
  expect((await page.request.get('/metal/v1/user', { headers: { 'X-Auth-Token': phone } })).status()).toBe(401);
});

test('a session ended elsewhere lands on sign-in with a plain message and the address filled in', async ({ page }) => {
  await page.goto('/sign-in');
  await page.getByLabel('Email').fill(demo.limited_collaborator.email);
  await page.getByLabel('Password').fill(demo.limited_collaborator.password);
  await page.getByRole('button', { name: 'Sign in', exact: true }).click();
  await expect(page.getByRole('heading', { name: 'General' })).toBeVisible();
  // Another device signs out everywhere.
  const other = await tokenFor(page.request, demo.limited_collaborator.email, demo.limited_collaborator.password);
  await page.request.delete('/metal/v1/auth/sessions', { headers: { 'X-Auth-Token': other } });
  await page.getByRole('navigation', { name: 'Organization' }).getByRole('link', { name: 'Users' }).click();
  await expect(page).toHaveURL(/\/sign-in\?next=/);
  await expect(page.getByRole('status')).toHaveText('Your session has ended. Sign in again to continue.');
  await expect(page.getByLabel('Email')).toHaveValue(demo.limited_collaborator.email);
  await page.getByLabel('Password').fill(demo.limited_collaborator.password);
  await page.getByRole('button', { name: 'Sign in', exact: true }).click();
  await expect(page.getByRole('heading', { name: 'Members' })).toBeVisible();
});

test('after sign-in, next never leaves the site', async ({ page, baseURL }) => {
  const evil = [
    '/\\evil.example', '/%5Cevil.example', '/%5cevil.example', '/\t/evil.example', '/\n/evil.example',
    '/%09/evil.example', '//evil.example', 'javascript:alert(1)', 'https://evil.example/', 'http:evil.example',
    ' //evil.example', '/%2F/evil.example',
  ];
  for (const next of evil) {
    await page.goto('/config.json');
    await page.evaluate(() => localStorage.clear());
    await page.goto(`/sign-in?next=${encodeURIComponent(next)}`);
    await page.getByLabel('Email').fill(demo.billing.email);
    await page.getByLabel('Password').fill(demo.billing.password);
    await page.getByRole('button', { name: 'Sign in', exact: true }).click();
    await expect(page, `next=${JSON.stringify(next)}`).toHaveURL(new RegExp(`^${baseURL}/orgs/[0-9a-f-]+/general$`));
  }
  // A path on this site is followed.
  await page.goto('/config.json');
  await page.evaluate(() => localStorage.clear());
  await page.goto(`/sign-in?next=${encodeURIComponent('/personal/profile')}`);
  await page.getByLabel('Email').fill(demo.billing.email);
  await page.getByLabel('Password').fill(demo.billing.password);
  await page.getByRole('button', { name: 'Sign in', exact: true }).click();
  await expect(page).toHaveURL(`${baseURL}/personal/profile`);
});

test('no page or dialog breaks the Content-Security-Policy', async ({ page }) => {
  const violations = watchCsp(page);
  const response = await page.goto('/sign-in');
  const csp = response!.headers()['content-security-policy'];
  expect(csp).toContain("default-src 'self'");
  expect(csp).toContain("frame-ancestors 'none'");
  expect(csp).not.toContain('unsafe-inline');
  expect(response!.headers()['x-content-type-options']).toBe('nosniff');
  expect(response!.headers()['referrer-policy']).toBe('no-referrer');
  await expect(page.getByRole('heading', { name: 'Sign in to org-console' })).toBeVisible();
  const token = await signInAs(page, 'owner');
  const mo = await orgId(page.request, token, 'MO TEST');
  for (const p of ['general', 'members', 'projects', 'billing', 'payment-methods']) {
    await page.goto(`/orgs/${mo}/${p}`);
    await expect(page.locator('h1').first()).toBeVisible();
    await expect(page.locator('.loading')).toHaveCount(0);
  }
  // Avatars with initials and the invite dialog.
  await page.goto(`/orgs/${mo}/members`);
  await expect(page.locator('.avatar').first()).toBeVisible();
  await page.getByRole('button', { name: '+ Invite New Member' }).click();
  await expect(page.getByRole('dialog', { name: 'Invite New Member' })).toBeVisible();
  await page.keyboard.press('Escape');
  await page.getByRole('button', { name: /MO TEST/ }).click();
  await page.keyboard.press('Escape');
  for (const p of ['/personal/profile', '/personal/invitations', '/no-such-page', '/verify-email?token=x']) {
    await page.goto(p);
    await expect(page.locator('h1').first()).toBeVisible();
  }
  const org = await newOrganization(page.request, 'CSP Check Co');
  await invite(page.request, org.token, org.id, 'csp.check@example.com', 'admin');
  await page.goto('/config.json');
  await page.evaluate(() => localStorage.clear());
  await page.goto(newestLink('csp.check@example.com', '/invitations/').replace(/^https?:\/\/[^/]+/, ''));
  await expect(page.getByRole('button', { name: 'Create account' })).toBeVisible();
  expect(violations).toEqual([]);
});
