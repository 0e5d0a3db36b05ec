import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { fromGlobalId } from '../../src/domain/global-id.js';
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
const MESSAGE_LIMIT = 100;
const FLOOD = 20_000;

/** The gateway's own count of graphql-ws messages, by outcome. */
async function messageCounts(gw: TestGateway): Promise<{ processed: number; dropped: number }> {
  const metric = gw.gateway.services.metrics.registry.getSingleMetric('paygraph_websocket_messages_total');
  const values = (await metric!.get()).values;
  const of = (outcome: string) => values.find((value) => value.labels.outcome === outcome)?.value ?? 0;
  return { processed: of('processed'), dropped: of('dropped') };
}

function listeners(gw: TestGateway, withdrawalGlobalId: string): number {
  const pubsub = gw.gateway.services.pubsub as unknown as { listenerCount(topic: string): number };
  return pubsub.listenerCount(`withdrawal.updated.${fromGlobalId(withdrawalGlobalId)!.id}`);
}

/**
 * Sends `count` subscribe messages without waiting for any answer. The gateway runs in this process:
 * the messages go in batches, letting the event loop turn between them as it would for a remote client.
 */
async function flood(socket: GraphqlSocket, id: string, count: number): Promise<void> {
  for (let i = 0; i < count; i += 1) {
    socket.send(subscribeMessage(`s${i}`, UPDATED, { id }));
    if (i % 500 === 499) await new Promise((resolve) => setImmediate(resolve));
  }
}

describe('a flood of subscribe messages over one WebSocket is refused cheaply', () => {
  let gw: TestGateway;
  let withdrawalId: string;

  beforeAll(async () => {
    // A window far longer than the test, so that the count never depends on how fast it runs.
    gw = await startTestGateway({
      WS_RATE_LIMIT_MESSAGES: `${MESSAGE_LIMIT}/3600`,
      RATE_LIMIT_DEFAULT: '1000/60',
    });
    const alice = await gw.token('alice');
    const { body } = await gw.graphql<RequestPayload, unknown>(
      REQUEST,
      { input: requestInput() },
      { token: alice },
    );
    withdrawalId = body.data!.requestCardlessWithdrawal.withdrawal!.id;
  });
  afterAll(() => gw.close());

  it('refuses the attack as sent: anonymous connection_init, then 20,000 subscribes without waiting', async () => {
    const before = await messageCounts(gw);
    const socket = await openGraphqlSocket(gw.url);
    socket.send({ type: 'connection_init', payload: {} });
    await flood(socket, withdrawalId, FLOOD);
    const closed = await socket.closed;
    const after = await messageCounts(gw);

    // A subscribe read before the acknowledgement closes the socket (graphql-ws: 4401); once acknowledged,
    // the message limit does (4429). Which comes first depends on how the frames arrive, not on the gateway.
    expect([
      { code: 4401, reason: 'Unauthorized' },
      { code: 4429, reason: 'Too many messages' },
    ]).toContainEqual(closed);
    expect(after.processed - before.processed).toBeLessThanOrEqual(MESSAGE_LIMIT);
    for (const answer of socket.received.filter((message) => message.type !== 'connection_ack')) {
      expect(answer).toMatchObject({ type: 'error', payload: [{ extensions: { code: 'UNAUTHENTICATED' } }] });
    }
    expect(listeners(gw, withdrawalId)).toBe(0);
  });

  it('closes an acknowledged anonymous socket after its message limit, having read no document', async () => {
    const socket = await openGraphqlSocket(gw.url);
    await acknowledged(socket);
    const before = await messageCounts(gw);
    await flood(socket, withdrawalId, FLOOD);
    const closed = await socket.closed;
    const after = await messageCounts(gw);

    expect(closed).toEqual({ code: 4429, reason: 'Too many messages' });
    // With connection_init, the first 100 messages were read; the rest were dropped unread (or never arrived).
    expect(after.processed - before.processed).toBe(MESSAGE_LIMIT - 1);
    expect(after.dropped - before.dropped).toBeGreaterThan(0);
    expect(after.dropped - before.dropped).toBeLessThanOrEqual(FLOOD - (MESSAGE_LIMIT - 1));
    const answers = socket.received.filter((message) => message.type !== 'connection_ack');
    expect(answers.length).toBeLessThanOrEqual(MESSAGE_LIMIT - 1);
    for (const answer of answers) {
      expect(answer).toEqual({
        type: 'error',
        id: expect.any(String),
        payload: [
          {
            message: 'Subscriptions need a bearer token, sent at connection_init',
            extensions: { code: 'UNAUTHENTICATED' },
          },
        ],
      });
    }
    expect(listeners(gw, withdrawalId)).toBe(0);
  });

  it('holds an authenticated flood to the open-subscription limit, and ends every subscription with the socket', async () => {
    const socket = await openGraphqlSocket(gw.url);
    await acknowledged(socket, await gw.token('alice'));
    const before = await messageCounts(gw);
    await flood(socket, withdrawalId, FLOOD);
    const closed = await socket.closed;
    const after = await messageCounts(gw);

    expect(closed).toEqual({ code: 4429, reason: 'Too many messages' });
    expect(after.processed - before.processed).toBe(MESSAGE_LIMIT - 1);
    const refused = socket.received.filter((message) => message.type === 'error');
    // 20 subscriptions may be open on one connection (WS_MAX_SUBSCRIPTIONS_PER_CONNECTION); they got no answer.
    expect(refused.length).toBeLessThanOrEqual(MESSAGE_LIMIT - 1 - 20);
    expect(listeners(gw, withdrawalId)).toBeLessThanOrEqual(20);
    for (const answer of refused) {
      expect(answer.payload).toEqual([
        {
          message: 'Too many subscriptions open on this connection; complete one first',
          extensions: { code: 'RATE_LIMITED' },
        },
      ]);
    }
    expect(socket.received.some((message) => message.type === 'next')).toBe(false);
    await waitFor(() => listeners(gw, withdrawalId) === 0);
  });

  it('keeps serving everyone else', async () => {
    const health = await fetch(`${gw.url}/healthz`);
    expect(health.status).toBe(200);
    const socket = await openGraphqlSocket(gw.url);
    await acknowledged(socket, await gw.token('alice'));
    socket.send(subscribeMessage('one', UPDATED, { id: withdrawalId }));
    await waitFor(() => listeners(gw, withdrawalId) === 1);
    await socket.close();
    await waitFor(() => listeners(gw, withdrawalId) === 0);
  });

  it('refuses a principal more connections than WS_MAX_CONNECTIONS_PER_PRINCIPAL', async () => {
    const bob = await gw.token('bob-ws');
    const open: GraphqlSocket[] = [];
    for (let i = 0; i < 10; i += 1) {
      const socket = await openGraphqlSocket(gw.url);
      await acknowledged(socket, bob);
      open.push(socket);
    }
    const extra = await openGraphqlSocket(gw.url);
    extra.send({ type: 'connection_init', payload: { authorization: `Bearer ${bob}` } });
    expect(await extra.closed).toEqual({ code: 4429, reason: 'Too many connections' });
    // Another principal is not affected, and a closed connection frees its place.
    const carol = await openGraphqlSocket(gw.url);
    await acknowledged(carol, await gw.token('carol-ws'));
    await open.pop()!.close();
    const again = await acknowledgedOnceFreed(gw, bob);
    await Promise.all([...open, carol, again].map((socket) => socket.close()));
  });

  it('counts each subscribe against the same operation budget as HTTP', async () => {
    const limited = await startTestGateway({ RATE_LIMIT_DEFAULT: '3/3600' });
    try {
      const dave = await limited.token('dave-ws');
      for (let i = 0; i < 3; i += 1) await limited.graphql('{ __typename }', undefined, { token: dave });
      const socket = await openGraphqlSocket(limited.url);
      await acknowledged(socket, dave);
      socket.send(subscribeMessage('late', UPDATED, { id: withdrawalId }));
      const answer = await answerTo(socket, 'late');
      expect(answer.payload).toEqual([
        expect.objectContaining({
          extensions: { code: 'RATE_LIMITED', retryAfterSeconds: expect.any(Number) },
        }),
      ]);
      await socket.close();
    } finally {
      await limited.close();
    }
  });
});

/**
 * A socket acknowledged for `token` once the gateway has seen an earlier one of its sockets go: the
 * client may see its close before the server does, so a refused attempt (4429) is simply made again.
 */
async function acknowledgedOnceFreed(gw: TestGateway, token: string): Promise<GraphqlSocket> {
  for (;;) {
    const socket = await openGraphqlSocket(gw.url);
    socket.send({ type: 'connection_init', payload: { authorization: `Bearer ${token}` } });
    const outcome = await Promise.race([
      socket
        .next((message) => message.type === 'connection_ack')
        .then(
          () => 'acknowledged',
          () => 'closed',
        ),
      socket.closed.then(() => 'closed'),
    ]);
    if (outcome === 'acknowledged') return socket;
    expect(await socket.closed).toEqual({ code: 4429, reason: 'Too many connections' });
  }
}

/** Resolves once `condition` holds, checked as the event loop turns (no fixed sleep). */
async function waitFor(condition: () => boolean): Promise<void> {
  while (!condition()) await new Promise((resolve) => setImmediate(resolve));
}
