import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import * as demo from '@doudi/shared/demo';
import { startSystem, type System } from '../support/system.js';
import { must } from '../support/steps.js';
import { expectAccessible, launchBrowser, newPage, screenshot, signIn } from './support/browser.js';

/**
 * One day of 襄汾县's administrator (issue 14 items 5 and 7) in a real browser against the real gateway and
 * subgraphs with the demo data: a staff account made (and signed in as), an API client registered (its secret
 * shown once, then a token issued with it), an organisation created and found by name, and a session of the
 * county's joint meeting (襄政办发〔2023〕26号) recorded with an agreed action, which is then completed.
 */
let system: System;
let browser: Browser;
let consoleUrl: string;
const TODAY = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai' }).format(new Date());
const NEW_USER = 'xincheng.caseworker2';
const NEW_PASSWORD = 'xincheng-new-2026';
const MEETING = '在办理非正常死亡案(事)件中推动社会救助工作联席会议';

beforeAll(async () => {
  [system, browser] = await Promise.all([startSystem({ demoData: true }), launchBrowser()]);
  consoleUrl = system.gateway.url.replace(/\/graphql$/, '/admin/');
});
afterAll(async () => {
  await browser?.close();
  await system?.stop();
});

async function signedIn(username: string, password = demo.DEMO_PASSWORD): Promise<Page> {
  const page = await newPage(browser);
  await signIn(page, consoleUrl, username, password);
  await page
    .getByRole('heading', { name: '我的待办' })
    .or(page.locator('#react-admin-title', { hasText: '我的待办' }))
    .first()
    .waitFor();
  return page;
}

const eventually = <T>(read: () => Promise<T>) => expect.poll(read, { timeout: 15_000 });
const dialog = (page: Page) => page.getByRole('dialog');

async function openMenu(page: Page, name: string) {
  await page
    .getByRole('menuitem', { name })
    .or(page.getByRole('link', { name, exact: true }))
    .first()
    .click();
}

/** Picks an organisation in the searching picker: types part of its name, then chooses it. */
async function pickOrganisation(page: Page, label: string, typed: string, name: string) {
  await page.getByRole('combobox', { name: label }).fill(typed);
  await page.getByRole('option', { name }).click();
}

describe('a county administrator’s day', { shuffle: false }, () => {
  it('creates a township caseworker’s account with only the roles they may grant, and the new account signs in', async () => {
    const page = await signedIn('xiangfen.admin');
    await openMenu(page, '工作人员账号');
    await page.getByRole('row').nth(1).waitFor();
    await screenshot(page, 'staff-list');
    await expectAccessible(page);
    await page
      .getByRole('link', { name: '新建' })
      .or(page.getByRole('button', { name: '新建' }))
      .first()
      .click();
    // A county administrator holds every permission but is not a system administrator: that role is not offered.
    await page.getByRole('checkbox', { name: '经办人员' }).waitFor();
    // Left empty, the account works in its organisation's division — said so, not "全国".
    await page.getByRole('button', { name: '工作辖区：所属单位的辖区' }).waitFor();
    expect(await page.getByRole('checkbox', { name: '系统管理员' }).count()).toBe(0);
    await pickOrganisation(page, '所属单位', '新城镇', '新城镇人民政府');
    await page.getByRole('textbox', { name: '用户名' }).fill(NEW_USER);
    await page.getByRole('textbox', { name: '姓名' }).fill('新城镇第二经办人');
    // The API's password rule, said at the field before anything is sent.
    await page.getByLabel('初始密码').fill('short');
    await page.getByRole('checkbox', { name: '经办人员' }).check();
    await page.getByRole('button', { name: '保存' }).click();
    await page.getByText('密码至少 10 个字符').waitFor();
    await page.getByLabel('初始密码').fill(NEW_PASSWORD);
    await screenshot(page, 'staff-create');
    await expectAccessible(page);
    await page.getByRole('button', { name: '保存' }).click();
    await page.getByRole('row').filter({ hasText: NEW_USER }).waitFor();
    expect(await page.getByRole('row').filter({ hasText: NEW_USER }).innerText()).toMatch(
      /新城镇第二经办人[\s\S]*新城镇人民政府[\s\S]*经办人员[\s\S]*使用中/,
    );
    await page.context().close();

    const newcomer = await signedIn(NEW_USER, NEW_PASSWORD);
    expect(await newcomer.getByRole('menuitem', { name: '工作人员账号' }).count()).toBe(0);
    await newcomer.context().close();
  });

  it('registers an API client with scopes no wider than its own, shows the secret once, and a token issued with it works', async () => {
    const page = await signedIn('xiangfen.admin');
    await openMenu(page, '接口应用');
    await page
      .getByRole('link', { name: '新建' })
      .or(page.getByRole('button', { name: '新建' }))
      .first()
      .click();
    await pickOrganisation(page, '所属单位', '公安', '襄汾县公安局');
    await page.getByRole('textbox', { name: '应用名称' }).fill('襄汾县公安局警情系统');
    await page.getByRole('checkbox', { name: '查看案件' }).check();
    await page.getByRole('checkbox', { name: '办理案件' }).check();
    await screenshot(page, 'api-client-create');
    await expectAccessible(page);
    await page.getByRole('button', { name: '保存' }).click();

    const shown = dialog(page);
    await shown.getByText('密钥只显示这一次').waitFor();
    const clientId = await shown.getByTestId('client-id').inputValue();
    const clientSecret = await shown.getByTestId('client-secret').inputValue();
    expect(clientSecret).toMatch(/^dds_/);
    await screenshot(page, 'api-client-secret');
    await expectAccessible(page);
    await shown.getByRole('button', { name: '我已保存，关闭' }).click();
    const row = page.getByRole('row').filter({ hasText: '襄汾县公安局警情系统' });
    await row.waitFor();
    expect(await row.innerText()).toMatch(/查看案件、办理案件[\s\S]*使用中/);
    // Never again: the list does not hold the secret.
    expect(await page.content()).not.toContain(clientSecret);
    await screenshot(page, 'api-client-list');
    await expectAccessible(page);
    await page.context().close();

    const issued = await must(
      system,
      null,
      `mutation($input: ClientCredentialsInput!) { issueClientToken(input: $input) { accessToken } }`,
      { input: { clientId, clientSecret } },
    );
    const me = await system.queryAs(issued.issueClientToken.accessToken, `{ me { kind permissions } }`);
    expect(me.data?.me).toEqual({ kind: 'API_CLIENT', permissions: ['CASES_READ', 'CASES_WRITE'] });
  });

  it('creates an organisation, finds it by part of its name, and deactivates it giving the reason', async () => {
    const page = await signedIn('xiangfen.admin');
    await openMenu(page, '单位');
    await page.getByRole('row').nth(1).waitFor();
    await screenshot(page, 'organisation-list');
    await expectAccessible(page);
    await page
      .getByRole('link', { name: '新建' })
      .or(page.getByRole('button', { name: '新建' }))
      .first()
      .click();
    await page.waitForURL(/organisations\/create/);
    await page.getByRole('textbox', { name: '名称', exact: true }).fill('襄汾县乡村振兴服务中心');
    await page.getByRole('combobox', { name: '类别' }).click();
    await page.getByRole('option', { name: '农业农村部门' }).click();
    await page.getByRole('textbox', { name: '服务电话' }).fill('0357-3822000');
    await screenshot(page, 'organisation-create');
    await expectAccessible(page);
    await page.getByRole('button', { name: '保存' }).click();
    await page.getByText('襄汾县乡村振兴服务中心').first().waitFor();
    await eventually(() => page.locator('main').innerText()).toMatch(/农业农村部门[\s\S]*襄汾县[\s\S]*使用中/);
    await expectAccessible(page);

    await page.goto(`${consoleUrl}organisations`);
    await page.getByRole('textbox', { name: '搜索名称' }).fill('乡村振兴');
    await eventually(() => page.getByRole('row').count()).toBe(2);
    await page.getByRole('row').filter({ hasText: '襄汾县乡村振兴服务中心' }).click();
    await page.getByRole('button', { name: '停用单位' }).click();
    await dialog(page).getByRole('button', { name: '停用单位' }).click();
    await dialog(page).getByText('必填').first().waitFor();
    await dialog(page).getByRole('textbox', { name: '停用原因' }).fill('机构改革，职能并入县农业农村局');
    await dialog(page).getByRole('button', { name: '停用单位' }).click();
    await eventually(() => page.locator('main').innerText()).toMatch(/停用[\s\S]*机构改革，职能并入县农业农村局/);
    await page.context().close();
  });

  it('records a session of the county’s joint meeting with an agreed action, completes it, and sees the yearly reports', async () => {
    const page = await signedIn('xiangfen.admin');
    await openMenu(page, '联席会议');
    await page.getByRole('row').filter({ hasText: MEETING }).click();
    await page.getByRole('heading', { name: MEETING, level: 1 }).waitFor();
    await page.getByRole('heading', { name: /成员单位与联络员/ }).waitFor();
    expect(await page.locator('main').innerText()).toMatch(/襄汾县公安局[\s\S]*牵头单位/);

    await page.getByRole('button', { name: '记录会议' }).click();
    const form = dialog(page);
    await form.getByRole('textbox', { name: '会议名称' }).fill('2026 年第四季度专题会议');
    await form.getByRole('combobox', { name: '会议类型' }).click();
    await page.getByRole('option', { name: '专题会议' }).click();
    await form.getByRole('textbox', { name: '召开日期' }).fill(TODAY);
    await form.getByRole('textbox', { name: '会议纪要' }).fill('研究非正常死亡案件中困难家庭的救助衔接');
    await form.getByRole('button', { name: '添加' }).click();
    await form.getByRole('textbox', { name: '事项内容' }).fill('对涉案困难家庭开展入户核查');
    await pickOrganisation(page, '承办单位', '民政', '襄汾县民政局');
    await form.getByRole('textbox', { name: '完成期限' }).fill('2026-12-31');
    await screenshot(page, 'joint-meeting-session');
    await expectAccessible(page);
    await form.getByRole('button', { name: '保存' }).click();
    await dialog(page).waitFor({ state: 'detached' });

    const action = page.getByTestId('agreed-action').filter({ hasText: '对涉案困难家庭开展入户核查' });
    await eventually(() => action.innerText()).toMatch(/襄汾县民政局[\s\S]*2026-12-31[\s\S]*办理中/);
    await action.getByRole('button', { name: /办结/ }).click();
    await eventually(() => action.innerText()).toMatch(/已办结/);

    // Last year's reports: each member unit received or missing, with its due date.
    await eventually(() => page.getByRole('heading', { name: /成员单位年度工作报告/ }).count()).toBe(1);
    await eventually(() => page.locator('main').innerText()).toMatch(/应于 \d{4}-\d{2}-\d{2} 前报送/);
    await screenshot(page, 'joint-meeting');
    await expectAccessible(page);
    await page.context().close();
  });

  it('approves last year’s annual summary at today’s session and saves it as XLSX', async () => {
    const page = await signedIn('xiangfen.admin');
    await openMenu(page, '联席会议');
    await page.getByRole('row').filter({ hasText: MEETING }).click();
    const summary = page.getByTestId('annual-summary');
    await eventually(() => summary.getByTestId('summary-status').innerText()).toMatch(/草稿/);
    await summary.getByRole('combobox', { name: '审议通过的会议' }).click();
    await page.getByRole('option', { name: /2026 年第四季度专题会议/ }).click();
    await summary.getByRole('button', { name: '审议通过' }).click();
    await eventually(() => summary.getByTestId('summary-status').innerText()).toMatch(/已审议通过/);
    const download = page.waitForEvent('download');
    await summary.getByRole('button', { name: '导出 XLSX' }).click();
    expect((await download).suggestedFilename()).toMatch(/\.xlsx$/);
    await page.context().close();
  });
});

describe('the monthly ledger from the office’s own page (issue 14 item 6)', () => {
  it('submits 新城镇’s township ledger for this month, which the API then answers as submitted, and saves it as XLSX', async () => {
    const page = await signedIn('xincheng.caseworker');
    await openMenu(page, '月度台账');
    const state = page.getByTestId('own-ledger-state');
    await eventually(() => state.innerText()).toMatch(/新城镇人民政府[\s\S]*未报送/);
    await page.getByRole('combobox', { name: '台账' }).click();
    await page.getByRole('option', { name: /全乡台账/ }).click();
    await eventually(() => state.innerText()).toMatch(/新城镇 · \d{4}-\d{2}[\s\S]*未报送/);
    await screenshot(page, 'ledger-own');
    await expectAccessible(page);
    await page.getByRole('button', { name: '报送台账' }).click();
    await eventually(() => state.innerText()).toMatch(/已报送[\s\S]*报送/);
    const month = TODAY.slice(0, 7);
    const asked = await must(
      system,
      null,
      `query($month: String!) { ledger(kind: TOWNSHIP, jurisdictionCode: "141023100000", month: $month) { status submittedOn } }`,
      { month },
    );
    expect(asked.ledger).toEqual({ status: 'SUBMITTED', submittedOn: TODAY });
    const download = page.waitForEvent('download');
    await page.getByRole('button', { name: '导出 XLSX' }).click();
    expect((await download).suggestedFilename()).toMatch(/\.xlsx$/);
    await page.context().close();
  });
});
