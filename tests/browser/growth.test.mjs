#!/usr/bin/env node
// Browser test of professional growth (issue 9 §2–3): the coordinator starts a
// diagnostic campaign and loads its results as a pasted table (preview, then load); the
// heat map shows the teacher's school; the tutor draws up the teacher's ИОМ from the
// deficit found, adds two steps; the teacher and the tutor agree it; the teacher marks
// the first step done by a session they attended; the progress shows on the card and on
// the teacher's start page, and the ИОМ downloads as DOCX with its table.
//
//   TUTORNET_URL=http://127.0.0.1:18080 node tests/browser/growth.test.mjs
import { BASE, SHOTS, TIMEOUT, apiToken, launch, request, shown, signedIn as signedInAs, zipText } from './common.mjs';

const RUN = Date.now().toString(36);
let step = 'start';
const errors = [];
const fail = (msg) => {
  throw new Error(msg);
};
const at = (hours) => new Date(Date.now() + hours * 3600_000).toISOString().replace(/\.\d+Z$/, 'Z');

async function main() {
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
    const ct = await apiToken('coordinator@tutornet.local');
    const tt = await apiToken('tutor@tutornet.local');
    const teacherToken = await apiToken('teacher@tutornet.local');
    const teacherMe = (await request('GET', '/auth/me', teacherToken)).body;
    const indicators = (await request('GET', '/diagnostics/indicators', ct)).body;
    const kim = indicators.find((i) => i.id === 'ind-kim-1');
    const feedback = indicators.find((i) => i.id === 'ind-formative_assessment-2');

    step = 'the coordinator starts a diagnostic campaign';
    const coord = await signedIn('coordinator@tutornet.local');
    await coord.goto(`${BASE}/diagnostics`);
    await shown(coord, '[data-testid="campaigns-table"], [data-testid="empty"]', 'the campaigns list');
    await coord.click('[data-testid="new-campaign"]');
    await coord.click('[data-testid="save"]');
    await shown(coord, '[data-testid="error-title"]', 'the title error');
    await shots(coord, 'g01-campaign-form-errors');
    await coord.fill('input[name="title"]', `Диагностика учителей математики ${RUN}`);
    await coord.fill('input[name="held_on"]', new Date().toISOString().slice(0, 10));
    await coord.selectOption('select[name="method"]', 'questionnaire');
    await coord.selectOption('select[name="respondents"]', 'teachers');
    await coord.click('[data-testid="save"]');
    await shown(coord, '[data-testid="campaign-page"] [data-testid="campaign-props"]', 'the campaign card');
    await shown(coord, '[data-testid="campaign-empty"]', 'the empty results');

    step = 'the coordinator pastes the results and previews them';
    const table = `ФИО\tE-mail\tМолодой педагог\t${kim.name}\t${feedback.name}\n`
      + `Педагог\tteacher@tutornet.local\tда\t35\t90\n`
      + `Неизвестная Анна Ивановна\t\t\t50\t50\n`;
    await coord.fill('textarea[name="content"]', table);
    await coord.click('[data-testid="import-preview"]');
    await shown(coord, '[data-testid="import-preview-table"]', 'the preview');
    await shown(coord, '[data-testid="import-blocked"]', 'the blocked note for the unknown person');
    if (!(await coord.locator('[data-testid="import-confirm"]').isDisabled())) fail('confirm is enabled with a bad row');
    await shots(coord, 'g02-import-preview-errors');
    await coord.fill('textarea[name="content"]', table.split('\n').slice(0, 2).join('\n'));
    await coord.click('[data-testid="import-preview"]');
    await coord.waitForFunction(() => document.querySelectorAll('[data-testid="import-row"]').length === 1, null, { timeout: TIMEOUT });
    await coord.click('[data-testid="import-confirm"]');
    await shown(coord, '[data-testid="banner-ok"]', 'the import result');
    const said = await coord.locator('[data-testid="banner-ok"]').innerText();
    if (!said.includes('Загружено: 1 чел., 2 баллов; дефицитов: 1')) fail(`the import says «${said}»`);
    await shown(coord, '[data-testid="heat-map"] [data-testid="heat-row"]', 'the heat map');
    const person = await coord.locator('[data-testid="person-row"]').first().innerText();
    if (!person.includes(teacherMe.full_name) || !person.includes('дефицит')) fail(`the person row reads «${person}»`);
    await shots(coord, 'g03-campaign-results');

    step = 'the tutor draws up the teacher\'s ИОМ from the deficit';
    const tutor = await signedIn('tutor@tutornet.local');
    await tutor.goto(`${BASE}/trajectories/new?user_id=${teacherMe.id}`);
    await shown(tutor, '[data-testid="deficit-choice"]', 'the deficit prefilled from the diagnostics');
    const choice = await tutor.locator('[data-testid="deficit-choice"]').first().innerText();
    if (!choice.includes(kim.name) || !choice.includes('35 %')) fail(`the deficit reads «${choice}»`);
    await tutor.fill('input[name="title"]', `ИОМ по КИМ ${RUN}`);
    await tutor.click('[data-testid="save"]');
    await shown(tutor, '[data-testid="error-deficit-task"]', 'the task is required');
    await tutor.fill('input[name="deficits[0].task"]', 'Научиться составлять задания в формате КИМ ОГЭ');
    await shots(tutor, 'g04-trajectory-form');
    await tutor.click('[data-testid="save"]');
    await shown(tutor, '[data-testid="trajectory-props"]', 'the trajectory card');
    const tid = tutor.url().split('/trajectories/')[1].split(/[?#]/)[0];

    step = 'the tutor adds two steps';
    const addStep = async (kind, title, deadline, product) => {
      await tutor.selectOption('[data-testid="step-form"] select[name="kind"]', kind);
      await tutor.selectOption('[data-testid="step-form"] select[name="indicator_id"]', kim.id);
      await tutor.fill('[data-testid="step-form"] input[name="title"]', title);
      await tutor.fill('[data-testid="step-form"] input[name="deadline"]', deadline);
      await tutor.fill('[data-testid="step-form"] input[name="expected_product"]', product);
      const before = await tutor.locator('[data-testid="step-row"]').count();
      await tutor.click('[data-testid="step-save"]');
      await tutor.waitForFunction((n) => document.querySelectorAll('[data-testid="step-row"]').length === n + 1, before, { timeout: TIMEOUT });
    };
    await addStep('session', `Практикум по КИМ ${RUN}`, '2027-01-31', 'Банк из 10 заданий');
    await addStep('self_study', 'Изучить кодификатор ОГЭ', '2027-02-28', 'Конспект');

    step = 'the tutor and the teacher agree the ИОМ';
    await tutor.click('[data-testid="trajectory-agree"]');
    await shown(tutor, '[data-testid="banner-ok"]', 'the tutor\'s agreement');
    const teacher = await signedIn('teacher@tutornet.local');
    await teacher.goto(`${BASE}/trajectories/${tid}`);
    await shown(teacher, '[data-testid="trajectory-agree"]', 'the teacher\'s «Согласовать»');
    if (await teacher.locator('[data-testid="step-form"]').count()) fail('the teacher is offered to add steps');
    await teacher.click('[data-testid="trajectory-agree"]');
    await teacher.waitForFunction(() => document.querySelector('[data-testid="trajectory-status"]')?.textContent === 'Согласован', null, { timeout: TIMEOUT });

    step = 'the teacher attends a session (through the API)';
    let session = null;
    for (let h = 30; h < 60 && !session; h++) {
      const s = await request('POST', '/sessions', tt, {
        form: 'master_class', title: `Практикум по КИМ ${RUN}`, audience: 'teachers', format: 'remote',
        online_link: 'https://meet.example/kim', starts_at: at(h), ends_at: at(h + 1),
      });
      if (s.status === 201) session = Array.isArray(s.body) ? s.body[0] : s.body;
      else if (s.status !== 409) fail(`POST /sessions → ${s.status}: ${s.text}`);
    }
    if (!session) fail('no free hour for the session');
    const reg = await request('POST', `/sessions/${session.id}/registration`, teacherToken, {});
    if (reg.status !== 200) fail(`registration → ${reg.status}: ${reg.text}`);
    let moved = null;
    for (let h = -3; h > -40 && !moved; h--) {
      const cur = (await request('GET', `/sessions/${session.id}`, tt)).body;
      const r = await request('PUT', `/sessions/${session.id}`, tt, {
        form: cur.form, title: cur.title, online_link: cur.online_link, format: cur.format, audience: cur.audience,
        starts_at: at(h), ends_at: at(h + 1), version: cur.version,
      });
      if (r.status === 200) moved = r.body;
      else if (r.status !== 409) fail(`moving the session → ${r.status}: ${r.text}`);
    }
    const logged = await request('POST', `/sessions/${session.id}/log`, tt, {
      attended_user_ids: [teacherMe.id], outcome: 'Разобрали задания 20–25', version: moved.version,
    });
    if (logged.status !== 200) fail(`the log → ${logged.status}: ${logged.text}`);

    step = 'the teacher marks the first step done by the session';
    await teacher.reload();
    await shown(teacher, '[data-testid="step-mark"]', '«Отметить выполнение»');
    await teacher.locator('[data-testid="step-mark"]').first().click();
    await shown(teacher, '[data-testid="step-completion"]', 'the completion form');
    await teacher.waitForFunction((id) => [...document.querySelectorAll('[data-testid="step-completion"] select[name="ref_id"] option')].some((o) => o.value === id), session.id, { timeout: TIMEOUT });
    await teacher.selectOption('[data-testid="step-completion"] select[name="ref_id"]', session.id);
    await shots(teacher, 'g05-step-completion');
    await teacher.click('[data-testid="step-completion-save"]');
    await shown(teacher, '[data-testid="step-evidence"]', 'the evidence on the step');
    const evidence = await teacher.locator('[data-testid="step-evidence"]').first().innerText();
    if (!evidence.includes(`Практикум по КИМ ${RUN}`)) fail(`the evidence reads «${evidence}»`);
    const progress = await teacher.locator('[data-testid="trajectory-props"]').innerText();
    if (!progress.includes('1 из 2 (50 %)')) fail(`the progress reads «${progress}»`);
    if ((await teacher.locator('[data-testid="trajectory-status"]').innerText()) !== 'Выполняется') fail('the status is not «Выполняется»');
    await shots(teacher, 'g06-trajectory-card');

    step = 'the teacher\'s start page shows the ИОМ';
    await teacher.goto(`${BASE}/`);
    await shown(teacher, '[data-testid="my-trajectories"]', '«Мой индивидуальный маршрут»');
    const mine = await teacher.locator('[data-testid="my-trajectory"]', { hasText: `ИОМ по КИМ ${RUN}` }).innerText();
    if (!mine.includes('1 из 2 (50 %)')) fail(`the start page reads «${mine}»`);
    await shots(teacher, 'g07-home-teacher');

    step = 'the ИОМ downloads as DOCX';
    await teacher.goto(`${BASE}/trajectories/${tid}`);
    await shown(teacher, '[data-testid="trajectory-docx"]', 'the DOCX button');
    const [download] = await Promise.all([teacher.waitForEvent('download'), teacher.click('[data-testid="trajectory-docx"]')]);
    const fs = await import('node:fs');
    const buf = fs.readFileSync(await download.path());
    const text = zipText(buf, 'word/document.xml');
    for (const want of ['Индивидуальный образовательный маршрут', teacherMe.full_name, 'Отметка о выполнении', `Занятие «Практикум по КИМ ${RUN}»`, 'до 28.02.2027']) {
      if (!text.includes(want)) fail(`the DOCX lacks «${want}»`);
    }

    step = 'the coordinator sees the ИОМ progress in the list';
    await coord.goto(`${BASE}/trajectories`);
    await shown(coord, '[data-testid="trajectory-row"]', 'the trajectories list');
    const row = await coord.locator('[data-testid="trajectory-row"]', { hasText: `ИОМ по КИМ ${RUN}` }).innerText();
    if (!row.includes('1 из 2 (50 %)')) fail(`the list row reads «${row}»`);
    await shots(coord, 'g08-trajectories-list');

    if (errors.length) fail(`uncaught errors in the page: ${errors.join(' | ')}`);
    process.stdout.write('[growth.test] OK\n');
  } finally {
    await browser.close();
  }
}

main().catch((e) => {
  process.stderr.write(`[growth.test] FAIL at step «${step}»: ${e.message}\n`);
  process.exit(1);
});
