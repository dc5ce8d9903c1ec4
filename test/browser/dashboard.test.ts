import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import * as demo from '@doudi/shared/demo';
import { startSystem, type System } from '../support/system.js';
import { createHousehold, must, step, type Data } from '../support/steps.js';
import { expectAccessible, launchBrowser, newPage, screenshot, signIn } from './support/browser.js';

/**
 * The dashboards (issue 14 item 6) in a real browser against the real gateway and subgraphs with the demo data:
 * 临汾市's REPORTING account sees the figures the API answers it, and withheld cells as withheld, never as 0.
 */
let system: System;
let browser: Browser;
let consoleUrl: string;
const LINFEN = '141000000000';
const SUPPRESSED = '已隐藏（少于5户）';
const TODAY = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai' }).format(new Date());
const YEAR = Number(TODAY.slice(0, 4));

/**
 * The demo alone counts fewer than 5 of everything, so every figure would be withheld: six families of 新城镇
 * come to the window today, enough for this month's cases and households to be counted in the open.
 */
async function sixFamiliesComeToday() {
  const admin = await system.signIn('xiangfen.admin', demo.DEMO_PASSWORD);
  for (let i = 0; i < 6; i++) {
    const family = await createHousehold(system, admin, {
      jurisdictionCode: '141023100000',
      members: [{ name: `看板户${i}`, sex: 'FEMALE', relationshipToHead: 'SELF' }],
    });
    await step(system, null, 'openCase', 'case { id }', {
      householdId: family.id,
      channel: 'WINDOW_APPLICATION',
      summary: '窗口求助',
      jurisdictionCode: '141023100000',
      leadOrganisationId: demo.organisations.xiangfenCivilAffairs.id,
      receivedOn: TODAY,
    });
  }
}

beforeAll(async () => {
  [system, browser] = await Promise.all([startSystem({ demoData: true }), launchBrowser()]);
  consoleUrl = system.gateway.url.replace(/\/graphql$/, '/admin/');
});
afterAll(async () => {
  await browser?.close();
  await system?.stop();
});

const CELLS = 'cells { keys value suppressed }';
const SAME_QUESTION = `query($code: ID!, $period: ReportPeriodInput!) {
  caseStatistics(jurisdictionCode: $code, period: $period) { opened(by: [MONTH]) { ${CELLS} } }
  referralStatistics(jurisdictionCode: $code, period: $period) { sent(by: [MONTH]) { ${CELLS} } }
  householdStatistics(jurisdictionCode: $code, period: $period) {
    households(by: [MONITORING_STATUS, LOW_INCOME_BAND]) { ${CELLS} }
  }
}`;

/** The table view of one chart, opened; a cell of it by row key and series key. */
async function tableOf(page: Page, chart: string) {
  const section = page.locator(`[data-chart="${chart}"]`);
  await section.getByRole('button', { name: '表格' }).click();
  await section.getByRole('table').waitFor();
  return (row: string, series: string) => section.locator(`tr[data-row="${row}"] td[data-series="${series}"]`);
}

const inner = (cells: Data[]) => cells.filter((c) => c.keys.every((k: string | null) => k != null));
/** What the table shows for a cell the API answered: its number, or the words for a withheld one (never 0). */
const asShown = (cell: Data) => (cell.suppressed ? SUPPRESSED : (cell.value as number).toLocaleString('zh-CN'));
const grandTotal = (cells: Data[]) => cells.find((c) => c.keys.every((k: string | null) => k == null))!;

describe('the dashboard in the console', () => {
  it('shows 临汾市’s reporting account the numbers the API answers, and withheld cells as withheld rather than 0', async () => {
    await sixFamiliesComeToday();
    const token = await system.signIn('linfen.dashboard', demo.DEMO_PASSWORD);
    const api = await must(system, token, SAME_QUESTION, { code: LINFEN, period: { year: YEAR } });

    const page = await newPage(browser);
    await signIn(page, consoleUrl, 'linfen.dashboard', demo.DEMO_PASSWORD);
    await page.getByRole('menuitem', { name: '统计看板' }).click();
    await page.getByRole('heading', { name: '统计看板', level: 1 }).waitFor();
    await page.getByRole('button', { name: '辖区：临汾市' }).waitFor();
    await page.locator('[data-chart="flow"] canvas').waitFor();

    const flow = await tableOf(page, 'flow');
    const opened = inner(api.caseStatistics.opened.cells);
    const sent = inner(api.referralStatistics.sent.cells);
    // Six cases this month and one earlier: the months are withheld (either would give the other away), the
    // year's total is not.
    expect(
      grandTotal(api.caseStatistics.opened.cells).value,
      'the year’s cases counted in the open',
    ).toBeGreaterThanOrEqual(6);
    for (const [series, cells] of [
      ['opened', opened],
      ['sent', sent],
    ] as const) {
      for (const cell of cells) expect(await flow(cell.keys[0], series).innerText(), cell.keys[0]).toBe(asShown(cell));
    }
    // The year's totals (合计) are the API's own, not sums of what is shown.
    expect(await flow('total', 'opened').innerText()).toBe(asShown(grandTotal(api.caseStatistics.opened.cells)));
    expect(await flow('total', 'sent').innerText()).toBe(asShown(grandTotal(api.referralStatistics.sent.cells)));

    const households = await tableOf(page, 'households');
    const held = inner(api.householdStatistics.households.cells);
    const withheld = held.filter((c) => c.suppressed);
    expect(withheld.length, 'the demo data has a withheld household cell').toBeGreaterThan(0);
    for (const cell of held) {
      const shown = households(cell.keys[0], cell.keys[1]);
      if (cell.suppressed) {
        expect(await shown.innerText()).toBe(SUPPRESSED);
        expect(await shown.getAttribute('data-suppressed')).toBe('true');
      } else expect(await shown.innerText()).toBe(asShown(cell));
    }
    const bandTotals = api.householdStatistics.households.cells.filter(
      (c: Data) => c.keys[0] == null && c.keys[1] != null,
    );
    for (const cell of bandTotals) expect(await households('total', cell.keys[1]).innerText()).toBe(asShown(cell));
    const statusTotals = api.householdStatistics.households.cells.filter(
      (c: Data) => c.keys[0] != null && c.keys[1] == null,
    );
    for (const cell of statusTotals) expect(await households(cell.keys[0], 'total').innerText()).toBe(asShown(cell));
    const all = grandTotal(api.householdStatistics.households.cells);
    expect(all.value, 'the households counted in the open').toBeGreaterThanOrEqual(6);
    expect(await households('total', 'total').innerText()).toBe(asShown(all));

    await screenshot(page, 'dashboard');
    await expectAccessible(page);
    await page.context().close();
  });

  it('saves 新城镇’s monthly ledger as the XLSX the API exports', async () => {
    const token = await system.signIn('linfen.dashboard', demo.DEMO_PASSWORD);
    const variables = { code: '141023100000', month: TODAY.slice(0, 7) };
    const api = await must(
      system,
      token,
      `query($code: ID!, $month: String!) { ledger(jurisdictionCode: $code, kind: TOWNSHIP, month: $month) {
        status dueDate export(format: XLSX) { fileName byteLength } } }`,
      variables,
    );
    const page = await newPage(browser);
    await signIn(page, consoleUrl, 'linfen.dashboard', demo.DEMO_PASSWORD);
    await page.getByRole('menuitem', { name: '统计看板' }).click();
    const ledger = page.locator('[data-chart="ledger"]');
    await ledger.getByText('请在辖区中选择一个乡镇').waitFor();
    await page.getByRole('button', { name: '辖区：临汾市' }).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByRole('button', { name: '襄汾县' }).click();
    await dialog.getByRole('button', { name: '新城镇' }).click();
    await dialog.getByRole('button', { name: '选择“新城镇”' }).click();
    await expect.poll(() => ledger.getByTestId('ledger-state').innerText()).toContain(`报送期限 ${api.ledger.dueDate}`);
    expect(await ledger.getByTestId('ledger-state').innerText()).toContain(
      api.ledger.status === 'SUBMITTED' ? '已报送' : '未报送',
    );
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      ledger.getByRole('button', { name: '导出 XLSX' }).click(),
    ]);
    expect(download.suggestedFilename()).toBe(api.ledger.export.fileName);
    const saved = readFileSync((await download.path())!);
    // Each export is written afresh (its zip carries the time it was made), so sizes differ by a byte or two.
    expect(Math.abs(saved.length - api.ledger.export.byteLength)).toBeLessThan(32);
    // An XLSX is a zip: it starts with PK.
    expect(saved.subarray(0, 2).toString('latin1')).toBe('PK');
    await expectAccessible(page);
    await page.context().close();
  });

  it('offers no dashboard to a caseworker, whose role reads no statistics', async () => {
    const page = await newPage(browser);
    await signIn(page, consoleUrl, 'xincheng.caseworker', demo.DEMO_PASSWORD);
    await page.getByRole('menuitem').first().waitFor();
    expect(await page.getByRole('menuitem', { name: '统计看板' }).count()).toBe(0);
    await page.context().close();
  });
});
