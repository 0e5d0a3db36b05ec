import 'reflect-metadata';
import { beforeAll, describe, expect, it } from '@jest/globals';
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  Kind,
  NoUnusedFragmentsRule,
  parse,
  specifiedRules,
  validate,
  type FragmentDefinitionNode,
  type GraphQLSchema,
  type OperationDefinitionNode,
} from 'graphql';
import { DEFAULT_OPERATION_LIMITS } from '../../src/config/security.config.js';
import { buildPayGraphSchema } from '../../src/schema/build-schema.js';
import { documentRules } from '../../src/server/pipeline/document-rules.js';
import { operationCost } from '../../src/server/pipeline/operation-cost.js';
import { estimateProviderCalls } from '../../src/server/pipeline/provider-call-budget.js';
import { fragmentsOf } from '../../src/server/pipeline/selections.js';

const root = fileURLToPath(new URL('../../', import.meta.url));
const limits = DEFAULT_OPERATION_LIMITS;
const { validationRules, parseOptions } = documentRules(limits, true);

const operationFiles = readdirSync(join(root, 'schema/operations')).filter((f) => f.endsWith('.graphql'));
const documents = operationFiles.map((file) =>
  parse(readFileSync(join(root, 'schema/operations', file), 'utf8'), parseOptions),
);
const fragments = new Map(
  documents
    .flatMap((document) => document.definitions)
    .filter((d): d is FragmentDefinitionNode => d.kind === Kind.FRAGMENT_DEFINITION)
    .map((d) => [d.name.value, d]),
);
const operations = documents
  .flatMap((document) => document.definitions)
  .filter((d): d is OperationDefinitionNode => d.kind === Kind.OPERATION_DEFINITION);

let schema: GraphQLSchema;
beforeAll(async () => {
  schema = await buildPayGraphSchema();
});

describe('the default operation limits', () => {
  it('leave every example operation of schema/operations valid, within the cost and the provider budget', () => {
    expect(operations.length).toBeGreaterThan(3);
    for (const operation of operations) {
      const document = { kind: Kind.DOCUMENT, definitions: [operation, ...fragments.values()] } as const;
      const rules = specifiedRules.filter((rule) => rule !== NoUnusedFragmentsRule);
      const errors = validate(schema, document, [...rules, ...validationRules]);
      const name = operation.name?.value;
      expect({ name, errors: errors.map((e) => e.message) }).toEqual({ name, errors: [] });
      const cost = operationCost(schema, operation, fragments, {}, limits.maxEntities);
      expect({ name, withinCost: cost <= limits.maxCost }).toEqual({ name, withinCost: true });
      const calls = estimateProviderCalls(schema, operation, fragments, {}, limits.maxEntities);
      expect({ name, withinBudget: calls.total <= limits.maxProviderCalls }).toEqual({
        name,
        withinBudget: true,
      });
    }
  });
});

describe('provider-call estimates, from the declarations on the fields', () => {
  const estimate = (source: string, variables: Record<string, unknown> = {}) => {
    const document = parse(source);
    const operation = document.definitions.find(
      (d): d is OperationDefinitionNode => d.kind === Kind.OPERATION_DEFINITION,
    )!;
    return estimateProviderCalls(schema, operation, fragmentsOf(document), variables, limits.maxEntities);
  };

  it('count the calls each mutation field declares, aliases included', () => {
    expect(
      estimate(
        `mutation { a: createPayment(input: $i) { replayed } b: rechargeMobile(input: $i) { replayed } }`,
      ),
    ).toEqual({ total: 2, byProvider: { NUMEROPAY: 1, NUPEYE: 1 } });
  });

  it('multiply provider-backed fields by the page sizes around them, defaults included', () => {
    expect(estimate(`{ transactions(first: 7) { edges { node { status } } } }`).total).toBe(7);
    expect(estimate(`{ transactions { edges { node { status } } } }`).total).toBe(20);
    expect(estimate(`{ me { transactions(first: 3) { edges { node { status id } } } } }`).total).toBe(3);
    expect(
      estimate(`query($n: Int) { transactions(first: $n) { edges { node { status } } } }`, { n: 0 }).total,
    ).toBe(1);
  });

  it('count Withdrawal.status, an NCHL report call, beside NumeroPay statuses', () => {
    expect(
      estimate(`{ transactions(first: 100) { edges { node { status } } }
                  withdrawals(first: 100) { edges { node { status } } } }`),
    ).toEqual({ total: 200, byProvider: { NUMEROPAY: 100, NCHL: 100 } });
  });

  it('multiply _entities selections by the representations asked for', () => {
    const representations = Array.from({ length: 37 }, (_, i) => ({ __typename: 'Withdrawal', id: `w${i}` }));
    expect(
      estimate(
        `query($r: [_Any!]!) { _entities(representations: $r) { ... on Withdrawal { status } ... on Transaction { status } } }`,
        { r: representations },
      ),
    ).toEqual({ total: 74, byProvider: { NCHL: 37, NUMEROPAY: 37 } });
  });

  it('follow fragments and inline fragments, and count nothing for plain ledger fields', () => {
    expect(
      estimate(
        `{ transactions(first: 4) { ...Page } node(id: "x") { ... on Transaction { status } } }
         fragment Page on TransactionConnection { edges { node { id amount { amount } status } } }`,
      ).total,
    ).toBe(5);
    expect(estimate(`{ transactions(first: 100) { edges { node { id amount { amount } } } } }`).total).toBe(
      0,
    );
    expect(
      estimate(
        `{ me { wallets(first: 100) { edges { node { transactions(first: 100) { edges { node { status } } } } } } } }`,
      ).total,
    ).toBe(0);
  });
});

describe('the structural cost', () => {
  const cost = (source: string, variables: Record<string, unknown> = {}) => {
    const document = parse(source);
    const operation = document.definitions.find(
      (d): d is OperationDefinitionNode => d.kind === Kind.OPERATION_DEFINITION,
    )!;
    return operationCost(schema, operation, fragmentsOf(document), variables, limits.maxEntities);
  };

  it('multiplies page sizes given as literals and as variables alike', () => {
    const literal = cost(`{ transactions(first: 30) { edges { node { id } } } }`);
    const variable = cost(`query($n: Int!) { transactions(first: $n) { edges { node { id } } } }`, { n: 30 });
    expect(variable).toBe(literal);
    expect(cost(`{ transactions(first: 60) { edges { node { id } } } }`)).toBe(literal * 2);
  });

  it('counts an _entities selection once per representation', () => {
    const query = `query($r: [_Any!]!) { _entities(representations: $r) { ... on Withdrawal { id status } } }`;
    const one = cost(query, { r: [{ __typename: 'Withdrawal', id: 'a' }] });
    const fifty = cost(query, {
      r: Array.from({ length: 50 }, () => ({ __typename: 'Withdrawal', id: 'a' })),
    });
    expect(fifty).toBe(one * 50);
  });
});
