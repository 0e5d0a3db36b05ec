import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { toGlobalId } from '../../src/domain/global-id.js';
import { REQUEST, requestInput, type RequestPayload } from '../integration/nchl/nchl-gateway.js';
import { startTestGateway, type TestGateway } from '../helpers/test-gateway.js';

const ENTITIES = `query($representations: [_Any!]!) {
  _entities(representations: $representations) { ... on Withdrawal { id } ... on Transaction { id } } }`;
const NODE = `query($id: ID!) { node(id: $id) { id } }`;

const base64url = (text: string) => Buffer.from(text, 'utf8').toString('base64url');

describe('_entities and node(id:) do bounded work and answer clean errors', () => {
  let gw: TestGateway;
  let alice: string;
  let withdrawalId: string;

  beforeAll(async () => {
    gw = await startTestGateway({ RATE_LIMIT_DEFAULT: '10000/60' });
    alice = await gw.token('alice');
    const { body } = await gw.graphql<RequestPayload, unknown>(
      REQUEST,
      { input: requestInput() },
      { token: alice },
    );
    withdrawalId = body.data!.requestCardlessWithdrawal.withdrawal!.id;
  });
  afterAll(() => gw.close());

  const withdrawals = (count: number) =>
    Array.from({ length: count }, () => ({ __typename: 'Withdrawal', id: withdrawalId }));

  it('refuses 15,000 representations in one operation before loading any', async () => {
    const reports = gw.simulators.nchl.requests.entries.length;
    // About 850 KB, within the body limit, like the attack of the issue.
    const representations = Array.from({ length: 15_000 }, (_, i) => ({
      __typename: 'Withdrawal',
      id: toGlobalId('Withdrawal', String(i)),
    }));
    const response = await gw.graphql(ENTITIES, { representations }, { token: alice });
    expect(response.status).toBe(400);
    expect(response.body.data).toBeUndefined();
    expect(response.body.errors).toEqual([
      expect.objectContaining({
        message: 'The operation asks for 15000 entities; the limit is 100.',
        extensions: expect.objectContaining({ code: 'GRAPHQL_VALIDATION_FAILED' }),
      }),
    ]);
    expect(gw.simulators.nchl.requests.entries.length).toBe(reports);
  });

  it('counts the representations of every _entities field together, literals included', async () => {
    const within = await gw.graphql(ENTITIES, { representations: withdrawals(100) }, { token: alice });
    expect(within.status).toBe(200);
    expect((within.body.data as { _entities: unknown[] })._entities).toHaveLength(100);
    const literal = `{ _entities(representations: [{ __typename: "Withdrawal", id: "${withdrawalId}" }]) { __typename } }`;
    const twice = `query($representations: [_Any!]!) {
      a: _entities(representations: $representations) { __typename }
      b: _entities(representations: [{ __typename: "Withdrawal", id: "${withdrawalId}" }]) { __typename } }`;
    expect((await gw.graphql(literal, undefined, { token: alice })).status).toBe(200);
    const beyond = await gw.graphql(twice, { representations: withdrawals(100) }, { token: alice });
    expect(beyond.status).toBe(400);
    expect(beyond.body.errors?.[0]?.message).toBe('The operation asks for 101 entities; the limit is 100.');
  });

  it.each([
    ['a type that is not an entity', { __typename: 'Card', id: toGlobalId('Card', 'c1') }],
    ['an object id', { __typename: 'Withdrawal', id: { $gt: '' } }],
    ['no id', { __typename: 'Withdrawal' }],
    ['__proto__ as type', { __typename: '__proto__', id: 'x' }],
    ['not an object', 'Withdrawal:1'],
  ])('refuses a representation naming %s with BAD_USER_INPUT', async (_kind, representation) => {
    const response = await gw.graphql(ENTITIES, { representations: [representation] }, { token: alice });
    expect(response.status).toBe(400);
    expect(response.body.errors).toEqual([
      expect.objectContaining({
        message:
          'Representation 0 must be an object with __typename one of Transaction, User, Withdrawal and a string id.',
        extensions: expect.objectContaining({ code: 'BAD_USER_INPUT' }),
      }),
    ]);
  });

  it('answers null for a representation whose id names another type', async () => {
    const response = await gw.graphql(
      ENTITIES,
      { representations: [{ __typename: 'Withdrawal', id: toGlobalId('Card', 'c1') }] },
      { token: alice },
    );
    expect(response.body).toEqual({ data: { _entities: [null] } });
  });

  it.each(['__proto__:x', 'constructor:x', 'toString:x', 'hasOwnProperty:x', 'valueOf:1', 'Nothing:1'])(
    'answers node(id: base64url("%s")) with null, not an internal error',
    async (decoded) => {
      const response = await gw.graphql(NODE, { id: base64url(decoded) }, { token: alice });
      expect(response.status).toBe(200);
      expect(response.body).toEqual({ data: { node: null } });
    },
  );

  it('answers _entities with __proto__ ids with null', async () => {
    const response = await gw.graphql(
      ENTITIES,
      { representations: [{ __typename: 'Withdrawal', id: base64url('__proto__:x') }] },
      { token: alice },
    );
    expect(response.body).toEqual({ data: { _entities: [null] } });
  });
});
