#!/usr/bin/env node
// Browser test of the registry: the regional administrator opens «Муниципалитеты» from
// the menu, sees the prepositional name as orders write it, gives a new municipality its
// prepositional name; the coordinator records a school's flags for last year with their
// basis on the school card; the teacher gets no dictionary in the menu.
//
//   TUTORNET_URL=http://127.0.0.1:18080 node tests/browser/registry.test.mjs
import { BASE, SHOTS, TIMEOUT, chromium, openSection } from './common.mjs';

const PASSWORD = process.env.TUTORNET_PASSWORD || 'demo-password-1';
const RUN = Date.now().toString(36);
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

async function main() {
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
    headless: !process.env.HEADFUL,
    args: ['--no-sandbox', '--disable-gpu'],
  });
  try {
    const signedIn = async (email) => {
      const viewport = { width: 1366, height: 800 };
      const context = await browser.newContext({ locale: 'ru-RU', timezoneId: 'Asia/Vladivostok', viewport });
      const page = await context.newPage();
      page.setDefaultTimeout(TIMEOUT);
      page.on('pageerror', (e) => errors.push(`${email}: ${e}`));
      await page.goto(`${BASE}/login`);
      await page.fill('input[name="email"]', email);
      await page.fill('input[name="password"]', PASSWORD);
      await page.click('[data-testid="login-submit"]');
      await shown(page, '[data-testid="nav"]', `signed in as ${email}`);
      return page;
    };
    const shot = async (page, name) => {
      if (SHOTS) await page.screenshot({ path: `${SHOTS}/${name}.png`, fullPage: true });
    };

    step = 'the administrator reads the municipalities';
    const admin = await signedIn('admin@tutornet.local');
    await openSection(admin, 'Муниципалитеты');
    await shown(admin, '[data-testid="municipality-row"]', 'municipality rows');
    const table = await admin.locator('[data-testid="municipalities"]').innerText();
    if (!table.includes('в Лесогорском районе')) fail(`no prepositional name in «${table}»`);

    step = 'the administrator adds a municipality with its prepositional name';
    await admin.click('[data-testid="add-entry"]');
    await shown(admin, '[data-testid="municipality-form"]', 'municipality form');
    await admin.click('[data-testid="save"]');
    await shown(admin, '#err-name', 'the name is required');
    const name = `Владимирский район ${RUN}`;
    await admin.fill('input[name="name"]', name);
    await admin.fill('input[name="name_prepositional"]', `Владимирском районе ${RUN}`);
    await admin.click('[data-testid="save"]');
    await admin.locator('[data-testid="municipality-row"]', { hasText: name }).waitFor();
    const row = await admin.locator('[data-testid="municipality-row"]', { hasText: name }).innerText();
    if (!row.includes(`во Владимирском районе ${RUN}`)) fail(`row «${row}»`);
    await shot(admin, 'registry-municipalities-desktop');

    step = 'subjects and academic years are listed';
    await openSection(admin, 'Предметы');
    await shown(admin, '[data-testid="subject-row"]', 'subject rows');
    await openSection(admin, 'Учебные годы');
    await shown(admin, '[data-testid="year-row"]', 'year rows');
    const years = await admin.locator('[data-testid="academic-years"]').innerText();
    if (!years.includes('01.09.2026 – 31.08.2027') || !years.includes('текущий')) fail(`years «${years}»`);

    step = 'the coordinator records last year’s flags of a school';
    const coord = await signedIn('coordinator@tutornet.local');
    await openSection(coord, 'Школы');
    await coord.locator('a', { hasText: 'МОБУ СОШ № 7' }).first().click();
    await shown(coord, '[data-testid="flags-history"]', 'flags history');
    await coord.click('[data-testid="edit-flags"]');
    await shown(coord, '[data-testid="flags-form"]', 'flags form');
    await coord.selectOption('select[name="academic_year_id"]', { label: '2025/2026' });
    await coord.check('input[name="is_500plus"]');
    await coord.fill('input[name="basis"]', `Письмо ФИОКО № ${RUN}`);
    await coord.click('[data-testid="save-flags"]');
    await coord.locator('[data-testid="flags-history"] tr', { hasText: `Письмо ФИОКО № ${RUN}` }).waitFor();
    const last = await coord.locator('[data-testid="flags-history"] tr', { hasText: '2025/2026' }).innerText();
    if (!last.includes('500+')) fail(`last year «${last}»`);
    await shot(coord, 'school-flags-desktop');

    step = 'the teacher has no dictionaries';
    const teacher = await signedIn('teacher@tutornet.local');
    const nav = await teacher.locator('[data-testid="nav"]').textContent();
    if (nav.includes('Муниципалитеты') || nav.includes('Учебные годы')) fail(`teacher menu «${nav}»`);

    if (errors.length) fail(`uncaught errors in the page: ${errors.join(' | ')}`);
    process.stdout.write('[registry.test] OK\n');
  } finally {
    await browser.close();
  }
}

main().catch((e) => {
  process.stderr.write(`[registry.test] FAIL at step «${step}»: ${e.message}\n`);
  process.exit(1);
});
