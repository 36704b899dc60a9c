import { test, expect, type APIRequestContext } from '@playwright/test';
import { demo, expectAccessible, invite, newOrganization, signInAs, signInWith, tokenFor } from './support';

const api = '/metal/v1';

/** A fresh organization (its own log) where Ken Thompson accepted an invitation as a
 *  collaborator on its project. */
async function orgWithKen(request: APIRequestContext, name: string) {
  const org = await newOrganization(request, name);
  const invitation = await invite(request, org.token, org.id, 'ken@example.com', 'collaborator', [org.project]);
  const ken = await tokenFor(request, 'ken@example.com', 'ken-demo-pass');
  const accepted = await request.put(`${api}/invitations/${invitation.id}`, { headers: { 'X-Auth-Token': ken } });
  expect(accepted.status(), await accepted.text()).toBe(200);
  return org;
}

test('the Activity page tells real changes as sentences, newest first, filtered by action and person', async ({ page }) => {
  const name = `Activity ${Date.now()}`;
  const org = await orgWithKen(page.request, name);
  await signInWith(page, demo.owner.email, demo.owner.password, `/orgs/${org.id}/members`);
  // A change made in the console itself.
  await page.getByRole('button', { name: 'Manage Ken Thompson' }).click();
  const dialog = page.getByRole('dialog', { name: 'Manage Ken Thompson' });
  await dialog.getByRole('radio', { name: /^Admin/ }).check();
  await dialog.getByRole('button', { name: 'Save' }).click();
  await expect(dialog).toBeHidden();

  await page.getByRole('navigation', { name: 'Organization' }).getByRole('link', { name: 'Activity' }).click();
  await expect(page.getByRole('heading', { name: 'Activity' })).toBeVisible();
  const events = page.getByRole('list', { name: 'Activity' }).getByRole('listitem');
  await expect(events).toHaveCount(4);
  await expect(events.nth(0)).toContainText('Packet Sloth changed Ken Thompson from Collaborator to Admin');
  await expect(events.nth(1)).toContainText('Ken Thompson accepted the invitation and joined as Collaborator');
  await expect(events.nth(2)).toContainText(`Packet Sloth invited ken@example.com as Collaborator to ${name} project`);
  await expect(events.nth(3)).toContainText(`Packet Sloth created the project ${name} project`);
  // When: relative, the exact time on hover (title) and on keyboard focus.
  const when = events.nth(0).locator('time');
  await expect(when).toHaveText('just now');
  await expect(when).toHaveAttribute('title', /^\d{1,2} \w{3} \d{4}, \d{2}:\d{2} UTC$/);
  await when.focus();
  await expect(when).toBeFocused();
  await expectAccessible(page, 'the Activity page');

  await page.getByLabel('Action').selectOption({ label: 'Member invited' });
  await expect(events).toHaveCount(1);
  await expect(events.first()).toContainText('invited ken@example.com');
  await page.getByLabel('Action').selectOption({ label: 'All actions' });
  await page.getByLabel('Person').selectOption({ label: 'Ken Thompson (ken@example.com)' });
  await expect(events).toHaveCount(1);
  await expect(events.first()).toContainText('Ken Thompson accepted the invitation');
});

test("a member's Manage dialog shows their latest events", async ({ page }) => {
  const org = await orgWithKen(page.request, `History ${Date.now()}`);
  await signInWith(page, demo.owner.email, demo.owner.password, `/orgs/${org.id}/members`);
  await page.getByRole('button', { name: 'Manage Ken Thompson' }).click();
  const history = page.getByRole('dialog', { name: 'Manage Ken Thompson' }).getByRole('region', { name: 'Recent activity' });
  await expect(history.getByRole('listitem')).toHaveCount(1);
  await expect(history).toContainText('Ken Thompson accepted the invitation and joined as Collaborator');
});

test('members who do not manage see no Activity page, and the server refuses them its log', async ({ page }) => {
  const token = await signInAs(page, 'collaborator');
  const orgs = await (await page.request.get(`${api}/organizations`, { headers: { 'X-Auth-Token': token } })).json();
  const mo = orgs.organizations.find((o: { name: string }) => o.name === 'MO TEST');
  await page.goto(`/orgs/${mo.id}/activity`);
  await expect(page.getByText('Your role (collaborator) cannot see this page.')).toBeVisible();
  await expect(page.getByRole('list', { name: 'Activity' })).toHaveCount(0);
  const refused = await page.request.get(`${api}/organizations/${mo.id}/events`, { headers: { 'X-Auth-Token': token } });
  expect(refused.status()).toBe(403);
});

test('the log comes a page at a time, newest first', async ({ page }) => {
  const org = await newOrganization(page.request, `Paged ${Date.now()}`);
  // 30 more events: 31 with the first project, two pages of 25.
  for (let i = 1; i <= 30; i++) {
    const r = await page.request.post(`${api}/organizations/${org.id}/projects`, { data: { name: `P${i}` }, headers: { 'X-Auth-Token': org.token } });
    expect(r.status()).toBe(201);
  }
  await signInWith(page, demo.owner.email, demo.owner.password, `/orgs/${org.id}/activity`);
  const events = page.getByRole('list', { name: 'Activity' }).getByRole('listitem');
  await expect(events).toHaveCount(25);
  await expect(events.first()).toContainText('created the project P30');
  const pages = page.getByRole('navigation', { name: 'Activity pages' });
  await expect(pages).toContainText('Page 1 of 2');
  await pages.getByRole('button', { name: 'Next' }).click();
  await expect(events).toHaveCount(6);
  await expect(events.last()).toContainText(`created the project Paged`);
  await expect(pages.getByRole('button', { name: 'Next' })).toBeDisabled();
});
