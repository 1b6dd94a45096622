#!/usr/bin/env node
// Browser test of meetings and protocols (issue 12 §3): the coordinator sees the demo
// meetings, opens the planned one and finds the open поручения of the signed one under
// «Контроль исполнения»; calls a new meeting today through the form — its invitees come
// from the composition —, ticks attendance, writes an agenda item with a поручение to
// the demo tutor and a signatory, holds and signs it; the protocol page and the DOCX it
// downloads read the same; the tutor marks the поручение done. `SCREENSHOTS=dir` saves
// the pages at desktop and phone width.
//
//   TUTORNET_URL=http://127.0.0.1:18080 node tests/browser/meetings.test.mjs
import fs from 'node:fs';
import { SHOTS, TIMEOUT, launch, openSection, shown, signedIn, zipText } from './common.mjs';

let step = 'start';
const errors = [];
const fail = (msg) => {
  throw new Error(msg);
};
const RUN = Date.now().toString(36);

async function main() {
  const browser = await launch();
  try {
    step = 'the list of meetings';
    const page = await signedIn(browser, errors, 'coordinator@tutornet.local');
    await openSection(page, 'Совещания');
    await shown(page, '[data-testid="meeting-row"]', 'a meeting row');
    const rows = await page.locator('[data-testid="meeting-row"]').count();
    if (rows < 2) fail(`${rows} demo meetings listed`);
    if (SHOTS) await page.screenshot({ path: `${SHOTS}/meetings-1366.png`, fullPage: true });

    step = 'control of execution on the planned meeting';
    await page.locator('[data-testid="meeting-row"]', { hasText: 'третью четверть' }).locator('a').first().click();
    await shown(page, '[data-testid="control-item"]', 'an open поручение of the earlier meeting');
    const control = await page.locator('[data-testid="control"]').innerText();
    if (!control.includes('Просрочено') && !control.includes('просрочено')) fail(`no overdue поручение in «${control}»`);
    if (!control.includes('Итоги ВПР')) fail(`the control does not name the earlier meeting: «${control}»`);

    step = 'calling a meeting';
    await page.goto(page.url().replace(/\/meetings\/.*$/, '/meetings/new'));
    await shown(page, '[data-testid="meeting-form"]', 'the new meeting form');
    const topic = `Совещание тьюторов ${RUN}`;
    await page.fill('textarea[name="topic"], input[name="topic"]', topic);
    const now = new Date();
    const iso = `${now.getFullYear()}-${String(now.getMonth() + 1).padStart(2, '0')}-${String(now.getDate()).padStart(2, '0')}`;
    await page.fill('input[name="held_on"]', iso);
    await page.fill('input[name="place"]', 'МКУ ИМЦ, каб. 12');
    await page.click('[data-testid="meeting-form"] button[type="submit"]');
    await shown(page, '[data-testid="meeting-editor"]', 'the meeting card with its editor');
    const invitees = await page.locator('[data-testid="invitee-row"]').count();
    if (invitees < 1) fail('no invitees from the composition');
    const names = await page.locator('[data-testid="invitee-name"]').allInnerTexts();

    step = 'attendance, agenda and a поручение';
    const selects = page.locator('[data-testid="attendance"]');
    for (let i = 0; i < invitees; i++) await selects.nth(i).selectOption(i === 0 && invitees > 1 ? 'no' : 'yes');
    if (invitees > 1) await page.locator('[data-testid="absence-reason"]').first().fill('курсы повышения квалификации');
    await page.click('[data-testid="add-item"]');
    await page.locator('[data-testid="item-title"]').first().fill('О подготовке к региональной диагностике');
    await page.locator('[data-testid="item-collective"]').first().fill('Учителя-тьюторы по ВПР');
    await page.locator('[data-testid="item-proceedings"]').first().fill('Обсудили график консультаций для школ с низкими результатами.');
    await page.click('[data-testid="add-decision"]');
    await page.locator('[data-testid="decision-text"]').first().fill(`Составить график консультаций ${RUN}`);
    const owner = page.locator('[data-testid="decision-owner"]').first();
    const options = await owner.locator('option').allInnerTexts();
    const tutorOption = options.find((o) => o.startsWith('Кедров')) || options[1];
    if (!tutorOption) fail(`no owner with an account among ${options.join(', ')}`);
    await owner.selectOption({ label: tutorOption });
    const due = new Date(now.getTime() + 10 * 86400000);
    await page.locator('[data-testid="decision-deadline"]').first().fill(
      `${due.getFullYear()}-${String(due.getMonth() + 1).padStart(2, '0')}-${String(due.getDate()).padStart(2, '0')}`,
    );
    await page.fill('[data-testid="signatory-position"]', 'Начальник отдела МКУ ИМЦ');
    await page.fill('[data-testid="signatory-name"]', 'И.С. Губанова');
    await page.click('[data-testid="save-meeting"]');
    await shown(page, '[data-testid="decision"]', 'the saved поручение');

    step = 'an attachment';
    const pdf = Buffer.from('%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n');
    await page.setInputFiles('[data-testid="meeting-file-input"]', { name: `Презентация ${RUN}.pdf`, mimeType: 'application/pdf', buffer: pdf });
    await page.locator('[data-testid="meeting-files"]', { hasText: `Презентация ${RUN}.pdf` })
      .waitFor({ state: 'visible', timeout: TIMEOUT })
      .catch(() => fail('the attachment is not listed'));

    step = 'hold and sign';
    await page.click('[data-testid="meeting-hold"]');
    await shown(page, '[data-testid="meeting-sign"]', 'the sign button after holding');
    await page.click('[data-testid="meeting-sign"]');
    await page.locator('[data-testid="meeting-editor"]').waitFor({ state: 'detached', timeout: TIMEOUT })
      .catch(() => fail('the signed protocol is still editable'));
    const props = await page.locator('[data-testid="meeting-props"]').innerText();
    if (!props.includes('Протокол подписан')) fail(`status after signing: «${props}»`);
    const protocol = await page.locator('[data-testid="protocol"]').innerText();
    for (const want of ['ПРОТОКОЛ', 'О подготовке к региональной диагностике', `Составить график консультаций ${RUN}`, 'И.С. Губанова']) {
      if (!protocol.toUpperCase().includes(want.toUpperCase())) fail(`the protocol lacks «${want}»`);
    }
    if (await page.locator('[data-testid="meeting-file-input"]').count()) fail('files still change after signing');
    if (!(await page.locator('[data-testid="meeting-files"]').innerText()).includes(`Презентация ${RUN}.pdf`)) fail('the attachment is gone after signing');
    if (SHOTS) await page.screenshot({ path: `${SHOTS}/meeting-1366.png`, fullPage: true });

    step = 'the protocol DOCX';
    const [dl] = await Promise.all([page.waitForEvent('download', { timeout: TIMEOUT }), page.click('[data-testid="protocol-docx"]')]);
    if (!dl.suggestedFilename().endsWith('.docx')) fail(`the protocol is named «${dl.suggestedFilename()}»`);
    const text = zipText(fs.readFileSync(await dl.path()), 'word/document');
    // The absent invitee is named with the reason, as the protocol lists the absent.
    const absent = invitees > 1 ? [names[0].split(' ')[0], 'курсы повышения квалификации'] : [];
    for (const want of [topic, 'О подготовке к региональной диагностике', `Составить график консультаций ${RUN}`, 'И.С. Губанова', ...absent]) {
      if (!text.includes(want)) fail(`the DOCX lacks «${want}»`);
    }

    step = 'the tutor marks the поручение done';
    const tutor = await signedIn(browser, errors, 'tutor@tutornet.local');
    await tutor.setViewportSize({ width: 390, height: 844 });
    await tutor.goto(page.url());
    const mine = tutor.locator('[data-testid="decision"]', { hasText: `Составить график консультаций ${RUN}` });
    await mine.waitFor({ state: 'visible', timeout: TIMEOUT }).catch(() => fail('the tutor does not see the поручение'));
    await mine.locator('[data-testid="decision-done"]').click();
    await tutor.locator('[data-testid="decision"]', { hasText: `Составить график консультаций ${RUN}` })
      .locator('[data-testid="decision-status"]', { hasText: 'Выполнено' })
      .waitFor({ state: 'visible', timeout: TIMEOUT })
      .catch(() => fail('the поручение is not marked done'));
    const box = await tutor.locator('[data-testid="protocol"]').boundingBox();
    if (!box || box.width > 390) fail(`the protocol is wider than the phone: ${box && box.width}`);
    if (SHOTS) await tutor.screenshot({ path: `${SHOTS}/meeting-390.png`, fullPage: true });
    await tutor.goto(page.url().replace(/\/meetings\/.*$/, '/meetings'));
    await shown(tutor, '[data-testid="meeting-row"]', 'the tutor’s list of meetings');
    if (SHOTS) await tutor.screenshot({ path: `${SHOTS}/meetings-390.png`, fullPage: true });
    if (errors.length) fail(`page errors: ${errors.join('; ')}`);
  } finally {
    await browser.close();
  }
}

main().then(
  () => console.log('meetings browser test: ok'),
  (e) => {
    console.error(`meetings browser test failed at «${step}»: ${e.message}`);
    process.exit(1);
  },
);
