import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Locator, Page } from 'playwright-core';
import * as demo from '@doudi/shared/demo';
import { startSystem, type System } from '../support/system.js';
import { must } from '../support/steps.js';
import { expectAccessible, launchBrowser, newPage, screenshot, signIn } from './support/browser.js';

/**
 * The admin console in a real browser (issue 12): Debian's chromium driven by playwright-core, against the real
 * gateway and subgraphs on a throwaway PostgreSQL with the demo data. A county administrator of 襄汾县 works.
 */
let system: System;
let browser: Browser;
let consoleUrl: string;
const XIANGFEN_DIBAO = demo.programmes.find((p) => p.name === '最低生活保障')!.id;
const XIANGFEN_TEMPORARY = demo.programmes.find((p) => p.name === '临时救助')!.id;

beforeAll(async () => {
  [system, browser] = await Promise.all([startSystem({ demoData: true }), launchBrowser()]);
  consoleUrl = system.gateway.url.replace(/\/graphql$/, '/admin/');
});
afterAll(async () => {
  await browser?.close();
  await system?.stop();
});

async function countyAdministrator(): Promise<Page> {
  const page = await newPage(browser);
  await signIn(page, consoleUrl, 'xiangfen.admin', demo.DEMO_PASSWORD);
  // Signed in when the account menu shows who is working; then straight to the programmes.
  await page.getByRole('button', { name: /xiangfen\.admin/ }).waitFor();
  await page.goto(`${consoleUrl}programmes`);
  await page.getByText('最低生活保障').first().waitFor();
  return page;
}

const PUBLISH = `mutation($input: PublishProgrammeVersionInput!) { publishProgrammeVersion(input: $input) { version { number } } }`;
const CREATE = `mutation($input: CreateProgrammeInput!) { createProgramme(input: $input) { programme { id } } }`;

/** A programme of 襄汾县 made for one test (so tests never depend on each other), with its first version. */
async function countyProgramme(name: string, input: Record<string, unknown> = {}) {
  const data = await must(system, null, CREATE, {
    input: {
      name,
      kind: 'MEDICAL',
      jurisdictionCode: '141023000000',
      organisationId: demo.organisations.xiangfenCivilAffairs.id,
      ...input,
    },
  });
  const id = data.createProgramme.programme.id as string;
  await must(system, null, PUBLISH, { input: { programmeId: id, effectiveFrom: '2026-01-01', publicNoticeDays: 5 } });
  return id;
}

describe('the admin console in a browser', () => {
  it('names the app bar’s spinner for screen readers while the API is answering', async () => {
    const page = await countyAdministrator();
    // Hold the API's answers back, so the spinner is there to be read.
    let release = () => {};
    const held = new Promise<void>((resolve) => (release = resolve));
    await page.route('**/graphql', async (route) => {
      await held;
      await route.continue();
    });
    await page.getByRole('button', { name: '刷新' }).click();
    await page.getByRole('progressbar', { name: '加载中' }).waitFor();
    release();
    await page.unrouteAll({ behavior: 'wait' });
    await page.context().close();
  });

  it('signs a county administrator in, in Chinese, to 襄汾县’s programmes with the version in force today on each row', async () => {
    const page = await countyAdministrator();
    const row = page.getByRole('row').filter({ hasText: '最低生活保障' });
    await expect.poll(() => row.count()).toBeGreaterThan(0);
    await expect.poll(() => row.first().innerText()).toMatch(/襄汾县[\s\S]*第 1 版，\d{4}-\d{2}-\d{2} 起施行/);
    // A county administrator works in their own tree: another county's programme is not listed.
    expect(await page.getByRole('row').filter({ hasText: '春蕾计划' }).count()).toBe(0);
    expect(await page.evaluate(() => (globalThis as any).document.documentElement.lang)).toBe('zh-CN');
    await screenshot(page, 'programmes-list');
    await expectAccessible(page);
    await page.context().close();
  });

  it('shows a programme’s versions as a timeline and where each setting in force comes from, the locked one naming the template', async () => {
    const page = await countyAdministrator();
    await page.goto(`${consoleUrl}programmes/${XIANGFEN_TEMPORARY}/show`);
    await page
      .getByRole('heading', { name: /临时救助/ })
      .first()
      .waitFor();
    const caps = page.locator('tr[data-setting="CAPS"]');
    await expect.poll(() => caps.innerText()).toMatch(/每人每年 ¥5,000\.00[\s\S]*由模板“临时救助（市级模板）”锁定/);
    await expect
      .poll(() => page.locator('tr[data-setting="APPROVAL"]').innerText())
      .toMatch(/¥1,000\.00以下由乡镇（街道）审批[\s\S]*本项目第 1 版设定/);
    await expect.poll(() => page.getByText(/2026-01-01 至 至今|\d{4}-\d{2}-\d{2} 至 至今/).count()).toBeGreaterThan(0);
    await screenshot(page, 'programme-show');
    await expectAccessible(page);
    await page.context().close();
  });

  it('publishes a new version with a rule: the live count follows the rule, a syntax error shows at its line and column, the change is confirmed from a diff', async () => {
    const page = await countyAdministrator();
    await page.goto(`${consoleUrl}programmes/${XIANGFEN_DIBAO}/publish`);
    const editor = page.locator('.cm-content');
    await editor.waitFor();
    const liveCount = page.getByTestId('live-count');

    await setRule(page, 'household.size >= 1');
    await expect
      .poll(() => liveCount.innerText(), { timeout: 20_000 })
      .toMatch(/在襄汾县您可见的 \d+ 户中：符合 [1-9]\d* 户/);
    const everyone = await liveCount.innerText();
    await setRule(page, 'household.size > 99');
    await expect.poll(() => liveCount.innerText(), { timeout: 20_000 }).toMatch(/：符合 0 户/);
    expect(await liveCount.innerText()).not.toBe(everyone);

    await setRule(page, 'household.size >= 1 &&\nhousehold.totalAssets <');
    await expect
      .poll(() => page.getByTestId('rule-error').innerText(), { timeout: 20_000 })
      .toMatch(/第 2 行第 \d+ 列有误/);
    // The editor marks the place too (a point at the end of a line, a range inside it, and the gutter).
    await expect.poll(() => page.locator('.cm-lintRange-error, .cm-lintPoint-error').count()).toBeGreaterThan(0);

    await setRule(page, 'household.perCapitaIncome < standards.dibaoLine && household.totalAssets < 50000.0');
    await expect.poll(() => liveCount.innerText(), { timeout: 20_000 }).toMatch(/符合 \d+ 户/);
    await page.getByRole('combobox', { name: '选择家庭' }).click();
    await page.getByRole('option').first().click();
    await expect
      .poll(() => page.getByTestId('explanation').innerText(), { timeout: 20_000 })
      .toMatch(/household\.totalAssets < 50000\.0 — (成立|不成立|未知)/);
    await page.getByLabel('修订说明或依据文件').fill('提高家庭财产限额的审核要求（演示）');
    await screenshot(page, 'programme-publish');
    await expectAccessible(page);

    await page.getByRole('button', { name: '核对后发布' }).click();
    const diff = page.getByTestId('diff');
    await expect.poll(() => diff.innerText()).toMatch(/认定条件[\s\S]*100000\.0[\s\S]*50000\.0/);
    await screenshot(page, 'programme-publish-diff');
    await page.getByRole('button', { name: '确认发布' }).click();
    await page.getByText('第 2 版').first().waitFor();
    expect(page.url()).toMatch(/\/show$/);
    const saved = await must(
      system,
      null,
      `query($id: ID!) { programme(id: $id) { versions { number settings { eligibilityRule } } } }`,
      {
        id: XIANGFEN_DIBAO,
      },
    );
    expect(saved.programme.versions.at(-1)).toEqual({
      number: 2,
      settings: {
        eligibilityRule: 'household.perCapitaIncome < standards.dibaoLine && household.totalAssets < 50000.0',
      },
    });
    await page.context().close();
  });

  it('refuses a setting the county’s template locks: read-only with the template’s name, and at that field when the template locks it meanwhile', async () => {
    const page = await countyAdministrator();
    await page.goto(`${consoleUrl}programmes/${XIANGFEN_TEMPORARY}/publish`);
    await expect
      .poll(() => page.getByTestId('locked-CAPS').innerText(), { timeout: 20_000 })
      .toContain('由模板“临时救助（市级模板）”锁定，只读');
    expect(await page.getByLabel('每人每年').isDisabled()).toBe(true);

    const template = await countyProgramme('教育救助（市级模板，测试）', {
      isTemplate: true,
      kind: 'EDUCATION',
      jurisdictionCode: '141000000000',
      organisationId: demo.organisations.linfenCivilAffairs.id,
    });
    const county = await countyProgramme('教育救助（测试）', { kind: 'EDUCATION', templateId: template });
    await page.goto(`${consoleUrl}programmes/${county}/publish`);
    await page.getByText('审批权限').first().waitFor();
    // While the form is open, the city locks the approval tiers for its counties.
    await must(system, null, PUBLISH, {
      input: { programmeId: template, effectiveFrom: '2026-02-01', locks: ['APPROVAL'] },
    });
    await page.getByLabel('在本版设定审批权限').check();
    await page.getByRole('button', { name: '添加一档' }).click();
    await page.getByRole('button', { name: '核对后发布' }).click();
    await page.getByRole('button', { name: '确认发布' }).click();
    await expect
      .poll(() => page.getByTestId('error-APPROVAL').innerText(), { timeout: 20_000 })
      .toContain('此项由模板“教育救助（市级模板，测试）”锁定');
    await page.context().close();
  });

  it('says someone else published meanwhile (CONFLICT) and reloads without losing what was typed', async () => {
    const id = await countyProgramme('医疗救助（冲突测试）');
    const page = await countyAdministrator();
    await page.goto(`${consoleUrl}programmes/${id}/publish`);
    await page.locator('.cm-content').waitFor();
    await setRule(page, 'household.size >= 2');
    const note = page.getByLabel('修订说明或依据文件');
    await note.fill('按县政府常务会议决定调整');
    await must(system, null, PUBLISH, {
      input: { programmeId: id, effectiveFrom: '2026-06-01', basedOnVersion: 1, publicNoticeDays: 7 },
    });

    await page.getByRole('button', { name: '核对后发布' }).click();
    await page.getByRole('button', { name: '确认发布' }).click();
    const conflict = page.getByTestId('conflict');
    await expect.poll(() => conflict.innerText(), { timeout: 20_000 }).toMatch(/他人已发布了新版本[\s\S]*第 2 版/);
    expect(await note.inputValue()).toBe('按县政府常务会议决定调整');
    expect(await page.locator('.cm-content').innerText()).toContain('household.size >= 2');
    await screenshot(page, 'programme-publish-conflict');

    await page.getByRole('button', { name: '载入最新版本（保留我的输入）' }).click();
    await page.getByText('以第 2 版为基础').waitFor();
    expect(await note.inputValue()).toBe('按县政府常务会议决定调整');
    await page.getByRole('button', { name: '核对后发布' }).click();
    await page.getByRole('button', { name: '确认发布' }).click();
    await page.getByText('第 3 版').first().waitFor();
    await page.context().close();
  });

  it('asks for the password again when the sign-in expires, keeping the form as it was', async () => {
    const id = await countyProgramme('住房救助（过期测试）', { kind: 'HOUSING' });
    const page = await countyAdministrator();
    await page.goto(`${consoleUrl}programmes/${id}/publish`);
    await page.locator('.cm-content').waitFor();
    const note = page.getByLabel('修订说明或依据文件');
    await note.fill('过期前输入的内容');
    await page.evaluate(() => {
      // Runs in the page: its sessionStorage, reached through globalThis (this file is typed for Node).
      const { sessionStorage } = globalThis as any;
      const session = JSON.parse(sessionStorage.getItem('doudi.session')!);
      sessionStorage.setItem('doudi.session', JSON.stringify({ ...session, expiresAt: '2000-01-01T00:00:00Z' }));
    });
    await setRule(page, 'household.size >= 1');
    const dialog = page.getByRole('dialog', { name: '登录已过期' });
    await dialog.waitFor({ timeout: 20_000 });
    await dialog.locator('input[type="password"]').fill(demo.DEMO_PASSWORD);
    await dialog.getByRole('button', { name: '重新登录' }).click();
    await expect.poll(() => page.getByTestId('live-count').innerText(), { timeout: 20_000 }).toMatch(/符合 \d+ 户/);
    expect(await note.inputValue()).toBe('过期前输入的内容');
    await page.context().close();
  });
});

/** Replaces the rule in the CodeMirror editor as a person would: select all, type. */
async function setRule(page: Page, rule: string) {
  const editor: Locator = page.locator('.cm-content');
  await editor.click();
  await page.keyboard.press('Control+A');
  await page.keyboard.press('Delete');
  // Typed without the editor's auto-closing brackets getting in the way: insert the text as one input.
  await page.keyboard.insertText(rule);
}
