#!/usr/bin/env node
// Browser test of the schedule's calendar and consultation points: the tutor's week is
// an hour grid with «пн 14.12» heads; a click on an empty hour opens the new-session
// form with that date and time, and the planned session shows in its block with title,
// tutor and place; on a phone (390 px) the month's cells show the count and the first
// title; a teacher gets no tutor-only filters; the coordinator adds a consultation
// point through its form. `SCREENSHOTS=dir` saves the pages at both widths.
//
//   TUTORNET_URL=http://127.0.0.1:18080 node tests/browser/calendar.test.mjs
import { BASE, SHOTS, TIMEOUT, chromium } from './common.mjs';

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

async function signIn(page, email) {
  await page.goto(`${BASE}/login`);
  await shown(page, '[data-testid="login-form"]', 'login form');
  await page.fill('input[name="email"]', email);
  await page.fill('input[name="password"]', PASSWORD);
  await page.click('[data-testid="login-submit"]');
  await page
    .locator('[data-testid="nav"]')
    .waitFor({ state: 'attached', timeout: TIMEOUT })
    .catch(() => fail(`signed in as ${email}: no menu at ${page.url()}`));
}

async function shot(page, name) {
  if (SHOTS) await page.screenshot({ path: `${SHOTS}/${name}.png`, fullPage: true });
}

/// «ГГГГ-ММ-ДД» of a date (local to the browser, which is the test's Moscow zone).
const iso = (d) => `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;

async function main() {
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
    headless: !process.env.HEADFUL,
    args: ['--no-sandbox', '--disable-gpu'],
  });
  try {
    const fresh = async (who, width, height) => {
      const context = await browser.newContext({ locale: 'ru-RU', timezoneId: 'Europe/Moscow', viewport: { width, height } });
      const page = await context.newPage();
      page.setDefaultTimeout(TIMEOUT);
      page.on('pageerror', (e) => errors.push(`${who}: ${e}`));
      return page;
    };
    // A Wednesday some weeks ahead (another one on each run, so the tutor is free).
    const wed = new Date();
    wed.setDate(wed.getDate() + 7 * (2 + (Date.now() % 9)) + ((3 - wed.getDay() + 7) % 7));
    const day = iso(wed);
    const head = `ср ${String(wed.getDate()).padStart(2, '0')}.${String(wed.getMonth() + 1).padStart(2, '0')}`;

    step = 'the tutor sees the week as an hour grid';
    const tutor = await fresh('tutor', 1366, 800);
    await signIn(tutor, 'tutor@tutornet.local');
    await tutor.goto(`${BASE}/sessions?date=${day}`);
    await shown(tutor, '[data-testid="week-grid"]', 'hour grid');
    const heads = await tutor.locator('.wk-head').allInnerTexts();
    if (!heads.includes(head)) fail(`column heads ${JSON.stringify(heads)} lack «${head}»`);

    step = 'a click on an empty hour opens the form with the date and time';
    await tutor.click(`[data-testid="week-slot"][data-date="${day}"][data-hour="10"]`);
    await shown(tutor, '[data-testid="session-form"]', 'session form');
    const url = new URL(tutor.url());
    if (url.searchParams.get('date') !== day || url.searchParams.get('start') !== '10:00') fail(`address ${tutor.url()}`);
    const got = [await tutor.inputValue('input[name="date"]'), await tutor.inputValue('input[name="start_time"]'), await tutor.inputValue('input[name="end_time"]')];
    if (got.join(' ') !== `${day} 10:00 11:00`) fail(`prefilled ${JSON.stringify(got)}`);
    const title = `Разбор ВПР ${RUN}`;
    await tutor.selectOption('select[name="form"]', 'tutorial');
    await tutor.fill('input[name="title"]', title);
    await tutor.selectOption('select[name="format"]', 'in_person');
    await tutor.fill('input[name="place"]', `ИМЦ, каб. ${RUN}`);
    await tutor.click('[data-testid="save"]');
    await shown(tutor, '[data-testid="session-card"]', 'session card');

    step = 'the week shows the block with title, tutor and place';
    await tutor.goto(`${BASE}/sessions?date=${day}`);
    await shown(tutor, '[data-testid="week-session"]', 'a session block');
    const block = tutor.locator('[data-testid="week-session"]', { hasText: title });
    const text = await block.innerText();
    if (!text.includes('10:00') || !text.includes('Кедров') || !text.includes(`каб. ${RUN}`)) fail(`block says «${text}»`);
    await shot(tutor, 'calendar-week-1366');
    await tutor.click('[data-testid="view-month"]');
    await shown(tutor, '[data-testid="calendar"].cal-month', 'month');
    if (!new URL(tutor.url()).searchParams.get('view')) fail('the month view is not in the address');
    await shot(tutor, 'calendar-month-1366');

    step = 'on a phone the month cells show the count and the first title';
    const phone = await fresh('tutor phone', 390, 844);
    await signIn(phone, 'tutor@tutornet.local');
    await phone.goto(`${BASE}/sessions?view=month&date=${day}`);
    await shown(phone, `[data-date="${day}"] [data-testid="cal-count"]`, 'count in the day cell');
    const cell = phone.locator(`.cal-day[data-date="${day}"]`);
    const t = cell.locator('.chip-title').first();
    if (!(await t.isVisible())) fail('the first title is hidden on a phone');
    const box = await t.boundingBox();
    if (!box || box.height < 8 || box.width < 30) fail(`title box ${JSON.stringify(box)}`);
    await shot(phone, 'calendar-month-390');
    await phone.goto(`${BASE}/sessions?date=${day}`);
    await shown(phone, '[data-testid="calendar"].cal-week', 'the week as a day list');
    await shot(phone, 'calendar-week-390');

    step = 'a teacher gets no tutor-only filters';
    const teacher = await fresh('teacher', 1366, 800);
    await signIn(teacher, 'teacher@tutornet.local');
    await teacher.goto(`${BASE}/sessions`);
    await shown(teacher, '[data-testid="session-filters"]', 'filters');
    for (const name of ['awaiting_log', 'low_results_only', 'school_id']) {
      if (await teacher.locator(`[data-testid="session-filters"] [name="${name}"]`).count()) fail(`teacher sees the «${name}» filter`);
    }
    if (await teacher.locator('[data-testid="week-slot"]').count()) fail('a teacher gets click-to-create slots');

    step = 'the coordinator adds a consultation point';
    for (const [w, h] of [[1366, 800], [390, 844]]) {
      const coord = await fresh(`coordinator ${w}`, w, h);
      await signIn(coord, 'coordinator@tutornet.local');
      await coord.goto(`${BASE}/consultation-points/new`);
      await shown(coord, '[data-testid="point-form"]', 'point form');
      await coord.click('[data-testid="save"]');
      await shown(coord, '.has-error', 'field errors');
      await shot(coord, `point-form-errors-${w}`);
      await coord.fill('input[name="name"]', `Пункт ${RUN} ${w}`);
      await coord.fill('input[name="base_organisation"]', 'МКУ ИМЦ');
      await coord.fill('input[name="head_name"]', 'Губанова Ирина Степановна');
      await coord.locator('[data-testid="point-subjects"] label', { hasText: 'Математика' }).first().click();
      await coord.click('[data-testid="save"]');
      await shown(coord, '[data-testid="points-table"]', 'points list');
      await shown(coord, `[data-testid="point-row"]:has-text("Пункт ${RUN} ${w}")`, 'the new point');
      await shot(coord, `points-list-${w}`);
    }

    step = 'the coordinator archives a point and restores it';
    {
      const coord = await fresh('coordinator archive', 1366, 800);
      await signIn(coord, 'coordinator@tutornet.local');
      await coord.goto(`${BASE}/consultation-points`);
      await shown(coord, '[data-testid="point-row"]:has-text("Консультационный пункт при ИМЦ")', 'the demo point');
      const name = `Пункт ${RUN} 1366`;
      await coord.locator(`[data-testid="point-row"] a:has-text("${name}")`).click();
      await shown(coord, '[data-testid="archive-point"]', 'the archive button');
      coord.once('dialog', (d) => d.accept());
      await coord.click('[data-testid="archive-point"]');
      await shown(coord, '[data-testid="point-archive"] [data-testid="archived-badge"]', 'archived badge');
      await shot(coord, 'point-archived');
      await coord.goto(`${BASE}/consultation-points`);
      await shown(coord, '[data-testid="points-table"]', 'points list');
      if (await coord.locator(`[data-testid="point-row"]:has-text("${name}")`).count()) fail('an archived point stays in the list');
      await coord.check('[data-testid="points-archived"]');
      await shown(coord, `[data-testid="point-row"]:has-text("${name}") [data-testid="archived-badge"]`, 'the archived point with its badge');
      await coord.locator(`[data-testid="point-row"] a:has-text("${name}")`).click();
      await coord.click('[data-testid="restore-point"]');
      await shown(coord, '[data-testid="archive-point"]', 'the point restored');
    }

    if (errors.length) fail(`uncaught errors in the page: ${errors.join(' | ')}`);
    process.stdout.write('[calendar.test] OK\n');
  } finally {
    await browser.close();
  }
}

main().catch((e) => {
  process.stderr.write(`[calendar.test] FAIL at step «${step}»: ${e.message}\n`);
  process.exit(1);
});
