import { test, expect, type Page } from '@playwright/test';
import { expectAccessible, orgId, signInAs } from './support';

const api = '/metal/v1';
// Seeded by scripts/e2e-server: the demo owner and 300 members, 60 of each role but
// collaborator (120); pages of 50, so each role's filter spans two pages.
const BULK = 'Large Org (300 members)';

function rows(page: Page) {
  return page.locator('table.members tbody tr');
}

async function roleCounts(page: Page, token: string, org: string): Promise<Record<string, number>> {
  const list = await (await page.request.get(`${api}/organizations/${org}/members?per_page=1000`, { headers: { 'X-Auth-Token': token } })).json();
  const counts: Record<string, number> = {};
  for (const m of list.members) counts[m.roles[0]] = (counts[m.roles[0]] ?? 0) + 1;
  return counts;
}

/** Picks every member the filtered table matches, across its pages. */
async function selectAllMatching(page: Page, matching: number) {
  await page.getByRole('checkbox', { name: 'Select every member on this page' }).check();
  const bar = page.getByRole('region', { name: 'Selected members' });
  await expect(bar).toContainText('50 selected');
  await bar.getByRole('button', { name: `Select all ${matching} matching` }).click();
  await expect(bar).toContainText(`${matching} selected`);
  return bar;
}

test('only rows the permission table lets you manage have a checkbox', async ({ page }) => {
  const token = await signInAs(page, 'admin');
  const mo = await orgId(page.request, token, 'MO TEST');
  await page.goto(`/orgs/${mo}/members`);
  await expect(page.getByRole('checkbox', { name: 'Select Katherine Johnson' })).toBeVisible();
  // Admins do not manage owners: no checkbox on the owner's row.
  await expect(page.getByRole('checkbox', { name: 'Select Packet Sloth' })).toHaveCount(0);
  const collaborator = await signInAs(page, 'collaborator');
  await page.goto(`/orgs/${await orgId(page.request, collaborator, 'MO TEST')}/members`);
  await expect(rows(page).first()).toBeVisible();
  await expect(page.locator('table.members input[type=checkbox]')).toHaveCount(0);
});

test('a bulk role change over two pages of a filtered table gives each member a result; the last owner is refused', async ({ page }) => {
  const token = await signInAs(page, 'owner');
  const org = await orgId(page.request, token, BULK);
  await page.goto(`/orgs/${org}/members?role=billing`);
  await expect(rows(page)).toHaveCount(50);
  let bar = await selectAllMatching(page, 60);
  await bar.getByRole('button', { name: 'Change role…' }).click();
  const choose = page.getByRole('dialog', { name: 'Change the role of 60 members' });
  await choose.getByRole('radio', { name: /^Owner/ }).check();
  await choose.getByRole('button', { name: 'Continue' }).click();
  const confirm = page.getByRole('dialog', { name: 'Change 60 members to Owner?' });
  // The count and up to five names.
  await expect(confirm).toContainText(/^.*Member\d{5} Bulk\d+, .+ and 55 others will have the new role/);
  await expectAccessible(page, 'the bulk confirmation');
  await confirm.getByRole('button', { name: 'Change roles' }).click();
  const results = page.getByRole('region', { name: 'Bulk change results' });
  await expect(results.getByRole('status')).toHaveText('60 members changed.', { timeout: 20_000 });
  await expect(results.getByRole('listitem')).toHaveCount(60);
  expect((await roleCounts(page, token, org)).owner).toBe(61);

  // Every owner, the user among them, to admin: the others change first, then the user,
  // who is by then the last owner, and is told so.
  await page.goto(`/orgs/${org}/members?role=owner`);
  await expect(rows(page)).toHaveCount(50);
  bar = await selectAllMatching(page, 61);
  await bar.getByRole('button', { name: 'Change role…' }).click();
  await page.getByRole('dialog', { name: 'Change the role of 61 members' }).getByRole('radio', { name: /^Admin/ }).check();
  await page.getByRole('button', { name: 'Continue' }).click();
  await page.getByRole('dialog', { name: 'Change 61 members to Admin?' }).getByRole('button', { name: 'Change roles' }).click();
  await expect(results.getByRole('status')).toHaveText('60 changed, 1 not changed.', { timeout: 20_000 });
  await expect(results.locator('li.refused')).toHaveText(
    'Packet Sloth: Packet Sloth is the last owner of this organization and cannot be demoted; make someone else an owner first',
  );
  const counts = await roleCounts(page, token, org);
  expect([counts.owner, counts.admin]).toEqual([1, 120]);
});

test('a bulk remove over two pages is held for undo, then runs with a result per member; the last owner stays', async ({ page }) => {
  const token = await signInAs(page, 'owner');
  const org = await orgId(page.request, token, BULK);
  // Sixty more owners, through the API.
  const list = await (await page.request.get(`${api}/organizations/${org}/members?role=limited_collaborator&per_page=100`, { headers: { 'X-Auth-Token': token } })).json();
  expect(list.members).toHaveLength(60);
  for (const m of list.members) {
    const r = await page.request.put(`${api}/organizations/${org}/members/${m.id}`, { data: { roles: ['owner'] }, headers: { 'X-Auth-Token': token } });
    expect(r.status()).toBe(200);
  }
  await page.goto(`/orgs/${org}/members?role=owner`);
  await expect(rows(page)).toHaveCount(50);
  const bar = await selectAllMatching(page, 61);
  await bar.getByRole('button', { name: 'Remove…' }).click();
  const confirm = page.getByRole('dialog', { name: 'Remove 61 members?' });
  await expect(confirm).toContainText('and 56 others (including you) will lose access to this organization');
  await confirm.getByRole('button', { name: 'Remove them' }).click();
  const held = page.getByRole('region', { name: 'Changes you can undo' });
  await expect(held).toContainText('Removed 61 members');
  // Out of view while held (the user's own row too).
  await expect(rows(page)).toHaveCount(0);
  await held.getByRole('button', { name: 'Dismiss' }).click();
  const results = page.getByRole('region', { name: 'Bulk change results' });
  await expect(results.getByRole('status')).toHaveText('60 removed, 1 not removed.', { timeout: 20_000 });
  await expect(results.locator('li.refused')).toHaveText(
    'Packet Sloth: You are the last owner of this organization and cannot leave it; make someone else an owner first',
  );
  await expect(rows(page)).toHaveCount(1);
  expect((await roleCounts(page, token, org)).owner).toBe(1);
});
