import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import * as demo from '@doudi/shared/demo';
import { startSystem, type System } from '../support/system.js';
import { must } from '../support/steps.js';
import { expectAccessible, launchBrowser, newPage, screenshot, signIn } from './support/browser.js';

/**
 * A county's own settings in the admin console (issue 12 items 6–8), in a real browser against the real gateway
 * and subgraphs with the demo data: 襄汾县 inherits 临汾市's 2026 standards and the regulations' time limits.
 */
let system: System;
let browser: Browser;
let consoleUrl: string;
const XIANGFEN = '141023000000';

beforeAll(async () => {
  [system, browser] = await Promise.all([startSystem({ demoData: true }), launchBrowser()]);
  consoleUrl = system.gateway.url.replace(/\/graphql$/, '/admin/');
});
afterAll(async () => {
  await browser?.close();
  await system?.stop();
});

async function signedIn(username: string, path: string, heading: string): Promise<Page> {
  const page = await newPage(browser);
  await signIn(page, consoleUrl, username, demo.DEMO_PASSWORD);
  await page.getByRole('menuitem').first().waitFor();
  await page.goto(`${consoleUrl}${path}`);
  await page.getByRole('heading', { name: heading, level: 1 }).waitFor();
  return page;
}

const SET_STANDARD = `mutation($input: SetLocalStandardInput!) { setLocalStandard(input: $input) { standard { version } } }`;

/** A figure of one year in the standards table, as shown. */
const figure = (page: Page, name: string, year: number) =>
  page.locator(`tr[data-figure="${name}"] td[data-year="${year}"]`).innerText();

async function pickJurisdiction(page: Page, from: string, to: string) {
  await page.getByRole('button', { name: `辖区：${from}` }).click();
  const dialog = page.getByRole('dialog');
  await dialog.getByRole('button', { name: to }).click();
  await dialog.getByRole('button', { name: `选择“${to}”` }).click();
  await page.getByRole('button', { name: `辖区：${to}` }).waitFor();
}

describe('a county’s standards, time limits and calendar in the console', () => {
  it('sets 襄汾县’s own 2026 standards over the inherited 临汾市 ones, and 新城镇 below then inherits them from 襄汾县', async () => {
    const page = await signedIn('xiangfen.admin', 'standards', '地方救助标准');
    await expect.poll(() => figure(page, 'origin', 2026)).toBe('沿用临汾市的设定');
    expect(await figure(page, 'dibaoUrbanMonthly', 2026)).toBe('¥780.00');
    // The years sit side by side; a year nobody published says so.
    expect(await figure(page, 'origin', 2025)).toBe('未设定');

    await page.getByRole('link', { name: '设定本级 2026 年标准' }).click();
    await page.getByRole('heading', { name: '襄汾县 2026 年救助标准', level: 1 }).waitFor();
    // The form starts from the standards in force, so only what differs is typed.
    expect(await page.getByLabel('农村低保标准').inputValue()).toBe('600.00');
    await page.getByLabel('城市低保标准').fill('820.00');
    await page.getByLabel('农村低保标准').fill('640.5');
    await page.getByLabel('发布文件').fill('襄汾县 2026 年城乡低保标准（测试）');
    await page.getByRole('button', { name: '保存' }).click();

    await page.getByRole('heading', { name: '地方救助标准', level: 1 }).waitFor();
    await expect.poll(() => figure(page, 'origin', 2026)).toBe('本级设定');
    expect(await figure(page, 'dibaoUrbanMonthly', 2026)).toBe('¥820.00');
    expect(await figure(page, 'dibaoRuralMonthly', 2026)).toBe('¥640.50');
    expect(await figure(page, 'lowIncomeUrbanMonthly', 2026)).toBe('¥1,230.00');
    await screenshot(page, 'standards');
    await expectAccessible(page);

    await pickJurisdiction(page, '襄汾县', '新城镇');
    await expect.poll(() => figure(page, 'origin', 2026)).toBe('沿用襄汾县的设定');
    expect(await figure(page, 'dibaoUrbanMonthly', 2026)).toBe('¥820.00');
    await page.context().close();
  });

  it('keeps what the administrator typed when someone else saved the same standards meanwhile, and saves it after reloading', async () => {
    await must(system, null, SET_STANDARD, {
      input: { jurisdictionCode: XIANGFEN, year: 2027, dibaoUrbanMonthly: '850.00', dibaoRuralMonthly: '660.00' },
    });
    const page = await signedIn('xiangfen.admin', 'standards', '地方救助标准');
    await page.getByRole('link', { name: '修改本级 2027 年标准' }).click();
    await page.getByRole('heading', { name: '襄汾县 2027 年救助标准', level: 1 }).waitFor();
    await page.getByLabel('城市低保标准').fill('900.00');
    // Another administrator corrects the same standards (version 1 → 2) before this form is saved.
    await must(system, null, SET_STANDARD, {
      input: {
        jurisdictionCode: XIANGFEN,
        year: 2027,
        dibaoUrbanMonthly: '860.00',
        dibaoRuralMonthly: '670.00',
        version: 1,
      },
    });
    await page.getByRole('button', { name: '保存' }).click();
    const conflict = page.getByTestId('conflict');
    await expect.poll(() => conflict.innerText()).toContain('他人已修改了这组标准');
    expect(await page.getByLabel('城市低保标准').inputValue()).toBe('900.00');

    await conflict.getByRole('button', { name: '载入最新版本（保留我的输入）' }).click();
    await expect.poll(() => conflict.count()).toBe(0);
    expect(await page.getByLabel('城市低保标准').inputValue()).toBe('900.00');
    await page.getByRole('button', { name: '保存' }).click();
    await page.getByRole('heading', { name: '地方救助标准', level: 1 }).waitFor();
    await expect.poll(() => figure(page, 'dibaoUrbanMonthly', 2027)).toBe('¥900.00');
    // The other administrator's rural line stayed, since this person did not change it after reloading.
    const { localStandard } = await must(
      system,
      null,
      `{ localStandard(jurisdictionCode: "${XIANGFEN}", year: 2027) { version dibaoUrbanMonthly } }`,
    );
    expect(localStandard).toEqual({ version: 3, dibaoUrbanMonthly: '900.00' });
    await page.context().close();
  });

  it('edits a time limit of 襄汾县 beside the regulation’s figure and its official number, and refuses one out of bounds at the field', async () => {
    const page = await signedIn('xiangfen.admin', 'time-limits', '办理时限');
    const row = page.locator('tr[data-rule="DEATH_CASE_VISIT"]');
    await expect.poll(() => row.innerText()).toMatch(/3 个工作日[\s\S]*3 个工作日[\s\S]*襄政办发〔2023〕26号 七\(二\)/);
    expect(await row.locator('[data-column="origin"]').innerText()).toBe('法规默认');

    await row.getByRole('button', { name: /修改时限/ }).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByLabel('时限').fill('99');
    await dialog.getByRole('button', { name: '保存' }).click();
    await expect.poll(() => dialog.getByLabel('时限').getAttribute('aria-invalid')).toBe('true');
    await dialog.getByLabel('时限').fill('2');
    await dialog.getByLabel('调整理由或依据文件').fill('县联席会议决定（测试）');
    await dialog.getByRole('button', { name: '保存' }).click();
    await expect.poll(() => dialog.count()).toBe(0);

    await expect.poll(() => row.locator('[data-column="in-force"]').innerText()).toBe('2 个工作日');
    expect(await row.locator('[data-column="origin"]').innerText()).toBe('本级设定');
    expect(await row.innerText()).toContain('襄政办发〔2023〕26号 七(二)');
    await screenshot(page, 'time-limits');
    await expectAccessible(page);
    await page.context().close();
  });

  it('adds a local day off to 襄汾县’s calendar, marks it in the year view, and the deadline calculator’s date moves past it', async () => {
    const page = await signedIn('xiangfen.admin', 'calendar', '工作日历');
    // National holidays and make-up working days are marked in the twelve months.
    await expect.poll(() => page.locator('td[data-date="2026-10-01"]').getAttribute('data-mark')).toBe('holiday');
    expect(await page.locator('td[data-date="2026-10-10"]').getAttribute('data-mark')).toBe('makeup');

    const calculator = page.getByTestId('calculator');
    await calculator.getByLabel('起算日').fill('2026-12-01');
    await calculator.getByLabel('工作日数').fill('3');
    const due = page.getByTestId('due-date');
    await expect.poll(() => due.innerText()).toBe('到期日：2026-12-04');

    await page.getByRole('button', { name: '添加本地调整' }).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByLabel('日期').fill('2026-12-03');
    await dialog.getByLabel('原因').fill('县城庙会（测试）');
    await dialog.getByRole('button', { name: '保存' }).click();
    await expect.poll(() => dialog.count()).toBe(0);

    await expect.poll(() => due.innerText()).toBe('到期日：2026-12-07');
    expect(await page.locator('td[data-date="2026-12-03"]').getAttribute('data-mark')).toBe('local_holiday');
    const entry = page.getByTestId('local-overrides').locator('tr[data-date="2026-12-03"]');
    await expect.poll(() => entry.innerText()).toMatch(/放假[\s\S]*县城庙会（测试）[\s\S]*本级设定/);
    await screenshot(page, 'calendar');
    await expectAccessible(page);

    // Changed to a working day, the day counts again.
    await entry.getByRole('button', { name: /修改本地调整/ }).click();
    await page.getByRole('dialog').getByLabel('上班').check();
    await page.getByRole('dialog').getByRole('button', { name: '保存' }).click();
    await expect.poll(() => due.innerText()).toBe('到期日：2026-12-04');
    await page.context().close();
  });

  it('offers a caseworker the standards and the calendar to read, without any button to change them', async () => {
    const page = await signedIn('xincheng.caseworker', 'standards', '地方救助标准');
    await expect.poll(() => figure(page, 'origin', 2026)).toMatch(/^沿用/);
    expect(await page.getByRole('link', { name: /设定本级|修改本级/ }).count()).toBe(0);
    await page.goto(`${consoleUrl}calendar`);
    await page.getByRole('heading', { name: '工作日历', level: 1 }).waitFor();
    await page.getByTestId('calculator').waitFor();
    expect(await page.getByRole('button', { name: '添加本地调整' }).count()).toBe(0);
    await page.context().close();
  });
});
