import { describe, expect, it } from '@jest/globals';
import { ApolloServer } from '@apollo/server';
import { unwrapResolverError } from '@apollo/server/errors';
import {
  buildSchema,
  GraphQLError,
  isInterfaceType,
  isObjectType,
  type GraphQLFieldResolver,
  type GraphQLFormattedError,
  type GraphQLSchema,
} from 'graphql';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CompiledExecutor, executorGateway } from '../../../src/server/graphql-executor.js';
import { sha256 } from '../../../src/server/security/operation-hash.js';
import { PersistedOperations } from '../../../src/server/security/persisted-operations.js';

/** An error class of our own, as a provider error is: formatError recognises it by class. */
class ProviderLikeError extends Error {}

interface Context {
  calls: string[];
}

type Resolvers = Record<
  string,
  Record<string, GraphQLFieldResolver<unknown, Context, never> | (() => string)>
>;

/** A schema from SDL with resolvers attached, as a code-first schema builder leaves it. */
function executableSchema({
  typeDefs,
  resolvers,
}: {
  typeDefs: string;
  resolvers: Resolvers;
}): GraphQLSchema {
  const built = buildSchema(typeDefs);
  for (const [typeName, fields] of Object.entries(resolvers)) {
    const type = built.getType(typeName);
    for (const [name, resolve] of Object.entries(fields)) {
      if (isInterfaceType(type) && name === '__resolveType') type.resolveType = resolve as () => string;
      else if (isObjectType(type))
        type.getFields()[name]!.resolve = resolve as GraphQLFieldResolver<unknown, Context>;
    }
  }
  return built;
}

const schema = executableSchema({
  typeDefs: /* GraphQL */ `
    interface Node {
      id: ID!
    }
    type Payment implements Node {
      id: ID!
      amount: String!
    }
    type Query {
      payment(id: ID!): Payment
      node(id: ID!): Node
      forbidden: String
      failing: Payment!
      count(n: Int!): [Int!]!
    }
    type Mutation {
      step(name: String!): String!
    }
  `,
  resolvers: {
    Node: { __resolveType: () => 'Payment' },
    Query: {
      payment: (_root, { id }: { id: string }, context) => {
        context.calls.push(`payment:${id}`);
        return Promise.resolve({ id, amount: '25.00' });
      },
      node: (_root, { id }: { id: string }) => ({ id, amount: '1.00' }),
      forbidden: () => {
        throw new GraphQLError('not yours', { extensions: { code: 'FORBIDDEN' } });
      },
      failing: () => Promise.reject(new ProviderLikeError('upstream refused')),
      count: (_root, { n }: { n: number }) => Array.from({ length: n }, (_, index) => index),
    },
    Mutation: {
      // Each step waits a different time: serial execution still finishes them in document order.
      step: async (_root, { name }: { name: string }, context) => {
        context.calls.push(`start:${name}`);
        await new Promise((resolve) => setImmediate(resolve));
        context.calls.push(`end:${name}`);
        return name;
      },
    },
  },
});

async function servers(persisted?: PersistedOperations) {
  const executor = new CompiledExecutor(schema, persisted, { maxCompiled: 2 });
  const compiled = new ApolloServer<Context>({ gateway: executorGateway(schema, executor) });
  const plain = new ApolloServer<Context>({ schema });
  await Promise.all([compiled.start(), plain.start()]);
  return { executor, compiled, plain, stop: () => Promise.all([compiled.stop(), plain.stop()]) };
}

const run = async (server: ApolloServer<Context>, query: string, variables: Record<string, unknown> = {}) => {
  const context = { calls: [] as string[] };
  const response = await server.executeOperation({ query, variables }, { contextValue: context });
  if (response.body.kind !== 'single') throw new Error('expected a single result');
  return { status: response.http.status, result: response.body.singleResult, calls: context.calls };
};

const PAYMENT =
  'query Payment($id: ID!) { payment(id: $id) { id amount } node(id: $id) { id ... on Payment { amount } } }';

describe('CompiledExecutor behind Apollo Server', () => {
  it('runs a document with graphql-js the first time, compiled from the second, with the same answers', async () => {
    const { executor, compiled, plain, stop } = await servers();
    try {
      const expected = await run(plain, PAYMENT, { id: 'p1' });
      const first = await run(compiled, PAYMENT, { id: 'p1' });
      expect(executor.counts).toEqual({ compiled: 0, graphqlJs: 1 });
      const second = await run(compiled, PAYMENT, { id: 'p2' });
      const third = await run(compiled, PAYMENT, { id: 'p1' });

      expect(executor.counts).toEqual({ compiled: 2, graphqlJs: 1 });
      expect(first).toEqual(expected);
      expect(third).toEqual(expected);
      expect(second.result.data).toEqual({
        payment: { id: 'p2', amount: '25.00' },
        node: { id: 'p2', amount: '1.00' },
      });
      expect(second.calls).toEqual(['payment:p2']);
    } finally {
      await stop();
    }
  });

  it('compiles a document of the persisted manifest from its first request', async () => {
    const directory = mkdtempSync(join(tmpdir(), 'persisted-'));
    const file = join(directory, 'manifest.json');
    const { parse, print } = await import('graphql');
    const canonical = print(parse(PAYMENT));
    writeFileSync(file, JSON.stringify({ [sha256(canonical)]: canonical }));
    const { executor, compiled, stop } = await servers(PersistedOperations.load(file));
    try {
      await run(compiled, PAYMENT, { id: 'p1' });
      expect(executor.counts).toEqual({ compiled: 1, graphqlJs: 0 });
      await run(compiled, '{ count(n: 2) }');
      expect(executor.counts).toEqual({ compiled: 1, graphqlJs: 1 });
    } finally {
      await stop();
    }
  });

  it('answers variables that do not coerce exactly as graphql-js does, without running a resolver', async () => {
    const { executor, compiled, plain, stop } = await servers();
    try {
      await run(compiled, PAYMENT, { id: 'p1' });
      await run(compiled, PAYMENT, { id: 'p1' });
      const expected = await run(plain, PAYMENT, { id: { not: 'an id' } });
      const answer = await run(compiled, PAYMENT, { id: { not: 'an id' } });

      expect(answer).toEqual(expected);
      expect(answer.status).toBe(400);
      expect(answer.calls).toEqual([]);
      expect(executor.counts.graphqlJs).toBe(2);
    } finally {
      await stop();
    }
  });

  it('keeps the extensions of resolver errors and the partial data', async () => {
    const { compiled, plain, stop } = await servers();
    try {
      const query = '{ forbidden count(n: 3) }';
      const expected = await run(plain, query);
      await run(compiled, query);
      const answer = await run(compiled, query);

      expect(answer).toEqual(expected);
      expect(answer.result.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
      expect(answer.result.data).toEqual({ forbidden: null, count: [0, 1, 2] });
    } finally {
      await stop();
    }
  });

  it("hands formatError the resolver's own error, as graphql-js does", async () => {
    const seen: { original: unknown; path: unknown }[] = [];
    const formatError = (formatted: GraphQLFormattedError, error: unknown) => {
      seen.push({ original: unwrapResolverError(error), path: formatted.path });
      return { message: 'masked', extensions: { code: 'PROVIDER_UNAVAILABLE' } };
    };
    const executor = new CompiledExecutor(schema, undefined);
    const server = new ApolloServer<Context>({ gateway: executorGateway(schema, executor), formatError });
    await server.start();
    try {
      await run(server, '{ failing { id } }');
      const answer = await run(server, '{ failing { id } }');

      expect(executor.counts).toEqual({ compiled: 1, graphqlJs: 1 });
      expect(answer.result).toEqual({
        data: null,
        errors: [{ message: 'masked', extensions: { code: 'PROVIDER_UNAVAILABLE' } }],
      });
      expect(seen).toHaveLength(2);
      for (const entry of seen) {
        expect(entry.original).toBeInstanceOf(ProviderLikeError);
        expect(entry.path).toEqual(['failing']);
      }
    } finally {
      await server.stop();
    }
  });

  it('runs the root fields of a compiled mutation one after the other', async () => {
    const { executor, compiled, stop } = await servers();
    try {
      const mutation = 'mutation { a: step(name: "a") b: step(name: "b") c: step(name: "c") }';
      await run(compiled, mutation);
      const answer = await run(compiled, mutation);

      expect(executor.counts.compiled).toBe(1);
      expect(answer.result.data).toEqual({ a: 'a', b: 'b', c: 'c' });
      expect(answer.calls).toEqual(['start:a', 'end:a', 'start:b', 'end:b', 'start:c', 'end:c']);
    } finally {
      await stop();
    }
  });

  it('leaves introspection to graphql-js', async () => {
    const { executor, compiled, stop } = await servers();
    try {
      for (let attempt = 0; attempt < 3; attempt += 1)
        await run(compiled, '{ __schema { queryType { name } } }');
      expect(executor.counts).toEqual({ compiled: 0, graphqlJs: 3 });
    } finally {
      await stop();
    }
  });

  it('holds a bounded number of compiled documents', async () => {
    const { executor, compiled, stop } = await servers();
    try {
      for (const n of [1, 2, 3, 4])
        for (let attempt = 0; attempt < 2; attempt += 1) await run(compiled, `{ count(n: ${n}) }`);
      expect(executor.cachedDocuments).toBe(2);
      // The oldest was dropped: it is seen again, compiled again.
      const answer = await run(compiled, '{ count(n: 1) }');
      expect(answer.result.data).toEqual({ count: [0] });
    } finally {
      await stop();
    }
  });
});
