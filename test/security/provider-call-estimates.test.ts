import 'reflect-metadata';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import { Kind, parse, type GraphQLSchema, type OperationDefinitionNode } from 'graphql';
import { ALL_PROVIDERS, Provider } from '../../src/domain/provider.js';
import { NUPEYE_SANDBOX_CUSTOMER } from '../../src/sandbox/nupeye/index.js';
import { DIGIPAY_SANDBOX_WALLETS } from '../../src/sandbox/digipay/digipay-wallets.js';
import { buildPayGraphSchema } from '../../src/schema/build-schema.js';
import { estimateProviderCalls } from '../../src/server/pipeline/provider-call-budget.js';
import { fragmentsOf } from '../../src/server/pipeline/selections.js';
import { registeredUser } from '../integration/enayapay/gateway-accounts.js';
import { newPhone } from '../integration/enayapay/enayapay-harness.js';
import { requestInput, completeInput } from '../integration/nchl/nchl-gateway.js';
import { startTestGateway, type TestGateway } from '../helpers/test-gateway.js';
import { operations, type ArgumentSamples } from './operation-generator.js';

/** Requests that renew a provider credential: outside the budget, which counts an operation's own calls. */
const CREDENTIAL_RENEWALS: Partial<Record<Provider, RegExp>> = {
  [Provider.NCHL]: /\/oauth\/token$/,
  [Provider.NUPEYE]: /\/auth\/(login|refresh_authentication)$/,
};
const PASSWORD = 'Prop-pass-1';
const CARD = { pan: '4111111111111111', ipin: 'hT5mR9qW', expiry: '1230' };
const UNLIMITED = '1000000/60';

let keys = 0;
const key = () => `estimate-${process.pid}-${(keys += 1)}`;

describe('the provider-call budget is never below the calls an operation makes', () => {
  let gw: TestGateway;
  let schema: GraphQLSchema;
  let tokens: string[];
  let samples: ArgumentSamples;
  const observedMost: Partial<Record<Provider, number>> = {};
  const selected = new Set<string>();

  beforeAll(async () => {
    gw = await startTestGateway({
      GRAPHQL_MAX_PROVIDER_CALLS: '1000000',
      GRAPHQL_MAX_COST: '100000000',
      GRAPHQL_MAX_ALIASES: '1000',
      RATE_LIMIT_DEFAULT: UNLIMITED,
      RATE_LIMITS: [
        'inquireCardBalance',
        'createPayment',
        'rechargeMobile',
        'transferToNupeyeWallet',
        'topupWallet',
        'requestCardlessWithdrawal',
        'completeCashWithdrawal',
      ]
        .map((field) => `${field}=${UNLIMITED}`)
        .join(','),
      NCHL_RECONCILE_AFTER_SECONDS: '86400',
    });
    schema = await buildPayGraphSchema();
    const user = await registeredUser(gw, PASSWORD);
    // The same user with a client token that also has the operator scope: no query of it is refused a
    // field. A refused non-null field answers at once while its siblings still run, so their calls would
    // land in the next operation's count.
    const operator = await gw.token(user.principal, ['operator']);
    tokens = [user.token, operator];
    await seed(gw, user.token);
    const ids = await knownIds(gw, user.token);

    const fresh = <T>(make: () => T) => fc.constant(null).map(() => make());
    const input = (make: () => Record<string, unknown>) => fresh(make);
    samples = {
      'Query.node.id': fc.constantFrom(...ids.all, 'bm9uZTox'),
      'Query.transaction.id': fc.constantFrom(...ids.transactions),
      'Query.withdrawal.id': fc.constantFrom(...ids.withdrawals),
      'Query._entities.representations': fc.array(fc.constantFrom(...ids.representations), {
        minLength: 1,
        maxLength: 25,
      }),
      'Query.walletTopupQuote.input': fc.constant({
        walletId: DIGIPAY_SANDBOX_WALLETS.active,
        amount: '1000',
        txnCode: 'CIB',
        paymentMode: 2,
      }),
      'Mutation.createPayment.input': input(() => ({
        idempotencyKey: key(),
        amount: '12.50',
        currency: 'AUD',
      })),
      'Mutation.rechargeMobile.input': input(() => ({
        idempotencyKey: key(),
        mobileNumber: '9812345678',
        amount: '10',
        nupeyeUserName: NUPEYE_SANDBOX_CUSTOMER.userName,
        nupeyePassword: NUPEYE_SANDBOX_CUSTOMER.password,
      })),
      'Mutation.transferToNupeyeWallet.input': input(() => ({
        idempotencyKey: key(),
        mobileNumber: NUPEYE_SANDBOX_CUSTOMER.mobileNo,
        amount: '5',
      })),
      'Mutation.topupWallet.input': input(() => ({
        idempotencyKey: key(),
        walletId: DIGIPAY_SANDBOX_WALLETS.active,
        amount: '25',
        txnCode: 'CIB',
        paymentMode: 2,
      })),
      'Mutation.requestCardlessWithdrawal.input': input(() => requestInput({ idempotencyKey: key() })),
      'Mutation.completeCashWithdrawal.input': input(() =>
        completeInput(ids.withdrawals[0]!, '123456', { idempotencyKey: key() }),
      ),
      'Mutation.inquireCardBalance.input': fc.constant(CARD),
      'Mutation.registerUser.input': input(() => ({
        phone: newPhone(),
        name: 'estimate',
        password: PASSWORD,
      })),
      'Mutation.verifyUser.input': fc.constant({ phone: user.phone, otp: '000000' }),
      'Mutation.loginUser.input': fc.constant({ phone: user.phone, password: PASSWORD }),
      'Mutation.changePassword.input': fc.constant({ currentPassword: PASSWORD, newPassword: PASSWORD }),
      'Mutation.resetPassword.input': fc.constant({ newPassword: PASSWORD }),
    };
  }, 60_000);
  afterAll(() => gw.close());

  const check = async (
    kind: 'query' | 'mutation',
    generated: { query: string; variables: Record<string, unknown>; fields: string[] },
    token: string,
  ) => {
    for (const simulator of Object.values(gw.simulators)) simulator.requests.clear();
    const response = await gw.graphql(generated.query, generated.variables, { token });
    const observed = observedCalls(gw);
    const document = parse(generated.query);
    const operation = document.definitions.find(
      (d): d is OperationDefinitionNode => d.kind === Kind.OPERATION_DEFINITION,
    )!;
    const estimate = estimateProviderCalls(
      schema,
      operation,
      fragmentsOf(document),
      generated.variables,
      1000,
    );
    generated.fields.forEach((field) => selected.add(field));
    for (const provider of ALL_PROVIDERS) {
      const paths = observed[provider] ?? [];
      const calls = paths.length;
      observedMost[provider] = Math.max(observedMost[provider] ?? 0, calls);
      expect({
        kind,
        query: generated.query,
        status: response.status,
        provider,
        paths,
        withinEstimate: calls <= (estimate.byProvider[provider] ?? 0),
      }).toEqual({
        kind,
        query: generated.query,
        status: response.status,
        provider,
        paths,
        withinEstimate: true,
      });
    }
  };

  it('for generated queries, page sizes as literals and as variables', async () => {
    await fc.assert(
      fc.asyncProperty(operations(schema, 'query', samples, { depth: 8 }), (generated) =>
        check('query', generated, tokens[1]!),
      ),
      { numRuns: 60 },
    );
  }, 240_000);

  it('for generated mutations and the payloads they select', async () => {
    // Each operation selects one chosen mutation field (so that every one is tried), and maybe others.
    const mutationFields = Object.keys(schema.getMutationType()!.getFields()).filter(
      (name) => samples[`Mutation.${name}.input`],
    );
    await fc.assert(
      fc.asyncProperty(
        fc
          .constantFrom(...mutationFields)
          .chain((include) => operations(schema, 'mutation', samples, { depth: 5, rootFields: 1, include })),
        fc.constantFrom(0, 1),
        // Mutations run one after the other: a refused one stops the rest before they start.
        (generated, who) => check('mutation', generated, tokens[who]!),
      ),
      { numRuns: 60 },
    );
    // Any mutation field the random choice left out is tried once.
    for (const name of mutationFields.filter((field) => !selected.has(`Mutation.${field}`))) {
      const [generated] = fc.sample(
        operations(schema, 'mutation', samples, { depth: 5, rootFields: 1, include: name }),
        1,
      );
      await check('mutation', generated!, tokens[0]!);
    }
  }, 240_000);

  it('reached every provider and every field that declares provider calls', () => {
    for (const provider of ALL_PROVIDERS)
      expect({ provider, reached: (observedMost[provider] ?? 0) > 0 }).toEqual({ provider, reached: true });
    const declared = Object.values(schema.getTypeMap()).flatMap((type) =>
      'getFields' in type && !type.name.startsWith('__')
        ? Object.values(
            (
              type as {
                getFields(): Record<string, { name: string; extensions: { providerCalls?: unknown } }>;
              }
            ).getFields(),
          )
            .filter((field) => field.extensions.providerCalls)
            .map((field) => `${type.name}.${field.name}`)
        : [],
    );
    expect(declared.length).toBeGreaterThan(10);
    expect(declared.filter((field) => !selected.has(field))).toEqual([]);
  });
});

/** The requests each simulator received, by provider (credential renewals aside). */
function observedCalls(gw: TestGateway): Partial<Record<Provider, string[]>> {
  const byName: Record<keyof TestGateway['simulators'], Provider> = {
    numeropay: Provider.NUMEROPAY,
    nupeye: Provider.NUPEYE,
    enayapay: Provider.ENAYAPAY,
    digipay: Provider.DIGIPAY,
    nchl: Provider.NCHL,
  };
  const requests: Partial<Record<Provider, string[]>> = {};
  for (const [name, simulator] of Object.entries(gw.simulators) as [
    keyof TestGateway['simulators'],
    { requests: { entries: { method: string; path: string }[] } },
  ][]) {
    const provider = byName[name];
    const renewal = CREDENTIAL_RENEWALS[provider];
    requests[provider] = simulator.requests.entries
      .map((entry) => `${entry.method} ${entry.path}`)
      .filter((request) => !renewal?.test(request));
  }
  return requests;
}

/** Objects whose fields reach providers when read: open NumeroPay payments, open withdrawals, wallets, a card. */
async function seed(gw: TestGateway, token: string): Promise<void> {
  const run = async (query: string, variables: Record<string, unknown>) => {
    const { body } = await gw.graphql(query, variables, { token });
    if (body.errors) throw new Error(`seeding failed: ${JSON.stringify(body.errors)}`);
  };
  for (let i = 0; i < 3; i += 1) {
    await run('mutation($i: CreatePaymentInput!) { createPayment(input: $i) { replayed } }', {
      i: { idempotencyKey: key(), amount: '9.99', currency: 'AUD' },
    });
    await run(
      'mutation($i: RequestCardlessWithdrawalInput!) { requestCardlessWithdrawal(input: $i) { replayed } }',
      { i: requestInput({ idempotencyKey: key() }) },
    );
  }
  await run('mutation($i: TopupWalletInput!) { topupWallet(input: $i) { replayed } }', {
    i: {
      idempotencyKey: key(),
      walletId: DIGIPAY_SANDBOX_WALLETS.active,
      amount: '25',
      txnCode: 'CIB',
      paymentMode: 2,
    },
  });
  await run('mutation($i: TransferToNupeyeWalletInput!) { transferToNupeyeWallet(input: $i) { replayed } }', {
    i: { idempotencyKey: key(), mobileNumber: NUPEYE_SANDBOX_CUSTOMER.mobileNo, amount: '5' },
  });
  await run(
    'mutation($i: InquireCardBalanceInput!) { inquireCardBalance(input: $i) { userErrors { code } } }',
    { i: CARD },
  );
}

async function knownIds(gw: TestGateway, token: string) {
  const { body } = await gw.graphql<
    { me: { id: string; transactions: Page; withdrawals: Page; wallets: Page; cards: Page } },
    unknown
  >(
    `{ me { id transactions(first: 100) { edges { node { id } } } withdrawals(first: 100) { edges { node { id } } }
            wallets(first: 100) { edges { node { id } } } cards(first: 100) { edges { node { id } } } } }`,
    undefined,
    { token },
  );
  const me = body.data!.me;
  const idsOf = (page: Page) => page.edges.map((edge) => edge.node.id);
  const transactions = idsOf(me.transactions);
  const withdrawals = idsOf(me.withdrawals);
  return {
    transactions,
    withdrawals,
    all: [me.id, ...transactions, ...withdrawals, ...idsOf(me.wallets), ...idsOf(me.cards)],
    representations: [
      { __typename: 'User', id: me.id },
      ...transactions.map((id) => ({ __typename: 'Transaction', id })),
      ...withdrawals.map((id) => ({ __typename: 'Withdrawal', id })),
    ],
  };
}

interface Page {
  edges: { node: { id: string } }[];
}
