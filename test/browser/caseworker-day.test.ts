import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import * as demo from '@doudi/shared/demo';
import { startSystem, type System } from '../support/system.js';
import { must, step } from '../support/steps.js';
import { expectAccessible, launchBrowser, newPage, screenshot, signIn } from './support/browser.js';

/**
 * One day of a township caseworker and of the agency a case is transferred to (issue 14 items 1, 2 and 7), in a real
 * browser against the real gateway and subgraphs with the demo data: 新城镇's caseworker opens a window application
 * (周政办字〔2017〕70号 四(二) 一门受理), records a visit over the six life areas and transfers it (转办) to 襄汾县教育科技局,
 * whose staff answer it in writing from their own work list.
 */
let system: System;
let browser: Browser;
let consoleUrl: string;
const { xinchengTownship, xiangfenEducation } = demo.organisations;
const EDUCATION_STAFF = 'xiangfen.education.desk';
const EDUCATION_PASSWORD = 'education-desk-2026';
const SUMMARY = '王秀兰来窗口申请：丈夫去世，儿子读初中，生活困难';

beforeAll(async () => {
  [system, browser] = await Promise.all([startSystem({ demoData: true }), launchBrowser()]);
  consoleUrl = system.gateway.url.replace(/\/graphql$/, '/admin/');
  // The education bureau's desk: an agency's staff who answers what is referred to it (no demo account has that role there).
  await step(system, null, 'createStaffAccount', 'account { id }', {
    username: EDUCATION_STAFF,
    displayName: '襄汾县教育科技局资助中心',
    organisationId: xiangfenEducation.id,
    roles: ['AGENCY_STAFF'],
    password: EDUCATION_PASSWORD,
  });
});
afterAll(async () => {
  await browser?.close();
  await system?.stop();
});

async function signedIn(username: string, password = demo.DEMO_PASSWORD): Promise<Page> {
  const page = await newPage(browser);
  await signIn(page, consoleUrl, username, password);
  // Signed in when the home page, my work, is there (going elsewhere before would find no session yet).
  await page
    .getByRole('heading', { name: '我的待办' })
    .or(page.locator('#react-admin-title', { hasText: '我的待办' }))
    .first()
    .waitFor();
  return page;
}

/** The page answers after the API does: wait for it up to 15 s (expect.poll's own default is 1 s). */
const eventually = <T>(read: () => Promise<T>) => expect.poll(read, { timeout: 15_000 });

const dialog = (page: Page) => page.getByRole('dialog');

describe('a township caseworker’s day', { shuffle: false }, () => {
  let caseUrl: string;

  it('opens on my work (待办) and opens a window application from the case list, its transfer due the next working day', async () => {
    const page = await signedIn('xincheng.caseworker');
    // Home for a caseworker is the inbox, with the bell for reminders in the app bar.
    await page.getByRole('button', { name: /条未读提醒/ }).waitFor();
    await screenshot(page, 'inbox-caseworker');
    await expectAccessible(page);

    await page
      .getByRole('menuitem', { name: '案件' })
      .or(page.getByRole('link', { name: '案件', exact: true }))
      .first()
      .click();
    await page
      .getByRole('link', { name: '登记案件' })
      .or(page.getByRole('button', { name: '登记案件' }))
      .first()
      .click();
    await page.getByRole('combobox', { name: '家庭' }).fill('王秀兰');
    await page
      .getByRole('option', { name: /王秀兰/ })
      .first()
      .click();
    await page.getByRole('textbox', { name: '案情摘要' }).fill(SUMMARY);
    await page.getByRole('checkbox', { name: '未成年人' }).check();
    await page.getByRole('button', { name: '保存' }).click();

    await page.getByRole('heading', { name: SUMMARY, level: 1 }).waitFor();
    caseUrl = page.url();
    expect(await page.locator('[data-stage]').getAttribute('data-stage')).toBe('REGISTERED');
    await eventually(() => page.locator('tr[data-task="TRANSFER"]').innerText()).toMatch(
      /转办[\s\S]*新城镇人民政府[\s\S]*\d{4}-\d{2}-\d{2}[\s\S]*待办/,
    );
    await eventually(() => page.getByText('绿色通道').count()).toBeGreaterThan(0);
    await page.context().close();
  });

  it('records a visit over the six life areas, refusing a visit dated tomorrow at its field', async () => {
    const page = await signedIn('xincheng.caseworker');
    await page.goto(caseUrl);
    await page.getByRole('button', { name: '记录走访' }).click();
    const form = dialog(page);
    const tomorrow = new Date(Date.now() + 36 * 3600_000).toISOString().slice(0, 10);
    await form.getByLabel('走访日期').fill(tomorrow);
    await form.getByRole('textbox', { name: '教育' }).fill('儿子在读初二，学杂费有困难');
    await form.getByRole('textbox', { name: '住房' }).fill('土坯房，尚可居住');
    await form.getByRole('textbox', { name: '就业' }).fill('本人无固定工作');
    await form.getByRole('button', { name: '记录走访' }).click();
    await form.getByText('日期不能晚于今天').waitFor();
    // The form keeps what was typed: only the date changes.
    expect(await form.getByRole('textbox', { name: '教育' }).inputValue()).toBe('儿子在读初二，学杂费有困难');
    await form
      .getByLabel('走访日期')
      .fill(new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai' }).format(new Date()));
    await form.getByLabel('需要帮扶').first().check();
    await form.getByRole('button', { name: '记录走访' }).click();
    await dialog(page).waitFor({ state: 'detached' });
    await eventually(() => page.locator('[data-visit]').innerText()).toMatch(
      /教育[\s\S]*儿子在读初二[\s\S]*住房[\s\S]*土坯房/,
    );
    await page.context().close();
  });

  it('transfers the application to the education bureau with a due date counted by 襄汾县’s time limits', async () => {
    const page = await signedIn('xincheng.caseworker');
    await page.goto(caseUrl);
    await page.getByRole('button', { name: '转办', exact: true }).click();
    const form = dialog(page);
    await form.getByRole('combobox', { name: '接收单位' }).fill('教育');
    await page.getByRole('option', { name: '襄汾县教育科技局' }).click();
    await form.getByRole('combobox', { name: '救助需求类别' }).click();
    await page.getByRole('option', { name: '教育救助' }).click();
    await form.getByRole('textbox', { name: '建议采取的救助措施' }).fill('减免学杂费\n申请助学金');
    await form.getByRole('button', { name: '转办' }).click();
    await dialog(page).waitFor({ state: 'detached' });
    await eventually(() => page.locator('[data-stage]').getAttribute('data-stage')).toBe('TRANSFERRED');
    await eventually(() => page.locator('tr[data-referral]').innerText()).toMatch(
      /教育救助 · 新城镇人民政府[\s\S]*襄汾县教育科技局[\s\S]*\d{4}-\d{2}-\d{2}[\s\S]*待接收/,
    );
    await eventually(() => page.locator('tr[data-task="TRANSFER"]').innerText()).toMatch(/已完成/);
    await screenshot(page, 'case-page');
    await expectAccessible(page);
    await page.context().close();
  });

  it('finds the case in the case list by server-side filters, a page at a time', async () => {
    const page = await signedIn('xincheng.caseworker');
    const asked: Record<string, unknown>[] = [];
    page.on('request', (request) => {
      const body = request.postDataJSON() as { query?: string; variables?: Record<string, unknown> } | null;
      if (body?.query?.includes('query Cases')) asked.push(body.variables ?? {});
    });
    await page.goto(
      `${consoleUrl}cases?filter=${encodeURIComponent(JSON.stringify({ greenChannel: 'true', stages: ['TRANSFERRED'] }))}`,
    );
    const row = page.getByRole('row').filter({ hasText: SUMMARY });
    await row.first().waitFor();
    expect(await row.first().innerText()).toMatch(/窗口申请[\s\S]*已转办[\s\S]*新城镇[\s\S]*绿色通道/);
    // The filter and the page went to the API; the browser never holds more than a page.
    expect(asked.at(-1)).toMatchObject({
      first: 25,
      offset: 0,
      filter: { greenChannel: true, stages: ['TRANSFERRED'] },
    });
    await screenshot(page, 'case-list');
    await expectAccessible(page);
    await page.goto(`${consoleUrl}cases?filter=${encodeURIComponent(JSON.stringify({ stages: ['CLOSED'] }))}`);
    await page
      .getByText(/没有|No /)
      .first()
      .waitFor();
    expect(await page.getByRole('row').filter({ hasText: SUMMARY }).count()).toBe(0);
    await page.context().close();
  });
});

describe('the receiving agency answers from its work list', { shuffle: false }, () => {
  it('shows the education bureau the transfer in its inbox and takes its written answer, a missing answer refused at its field in Chinese', async () => {
    const page = await signedIn(EDUCATION_STAFF, EDUCATION_PASSWORD);
    const item = page.getByRole('row').filter({ hasText: SUMMARY });
    await eventually(() => item.count()).toBeGreaterThan(0);
    expect(await item.first().innerText()).toMatch(/新城镇人民政府 转来的教育救助（待接收）[\s\S]*绿色通道/);
    await screenshot(page, 'inbox-agency');
    await expectAccessible(page);

    await item.first().click();
    await page.getByRole('heading', { name: SUMMARY, level: 1 }).waitFor();
    // The receiver's steps, not the township's: it answers; it may not close the case.
    expect(await page.getByRole('button', { name: '结案' }).count()).toBe(0);
    await page.getByRole('button', { name: '书面答复' }).click();
    const form = dialog(page);
    await form.getByRole('button', { name: '书面答复' }).click();
    await form.getByText('请写明已采取或拟采取的救助措施，或不予救助的原因').waitFor();
    await form
      .getByRole('textbox', { name: '已采取或拟采取的救助措施' })
      .fill('免除本学期学杂费\n纳入家庭经济困难学生资助');
    await form.getByRole('button', { name: '书面答复' }).click();
    await dialog(page).waitFor({ state: 'detached' });
    await eventually(() => page.locator('tr[data-referral]').innerText()).toMatch(
      /已答复[\s\S]*免除本学期学杂费；纳入家庭经济困难学生资助/,
    );
    // Answered, it has left the bureau's work list.
    await page.goto(`${consoleUrl}inbox`);
    await page.getByText('我的待办').first().waitFor();
    await eventually(() => page.getByRole('row').filter({ hasText: SUMMARY }).count()).toBe(0);
    await page.context().close();
  });
});

describe('notifications', () => {
  it('counts an escalation for an overdue transfer in the app bar’s badge and marks it read', async () => {
    // A window application received weeks ago and never transferred: the deadline sweep escalates it.
    const token = await system.signIn('xincheng.caseworker', demo.DEMO_PASSWORD);
    const opened = await step(system, token, 'openCase', 'case { id }', {
      channel: 'WINDOW_APPLICATION',
      householdId: demo.households[0].id,
      jurisdictionCode: '141023100000',
      leadOrganisationId: xinchengTownship.id,
      summary: '逾期未转办的窗口申请',
      receivedOn: '2026-11-02',
    });
    const caseId = opened.case.id as string;
    // The sweep ran when cases started; make it due again (hourly otherwise), then deliver its events.
    await system.subgraphs.cases.orm.em
      .fork()
      .getConnection()
      .execute(`update _private_jobs set run_at = now() - interval '1 second' where key like 'job:%'`);
    await system.subgraphs.cases.runDueJobs();
    await system.subgraphs.cases.drainOutbox();
    const unread = async () =>
      (
        await must(
          system,
          token,
          `query($id: ID!) { organisation(id: $id) { notifications(first: 1, unreadOnly: true) { totalCount } } }`,
          { id: xinchengTownship.id },
        )
      ).organisation.notifications.totalCount as number;
    const before = await unread();
    expect(before).toBeGreaterThan(0);

    const page = await signedIn('xincheng.caseworker');
    const bell = page.getByRole('button', { name: `${before} 条未读提醒` });
    await bell.waitFor();
    await bell.click();
    const row = page.locator('tr[data-notification]', { has: page.locator(`a[href*="${caseId}"]`) });
    await eventually(() => row.innerText()).toMatch(/已逾期[\s\S]*案件任务/);
    await row.getByRole('button', { name: '标为已读' }).click();
    await page.getByRole('button', { name: `${before - 1} 条未读提醒` }).waitFor();
    expect(await unread()).toBe(before - 1);
    await page.context().close();
  });
});
