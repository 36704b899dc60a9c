import { test, expect, type Download } from '@playwright/test';
import * as fs from 'node:fs';
import { invite, newestLink, orgId, signInAs, signInWith } from './support';

const api = '/metal/v1';

async function text(download: Download): Promise<string> {
  return fs.readFileSync((await download.path())!, 'utf8');
}

test('Export CSV writes the members in view with a BOM, RFC 4180 quoting and formulas made inert', async ({ page }) => {
  // An owner whose name a spreadsheet would run as a formula, with a comma and quotes.
  const email = `export-${Date.now()}@example.com`;
  const password = 'export-pass-123';
  const made = await page.request.post(`${api}/users`, {
    data: { first_name: '=HYPERLINK("http://x")', last_name: 'Zoë, "Z"', email, password },
  });
  expect(made.status()).toBe(201);
  const token = (await made.json()).token;
  const link = new URL(newestLink(email, '/verify-email'));
  await page.request.post(`${api}/users/verify-email`, { data: { token: link.searchParams.get('token') } });
  const headers = { 'X-Auth-Token': token };
  const org = await (await page.request.post(`${api}/organizations`, { data: { name: 'Ünïcode & Co' }, headers })).json();
  await invite(page.request, token, org.id, `invitee-${Date.now()}@example.com`, 'admin');

  await signInWith(page, email, password, `/orgs/${org.id}/members`);
  await expect(page.locator('table.members tbody tr')).toHaveCount(1);
  const saved = page.waitForEvent('download');
  await page.getByRole('button', { name: 'Export CSV' }).click();
  const download = await saved;
  const day = new Date().toISOString().slice(0, 10);
  expect(download.suggestedFilename()).toBe(`ünïcode-co-members-${day}.csv`);
  const csv = await text(download);
  expect(csv.charCodeAt(0)).toBe(0xfeff);
  const lines = csv.slice(1).split('\r\n');
  expect(lines[0]).toBe('"Name","Email","Role","Projects","Joined","Two-factor authentication","Last active"');
  expect(lines[1]).toBe(`"'=HYPERLINK(""http://x"") Zoë, ""Z""","${email}","Owner","","${day}","Off","${day}"`);
  expect(lines[2]).toBe('');

  // The pending invitations, from their tab.
  await page.getByRole('tab', { name: /Invitations/ }).click();
  const savedInvitations = page.waitForEvent('download');
  await page.getByRole('tabpanel').getByRole('button', { name: 'Export CSV' }).click();
  const invitations = await text(await savedInvitations);
  const rows = invitations.slice(1).split('\r\n');
  expect(rows[0]).toBe('"Email","Role","Projects","Invited by","Sent","Expires"');
  expect(rows[1]).toMatch(new RegExp(`^"invitee-\\d+@example\\.com","Admin","","'=HYPERLINK\\(""http://x""\\) Zoë, ""Z""","${day}","\\d{4}-\\d{2}-\\d{2}"$`));
});

test('Export CSV follows the search and filters', async ({ page }) => {
  const token = await signInAs(page, 'owner', '/config.json');
  const id = await orgId(page.request, token, 'MO TEST');
  await page.goto(`/orgs/${id}/members?role=collaborator`);
  await expect(page.locator('table.members tbody tr').first()).toBeVisible();
  const shown = await page.locator('table.members tbody tr').count();
  const saved = page.waitForEvent('download');
  await page.getByRole('button', { name: 'Export CSV' }).click();
  const lines = (await text(await saved)).slice(1).split('\r\n').filter((l) => l !== '');
  expect(lines.length - 1).toBe(shown);
  for (const line of lines.slice(1)) expect(line).toContain(',"Collaborator",');
});

test('Export CSV of an organization searched on the server reads every matching page', async ({ page }) => {
  const token = await signInAs(page, 'owner', '/config.json');
  const reply = await page.request.get(`${api}/organizations?personal=exclude&per_page=100`, { headers: { 'X-Auth-Token': token } });
  const org = (await reply.json()).organizations.find((o: { name: string }) => o.name === 'Large Org (10500 members)');
  // "member0001" matches Member00010 to Member00019 and Member0001x... : more than a page of 50.
  await page.goto(`/orgs/${org.id}/members?q=member001`);
  await expect(page.getByText(/Showing \d+ of 10501 members/)).toBeVisible();
  const count = Number((await page.getByText(/Showing \d+ of 10501 members/).textContent())!.match(/Showing (\d+)/)![1]);
  expect(count).toBeGreaterThan(50);
  const saved = page.waitForEvent('download');
  await page.getByRole('button', { name: 'Export CSV' }).click();
  const lines = (await text(await saved)).slice(1).split('\r\n').filter((l) => l !== '');
  expect(lines.length - 1).toBe(count);
  for (const line of lines.slice(1)) expect(line.toLowerCase()).toContain('member001');
});

test('only owners and admins are offered Export CSV', async ({ page }) => {
  for (const who of ['collaborator', 'billing'] as const) {
    const token = await signInAs(page, who, '/config.json');
    const id = await orgId(page.request, token, 'MO TEST');
    await page.goto(`/orgs/${id}/members`);
    await expect(page.locator('table.members tbody tr').first()).toBeVisible();
    await expect(page.getByRole('button', { name: 'Export CSV' })).toHaveCount(0);
  }
});
