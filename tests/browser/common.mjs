// What every browser test shares: the browser driver, the app's address, the screenshot
// folder, the wait limit, and a plain call of the API.
import { createRequire } from 'node:module';
import path from 'node:path';
import zlib from 'node:zlib';
import { fileURLToPath } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));
const require = createRequire(import.meta.url);
export const { chromium } = require(path.resolve(here, '../../.tools/node_modules/playwright-core'));

export const BASE = (process.env.TUTORNET_URL || 'http://127.0.0.1:18080').replace(/\/+$/, '');
export const SHOTS = process.env.SCREENSHOTS || '';
export const TIMEOUT = 15_000;
export const FIXTURES = path.resolve(here, '../fixtures');

/// Calls the API; returns { status, ok, body } (the body parsed as JSON, or null).
export async function request(method, url, token, body) {
  const res = await fetch(`${BASE}/api/v1${url}`, {
    method,
    headers: {
      Accept: 'application/json',
      ...(token ? { Authorization: `Bearer ${token}` } : {}),
      ...(body ? { 'Content-Type': 'application/json' } : {}),
    },
    body: body ? JSON.stringify(body) : undefined,
  });
  const text = await res.text();
  return { status: res.status, ok: res.ok, text, body: text ? JSON.parse(text) : null };
}

/// Opens the section `label` of the main menu the way a user does: on a narrow screen
/// «Меню» first, on a wide one the group holding it; then follows the link.
export async function openSection(page, label) {
  const nav = page.locator('[data-testid="nav"]');
  const link = nav.locator('a', { hasText: label }).first();
  const toggle = page.locator('[data-testid="menu-toggle"]');
  if ((await toggle.isVisible()) && (await toggle.getAttribute('aria-expanded')) !== 'true') {
    await toggle.click();
  }
  if (!(await link.isVisible())) {
    await nav.locator('.nav-group', { has: page.locator('a', { hasText: label }) }).locator('.nav-group-button').click();
  }
  await link.click();
}

export const PASSWORD = process.env.TUTORNET_PASSWORD || 'demo-password-1';

/// Fails with `what` unless `selector` becomes visible.
export async function shown(page, selector, what) {
  await page
    .locator(selector)
    .first()
    .waitFor({ state: 'visible', timeout: TIMEOUT })
    .catch(() => {
      throw new Error(`${what} did not appear (${selector}) at ${page.url()}`);
    });
}

/// An API access token of a demo user.
export async function apiToken(email) {
  const r = await request('POST', '/auth/login', null, { email, password: PASSWORD });
  if (r.status !== 200) throw new Error(`login ${email} → ${r.status}`);
  return r.body.access_token;
}

/// Debian's Chromium, headless unless HEADFUL is set.
export function launch() {
  return chromium.launch({
    executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
    headless: !process.env.HEADFUL,
    args: ['--no-sandbox', '--disable-gpu'],
  });
}

/// A fresh Russian-locale page signed in as `email`; page errors go to `errors`.
export async function signedIn(browser, errors, email, { width = 1366, height = 800, timezoneId = 'Europe/Moscow' } = {}) {
  const context = await browser.newContext({ locale: 'ru-RU', timezoneId, viewport: { width, height }, acceptDownloads: true });
  const page = await context.newPage();
  page.setDefaultTimeout(TIMEOUT);
  page.on('pageerror', (e) => errors.push(`${email}: ${e}`));
  await page.goto(`${BASE}/login`);
  await page.fill('input[name="email"]', email);
  await page.fill('input[name="password"]', PASSWORD);
  await page.click('[data-testid="login-submit"]');
  await shown(page, '[data-testid="nav"]', `signed in as ${email}`);
  return page;
}

function throwError(msg) {
  throw new Error(msg);
}

/// The entries of a ZIP file (DOCX, XLSX) as name → bytes; deflated ones inflated with
/// node's zlib.
export function unzip(buf) {
  let eocd = buf.length - 22;
  while (eocd >= 0 && buf.readUInt32LE(eocd) !== 0x06054b50) eocd--;
  if (eocd < 0) throwError('the download is not a ZIP file');
  const count = buf.readUInt16LE(eocd + 10);
  let at = buf.readUInt32LE(eocd + 16);
  const out = new Map();
  for (let i = 0; i < count; i++) {
    if (buf.readUInt32LE(at) !== 0x02014b50) throwError('a broken ZIP central directory');
    const method = buf.readUInt16LE(at + 10);
    const size = buf.readUInt32LE(at + 20);
    const nameLen = buf.readUInt16LE(at + 28);
    const skip = nameLen + buf.readUInt16LE(at + 30) + buf.readUInt16LE(at + 32);
    const local = buf.readUInt32LE(at + 42);
    const name = buf.subarray(at + 46, at + 46 + nameLen).toString('utf8');
    const start = local + 30 + buf.readUInt16LE(local + 26) + buf.readUInt16LE(local + 28);
    const data = buf.subarray(start, start + size);
    out.set(name, method === 8 ? zlib.inflateRawSync(data) : Buffer.from(data));
    at += 46 + skip;
  }
  return out;
}

/// The text of XML parts of a ZIP file: tags dropped, entities decoded, paragraphs and
/// cells on lines of their own.
export function zipText(buf, prefix) {
  const parts = [...unzip(buf)].filter(([name]) => name.startsWith(prefix));
  if (!parts.length) throwError(`the file has no part ${prefix}`);
  return parts
    .map(([, data]) => data.toString('utf8'))
    .join('\n')
    .replace(/<\/(w:p|w:tc|si|c|row)>/g, '\n')
    .replace(/<[^>]+>/g, '')
    .replace(/&quot;/g, '"')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&amp;/g, '&');
}
