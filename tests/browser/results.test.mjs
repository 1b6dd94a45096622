#!/usr/bin/env node
// Browser test of results monitoring: the coordinator imports a ВПР table (CSV made
// here) for last year through the import page — preview, confirm — and this year's
// through the API; opens «Результаты», the ШНОР МОБУ СОШ № 3 from the schools table,
// and sees its failing share fall on the chart and in the table against the municipal
// average; the same page at phone width. Then the October review («Эффективность»): a
// figure opens the records behind it, and the DOCX report and XLSX workbook it downloads
// carry the same figures as the API.
//
//   TUTORNET_URL=http://127.0.0.1:18080 SCREENSHOTS=/tmp/shots node tests/browser/results.test.mjs
import fs from 'node:fs';
import { SHOTS, TIMEOUT, apiToken, launch, openSection, request, shown, signedIn, zipText } from './common.mjs';

let step = 'start';
const errors = [];
const fail = (msg) => {
  throw new Error(msg);
};

const csv = (rows) => ['ОО;Количество участников;«2»;«3»;«4»;«5»', ...rows.map((r) => r.join(';'))].join('\n');
const LAST = csv([
  ['МОБУ СОШ № 3 пос. Прибрежного', 20, 8, 6, 4, 2],
  ['МБОУ СОШ № 1', 30, 3, 12, 9, 6],
]);
const THIS = csv([
  ['МОБУ СОШ № 3', 20, 3, 9, 6, 2],
  ['МБОУ СОШ № 1', 30, 3, 12, 9, 6],
]);

async function main() {
  const token = await apiToken('coordinator@tutornet.local');
  const me = (await request('GET', '/auth/me', token)).body;
  const subjects = (await request('GET', '/subjects', token)).body.items;
  const math = subjects.find((s) => s.name === 'Математика').id;
  const years = (await request('GET', '/academic-years?limit=200', token)).body.items;
  const yearId = (name) => years.find((y) => y.name === name).id;
  const body = (year, content) => ({
    municipality_id: me.municipality_id, academic_year_id: yearId(year), procedure: 'vpr',
    subject_id: math, grade: 6, format: 'csv', content,
  });

  const browser = await launch();
  try {
    step = 'the coordinator imports last year through the page';
    const page = await signedIn(browser, errors, 'coordinator@tutornet.local');
    await openSection(page, 'Результаты');
    await shown(page, '[data-testid="results-page"]', 'results page');
    await page.click('[data-testid="results-import-link"]');
    await shown(page, '[data-testid="results-import-page"]', 'import page');
    await page.waitForFunction(() => document.querySelector('select[name="subject_id"] option[selected], select[name="subject_id"]')?.value);
    await page.selectOption('select[name="subject_id"]', math);
    await page.selectOption('select[name="grade"]', '6');
    await page.selectOption('select[name="academic_year_id"]', yearId('2025/2026'));
    await page.fill('textarea[name="content"]', LAST);
    await page.click('[data-testid="results-check"]');
    await shown(page, '[data-testid="results-preview-row"]', 'preview rows');
    const summary = await page.locator('[data-testid="results-preview-summary"]').innerText();
    if (!summary.includes('Строк: 2; с ошибками: 0')) fail(`preview summary «${summary}»`);
    if (!(await page.locator('[data-testid="results-preview"]').innerText()).includes('40,0 %')) fail('no 40,0 % in the preview');
    if (SHOTS) await page.screenshot({ path: `${SHOTS}/results-import-1366.png`, fullPage: true });
    await page.click('[data-testid="results-confirm"]');
    await shown(page, '[data-testid="results-import-result"]', 'import result');

    step = 'this year through the API';
    const r = await request('POST', '/results/import/confirm', token, body('2026/2027', THIS));
    if (r.status !== 201) fail(`API import → ${r.status} ${r.text}`);

    step = 'the municipality page shows the ШНОР school; its page shows the fall';
    await page.goto(`${page.url().split('/results')[0]}/results?procedure=vpr&subject_id=${math}&grade=6`);
    await shown(page, '[data-testid="results-chart"]', 'municipality chart');
    const row = page.locator('[data-testid="results-school"]', { hasText: 'МОБУ СОШ № 3' });
    if (!(await row.innerText()).includes('ШНОР')) fail('the ШНОР school is not marked');
    if (SHOTS) await page.screenshot({ path: `${SHOTS}/results-municipality-1366.png`, fullPage: true });
    await row.locator('a').click();
    await shown(page, '[data-testid="school-results-page"] [data-testid="results-chart"]', 'school chart');
    const cells = await page.locator('[data-testid="own-failing"]').allInnerTexts();
    if (cells.join(' | ') !== '40,0 % | 15,0 %') fail(`school failing shares «${cells.join(' | ')}»`);
    const table = await page.locator('[data-testid="results-years"]').innerText();
    // Municipal average: (8+3)/50 = 22,0 %, then (3+3)/50 = 12,0 %.
    if (!table.includes('22,0 %') || !table.includes('12,0 %')) fail(`municipal averages missing in «${table}»`);
    const lines = await page.locator('[data-testid="chart-line"]').count();
    if (lines !== 3) fail(`expected 3 chart lines, got ${lines}`);
    const own = await page.locator('[data-testid="chart-line"]').first().textContent();
    if (!own.includes('40,0') || !own.includes('15,0')) fail(`chart labels «${own}»`);
    if (SHOTS) await page.screenshot({ path: `${SHOTS}/results-school-1366.png`, fullPage: true });
    const schoolPage = page.url();

    step = 'the October review: figures, their records, the report';
    const review = (await request('GET', `/effectiveness?procedure=vpr`, token)).body;
    if (!review.figures) fail(`no review: ${JSON.stringify(review)}`);
    await page.goto(`${page.url().split('/results')[0]}/effectiveness`);
    await shown(page, '[data-testid="figures"]', 'review figures');
    for (const f of review.figures) {
      const tile = await page.locator(`[data-testid="figure-${f.key}"]`).first().innerText();
      if (!tile.includes(f.text) || !tile.includes(f.label)) fail(`tile ${f.key} «${tile}», API ${f.text}`);
    }
    await page.click('[data-testid="figure-sessions_held"]');
    await shown(page, '[data-testid="figure-records"]', 'records of a figure');
    const held = review.figures.find((f) => f.key === 'sessions_held').value;
    const listed = await page.locator('[data-testid="figure-record"]').count();
    if (listed !== held) fail(`${listed} records listed for ${held} sessions held`);
    await shown(page, '[data-testid="effect-table"]', 'effect table');
    const effectRow = await page.locator('[data-testid="effect-row"]', { hasText: 'МОБУ СОШ № 3' }).innerText();
    if (!effectRow.includes('ШНОР')) fail(`effect row «${effectRow}»`);
    if (SHOTS) await page.screenshot({ path: `${SHOTS}/effectiveness-1366.png`, fullPage: true });
    const fetchDownload = async (testid) => {
      const [dl] = await Promise.all([page.waitForEvent('download', { timeout: TIMEOUT }), page.click(`[data-testid="${testid}"]`)]);
      return { name: dl.suggestedFilename(), bytes: fs.readFileSync(await dl.path()) };
    };
    const docx = await fetchDownload('report-docx');
    if (!docx.name.endsWith('.docx')) fail(`the report is named «${docx.name}»`);
    const text = zipText(docx.bytes, 'word/document');
    const xlsx = await fetchDownload('report-xlsx');
    if (!xlsx.name.endsWith('.xlsx')) fail(`the workbook is named «${xlsx.name}»`);
    const sheet = zipText(xlsx.bytes, 'xl/');
    for (const f of review.figures) {
      const near = new RegExp(`${f.label.replace(/[()]/g, '.')}\\s+${f.text}\\s`);
      if (!near.test(text)) fail(`the DOCX lacks «${f.label} ${f.text}»`);
      if (!sheet.includes(f.label) || !sheet.includes(f.text)) fail(`the XLSX lacks «${f.label} ${f.text}»`);
    }
    for (const c of review.failing) {
      if (!text.includes(c.label) || !sheet.includes(c.label)) fail(`the report lacks «${c.label}»`);
    }

    step = 'the school page at phone width';
    const phone = page;
    await phone.setViewportSize({ width: 390, height: 844 });
    await phone.goto(schoolPage);
    await shown(phone, '[data-testid="results-chart"]', 'chart at phone width');
    const box = await phone.locator('[data-testid="results-chart"] svg').boundingBox();
    if (!box || box.width > 390) fail(`chart wider than the phone: ${box && box.width}`);
    if (SHOTS) await phone.screenshot({ path: `${SHOTS}/results-school-390.png`, fullPage: true });
    await phone.goto(`${schoolPage.split('/results')[0]}/effectiveness`);
    await shown(phone, '[data-testid="effect-scatter"]', 'effect scatter at phone width');
    if (SHOTS) await phone.screenshot({ path: `${SHOTS}/effectiveness-390.png`, fullPage: true });
    if (errors.length) fail(`page errors: ${errors.join('; ')}`);
  } finally {
    await browser.close();
  }
}

main().then(
  () => console.log('results browser test: ok'),
  (e) => {
    console.error(`results browser test failed at «${step}»: ${e.message}`);
    process.exit(1);
  },
);
