// What every browser test shares: the browser driver, the app's address, the screenshot
// folder, the wait limit, and a plain call of the API.
import { createRequire } from 'node:module';
import path from 'node:path';
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
