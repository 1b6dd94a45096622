#!/usr/bin/env node
// Browser test of an expert review (issue 9): a teacher submits a КТП with its file;
// the coordinator assigns an expert from another school; the expert declares no
// conflict of interest, fills the checklist and returns it; the teacher resubmits; the
// expert accepts, signs the conclusion and downloads it as DOCX (its text is read);
// the coordinator sees the reviews per school.
//
//   TUTORNET_URL=http://127.0.0.1:18301 node tests/browser/reviews.test.mjs
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { BASE, SHOTS, TIMEOUT, launch, openSection, shown, signedIn as signedInAs, zipText } from './common.mjs';

const RUN = Date.now().toString(36);
const TITLE = `КТП по алгебре, 7 класс ${RUN}`;
let step = 'start';
const errors = [];
const fail = (msg) => {
  throw new Error(msg);
};

async function main() {
  const browser = await launch();
  try {
    const signedIn = (email) => signedInAs(browser, errors, email);
    const shot = async (page, name) => {
      if (!SHOTS) return;
      await page.screenshot({ path: `${SHOTS}/${name}.png`, fullPage: true });
      const size = page.viewportSize();
      await page.setViewportSize({ width: 390, height: 844 });
      await page.screenshot({ path: `${SHOTS}/${name}-390.png`, fullPage: true });
      await page.setViewportSize(size);
    };
    const act = async (page, action) => {
      await page.click(`[data-testid="review-action-${action}"]`);
      await shown(page, '[data-testid="review-action-panel"]', `the «${action}» panel`);
    };
    const confirm = async (page, status) => {
      await page.click('[data-testid="review-action-submit"]');
      await shown(page, `[data-testid="review-props"] [data-status="${status}"]`, `status ${status}`);
    };
    const judge = async (page, firstUnmet) => {
      const selects = page.locator('[data-testid="verdict-select"]');
      const n = await selects.count();
      if (n < 6) fail(`the checklist has ${n} criteria`);
      for (let i = 0; i < n; i++) await selects.nth(i).selectOption(i === 0 && firstUnmet ? 'not_met' : 'met');
      if (firstUnmet) await page.locator('[data-testid="remark-input"]').first().fill('Темы КТП расходятся с рабочей программой');
      await page.click('[data-testid="save-verdicts"]');
      await shown(page, '[data-testid="review-checklist"] [data-testid="banner-ok"]', 'the saved verdicts');
    };

    step = 'the teacher submits a КТП';
    const teacher = await signedIn('teacher@tutornet.local');
    await openSection(teacher, 'Экспертиза');
    await shown(teacher, '[data-testid="reviews-page"]', 'the reviews list');
    await teacher.click('[data-testid="new-review"]');
    await teacher.selectOption('select[name="document_type"]', 'ktp');
    await teacher.fill('input[name="title"]', TITLE);
    await teacher.fill('input[name="grades"]', '7');
    await shot(teacher, 'reviews-form');
    await teacher.click('[data-testid="review-form"] button[type="submit"]');
    await shown(teacher, '[data-testid="review-card"] [data-testid="review-title"]', 'the new review');
    const id = teacher.url().split('/').pop();
    const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'rev-')), 'КТП алгебра 7.pdf');
    fs.writeFileSync(file, '%PDF-1.4\n1 0 obj\n<<>>\nendobj\ntrailer\n<<>>\n%%EOF\n');
    await teacher.setInputFiles('[data-testid="review-file-input"]', file);
    await shown(teacher, '[data-testid="review-files"] .file-list li:has-text("КТП алгебра 7.pdf")', 'the attached file');

    step = 'the coordinator assigns an expert from another school';
    const coord = await signedIn('coordinator@tutornet.local');
    await coord.goto(`${BASE}/reviews/${id}`);
    await act(coord, 'assign');
    await coord.locator('select[name="expert_id"] option', { hasText: 'Кедров' }).first().waitFor({ state: 'attached', timeout: TIMEOUT });
    const pick = await coord.locator('select[name="expert_id"] option', { hasText: 'Кедров' }).first().getAttribute('value');
    await coord.selectOption('select[name="expert_id"]', pick);
    await confirm(coord, 'assigned');

    step = 'the expert starts, fills the checklist and returns it';
    const expert = await signedIn('tutor@tutornet.local');
    await expert.goto(`${BASE}/reviews/${id}`);
    await act(expert, 'start');
    await expert.check('input[name="no_conflict"]');
    await confirm(expert, 'in_review');
    await judge(expert, true);
    await shot(expert, 'reviews-checklist');
    await act(expert, 'return');
    await expert.fill('textarea[name="comment"]', 'Сверьте темы с рабочей программой');
    await confirm(expert, 'returned');

    step = 'the teacher resubmits';
    await teacher.reload();
    await act(teacher, 'resubmit');
    await teacher.fill('textarea[name="comment"]', 'Темы приведены в соответствие');
    await confirm(teacher, 'resubmitted');

    step = 'the expert accepts and signs the conclusion';
    await expert.reload();
    await act(expert, 'start');
    await expert.check('input[name="no_conflict"]');
    await confirm(expert, 'in_review');
    await shown(expert, '[data-testid="criterion-row"] .st-warn:has-text("проверить снова")', 'the criterion to check again');
    await judge(expert, false);
    await act(expert, 'accept');
    await confirm(expert, 'accepted');
    await shown(expert, '[data-testid="conclusion-text"]', 'the conclusion editor');
    await expert.fill('[data-testid="conclusion-notes"]', 'Автору нужна поддержка по оцениванию');
    await expert.click('[data-testid="conclusion-sign"]');
    await shown(expert, '[data-testid="conclusion-view"]', 'the signed conclusion');
    await shot(expert, 'reviews-conclusion');

    step = 'the teacher downloads the conclusion as DOCX';
    await teacher.reload();
    await shown(teacher, '[data-testid="conclusion-view"]', 'the conclusion for the teacher');
    if (await teacher.locator('[data-testid="conclusion-docx-coordinator"]').count()) fail('the teacher is offered the coordinator rendering');
    const [download] = await Promise.all([teacher.waitForEvent('download'), teacher.click('[data-testid="conclusion-docx"]')]);
    const text = zipText(fs.readFileSync(await download.path()), 'word/document.xml');
    for (const want of ['МОТИВИРОВАННОЕ ЗАКЛЮЧЕНИЕ', TITLE, 'Принята', 'Соответствует', 'Кедров']) {
      if (!text.includes(want)) fail(`«${want}» is not in the DOCX:\n${text.slice(0, 800)}`);
    }
    if (text.includes('поддержка по оцениванию')) fail('the teacher rendering shows the private notes');

    step = 'the coordinator sees reviews per school';
    await openSection(coord, 'Экспертиза');
    await shown(coord, '[data-testid="reviews-by-school"] [data-testid="school-count"]', 'the per-school counts');
    await shown(coord, `[data-testid="review-row"]:has-text("${TITLE}")`, 'the accepted review in the list');
    await shot(coord, 'reviews-list');

    if (errors.length) fail(`uncaught errors in the page: ${errors.join(' | ')}`);
    process.stdout.write('[reviews.test] OK\n');
  } finally {
    await browser.close();
  }
}

main().catch((e) => {
  process.stderr.write(`[reviews.test] FAIL at step «${step}»: ${e.message}\n`);
  process.exit(1);
});
