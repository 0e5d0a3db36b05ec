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
