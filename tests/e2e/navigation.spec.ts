import { test, expect } from '@playwright/test';
import { type DemoRole, expectAccessible, orgId, sidebarEntries, signInAs } from './support';

// What the contract's matrix lets each role see in the sidebar of MO TEST.
const sidebars: Record<DemoRole, string[]> = {
  owner: ['General', 'Users', 'Projects', 'Billing', 'Payment Methods', 'Activity', 'Logout'],
  admin: ['General', 'Users', 'Projects', 'Billing', 'Payment Methods', 'Activity', 'Logout'],
  collaborator: ['General', 'Users', 'Projects', 'Logout'],
  limited_collaborator: ['General', 'Users', 'Projects', 'Logout'],
  billing: ['General', 'Users', 'Billing', 'Payment Methods', 'Logout'],
};

for (const [role, entries] of Object.entries(sidebars) as [DemoRole, string[]][]) {
  test(`the ${role} sees exactly the sidebar entries the matrix allows`, async ({ page }) => {
    await signInAs(page, role);
    await expect(page.getByRole('button', { name: /MO TEST/ })).toBeVisible();
    expect(await sidebarEntries(page)).toEqual(entries);
    await expectAccessible(page, `General as ${role}`);
  });
}

test('a page the role may not see names the role instead of showing nothing', async ({ page }) => {
  const token = await signInAs(page, 'collaborator');
  const mo = await orgId(page.request, token, 'MO TEST');
  await page.goto(`/orgs/${mo}/billing`);
  await expect(page.getByText('Your role (collaborator) cannot see this page.')).toBeVisible();
  await expectAccessible(page, 'a refused page');
  await page.goto(`/orgs/${mo}/payment-methods`);
  await expect(page.getByText('Your role (collaborator) cannot see this page.')).toBeVisible();
});

test('billing members are refused Projects by name', async ({ page }) => {
  const token = await signInAs(page, 'billing');
  const mo = await orgId(page.request, token, 'MO TEST');
  await page.goto(`/orgs/${mo}/projects`);
  await expect(page.getByText('Your role (billing) cannot see this page.')).toBeVisible();
});

test('unknown routes get a real 404 page, unknown organizations a clear message', async ({ page }) => {
  await signInAs(page, 'owner', '/no/such/page');
  await expect(page.getByRole('heading', { name: 'Page not found' })).toBeVisible();
  await expectAccessible(page, 'the 404 page');
  await page.goto('/orgs/00000000-0000-0000-0000-000000000000/general');
  await expect(page.getByRole('heading', { name: 'Organization not found' })).toBeVisible();
});

test('a bare frame address goes on to its first page and leaves no step in the history', async ({ page }) => {
  const token = await signInAs(page, 'owner');
  const mo = await orgId(page.request, token, 'MO TEST');
  await page.goto(`/orgs/${mo}/projects`);
  await expect(page.getByRole('heading', { name: 'Projects' })).toBeVisible();
  await page.goto(`/orgs/${mo}`);
  await expect(page).toHaveURL(new RegExp(`/orgs/${mo}/general$`));
  await expect(page.getByRole('heading', { name: 'General' })).toBeVisible();
  // Back goes to the page before, not to the bare address (which would go on again).
  await page.goBack();
  await expect(page).toHaveURL(new RegExp(`/orgs/${mo}/projects$`));
  await page.goto('/personal');
  await expect(page).toHaveURL(/\/personal\/profile$/);
  await expect(page.getByRole('heading', { name: 'Profile' })).toBeVisible();
  // A page an organization does not have, a path below a page, an id that is not one.
  for (const path of [`/orgs/${mo}/nope`, `/orgs/${mo}/members/more`, '/personal/nope', '/orgs/a%2Fb/members']) {
    await page.goto(path);
    await expect(page.getByRole('heading', { name: 'Page not found' }), path).toBeVisible();
  }
});

test('Back from where a redirect landed leaves, instead of being sent on again', async ({ page }) => {
  // signInAs opens /config.json, then `/`, which goes on to an organization.
  await signInAs(page, 'owner');
  await expect(page).toHaveURL(/\/orgs\/[0-9a-f-]+\/general$/);
  await page.goBack();
  await expect(page).toHaveURL(/\/config\.json$/);
  // Without a session, a page goes on to sign-in: Back leaves that too.
  await page.evaluate(() => localStorage.clear());
  await page.goto('/personal/profile');
  await expect(page).toHaveURL(/\/sign-in\?next=/);
  await page.goBack();
  await expect(page).toHaveURL(/\/config\.json$/);
});

test('followed links go into the history: Back and Forward redraw each page', async ({ page }) => {
  const token = await signInAs(page, 'owner');
  const mo = await orgId(page.request, token, 'MO TEST');
  await page.goto(`/orgs/${mo}/general`);
  const sidebar = page.getByRole('navigation', { name: 'Organization' });
  await sidebar.getByRole('link', { name: 'Users' }).click();
  await expect(page).toHaveURL(new RegExp(`/orgs/${mo}/members$`));
  await expect(page.getByRole('columnheader', { name: 'EMAIL' })).toBeVisible();
  await sidebar.getByRole('link', { name: 'Projects' }).click();
  await expect(page).toHaveURL(new RegExp(`/orgs/${mo}/projects$`));
  await expect(page.getByRole('heading', { name: 'Projects' })).toBeVisible();
  await page.goBack();
  await expect(page).toHaveURL(new RegExp(`/orgs/${mo}/members$`));
  await expect(page.getByRole('columnheader', { name: 'EMAIL' })).toBeVisible();
  await page.goBack();
  await expect(page).toHaveURL(new RegExp(`/orgs/${mo}/general$`));
  await expect(page.getByRole('heading', { name: 'General' })).toBeVisible();
  await page.goForward();
  await expect(page).toHaveURL(new RegExp(`/orgs/${mo}/members$`));
  await expect(page.getByRole('columnheader', { name: 'EMAIL' })).toBeVisible();
});

test('/ opens the organization used last on this device', async ({ page }) => {
  const token = await signInAs(page, 'owner');
  const labs = await orgId(page.request, token, 'Sloth Labs');
  await expect(page.getByRole('button', { name: /MO TEST/ })).toBeVisible();
  await page.goto(`/orgs/${labs}/projects`);
  await expect(page.getByRole('heading', { name: 'Projects' })).toBeVisible();
  await page.goto('/');
  await expect(page).toHaveURL(new RegExp(`/orgs/${labs}/general$`));
});

test('projects: owners see all with creation dates, collaborators only their own', async ({ page }) => {
  const token = await signInAs(page, 'owner');
  const mo = await orgId(page.request, token, 'MO TEST');
  await page.goto(`/orgs/${mo}/projects`);
  const table = page.getByRole('table');
  await expect(table.getByRole('row')).toHaveCount(5);
  await expect(table.getByRole('cell', { name: 'Staging' })).toBeVisible();
  await expectAccessible(page, 'Projects as owner');
  await page.getByLabel('New project name').fill('Observability');
  await page.getByRole('button', { name: 'Create project' }).click();
  await expect(table.getByRole('cell', { name: 'Observability' })).toBeVisible();
  await expect(page.getByRole('status').filter({ hasText: 'Created the project Observability.' })).toBeVisible();

  await signInAs(page, 'collaborator', `/orgs/${mo}/projects`);
  await expect(page.getByRole('table').getByRole('row')).toHaveCount(2);
  await expect(page.getByRole('button', { name: 'Create project' })).toHaveCount(0);
});

test('billing shows credit and address; payment methods show the cards', async ({ page }) => {
  const token = await signInAs(page, 'billing');
  const mo = await orgId(page.request, token, 'MO TEST');
  await page.goto(`/orgs/${mo}/billing`);
  await expect(page.getByText('$250.00')).toBeVisible();
  await expect(page.getByText('1 Demo Way')).toBeVisible();
  await expectAccessible(page, 'Billing');
  await page.goto(`/orgs/${mo}/payment-methods`);
  const rows = page.getByRole('table').getByRole('row');
  await expect(rows.filter({ hasText: 'Visa ending in 4242' })).toContainText('04/2029');
  await expect(rows.filter({ hasText: 'Visa ending in 4242' })).toContainText('Default');
  await expect(rows.filter({ hasText: 'Mastercard ending in 5454' })).toContainText('11/2027');
  await expectAccessible(page, 'Payment Methods');
  // At desktop width it stays a table: each cell under its header.
  const header = (await page.getByRole('columnheader', { name: 'Cardholder' }).boundingBox())!;
  const cell = (await page.locator('table.payment-cards td.cardholder').first().boundingBox())!;
  expect(Math.abs(cell.x - header.x)).toBeLessThan(2);
  // On a phone each card is one short row and nothing is cut off.
  await page.setViewportSize({ width: 390, height: 844 });
  const visa = page.locator('table.payment-cards tbody tr').filter({ hasText: 'Visa ending in 4242' });
  await expect(visa.getByText('04/2029')).toBeVisible();
  expect((await visa.boundingBox())!.height).toBeLessThanOrEqual(72);
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
  const line = await visa.locator('td.card-name span').first().evaluate((el) => el.getClientRects().length);
  expect(line).toBe(1);
});

test('at 390 px the sidebar hides behind the menu button', async ({ page }) => {
  await page.setViewportSize({ width: 390, height: 844 });
  await signInAs(page, 'owner');
  const nav = page.getByRole('navigation', { name: 'Organization' });
  await expect(page.getByRole('heading', { name: 'General' })).toBeVisible();
  await expect(nav).toBeHidden();
  const menu = page.getByRole('button', { name: 'Menu' });
  await expect(menu).toHaveAttribute('aria-expanded', 'false');
  await menu.click();
  await expect(menu).toHaveAttribute('aria-expanded', 'true');
  await nav.getByRole('link', { name: 'Billing' }).click();
  await expect(page.getByRole('heading', { name: 'Billing', exact: true })).toBeVisible();
  await expect(nav).toBeHidden();
  await expectAccessible(page, 'Billing at 390 px');
});

test('the account menu says who is signed in, opens the profile and signs out', async ({ page }) => {
  await signInAs(page, 'collaborator');
  const account = page.getByRole('button', { name: 'Account: Grace Hopper' });
  await expect(account).toHaveAttribute('aria-expanded', 'false');
  await account.click();
  const panel = page.locator('#account-panel');
  await expect(panel).toContainText('Grace Hopper');
  await expect(panel).toContainText('grace@example.com');
  await expectAccessible(page, 'the open account menu');
  // Escape closes it and gives focus back; a click elsewhere closes it too.
  await page.keyboard.press('Escape');
  await expect(panel).toBeHidden();
  await expect(account).toBeFocused();
  await account.click();
  await page.getByRole('heading', { level: 1 }).click();
  await expect(panel).toBeHidden();
  await account.click();
  await panel.getByRole('link', { name: 'Profile' }).click();
  await expect(page).toHaveURL(/\/personal\/profile$/);
  await expect(panel).toBeHidden();
  await page.getByRole('button', { name: 'Account: Grace Hopper' }).click();
  await panel.getByRole('button', { name: 'Sign out' }).click();
  await expect(page).toHaveURL(/\/sign-in$/);
});

test('billing makes another card the default from its menu; the default card cannot be removed, and says why', async ({ page }) => {
  const token = await signInAs(page, 'billing');
  const mo = await orgId(page.request, token, 'MO TEST');
  await page.goto(`/orgs/${mo}/payment-methods`);
  const row = (text: string) => page.locator('table.payment-cards tbody tr').filter({ hasText: text });
  await row('Mastercard ending in 5454').getByRole('button', { name: 'Actions for Mastercard ending in 5454' }).click();
  await page.getByRole('menuitem', { name: 'Make default' }).click();
  await expect(page.getByText('Mastercard ending in 5454 is now the default card.')).toBeVisible();
  await expect(row('Mastercard ending in 5454')).toContainText('Default');
  await expect(row('Visa ending in 4242')).not.toContainText('Default');
  // The default card's Remove is shown, not offered, with the reason.
  await row('Mastercard ending in 5454').getByRole('button', { name: /^Actions for/ }).click();
  const refused = page.getByRole('menuitem', { name: 'Remove', exact: true });
  await expect(refused).toHaveAttribute('aria-disabled', 'true');
  await expect(refused).toHaveAccessibleDescription('The default card cannot be removed; make another card the default first.');
  // (axe scrolls while it checks, and any scroll closes a row menu: checked last.)
  await expectAccessible(page, 'a payment method menu');
  await page.keyboard.press('Escape');
  // Removing another card asks first; a refusal is shown in the dialog.
  await page.route('**/metal/v1/organizations/*/payment-methods/*', (route) =>
    route.request().method() === 'DELETE'
      ? route.fulfill({ status: 422, contentType: 'application/json', body: JSON.stringify({ errors: ['The card is being charged right now'] }) })
      : route.continue(),
  );
  await row('Visa ending in 4242').getByRole('button', { name: /^Actions for/ }).click();
  await page.getByRole('menuitem', { name: 'Remove' }).click();
  const confirm = page.getByRole('dialog', { name: 'Remove Visa ending in 4242?' });
  await confirm.getByRole('button', { name: 'Remove card' }).click();
  await expect(confirm.getByRole('alert')).toHaveText('The card is being charged right now');
  await confirm.getByRole('button', { name: 'Keep it' }).click();
  // Put the demo's default back for the specs after this one.
  await row('Visa ending in 4242').getByRole('button', { name: /^Actions for/ }).click();
  await page.getByRole('menuitem', { name: 'Make default' }).click();
  await expect(row('Visa ending in 4242')).toContainText('Default');
});

test('owners, admins and billing each get the card menu, from the one permission table', async ({ page }) => {
  // Owners, admins and billing manage cards (one permission table); nobody else sees the page.
  for (const who of ['owner', 'admin', 'billing'] as const) {
    const token = await signInAs(page, who);
    const mo = await orgId(page.request, token, 'MO TEST');
    await page.goto(`/orgs/${mo}/payment-methods`);
    await expect(page.getByRole('button', { name: /^Actions for Visa/ })).toHaveCount(1);
  }
});
