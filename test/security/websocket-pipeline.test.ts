import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { mkdtempSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse, print, type DocumentNode } from 'graphql';
import { fromGlobalId } from '../../src/domain/global-id.js';
import * as generated from '../../src/generated/graphql.js';
import { issueClientToken } from '../../src/server/auth/issue-token.js';
import { operationHash } from '../../src/server/security/operation-hash.js';
import { REQUEST, requestInput, type RequestPayload } from '../integration/nchl/nchl-gateway.js';
import { startTestGateway, type TestGateway } from '../helpers/test-gateway.js';
import {
  acknowledged,
  answerTo,
  openGraphqlSocket,
  subscribeMessage,
  type GraphqlSocket,
} from './graphql-socket.js';

const UPDATED = `subscription Updated($id: ID!) { withdrawalUpdated(id: $id) { id status } }`;
const PAN = '4111111111111111';
const root = fileURLToPath(new URL('../../', import.meta.url));

async function requestWithdrawal(gw: TestGateway, token: string): Promise<string> {
  const { body } = await gw.graphql<RequestPayload, unknown>(REQUEST, { input: requestInput() }, { token });
  return body.data!.requestCardlessWithdrawal.withdrawal!.id;
}

function listeners(gw: TestGateway, withdrawalGlobalId: string): number {
  const pubsub = gw.gateway.services.pubsub as unknown as { listenerCount(topic: string): number };
  return pubsub.listenerCount(`withdrawal.updated.${fromGlobalId(withdrawalGlobalId)!.id}`);
}

/** Resolves once `condition` holds, checked as the event loop turns (no fixed sleep). */
async function waitFor(condition: () => boolean): Promise<void> {
  while (!condition()) await new Promise((resolve) => setImmediate(resolve));
}

describe('WebSocket subscriptions in production pass the same masking and operation limits as HTTP', () => {
  let gw: TestGateway;
  let socket: GraphqlSocket;
  let withdrawalId: string;
  let sequence = 0;

  beforeAll(async () => {
    gw = await startTestGateway({ NODE_ENV: 'production' });
    const alice = await gw.token('alice');
    withdrawalId = await requestWithdrawal(gw, alice);
    socket = await openGraphqlSocket(gw.url);
    await acknowledged(socket, alice);
  });
  afterAll(async () => {
    await socket.close();
    await gw.close();
  });

  async function answer(query: string, variables?: Record<string, unknown>) {
    const id = `op-${++sequence}`;
    socket.send(subscribeMessage(id, query, variables));
    const message = await answerTo(socket, id);
    return { message, text: JSON.stringify(message) };
  }

  it('suggests no field names', async () => {
    const { message } = await answer(`subscription { withdrawalUpdatd(id: "x") { id } }`);
    expect(message.payload).toEqual([
      expect.objectContaining({
        message: 'Cannot query field "withdrawalUpdatd" on type "Subscription".',
        extensions: { code: 'GRAPHQL_VALIDATION_FAILED' },
      }),
    ]);
  });

  it('echoes no variable value and sends no stack trace', async () => {
    const { message, text } = await answer(UPDATED, { id: { pan: PAN } });
    expect(message.payload).toEqual([
      expect.objectContaining({
        message: expect.stringMatching(/^Variable "\$id" has an invalid value/),
        extensions: { code: 'BAD_USER_INPUT' },
      }),
    ]);
    expect(text).not.toContain(PAN);
    expect(text).not.toMatch(/stacktrace|node_modules|\.ts:\d+/);
  });

  it('passes the errors resolvers mean clients to see', async () => {
    const { message } = await answer(UPDATED, { id: 'bm90LWEtd2l0aGRyYXdhbA' });
    expect(message).toMatchObject({
      type: 'next',
      payload: { errors: [{ extensions: { code: 'BAD_USER_INPUT' } }] },
    });
  });

  it.each([
    [
      'aliases',
      `subscription { withdrawalUpdated(id: "x") { ${Array.from({ length: 16 }, (_, i) => `a${i}: id`).join(' ')} } }`,
      'GRAPHQL_VALIDATION_FAILED',
      /Aliases limit of 15 exceeded/,
    ],
    [
      'directives',
      `subscription { withdrawalUpdated(id: "x") { id ${'@include(if: true) '.repeat(11)} } }`,
      'GRAPHQL_VALIDATION_FAILED',
      /Directives limit of 10 exceeded/,
    ],
    [
      'tokens',
      `subscription { withdrawalUpdated(id: "x") { ${'id '.repeat(1200)} } }`,
      'GRAPHQL_PARSE_FAILED',
      /1000 tokens\. Parsing aborted/,
    ],
  ])('refuses a document beyond the %s limit', async (_limit, query, code, message) => {
    const { message: refused } = await answer(query);
    expect(refused.type).toBe('error');
    const errors = refused.payload as { message: string; extensions: { code: string } }[];
    expect(errors.map((error) => error.extensions.code)).toContain(code);
    expect(errors.map((error) => error.message)).toContainEqual(expect.stringMatching(message));
  });

  it('serves a subscription within every limit', async () => {
    socket.send(subscribeMessage('follow', UPDATED, { id: withdrawalId }));
    await waitFor(() => listeners(gw, withdrawalId) === 1);
    socket.send({ type: 'complete', id: 'follow' });
    await waitFor(() => listeners(gw, withdrawalId) === 0);
  });
});

describe('a WebSocket opened with a token', () => {
  let gw: TestGateway;

  beforeAll(async () => {
    gw = await startTestGateway();
  });
  afterAll(() => gw.close());

  it('is closed (4401) when the token expires, and its subscriptions end', async () => {
    const alice = await gw.token('alice');
    const withdrawalId = await requestWithdrawal(gw, alice);
    const shortLived = await issueClientToken(gw.gateway.config.auth, 'alice', [], '6s');
    const socket = await openGraphqlSocket(gw.url);
    await acknowledged(socket, shortLived);
    socket.send(subscribeMessage('follow', UPDATED, { id: withdrawalId }));
    // Open until the token expires (on a slow machine the subscribe may itself come after it).
    let ended = false;
    void socket.closed.then(() => (ended = true));
    await waitFor(() => listeners(gw, withdrawalId) === 1 || ended);

    expect(await socket.closed).toEqual({ code: 4401, reason: 'Token expired' });
    await waitFor(() => listeners(gw, withdrawalId) === 0);
  });

  it('is refused (4403) when the token does not verify', async () => {
    const socket = await openGraphqlSocket(gw.url);
    socket.send({ type: 'connection_init', payload: { authorization: 'Bearer not-a-jwt' } });
    expect(await socket.closed).toEqual({ code: 4403, reason: 'Forbidden' });
  });
});

/** The manifest codegen makes of schema/operations, built by the same plugin codegen runs. */
async function buildManifest(): Promise<Record<string, string>> {
  const { plugin } = (await import(join(root, 'scripts/codegen/persisted-operations.mjs'))) as {
    plugin: (schema: unknown, documents: { document: DocumentNode }[]) => string;
  };
  const folder = join(root, 'schema/operations');
  const documents = readdirSync(folder)
    .filter((file) => file.endsWith('.graphql'))
    .map((file) => ({ document: parse(readFileSync(join(folder, file), 'utf8')) }));
  return JSON.parse(plugin(undefined, documents)) as Record<string, string>;
}

describe('WebSocket subscriptions on a gateway that runs only its persisted operations', () => {
  let gw: TestGateway;
  let socket: GraphqlSocket;
  let withdrawalId: string;

  beforeAll(async () => {
    const path = join(mkdtempSync(join(tmpdir(), 'paygraph-persisted-ws-')), 'persisted-operations.json');
    writeFileSync(path, JSON.stringify(await buildManifest()));
    gw = await startTestGateway({ PERSISTED_OPERATIONS_MANIFEST: path });
    const alice = await gw.token('alice');
    const { body } = await gw.graphql(
      generated.RequestCardlessWithdrawalDocument,
      { input: requestInput() },
      { token: alice },
    );
    withdrawalId = body.data!.requestCardlessWithdrawal.withdrawal!.id;
    socket = await openGraphqlSocket(gw.url);
    await acknowledged(socket, alice);
  });
  afterAll(async () => {
    await socket.close();
    await gw.close();
  });

  it('refuses any other document before it runs', async () => {
    socket.send(subscribeMessage('other', UPDATED, { id: withdrawalId }));
    expect((await answerTo(socket, 'other')).payload).toEqual([
      {
        message: 'This gateway runs only its persisted operations',
        extensions: { code: 'PERSISTED_QUERY_NOT_IN_LIST' },
      },
    ]);
    expect(listeners(gw, withdrawalId)).toBe(0);
  });

  it('runs a listed subscription, sent as text or by hash alone', async () => {
    socket.send(subscribeMessage('listed', print(generated.WithdrawalUpdatedDocument), { id: withdrawalId }));
    await waitFor(() => listeners(gw, withdrawalId) === 1);
    const hash = operationHash(generated.WithdrawalUpdatedDocument);
    socket.send({
      type: 'subscribe',
      id: 'by-hash',
      payload: {
        query: '',
        variables: { id: withdrawalId },
        extensions: { persistedQuery: { version: 1, sha256Hash: hash } },
      },
    });
    await waitFor(() => listeners(gw, withdrawalId) === 2);
    socket.send({ type: 'complete', id: 'listed' });
    socket.send({ type: 'complete', id: 'by-hash' });
    await waitFor(() => listeners(gw, withdrawalId) === 0);
  });
});
