#!/usr/bin/env node
// Browser test of the tutornet SPA: logs in as the demo coordinator, checks the home page
// counts, the school form's validation, creates a school and finds it with the list filters;
// the profile's choice of notification e-mails survives a reload; the audit log speaks
// Russian and names a request by its topic.
//
//   TUTORNET_URL=http://127.0.0.1:18080 node tests/browser/spa.test.mjs
//
// Env: TUTORNET_URL (required unless the default suits), TUTORNET_COORD_EMAIL,
// TUTORNET_COORD_PASSWORD, SCREENSHOTS=dir (a full-page PNG of every page visited),
// CHROMIUM (default /usr/bin/chromium), HEADFUL=1 to watch.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { BASE, SHOTS, TIMEOUT, chromium, openSection, request } from './common.mjs';

const EMAIL = process.env.TUTORNET_COORD_EMAIL || 'coordinator@tutornet.local';
const PASSWORD = process.env.TUTORNET_COORD_PASSWORD || 'demo-password-1';
const TEACHER = 'teacher@tutornet.local';
const RUN = Date.now().toString(36);

let step = 'start';
let page;
const pageErrors = [];

function log(msg) {
  process.stdout.write(`[spa.test] ${msg}\n`);
}

function fail(msg) {
  throw new Error(msg);
}

async function shot(name) {
  if (!SHOTS) return;
  // Let fonts and layout settle.
  await page.waitForTimeout(150);
  const file = path.join(SHOTS, `${name}.png`);
  await page.screenshot({ path: file, fullPage: true });
  log(`screenshot ${file}`);
}

async function visible(selector, what, timeout = TIMEOUT) {
  try {
    await page.locator(selector).first().waitFor({ state: 'visible', timeout });
  } catch {
    fail(`${what} did not appear (${selector}) at ${page.url()}`);
  }
}

async function textOf(selector) {
  return (await page.locator(selector).first().innerText()).trim();
}

/// Waits until no «Загрузка…» indicator is left on the page.
async function settled() {
  await page.waitForFunction(() => !document.querySelector('[data-testid="loading"]'), null, { timeout: TIMEOUT });
}

async function nav(label, readySelector) {
  step = `open «${label}»`;
  await openSection(page, label);
  await visible(readySelector, `page «${label}»`);
  await settled();
}

/// Calls the API and fails on an error status.
async function api(method, url, token, body) {
  const res = await request(method, url, token, body);
  if (!res.ok) fail(`${method} ${url} → ${res.status}: ${res.text}`);
  return res.body;
}

async function apiToken(email, password) {
  return (await api('POST', '/auth/login', null, { email, password })).access_token;
}

/// The mail settings have come from the server (the digest hour is shown).
async function mailSettingsLoaded() {
  await page
    .waitForFunction(() => /в \d\d:00/.test(document.querySelector('[data-testid="mail-settings"]')?.textContent || ''), null, { timeout: TIMEOUT })
    .catch(() => fail('the mail settings did not load'));
}

/// Fills the login form and submits it; with `expectError`, returns the error banner's text.
async function signIn(password, expectError = false) {
  await page.fill('input[name="email"]', EMAIL);
  await page.fill('input[name="password"]', password);
  await page.click('[data-testid="login-submit"]');
  if (!expectError) return '';
  await visible('[data-testid="error-banner"]', 'wrong-password banner');
  return (await page.locator('[data-testid="login-form"]').innerText()).trim();
}

async function main() {
  if (SHOTS) fs.mkdirSync(SHOTS, { recursive: true });
  const profile = fs.mkdtempSync(path.join(os.tmpdir(), 'tutornet-spa-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
    headless: !process.env.HEADFUL,
    viewport: { width: 1280, height: 800 },
    locale: 'ru-RU',
    timezoneId: 'Europe/Moscow',
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
  try {
    page = context.pages()[0] || (await context.newPage());
    page.setDefaultTimeout(TIMEOUT);
    page.on('pageerror', (e) => pageErrors.push(String(e)));
    page.on('console', (m) => {
      if (m.type() === 'error' && !/Failed to load resource/.test(m.text())) {
        log(`browser console error: ${m.text()}`);
      }
    });
    // Answer the archive confirmation (not used by the main path, but harmless).
    page.on('dialog', (d) => d.accept());

    // ---- Login ----
    step = 'open the login page';
    await page.goto(`${BASE}/login`);
    await visible('[data-testid="login-form"]', 'login form');
    step = 'empty login form shows field errors';
    await page.click('[data-testid="login-submit"]');
    await visible('[data-testid="error-email"]', 'e-mail field error');
    await visible('[data-testid="error-password"]', 'password field error');
    await shot('01-login-errors');

    step = 'log in as the coordinator';
    await page.fill('input[name="email"]', EMAIL);
    await page.fill('input[name="password"]', PASSWORD);
    await shot('02-login');
    await page.click('[data-testid="login-submit"]');
    try {
      await page.locator('[data-testid="home"], [data-testid="error-banner"]').first().waitFor({ timeout: TIMEOUT });
    } catch {
      fail('neither the home page nor an error appeared after login');
    }
    if (await page.locator('[data-testid="error-banner"]').count()) {
      fail(`login failed: ${await textOf('[data-testid="error-banner"]')}`);
    }

    // ---- Home ----
    step = 'home page shows counts';
    await visible('[data-testid="stats"]', 'stats cards');
    const schoolsCount = await textOf('[data-testid="stat-schools"] .stat-value');
    if (!/^\d+$/.test(schoolsCount)) fail(`the schools card shows «${schoolsCount}», not a number`);
    for (const key of ['low_results', 'difficult_conditions', '500plus', 'mentor', 'municipalities']) {
      const v = await textOf(`[data-testid="stat-${key}"] .stat-value`);
      if (!/^\d+$/.test(v)) fail(`the ${key} card shows «${v}», not a number`);
    }
    const role = await textOf('[data-testid="user-role"]');
    if (!/Координатор/.test(role)) fail(`the header shows role «${role}», expected a coordinator`);
    log(`home: ${schoolsCount} schools; role «${role}»`);
    await shot('03-home');

    // ---- Schools list ----
    await nav('Школы', '[data-testid="schools-page"]');
    await visible('[data-testid="schools-total"]:not(:empty)', 'schools total');
    await shot('04-schools');

    // ---- Create form: validation ----
    step = 'empty school form shows a field error';
    await page.click('[data-testid="add-school"]');
    await visible('[data-testid="school-form"]', 'school form');
    await page.fill('textarea[name="full_name"]', '');
    await page.fill('input[name="short_name"]', '');
    await page.click('[data-testid="save"]');
    await visible('[data-testid="error-full_name"]', 'error next to «Полное наименование»');
    const errText = await textOf('[data-testid="error-full_name"]');
    if (!errText) fail('the full_name error is empty');
    await visible('[data-testid="error-short_name"]', 'error next to «Краткое наименование»');
    // The error sits inside the field's block, right under the input.
    const sameField = await page
      .locator('.field:has(textarea[name="full_name"]) [data-testid="error-full_name"]')
      .count();
    if (!sameField) fail('the full_name error is not next to its field');
    await shot('05-school-form-errors');

    // ---- Create a school with the ШНОР flag ----
    step = 'create a school';
    const stamp = Date.now().toString().slice(-9);
    const marker = `Проверка${stamp}`;
    const shortName = `МОБУ СОШ «${marker}»`;
    const fullName = `Муниципальное общеобразовательное бюджетное учреждение средняя общеобразовательная школа «${marker}»`;
    const mun = page.locator('select[name="municipality_id"]');
    if (await mun.isEnabled()) {
      const current = await mun.inputValue();
      if (!current) {
        const first = await mun.locator('option:not([value=""])').first().getAttribute('value');
        if (!first) fail('no municipality to choose');
        await mun.selectOption(first);
      }
    }
    await page.fill('textarea[name="full_name"]', fullName);
    await page.fill('input[name="short_name"]', shortName);
    await page.fill('input[name="address"]', 'г. Лабинск, ул. Проверочная, 1');
    await page.check('input[name="is_low_results"]');
    await page.click('[data-testid="save"]');
    try {
      await page
        .locator('[data-testid="school-card"] [data-testid="school-short-name"], [data-testid="error-banner"]')
        .first()
        .waitFor({ timeout: TIMEOUT });
    } catch {
      fail('neither the school card nor an error appeared after saving');
    }
    if (await page.locator('[data-testid="error-banner"]').count()) {
      fail(`saving the school failed: ${await textOf('[data-testid="error-banner"]')}`);
    }
    const cardName = await textOf('[data-testid="school-short-name"]');
    if (cardName !== shortName) fail(`the card shows «${cardName}», expected «${shortName}»`);
    const flags = await textOf('[data-testid="school-flags"]');
    if (!flags.includes('ШНОР')) fail(`the card's flags are «${flags}», expected ШНОР`);
    log(`created «${shortName}»`);
    await shot('06-school-card');

    // ---- Find it with the filters ----
    await nav('Школы', '[data-testid="schools-page"]');
    step = 'pick a school that must not match';
    await visible('[data-testid="school-row"]', 'school rows');
    const names = await page.locator('[data-testid="school-row"] a.strong').allInnerTexts();
    const other = names.map((n) => n.trim()).find((n) => !n.includes(marker));
    if (!other) fail('the list has no other school to compare with');

    step = 'search by part of the name and tick ШНОР';
    await page.fill('input[name="q"]', marker.slice(0, -2));
    await page.check('input[name="is_low_results"]');
    try {
      await page.waitForFunction(
        ({ shortName, other }) => {
          if (document.querySelector('[data-testid="loading"]')) return false;
          const rows = [...document.querySelectorAll('[data-testid="school-row"] a.strong')].map((a) => a.textContent.trim());
          return rows.includes(shortName) && !rows.includes(other) && location.search.includes('is_low_results=true');
        },
        { shortName, other },
        { timeout: TIMEOUT },
      );
    } catch {
      const rows = await page.locator('[data-testid="school-row"] a.strong').allInnerTexts();
      fail(`after filtering the list shows [${rows.join('; ')}]; expected «${shortName}» and not «${other}»`);
    }
    const rowCount = await page.locator('[data-testid="school-row"]').count();
    if (rowCount !== 1) fail(`expected exactly one school for «${marker}», got ${rowCount}`);
    const total = await textOf('[data-testid="schools-total"]');
    if (!/\b1\b/.test(total)) fail(`the total says «${total}», expected 1`);
    log(`filter ok: «${shortName}» shown, «${other}» hidden`);
    await shot('07-schools-filtered');

    step = 'a query that matches nothing shows the empty state';
    await page.fill('input[name="q"]', `нет-такой-школы-${stamp}`);
    await visible('[data-testid="empty"]', 'empty state');
    const emptyText = await textOf('[data-testid="empty"]');
    if (!emptyText.includes('Школы не найдены')) fail(`empty state says «${emptyText}»`);
    await shot('08-schools-empty');

    // ---- Other pages ----
    step = 'a menu group unfolds and folds with Escape';
    const group = page.locator('[data-testid="nav-group-directory"] .nav-group-button');
    await group.click();
    if ((await group.getAttribute('aria-expanded')) !== 'true') fail('«Справочники» does not say it is expanded');
    await page.keyboard.press('Escape');
    if ((await group.getAttribute('aria-expanded')) !== 'false') fail('Escape does not fold «Справочники»');
    await nav('Пользователи', '[data-testid="users-page"]');
    await visible('[data-testid="users-table"], [data-testid="empty"]', 'users list');
    await shot('09-users');
    step = 'user form';
    await page.click('[data-testid="add-user"]');
    await visible('[data-testid="user-form"]', 'user form');
    await page.click('[data-testid="save"]');
    await visible('[data-testid="error-full_name"]', 'error next to «ФИО»');
    await shot('10-user-form-errors');

    await nav('Профиль', '[data-testid="profile-page"]');
    await visible('[data-testid="profile-props"]', 'profile data');
    await shot('11-profile');

    step = 'the choice of notification e-mails survives a reload';
    const token = await apiToken(EMAIL, PASSWORD);
    const digestBefore = (await api('GET', '/notifications/settings', token)).digest;
    // Switches to `digest` (true: the daily digest), saves, reloads, checks the page and the API.
    const chooseDigest = async (digest) => {
      await mailSettingsLoaded();
      await page.check(`[data-testid="${digest ? 'mail-digest' : 'mail-immediate'}"]`);
      await page.click('[data-testid="save-mail-settings"]');
      await visible('[data-testid="mail-settings"] [data-testid="banner-ok"]', 'the saved banner of the mail settings');
      const said = await textOf('[data-testid="mail-settings"] [data-testid="banner-ok"]');
      if (!(digest ? /сводка будет приходить раз в день в \d\d:00/ : /о каждом уведомлении/).test(said)) fail(`the saved banner says «${said}»`);
      await page.reload();
      await visible('[data-testid="profile-page"] [data-testid="mail-settings"]', 'the profile after a reload');
      await mailSettingsLoaded();
      const shown = await page.isChecked('[data-testid="mail-digest"]');
      if (shown !== digest) fail(`after a reload the page shows digest=${shown}, not ${digest}`);
      const stored = (await api('GET', '/notifications/settings', token)).digest;
      if (stored !== digest) fail(`the server keeps digest=${stored}, not ${digest}`);
    };
    await chooseDigest(!digestBefore);
    await shot('11b-profile-digest');
    await chooseDigest(digestBefore);

    step = 'the audit log names a request by its topic, in Russian';
    const teacherToken = await apiToken(TEACHER, PASSWORD);
    const topic = `Журнал: смысловое чтение ${RUN}`;
    const filed = await api('POST', '/requests', teacherToken, { topic, problem: 'Учащиеся 5 классов не выделяют главную мысль текста.', form: 'individual_consultation', audience: 'teachers', format: 'in_person' });
    await api('POST', `/requests/${filed.id}/transitions`, token, { action: 'ask_info', comment: 'Уточните класс и число учителей.', version: filed.version });
    await nav('Журнал изменений', '[data-testid="audit-page"]');
    await visible('[data-testid="audit-table"], [data-testid="empty"]', 'audit log');
    await shot('12-audit');
    await page.goto(`${BASE}/audit?entity=request&entity_id=${filed.id}`);
    await visible('[data-testid="audit-row"]', 'the request\'s entries in the audit log');
    await settled();
    await page.waitForFunction(() => document.querySelectorAll('[data-testid="audit-row"]').length >= 2, null, { timeout: TIMEOUT })
      .catch(() => fail('the audit log does not show the request\'s creation and change'));
    const rows = await page.locator('[data-testid="audit-row"]').evaluateAll((trs) =>
      trs.map((tr) => Object.fromEntries([...tr.querySelectorAll('td')].map((td) => [td.dataset.label, td.textContent.trim()]))),
    );
    const uuid = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/i;
    for (const r of rows) {
      if (r['Объект'] !== 'заявка') fail(`the audit names the entity «${r['Объект']}», not «заявка»`);
      if (r['Запись'] !== topic || uuid.test(r['Запись'])) fail(`the audit names the record «${r['Запись']}», not the topic`);
      if (/[a-z_]{3,}/.test(r['Изменено'] || '') || /[a-z_]{3,}/.test(r['Действие'] || '')) fail(`the audit row is not in Russian: ${JSON.stringify(r)}`);
    }
    const change = rows.find((r) => r['Изменено'] && r['Изменено'] !== '—');
    if (!change || !change['Изменено'].includes('статус')) fail(`no audit row shows the changed «статус»: ${JSON.stringify(rows)}`);
    await shot('12b-audit-request');
    log(`audit: ${rows.length} entries of «${topic}» in Russian`);

    // ---- Phone width; a full reload also restores the session from the cookie ----
    step = 'phone-width schools list after a reload';
    await page.setViewportSize({ width: 390, height: 844 });
    await page.goto(`${BASE}/schools`);
    await visible('[data-testid="schools-page"]', 'schools page after reload (session restore)');
    await visible('[data-testid="school-row"]', 'school rows on a phone');
    await settled();
    await shot('13-schools-phone');
    await page.goto(`${BASE}/`);
    await visible('[data-testid="stats"]', 'home on a phone');
    await shot('14-home-phone');

    step = 'the phone menu is a panel behind «Меню» and folds on a move';
    const toggle = page.locator('[data-testid="menu-toggle"]');
    if (await page.locator('[data-testid="nav"]').isVisible()) fail('the menu is unfolded on a phone before «Меню»');
    await toggle.click();
    if ((await toggle.getAttribute('aria-expanded')) !== 'true') fail('«Меню» does not say it is expanded');
    await visible('[data-testid="nav"] a:has-text("Журнал изменений")', 'the audit log in the phone menu');
    await shot('15-menu-phone');
    await page.locator('[data-testid="nav"] a', { hasText: 'Пользователи' }).click();
    await visible('[data-testid="users-page"]', 'users page from the phone menu');
    if (await page.locator('[data-testid="nav"]').isVisible()) fail('the phone menu stays open after a move');

    step = 'log out';
    await page.setViewportSize({ width: 1280, height: 800 });
    await page.click('[data-testid="logout"]');
    await visible('[data-testid="login-form"]', 'login form after logout');

    // ---- A deep link survives the login, and a lost session ----
    step = 'a deep link opened while signed out';
    const deep = '/sessions?view=month&date=2026-12-01';
    await page.goto(`${BASE}${deep}`);
    await visible('[data-testid="login-form"]', 'login form for a deep link');
    await visible('[data-testid="forgot-password"][href="/password/reset"]', '«Забыли пароль?» link');
    const wrong = await signIn(PASSWORD + '-wrong', true);
    if (wrong.split('Неверный адрес').length !== 2 || /учётные данные/.test(wrong)) {
      fail(`the wrong-password message is not said exactly once: «${wrong}»`);
    }
    await signIn(PASSWORD);
    await page.waitForURL(`${BASE}${deep}`, { timeout: TIMEOUT }).catch(() => {
      fail(`after login the deep link ${deep} became ${page.url()}`);
    });
    await visible('[data-testid="sessions-page"]', 'the sessions page of the deep link');
    await settled();

    step = 'the session is lost on a later page; re-login returns there';
    await page.click('[data-testid="cal-next"]');
    await page.waitForURL((u) => u.search.includes('view=month') && !u.search.includes('2026-12-01'), { timeout: TIMEOUT });
    await settled();
    const later = new URL(page.url());
    const before = `${later.pathname}${later.search}`;
    // Every call now answers 401 and the refresh fails too: the session is gone. The
    // unread counter asks the server when told, which makes the next call.
    await page.route('**/api/v1/**', (route) =>
      route.fulfill({
        status: 401,
        contentType: 'application/problem+json',
        body: JSON.stringify({ type: 'about:blank', title: 'Требуется вход', status: 401, code: 'invalid_token', detail: 'Сеанс истёк' }),
      }),
    );
    await page.evaluate(() => window.dispatchEvent(new CustomEvent('tutornet:notifications')));
    await visible('[data-testid="login-form"]', 'login form after the session was lost');
    await page.unroute('**/api/v1/**');
    const next = new URL(page.url()).searchParams.get('next') || '';
    if (next !== before) fail(`the login page would return to «${next}», not «${before}»`);
    await signIn(PASSWORD);
    await page.waitForURL(`${BASE}${next}`, { timeout: TIMEOUT }).catch(() => {
      fail(`after re-login the page is ${page.url()}, not ${next}`);
    });
    await visible('[data-testid="sessions-page"]', 'the sessions page after re-login');
    log(`deep link ${deep} and ${next} survived the login`);

    if (pageErrors.length) fail(`uncaught errors in the page: ${pageErrors.join(' | ')}`);
    log('OK');
  } catch (e) {
    await shot('zz-failure').catch(() => {});
    throw e;
  } finally {
    await context.close().catch(() => {});
    fs.rmSync(profile, { recursive: true, force: true });
  }
}

main().catch(async (e) => {
  process.stderr.write(`[spa.test] FAIL at step «${step}»: ${e.message}\n`);
  if (pageErrors.length) process.stderr.write(`[spa.test] page errors: ${pageErrors.join(' | ')}\n`);
  process.exit(1);
});
