import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { startTestGateway, type TestGateway } from '../helpers/test-gateway.js';

const PATH = '/cardless/thirdparty/notification';

describe('the NCHL notification endpoint refuses bodies no notification has', () => {
  let gw: TestGateway;
  let authorization: string;

  beforeAll(async () => {
    gw = await startTestGateway();
    const nchl = gw.gateway.sandbox!.providers.nchl!;
    authorization = `Basic ${Buffer.from(`${nchl.notifyUsername}:${nchl.notifyPassword}`).toString('base64')}`;
  });
  afterAll(() => gw.close());

  async function post(body: string) {
    const response = await fetch(`${gw.url}${PATH}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization },
      body,
    });
    return { status: response.status, text: await response.text() };
  }

  it('answers 413 to a 20 KB notification, without echoing it', async () => {
    const marker = 'CANARY-4111111111111111';
    const body = JSON.stringify({ transactionUniqueId: 'x', padding: `${marker}${'x'.repeat(20 * 1024)}` });
    const answer = await post(body);
    expect(answer.status).toBe(413);
    expect(JSON.parse(answer.text)).toEqual({
      status: 'FAILED',
      message: 'Body must be at most 16384 bytes',
    });
    expect(answer.text).not.toContain(marker);
  });

  it('still answers 400 to a small body that is not JSON', async () => {
    const answer = await post('{"transactionUniqueId": ');
    expect(answer.status).toBe(400);
    expect(JSON.parse(answer.text)).toEqual({ status: 'FAILED', message: 'Body must be a JSON object' });
  });
});
