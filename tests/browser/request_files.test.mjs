#!/usr/bin/env node
// Browser test of a request's documents: the teacher files a request for an expert
// review and attaches the lesson plan on its card; the coordinator sees and downloads
// it; once the request is declined, the card no longer offers to add files.
//
//   TUTORNET_URL=http://127.0.0.1:18080 node tests/browser/request_files.test.mjs
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { BASE, SHOTS, TIMEOUT, apiToken, launch, request, shown, signedIn as signedInAs } from './common.mjs';

const RUN = Date.now().toString(36);
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
      if (SHOTS) await page.screenshot({ path: `${SHOTS}/${name}.png`, fullPage: true });
    };

    step = 'the teacher files a request for an expert review';
    const tt = await apiToken('teacher@tutornet.local');
    const subjects = await request('GET', '/subjects', tt);
    const math = subjects.body.items.find((s) => s.name === 'Математика').id;
    const made = await request('POST', '/requests', tt, {
      form: 'expert_review', subject_id: math, topic: `Экспертиза плана урока ${RUN}`,
      problem: 'Прошу оценить технологическую карту урока по теме «Дроби»', audience: 'teachers',
      audience_count: 1, format: 'remote',
    });
    if (made.status !== 201) fail(`POST /requests → ${made.status}: ${made.text}`);
    const id = made.body.id;

    step = 'the teacher attaches the lesson plan on the card';
    const teacher = await signedIn('teacher@tutornet.local');
    await teacher.goto(`${BASE}/requests/${id}`);
    await shown(teacher, '[data-testid="request-files"] [data-testid="no-files"]', 'the empty documents block');
    const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'req-')), 'Технологическая карта.txt');
    fs.writeFileSync(file, 'Технологическая карта урока «Дроби», 5 класс');
    await teacher.setInputFiles('[data-testid="request-file-input"]', file);
    await shown(teacher, '[data-testid="request-files"] .file-list li:has-text("Технологическая карта.txt")', 'the attached file');
    await shot(teacher, 'request-files-teacher');
    for (const [w, h] of [[390, 844]]) {
      await teacher.setViewportSize({ width: w, height: h });
      await shot(teacher, `request-files-teacher-${w}`);
    }

    step = 'the coordinator downloads it';
    const coord = await signedIn('coordinator@tutornet.local');
    await coord.goto(`${BASE}/requests/${id}`);
    const row = coord.locator('[data-testid="request-files"] .file-list li', { hasText: 'Технологическая карта.txt' });
    await row.first().waitFor({ state: 'visible', timeout: TIMEOUT }).catch(() => fail('the coordinator does not see the file'));
    const [download] = await Promise.all([coord.waitForEvent('download'), row.first().locator('[data-testid="file-link"]').click()]);
    const got = fs.readFileSync(await download.path(), 'utf8');
    if (!got.includes('«Дроби»')) fail(`the downloaded file reads «${got}»`);

    step = 'a declined request keeps its documents and takes no more';
    const ct = await apiToken('coordinator@tutornet.local');
    const d = await request('POST', `/requests/${id}/transitions`, ct, { action: 'decline', comment: 'Экспертизу проведёт РМО', version: made.body.version });
    if (d.status !== 200) fail(`decline → ${d.status}: ${d.text}`);
    await teacher.setViewportSize({ width: 1366, height: 800 });
    await teacher.reload();
    await shown(teacher, '[data-testid="request-files"] .file-list li', 'the kept file');
    if (await teacher.locator('[data-testid="request-file-input"]').count()) fail('a declined request still offers to add files');

    if (errors.length) fail(`uncaught errors in the page: ${errors.join(' | ')}`);
    process.stdout.write('[request_files.test] OK\n');
  } finally {
    await browser.close();
  }
}

main().catch((e) => {
  process.stderr.write(`[request_files.test] FAIL at step «${step}»: ${e.message}\n`);
  process.exit(1);
});
