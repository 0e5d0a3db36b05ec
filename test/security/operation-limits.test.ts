import { describe, expect, it } from '@jest/globals';
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  Kind,
  NoUnusedFragmentsRule,
  buildSchema,
  parse,
  specifiedRules,
  validate,
  type FragmentDefinitionNode,
  type OperationDefinitionNode,
} from 'graphql';
import { DEFAULT_OPERATION_LIMITS } from '../../src/config/security.config.js';
import { operationLimitRules } from '../../src/server/security/operation-limits.js';
import { estimateProviderCalls } from '../../src/server/security/provider-call-budget.js';
import {
  NO_PROVIDER_CALLS_BELOW,
  PROVIDER_CALL_COSTS,
} from '../../src/server/security/provider-call-costs.js';

const root = fileURLToPath(new URL('../../', import.meta.url));
const schema = buildSchema(readFileSync(join(root, 'schema/schema.graphql'), 'utf8'));
const limits = DEFAULT_OPERATION_LIMITS;
const { validationRules, parseOptions } = operationLimitRules(limits);

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

describe('the default operation limits', () => {
  it('leave every example operation of schema/operations valid', () => {
    expect(operations.length).toBeGreaterThan(3);
    for (const operation of operations) {
      const document = { kind: Kind.DOCUMENT, definitions: [operation, ...fragments.values()] } as const;
      const rules = specifiedRules.filter((rule) => rule !== NoUnusedFragmentsRule);
      const errors = validate(schema, document, [...rules, ...validationRules]);
      expect({ operation: operation.name?.value, errors: errors.map((e) => e.message) }).toEqual({
        operation: operation.name?.value,
        errors: [],
      });
      const calls = estimateProviderCalls(schema, operation, fragments, {});
      expect(calls).toBeLessThanOrEqual(limits.maxProviderCalls);
    }
  });

  it('price only fields that exist in the schema', () => {
    for (const key of [...Object.keys(PROVIDER_CALL_COSTS), ...NO_PROVIDER_CALLS_BELOW]) {
      const [typeName, fieldName] = key.split('.') as [string, string];
      const type = schema.getType(typeName);
      expect({ key, exists: !!type && 'getFields' in type && fieldName in type.getFields() }).toEqual({
        key,
        exists: true,
      });
    }
  });
});

describe('provider-call estimates', () => {
  const estimate = (source: string, variables: Record<string, unknown> = {}) => {
    const document = parse(source);
    const operation = document.definitions.find(
      (d): d is OperationDefinitionNode => d.kind === Kind.OPERATION_DEFINITION,
    )!;
    const fragmentsOf = new Map(
      document.definitions
        .filter((d): d is FragmentDefinitionNode => d.kind === Kind.FRAGMENT_DEFINITION)
        .map((d) => [d.name.value, d]),
    );
    return estimateProviderCalls(schema, operation, fragmentsOf, variables);
  };

  it('count one call per mutation field, aliases included', () => {
    expect(
      estimate(
        `mutation { a: createPayment(input: $i) { replayed } b: createPayment(input: $i) { replayed } }`,
      ),
    ).toBe(2);
  });

  it('multiply provider-backed fields by the page sizes around them, defaults included', () => {
    expect(estimate(`{ transactions(first: 7) { edges { node { status } } } }`)).toBe(7);
    expect(estimate(`{ transactions { edges { node { status } } } }`)).toBe(20);
    expect(estimate(`{ me { transactions(first: 3) { edges { node { status id } } } } }`)).toBe(3);
    expect(
      estimate(`query($n: Int) { transactions(first: $n) { edges { node { status } } } }`, { n: 0 }),
    ).toBe(1);
  });

  it('follow fragments and inline fragments, and count nothing for plain ledger fields', () => {
    expect(
      estimate(
        `{ transactions(first: 4) { ...Page } node(id: "x") { ... on Transaction { status } } }
         fragment Page on TransactionConnection { edges { node { id amount { amount } status } } }`,
      ),
    ).toBe(5);
    expect(estimate(`{ transactions(first: 100) { edges { node { id amount { amount } } } } }`)).toBe(0);
    expect(
      estimate(
        `{ me { wallets(first: 100) { edges { node { transactions(first: 100) { edges { node { status } } } } } } } }`,
      ),
    ).toBe(0);
  });
});
