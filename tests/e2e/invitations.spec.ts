import { test, expect, type Page } from '@playwright/test';
import { demo, emailedLink, expectAccessible, invite, newOrganization, orgId, screenshot, signInAs, signInWith, tokenFor } from './support';

async function openInvite(page: Page, who: 'owner' | 'admin' = 'owner'): Promise<{ token: string; id: string }> {
  const token = await signInAs(page, who);
  const id = await orgId(page.request, token, 'MO TEST');
  await page.goto(`/orgs/${id}/members`);
  await expect(page.locator('table.members tbody tr').first()).toBeVisible();
  // The tab's count shows once the server has counted the pending invitations.
  await expect(page.getByRole('tab', { name: /^Invitations \d+$/ })).toBeVisible();
  // The dialog asks for the list itself (to mark addresses already invited): the specs
  // start once it has it, so an invitation they make afterwards is news to the page.
  const list = page.waitForResponse((r) => r.url().includes(`/organizations/${id}/invitations?include=`));
  await page.getByRole('button', { name: '+ Invite New Member' }).click();
  await expect(page.getByRole('dialog', { name: 'Invite New Member' })).toBeVisible();
  await list;
  return { token, id };
}

const chips = (page: Page) => page.getByRole('list', { name: 'Addresses to invite' }).getByRole('listitem');

test('a pasted mixed list becomes chips, and each sent address gets its own result', async ({ page }) => {
  await openInvite(page);
  const dialog = page.getByRole('dialog', { name: 'Invite New Member' });
  const field = dialog.getByLabel('Email addresses');
  await expect(field).toBeFocused();
  await field.evaluate((el, text) => {
    const data = new DataTransfer();
    data.setData('text', text);
    el.dispatchEvent(new ClipboardEvent('paste', { clipboardData: data, bubbles: true, cancelable: true }));
  }, 'Ann Example <ann@example.com>; bob@example.com, BOB@example.com\nnot-an-address ada@example.com new.hire@example.com');
  await expect(chips(page)).toHaveCount(5);
  await expect(chips(page).filter({ hasText: 'not-an-address' })).toContainText('not a valid email address: it has no @');
  await expect(chips(page).filter({ hasText: 'ada@example.com' })).toContainText('already a member');
  await expect(chips(page).filter({ hasText: 'new.hire@example.com' })).toContainText('already invited');
  await expect(dialog.getByText('3 addresses will be skipped: 1 not valid, 1 already a member, 1 already invited.')).toBeVisible();
  await expect(dialog.getByRole('group', { name: 'Projects' })).toBeVisible();
  await dialog.getByRole('radio', { name: /Billing/ }).check();
  // Projects are asked for collaborator roles only; the chosen role is described once.
  await expect(dialog.getByRole('group', { name: 'Projects' })).toHaveCount(0);
  await expect(dialog.getByRole('group', { name: 'Role' })).toHaveAccessibleDescription('Sees and manages billing and payment methods only.');
  await expectAccessible(page, 'the invite modal with chips');
  await screenshot(page, 'invite-modal-1280', false);
  await dialog.getByRole('button', { name: 'Send 2 invitations' }).click();
  const results = dialog.locator('.invite-results li');
  await expect(results).toHaveCount(2);
  await expect(results.filter({ hasText: 'ann@example.com' })).toContainText('Invited');
  await expect(results.filter({ hasText: 'bob@example.com' })).toContainText('Invited');
  // Sent addresses leave the field; the ones that could not be sent stay.
  await expect(chips(page)).toHaveCount(3);
  // Closing asks before dropping the three unsent addresses; the two sent are pending.
  await page.keyboard.press('Escape');
  await page.getByRole('dialog', { name: 'Discard unsent addresses?' }).getByRole('button', { name: 'Discard' }).click();
  await page.getByRole('tab', { name: /Invitations/ }).click();
  const pending = page.locator('table.invitations tbody tr');
  await expect(pending.filter({ hasText: 'ann@example.com' })).toHaveCount(1);
  await expect(pending.filter({ hasText: 'bob@example.com' })).toHaveCount(1);
});

test('typing separators and Enter make chips; Backspace and × remove them', async ({ page }) => {
  await openInvite(page);
  const dialog = page.getByRole('dialog', { name: 'Invite New Member' });
  const field = dialog.getByLabel('Email addresses');
  await field.pressSequentially('one@example.com,two@example.com;three@example.com three@EXAMPLE.com ');
  await expect(chips(page)).toHaveCount(3);
  await field.pressSequentially('four@example.com');
  await page.keyboard.press('Enter');
  await expect(chips(page)).toHaveCount(4);
  await page.keyboard.press('Backspace');
  await expect(chips(page)).toHaveCount(3);
  await dialog.getByRole('button', { name: 'Remove two@example.com' }).click();
  await expect(chips(page)).toHaveCount(2);
  await expect(dialog.getByRole('button', { name: 'Send 2 invitations' })).toBeVisible();
});

test('closing with unsent addresses asks first', async ({ page }) => {
  await openInvite(page);
  const dialog = page.getByRole('dialog', { name: 'Invite New Member' });
  await dialog.getByLabel('Email addresses').pressSequentially('keep@example.com ');
  await page.keyboard.press('Escape');
  const ask = page.getByRole('dialog', { name: 'Discard unsent addresses?' });
  await expect(ask).toBeVisible();
  await ask.getByRole('button', { name: 'Keep editing' }).click();
  await expect(chips(page)).toHaveCount(1);
  await dialog.getByRole('button', { name: 'Close', exact: true }).click();
  await ask.getByRole('button', { name: 'Discard' }).click();
  await expect(dialog).toBeHidden();
  await expect(page.getByRole('button', { name: '+ Invite New Member' })).toBeFocused();
});

test('collaborators need a project, and more than 50 addresses are refused', async ({ page }) => {
  await openInvite(page);
  const dialog = page.getByRole('dialog', { name: 'Invite New Member' });
  await dialog.getByLabel('Email addresses').pressSequentially('c@example.com ');
  await dialog.getByRole('radio', { name: /^Collaborator/ }).check();
  await dialog.getByRole('button', { name: 'Send invitation' }).click();
  await expect(dialog.getByRole('alert')).toHaveText('Choose at least one project for collaborators.');
  const many = Array.from({ length: 51 }, (_, i) => `p${i}@example.com`).join(' ');
  await dialog.getByLabel('Email addresses').fill(many + ' ');
  await dialog.getByRole('checkbox', { name: 'Staging' }).check();
  // However many addresses, the send button stays in view.
  const send = dialog.getByRole('button', { name: /Send \d+ invitations/ });
  const box = (await send.boundingBox())!;
  expect(box.y + box.height).toBeLessThanOrEqual(page.viewportSize()!.height);
  await send.click();
  await expect(dialog.getByRole('alert')).toHaveText('You can invite up to 50 addresses at once; remove 2 or send them in another batch.');
});

test('the addresses that would be skipped are summed up and removed at once', async ({ page }) => {
  await openInvite(page);
  const dialog = page.getByRole('dialog', { name: 'Invite New Member' });
  await dialog.getByLabel('Email addresses').fill('keep.one@example.com ada@example.com nope keep.two@example.com ');
  await expect(dialog.getByText('2 addresses will be skipped: 1 not valid, 1 already a member.')).toBeVisible();
  await dialog.getByRole('button', { name: 'Remove them' }).click();
  await expect(chips(page)).toHaveCount(2);
  await expect(chips(page).filter({ hasText: 'keep.one@example.com' })).toHaveCount(1);
  await expect(chips(page).filter({ hasText: 'keep.two@example.com' })).toHaveCount(1);
  await expect(dialog.getByText(/will be skipped/)).toHaveCount(0);
  await expect(dialog.getByRole('button', { name: 'Send 2 invitations' })).toBeVisible();
});

test('an address typed before the pending invitations have arrived is marked once they do', async ({ page }) => {
  const token = await signInAs(page, 'owner');
  const id = await orgId(page.request, token, 'MO TEST');
  // The list itself (the tab's count is asked for without `include`) is held back.
  let release = () => {};
  const held = new Promise<void>((resolve) => (release = resolve));
  await page.route(
    (url) => url.pathname.endsWith(`/organizations/${id}/invitations`) && url.searchParams.has('include'),
    async (route) => {
      await held;
      await route.continue();
    },
  );
  await page.goto(`/orgs/${id}/members`);
  await page.getByRole('button', { name: '+ Invite New Member' }).click();
  const dialog = page.getByRole('dialog', { name: 'Invite New Member' });
  await dialog.getByLabel('Email addresses').fill('new.hire@example.com ');
  const chip = chips(page).filter({ hasText: 'new.hire@example.com' });
  await expect(chip).toHaveCount(1);
  await expect(chip).not.toContainText('already invited');
  release();
  await expect(chip).toContainText('already invited');
  await expect(dialog.getByText('1 address will be skipped: 1 already invited.')).toBeVisible();
});

test('a server error for one address leaves the others invited and it in the field', async ({ page }) => {
  const { id } = await openInvite(page);
  await page.route(`**/metal/v1/organizations/${id}/invitations*`, async (route) => {
    const body = route.request().postDataJSON();
    if (route.request().method() === 'POST' && body?.invitee === 'fails@example.com') {
      await route.fulfill({ status: 500, contentType: 'application/json', body: JSON.stringify({ errors: ['Something broke on our side'] }) });
    } else {
      await route.continue();
    }
  });
  const dialog = page.getByRole('dialog', { name: 'Invite New Member' });
  await dialog.getByLabel('Email addresses').pressSequentially('ok1@example.com fails@example.com ok2@example.com ');
  await dialog.getByRole('radio', { name: /Billing/ }).check();
  await dialog.getByLabel('Message (optional)').fill('Welcome!');
  await dialog.getByRole('button', { name: 'Send 3 invitations' }).click();
  await expect(dialog.locator('.invite-results li').filter({ hasText: 'fails@example.com' })).toContainText('Something broke on our side');
  await expect(dialog.locator('.invite-results li').filter({ hasText: 'ok1@example.com' })).toContainText('Invited');
  await expect(chips(page)).toHaveCount(1);
  await expect(chips(page)).toContainText('fails@example.com');
  // The role and message stay for the retry.
  await expect(dialog.getByRole('radio', { name: /Billing/ })).toBeChecked();
  await expect(dialog.getByLabel('Message (optional)')).toHaveValue('Welcome!');
});

test('an address invited meanwhile is reported by the server, not lost', async ({ page }) => {
  const { token, id } = await openInvite(page);
  await invite(page.request, token, id, 'race@example.com', 'billing');
  const dialog = page.getByRole('dialog', { name: 'Invite New Member' });
  await dialog.getByLabel('Email addresses').pressSequentially('race@example.com ');
  await dialog.getByRole('radio', { name: /Billing/ }).check();
  await dialog.getByRole('button', { name: 'Send invitation' }).click();
  await expect(dialog.locator('.invite-results li')).toContainText('Already invited');
});

test('an admin is not offered Owner; an owner is', async ({ page }) => {
  await openInvite(page, 'admin');
  await expect(page.getByRole('dialog', { name: 'Invite New Member' }).getByRole('radio', { name: /Owner/ })).toHaveCount(0);
  await openInvite(page, 'owner');
  await expect(page.getByRole('dialog', { name: 'Invite New Member' }).getByRole('radio', { name: /Owner/ })).toHaveCount(1);
});

test('a collaborator never sees the button, and the API refuses them', async ({ page }) => {
  const token = await signInAs(page, 'collaborator');
  const id = await orgId(page.request, token, 'MO TEST');
  await page.goto(`/orgs/${id}/members`);
  await expect(page.locator('table.members tbody tr').first()).toBeVisible();
  await expect(page.getByRole('button', { name: '+ Invite New Member' })).toHaveCount(0);
  const reply = await page.request.post(`/metal/v1/organizations/${id}/invitations`, {
    data: { invitee: 'x@example.com', roles: ['billing'] },
    headers: { 'X-Auth-Token': token },
  });
  expect(reply.status()).toBe(403);
});

test('the emailed link leads a new person through sign-up and acceptance to the members page', async ({ page, browser }) => {
  const { id } = await openInvite(page);
  const dialog = page.getByRole('dialog', { name: 'Invite New Member' });
  await dialog.getByLabel('Email addresses').pressSequentially('newcomer@example.com ');
  await dialog.getByRole('radio', { name: /^Collaborator/ }).check();
  await dialog.getByRole('checkbox', { name: 'Data Pipeline' }).check();
  await dialog.getByRole('button', { name: 'Send invitation' }).click();
  await expect(dialog.locator('.invite-results li')).toContainText('Invited');

  const link = emailedLink('newcomer@example.com');
  const fresh = await browser.newContext();
  const invitee = await fresh.newPage();
  await invitee.goto(link);
  await expect(invitee.getByRole('heading', { level: 1, name: 'Packet Sloth invited you to join MO TEST' })).toBeVisible();
  await expect(invitee.locator('.invite-facts')).toHaveText('Role Collaborator · sent to newcomer@example.com');
  // One primary action; signing in instead is a link, and so is declining.
  await expect(invitee.locator('.button.primary')).toHaveCount(1);
  await expect(invitee.getByRole('link', { name: 'Sign in', exact: true })).toBeVisible();
  await expect(invitee.getByRole('link', { name: 'Sign in to decline' })).toBeVisible();
  // Signed out, the link shows only what the security rules allow: no project names.
  await expect(invitee.getByText('Projects: Data Pipeline')).toHaveCount(0);
  await expect(invitee.getByLabel('Email')).toHaveValue('newcomer@example.com');
  await expect(invitee.getByLabel('Email')).toHaveAttribute('readonly', '');
  await expectAccessible(invitee, 'the invitee page, signed out');
  await screenshot(invitee, 'invitee-page-1280');
  await invitee.getByLabel('First name').fill('New');
  await invitee.getByLabel('Last name').fill('Comer');
  await invitee.getByLabel('Password (required)').fill('short');
  await invitee.getByRole('button', { name: 'Create account' }).click();
  await expect(invitee.getByText('Password must be at least 8 characters')).toBeVisible();
  await invitee.getByLabel('Password (required)').fill('long-enough-password');
  await invitee.getByRole('button', { name: 'Create account' }).click();
  // Signed up from the link, the invitee sees the whole invitation, projects included.
  await expect(invitee.getByText('Projects: Data Pipeline')).toBeVisible();
  await invitee.getByRole('button', { name: 'Accept' }).click();
  await expect(invitee).toHaveURL(new RegExp(`/orgs/${id}/members$`));
  await expect(invitee.getByText('You joined MO TEST.')).toBeVisible();
  const me = invitee.locator('table.members tbody tr').first();
  await expect(me).toContainText('New Comer');
  await expect(me.locator('td[data-label="Role"]')).toHaveText('Collaborator');
  await invitee.getByRole('navigation', { name: 'Organization' }).getByRole('link', { name: 'Projects' }).click();
  await expect(invitee.getByRole('cell', { name: 'Data Pipeline' })).toBeVisible();
  await fresh.close();
});

test('an invitee declines from the emailed link', async ({ page }) => {
  const org = await newOrganization(page.request, 'Decline By Link');
  await invite(page.request, org.token, org.id, 'frances@example.com', 'admin');
  await signInWith(page, 'frances@example.com', 'frances-demo-pass', emailedLink('frances@example.com').replace(/^https?:\/\/[^/]+/, ''));
  await page.getByRole('button', { name: 'Decline' }).click();
  await page.getByRole('dialog', { name: /Decline the invitation/ }).getByRole('button', { name: 'Decline invitation' }).click();
  await expect(page.getByText('Declined the invitation to Decline By Link.')).toBeVisible();
  await expect(page.getByText('This invitation was declined')).toBeVisible();
});

test('the wrong account is told both addresses and can switch', async ({ page }) => {
  const org = await newOrganization(page.request, 'Wrong Account Co');
  await invite(page.request, org.token, org.id, 'someone.else@example.com', 'billing');
  const link = emailedLink('someone.else@example.com').replace(/^https?:\/\/[^/]+/, '');
  await signInAs(page, 'billing', link);
  await expect(page.getByRole('alert')).toContainText(`This invitation was sent to someone.else@example.com, but you are signed in as ${demo.billing.email}`);
  await expect(page.getByRole('button', { name: 'Accept' })).toHaveCount(0);
  await expectAccessible(page, 'the invitee page, wrong account');
  await page.getByRole('button', { name: 'Sign out and continue' }).click();
  await expect(page.getByRole('button', { name: 'Create account' })).toBeVisible();
  await expect(page.getByLabel('Email')).toHaveValue('someone.else@example.com');
});

test('expired, revoked and mistyped links each say what happened and what to do', async ({ page }) => {
  const org = await newOrganization(page.request, 'Link States Co');
  const expired = await invite(page.request, org.token, org.id, 'late@example.com', 'billing');
  await page.route(`**/metal/v1/invitations/${expired.id}?*`, async (route) => {
    const response = await route.fetch();
    const body = await response.json();
    await route.fulfill({ response, json: { ...body, expires_at: '2026-01-01T00:00:00Z' } });
  });
  await page.goto(`/invitations/${expired.id}?nonce=${expired.nonce}`);
  await expect(page.getByText('This invitation expired on 1 Jan 2026, 00:00 UTC.')).toBeVisible();
  await expect(page.getByRole('button', { name: 'Create account' })).toHaveCount(0);

  const revoked = await invite(page.request, org.token, org.id, 'gone@example.com', 'billing');
  await page.request.delete(`/metal/v1/invitations/${revoked.id}`, { headers: { 'X-Auth-Token': org.token } });
  await page.goto(`/invitations/${revoked.id}?nonce=${revoked.nonce}`);
  await expect(page.getByText('This invitation was revoked by the organization')).toBeVisible();
  await expect(page.getByText(/Ask the organization's owner or an admin for a new invitation/)).toBeVisible();

  const mistyped = await invite(page.request, org.token, org.id, 'typo@example.com', 'billing');
  await page.goto(`/invitations/${mistyped.id}?nonce=not-the-nonce`);
  await expect(page.getByText('This invitation link is no longer valid; open the link in the most recent invitation email')).toBeVisible();
  await expectAccessible(page, 'the invitee page, bad link');

  await page.goto('/invitations/00000000-0000-0000-0000-000000000000?nonce=x');
  await expect(page.getByText('This invitation does not exist.')).toBeVisible();
});

test('accepting twice says it was already accepted', async ({ page }) => {
  const org = await newOrganization(page.request, 'Twice Co');
  const inv = await invite(page.request, org.token, org.id, 'margaret@example.com', 'billing');
  const token = await tokenFor(page.request, 'margaret@example.com', 'margaret-demo-pass');
  expect((await page.request.put(`/metal/v1/invitations/${inv.id}`, { headers: { 'X-Auth-Token': token } })).status()).toBe(200);
  await signInWith(page, 'margaret@example.com', 'margaret-demo-pass', `/invitations/${inv.id}?nonce=${inv.nonce}`);
  await expect(page.getByText('This invitation has already been accepted')).toBeVisible();
  await expect(page.getByRole('link', { name: 'Go to your organizations' })).toBeVisible();
});

test('the invite modal works from the keyboard alone', async ({ page }) => {
  await openInvite(page);
  const dialog = page.getByRole('dialog', { name: 'Invite New Member' });
  await page.keyboard.type('kb@example.com');
  await page.keyboard.press('Enter');
  await expect(chips(page)).toHaveCount(1);
  // Tab past the chip's remove button to the role radios; arrows choose Billing.
  const billing = dialog.getByRole('radio', { name: /Billing/ });
  for (let i = 0; i < 6 && !(await dialog.getByRole('radio', { checked: true }).evaluate((el) => el === document.activeElement)); i++) await page.keyboard.press('Tab');
  await page.keyboard.press('ArrowDown');
  await page.keyboard.press('ArrowDown');
  await expect(billing).toBeChecked();
  const send = dialog.getByRole('button', { name: 'Send invitation' });
  for (let i = 0; i < 10 && !(await send.evaluate((el) => el === document.activeElement)); i++) await page.keyboard.press('Tab');
  await page.keyboard.press('Enter');
  await expect(dialog.locator('.invite-results li')).toContainText('Invited');
});
