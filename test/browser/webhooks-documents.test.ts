import { createHmac } from 'node:crypto';
import { createServer, type IncomingHttpHeaders } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import * as demo from '@doudi/shared/demo';
import { deliverWebhooksUntil } from '../support/webhooks.js';
import { startSystem, type System } from '../support/system.js';
import { must, step } from '../support/steps.js';
import { expectAccessible, launchBrowser, newPage, screenshot, signIn } from './support/browser.js';

/**
 * Issue 19 in the console, in a real browser against the real gateway and subgraphs with the demo data: 襄汾县's
 * administrator subscribes the police's app to written answers (襄政办发〔2023〕26号 七(五) 书面函复) with a local
 * receiver, sees the signing secret once, sees the delivery that failed when 民政局 answered the police's referral
 * and replays it; then on the case generates the answer letter and downloads it as a PDF, attaches a scan and is
 * refused a program renamed .pdf at the file field.
 */
let system: System;
let browser: Browser;
let consoleUrl: string;
const police = demo.apiClients[0];
const theCase = demo.cases[0];
const referral = theCase.referrals[0];

const received: { headers: IncomingHttpHeaders; body: string; answered: number }[] = [];
const answers: number[] = [];
const receiver = createServer((req, res) => {
  let body = '';
  req.on('data', (chunk: Buffer) => (body += chunk.toString('utf8')));
  req.on('end', () => {
    const status = answers.shift() ?? 200;
    received.push({ headers: req.headers, body, answered: status });
    res.writeHead(status).end();
  });
});
let receiverUrl: string;

/** A 1×1 PNG, as a phone's photo of a sealed letter would be (smaller). */
const PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==',
  'base64',
);
/** A Windows program (MZ header) given a PDF's name. */
const EXE = Buffer.concat([Buffer.from('MZ'), Buffer.alloc(254, 0x90)]);

beforeAll(async () => {
  receiverUrl = await new Promise<string>((resolve) =>
    receiver.listen(0, '127.0.0.1', () =>
      resolve(`http://127.0.0.1:${(receiver.address() as AddressInfo).port}/doudi/webhooks`),
    ),
  );
  [system, browser] = await Promise.all([startSystem({ demoData: true }), launchBrowser()]);
  consoleUrl = system.gateway.url.replace(/\/graphql$/, '/admin/');
});
afterAll(async () => {
  await browser?.close();
  await system?.stop();
  await new Promise((resolve) => receiver.close(resolve));
});

async function signedIn(username: string): Promise<Page> {
  const page = await newPage(browser);
  await signIn(page, consoleUrl, username, demo.DEMO_PASSWORD);
  await page
    .getByRole('heading', { name: '我的待办' })
    .or(page.locator('#react-admin-title', { hasText: '我的待办' }))
    .first()
    .waitFor();
  return page;
}

const eventually = <T>(read: () => Promise<T>) => expect.poll(read, { timeout: 20_000 });
const dialog = (page: Page) => page.getByRole('dialog');

/** No message key shown in place of words (a missing zh-CN entry would show as doudi.… or ra.…). */
async function expectNoKeys(page: Page) {
  expect(await page.locator('body').innerText()).not.toMatch(/\b(doudi|ra|resources)\.[a-z_]+\.[a-zA-Z_.]+/);
}

const deliveriesUntil = async (count: number) =>
  expect(await deliverWebhooksUntil(system, () => received.length, count)).toBe(count);

describe('an agency app’s webhooks and a case’s documents in the console (issue 19)', { shuffle: false }, () => {
  let secret = '';

  it('subscribes the police app to written answers, shows the secret once and refuses a URL with a password at the field', async () => {
    const page = await signedIn('xiangfen.admin');
    await page.goto(`${consoleUrl}api-clients`);
    const row = page.getByRole('row').filter({ hasText: police.name });
    await row.getByRole('link', { name: `事件推送：${police.name}` }).click();
    await page.getByRole('heading', { name: `事件推送：${police.name}`, level: 2 }).waitFor();
    await page.getByText('尚未订阅任何事件。').waitFor();

    await page.getByRole('button', { name: '新建订阅' }).click();
    const form = dialog(page);
    await form.getByRole('textbox', { name: '推送地址' }).fill('https://user:secret@cases.police.example/doudi');
    await form.getByRole('checkbox', { name: '转介已书面函复' }).check();
    await form.getByRole('button', { name: '保存' }).click();
    await form.getByText('网址中不能包含用户名或密码（请用签名验证推送）').waitFor();
    await screenshot(page, 'webhook-create-refused');
    await expectAccessible(page);

    await form.getByRole('textbox', { name: '推送地址' }).fill(receiverUrl);
    await form.getByRole('button', { name: '保存' }).click();
    const shown = dialog(page).filter({ hasText: '请保存签名密钥' });
    await shown.getByText('签名密钥只显示这一次').waitFor();
    secret = await shown.getByTestId('client-secret').inputValue();
    expect(secret).toMatch(/^whsec_/);
    await screenshot(page, 'webhook-secret');
    await expectAccessible(page);
    await shown.getByRole('button', { name: '我已保存，关闭' }).click();
    await dialog(page).waitFor({ state: 'detached' });

    const card = page.locator('section', { hasText: receiverUrl });
    await eventually(() => card.innerText()).toMatch(/启用[\s\S]*订阅的事件：转介已书面函复[\s\S]*连续失败次数：0/);
    // Never again: the page does not hold the secret.
    expect(await page.content()).not.toContain(secret);
    await expectNoKeys(page);
    await page.context().close();
  });

  it('lists the delivery that failed when 民政局 answered the police’s referral, and replays it to the receiver', async () => {
    const admin = await system.signIn('xiangfen.admin', demo.DEMO_PASSWORD);
    const read = await must(system, admin, `query($id: ID!) { referral(id: $id) { version } }`, { id: referral.id });
    await step(system, admin, 'answerReferral', 'referral { status }', {
      referralId: referral.id,
      version: read.referral.version,
      answeredOn: '2026-11-18',
      measuresTaken: ['纳入农村低保，每月600元', '发放临时救助金3000元'],
    });
    await system.subgraphs.cases.drainOutbox();
    answers.push(500);
    await deliveriesUntil(1);
    expect(received[0].answered).toBe(500);

    const page = await signedIn('xiangfen.admin');
    await page.goto(`${consoleUrl}api-clients/${police.id}/webhooks`);
    const card = page.locator('section', { hasText: receiverUrl });
    const deliveries = card.getByTestId(/^deliveries-/);
    await eventually(() => deliveries.innerText()).toMatch(/转介已书面函复\s+失败\s+1\s+500/);
    expect(await card.innerText()).toMatch(/连续失败次数：1/);
    // Filtered by status: none delivered yet, the failed one among the failed.
    await deliveries.getByRole('combobox', { name: '按状态筛选' }).click();
    await page.getByRole('option', { name: '已送达' }).click();
    await deliveries.getByText('没有推送记录。').waitFor();
    await deliveries.getByRole('combobox', { name: '按状态筛选' }).click();
    await page.getByRole('option', { name: '失败' }).click();
    await eventually(() => deliveries.getByRole('row').count()).toBe(2);
    // The status menu fades out after the choice: the page is pictured once it is gone, not through it.
    await page.waitForFunction(() => !document.querySelector('.MuiMenu-root:not(.MuiModal-hidden)'));
    await screenshot(page, 'webhook-deliveries');
    await expectAccessible(page);
    await expectNoKeys(page);

    await deliveries.getByRole('button', { name: '重新推送' }).click();
    await page.getByText('已重新推送，稍后发送').waitFor();
    await deliveriesUntil(2);
    const [first, replayed] = received;
    expect(replayed.answered).toBe(200);
    expect(replayed.headers['doudi-webhook-id']).toBe(first.headers['doudi-webhook-id']);
    const timestamp = String(replayed.headers['doudi-webhook-timestamp']);
    const signature = createHmac('sha256', secret).update(`${timestamp}.${replayed.body}`).digest('hex');
    expect(replayed.headers['doudi-webhook-signature']).toBe(`v1=${signature}`);
    expect(JSON.parse(replayed.body)).toMatchObject({ type: 'referral.answered', data: { referralId: referral.id } });

    await page.reload();
    await deliveries.getByRole('combobox', { name: '按状态筛选' }).waitFor();
    await eventually(() => deliveries.innerText()).toMatch(/转介已书面函复\s+已送达\s+1\s+200/);
    await screenshot(page, 'webhook-replayed');
    await page.context().close();
  });

  it('edits the subscription’s events, pauses and resumes it, rotates its secret (shown once) and deletes it after confirming', async () => {
    const page = await signedIn('xiangfen.admin');
    await page.goto(`${consoleUrl}api-clients/${police.id}/webhooks`);
    const card = page.locator('section', { hasText: receiverUrl });
    await card.getByRole('button', { name: '修改' }).click();
    await dialog(page).getByRole('checkbox', { name: '转介被退回' }).check();
    await dialog(page).getByRole('button', { name: '保存' }).click();
    await eventually(() => card.innerText()).toMatch(/订阅的事件：转介已书面函复、转介被退回/);

    await card.getByRole('button', { name: '暂停' }).click();
    await eventually(() => card.innerText()).toMatch(/已暂停[\s\S]*暂停原因：手动暂停/);
    // Paused, nothing is replayed (the API would answer INVALID_STATE).
    expect(await card.getByRole('button', { name: '重新推送' }).count()).toBe(0);
    await screenshot(page, 'webhook-paused');
    await expectNoKeys(page);
    await card.getByRole('button', { name: '恢复' }).click();
    await eventually(() => card.innerText()).toMatch(/启用/);

    await card.getByRole('button', { name: '更换密钥' }).click();
    await dialog(page).getByRole('button', { name: '更换密钥' }).click();
    const shown = dialog(page).filter({ hasText: '请保存签名密钥' });
    const rotated = await shown.getByTestId('client-secret').inputValue();
    expect(rotated).toMatch(/^whsec_/);
    expect(rotated).not.toBe(secret);
    await shown.getByRole('button', { name: '我已保存，关闭' }).click();
    await eventually(() => card.innerText()).toMatch(/密钥更换时间：/);

    await card.getByRole('button', { name: '删除' }).click();
    await dialog(page).getByText(`删除后不再向 ${receiverUrl} 推送任何事件`).waitFor();
    await dialog(page).getByRole('button', { name: '删除' }).click();
    await page.getByText('尚未订阅任何事件。').waitFor();
    await page.context().close();
  });

  it('generates the answer letter on the case and downloads it as a PDF, attaches a PNG and is refused a program named .pdf', async () => {
    const page = await signedIn('xiangfen.admin');
    await page.goto(`${consoleUrl}cases/${theCase.id}/show`);
    await page.getByRole('heading', { name: '文书材料' }).waitFor();
    const documents = page.getByTestId('case-documents');
    await documents.getByText('尚无文书材料。').waitFor();

    await documents.getByRole('button', { name: '生成文书' }).click();
    const form = dialog(page);
    await form.getByRole('combobox', { name: '类别' }).click();
    await page.getByRole('option', { name: '书面函复' }).click();
    await form.getByRole('combobox', { name: '转介事项' }).click();
    await page.getByRole('option', { name: /襄汾县民政局/ }).click();
    await screenshot(page, 'document-generate');
    await expectAccessible(page);
    await form.getByRole('button', { name: '生成文书' }).click();
    await dialog(page).waitFor({ state: 'detached', timeout: 30_000 });
    const letter = documents.getByRole('row').filter({ hasText: '书面函复' });
    await eventually(() => letter.innerText()).toMatch(
      /书面函复[\s\S]*救复〔\d{4}〕\d+号[\s\S]*\.pdf[\s\S]*系统生成[\s\S]*未归档/,
    );

    const fileName = (await letter.locator('td').nth(2).innerText()).split('\n')[0].trim();
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      letter.getByRole('button', { name: `下载 ${fileName}` }).click(),
    ]);
    expect(download.suggestedFilename()).toBe(fileName);
    const chunks: Buffer[] = [];
    for await (const chunk of (await download.createReadStream())!) chunks.push(chunk as Buffer);
    const bytes = Buffer.concat(chunks);
    expect(bytes.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    expect(bytes.length).toBeGreaterThan(10_000);

    await documents.getByRole('button', { name: '上传材料' }).click();
    const attach = dialog(page);
    await attach.getByLabel('文件').setInputFiles({ name: 'letter.pdf', mimeType: 'application/pdf', buffer: EXE });
    await attach.getByRole('button', { name: '上传材料' }).click();
    await attach.getByText('只接受 PDF、JPEG、PNG 文件；该文件实际为 application/x-msdownload').waitFor();
    await screenshot(page, 'document-attach-refused');
    await expectAccessible(page);
    await attach.getByLabel('文件').setInputFiles({ name: '民政局复函盖章件.png', mimeType: 'image/png', buffer: PNG });
    await attach.getByRole('button', { name: '上传材料' }).click();
    await dialog(page).waitFor({ state: 'detached' });
    const scan = documents.getByRole('row').filter({ hasText: '盖章函件扫描件' });
    await eventually(() => scan.innerText()).toMatch(/民政局复函盖章件\.png[\s\S]*上传[\s\S]*未归档/);
    await screenshot(page, 'case-documents');
    await expectAccessible(page);
    await expectNoKeys(page);
    await page.context().close();
  });

  it('shows a closed case’s documents archived (归档), still downloadable, with nothing more to attach or generate', async () => {
    const admin = await system.signIn('xiangfen.admin', demo.DEMO_PASSWORD);
    // The other referral is answered too, so the case may be closed (晋检发办字〔2023〕10号 第二十四条: 予以归档).
    const other = theCase.referrals[1];
    const read = await must(system, admin, `query($id: ID!) { referral(id: $id) { version } }`, { id: other.id });
    await step(system, admin, 'answerReferral', 'referral { status }', {
      referralId: other.id,
      version: read.referral.version,
      answeredOn: '2026-11-19',
      measuresTaken: ['落实防返贫监测帮扶措施'],
    });
    const found = await must(system, admin, `query($id: ID!) { case(id: $id) { version } }`, { id: theCase.id });
    await step(system, admin, 'closeCase', 'case { status }', {
      caseId: theCase.id,
      version: found.case.version,
      reason: '救助措施已落实，材料归档',
    });

    const page = await signedIn('xiangfen.admin');
    await page.goto(`${consoleUrl}cases/${theCase.id}/show`);
    const documents = page.getByTestId('case-documents');
    await documents.getByText('案件已结案，文书材料已归档，只能查看和下载。').waitFor();
    await eventually(() => documents.locator('[data-archived="true"]').count()).toBe(2);
    expect(await documents.getByText('未归档').count()).toBe(0);
    expect(await documents.getByRole('button', { name: '上传材料' }).count()).toBe(0);
    expect(await documents.getByRole('button', { name: '生成文书' }).count()).toBe(0);
    expect(await documents.getByRole('button', { name: /^下载 / }).count()).toBe(2);
    await screenshot(page, 'case-documents-archived');
    await expectAccessible(page);
    await expectNoKeys(page);
    await page.context().close();
  });
});
