import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { SERVICE_SDL } from '../../../src/schema/federation/served-subgraph.generated.js';
import {
  printedToken,
  REPOSITORY,
  spawnGateway,
  waitUntilReady,
  type GatewayProcess,
} from './gateway-process.js';
import { freePort } from '../../helpers/free-port.js';

/**
 * The bundle `npm start` runs (dist/main.js) serves what start-up leaves to the first request that needs
 * it: the provider transport (undici), the compiler of repeated documents (graphql-jit) and the subgraph
 * schema built from its generated SDL; and it validates inputs with the parts of class-validator it bundles. Runs of the TypeScript sources load these differently.
 */
describe('the built gateway, after a start that deferred what it did not need', () => {
  let gateway: GatewayProcess;
  let token: string;

  beforeAll(async () => {
    gateway = spawnGateway(
      { PAYGRAPH_MODE: 'sandbox', SQLITE_PATH: ':memory:', LOG_LEVEL: 'warn' },
      await freePort(),
      { built: { cwd: REPOSITORY } },
    );
    await waitUntilReady(gateway);
    token = await printedToken(gateway);
  });

  afterAll(async () => {
    gateway?.child.kill('SIGTERM');
    await gateway?.exited;
  });

  async function graphql(query: string, variables: object = {}): Promise<unknown> {
    const answer = await fetch(`${gateway.url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
      body: JSON.stringify({ query, variables }),
    });
    expect(answer.status).toBe(200);
    return answer.json();
  }

  it('reaches a provider on its first call', async () => {
    const answer = await graphql(
      `
        mutation Pay($input: CreatePaymentInput!) {
          createPayment(input: $input) {
            transaction {
              status
            }
            userErrors {
              code
            }
          }
        }
      `,
      { input: { idempotencyKey: 'built-first-call', amount: '10.00', currency: 'AUD' } },
    );
    expect(answer).toEqual({
      data: { createPayment: { transaction: { status: 'PENDING' }, userErrors: [] } },
    });
  });

  it('refuses an input its validation rules refuse, naming the field', async () => {
    const answer = await graphql(
      `
        mutation Pay($input: CreatePaymentInput!) {
          createPayment(input: $input) {
            transaction {
              status
            }
            userErrors {
              code
              field
            }
          }
        }
      `,
      {
        input: {
          idempotencyKey: 'built-invalid-input',
          amount: '10.00',
          currency: 'AUD',
          description: 'x'.repeat(256),
        },
      },
    );
    expect(answer).toEqual({
      data: {
        createPayment: {
          transaction: null,
          userErrors: [{ code: 'INVALID_INPUT', field: ['input', 'description'] }],
        },
      },
    });
  });

  it('answers a document the same when it repeats (and is compiled)', async () => {
    const query = '{ me { id } providers { provider } }';
    const first = await graphql(query);
    expect(first).toMatchObject({ data: { me: { id: expect.any(String) } } });
    expect(await graphql(query)).toEqual(first);
    expect(await graphql(query)).toEqual(first);
  });

  it('answers _service with the generated subgraph SDL', async () => {
    expect(await graphql('{ _service { sdl } }')).toEqual({ data: { _service: { sdl: SERVICE_SDL } } });
  });
});
