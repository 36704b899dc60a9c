import { test, expect, type APIRequestContext, type Page } from '@playwright/test';
import { demo, invite, newOrganization, signInWith, tokenFor } from './support';

const api = '/metal/v1';

/** A fresh organization where Ken Thompson (a demo user) is a member. */
async function orgWithKen(request: APIRequestContext) {
  const org = await newOrganization(request, `Undo ${Date.now()}`);
  const invitation = await invite(request, org.token, org.id, 'ken@example.com', 'billing');
  const ken = await tokenFor(request, 'ken@example.com', 'ken-demo-pass');
  expect((await request.put(`${api}/invitations/${invitation.id}`, { headers: { 'X-Auth-Token': ken } })).status()).toBe(200);
  return org;
}

/** The member emails of `org`, straight from the server. */
async function memberEmails(request: APIRequestContext, token: string, org: string): Promise<string[]> {
  const list = await (await request.get(`${api}/organizations/${org}/members?include=user&per_page=100`, { headers: { 'X-Auth-Token': token } })).json();
  return list.members.map((m: { user: { email: string } }) => m.user.email);
}

async function removeKen(page: Page) {
  await page.getByRole('button', { name: 'Manage Ken Thompson' }).click();
  await page.getByRole('dialog', { name: 'Manage Ken Thompson' }).getByRole('button', { name: 'Remove from organization' }).click();
  await page.getByRole('dialog', { name: 'Remove Ken Thompson?' }).getByRole('button', { name: 'Remove Ken Thompson' }).click();
  await expect(page.getByRole('region', { name: 'Changes you can undo' })).toContainText('Removed Ken Thompson');
  await expect(page.getByRole('row', { name: /Ken Thompson/ })).toHaveCount(0);
}

test('undo within the window keeps the member: nothing is sent', async ({ page }) => {
  const org = await orgWithKen(page.request);
  await signInWith(page, demo.owner.email, demo.owner.password, `/orgs/${org.id}/members`);
  const deletes: string[] = [];
  page.on('request', (r) => { if (r.method() === 'DELETE') deletes.push(r.url()); });
  await removeKen(page);
  await page.getByRole('button', { name: 'Undo: Removed Ken Thompson' }).click();
  await expect(page.getByRole('row', { name: /Ken Thompson/ })).toHaveCount(1);
  // Past the window: still a member, and no DELETE ever left.
  await page.waitForTimeout(11_000);
  expect(deletes).toEqual([]);
  expect(await memberEmails(page.request, org.token, org.id)).toContain('ken@example.com');
});

test('after the window the removal is sent, and the member is gone', async ({ page }) => {
  const org = await orgWithKen(page.request);
  await signInWith(page, demo.owner.email, demo.owner.password, `/orgs/${org.id}/members`);
  await removeKen(page);
  // Still held a moment later...
  expect(await memberEmails(page.request, org.token, org.id)).toContain('ken@example.com');
  // ...and sent when the toast runs out.
  await expect(page.getByText('Removed Ken Thompson from the organization.')).toBeVisible({ timeout: 15_000 });
  await expect(page.getByRole('region', { name: 'Changes you can undo' })).not.toContainText('Removed Ken Thompson');
  expect(await memberEmails(page.request, org.token, org.id)).not.toContain('ken@example.com');
  await expect(page.getByRole('row', { name: /Ken Thompson/ })).toHaveCount(0);
});

test('leaving the page sends what the toast held, within the console and when the tab goes', async ({ page }) => {
  const org = await orgWithKen(page.request);
  await signInWith(page, demo.owner.email, demo.owner.password, `/orgs/${org.id}/members`);
  await removeKen(page);
  await page.getByRole('navigation', { name: 'Organization' }).getByRole('link', { name: 'General' }).click();
  await expect.poll(() => memberEmails(page.request, org.token, org.id), { timeout: 5_000 }).not.toContain('ken@example.com');

  // A revoke held when the page is reloaded (the tab unloads) still reaches the server.
  await invite(page.request, org.token, org.id, 'going@example.com', 'billing');
  await page.goto(`/orgs/${org.id}/members?tab=invitations`);
  await page.getByRole('button', { name: 'Actions for the invitation to going@example.com' }).click();
  await page.getByRole('menuitem', { name: 'Revoke the invitation to going@example.com' }).click();
  await page.getByRole('dialog', { name: 'Revoke the invitation to going@example.com?' }).getByRole('button', { name: 'Revoke invitation' }).click();
  await expect(page.getByRole('region', { name: 'Changes you can undo' })).toContainText('Revoked the invitation to going@example.com');
  await page.reload();
  const pending = async () => {
    const list = await (await page.request.get(`${api}/organizations/${org.id}/invitations`, { headers: { 'X-Auth-Token': org.token } })).json();
    return list.invitations.map((i: { invitee: string }) => i.invitee);
  };
  await expect.poll(pending, { timeout: 5_000 }).not.toContain('going@example.com');
});

test('signing out sends what the toast held before the session ends', async ({ page }) => {
  const org = await orgWithKen(page.request);
  await signInWith(page, demo.owner.email, demo.owner.password, `/orgs/${org.id}/members`);
  await removeKen(page);
  await page.getByRole('navigation', { name: 'Organization' }).getByRole('button', { name: 'Logout' }).click();
  await expect(page).toHaveURL(/\/sign-in$/);
  // Sent with the session's token before it was ended, not refused with a 401 after.
  expect(await memberEmails(page.request, org.token, org.id)).not.toContain('ken@example.com');
});
