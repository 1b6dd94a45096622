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
// With SCREENSHOTS set, it also tours every community page at desktop and phone width.
//
//   TUTORNET_URL=http://127.0.0.1:18080 node tests/browser/community.test.mjs
//
// Env: TUTORNET_URL, TUTORNET_PASSWORD (demo users' password), SCREENSHOTS=dir,
// CHROMIUM (default /usr/bin/chromium), HEADFUL=1 to watch.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { BASE, FIXTURES, SHOTS, TIMEOUT, chromium, openSection, request } from './common.mjs';

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
  await page.setViewportSize({ width: 1280, height: 800 });
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
    viewport: { width: 1280, height: 800 },
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

  // ---- Tour of the remaining pages (screenshots) ----
  if (SHOTS) {
    step = 'tour';
    await open(coord, '/requests', '[data-testid="requests-table"]');
    await shots(coord, 'c20-requests-coordinator');
    await open(coord, '/sessions', '[data-testid="calendar"]');
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
    await open(coord, '/composition/orders/new', '[data-testid="order-form"]');
    await coord.selectOption('select[name="kind"]', 'amend');
    await coord.locator('input[name="exclude_member_ids"]').first().check().catch(() => {});
    await coord.click('[data-testid="save"]');
    await shots(coord, 'c29-order-form-errors');
    await open(coord, '/nominations', '[data-testid="nominations-page"]');
    await shots(coord, 'c30-nominations-coordinator');
    await open(coord, '/notifications', '[data-testid="notifications-page"]');
    await shots(coord, 'c31-notifications-coordinator');
    await open(coord, '/requests?status=declined', '[data-testid="requests-page"]');
    await shots(coord, 'c32-requests-empty');
    await open(coord, '/requests/00000000-0000-0000-0000-000000000000', '[data-testid="error-banner"]');
    await shot(coord, 'c33-request-not-found');

    step = 'tour: a member by hand';
    await open(coord, '/composition', '[data-testid="members-table"]');
    await coord.click('[data-testid="add-member"]');
    await visible(coord, '[data-testid="member-form"] input[name="subject_ids"]', 'member form');
    await coord.click('[data-testid="member-save"]');
    await visible(coord, '[data-testid="error-full_name"]', 'full name error');
    await visible(coord, '[data-testid="error-subject_ids"]', 'subjects error');
    await shots(coord, 'c37-member-add-errors');
    await coord.fill('input[name="full_name"]', `Вишнякова Елена Петровна ${RUN}`);
    await coord.locator('input[name="subject_ids"]').first().check();
    await coord.fill('input[name="position"]', 'учитель биологии');
    await coord.click('[data-testid="member-save"]');
    await visible(coord, '[data-testid="added-member-link"]', 'link to the added member');
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
    await shots(admin, 'c34-nomination-form-errors');
    await open(admin, '/sessions?view=month', '[data-testid="calendar"]');
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
