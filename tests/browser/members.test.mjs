#!/usr/bin/env node
// Browser test of members' accounts: the coordinator gives one approved member an account
// with an initial password on the member card; that member logs in in a fresh browser,
// is made to change the password, then lands on the tutor's start page. Bulk creation
// for two members downloads the XLSX list naming both. The users import preview shows a
// bad row's error and confirm creates the good row.
//
//   TUTORNET_URL=http://127.0.0.1:18080 SCREENSHOTS=/tmp/shots node tests/browser/members.test.mjs
import fs from 'node:fs';
import zlib from 'node:zlib';
import path from 'node:path';
import { BASE, SHOTS, TIMEOUT, chromium, request, zipText } from './common.mjs';

const PASSWORD = process.env.TUTORNET_PASSWORD || 'demo-password-1';
const RUN = Date.now().toString(36);
const errors = [];
const fail = (msg) => {
  throw new Error(msg);
};

async function shown(page, selector, what) {
  await page.locator(selector).first().waitFor({ state: 'visible', timeout: TIMEOUT })
    .catch(() => fail(`${what} did not appear (${selector}) at ${page.url()}`));
}

async function shoot(page, name) {
  const dir = SHOTS || '/tmp/members-shots';
  fs.mkdirSync(dir, { recursive: true });
  for (const [w, h, tag] of [[1366, 800, 'desktop'], [390, 844, 'phone']]) {
    await page.setViewportSize({ width: w, height: h });
    await page.screenshot({ path: path.join(dir, `${name}-${tag}.png`), fullPage: true });
  }
  await page.setViewportSize({ width: 1366, height: 800 });
}

/// The text of every XML part of a zip (an XLSX) — shared strings hold the names.
/// A minimal XLSX (stored zip, inline strings) of `rows`.
function peopleXlsx(rows) {
  const esc = (v) => v.replace(/&/g, '&amp;').replace(/</g, '&lt;');
  const col = (i) => String.fromCharCode(65 + i);
  const sheet = '<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>'
    + rows.map((r, y) => `<row r="${y + 1}">${r.map((v, x) => `<c r="${col(x)}${y + 1}" t="inlineStr"><is><t>${esc(v)}</t></is></c>`).join('')}</row>`).join('')
    + '</sheetData></worksheet>';
  const files = {
    '[Content_Types].xml': '<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/></Types>',
    '_rels/.rels': '<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>',
    'xl/workbook.xml': '<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets><sheet name="Люди" sheetId="1" r:id="rId1"/></sheets></workbook>',
    'xl/_rels/workbook.xml.rels': '<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/></Relationships>',
    'xl/worksheets/sheet1.xml': sheet,
  };
  const locals = [];
  const centrals = [];
  let offset = 0;
  for (const [name, text] of Object.entries(files)) {
    const data = Buffer.from(text, 'utf8');
    const nameBuf = Buffer.from(name, 'utf8');
    const crc = zlib.crc32(data);
    const head = Buffer.alloc(30);
    head.writeUInt32LE(0x04034b50, 0); head.writeUInt16LE(20, 4); head.writeUInt32LE(crc, 14);
    head.writeUInt32LE(data.length, 18); head.writeUInt32LE(data.length, 22); head.writeUInt16LE(nameBuf.length, 26);
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0); central.writeUInt16LE(20, 4); central.writeUInt16LE(20, 6);
    central.writeUInt32LE(crc, 16); central.writeUInt32LE(data.length, 20); central.writeUInt32LE(data.length, 24);
    central.writeUInt16LE(nameBuf.length, 28); central.writeUInt32LE(offset, 42);
    locals.push(head, nameBuf, data);
    centrals.push(central, nameBuf);
    offset += 30 + nameBuf.length + data.length;
  }
  const cd = Buffer.concat(centrals);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0); end.writeUInt16LE(Object.keys(files).length, 8);
  end.writeUInt16LE(Object.keys(files).length, 10); end.writeUInt32LE(cd.length, 12); end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, cd, end]);
}

async function signIn(page, email, password) {
  await page.goto(`${BASE}/login`);
  await shown(page, '[data-testid="login-form"]', 'login form');
  await page.fill('input[name="email"]', email);
  await page.fill('input[name="password"]', password);
  await page.click('[data-testid="login-submit"]');
}

async function main() {
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
    headless: !process.env.HEADFUL,
    args: ['--no-sandbox', '--disable-gpu'],
  });
  try {
    const fresh = async (who) => {
      const context = await browser.newContext({ locale: 'ru-RU', acceptDownloads: true, viewport: { width: 1366, height: 800 } });
      const page = await context.newPage();
      page.setDefaultTimeout(TIMEOUT);
      page.on('pageerror', (e) => errors.push(`${who}: ${e}`));
      return page;
    };
    const coord = await fresh('coordinator');
    await signIn(coord, 'coordinator@tutornet.local', PASSWORD);
    await shown(coord, '[data-testid="nav"]', 'coordinator signed in');
    const login = await request('POST', '/auth/login', null, { email: 'coordinator@tutornet.local', password: PASSWORD });
    const token = login.body.access_token;
    const without = (await request('GET', '/accounts/members', token)).body;
    if (without.length < 3) fail(`expected 3 approved members without accounts, got ${without.length}`);

    // One member, on the card, with a password.
    const one = without[0];
    const email = `member-${RUN}@x.ru`;
    await coord.goto(`${BASE}/composition/members/${one.id}`);
    await shown(coord, '[data-testid="account-create"]', '«Создать учётную запись»');
    await coord.click('[data-testid="account-create"]');
    await coord.fill('input[name="email"]', email);
    await coord.check('[data-testid="delivery-password"]');
    await coord.click('[data-testid="account-submit"]');
    await shown(coord, '[data-testid="issued-secret"]', 'the initial password');
    const initial = (await coord.textContent('[data-testid="issued-secret"]')).trim();
    if (initial.length < 10) fail(`initial password «${initial}»`);
    await shown(coord, '[data-testid="account-login"]', 'the login of the account');
    await shoot(coord, 'member-card');

    const member = await fresh('member');
    await signIn(member, email, initial);
    await shown(member, '[data-testid="first-password-form"]', 'the forced change of password');
    await member.fill('input[name="current_password"]', initial);
    await member.fill('input[name="new_password"]', `own-pass-${RUN}`);
    await member.fill('input[name="new_password_repeat"]', `own-pass-${RUN}`);
    await member.click('[data-testid="first-password-submit"]');
    await shown(member, '[data-testid="nav"]', 'the tutor start page after the change');
    if (new URL(member.url()).pathname !== '/') fail(`after the change at ${member.url()}, not the start page`);
    const me = await request('POST', '/auth/login', null, { email, password: `own-pass-${RUN}` });
    if (me.body?.user?.role !== 'tutor' || me.body?.user?.must_change_password) fail(`the member after the change: ${me.text}`);

    // Two members in bulk: the list downloads and names both.
    await coord.goto(`${BASE}/composition/accounts`);
    await shown(coord, '[data-testid="accounts-row"]', 'members without accounts');
    const rows = coord.locator('[data-testid="accounts-row"]');
    // Other tests of the run may have added members: take the first two, leave the rest.
    const before = await rows.count();
    if (before < 2) fail(`${before} rows, expected at least 2`);
    for (let i = 2; i < before; i++) await rows.nth(i).locator('[data-testid="accounts-check"]').uncheck();
    const names = [];
    for (let i = 0; i < 2; i++) {
      names.push((await rows.nth(i).locator('[data-testid="accounts-name"]').textContent()).trim());
      await rows.nth(i).locator('[data-testid="accounts-email"]').fill(`bulk-${i}-${RUN}@x.ru`);
    }
    await coord.check('[data-testid="delivery-password"]');
    await shoot(coord, 'bulk');
    const [download] = await Promise.all([coord.waitForEvent('download'), coord.click('[data-testid="accounts-submit"]')]);
    const file = await download.path();
    const text = zipText(fs.readFileSync(file), 'xl/');
    for (const n of names) if (!text.includes(n)) fail(`the XLSX list does not name ${n}`);
    await shown(coord, '[data-testid="accounts-result"]', 'the bulk result');
    if (before === 2) {
      await shown(coord, '[data-testid="accounts-empty"]', 'the empty list after bulk creation');
    } else {
      await coord.waitForFunction((n) => document.querySelectorAll('[data-testid="accounts-row"]').length === n, before - 2, { timeout: TIMEOUT })
        .catch(() => fail('the two members stay in the list after bulk creation'));
      const left = await coord.locator('[data-testid="accounts-row"] [data-testid="accounts-name"]').allTextContents();
      for (const n of names) if (left.map((x) => x.trim()).includes(n)) fail(`${n} is still without an account`);
    }

    // Users import: a bad row's error, then the good row created.
    const good = `imported-${RUN}@x.ru`;
    const sample = path.join(process.env.TMPDIR || '/tmp', `people-${RUN}.xlsx`);
    fs.writeFileSync(sample, peopleXlsx([
      ['ФИО', 'E-mail', 'Роль', 'Школа / муниципалитет', 'Должность'],
      ['Импортова Анна Сергеевна', good, 'Учитель', 'МОБУ СОШ № 7', 'учитель математики'],
      ['Ошибкин Пётр', 'not-an-email', 'Космонавт', 'МОБУ СОШ № 7', ''],
    ]));
    await coord.goto(`${BASE}/users/import`);
    await shown(coord, '[data-testid="import-template"]', 'the sample of the table');
    await coord.setInputFiles('[data-testid="import-file"]', sample);
    await coord.click('[data-testid="users-import-check"]');
    await shown(coord, '[data-testid="users-import-preview"]', 'the preview');
    await shown(coord, '[data-testid="row-error"]', 'the bad row\'s error');
    await shoot(coord, 'import-preview');
    await coord.click('[data-testid="users-import-confirm"]');
    await shown(coord, '[data-testid="users-import-created"]', 'the created row');
    const created = await coord.locator('[data-testid="users-import-created"]').allTextContents();
    if (created.length !== 1 || !created[0].includes(good)) fail(`created: ${created.join(' | ')}`);
    if (errors.length) fail(`page errors: ${errors.join('; ')}`);
    console.log('members.test.mjs: ok');
  } finally {
    await browser.close();
  }
}

main().catch((e) => {
  console.error(`members.test.mjs failed: ${e.message}`);
  process.exit(1);
});
