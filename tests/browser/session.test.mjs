#!/usr/bin/env node
// Browser test of the session page: a future session is an announcement (date and time,
// place or clickable link, tutor, audience, who it is open to, seats) with no log form
// and no «Отметить проведённым»; a started one shows the log form, which asks for the
// pupils' class only when pupils are in the audience and takes walk-in participants;
// the held log lists attendance, hours and difficulties, and material URLs are links;
// printing shows no navigation, buttons or forms. `SCREENSHOTS=dir` saves the pages at
// 1366×800 and 390×844 and a print-media rendering.
//
//   TUTORNET_URL=http://127.0.0.1:18080 node tests/browser/session.test.mjs
import { BASE, SHOTS, TIMEOUT, chromium, request } from './common.mjs';

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

async function absent(page, selector, what) {
  if (await page.locator(selector).count()) fail(`${what} is on the page (${selector}) at ${page.url()}`);
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

async function token(email) {
  const r = await request('POST', '/auth/login', null, { email, password: PASSWORD });
  if (r.status !== 200) fail(`login ${email} → ${r.status}`);
  return r.body.access_token;
}

/// Plans a session of the demo tutor `hours` from now (shifting by an hour while the
/// tutor is busy); returns it.
async function plan(t, body, hours, length = 1.5) {
  for (let shift = 0; shift < 12; shift++) {
    const start = Date.now() + (hours + shift * (hours < 0 ? -2 : 2)) * 3600_000;
    const whole = (ms) => new Date(Math.floor(ms / 60_000) * 60_000).toISOString();
    const r = await request('POST', '/sessions', t, {
      ...body,
      starts_at: whole(start),
      ends_at: whole(start + length * 3600_000),
    });
    if (r.status === 201) return r.body[0];
    if (r.status !== 409) fail(`planning «${body.title}» → ${r.status} ${r.text}`);
  }
  fail(`no free slot for «${body.title}»`);
}

async function main() {
  const tutorT = await token('tutor@tutornet.local');
  const remote = { format: 'remote', online_link: 'https://meet.example/room-7' };
  step = 'plan the sessions through the API';
  const future = await plan(
    tutorT,
    { form: 'group_consultation', title: `Анонс: критерии ОГЭ ${RUN}`, audience: 'teachers', seats: 12, open_to: 'low_results', ...remote },
    30 * 24,
  );
  const pupils = await plan(
    tutorT,
    { form: 'student_group_session', title: `Занятие с 9 «Б» ${RUN}`, audience: 'students', format: 'in_person', place: 'МБОУ СОШ № 5, каб. 21' },
    -30,
  );
  const teachers = await plan(tutorT, { form: 'group_consultation', title: `Разбор для педагогов ${RUN}`, audience: 'teachers', ...remote }, -54);

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
    const open = async (page, id, selector) => {
      await page.goto(`${BASE}/sessions/${id}`);
      await shown(page, selector, `${selector} of /sessions/${id}`);
    };

    for (const [w, h] of [[1366, 800], [390, 844]]) {
      const tutor = await fresh(`tutor ${w}`, w, h);
      await signIn(tutor, 'tutor@tutornet.local');

      step = `a future session is an announcement (${w})`;
      await open(tutor, future.id, '[data-testid="session-props"]');
      await shown(tutor, '[data-testid="session-announcement"]', '«Анонс занятия»');
      const when = await tutor.locator('[data-testid="session-when"]').innerText();
      if (!/^\d{2}\.\d{2}\.\d{4} \d{2}:\d{2}–\d{2}:\d{2}$/.test(when.trim())) fail(`the date and time read «${when}»`);
      const link = tutor.locator('[data-testid="session-place"] a[href="https://meet.example/room-7"]');
      if ((await link.count()) !== 1) fail('the online link is not a link');
      const openTo = await tutor.locator('[data-testid="session-open-to"]').innerText();
      if (!/ШНОР\/ШССУ/.test(openTo)) fail(`«Для кого» reads «${openTo}»`);
      const tutors = await tutor.locator('[data-testid="session-tutors"]').innerText();
      if (!tutors.trim()) fail('no tutor in the announcement');
      const seats = await tutor.locator('[data-testid="session-seats"]').innerText();
      if (!/записано 0 из 12/.test(seats)) fail(`seats read «${seats}»`);
      await absent(tutor, '[data-testid="log-form"]', 'the log form of a future session');
      await absent(tutor, '[data-testid="save-log"]', '«Отметить проведённым» of a future session');
      await shown(tutor, '[data-testid="log-later"]', 'the note that the log opens at the start');
      await shot(tutor, `session-announcement-${w}`);
      if (w === 1366) {
        await tutor.emulateMedia({ media: 'print' });
        await absent(tutor, '[data-testid="nav"]:visible', 'the menu in print');
        await absent(tutor, '[data-testid="print-button"]:visible, .btn:visible', 'buttons in print');
        await shot(tutor, 'session-announcement-print');
        await tutor.emulateMedia({ media: 'screen' });
      }

      step = `a teachers' session asks for no class (${w})`;
      await open(tutor, teachers.id, '[data-testid="log-form"]');
      await absent(tutor, 'input[name="students_class"]', 'the class field of a teachers\' session');
      const hours = await tutor.inputValue('input[name="academic_hours"]');
      if (hours !== '2') fail(`90 minutes default to «${hours}» academic hours`);
      if (w === 1366) {
        await tutor.emulateMedia({ media: 'print' });
        if (await tutor.locator('[data-testid="log-form"]').isVisible()) fail('the empty log form prints');
        await tutor.emulateMedia({ media: 'screen' });
      }

      step = `a started pupils' session shows the log form with the class (${w})`;
      // The desktop pass logs it; the phone pass reads the held log.
      await open(tutor, pupils.id, w === 1366 ? '[data-testid="log-form"]' : '[data-testid="session-log"]');
      await absent(tutor, '[data-testid="session-announcement"]', 'the announcement of a started session');
      if (w !== 1366) await shot(tutor, `session-held-log-${w}`);
      if (w === 1366) {
        await shown(tutor, 'input[name="students_class"]', 'the pupils\' class field');
        await tutor.click('[data-testid="add-walk-in"]');
        await shown(tutor, '[data-testid="walk-in"]', 'a walk-in row');
        await tutor.click('[data-testid="save-log"]');
        await shown(tutor, '[data-testid="error-students_class"]', 'the class is required');
        await shown(tutor, '.walk-in .field-error', 'the walk-in needs a name');
        await tutor.fill('input[name="walk_ins[0].full_name"]', 'Сидорова Анна Петровна');
        await tutor.fill('input[name="walk_ins[0].school"]', 'МБОУ СОШ № 5');
        await tutor.fill('input[name="walk_ins[0].position"]', 'классный руководитель');
        await tutor.fill('input[name="students_class"]', '9 «Б»');
        await tutor.fill('input[name="students_count"]', '18');
        await tutor.fill('textarea[name="outcome"]', 'Решали задания 20–22 ОГЭ, разобрали типичные ошибки.');
        await tutor.fill('textarea[name="difficulties"]', 'Учитель не передал результаты пробной работы.');
        await tutor.fill('textarea[name="materials"]', 'Карточки с заданиями\nРазбор: https://example.org/oge-20');
        await shot(tutor, `session-log-form-${w}`);
        await tutor.click('[data-testid="save-log"]');
        step = 'the held log';
        await shown(tutor, '[data-testid="session-log"]', 'the held log');
        await absent(tutor, '[data-testid="log-form"]', 'the log form after holding');
        const material = tutor.locator('[data-testid="materials-list"] a[href="https://example.org/oge-20"]');
        if ((await material.count()) !== 1) fail('the material URL is not an <a href>');
        const list = await tutor.locator('[data-testid="attendance-list"]').innerText();
        if (!/Сидорова Анна Петровна/.test(list) || !/присутствовала/.test(list)) fail(`the attendance reads «${list}»`);
        const count = await tutor.locator('[data-testid="attended-count"]').innerText();
        if (!/^1 чел\.$/.test(count.trim())) fail(`«Присутствовали» reads «${count}»`);
        const logHours = await tutor.locator('[data-testid="log-hours"]').innerText();
        if (!/^2 академических часа$/.test(logHours.trim())) fail(`the hours read «${logHours}»`);
        const log = await tutor.locator('[data-testid="session-log"]').innerText();
        if (!/Учитель не передал результаты/.test(log)) fail('the difficulties are not shown');
        await shot(tutor, `session-held-${w}`);
        await tutor.emulateMedia({ media: 'print' });
        await shown(tutor, '[data-testid="session-log"]', 'the log in print');
        if (await tutor.locator('[data-testid="amend-form"]').isVisible()) fail('the amendment form prints');
        await shot(tutor, 'session-held-print');
        await tutor.emulateMedia({ media: 'screen' });
      } else {
        await shot(tutor, `session-log-form-${w}`);
        step = `the held log on a phone (${w})`;
        await open(tutor, pupils.id, '[data-testid="session-log"]');
        await shot(tutor, `session-held-${w}`);
      }
    }

    if (errors.length) fail(`uncaught errors in the page: ${errors.join(' | ')}`);
    process.stdout.write('[session.test] OK\n');
  } finally {
    await browser.close();
  }
}

main().catch((e) => {
  process.stderr.write(`[session.test] FAIL at step «${step}»: ${e.message}\n`);
  process.exit(1);
});
