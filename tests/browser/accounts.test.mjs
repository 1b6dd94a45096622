#!/usr/bin/env node
// Browser test of accounts: the coordinator creates a user without a password (an
// invitation), sends a new invitation from the user's page and reads the link and its
// expiry; a fresh browser opens the link, sets a password (a mismatch first) and signs
// in; the reset page answers the same for any address.
//
//   TUTORNET_URL=http://127.0.0.1:18080 node tests/browser/accounts.test.mjs
import { BASE, TIMEOUT, chromium } from './common.mjs';

const PASSWORD = process.env.TUTORNET_PASSWORD || 'demo-password-1';
const RUN = Date.now().toString(36);
const EMAIL = `invited-${RUN}@x.ru`;
const NEW_PASSWORD = 'my-own-password-7';
let step = 'start';
const errors = [];

const fail = (msg) => {
  throw new Error(msg);
};

async function shown(page, selector, what) {
  await page
    .locator(selector)
    .first()
    .waitFor({ state: 'visible', timeout: TIMEOUT })
    .catch(() => fail(`${what} did not appear (${selector}) at ${page.url()}`));
}

async function signIn(page, email, password) {
  await shown(page, '[data-testid="login-form"]', 'login form');
  await page.fill('input[name="email"]', email);
  await page.fill('input[name="password"]', password);
  await page.click('[data-testid="login-submit"]');
  await shown(page, '[data-testid="nav"]', `signed in as ${email}`);
}

async function main() {
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
    headless: !process.env.HEADFUL,
    args: ['--no-sandbox', '--disable-gpu'],
  });
  try {
    const fresh = async (who) => {
      const context = await browser.newContext({ locale: 'ru-RU', timezoneId: 'Asia/Vladivostok' });
      const page = await context.newPage();
      page.setDefaultTimeout(TIMEOUT);
      page.on('pageerror', (e) => errors.push(`${who}: ${e}`));
      return page;
    };

    step = 'the coordinator creates a user with an invitation';
    const coord = await fresh('coordinator');
    await coord.goto(`${BASE}/login`);
    await signIn(coord, 'coordinator@tutornet.local', PASSWORD);
    await coord.goto(`${BASE}/users/new`);
    await shown(coord, '[data-testid="user-form"]', 'user form');
    if (!(await coord.isChecked('input[name="invite"]'))) fail('«Отправить приглашение на почту» is not the default');
    if (await coord.locator('input[name="password"]').count()) fail('a password field beside the invitation');
    await coord.fill('input[name="full_name"]', 'Приглашённая Анна Петровна');
    await coord.fill('input[name="email"]', EMAIL);
    await coord.selectOption('select[name="role"]', 'tutor');
    await coord.click('[data-testid="save"]');
    await shown(coord, '[data-testid="banner-ok"]', 'created banner');
    const created = await coord.locator('[data-testid="banner-ok"]').innerText();
    if (!created.includes('приглашение отправлено')) fail(`banner says «${created}»`);

    step = 'the coordinator sends a new invitation and sees the link';
    await coord.click('[data-testid="invite"]');
    await shown(coord, '[data-testid="invite-url"]', 'invitation link');
    const url = await coord.inputValue('[data-testid="invite-url"]');
    if (!url.includes('/password/set?token=')) fail(`link «${url}»`);
    const expires = await coord.locator('[data-testid="invite-expires"]').innerText();
    if (!/\d\d\.\d\d\.\d{4} \d\d:\d\d/.test(expires)) fail(`expiry «${expires}»`);

    step = 'a fresh browser opens the link and sets a password';
    const guest = await fresh('invited');
    await guest.goto(url.replace(/^https?:\/\/[^/]+/, BASE));
    await shown(guest, '[data-testid="password-set-form"]', 'set-password form');
    await guest.fill('input[name="password"]', NEW_PASSWORD);
    await guest.fill('input[name="password2"]', `${NEW_PASSWORD}x`);
    await guest.click('[data-testid="password-set-submit"]');
    await shown(guest, '[data-testid="error-password2"]', 'mismatch next to the second field');
    await guest.fill('input[name="password2"]', NEW_PASSWORD);
    await guest.click('[data-testid="password-set-submit"]');
    await shown(guest, '[data-testid="banner-info"]', 'notice on the login page');
    const notice = await guest.locator('[data-testid="banner-info"]').innerText();
    if (!notice.includes('Пароль задан')) fail(`notice «${notice}»`);
    await signIn(guest, EMAIL, NEW_PASSWORD);

    step = 'the used link is refused';
    const again = await fresh('again');
    await again.goto(url.replace(/^https?:\/\/[^/]+/, BASE));
    await again.fill('input[name="password"]', 'another-password-8');
    await again.fill('input[name="password2"]', 'another-password-8');
    await again.click('[data-testid="password-set-submit"]');
    await shown(again, '[data-testid="error-banner"]', 'link refused');
    const refused = await again.locator('[data-testid="error-banner"]').innerText();
    if (!refused.includes('Ссылка устарела или уже использована')) fail(`refusal «${refused}»`);

    step = 'the reset page answers the same for any address';
    await again.goto(`${BASE}/password/reset`);
    await again.fill('input[name="email"]', `nobody-${RUN}@x.ru`);
    await again.click('[data-testid="password-reset-submit"]');
    await shown(again, '[data-testid="banner-ok"]', 'reset answer');
    const answer = await again.locator('[data-testid="banner-ok"]').innerText();
    if (!answer.includes('Если адрес зарегистрирован')) fail(`reset answer «${answer}»`);

    if (errors.length) fail(`uncaught errors in the page: ${errors.join(' | ')}`);
    process.stdout.write('[accounts.test] OK\n');
  } finally {
    await browser.close();
  }
}

main().catch((e) => {
  process.stderr.write(`[accounts.test] FAIL at step «${step}»: ${e.message}\n`);
  process.exit(1);
});
