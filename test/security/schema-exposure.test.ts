import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { startTestGateway, type TestGateway } from '../helpers/test-gateway.js';

const INTROSPECTION = '{ __schema { queryType { name } } }';
const TYPO = '{ transaction(id: "x") { statu } }';

describe.each([
  ['production', { NODE_ENV: 'production' }, false],
  ['sandbox', {}, true],
])('schema exposure in %s', (_name, env, exposed) => {
  let gw: TestGateway;
  let token: string;

  beforeAll(async () => {
    gw = await startTestGateway(env);
    token = await gw.token('eve');
  });
  afterAll(() => gw.close());

  it(exposed ? 'answers introspection' : 'refuses introspection', async () => {
    const { status, body } = await gw.graphql(INTROSPECTION);
    if (exposed) {
      expect(body.data).toEqual({ __schema: { queryType: { name: 'Query' } } });
    } else {
      expect(status).toBe(400);
      expect(body.errors?.[0]?.extensions?.code).toBe('GRAPHQL_VALIDATION_FAILED');
      expect(body.data).toBeUndefined();
    }
  });

  it(exposed ? 'suggests field names' : 'hides field suggestions', async () => {
    const { body } = await gw.graphql(TYPO, undefined, { token });
    const message = body.errors?.[0]?.message ?? '';
    expect(message).toContain('Cannot query field "statu"');
    expect(message.includes('Did you mean')).toBe(exposed);
  });

  it(exposed ? 'includes stack traces' : 'includes no stack trace', async () => {
    const { body, text } = await gw.graphql(TYPO, undefined, { token });
    expect('stacktrace' in (body.errors?.[0]?.extensions ?? {})).toBe(exposed);
    if (!exposed) expect(text).not.toMatch(/at \w+ \(|node_modules|\.ts:\d+/);
  });
});

const SERVICE = '{ _service { sdl } }';
const ROUTER_SECRET = 'router-secret-router-secret-0123456789';

describe('the subgraph schema (_service { sdl }) follows the introspection rule', () => {
  let production: TestGateway;
  let sandbox: TestGateway;

  beforeAll(async () => {
    production = await startTestGateway({ NODE_ENV: 'production', ROUTER_SECRET });
    sandbox = await startTestGateway();
  });
  afterAll(async () => {
    await production.close();
    await sandbox.close();
  });

  it('is refused to an anonymous caller in production, like __schema', async () => {
    const { status, body, text } = await production.graphql(SERVICE);
    expect(status).toBe(400);
    expect(body.data).toBeUndefined();
    expect(body.errors?.[0]?.extensions?.code).toBe('GRAPHQL_VALIDATION_FAILED');
    expect(text).not.toContain('type Query');
  });

  it('is refused to a principal and to a wrong router credential', async () => {
    const token = await production.token('eve');
    expect((await production.graphql(SERVICE, undefined, { token })).status).toBe(400);
    const wrong = await production.graphql(SERVICE, undefined, {
      headers: { 'x-router-secret': `${ROUTER_SECRET}x` },
    });
    expect(wrong.status).toBe(400);
  });

  it('is served to the router that presents ROUTER_SECRET', async () => {
    const { status, body } = await production.graphql<{ _service: { sdl: string } }, unknown>(
      SERVICE,
      undefined,
      {
        headers: { 'x-router-secret': ROUTER_SECRET },
      },
    );
    expect(status).toBe(200);
    expect(body.data?._service.sdl).toContain('type Withdrawal');
  });

  it('is served wherever introspection is on', async () => {
    const { status, body } = await sandbox.graphql<{ _service: { sdl: string } }, unknown>(SERVICE);
    expect(status).toBe(200);
    expect(body.data?._service.sdl).toContain('type Withdrawal');
  });
});
