import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type BrowserContext, type Page } from 'playwright-core';
import { startTestGateway, type TestGateway } from '../helpers/test-gateway.js';

const CHROMIUM = '/usr/bin/chromium';
const FLAGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

describe('the GraphiQL console in headless Debian Chromium', () => {
  let gw: TestGateway;
  let browser: BrowserContext;
  let page: Page;
  const requested: string[] = [];
  const pageErrors: string[] = [];

  beforeAll(async () => {
    if (!existsSync(CHROMIUM)) {
      throw new Error(
        `Debian Chromium is required at ${CHROMIUM} for this test: apt-get install -y chromium`,
      );
    }
    gw = await startTestGateway();
    // launchPersistentContext passes the fresh profile as --user-data-dir.
    const profile = mkdtempSync(join(tmpdir(), 'paygraph-chromium-'));
    browser = await chromium.launchPersistentContext(profile, {
      executablePath: CHROMIUM,
      headless: true,
      args: FLAGS,
    });
    page = browser.pages()[0] ?? (await browser.newPage());
    page.on('request', (request) => requested.push(request.url()));
    page.on('pageerror', (error) => pageErrors.push(error.message));
  }, 120_000);
  afterAll(async () => {
    await browser?.close();
    await gw?.close();
  });

  it('renders, runs the ready query with the sandbox token, and shows the answer', async () => {
    await page.goto(`${gw.url}/console`);
    const run = page.locator('.graphiql-execute-button');
    await run.waitFor({ state: 'visible', timeout: 60_000 });
    const sent = page.waitForRequest(
      (request) => request.url() === `${gw.url}/graphql` && /query Ready/.test(request.postData() ?? ''),
    );
    const answered = page.waitForResponse(
      (response) =>
        response.url() === `${gw.url}/graphql` && /query Ready/.test(response.request().postData() ?? ''),
    );
    await run.click();
    const request = await sent;
    expect(request.headers().authorization).toMatch(/^Bearer [\w-]+\.[\w-]+\.[\w-]+$/);
    const body = (await (await answered).json()) as {
      data?: { providers: { provider: string }[]; transactions: unknown };
      errors?: unknown;
    };
    expect(body.errors).toBeUndefined();
    expect(body.data?.providers.map((p) => p.provider)).toContain('NUMEROPAY');

    // The answer is shown in the response pane.
    await page.locator('.graphiql-response').filter({ hasText: 'NUMEROPAY' }).waitFor({ timeout: 30_000 });
    const shown = await page.locator('.graphiql-response').innerText();
    expect(shown).toContain('"transactions"');
    expect(shown).not.toContain('UNAUTHENTICATED');
  }, 120_000);

  it('loaded every file from the gateway’s own origin, with no script error', () => {
    const origin = new URL(gw.url).origin;
    const elsewhere = requested.filter(
      (url) => !url.startsWith('data:') && !url.startsWith('blob:') && new URL(url).origin !== origin,
    );
    expect(requested.length).toBeGreaterThan(3);
    expect(elsewhere).toEqual([]);
    expect(pageErrors).toEqual([]);
  });
});
