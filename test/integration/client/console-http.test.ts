import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { request as httpRequest } from 'node:http';
import { readAppConfig } from '../../../src/config/app.config.js';
import { startTestGateway, type TestGateway } from '../../helpers/test-gateway.js';

const EVIL = 'http://evil.example';

/** node:http, because fetch does not let a caller choose the Host header. */
function getWithHost(url: string, host: string): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const req = httpRequest(url, { headers: { host } }, (res) => {
      let body = '';
      res.on('data', (chunk: Buffer) => (body += chunk.toString()));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
    });
    req.on('error', reject);
    req.end();
  });
}

async function withEnv<T>(name: string, value: string, run: () => Promise<T>): Promise<T> {
  const before = process.env[name];
  process.env[name] = value;
  try {
    return await run();
  } finally {
    if (before === undefined) delete process.env[name];
    else process.env[name] = before;
  }
}

describe('the console of a sandbox gateway', () => {
  let gw: TestGateway;
  beforeAll(async () => {
    gw = await startTestGateway();
  });
  afterAll(() => gw.close());

  it('carries a working operator token, never with CORS headers, and cannot be framed or cached', async () => {
    const api = await fetch(`${gw.url}/graphql`, {
      method: 'OPTIONS',
      headers: { origin: EVIL, 'access-control-request-method': 'POST' },
    });
    expect(api.headers.get('access-control-allow-origin')).toBe(EVIL); // the API itself is open in sandbox

    const page = await fetch(`${gw.url}/console`, { headers: { origin: EVIL } });
    expect(page.status).toBe(200);
    expect(page.headers.get('access-control-allow-origin')).toBeNull();
    expect(page.headers.get('cache-control')).toBe('no-store');
    expect(page.headers.get('content-security-policy')).toMatch(/connect-src 'self'.*frame-ancestors 'none'/);
    const html = await page.text();
    const token = /Bearer ([\w-]+\.[\w-]+\.[\w-]+)/.exec(html)?.[1];
    expect(token).toBeDefined();
    const principal = await gw.gateway.http.verifier.verify(token!);
    expect(principal).toMatchObject({ id: 'sandbox-user', scopes: ['operator'] });

    const preflight = await fetch(`${gw.url}/console`, {
      method: 'OPTIONS',
      headers: { origin: EVIL, 'access-control-request-method': 'GET' },
    });
    expect(preflight.headers.get('access-control-allow-origin')).toBeNull();
  });

  it('serves its assets itself, gzipped when asked, and nothing it does not have', async () => {
    const script = await fetch(`${gw.url}/console/assets/graphiql.js`, { headers: { origin: EVIL } });
    expect(script.status).toBe(200);
    expect(script.headers.get('content-type')).toMatch(/^text\/javascript/);
    expect(script.headers.get('access-control-allow-origin')).toBeNull();
    expect(script.headers.get('content-encoding')).toBe('gzip');
    expect((await script.text()).length).toBeGreaterThan(1_000_000);
    for (const worker of ['editorWorkerService', 'json', 'graphql']) {
      expect((await fetch(`${gw.url}/console/assets/${worker}.worker.js`)).status).toBe(200);
    }
    expect((await fetch(`${gw.url}/console/assets/..%2Fpackage.json`)).status).toBe(404);
  });

  it('refuses a host name that is not loopback, so a DNS-rebinding page cannot read the token', async () => {
    const rebound = await getWithHost(`${gw.url}/console`, 'evil.example:4000');
    expect(rebound.status).toBe(403);
    expect(rebound.body).not.toMatch(/Bearer [\w-]+\./);
    expect((await getWithHost(`${gw.url}/console`, `localhost:${new URL(gw.url).port}`)).status).toBe(200);
  });

  it('listens on 127.0.0.1 by default in sandbox, and on every interface by default in live mode', () => {
    expect(readAppConfig({}).host).toBe('127.0.0.1');
    expect(readAppConfig({ PAYGRAPH_MODE: 'live', AUTH_JWT_SECRET: 'x'.repeat(32) }).host).toBe('0.0.0.0');
    expect(readAppConfig({ HOST: '0.0.0.0' }).host).toBe('0.0.0.0');
  });
});

describe('the console in production', () => {
  it('is off unless CONSOLE_ENABLED=true, and then carries no token', async () => {
    const off = await startTestGateway({ NODE_ENV: 'production' });
    try {
      expect((await fetch(`${off.url}/console`)).status).toBe(404);
    } finally {
      await off.close();
    }
    const on = await withEnv('CONSOLE_ENABLED', 'true', () => startTestGateway({ NODE_ENV: 'production' }));
    try {
      const page = await fetch(`${on.url}/console`);
      expect(page.status).toBe(200);
      expect(await page.text()).not.toMatch(/Bearer [\w-]+\.[\w-]+\.[\w-]+/);
    } finally {
      await on.close();
    }
  });

  it('refuses to start with a CONSOLE_ENABLED that is neither true nor false', async () => {
    await expect(withEnv('CONSOLE_ENABLED', 'yes', () => startTestGateway())).rejects.toThrow(
      /CONSOLE_ENABLED must be/,
    );
  });
});
