#!/usr/bin/env node
// Browser test of the methodological library (issue 10): a tutor adds a manual with a
// DOCX file and sends it to moderation; the coordinator returns it with a remark next
// to the title; the tutor sees the remark, fixes the title and resubmits; the
// coordinator publishes it; a teacher of another school finds it by an inflected word
// from the file's body, sees the highlighted snippet and downloads the file.
//
//   TUTORNET_URL=http://127.0.0.1:18431 node tests/browser/library.test.mjs
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import zlib from 'node:zlib';
import { SHOTS, apiToken, launch, openSection, request, shown, signedIn as signedInAs } from './common.mjs';

const RUN = Date.now().toString(36);
const TITLE = `Листы самопроверки по геометрии ${RUN}`;
const FIXED = `${TITLE}, 7 класс`;
const BODY_WORD = 'взаимопроверк'; // the stem of a word of the file's body
let step = 'start';
const errors = [];
const fail = (msg) => {
  throw new Error(msg);
};

/// A minimal DOCX (stored ZIP: content types, relationships, the document) with `paragraphs`.
function docx(paragraphs) {
  const esc = (s) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;');
  const parts = [
    ['[Content_Types].xml', '<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>'],
    ['_rels/.rels', '<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/></Relationships>'],
    ['word/document.xml', `<?xml version="1.0" encoding="UTF-8"?><w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>${paragraphs.map((p) => `<w:p><w:r><w:t>${esc(p)}</w:t></w:r></w:p>`).join('')}</w:body></w:document>`],
  ];
  const locals = [];
  const central = [];
  let offset = 0;
  for (const [name, text] of parts) {
    const n = Buffer.from(name, 'utf8');
    const data = Buffer.from(text, 'utf8');
    const crc = zlib.crc32(data);
    const h = Buffer.alloc(30);
    h.writeUInt32LE(0x04034b50, 0); h.writeUInt16LE(20, 4); h.writeUInt16LE(0x0800, 6);
    h.writeUInt32LE(crc, 14); h.writeUInt32LE(data.length, 18); h.writeUInt32LE(data.length, 22); h.writeUInt16LE(n.length, 26);
    const c = Buffer.alloc(46);
    c.writeUInt32LE(0x02014b50, 0); c.writeUInt16LE(20, 4); c.writeUInt16LE(20, 6); c.writeUInt16LE(0x0800, 8);
    c.writeUInt32LE(crc, 16); c.writeUInt32LE(data.length, 20); c.writeUInt32LE(data.length, 24); c.writeUInt16LE(n.length, 28);
    c.writeUInt32LE(offset, 42);
    locals.push(h, n, data);
    central.push(c, n);
    offset += h.length + n.length + data.length;
  }
  const cd = Buffer.concat(central);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0); end.writeUInt16LE(parts.length, 8); end.writeUInt16LE(parts.length, 10);
  end.writeUInt32LE(cd.length, 12); end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, cd, end]);
}

async function main() {
  const browser = await launch();
  try {
    const signedIn = (email, opts) => signedInAs(browser, errors, email, opts);
    const shot = async (page, name) => {
      if (!SHOTS) return;
      const size = page.viewportSize();
      await page.setViewportSize({ width: 1280, height: 800 });
      await page.screenshot({ path: `${SHOTS}/${name}.png`, fullPage: true });
      await page.setViewportSize({ width: 390, height: 844 });
      await page.screenshot({ path: `${SHOTS}/${name}-390.png`, fullPage: true });
      await page.setViewportSize(size);
    };
    const act = async (page, action) => {
      await page.click(`[data-testid="library-action-${action}"]`);
      await shown(page, '[data-testid="library-action-panel"]', `the «${action}» panel`);
    };
    const confirm = async (page, status) => {
      await page.click('[data-testid="library-step-confirm"]');
      await shown(page, `[data-testid="library-props"] [data-status="${status}"]`, `status ${status}`);
    };

    step = 'a teacher of another school is created';
    const admin = await apiToken('admin@tutornet.local');
    const ms = (await request('GET', '/municipalities', admin)).body.items;
    const own = ms.find((m) => m.name.startsWith('Лесогорский'));
    const schools = (await request('GET', `/schools?municipality_id=${own.id}&limit=200`, admin)).body.items;
    const school = schools.find((s) => s.short_name === 'МБОУ СОШ № 5');
    const email = `lib-teacher-${RUN}@tutornet.local`;
    const made = await request('POST', '/users', admin, {
      email, full_name: 'Голубева Анна Сергеевна', role: 'teacher', municipality_id: own.id, school_id: school.id, password: 'demo-password-1',
    });
    if (made.status !== 201) fail(`teacher not created: ${made.status} ${made.text}`);

    step = 'the tutor adds a manual';
    const tutor = await signedIn('tutor@tutornet.local');
    await openSection(tutor, 'Методическая библиотека');
    await shown(tutor, '[data-testid="library-page"]', 'the library');
    await tutor.click('[data-testid="library-new"]');
    await shown(tutor, '[data-testid="library-form"]', 'the form');
    await tutor.selectOption('select[name="material_type"]', 'manual');
    await tutor.fill('input[name="title"]', TITLE);
    await tutor.fill('textarea[name="description"]', 'Дидактические листы для формирующего оценивания на уроках геометрии.');
    await tutor.fill('input[name="grades"]', '7');
    await tutor.fill('input[name="deficits"]', 'формирующее оценивание');
    await tutor.fill('textarea[name="authors"]', 'Кедров Алексей Павлович; учитель математики МБОУ СОШ № 1');
    await shot(tutor, 'library-form');
    await tutor.click('[data-testid="library-form"] button[type="submit"]');
    await shown(tutor, '[data-testid="library-card"] [data-testid="library-title"]', 'the new material');
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'lib-'));
    const file = path.join(dir, 'Листы самопроверки.docx');
    fs.writeFileSync(file, docx(['Приёмы формирующего оценивания', 'Листы самопроверки и взаимопроверки учеников на уроках геометрии.']));
    await tutor.setInputFiles('[data-testid="library-file-input"]', file);
    await shown(tutor, '[data-testid="library-files"] .file-list li:has-text("Листы самопроверки.docx")', 'the attached file');
    await act(tutor, 'submit');
    await confirm(tutor, 'on_review');

    step = 'the coordinator returns it with a remark on the title';
    const coord = await signedIn('coordinator@tutornet.local');
    await openSection(coord, 'Методическая библиотека');
    await coord.click('[data-testid="library-tab-queue"]');
    await shown(coord, `[data-testid="library-row"]:has-text("${TITLE}")`, 'the material in the queue');
    await shot(coord, 'library-queue');
    await coord.click(`[data-testid="library-row"]:has-text("${TITLE}") [data-testid="library-item-link"]`);
    await shown(coord, '[data-testid="library-action-return"]', 'the moderation buttons');
    await act(coord, 'return');
    await coord.selectOption('select[name="remark_field"]', 'title');
    await coord.fill('textarea[name="remark"]', 'Укажите класс в названии');
    await coord.click('[data-testid="library-add-remark"]');
    await shown(coord, '[data-testid="library-remarks"] li:has-text("Укажите класс")', 'the added remark');
    await shot(coord, 'library-return');
    await confirm(coord, 'returned');

    step = 'the tutor sees the remark, fixes the title and resubmits';
    await tutor.reload();
    await shown(tutor, '[data-testid="remark-title"]:has-text("Укажите класс в названии")', 'the remark next to the field');
    await tutor.click('[data-testid="library-edit"]');
    await shown(tutor, '[data-testid="library-form"] [data-testid="remark-title"]', 'the remark in the form');
    await tutor.fill('input[name="title"]', FIXED);
    await tutor.click('[data-testid="library-form"] button[type="submit"]');
    await shown(tutor, `[data-testid="library-title"]:has-text("${FIXED}")`, 'the fixed title');
    await act(tutor, 'resubmit');
    await tutor.fill('textarea[name="comment"]', 'Класс указан в названии');
    await confirm(tutor, 'resubmitted');

    step = 'the coordinator publishes it';
    await coord.reload();
    await shown(coord, '[data-testid="library-action-publish"]', 'the publish button');
    await act(coord, 'publish');
    await confirm(coord, 'published');
    await shot(coord, 'library-card');

    step = 'a teacher of another school finds it by an inflected word from the file';
    const teacher = await signedIn(email);
    await openSection(teacher, 'Методическая библиотека');
    await teacher.fill('[data-testid="library-q"]', 'взаимопроверкой');
    await teacher.click('[data-testid="library-search"]');
    const hit = teacher.locator(`[data-testid="library-hit"]:has-text("${FIXED}")`);
    await hit.first().waitFor({ state: 'visible' }).catch(() => fail('the material was not found by the word from its file'));
    const marked = await hit.first().locator('[data-testid="library-snippet"] mark').allTextContents();
    if (!marked.some((m) => m.toLowerCase().startsWith(BODY_WORD))) fail(`the snippet does not mark the word: ${JSON.stringify(marked)}`);
    await shot(teacher, 'library-search');
    await hit.first().locator('[data-testid="library-item-link"]').click();
    await shown(teacher, '[data-testid="library-files"] [data-testid="file-link"]', 'the file to download');
    const [download] = await Promise.all([teacher.waitForEvent('download'), teacher.click('[data-testid="library-files"] [data-testid="file-link"]')]);
    const bytes = fs.readFileSync(await download.path());
    if (!bytes.includes(Buffer.from(BODY_WORD))) fail('the downloaded file is not the uploaded one');

    step = 'the popular materials come first';
    await openSection(teacher, 'Методическая библиотека');
    await shown(teacher, '[data-testid="library-hit"]', 'the library list');
    await teacher.selectOption('[data-testid="library-sort"]', 'popular');
    await teacher.locator('[data-testid="library-hit"]').first().filter({ hasText: FIXED })
      .waitFor({ state: 'visible' })
      .catch(() => fail('the just downloaded material is not first among the popular'));

    if (errors.length) fail(`uncaught errors in the page: ${errors.join(' | ')}`);
    process.stdout.write('[library.test] OK\n');
  } finally {
    await browser.close();
  }
}

main().catch((e) => {
  process.stderr.write(`[library.test] FAIL at step «${step}»: ${e.message}\n`);
  process.exit(1);
});
