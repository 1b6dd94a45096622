#!/usr/bin/env node
// Browser test of the community pages: the whole path of a request in the UI, each user
// in their own browser:
//   teacher files a request → coordinator asks for details → teacher answers →
//   coordinator assigns the suggested tutor → tutor schedules a group session for it
//   (tomorrow) → a second teacher registers → it takes place (moved to 2 h – 1 h ago: a
//   started session takes no registrations) → tutor logs it as
//   held with that teacher's attendance → the requester rates it → the coordinator's
//   dashboard shows it held and the request «Выполнена».
// Then the composition import preview (3 pasted rows, not confirmed); the tutor edits one
// planned session of a weekly series (and meets a version conflict); the coordinator
// opens the demo tutor's member card, attaches a school to him and opens the demo order.
// Files: the tutor uploads a material to the held session and the requester downloads it
// from the session card; the coordinator uploads a PDF scan to the demo order (after a
// refused .exe) and downloads it.
// Then the import confirmed and re-imported (repeats flagged «уже в составе», skipped or
// updated per batch and per row, a row's own level); the coordinator enters the signed
// order through the form (requisites of the last order, errors, «Внести приказ») and
// downloads its appendix (DOCX, XLSX) and the order (DOCX), read back; a member by hand
// with the level's basis, specialisation and category; a school's nomination with two
// subjects and the six criteria; every other community page opens. With SCREENSHOTS set,
// each page is photographed at desktop and phone width.
//
//   TUTORNET_URL=http://127.0.0.1:18080 node tests/browser/community.test.mjs
//
// Env: TUTORNET_URL, TUTORNET_PASSWORD (demo users' password), SCREENSHOTS=dir,
// CHROMIUM (default /usr/bin/chromium), HEADFUL=1 to watch.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { BASE, FIXTURES, SHOTS, TIMEOUT, chromium, openSection, request, zipText } from './common.mjs';

const PASSWORD = process.env.TUTORNET_PASSWORD || 'demo-password-1';
const RUN = Date.now().toString(36);

const USERS = {
  coordinator: 'coordinator@tutornet.local',
  tutor: 'tutor@tutornet.local',
  teacher: 'teacher@tutornet.local',
  schoolAdmin: 'school-admin@tutornet.local',
};

let step = 'start';
const pageErrors = [];
const contexts = [];
const profiles = [];
const tempFiles = [];

/// A small PDF on disk (for setInputFiles), removed at the end.
function tempPdf(name, text) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tutornet-upload-'));
  const file = path.join(dir, name);
  const body = `%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\n% ${text}\ntrailer << /Root 1 0 R >>\n%%EOF\n`;
  fs.writeFileSync(file, Buffer.from(body, 'utf8'));
  tempFiles.push(dir);
  return file;
}

/// Clicks a file's link and checks the browser saves it under its name.
async function downloads(page, rowSelector, name) {
  const [dl] = await Promise.all([
    page.waitForEvent('download', { timeout: TIMEOUT }),
    page.locator(`${rowSelector} [data-testid="file-link"]`, { hasText: name }).first().click(),
  ]);
  const got = dl.suggestedFilename();
  if (got !== name) fail(`the download is named «${got}», expected «${name}»`);
  const saved = await dl.path();
  const head = fs.readFileSync(saved).subarray(0, 8).toString('latin1');
  if (!head.startsWith('%PDF-1.4')) fail(`the downloaded file starts with «${head}»`);
}

/// Clicks `testid` and returns the browser's download: its name and bytes.
async function download(page, testid) {
  const [dl] = await Promise.all([
    page.waitForEvent('download', { timeout: TIMEOUT }),
    page.click(`[data-testid="${testid}"]`),
  ]);
  return { name: dl.suggestedFilename(), bytes: fs.readFileSync(await dl.path()) };
}

function log(msg) {
  process.stdout.write(`[community.test] ${msg}\n`);
}

function fail(msg) {
  throw new Error(msg);
}

async function shot(page, name) {
  if (!SHOTS) return;
  await page.waitForTimeout(200);
  const file = path.join(SHOTS, `${name}.png`);
  await page.screenshot({ path: file, fullPage: true });
  log(`screenshot ${file}`);
}

/// Desktop and phone-width screenshots of the current page.
async function shots(page, name) {
  if (!SHOTS) return;
  await shot(page, name);
  await page.setViewportSize({ width: 390, height: 844 });
  await shot(page, `${name}-phone`);
  await page.setViewportSize({ width: 1366, height: 800 });
}

async function visible(page, selector, what, timeout = TIMEOUT) {
  try {
    await page.locator(selector).first().waitFor({ state: 'visible', timeout });
  } catch {
    let banner = '';
    if (await page.locator('[data-testid="error-banner"]').count()) {
      banner = ` (error banner: «${(await page.locator('[data-testid="error-banner"]').first().innerText()).trim()}»)`;
    }
    fail(`${what} did not appear (${selector}) at ${page.url()}${banner}`);
  }
}

async function settled(page) {
  await page.waitForFunction(() => !document.querySelector('[data-testid="loading"]'), null, { timeout: TIMEOUT });
}

async function textOf(page, selector) {
  return (await page.locator(selector).first().innerText()).trim();
}

async function open(page, url, ready) {
  await page.goto(`${BASE}${url}`);
  await visible(page, ready, `page ${url}`);
  await settled(page);
}

async function browser(who) {
  const profile = fs.mkdtempSync(path.join(os.tmpdir(), `tutornet-community-${who}-`));
  profiles.push(profile);
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
    headless: !process.env.HEADFUL,
    viewport: { width: 1366, height: 800 },
    locale: 'ru-RU',
    // Not the demo region's zone (Moscow) and not the server's (UTC): the SPA must show and
    // read every time in the zone of the user's place, whatever the browser's.
    timezoneId: 'Asia/Vladivostok',
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
  contexts.push(context);
  const page = context.pages()[0] || (await context.newPage());
  page.setDefaultTimeout(TIMEOUT);
  page.on('pageerror', (e) => pageErrors.push(`${who}: ${e}`));
  page.on('console', (m) => {
    if (m.type() === 'error' && !/Failed to load resource/.test(m.text())) {
      log(`${who} browser console error: ${m.text()}`);
    }
  });
  page.on('dialog', (d) => d.accept());
  return page;
}

async function login(page, email, who, password = PASSWORD) {
  step = `log in as ${who}`;
  await page.goto(`${BASE}/login`);
  await visible(page, '[data-testid="login-form"]', 'login form');
  await page.fill('input[name="email"]', email);
  await page.fill('input[name="password"]', password);
  await page.click('[data-testid="login-submit"]');
  await page.locator('[data-testid="nav"], [data-testid="error-banner"]').first().waitFor({ timeout: TIMEOUT });
  if (await page.locator('[data-testid="error-banner"]').count()) {
    fail(`login of ${email} failed: ${await textOf(page, '[data-testid="error-banner"]')}`);
  }
}

async function api(method, url, token, body) {
  const res = await request(method, url, token, body);
  if (!res.ok) fail(`${method} ${url} → ${res.status}: ${res.text}`);
  return res.body;
}

/// Like `api`, but returns { status, body } instead of failing on an error status.
async function apiTry(method, url, token, body) {
  const { status, body: parsed } = await request(method, url, token, body);
  return { status, body: parsed };
}

/// The start page's agenda section `key` lists an item whose title contains `text`.
async function agendaHas(page, key, text) {
  await open(page, '/', `[data-testid="agenda-${key}"]`);
  const titles = await page.locator(`[data-testid="agenda-${key}"] .agenda-title`).allInnerTexts();
  if (!titles.some((t) => t.includes(text))) {
    fail(`«${key}» on the start page lists ${JSON.stringify(titles)}, not «${text}»`);
  }
}

async function requestStatus(page, status, what) {
  await visible(
    page,
    `[data-testid="request-props"] [data-testid="request-status"][data-status="${status}"]`,
    `request status «${status}» (${what})`,
  );
}

/// The day after `date` (YYYY-MM-DD).
function nextDay(date) {
  return new Date(Date.parse(`${date}T00:00:00Z`) + 86400_000).toISOString().slice(0, 10);
}

/// Moscow wall-clock (UTC+3, no DST) parts of a moment.
function moscow(ms) {
  const d = new Date(ms + 3 * 3600_000);
  const p = (n) => String(n).padStart(2, '0');
  return {
    date: `${d.getUTCFullYear()}-${p(d.getUTCMonth() + 1)}-${p(d.getUTCDate())}`,
    time: `${p(d.getUTCHours())}:${p(d.getUTCMinutes())}`,
  };
}

async function main() {
  if (SHOTS) fs.mkdirSync(SHOTS, { recursive: true });

  // ---- The second teacher, created through the API by the coordinator ----
  step = 'create a second teacher through the API';
  const coordToken = (await api('POST', '/auth/login', null, { email: USERS.coordinator, password: PASSWORD })).access_token;
  const me = await api('GET', '/auth/me', coordToken);
  const teacherMe = (await api('POST', '/auth/login', null, { email: USERS.teacher, password: PASSWORD })).user;
  const schools = (await api('GET', `/schools?municipality_id=${me.municipality_id}&limit=200`, coordToken)).items;
  const other = schools.find((s) => s.id !== teacherMe.school_id && !s.archived_at);
  if (!other) fail('no second school in the coordinator\'s municipality');
  const email2 = `teacher2-${RUN}@tutornet.local`;
  const password2 = `pass-${RUN}-Community1`;
  const teacher2 = await api('POST', '/users', coordToken, {
    email: email2,
    full_name: `Перова Анна Сергеевна ${RUN}`,
    role: 'teacher',
    municipality_id: me.municipality_id,
    school_id: other.id,
    password: password2,
  });
  log(`second teacher ${email2} at ${other.short_name}`);

  const teacher = await browser('teacher');
  const coord = await browser('coordinator');
  const tutor = await browser('tutor');
  const teacherB = await browser('teacher2');
  await login(teacher, USERS.teacher, 'teacher');
  await login(coord, USERS.coordinator, 'coordinator');
  await login(tutor, USERS.tutor, 'tutor');
  await login(teacherB, email2, 'second teacher', password2);

  step = 'the teacher\'s «Моя школа» opens the school card';
  await openSection(teacher, 'Моя школа');
  await visible(teacher, '[data-testid="school-card"]', 'the teacher\'s school card');
  if (!teacher.url().includes(`/schools/${teacherMe.school_id}`)) fail(`«Моя школа» led to ${teacher.url()}`);

  // ---- 1. The teacher files a request ----
  step = 'teacher opens «Заявки» and the new request form';
  await openSection(teacher, 'Заявки');
  await visible(teacher, '[data-testid="requests-page"]', 'requests page');
  await settled(teacher);
  await shots(teacher, 'c01-requests-teacher');
  await teacher.click('[data-testid="new-request"]');
  await visible(teacher, '[data-testid="request-form"]', 'request form');
  step = 'empty request form shows field errors';
  await teacher.click('[data-testid="save"]');
  await visible(teacher, '[data-testid="error-form"]', 'form-of-work field error');
  await visible(teacher, '[data-testid="error-topic"]', 'topic field error');
  await shots(teacher, 'c02-request-form-errors');
  step = 'teacher fills in the request';
  const topic = `Подготовка к ОГЭ: задачи второй части ${RUN}`;
  await teacher.selectOption('select[name="form"]', 'group_consultation');
  await teacher.selectOption('select[name="subject_id"]', { label: 'Математика' });
  await teacher.fill('input[name="topic"]', topic);
  await teacher.fill('textarea[name="problem"]', 'Учащиеся 9 классов не решают задачи с параметром; по пробному ОГЭ 40% не приступили к заданиям второй части.');
  await teacher.selectOption('select[name="audience"]', 'teachers');
  await teacher.fill('input[name="audience_count"]', '6');
  await teacher.fill('input[name="audience_grade"]', '9 классы');
  await teacher.selectOption('select[name="format"]', 'in_person');
  await teacher.click('[data-testid="save"]');
  await visible(teacher, '[data-testid="request-card"] [data-testid="request-props"]', 'request card after filing');
  const requestId = teacher.url().split('/requests/')[1].split(/[?#]/)[0];
  await requestStatus(teacher, 'new', 'filed');
  await shots(teacher, 'c03-request-card-new');
  log(`request ${requestId} filed`);

  // ---- 2. The coordinator asks for more information ----
  step = 'coordinator asks for more information';
  await open(coord, `/requests/${requestId}`, '[data-testid="request-actions"]');
  await coord.click('[data-testid="action-ask_info"]');
  await visible(coord, '[data-testid="action-panel"]', 'action panel');
  await coord.click('[data-testid="transition-submit"]');
  await visible(coord, '[data-testid="error-comment"]', 'comment required error');
  await coord.fill('[data-testid="transition-comment"]', 'Уточните, пожалуйста: какие типы задач вызывают трудности и сколько учителей придёт?');
  await coord.click('[data-testid="transition-submit"]');
  await requestStatus(coord, 'needs_info', 'after ask_info');
  await shots(coord, 'c04-request-card-coordinator');

  // ---- 3. The teacher answers ----
  step = 'teacher answers';
  await open(teacher, `/requests/${requestId}`, '[data-testid="request-actions"]');
  await teacher.click('[data-testid="action-answer"]');
  await teacher.fill('[data-testid="transition-comment"]', 'Задачи с параметром и экономические задачи; придут 6 учителей математики.');
  await teacher.click('[data-testid="transition-submit"]');
  await requestStatus(teacher, 'new', 'after the answer');
  const historyItems = await teacher.locator('[data-testid="history-item"]').count();
  if (historyItems < 3) fail(`the history shows ${historyItems} entries, expected at least 3`);

  // ---- 4. The coordinator assigns the suggested tutor ----
  step = 'coordinator accepts and assigns the suggested tutor';
  await open(coord, `/requests/${requestId}`, '[data-testid="request-actions"]');
  await coord.click('[data-testid="action-accept"]');
  await visible(coord, '[data-testid="suggestions"], [data-testid="no-suggestions"]', 'tutor suggestions');
  if (await coord.locator('[data-testid="no-suggestions"]').count()) fail('no tutor suggestions for the request');
  const checked = await coord.locator('input[name="tutor_user_id"]:checked').count();
  if (!checked) {
    // The only tutors are from the requester's school: choose explicitly.
    await coord.locator('input[name="tutor_user_id"]').first().check();
    await coord.locator('input[name="allow_same_school"]').check();
  }
  const chosenName = (await coord.locator('[data-testid="suggestion"]:has(input:checked) .strong').first().innerText()).trim();
  await shots(coord, 'c05-request-accept-suggestions');
  await coord.click('[data-testid="transition-submit"]');
  await requestStatus(coord, 'accepted', 'after accept');
  const assigned = await textOf(coord, '[data-testid="request-tutor"]');
  if (assigned !== chosenName) fail(`the card names tutor «${assigned}», expected «${chosenName}»`);
  log(`tutor assigned: ${assigned}`);

  step = 'the tutor\'s start page lists the request to schedule';
  await agendaHas(tutor, 'to_schedule', topic);
  await shots(tutor, 'c05b-home-tutor');

  // ---- 5. The tutor schedules a group session that ran 2 h – 1 h ago ----
  step = 'tutor schedules the session from the request';
  await open(tutor, `/requests/${requestId}`, '[data-testid="request-actions"]');
  await shots(tutor, 'c06-request-card-tutor');
  await tutor.click('[data-testid="action-schedule"]');
  await visible(tutor, '[data-testid="session-form"]', 'session form');
  await tutor.waitForFunction(
    (id) => !!document.querySelector(`input[name="request_ids"][value="${id}"]:checked`),
    requestId,
    { timeout: TIMEOUT },
  );
  const title = await tutor.inputValue('input[name="title"]');
  if (!title.includes(RUN)) fail(`the session title was not taken from the request: «${title}»`);
  // Tomorrow at the hours of 2 h – 1 h ago (it is moved back a day once the second
  // teacher has registered). On a database where an earlier run already holds that hour,
  // the tutor is busy (409): step back an hour at a time, staying within the day.
  const now = Date.now();
  let from;
  let to;
  for (let shift = 0; ; shift++) {
    from = moscow(now - (2 + shift) * 3600_000);
    to = moscow(now - (1 + shift) * 3600_000);
    if (shift > 0 && (from.date !== moscow(now).date || to.date !== moscow(now).date)) {
      fail('every hour earlier today is taken by sessions of earlier runs; use a fresh database');
    }
    if (from.date !== to.date) from = { date: to.date, time: '00:00' };
    await tutor.selectOption('select[name="form"]', 'group_consultation');
    await tutor.fill('input[name="date"]', nextDay(to.date));
    await tutor.fill('input[name="start_time"]', from.time);
    await tutor.fill('input[name="end_time"]', to.time);
    await tutor.selectOption('select[name="format"]', 'in_person');
    await tutor.fill('input[name="place"]', `ИМЦ, кабинет ${RUN}`);
    await tutor.selectOption('select[name="audience"]', 'teachers');
    await tutor.fill('input[name="seats"]', '8');
    if (shift === 0) await shots(tutor, 'c07-session-form');
    await tutor.click('[data-testid="save"]');
    await tutor
      .locator('[data-testid="session-card"] [data-testid="session-props"], [data-testid="error-banner"]')
      .first()
      .waitFor({ timeout: TIMEOUT });
    if (!(await tutor.locator('[data-testid="error-banner"]').count())) break;
    const banner = await textOf(tutor, '[data-testid="error-banner"]');
    if (!/уже ведёт/.test(banner)) fail(`scheduling failed: «${banner}»`);
    log(`the tutor is busy ${from.time}–${to.time} (an earlier run); trying an hour earlier`);
  }
  await visible(tutor, '[data-testid="session-card"] [data-testid="session-props"]', 'session card after scheduling');
  const sessionId = tutor.url().split('/sessions/')[1].split(/[?#]/)[0];
  log(`session ${sessionId} scheduled ${to.date} ${from.time}–${to.time}`);
  // The SPA read the entered wall-clock time as Moscow time (the demo region's zone),
  // not as the browser's (Vladivostok): the stored instant says so.
  {
    const tok = (await api('POST', '/auth/login', null, { email: USERS.tutor, password: PASSWORD })).access_token;
    const stored = await api('GET', `/sessions/${sessionId}`, tok);
    const at = moscow(Date.parse(stored.starts_at));
    if (at.time !== from.time) fail(`the session starts at ${at.time} Moscow time, not the ${from.time} entered`);
  }
  const props = await textOf(tutor, '[data-testid="session-card"] [data-testid="session-props"]');
  if (!props.includes(`${from.time}–${to.time}`)) {
    fail(`the card shows «${props}», not the Moscow time ${from.time}–${to.time} entered`);
  }

  step = 'an overlapping session shows the conflict';
  await open(tutor, `/sessions/new`, '[data-testid="session-form"]');
  await tutor.selectOption('select[name="form"]', 'group_consultation');
  await tutor.fill('input[name="title"]', `Пересекающееся занятие ${RUN}`);
  await tutor.fill('input[name="date"]', nextDay(to.date));
  await tutor.fill('input[name="start_time"]', from.time);
  await tutor.fill('input[name="end_time"]', to.time);
  await tutor.fill('input[name="place"]', `Другой кабинет ${RUN}`);
  await tutor.click('[data-testid="save"]');
  await visible(tutor, '[data-testid="error-banner"]', 'conflict banner');
  const conflict = await textOf(tutor, '[data-testid="error-banner"]');
  if (!/уже ведёт/.test(conflict)) fail(`expected a tutor conflict, got «${conflict}»`);
  await visible(tutor, '[data-testid="conflict-link"]', 'link to the conflicting session');
  await shots(tutor, 'c08-session-conflict');

  step = 'the request is «Запланирована»';
  await open(teacher, `/requests/${requestId}`, '[data-testid="request-props"]');
  await requestStatus(teacher, 'scheduled', 'after scheduling');

  // ---- 6. The second teacher registers ----
  step = 'second teacher registers';
  await open(teacherB, `/sessions/${sessionId}`, '[data-testid="session-props"]');
  await visible(teacherB, '[data-testid="register"]', 'register button');
  await shots(teacherB, 'c09-session-card-teacher2');
  await teacherB.click('[data-testid="register"]');
  await visible(teacherB, '[data-testid="unregister"]', 'cancel-registration button');
  const reg = await textOf(teacherB, '[data-testid="my-registration"]');
  if (!/записаны/.test(reg)) fail(`registration state says «${reg}»`);
  const seats = await textOf(teacherB, '[data-testid="session-seats"]');
  if (!/записано 1 из 8/.test(seats)) fail(`seats line says «${seats}»`);

  step = 'the session takes place: moved back a day, to 2 h – 1 h ago';
  const tutorApi = (await api('POST', '/auth/login', null, { email: USERS.tutor, password: PASSWORD })).access_token;
  const ahead = await api('GET', `/sessions/${sessionId}`, tutorApi);
  const dayBack = (iso) => new Date(Date.parse(iso) - 86400_000).toISOString();
  const moved = await apiTry('PUT', `/sessions/${sessionId}`, tutorApi, {
    form: ahead.form,
    subject_id: ahead.subject_id,
    title: ahead.title,
    starts_at: dayBack(ahead.starts_at),
    ends_at: dayBack(ahead.ends_at),
    place: ahead.place,
    format: ahead.format,
    audience: ahead.audience,
    seats: ahead.seats,
    tutor_ids: ahead.tutors.map((t) => t.id),
    version: ahead.version,
  });
  if (moved.status !== 200) fail(`moving the session to today → ${moved.status} ${JSON.stringify(moved.body)} (use a fresh database)`);
  step = 'a started session takes no registrations';
  const late = await apiTry('POST', `/sessions/${sessionId}/registration`, (await api('POST', '/auth/login', null, { email: USERS.teacher, password: PASSWORD })).access_token, {});
  if (late.status !== 409 || late.body.code !== 'session_started') fail(`a late registration → ${late.status} ${JSON.stringify(late.body)}`);

  step = 'the tutor\'s start page asks to log the session';
  await agendaHas(tutor, 'to_log', title);

  // ---- 7. The tutor logs it as held with that teacher's attendance ----
  step = 'tutor logs the session';
  await open(tutor, `/sessions/${sessionId}`, '[data-testid="log-form"]');
  await tutor.locator(`input[name="attended_user_ids"][value="${teacher2.id}"]`).check();
  // A session for teachers: the log asks for no pupils' class.
  if (await tutor.locator('input[name="students_class"]').count()) fail('the log of a teachers\' session asks for a pupils\' class');
  await tutor.fill('textarea[name="outcome"]', 'Разобрали методику обучения решению задач с параметром, составили банк заданий.');
  await tutor.fill('textarea[name="summary"]', 'Задачи с параметром: графический метод.');
  await tutor.fill('textarea[name="private_notes"]', 'Учителям ШНОР нужна повторная консультация.');
  await tutor.fill('textarea[name="materials"]', 'Презентация «Параметры»\nhttps://example.org/params');
  await shots(tutor, 'c10-session-log-form');
  await tutor.click('[data-testid="save-log"]');
  await visible(tutor, '[data-testid="session-status"][data-status="held"]', 'held status');
  await visible(tutor, '[data-testid="session-log"]', 'the log');
  await visible(tutor, '[data-testid="amend-form"]', 'amendment form');
  step = 'tutor amends the log';
  await tutor.selectOption('select[name="field"]', 'students_count');
  await tutor.fill('textarea[name="value"]', '12');
  await tutor.fill('input[name="note"]', 'Пришли и обучающиеся');
  await tutor.click('[data-testid="save-amendment"]');
  await visible(tutor, '[data-testid="amendments"] .timeline-item', 'amendment history');
  await shots(tutor, 'c11-session-held-tutor');

  step = 'tutor uploads a material to the held session';
  const materialName = `Задачи с параметром ${RUN}.pdf`;
  await visible(tutor, '[data-testid="session-files"] [data-testid="session-file-input"]', 'material upload input', TIMEOUT);
  await tutor.setInputFiles('[data-testid="session-file-input"]', tempPdf(materialName, 'material'));
  await visible(tutor, `[data-testid="session-files"] [data-testid="file-row"]:has-text("${materialName}")`, 'the uploaded material in the list');
  await visible(tutor, '[data-testid="session-files"] [data-testid="file-delete"]', '«Удалить» of the material');
  const materialMeta = await textOf(tutor, '[data-testid="session-files"] [data-testid="file-meta"]');
  if (!/^\d+ КБ · \d{2}\.\d{2}\.\d{4}$/.test(materialMeta)) fail(`the material reads «${materialMeta}»`);
  await shots(tutor, 'c11b-session-files-tutor');
  log(`material uploaded: ${materialName} (${materialMeta})`);

  // ---- 8. The requester rates it ----
  step = 'requester rates the session';
  await open(teacher, `/sessions/${sessionId}`, '[data-testid="rating-form"]');
  await teacher.click('[data-testid="save-rating"]');
  await visible(teacher, '[data-testid="error-score"]', 'score required error');
  await teacher.click('[data-testid="star-5"]');
  await teacher.fill('textarea[name="rating_comment"]', 'Очень полезно, спасибо!');
  await teacher.click('[data-testid="save-rating"]');
  await visible(teacher, '[data-testid="rating"]', 'the rating in the list');
  await visible(teacher, '[data-testid="average-rating"]', 'average rating');
  await shots(teacher, 'c12-session-rated-teacher');
  step = 'requester sees and downloads the material';
  await visible(teacher, `[data-testid="session-files"] [data-testid="file-row"]:has-text("${materialName}")`, 'the material on the requester\'s card');
  if (await teacher.locator('[data-testid="session-file-input"], [data-testid="file-delete"]').count()) fail('the requester may change the materials');
  await downloads(teacher, '[data-testid="session-files"]', materialName);

  // ---- 9. The coordinator's dashboard ----
  step = 'dashboard shows the held session and the done request';
  await openSection(coord, 'Пульт координатора');
  await visible(coord, '[data-testid="dashboard-page"] [data-testid="held-this-month"]', 'dashboard');
  const held = Number(await textOf(coord, '[data-testid="held-this-month"] .stat-value'));
  if (!(held >= 1)) fail(`the dashboard shows ${held} held this month`);
  const done = Number(await textOf(coord, '[data-testid="status-done"] .stat-value'));
  if (!(done >= 1)) fail(`the dashboard shows ${done} done requests`);
  await shots(coord, 'c13-dashboard');
  await coord.click('[data-testid="status-done"]');
  await visible(coord, `[data-testid="request-row"][data-id="${requestId}"]`, 'the request among the done ones');
  const rowStatus = await textOf(coord, `[data-testid="request-row"][data-id="${requestId}"] [data-testid="request-status"]`);
  if (rowStatus !== 'Выполнена') fail(`the request shows «${rowStatus}», expected «Выполнена»`);
  log(`dashboard: held this month ${held}, done requests ${done}; request «${rowStatus}»`);

  // ---- 10. Notifications ----
  step = 'teacher\'s notifications';
  await openSection(teacher, 'Уведомления');
  await visible(teacher, '[data-testid="notifications-page"]', 'notifications page');
  await settled(teacher);
  await shots(teacher, 'c14-notifications');
  if (await teacher.locator('[data-testid="read-all"]').count()) {
    await teacher.click('[data-testid="read-all"]');
    await teacher.waitForFunction(() => !document.querySelector('[data-testid="unread-badge"]'), null, { timeout: TIMEOUT });
  }

  // ---- 11. Import preview ----
  step = 'coordinator previews an import of 3 rows';
  const tsv = fs.readFileSync(path.join(FIXTURES, 'seed000_composition.tsv'), 'utf8').split(/\r?\n/);
  const rows = tsv.slice(1, 4).join('\n');
  await open(coord, '/composition/import', '[data-testid="import-page"]');
  await coord.click('[data-testid="import-check"]');
  await visible(coord, '[data-testid="error-content"]', 'empty table error');
  await coord.fill('textarea[name="content"]', rows);
  await coord.click('[data-testid="import-check"]');
  await visible(coord, '[data-testid="import-preview"]', 'import preview');
  const n = await coord.locator('[data-testid="preview-row"]').count();
  if (n !== 3) fail(`the preview shows ${n} rows, expected 3`);
  const matched = await coord.locator('[data-testid="matched-subjects"]').allInnerTexts();
  if (matched.some((t) => !t.startsWith('→'))) fail(`subjects not matched: ${matched.join(' | ')}`);
  await shots(coord, 'c15-import-preview');
  log(`import preview: ${n} rows, subjects ${matched.join(' | ')}`);

  // ---- 11b. An import confirmed, then the same table again: its rows are repeats ----
  step = 'coordinator imports 2 rows';
  // Names marked with the run, so that a database used before has no such members.
  const marked = (line) => {
    const c = line.split('\t');
    c[2] = `${c[2]} ${RUN}`;
    return c.join('\t');
  };
  const two = tsv.slice(1, 3).map(marked).join('\n');
  const [nameA, nameB] = tsv.slice(1, 3).map((l) => `${l.split('\t')[2]} ${RUN}`);
  await coord.fill('textarea[name="content"]', two);
  await coord.click('[data-testid="import-check"]');
  await coord.waitForFunction(() => document.querySelectorAll('[data-testid="preview-row"]').length === 2, null, { timeout: TIMEOUT });
  if (await coord.locator('[data-testid="row-duplicate"]').count()) fail('rows of new people are flagged «уже в составе»');
  // The place of work stays text: no schools are added to the demo registry.
  if (await coord.locator('input[name="create_schools"]').count()) await coord.locator('input[name="create_schools"]').uncheck();
  await coord.click('[data-testid="import-confirm"]');
  await visible(coord, '[data-testid="import-result"]', 'import result');
  const imported = await textOf(coord, '[data-testid="import-result"]');
  if (!/Загружено: 2 участника/.test(imported)) fail(`the import result says «${imported}»`);

  step = 'the same rows again are «уже в составе»';
  await coord.fill('textarea[name="content"]', two);
  await coord.click('[data-testid="import-check"]');
  await coord.waitForFunction(() => document.querySelectorAll('[data-testid="preview-row"]').length === 2, null, { timeout: TIMEOUT });
  const repeats = await coord.locator('[data-testid="row-duplicate"]').allInnerTexts();
  if (repeats.length !== 2 || repeats.some((t) => t.trim() !== 'уже в составе')) fail(`repeats flagged: ${JSON.stringify(repeats)}`);
  const summary = await textOf(coord, '[data-testid="preview-duplicates"]');
  if (!summary.includes('Уже в составе: 2')) fail(`the summary says «${summary}»`);
  // What the first row will do, once the table has been checked again.
  const firstAction = (want) =>
    coord.waitForFunction(
      (w) => document.querySelector('[data-testid="preview-row"] [data-testid="row-action"]')?.textContent.trim() === w,
      want,
      { timeout: TIMEOUT },
    ).catch(async () => fail(`the first row says «${await textOf(coord, '[data-testid="preview-row"] [data-testid="row-action"]')}», not «${want}»`));
  await firstAction('Будет пропущен');
  step = 'a row\'s own level makes it a change; the batch default decides, the row overrides';
  const row1 = coord.locator('[data-testid="preview-row"]').first();
  const row2 = coord.locator('[data-testid="preview-row"]').nth(1);
  await row1.locator('select[name="row_level"]').selectOption('regional');
  await visible(coord, '[data-testid="preview-row"] [data-testid="row-duplicate-choice"]', 'the row\'s «пропустить / обновить»');
  if (!(await row1.innerText()).includes('изменится: Уровень')) fail(`the changed row says «${await row1.innerText()}»`);
  await firstAction('Будет пропущен');
  await coord.selectOption('select[name="duplicates"]', 'update');
  await firstAction('Будет обновлён');
  if ((await row2.locator('[data-testid="row-action"]').innerText()).trim() !== 'Будет пропущен') fail('an unchanged repeat would be updated');
  await row1.locator('select[name="row_duplicate"]').selectOption('skip');
  await firstAction('Будет пропущен');
  await row1.locator('select[name="row_duplicate"]').selectOption('update');
  await firstAction('Будет обновлён');
  await shots(coord, 'c15b-import-repeats');
  step = 'confirm updates one repeat and skips the other';
  await coord.click('[data-testid="import-confirm"]');
  await visible(coord, '[data-testid="import-result"]', 'second import result');
  const again = await textOf(coord, '[data-testid="import-result"]');
  if (!/Загружено: 0 участников; обновлено: 1; пропущено повторов: 1/.test(again)) fail(`the second import says «${again}»`);
  const found = (await api('GET', `/composition/members?q=${encodeURIComponent(RUN)}&limit=50`, coordToken)).items;
  const memberA = found.find((m) => m.full_name === nameA);
  const memberB = found.find((m) => m.full_name === nameB);
  if (found.length !== 2 || !memberA || !memberB) fail(`after two imports the run has members ${JSON.stringify(found.map((m) => m.full_name))}`);
  if (memberA.level !== 'regional' || memberB.level !== 'municipal') fail(`levels after the update: ${memberA.level}, ${memberB.level}`);
  log(`re-import: 2 repeats flagged, 1 updated to regional, 1 skipped`);

  // ---- 12. The tutor edits one session of a weekly series ----
  step = 'tutor plans a weekly series through the API';
  const tutorToken = (await api('POST', '/auth/login', null, { email: USERS.tutor, password: PASSWORD })).access_token;
  const tomorrow = moscow(Date.now() + 24 * 3600_000).date;
  const inAWeek = moscow(Date.now() + 8 * 24 * 3600_000).date;
  let series = null;
  for (let h = 7; h <= 20 && !series; h++) {
    const hh = String(h).padStart(2, '0');
    const hh1 = String(h + 1).padStart(2, '0');
    const res = await apiTry('POST', '/sessions', tutorToken, {
      form: 'master_class',
      title: `Мастер-класс: задачи на проценты ${RUN}`,
      starts_at: `${tomorrow}T${hh}:00:00+03:00`,
      ends_at: `${tomorrow}T${hh1}:00:00+03:00`,
      format: 'in_person',
      place: `ИМЦ, зал ${RUN}`,
      audience: 'teachers',
      seats: 20,
      recurrence: 'weekly',
      repeat_until: inAWeek,
    });
    if (res.status === 201 || res.status === 200) series = res.body;
    else if (res.status !== 409) fail(`POST /sessions → ${res.status}: ${JSON.stringify(res.body)}`);
  }
  if (!series || !series.length) fail('no free hour tomorrow for the series');
  const planned = series[0];
  step = 'tutor opens the planned session and «Изменить»';
  await open(tutor, `/sessions/${planned.id}`, '[data-testid="session-props"]');
  await visible(tutor, '[data-testid="edit-session"]', '«Изменить» button');
  await shots(tutor, 'c16-session-card-planned');
  await tutor.click('[data-testid="edit-session"]');
  await visible(tutor, '[data-testid="session-form"]', 'session edit form');
  await settled(tutor);
  const loadedTitle = await tutor.inputValue('input[name="title"]');
  if (loadedTitle !== planned.title) fail(`the edit form shows «${loadedTitle}», expected «${planned.title}»`);
  await visible(tutor, '[data-testid="series-note"]', 'series note');
  const note = await textOf(tutor, '[data-testid="series-note"]');
  if (!note.includes('Изменение касается только этого занятия серии')) fail(`series note says «${note}»`);
  if (await tutor.locator('select[name="recurrence"]').count()) fail('the edit form offers recurrence');
  await shots(tutor, 'c17-session-edit');
  step = 'a change made meanwhile is a version conflict';
  const current = await api('GET', `/sessions/${planned.id}`, tutorToken);
  await api('PUT', `/sessions/${planned.id}`, tutorToken, {
    form: current.form,
    subject_id: current.subject_id,
    title: current.title,
    starts_at: current.starts_at,
    ends_at: current.ends_at,
    place: current.place,
    format: current.format,
    audience: current.audience,
    seats: 25,
    tutor_ids: current.tutors.map((t) => t.id),
    version: current.version,
  });
  await tutor.fill('input[name="title"]', `Мастер-класс: проценты и доли ${RUN}`);
  await tutor.click('[data-testid="save"]');
  await visible(tutor, '[data-testid="error-banner"]', 'version conflict banner');
  const conflictText = await textOf(tutor, '[data-testid="error-banner"]');
  if (!/другой пользователь/.test(conflictText)) fail(`conflict banner says «${conflictText}»`);
  await visible(tutor, '[data-testid="reload"]', '«Обновить страницу» button');
  await shots(tutor, 'c18-session-edit-conflict');
  step = 'tutor saves the change after reloading';
  await tutor.reload();
  await visible(tutor, '[data-testid="session-form"]', 'session edit form after reload');
  await settled(tutor);
  await tutor.waitForFunction(() => document.querySelector('input[name="seats"]')?.value === '25', null, { timeout: TIMEOUT });
  await tutor.fill('input[name="title"]', `Мастер-класс: проценты и доли ${RUN}`);
  await tutor.click('[data-testid="save"]');
  await visible(tutor, '[data-testid="session-card"] [data-testid="session-props"]', 'session card after the edit');
  const newTitle = await textOf(tutor, '[data-testid="session-title"]');
  if (newTitle !== `Мастер-класс: проценты и доли ${RUN}`) fail(`the card shows «${newTitle}» after the edit`);
  const sibling = await api('GET', `/sessions/${series[1].id}`, tutorToken);
  if (sibling.title !== planned.title) fail('editing one session changed the rest of the series');
  log(`session ${planned.id} edited; the series sibling kept its title`);

  // ---- 13. The coordinator attaches the demo tutor to a school; the demo order ----
  step = 'coordinator opens the demo tutor\'s member card';
  await open(coord, '/composition', '[data-testid="members-table"]');
  await coord.locator('[data-testid="member-link"]', { hasText: 'Кедров Алексей Павлович' }).first().click();
  await visible(coord, '[data-testid="member-props"]', 'member card');
  const memberPath = new URL(coord.url()).pathname;
  await visible(coord, '[data-testid="attach-form"]', 'attach form');
  await visible(coord, '[data-testid="member-order"]', 'the approving order on the card');
  await settled(coord);
  step = 'coordinator attaches a school';
  await coord.click('[data-testid="attach-submit"]');
  await visible(coord, '[data-testid="error-attach_school_id"]', 'school required error');
  const option = coord.locator('select[name="attach_school_id"] option:not([value=""])').first();
  const schoolId = await option.getAttribute('value');
  const schoolLabel = (await option.innerText()).split(' — ')[0].trim();
  await coord.selectOption('select[name="attach_school_id"]', schoolId);
  await coord.click('[data-testid="attach-submit"]');
  await visible(coord, `[data-testid="attachment-row"]:has-text("${schoolLabel}")`, 'the attached school in the list');
  await shots(coord, 'c19-member-card-attached');
  log(`demo tutor attached to ${schoolLabel}`);
  step = 'coordinator opens the demo order from the card';
  await coord.click('[data-testid="member-order"]');
  await visible(coord, '[data-testid="order-page"] [data-testid="order-props"]', 'order page');
  const approvedNames = await coord.locator('[data-testid="order-approved"] [data-testid="order-member"]').allInnerTexts();
  if (!approvedNames.some((t) => t.includes('Кедров Алексей Павлович'))) fail(`the order does not list the demo tutor: ${approvedNames.join(' | ')}`);
  const orderDate = await textOf(coord, '[data-testid="order-date"]');
  if (!/^\d{2}\.\d{2}\.\d{4}$/.test(orderDate)) fail(`the order date reads «${orderDate}»`);
  await shots(coord, 'c19b-order-page');
  step = 'coordinator uploads the scan of the demo order';
  await visible(coord, '[data-testid="order-file"] [data-testid="order-file-input"]', 'scan upload input');
  await coord.setInputFiles('[data-testid="order-file-input"]', {
    name: 'setup.exe',
    mimeType: 'application/x-msdownload',
    buffer: Buffer.from('MZ not a scan'),
  });
  await visible(coord, '[data-testid="order-file"] [data-testid="error-file"]', 'refused file type error');
  const typeError = await textOf(coord, '[data-testid="order-file"] [data-testid="error-file"]');
  if (!/PDF/.test(typeError)) fail(`the type error says «${typeError}»`);
  const scanName = `Скан приказа ${RUN}.pdf`;
  await coord.setInputFiles('[data-testid="order-file-input"]', tempPdf(scanName, 'order scan'));
  await visible(coord, `[data-testid="order-file"] [data-testid="file-row"]:has-text("${scanName}")`, 'the uploaded scan');
  if (await coord.locator('[data-testid="order-file"] [data-testid="error-file"]').count()) fail('the type error stayed after the upload');
  const replace = (await textOf(coord, '[data-testid="order-file"] .file-pick')).trim();
  if (replace !== 'Заменить') fail(`the upload button reads «${replace}» once a scan is there`);
  await downloads(coord, '[data-testid="order-file"]', scanName);
  await shots(coord, 'c19c-order-scan');
  log(`order scan uploaded: ${scanName}`);
  step = 'the orders list links to the order page';
  await open(coord, '/composition/orders', '[data-testid="orders-table"]');
  await coord.locator('[data-testid="order-link"]').first().click();
  await visible(coord, '[data-testid="order-page"] [data-testid="order-props"]', 'order page from the list');
  log(`order page: ${approvedNames.length} approved, dated ${orderDate}`);

  // ---- 13b. The coordinator enters the signed order approving the imported pair ----
  step = 'the order form: the requisites of the last order, errors, the button';
  await open(coord, '/composition/orders/new', '[data-testid="order-form"]');
  await visible(coord, `[data-testid="approve-list"] label:has-text("${nameA}")`, 'the imported members among the nominated');
  const saveText = await textOf(coord, '[data-testid="order-form"] [data-testid="save"]');
  if (saveText !== 'Внести приказ') fail(`the order form's button reads «${saveText}»`);
  const formText = await coord.locator('[data-testid="order-form-page"]').innerText();
  if (/Зарегистр|Издать/.test(formText)) fail('the form of a signed order speaks of registering or issuing it');
  const lastOrder = (await api('GET', '/composition/orders?limit=1', coordToken)).items[0];
  for (const [field, value] of [['issuer', lastOrder.issuer], ['signatory_position', lastOrder.signatory_position], ['place', lastOrder.place]]) {
    if (!value) continue;
    await coord
      .waitForFunction(([f, v]) => document.querySelector(`[name="${f}"]`)?.value === v, [field, value], { timeout: TIMEOUT })
      .catch(() => fail(`«${field}» is not taken from the last order («${value}»)`));
  }
  await coord.selectOption('select[name="kind"]', 'amend');
  await coord.locator('input[name="exclude_member_ids"]').first().check();
  await coord.click('[data-testid="order-form"] [data-testid="save"]');
  await visible(coord, '[data-testid="error-number"]', 'number required');
  await visible(coord, '[data-testid="exclude-list"] .field-error', 'the exclusion reason required');
  await shots(coord, 'c29-order-form-errors');
  step = 'the coordinator enters the order';
  await coord.selectOption('select[name="kind"]', 'approve');
  const orderNumber = `ОД-${RUN}`;
  await coord.fill('input[name="number"]', orderNumber);
  await coord.fill('input[name="signatory_position"]', 'Директор МКУ ИМЦ Лесогорского района');
  await coord.fill('input[name="signatory_name"]', 'И.О. Проверкина');
  await coord.fill('input[name="place"]', 'г. Лесогорск');
  await coord.fill('textarea[name="preamble"]', `В целях методической поддержки учителей (проверка ${RUN})`);
  await coord.fill('textarea[name="items"]', `Утвердить состав сообщества тьюторов (Приложение 1).\nКонтроль за исполнением приказа оставляю за собой.`);
  for (const name of [nameA, nameB]) {
    await coord.locator(`[data-testid="approve-list"] label:has-text("${name}") input`).check();
  }
  await shots(coord, 'c29b-order-form');
  await coord.click('[data-testid="order-form"] [data-testid="save"]');
  await visible(coord, '[data-testid="orders-page"] [data-testid="orders-table"]', 'the orders after entering one');
  await coord.locator('[data-testid="order-link"]', { hasText: orderNumber }).first().click();
  await visible(coord, '[data-testid="order-page"] [data-testid="order-props"]', 'the entered order');
  const shownNumber = await coord.locator('[data-testid="order-number"]').textContent();
  if (shownNumber !== `№\u00a0${orderNumber}`) fail(`the number reads ${JSON.stringify(shownNumber)}, not with a non-breaking «№»`);
  if ((await textOf(coord, '[data-testid="order-place"]')) !== 'г. Лесогорск') fail('the place is not shown');
  if (!(await textOf(coord, '[data-testid="order-signatory"]')).endsWith('И.О. Проверкина')) fail('the signatory is not shown');
  const entered = await coord.locator('[data-testid="order-approved"] [data-testid="order-member"]').allInnerTexts();
  if (entered.length !== 2 || !entered[0].includes(nameA) || !entered[1].includes(nameB)) fail(`the order approves ${JSON.stringify(entered)}`);
  await shots(coord, 'c29c-order-entered');

  step = 'the order page downloads the appendix (DOCX, XLSX) and the order (DOCX)';
  const appendixDocx = await download(coord, 'download-appendix-docx');
  if (appendixDocx.name !== `prilozhenie-1-${orderNumber}.docx`) fail(`the appendix is named «${appendixDocx.name}»`);
  const appendixText = zipText(appendixDocx.bytes, 'word/document.xml');
  for (const want of ['Приложение №1 к приказу', `№ ${orderNumber} от`, 'ФИО (полностью)', 'И.О. Проверкина']) {
    if (!appendixText.includes(want)) fail(`the appendix DOCX lacks «${want}»: ${appendixText.slice(0, 400)}`);
  }
  if (!(appendixText.indexOf(nameA) >= 0 && appendixText.indexOf(nameA) < appendixText.indexOf(nameB))) {
    fail('the appendix DOCX does not list the imported pair in the order\'s sequence');
  }
  const appendixXlsx = await download(coord, 'download-appendix-xlsx');
  if (!appendixXlsx.name.endsWith('.xlsx')) fail(`the Excel appendix is named «${appendixXlsx.name}»`);
  const sheetText = zipText(appendixXlsx.bytes, 'xl/');
  if (!sheetText.includes('Приложение №1 к приказу') || !sheetText.includes(nameB)) fail('the appendix XLSX lacks the stamp or the members');
  const orderDocx = await download(coord, 'download-order-docx');
  if (orderDocx.name !== `prikaz-${orderNumber}.docx`) fail(`the order is named «${orderDocx.name}»`);
  const orderText = zipText(orderDocx.bytes, 'word/document.xml');
  for (const want of ['П Р И К А З', 'г. Лесогорск', `№ ${orderNumber}`, `проверка ${RUN}`, '2. Контроль за исполнением приказа оставляю за собой.']) {
    if (!orderText.includes(want)) fail(`the order DOCX lacks «${want}»`);
  }
  log(`order ${orderNumber} entered; appendix DOCX/XLSX and the order DOCX read back`);

  step = 'the coordinator corrects the entered order\'s signatory; the date and members stay';
  await coord.click('[data-testid="order-edit"]');
  await visible(coord, '[data-testid="order-edit-form"]', 'the order correction form');
  if ((await coord.inputValue('[data-testid="order-edit-form"] input[name="number"]')) !== orderNumber) fail('the correction form does not hold the number');
  await coord.fill('[data-testid="order-edit-form"] input[name="signatory_name"]', 'И.О. Исправленная');
  await shots(coord, 'c29d-order-edit');
  await coord.click('[data-testid="order-edit-save"]');
  await visible(coord, '[data-testid="banner-ok"]', 'the correction is confirmed');
  if (!(await textOf(coord, '[data-testid="order-signatory"]')).endsWith('И.О. Исправленная')) fail('the corrected signatory is not shown');
  if ((await coord.locator('[data-testid="order-approved"] [data-testid="order-member"]').count()) !== 2) fail('the correction changed the members');
  const fixedDocx = await download(coord, 'download-order-docx');
  if (!zipText(fixedDocx.bytes, 'word/document.xml').includes('И.О. Исправленная')) fail('the order DOCX does not print the corrected signatory');
  log('the order\'s signatory corrected on the page and in its DOCX');

  // ---- The remaining pages: each opens (and is photographed with SCREENSHOTS) ----
  {
    step = 'tour';
    await open(coord, '/requests', '[data-testid="requests-table"]');
    await shots(coord, 'c20-requests-coordinator');
    await open(coord, '/sessions', '[data-testid="week-grid"]');
    await shots(coord, 'c21-sessions-week');
    await coord.click('[data-testid="view-month"]');
    await visible(coord, '.calendar.cal-month', 'month view');
    await settled(coord);
    await shots(coord, 'c22-sessions-month');
    await coord.click('[data-testid="view-list"]');
    await visible(coord, '[data-testid="sessions-table"], [data-testid="empty"]', 'list view');
    await settled(coord);
    await shots(coord, 'c23-sessions-list');
    await coord.click('[data-testid="feed-personal"] [data-testid="feed-create"]');
    await visible(coord, '[data-testid="feed-url"]', 'feed url');
    const feed = await coord.inputValue('[data-testid="feed-url"]');
    if (!feed.startsWith(BASE) || !feed.endsWith('.ics')) fail(`feed URL «${feed}»`);
    await shot(coord, 'c24-sessions-feed');
    await open(coord, '/sessions/new', '[data-testid="session-form"]');
    await shots(coord, 'c25-session-form-coordinator');
    await open(coord, `/sessions/${sessionId}`, '[data-testid="session-props"]');
    await shots(coord, 'c26-session-card-coordinator');
    await open(coord, '/composition', '[data-testid="composition-page"]');
    await shots(coord, 'c27-composition');
    await open(coord, '/composition/orders', '[data-testid="orders-page"]');
    await shots(coord, 'c28-orders');
    await open(coord, '/nominations', '[data-testid="nominations-page"]');
    await shots(coord, 'c30-nominations-coordinator');
    await open(coord, '/notifications', '[data-testid="notifications-page"]');
    await shots(coord, 'c31-notifications-coordinator');
    await open(coord, '/requests?status=declined', '[data-testid="requests-page"]');
    await shots(coord, 'c32-requests-empty');
    await open(coord, '/requests/00000000-0000-0000-0000-000000000000', '[data-testid="error-banner"]');
    const missing = await textOf(coord, '[data-testid="error-banner"]');
    if (!/не найден/i.test(missing)) fail(`a missing request says «${missing}»`);
    await shot(coord, 'c33-request-not-found');

    step = 'tour: a member by hand';
    await open(coord, '/composition', '[data-testid="members-table"]');
    await coord.click('[data-testid="add-member"]');
    await visible(coord, '[data-testid="member-form"] input[name="subject_ids"]', 'member form');
    await coord.click('[data-testid="member-save"]');
    await visible(coord, '[data-testid="error-full_name"]', 'full name error');
    await visible(coord, '[data-testid="error-subject_ids"]', 'subjects error');
    await shots(coord, 'c37-member-add-errors');
    const byHand = `Вишнякова Елена Петровна ${RUN}`;
    await coord.fill('input[name="full_name"]', byHand);
    await coord.locator('input[name="subject_ids"]').first().check();
    await coord.fill('input[name="position"]', 'учитель биологии');
    step = 'tour: a member by hand: the level\'s basis is its own and follows the level';
    await coord.selectOption('[data-testid="member-form"] select[name="level"]', 'regional');
    const bases = await coord.locator('select[name="level_basis"] option').allInnerTexts();
    if (bases.length !== 2 || !bases[1].startsWith('Подготовка в ИРО')) fail(`a regional tutor is offered the bases ${JSON.stringify(bases)}`);
    await coord.selectOption('select[name="level_basis"]', 'iro_training');
    await coord.selectOption('[data-testid="member-form"] select[name="level"]', 'municipal');
    if ((await coord.inputValue('select[name="level_basis"]')) !== 'mouo_order') fail('the basis did not follow the level to «Приказ МОУО»');
    await coord.fill('input[name="level_document"]', 'приказ УО № 125 от 01.09.2026');
    await coord.selectOption('select[name="specialisation"]', 'ege');
    await coord.selectOption('select[name="category"]', 'teacher');
    await shots(coord, 'c37b-member-add-filled');
    await coord.click('[data-testid="member-save"]');
    await visible(coord, '[data-testid="added-member-link"]', 'link to the added member');
    {
      const m = (await api('GET', `/composition/members?q=${encodeURIComponent(byHand)}`, coordToken)).items[0];
      if (!m || m.level_basis !== 'mouo_order' || m.level_document !== 'приказ УО № 125 от 01.09.2026' || m.specialisation !== 'ege' || m.category !== 'teacher') {
        fail(`the member by hand was saved as ${JSON.stringify(m && { b: m.level_basis, d: m.level_document, s: m.specialisation, c: m.category })}`);
      }
    }
    await coord.click('[data-testid="added-member-link"]');
    await visible(coord, '[data-testid="member-edit"]', '«Изменить» of a nominated member');
    await settled(coord);
    await shots(coord, 'c38-member-card-nominated');
    await coord.click('[data-testid="member-edit"]');
    await visible(coord, '[data-testid="member-form"]', 'member edit form');
    await coord.fill('input[name="workplace"]', 'МКУ ИМЦ');
    await shots(coord, 'c39-member-edit');
    await coord.click('[data-testid="member-save"]');
    await visible(coord, '[data-testid="banner-ok"]', 'saved banner');
    await coord.click('[data-testid="member-delete"]');
    await visible(coord, '[data-testid="composition-page"]', 'the list after deleting the member');
    await open(teacher, memberPath, '[data-testid="member-props"]');
    await visible(teacher, '[data-testid="attachment-row"]', 'attachments (read-only)');
    if (await teacher.locator('[data-testid="attach-form"], [data-testid="attachment-remove"]').count()) fail('a teacher may change attachments');
    await shots(teacher, 'c40-member-card-teacher');

    const admin = await browser('school-admin');
    await login(admin, USERS.schoolAdmin, 'school admin');
    await open(admin, '/nominations', '[data-testid="nominations-page"]');
    await admin.click('[data-testid="new-nomination"]');
    await visible(admin, '[data-testid="nomination-form"]', 'nomination form');
    await admin.click('[data-testid="nomination-form"] [data-testid="save"]');
    step = 'tour: the empty nomination form shows its errors';
    for (const f of ['full_name', 'subject_ids', 'justification']) {
      await visible(admin, `[data-testid="nomination-form"] [data-testid="error-${f}"]`, `the «${f}» error of the nomination`);
    }
    await shots(admin, 'c34-nomination-form-errors');
    step = 'tour: a nomination with two subjects and the six criteria';
    const criteria = await admin.locator('[data-testid="nomination-criteria"] label').allInnerTexts();
    for (const c of ['Является действующим учителем-предметником', 'Обладает большим опытом работы в должности учителя', 'Имеет высокие достижения в профессиональной деятельности', 'Обладает авторитетом в профессиональном сообществе', 'Способен оказывать методическую помощь коллегам', 'Готов осуществлять функции тьютора']) {
      if (!criteria.some((t) => t.includes(c))) fail(`the nomination form lacks the criterion «${c}»: ${JSON.stringify(criteria)}`);
    }
    const nominee = `Сидоренко Мария Ивановна ${RUN}`;
    await admin.fill('[data-testid="nomination-form"] input[name="full_name"]', nominee);
    const subjectBoxes = admin.locator('[data-testid="nomination-subjects"] input[name="subject_ids"]');
    await subjectBoxes.nth(0).check();
    await subjectBoxes.nth(1).check();
    const subjectNames = [
      (await admin.locator('[data-testid="nomination-subjects"] label').nth(0).innerText()).trim(),
      (await admin.locator('[data-testid="nomination-subjects"] label').nth(1).innerText()).trim(),
    ];
    await admin.fill('[data-testid="nomination-form"] input[name="position"]', 'учитель русского языка и литературы');
    await admin.fill('input[name="experience_years"]', '15');
    await admin.fill('textarea[name="achievements"]', 'Призёры регионального этапа олимпиады');
    for (const c of ['has_authority', 'ready_to_help', 'ready_to_tutor']) await admin.check(`input[name="${c}"]`);
    await admin.fill('textarea[name="justification"]', 'Стабильно высокие результаты ОГЭ и ЕГЭ');
    await shots(admin, 'c34b-nomination-form-filled');
    await admin.click('[data-testid="nomination-form"] [data-testid="save"]');
    await visible(admin, `[data-testid="nomination-row"]:has-text("${nominee}")`, 'the new nomination in the list');
    const rowSubjects = await textOf(admin, `[data-testid="nomination-row"]:has-text("${nominee}") [data-testid="nomination-subjects"]`);
    if (!subjectNames.every((n) => rowSubjects.includes(n))) fail(`the nomination row shows «${rowSubjects}», not ${subjectNames.join(' and ')}`);
    const adminToken = (await api('POST', '/auth/login', null, { email: USERS.schoolAdmin, password: PASSWORD })).access_token;
    const nom = (await api('GET', '/nominations?limit=200', adminToken)).items.find((x) => x.full_name === nominee);
    if (!nom || nom.subjects.length !== 2 || nom.experience_years !== 15 || !nom.is_current_teacher || !nom.has_authority || !nom.ready_to_help || !nom.ready_to_tutor || !nom.achievements) {
      fail(`the nomination was saved as ${JSON.stringify(nom)}`);
    }
    await shots(admin, 'c34c-nominations-school-admin');
    await open(admin, '/sessions?view=month', '[data-testid="calendar"].cal-month');
    await shots(admin, 'c35-sessions-school-admin');
    await open(tutor, '/dashboard', '[data-testid="dashboard-page"]');
    await shot(tutor, 'c36-dashboard-forbidden-tutor');
  }

  if (pageErrors.length) fail(`uncaught errors in the page: ${pageErrors.join(' | ')}`);
  log('OK');
}

main()
  .then(async () => {
    for (const c of contexts) await c.close().catch(() => {});
    for (const p of [...profiles, ...tempFiles]) fs.rmSync(p, { recursive: true, force: true });
  })
  .catch(async (e) => {
    process.stderr.write(`[community.test] FAIL at step «${step}»: ${e.message}\n`);
    if (pageErrors.length) process.stderr.write(`[community.test] page errors: ${pageErrors.join(' | ')}\n`);
    if (SHOTS) {
      for (const [i, c] of contexts.entries()) {
        const p = c.pages()[0];
        if (p) await p.screenshot({ path: path.join(SHOTS, `zz-failure-${i}.png`), fullPage: true }).catch(() => {});
      }
    }
    for (const c of contexts) await c.close().catch(() => {});
    for (const p of [...profiles, ...tempFiles]) fs.rmSync(p, { recursive: true, force: true });
    process.exit(1);
  });
