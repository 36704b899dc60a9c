import { test, expect, type Page } from '@playwright/test';
import { type DemoRole, demo, expectAccessible, invite, newOrganization, orgId, signInAs, signInWith, screenshot } from './support';

async function openMembers(page: Page, who: DemoRole, org = 'MO TEST'): Promise<{ token: string; id: string }> {
  const token = await signInAs(page, who);
  const id = await orgId(page.request, token, org);
  await page.goto(`/orgs/${id}/members`);
  await expect(page.getByRole('heading', { name: 'Organization Members' })).toBeVisible();
  await expect(page.locator('table.members tbody tr').first()).toBeVisible();
  return { token, id };
}

const row = (page: Page, text: string) => page.locator('table.members tbody tr').filter({ hasText: text });

test('the table matches the API for MO TEST', async ({ page }) => {
  const { token, id } = await openMembers(page, 'owner');
  const api = await (await page.request.get(`/metal/v1/organizations/${id}/members?include=user&per_page=100`, { headers: { 'X-Auth-Token': token } })).json();
  const rows = page.locator('table.members tbody tr');
  await expect(rows).toHaveCount(api.members.length);
  await expect(page.getByText(`${api.members.length} members`)).toBeVisible();
  // "Off" for two-factor authentication is marked; the others are not.
  const off = api.members.filter((m: { user: { two_factor_auth: string } }) => m.user.two_factor_auth === '').length;
  await expect(page.locator('td.two-factor-off')).toHaveCount(off);
  await expect(page.locator('td.two-factor-off').first()).toHaveText('Off');
  const roleLabel: Record<string, string> = { owner: 'Owner', admin: 'Admin', collaborator: 'Collaborator', limited_collaborator: 'Limited collaborator', billing: 'Billing' };
  for (const m of api.members) {
    const r = row(page, m.user.email);
    await expect(r).toContainText(m.user.full_name);
    await expect(r.locator('td[data-label="Role"]')).toHaveText(roleLabel[m.roles[0]]);
  }
  // The user's own row comes first, marked.
  await expect(rows.first()).toContainText('Packet Sloth');
  await expect(rows.first().getByText('You', { exact: true })).toBeVisible();
  await expectAccessible(page, 'Members as owner');
  await screenshot(page, 'members-owner-1280');
});

// Owners manage every row, admins every row but owners', the rest none (the contract's matrix).
const controls: Record<DemoRole, { invite: boolean; manage: 'all' | 'non-owners' | 'none' }> = {
  owner: { invite: true, manage: 'all' },
  admin: { invite: true, manage: 'non-owners' },
  collaborator: { invite: false, manage: 'none' },
  limited_collaborator: { invite: false, manage: 'none' },
  billing: { invite: false, manage: 'none' },
};
for (const [who, want] of Object.entries(controls) as [DemoRole, (typeof controls)[DemoRole]][]) {
  test(`the ${who} sees exactly the member controls the matrix allows`, async ({ page }) => {
    const { token, id } = await openMembers(page, who);
    const api = await (await page.request.get(`/metal/v1/organizations/${id}/members?per_page=1000`, { headers: { 'X-Auth-Token': token } })).json();
    const owners = api.members.filter((m: { roles: string[] }) => m.roles[0] === 'owner').length;
    const manageable = { all: api.members.length, 'non-owners': api.members.length - owners, none: 0 }[want.manage];
    await expect(page.getByRole('button', { name: '+ Invite New Member' })).toHaveCount(want.invite ? 1 : 0);
    await expect(page.getByRole('button', { name: /^Manage / })).toHaveCount(manageable);
    await expect(page.getByRole('tab', { name: /Invitations/ })).toHaveCount(want.invite ? 1 : 0);
    await expect(page.getByRole('columnheader', { name: '2FA' })).toHaveCount(want.invite ? 1 : 0);
    await expect(page.getByRole('checkbox', { name: 'Only 2FA off' })).toHaveCount(want.invite ? 1 : 0);
    // The page says what this reader can do there, in plain English.
    await expect(page.locator('.page-header .lead')).toHaveText(want.invite
      ? 'Invite people, change their roles and projects, or remove them from the organization.'
      : 'The people in this organization and their roles. Owners and admins manage who is in it.');
    if (!want.invite) await expect(page.locator('table.members select, table.members input')).toHaveCount(0);
    await expectAccessible(page, `Members as ${who}`);
  });
}

test('an admin cannot manage the owner', async ({ page }) => {
  await openMembers(page, 'admin');
  await expect(row(page, 'Packet Sloth').getByRole('button', { name: /Manage/ })).toHaveCount(0);
  await expect(row(page, 'Margaret Hamilton').getByRole('button', { name: 'Manage Margaret Hamilton' })).toBeVisible();
});

test('an admin changes a collaborator to billing, and it persists', async ({ page }) => {
  await openMembers(page, 'admin');
  await page.getByRole('button', { name: 'Manage Katherine Johnson' }).click();
  const dialog = page.getByRole('dialog', { name: 'Manage Katherine Johnson' });
  // Admins are not offered Owner.
  await expect(dialog.getByRole('radio', { name: /Owner/ })).toHaveCount(0);
  await expectAccessible(page, 'the manage dialog');
  await dialog.getByRole('radio', { name: /Billing/ }).check();
  await dialog.getByRole('button', { name: 'Save' }).click();
  await expect(dialog).toBeHidden();
  await expect(row(page, 'Katherine Johnson').locator('td[data-label="Role"]')).toHaveText('Billing');
  await page.reload();
  await expect(row(page, 'Katherine Johnson').locator('td[data-label="Role"]')).toHaveText('Billing');
});

test("a collaborator's projects are edited, at least one required", async ({ page }) => {
  const { token, id } = await openMembers(page, 'owner');
  await page.getByRole('button', { name: 'Manage Edsger Dijkstra' }).click();
  const dialog = page.getByRole('dialog', { name: 'Manage Edsger Dijkstra' });
  await expect(dialog.getByRole('radio', { name: /Owner/ })).toHaveCount(1);
  const checked = dialog.getByRole('checkbox', { checked: true });
  await expect(checked).toHaveCount(1);
  await checked.uncheck();
  await dialog.getByRole('button', { name: 'Save' }).click();
  await expect(dialog.getByText('Choose at least one project for a collaborator.')).toBeVisible();
  await dialog.getByRole('checkbox', { name: 'Staging' }).check();
  await dialog.getByRole('checkbox', { name: 'Edge Cache' }).check();
  await dialog.getByRole('button', { name: 'Save' }).click();
  await expect(dialog).toBeHidden();
  const api = await (await page.request.get(`/metal/v1/organizations/${id}/members?include=user,projects&per_page=100`, { headers: { 'X-Auth-Token': token } })).json();
  const edsger = api.members.find((m: { user: { email: string } }) => m.user.email === 'edsger@example.com');
  expect(edsger.projects.map((p: { name: string }) => p.name).sort()).toEqual(['Edge Cache', 'Staging']);
});

test('a member is removed after a confirmation that names them', async ({ page }) => {
  await openMembers(page, 'owner');
  await page.getByRole('button', { name: 'Manage Ken Thompson' }).click();
  await page.getByRole('dialog', { name: 'Manage Ken Thompson' }).getByRole('button', { name: 'Remove from organization' }).click();
  const confirm = page.getByRole('dialog', { name: 'Remove Ken Thompson?' });
  await expectAccessible(page, 'the remove confirmation');
  await confirm.getByRole('button', { name: 'Remove Ken Thompson' }).click();
  // Held for undo first; dismissing the toast sends it at once.
  const held = page.getByRole('region', { name: 'Changes you can undo' });
  await expect(held).toContainText('Removed Ken Thompson');
  await expect(row(page, 'Ken Thompson')).toHaveCount(0);
  await held.getByRole('button', { name: 'Dismiss' }).click();
  await expect(page.getByText('Removed Ken Thompson from the organization.')).toBeVisible();
  await expect(row(page, 'Ken Thompson')).toHaveCount(0);
});

test('a member leaves and lands in another organization', async ({ page }) => {
  // Ada is billing in Sloth Labs; no other spec needs her there.
  const token = await signInAs(page, 'admin');
  const labs = await orgId(page.request, token, 'Sloth Labs');
  await page.goto(`/orgs/${labs}/members`);
  await row(page, 'Ada Lovelace').getByRole('button', { name: 'More actions for you' }).click();
  await page.getByRole('menuitem', { name: 'Leave organization' }).click();
  const dialog = page.getByRole('dialog', { name: 'Leave Sloth Labs?' });
  await expectAccessible(page, 'the leave dialog');
  await dialog.getByRole('button', { name: 'Leave organization' }).click();
  await expect(page.getByText('You left Sloth Labs.')).toBeVisible();
  await expect(page).not.toHaveURL(new RegExp(labs));
  await page.getByRole('button', { name: /switch organization/ }).click();
  await expect(page.getByRole('option', { name: /Sloth Labs/ })).toHaveCount(0);
});

test('the last owner is told why they cannot be demoted, removed or leave', async ({ page }) => {
  await openMembers(page, 'owner');
  await page.getByRole('button', { name: 'Manage Packet Sloth' }).click();
  const dialog = page.getByRole('dialog', { name: 'Manage Packet Sloth' });
  await expect(dialog).toContainText("Packet Sloth is the organization's last owner");
  await expect(dialog.getByRole('radio')).toHaveCount(0);
  await expect(dialog.getByRole('button', { name: 'Remove from organization' })).toHaveCount(0);
  await dialog.getByRole('button', { name: 'Close' }).first().click();
  // Leave is not offered to the only owner: the menu says why instead.
  await row(page, 'Packet Sloth').getByRole('button', { name: 'More actions for you' }).click();
  // Its name is just what it is; the reason is its description (read once, not as the name).
  const leave = page.getByRole('menuitem', { name: 'Leave organization', exact: true });
  await expect(leave).toHaveAttribute('aria-disabled', 'true');
  await expect(leave).toHaveAccessibleDescription(/^You are the last owner of this organization, so you cannot leave it\./);
  await expect(page.getByRole('menu', { name: 'More actions for you' })).toContainText('You are the last owner of this organization, so you cannot leave it.');
  await expect(leave).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(page.getByRole('dialog', { name: 'Leave MO TEST?' })).toHaveCount(0);
});

test('a server refusal is shown in the dialog, which keeps the choice', async ({ page }) => {
  const { id } = await openMembers(page, 'owner');
  await page.route(`**/metal/v1/organizations/${id}/members/*`, (route) =>
    route.request().method() === 'PUT'
      ? route.fulfill({ status: 422, contentType: 'application/json', body: JSON.stringify({ errors: ['Margaret Hamilton cannot be changed right now'] }) })
      : route.continue(),
  );
  await page.getByRole('button', { name: 'Manage Margaret Hamilton' }).click();
  const dialog = page.getByRole('dialog', { name: 'Manage Margaret Hamilton' });
  await dialog.getByRole('radio', { name: /Billing/ }).check();
  await dialog.getByRole('button', { name: 'Save' }).click();
  await expect(dialog.getByRole('alert')).toHaveText('Margaret Hamilton cannot be changed right now');
  await expect(dialog.getByRole('radio', { name: /Billing/ })).toBeChecked();
});

test('pending invitations: resend renews the expiry, revoke removes, copy puts the link on the clipboard', async ({ page, context }) => {
  await context.grantPermissions(['clipboard-read', 'clipboard-write']);
  const { token, id } = await openMembers(page, 'owner');
  const headers = { 'X-Auth-Token': token };
  const list = async () => (await (await page.request.get(`/metal/v1/organizations/${id}/invitations?per_page=100`, { headers })).json()).invitations;
  const before = (await list()).find((i: { invitee: string }) => i.invitee === 'finance@example.org');
  await page.getByRole('tab', { name: /Invitations/ }).click();
  await expect(page).toHaveURL(/\?tab=invitations$/);
  await expect(page.getByRole('tab', { name: /Invitations/ })).toHaveAttribute('aria-selected', 'true');
  await expectAccessible(page, 'Members with pending invitations');
  const actions = (who: string) => page.getByRole('button', { name: `Actions for the invitation to ${who}` });
  await actions('finance@example.org').click();
  await expectAccessible(page, 'an invitation menu');
  await page.getByRole('menuitem', { name: 'Resend the invitation to finance@example.org' }).click();
  await expect(page.getByText(/Sent the invitation to finance@example.org again; it now expires/)).toBeVisible();
  const after = (await list()).find((i: { invitee: string }) => i.invitee === 'finance@example.org');
  expect(after.expires_at > before.expires_at).toBe(true);
  expect(after.nonce).not.toBe(before.nonce);

  await actions('new.hire@example.com').click();
  await page.getByRole('menuitem', { name: 'Copy link for new.hire@example.com' }).click();
  await expect(page.getByText('Link copied')).toBeVisible();
  const hire = (await list()).find((i: { invitee: string }) => i.invitee === 'new.hire@example.com');
  const clip = await page.evaluate(() => navigator.clipboard.readText());
  expect(clip).toBe(`${new URL(page.url()).origin}/invitations/${hire.id}?nonce=${hire.nonce}`);

  await actions('contractor@example.net').click();
  await page.getByRole('menuitem', { name: 'Revoke the invitation to contractor@example.net' }).click();
  await expectAccessible(page, 'the revoke confirmation');
  await page.getByRole('dialog', { name: 'Revoke the invitation to contractor@example.net?' }).getByRole('button', { name: 'Revoke invitation' }).click();
  await page.getByRole('region', { name: 'Changes you can undo' }).getByRole('button', { name: 'Dismiss' }).click();
  await expect(page.getByText('Revoked the invitation to contractor@example.net.')).toBeVisible();
  expect((await list()).some((i: { invitee: string }) => i.invitee === 'contractor@example.net')).toBe(false);
  await expect(page.getByRole('cell', { name: 'contractor@example.net' })).toHaveCount(0);
  await expect(page.locator('tr').filter({ hasText: 'late.reply@example.com' }).getByText('Expired')).toBeVisible();
  // Expired invitations come first: they are the ones that need an answer.
  await expect(page.locator('table.invitations tbody tr').first()).toContainText('Expired');
});

test('manage and revoke work from the keyboard alone', async ({ page }) => {
  await openMembers(page, 'owner');
  // Tab to the manage button of Margaret Hamilton.
  const target = page.getByRole('button', { name: 'Manage Margaret Hamilton' });
  await page.locator('#member-search').focus();
  for (let i = 0; i < 80 && !(await target.evaluate((el) => el === document.activeElement)); i++) await page.keyboard.press('Tab');
  await expect(target).toBeFocused();
  await page.keyboard.press('Enter');
  const dialog = page.getByRole('dialog', { name: 'Manage Margaret Hamilton' });
  await expect(dialog).toBeVisible();
  await expect(dialog.getByRole('radio', { name: /Admin/ })).toBeFocused();
  await page.keyboard.press('ArrowDown');
  await expect(dialog.getByRole('radio', { name: /Collaborator/ }).first()).toBeChecked();
  await page.keyboard.press('ArrowDown');
  await page.keyboard.press('ArrowDown');
  await expect(dialog.getByRole('radio', { name: /Billing/ })).toBeChecked();
  const save = dialog.getByRole('button', { name: 'Save' });
  for (let i = 0; i < 10 && !(await save.evaluate((el) => el === document.activeElement)); i++) await page.keyboard.press('Tab');
  await page.keyboard.press('Enter');
  await expect(dialog).toBeHidden();
  await expect(target).toBeFocused();
  await expect(row(page, 'Margaret Hamilton').locator('td[data-label="Role"]')).toHaveText('Billing');

  // The Invitations tab, by arrow key; then the invitation's menu, by Tab, Enter and arrows.
  const tab = page.getByRole('tab', { name: /Members/ });
  for (let i = 0; i < 80 && !(await tab.evaluate((el) => el === document.activeElement)); i++) await page.keyboard.press('Shift+Tab');
  await page.keyboard.press('ArrowRight');
  await expect(page.getByRole('tab', { name: /Invitations/ })).toBeFocused();
  await expect(page.getByRole('tab', { name: /Invitations/ })).toHaveAttribute('aria-selected', 'true');
  const menu = page.getByRole('button', { name: 'Actions for the invitation to late.reply@example.com' });
  for (let i = 0; i < 80 && !(await menu.evaluate((el) => el === document.activeElement)); i++) await page.keyboard.press('Tab');
  await expect(menu).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(page.getByRole('menuitem', { name: 'Resend the invitation to late.reply@example.com' })).toBeFocused();
  await page.keyboard.press('End');
  const revoke = page.getByRole('menuitem', { name: 'Revoke the invitation to late.reply@example.com' });
  await expect(revoke).toBeFocused();
  await page.keyboard.press('Enter');
  const confirm = page.getByRole('dialog', { name: 'Revoke the invitation to late.reply@example.com?' });
  await expect(confirm).toBeVisible();
  // Focus moves in a frame after the dialog mounts; a key pressed before would land on the page.
  await expect(confirm.getByRole('button', { name: 'Keep it' })).toBeFocused();
  await page.keyboard.press('Tab');
  await expect(confirm.getByRole('button', { name: 'Revoke invitation' })).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(page.getByRole('region', { name: 'Changes you can undo' })).toContainText('Revoked the invitation to late.reply@example.com');
  // The toast is reachable by keyboard: Undo is a Tab away after the page's content.
  const undo = page.getByRole('button', { name: 'Undo: Revoked the invitation to late.reply@example.com' });
  for (let i = 0; i < 80 && !(await undo.evaluate((el) => el === document.activeElement)); i++) await page.keyboard.press('Tab');
  await expect(undo).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(page.locator('tr').filter({ hasText: 'late.reply@example.com' })).toHaveCount(1);
});

test('at 390 px members are cards, sortable from a menu', async ({ page }) => {
  await page.setViewportSize({ width: 390, height: 844 });
  await openMembers(page, 'collaborator');
  await page.getByLabel('Sort by').selectOption('email');
  await expect(page.locator('table.members tbody tr').first()).toContainText('ada@example.com');
  await expectAccessible(page, 'Members at 390 px');
  await screenshot(page, 'members-collaborator-390');
});

test('at 390 px each person is one short row, and tapping it opens Manage', async ({ page }) => {
  await page.setViewportSize({ width: 390, height: 844 });
  await openMembers(page, 'owner');
  const rows = page.locator('table.members tbody tr');
  for (const box of await rows.evaluateAll((trs) => trs.map((tr) => tr.getBoundingClientRect().height))) {
    expect(box).toBeGreaterThanOrEqual(56);
    expect(box).toBeLessThanOrEqual(80);
  }
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
  // A tap on the person, not on a button, opens Manage.
  const address = row(page, 'Margaret Hamilton').getByText('margaret@example.com');
  await address.scrollIntoViewIfNeeded();
  const email = await address.boundingBox();
  await page.mouse.click(email!.x + email!.width / 2, email!.y + email!.height / 2);
  await expect(page.getByRole('dialog', { name: 'Manage Margaret Hamilton' })).toBeVisible();
  await page.keyboard.press('Escape');
  await page.getByRole('tab', { name: /Invitations/ }).click();
  const invitations = page.locator('table.invitations tbody tr');
  await expect(invitations.first()).toBeVisible();
  await expect(invitations.first().getByRole('button', { name: /^Actions for the invitation to / })).toBeVisible();
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
  await expectAccessible(page, 'Invitations at 390 px');
});

test('a search filters as it is typed and reaches the URL once typing pauses; Back while typing wins', async ({ page }) => {
  await openMembers(page, 'owner');
  const rows = page.locator('table.members tbody tr');
  const search = page.getByRole('searchbox', { name: 'Search members' });
  await search.pressSequentially('lovelace');
  await expect(rows).toHaveCount(1);
  await expect(rows.first()).toContainText('Ada Lovelace');
  await expect(page).toHaveURL(/\?q=lovelace$/);
  await page.reload();
  await expect(search).toHaveValue('lovelace');
  await expect(rows).toHaveCount(1);
  // A search still waiting for its pause loses to Back: the view Back leads to is shown,
  // and the search does not reach the URL afterwards.
  await search.fill('');
  await page.getByRole('combobox', { name: 'Role' }).selectOption('billing');
  await expect(page).toHaveURL(/\?role=billing$/);
  await search.fill('margaret');
  await page.goBack();
  await expect(page).toHaveURL(/\?q=lovelace$/);
  await page.waitForTimeout(600);
  await expect(page).toHaveURL(/\?q=lovelace$/);
  await expect(search).toHaveValue('lovelace');
  await expect(rows).toHaveCount(1);
});

test('the 2FA-off filter keeps only members without two-factor authentication, in the URL', async ({ page }) => {
  const { token, id } = await openMembers(page, 'owner');
  const api = await (await page.request.get(`/metal/v1/organizations/${id}/members?include=user&per_page=100`, { headers: { 'X-Auth-Token': token } })).json();
  const off = api.members.filter((m: { user: { two_factor_auth: string } }) => m.user.two_factor_auth === '');
  await page.getByRole('checkbox', { name: 'Only 2FA off' }).check();
  await expect(page).toHaveURL(/\?2fa=off$/);
  await expect(page.getByText(`Showing ${off.length} of ${api.members.length} members`)).toBeVisible();
  await expect(page.locator('table.members tbody tr')).toHaveCount(off.length);
  await expect(page.locator('table.members tbody td.two-factor-off')).toHaveCount(off.length);
  await page.reload();
  await expect(page.getByRole('checkbox', { name: 'Only 2FA off' })).toBeChecked();
  await expect(page.locator('table.members tbody tr')).toHaveCount(off.length);
});

test('at 1280 px a member row is about 56 px tall and a name stays on one line', async ({ page }) => {
  await page.setViewportSize({ width: 1280, height: 800 });
  await openMembers(page, 'owner');
  const rows = page.locator('table.members tbody tr');
  for (const height of await rows.evaluateAll((trs) => trs.map((tr) => tr.getBoundingClientRect().height))) {
    expect(height).toBeGreaterThanOrEqual(48);
    expect(height).toBeLessThanOrEqual(64);
  }
  const lines = await page.locator('table.members td.member .name').evaluateAll((names) => names.map((n) => n.getClientRects().length));
  expect(new Set(lines)).toEqual(new Set([1]));
  // No separate EMAIL column at this width: the email sits under the name.
  await expect(page.getByRole('columnheader')).toHaveText(['Select', /Name.*Email/, 'Role', 'Joined', '2FA', 'Last active', 'Actions']);
});

test('invitation menus: a revoke refused after the undo window brings its row back with the reason; focus stays in the list after resend and revoke', async ({ page }) => {
  const org = await newOrganization(page.request, 'Menu Focus Co');
  for (const who of ['a.first@example.com', 'b.second@example.com', 'c.third@example.com']) await invite(page.request, org.token, org.id, who, 'billing');
  await signInWith(page, demo.owner.email, demo.owner.password, `/orgs/${org.id}/members?tab=invitations`);
  const actions = (who: string) => page.getByRole('button', { name: `Actions for the invitation to ${who}` });
  await expect(actions('b.second@example.com')).toBeVisible();

  // Resend: the row stays, its menu button keeps focus, the expiry is the renewed one.
  await actions('b.second@example.com').click();
  await page.getByRole('menuitem', { name: 'Resend the invitation to b.second@example.com' }).click();
  await expect(page.getByText(/Sent the invitation to b.second@example.com again/)).toBeVisible();
  await expect(actions('b.second@example.com')).toBeFocused();

  // A revoke the server refuses (once the undo window is over) brings its row back with the reason.
  await page.route('**/metal/v1/invitations/*', (route) =>
    route.request().method() === 'DELETE'
      ? route.fulfill({ status: 500, contentType: 'application/json', body: JSON.stringify({ errors: ['The database is busy'] }) })
      : route.continue(),
  );
  await actions('b.second@example.com').click();
  await page.getByRole('menuitem', { name: 'Revoke the invitation to b.second@example.com' }).click();
  const confirm = page.getByRole('dialog', { name: 'Revoke the invitation to b.second@example.com?' });
  await confirm.getByRole('button', { name: 'Revoke invitation' }).click();
  const held = page.getByRole('region', { name: 'Changes you can undo' });
  await held.getByRole('button', { name: 'Dismiss' }).click();
  // Refused once sent: the row comes back, and the reason is said.
  await expect(page.getByRole('alert').filter({ hasText: 'The invitation to b.second@example.com was not revoked: The database is busy' })).toBeVisible();
  await expect(page.locator('tr').filter({ hasText: 'b.second@example.com' })).toHaveCount(1);
  await page.unroute('**/metal/v1/invitations/*');

  // Revoked: focus moves to the next invitation's menu button, not to the page.
  await actions('b.second@example.com').click();
  await page.getByRole('menuitem', { name: 'Revoke the invitation to b.second@example.com' }).click();
  await confirm.getByRole('button', { name: 'Revoke invitation' }).click();
  await expect(page.locator('table.invitations .menu-trigger:focus')).toHaveCount(1);
  await held.getByRole('button', { name: 'Dismiss' }).click();
  await expect(page.getByText('Revoked the invitation to b.second@example.com.')).toBeVisible();
  await expect(page.locator('table.invitations tbody tr')).toHaveCount(2);
});

test('switching tabs keeps the members view in the URL, and a phone menu is not hidden under the next rows', async ({ page }) => {
  const { id } = await openMembers(page, 'owner');
  await page.goto(`/orgs/${id}/members?q=a&role=billing`);
  await page.getByRole('tab', { name: /Invitations/ }).click();
  await expect(page).toHaveURL(/\?q=a&role=billing&tab=invitations$/);
  await page.getByRole('tab', { name: /Members/ }).click();
  await expect(page.getByLabel('Search members')).toHaveValue('a');
  await expect(page.getByLabel('Role', { exact: true })).toHaveValue('billing');
  // At 390 px the open list of the first row's menu lies over the second row; its last
  // entry must be the thing a tap hits.
  await page.setViewportSize({ width: 390, height: 844 });
  await page.getByRole('tab', { name: /Invitations/ }).click();
  await page.locator('table.invitations tbody tr').first().getByRole('button', { name: /^Actions for/ }).click();
  const revoke = page.getByRole('menuitem', { name: /^Revoke the invitation to / });
  const box = (await revoke.boundingBox())!;
  const hit = await page.evaluate(([x, y]) => document.elementFromPoint(x, y)?.closest('[role=menuitem]')?.getAttribute('aria-label') ?? null, [box.x + box.width / 2, box.y + box.height / 2]);
  expect(hit).toMatch(/^Revoke the invitation to /);
});

test('a cold members page asks for what it draws: four requests, projects and waiting invitations when first shown', async ({ page }) => {
  const token = await signInAs(page, 'owner', '/config.json');
  const id = await orgId(page.request, token, 'MO TEST');
  const asked: string[] = [];
  page.on('request', (r) => {
    const url = new URL(r.url());
    if (url.pathname.startsWith('/metal/v1/')) asked.push(url.pathname.replace(id, ':org'));
  });
  await page.goto(`/orgs/${id}/members`);
  await expect(page.locator('table.members tbody tr').first()).toBeVisible();
  await expect(page.getByRole('tab', { name: /Invitations \d+/ })).toBeVisible();
  await page.waitForLoadState('networkidle');
  expect(asked.sort()).toEqual(['/metal/v1/organizations', '/metal/v1/organizations/:org/invitations', '/metal/v1/organizations/:org/members', '/metal/v1/user']);
  // Choosing a collaborator's projects fetches them, once.
  await page.getByRole('button', { name: 'Manage Edsger Dijkstra' }).click();
  await expect(page.getByRole('dialog', { name: 'Manage Edsger Dijkstra' }).getByRole('checkbox', { name: 'Staging' })).toBeVisible();
  await page.keyboard.press('Escape');
  await page.getByRole('button', { name: '+ Invite New Member' }).click();
  await page.getByRole('dialog').getByRole('radio', { name: /^Collaborator/ }).check();
  await expect(page.getByRole('dialog').getByRole('checkbox', { name: 'Staging' })).toBeVisible();
  expect(asked.filter((p) => p === '/metal/v1/organizations/:org/projects')).toHaveLength(1);
  // The invitations waiting for the user are asked for when the switcher shows them.
  expect(asked).not.toContain('/metal/v1/invitations');
});
