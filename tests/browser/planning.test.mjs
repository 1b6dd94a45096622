#!/usr/bin/env node
// Browser test of scheduling from a request (issue 8): the coordinator registers a letter
// from a school on its behalf; the assigned tutor opens «Запланировать» from the request,
// sees its problem and desired period, finds the date defaulted to the period's first
// working day and a session of theirs on that day among the busy times, saves; the request
// then names the session.
//
//   TUTORNET_URL=http://127.0.0.1:18080 node tests/browser/planning.test.mjs
import { BASE, SHOTS, TIMEOUT, apiToken, launch, request, shown, signedIn as signedInAs } from './common.mjs';

const RUN = Date.now().toString(36);
let step = 'start';
const errors = [];
const fail = (msg) => {
  throw new Error(msg);
};

const iso = (d) => d.toISOString().slice(0, 10);
const ru = (s) => s.split('-').reverse().join('.');

async function main() {
  // A desired period from the Monday two weeks ahead to its Friday; a Monday after
  // 25.12 or before 09.01 would fall in the holidays, so step over them.
  const monday = new Date();
  monday.setUTCHours(12, 0, 0, 0);
  monday.setUTCDate(monday.getUTCDate() + 14 - ((monday.getUTCDay() + 6) % 7));
  while ((monday.getUTCMonth() === 11 && monday.getUTCDate() > 24) || (monday.getUTCMonth() === 0 && monday.getUTCDate() < 9)) {
    monday.setUTCDate(monday.getUTCDate() + 7);
  }
  const friday = new Date(monday);
  friday.setUTCDate(monday.getUTCDate() + 4);
  const [from, to] = [iso(monday), iso(friday)];

  const browser = await launch();
  try {
    const signedIn = (email) => signedInAs(browser, errors, email);
    const shots = async (page, name) => {
      if (!SHOTS) return;
      const size = page.viewportSize();
      await page.screenshot({ path: `${SHOTS}/${name}.png`, fullPage: true });
      await page.setViewportSize({ width: 390, height: 844 });
      await page.screenshot({ path: `${SHOTS}/${name}-phone.png`, fullPage: true });
      await page.setViewportSize(size);
    };

    step = 'the coordinator registers a letter from a school';
    const coord = await signedIn('coordinator@tutornet.local');
    await coord.goto(`${BASE}/requests/new`);
    await shown(coord, '[data-testid="on-behalf"]', 'the «on a school\'s behalf» block');
    const school = await coord.locator('select[name="school_id"] option').nth(1).getAttribute('value');
    await coord.selectOption('select[name="school_id"]', school);
    await coord.selectOption('select[name="channel"]', 'letter');
    await coord.fill('input[name="contact"]', 'зам. директора по УВР Иванова И.И.');
    await coord.selectOption('select[name="form"]', 'group_consultation');
    await coord.fill('input[name="topic"]', `Письмо школы: задания с параметром ${RUN}`);
    await coord.fill('[name="problem"]', 'Учителя просят разобрать задания с параметром из ЕГЭ профильного уровня');
    await coord.fill('input[name="period_from"]', from);
    await coord.fill('input[name="period_to"]', to);
    await shots(coord, 'p01-request-on-behalf');
    await coord.click('[data-testid="save"]');
    await shown(coord, '[data-testid="request-card"] [data-testid="request-props"]', 'the request card');
    const id = coord.url().split('/requests/')[1].split(/[?#]/)[0];
    const card = await coord.locator('[data-testid="request-card"]').innerText();
    if (!card.includes('Письмо')) fail('the card does not say the request came by letter');

    step = 'the coordinator assigns the tutor; the tutor already has a session that Monday';
    const ct = await apiToken('coordinator@tutornet.local');
    const tt = await apiToken('tutor@tutornet.local');
    const me = await request('GET', '/auth/me', tt);
    const r = await request('GET', `/requests/${id}`, ct);
    const acc = await request('POST', `/requests/${id}/transitions`, ct, {
      action: 'accept', tutor_user_id: me.body.id, allow_same_school: true, version: r.body.version,
    });
    if (acc.status !== 200) fail(`accept → ${acc.status}: ${acc.text}`);
    const busyTitle = `Занятость ${RUN}`;
    const busy = await request('POST', '/sessions', tt, {
      form: 'group_consultation', title: busyTitle, audience: 'teachers', format: 'remote',
      online_link: 'https://meet.example/busy', starts_at: `${from}T07:00:00Z`, ends_at: `${from}T08:00:00Z`,
    });
    if (busy.status !== 201) fail(`the busy session → ${busy.status}: ${busy.text}`);

    step = 'the tutor schedules from the request';
    const tutor = await signedIn('tutor@tutornet.local');
    await tutor.goto(`${BASE}/requests/${id}`);
    await tutor.click('[data-testid="action-schedule"]');
    await shown(tutor, '[data-testid="request-summary"]', 'the request summary on the session form');
    const problem = await tutor.locator('[data-testid="request-summary-problem"]').innerText();
    if (!problem.includes('заданий с параметром') && !problem.includes('задания с параметром')) fail(`the summary shows the problem «${problem}»`);
    const period = await tutor.locator('[data-testid="request-summary-period"]').innerText();
    if (!period.includes(ru(from)) || !period.includes(ru(to))) fail(`the summary shows the period «${period}», expected ${ru(from)}–${ru(to)}`);
    await tutor.waitForFunction((d) => document.querySelector('input[name="date"]')?.value === d, from, { timeout: TIMEOUT })
      .catch(async () => fail(`the date is «${await tutor.inputValue('input[name="date"]')}», expected ${from}`));
    await shown(tutor, `[data-testid="busy-slot"]:has-text("${busyTitle}")`, 'the tutor\'s other session among the busy times');
    await tutor.fill('input[name="start_time"]', '10:30');
    await tutor.fill('input[name="end_time"]', '11:30');
    await shown(tutor, '[data-testid="busy-overlap"]', 'the overlap with the chosen time');
    await shots(tutor, 'p02-session-form-from-request');
    await tutor.fill('input[name="start_time"]', '14:00');
    await tutor.fill('input[name="end_time"]', '15:30');
    if (await tutor.locator('[data-testid="busy-overlap"]').count()) fail('a free time is still marked as overlapping');
    await tutor.selectOption('select[name="format"]', 'in_person');
    await tutor.fill('input[name="place"]', `ИМЦ, каб. 5 (${RUN})`);
    await tutor.click('[data-testid="save"]');
    await shown(tutor, '[data-testid="session-props"]', 'the new session');

    step = 'the request names the session';
    await tutor.goto(`${BASE}/requests/${id}`);
    await shown(tutor, '[data-testid="request-card"]', 'the request card');
    const after = await request('GET', `/requests/${id}`, ct);
    if (after.body.status !== 'scheduled' || !after.body.session_id) fail(`the request is ${after.body.status}, session ${after.body.session_id}`);

    step = 'a request answered by a weekly series lists the series on its card';
    const made = await request('POST', '/requests', ct, {
      form: 'group_consultation', topic: `Серия по письму школы ${RUN}`, problem: 'Нужна серия консультаций',
      school_id: school, channel: 'phone', audience: 'teachers', format: 'remote', received_on: iso(new Date()),
    });
    if (made.status !== 201) fail(`POST /requests → ${made.status}: ${made.text}`);
    const acc2 = await request('POST', `/requests/${made.body.id}/transitions`, ct, {
      action: 'accept', tutor_user_id: me.body.id, allow_same_school: true, version: made.body.version,
    });
    if (acc2.status !== 200) fail(`accept → ${acc2.status}: ${acc2.text}`);
    let series = null;
    for (let week = 3; week < 12 && !series; week++) {
      const first = new Date(`${from}T00:00:00Z`);
      first.setUTCDate(first.getUTCDate() + 7 * (week - 2));
      const until = new Date(first);
      until.setUTCDate(until.getUTCDate() + 8);
      const res = await request('POST', '/sessions', tt, {
        form: 'group_consultation', title: `Серия ${RUN}`, audience: 'teachers', format: 'remote',
        online_link: 'https://meet.example/series', starts_at: `${iso(first)}T12:00:00Z`, ends_at: `${iso(first)}T13:00:00Z`,
        recurrence: 'weekly', repeat_until: iso(until), request_ids: [made.body.id],
      });
      if (res.status === 201) series = res.body;
      else if (res.status !== 409 && res.status !== 422) fail(`the series → ${res.status}: ${res.text}`);
    }
    if (!series || series.length !== 2) fail(`the series was not planned: ${JSON.stringify(series)}`);
    await coord.goto(`${BASE}/requests/${made.body.id}`);
    await shown(coord, '[data-testid="series-sessions"] li', 'the series sessions on the request card');
    const items = await coord.locator('[data-testid="series-sessions"] li').count();
    if (items !== 2) fail(`the card lists ${items} sessions of the series, expected 2`);
    const progress = await coord.locator('[data-testid="series-progress"]').innerText();
    if (progress !== 'Проведено 0 из 2') fail(`the series progress reads «${progress}»`);
    await shots(coord, 'p04-request-series');

    step = 'the dashboard counts sessions by activity type';
    await coord.goto(`${BASE}/dashboard`);
    await shown(coord, '[data-testid="sessions-by-activity"]', 'the table by activity type');
    const byType = await coord.locator('[data-testid="sessions-by-activity"]').innerText();
    if (!byType.includes('Консультационная')) fail(`the table by type reads «${byType}»`);
    await shots(coord, 'p03-dashboard-by-activity');

    if (errors.length) fail(`uncaught errors in the page: ${errors.join(' | ')}`);
    process.stdout.write('[planning.test] OK\n');
  } finally {
    await browser.close();
  }
}

main().catch((e) => {
  process.stderr.write(`[planning.test] FAIL at step «${step}»: ${e.message}\n`);
  process.exit(1);
});
