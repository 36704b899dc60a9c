import { expect, type Page, type APIRequestContext } from '@playwright/test';
import AxeBuilder from '@axe-core/playwright';
import * as fs from 'node:fs';
import * as path from 'node:path';

/** The demo users of MO TEST, by their role there (see crates/api-server/src/demo.rs). */
export const demo = {
  owner: { email: 'sloth@example.com', password: 'packet-demo-pass', name: 'Packet Sloth' },
  admin: { email: 'ada@example.com', password: 'ada-demo-pass', name: 'Ada Lovelace' },
  collaborator: { email: 'grace@example.com', password: 'grace-demo-pass', name: 'Grace Hopper' },
  limited_collaborator: { email: 'alan@example.com', password: 'alan-demo-pass', name: 'Alan Turing' },
  billing: { email: 'barbara@example.com', password: 'barbara-demo-pass', name: 'Barbara Liskov' },
} as const;
export type DemoRole = keyof typeof demo;

const api = '/metal/v1';

/** A token for `email`, straight from the API. */
export async function tokenFor(request: APIRequestContext, email: string, password: string): Promise<string> {
  const reply = await request.post(`${api}/auth/sessions`, { data: { email, password } });
  expect(reply.status(), await reply.text()).toBe(201);
  return (await reply.json()).token;
}

/** Signs in without the form (the form has its own specs): stores a fresh token the way
 *  the console does, then opens `to`. */
export async function signInAs(page: Page, who: DemoRole, to = '/'): Promise<string> {
  const { email, password } = demo[who];
  const token = await tokenFor(page.request, email, password);
  await page.goto('/config.json');
  await page.evaluate((t) => localStorage.setItem('org-console.token', t), token);
  await page.goto(to);
  return token;
}

/** The ID of the caller's organization named `name`. */
export async function orgId(request: APIRequestContext, token: string, name: string): Promise<string> {
  const reply = await request.get(`${api}/organizations?per_page=100`, { headers: { 'X-Auth-Token': token } });
  const org = (await reply.json()).organizations.find((o: { name: string }) => o.name === name);
  if (!org) throw new Error(`no organization ${name}`);
  return org.id;
}

/** axe-core finds no violation on the page as it is now. */
export async function expectAccessible(page: Page, what: string) {
  // Check the settled page, not its loading placeholders.
  await expect(page.locator('.loading')).toHaveCount(0);
  await expect(page.locator('h1').first()).toBeVisible();
  const results = await new AxeBuilder({ page }).analyze();
  const found = results.violations.map(
    (v) => `${v.id} (${v.impact}): ${v.help} — ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`,
  );
  expect(found, `axe violations on ${what}`).toEqual([]);
}

/** Saves a screenshot under target/screenshots for the README. */
export async function screenshot(page: Page, name: string, fullPage = true) {
  const dir = path.join('target', 'screenshots');
  fs.mkdirSync(dir, { recursive: true });
  await page.screenshot({ path: path.join(dir, `${name}.png`), fullPage });
}

/** The names in the organization sidebar, in order. */
export async function sidebarEntries(page: Page): Promise<string[]> {
  const nav = page.getByRole('navigation', { name: 'Organization' });
  await expect(nav.getByRole('link', { name: 'General' })).toBeVisible();
  return (await nav.getByRole('listitem').allInnerTexts()).map((t) => t.trim());
}

/** Signs in as any account by email and password, without the form. */
export async function signInWith(page: Page, email: string, password: string, to = '/'): Promise<string> {
  const token = await tokenFor(page.request, email, password);
  await page.goto('/config.json');
  await page.evaluate((t) => localStorage.setItem('org-console.token', t), token);
  await page.goto(to);
  return token;
}

/** A new company organization owned by the demo owner, with one project; returns its ID. */
export async function newOrganization(request: APIRequestContext, name: string): Promise<{ id: string; project: string; token: string }> {
  const token = await tokenFor(request, demo.owner.email, demo.owner.password);
  const headers = { 'X-Auth-Token': token };
  const org = await (await request.post(`${api}/organizations`, { data: { name }, headers })).json();
  const project = await (await request.post(`${api}/organizations/${org.id}/projects`, { data: { name: `${name} project` }, headers })).json();
  return { id: org.id, project: project.id, token };
}

/** Invites `invitee` to `org` as `role` through the API; returns the invitation. */
export async function invite(request: APIRequestContext, token: string, org: string, invitee: string, role: string, projects: string[] = []) {
  const reply = await request.post(`${api}/organizations/${org}/invitations`, {
    data: { invitee, roles: [role], projects_ids: projects },
    headers: { 'X-Auth-Token': token },
  });
  expect(reply.status(), await reply.text()).toBe(201);
  return reply.json();
}

/** The accept/decline link of the newest invitation email to `to` in the e2e outbox. */
export function emailedLink(to: string): string {
  const dir = path.join('target', 'e2e', 'outbox');
  const mails = fs.readdirSync(dir)
    .map((f) => path.join(dir, f))
    .map((f) => ({ f, at: fs.statSync(f).mtimeMs, text: fs.readFileSync(f, 'utf8') }))
    .filter((m) => m.text.includes(`To: ${to}\r\n`))
    .sort((a, b) => b.at - a.at);
  if (mails.length === 0) throw new Error(`no email to ${to}`);
  const line = mails[0].text.split('\r\n').find((l) => l.includes('/invitations/'));
  if (!line) throw new Error(`no link in the email to ${to}`);
  return line.trim();
}

/** The newest link of `kind` ('/invitations/' or '/verify-email') emailed to `to`. */
export function newestLink(to: string, kind: string): string {
  const dir = path.join('target', 'e2e', 'outbox');
  const mails = fs.readdirSync(dir)
    .map((f) => path.join(dir, f))
    .map((f) => ({ at: fs.statSync(f).mtimeMs, text: fs.readFileSync(f, 'utf8') }))
    .filter((m) => m.text.includes(`To: ${to}\r\n`) && m.text.includes(kind))
    .sort((a, b) => b.at - a.at);
  if (mails.length === 0) throw new Error(`no email with ${kind} to ${to}`);
  return mails[0].text.split('\r\n').find((l) => l.includes(kind))!.trim();
}

/** How many emails with a link of `kind` went to `to`. */
export function emailCount(to: string, kind: string): number {
  const dir = path.join('target', 'e2e', 'outbox');
  return fs.readdirSync(dir)
    .map((f) => fs.readFileSync(path.join(dir, f), 'utf8'))
    .filter((t) => t.includes(`To: ${to}\r\n`) && t.includes(kind)).length;
}

/** Signs a new person up through the API (no invitation): unverified, with a
 *  verification email in the outbox. Returns their token. */
export async function signUp(request: APIRequestContext, email: string, password: string): Promise<string> {
  const reply = await request.post(`${api}/users`, {
    data: { first_name: 'Nova', last_name: 'Tester', email, password },
  });
  expect(reply.status(), await reply.text()).toBe(201);
  return (await reply.json()).token;
}

/** Records Content-Security-Policy violations the browser reports on `page`. */
export function watchCsp(page: Page): string[] {
  const violations: string[] = [];
  page.on('console', (m) => {
    if (m.text().includes('Content Security Policy') || m.text().includes('Content-Security-Policy')) {
      violations.push(`${page.url()}: ${m.text()}`);
    }
  });
  return violations;
}
