import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { composeServices } from '@apollo/composition';
import { ApolloGateway, RemoteGraphQLDataSource } from '@apollo/gateway';
import { ApolloServer } from '@apollo/server';
import { ApolloServerPluginInlineTraceDisabled } from '@apollo/server/plugin/disabled';
import { startStandaloneServer } from '@apollo/server/standalone';
import { buildSubgraphSchema } from '@apollo/subgraph';
import { readFileSync } from 'node:fs';
import { parse } from 'graphql';
import { gql } from 'graphql-tag';
import { CreatePaymentDocument } from '../../../src/generated/graphql.js';
import { startTestGateway, type TestGateway } from '../../helpers/test-gateway.js';

/** A small second subgraph: orders that point at PayGraph transactions. */
const ordersTypeDefs = gql`
  extend schema @link(url: "https://specs.apollo.dev/federation/v2.3", import: ["@key"])
  type Order @key(fields: "id") {
    id: ID!
    reference: String!
    transaction: Transaction
  }
  type Transaction @key(fields: "id", resolvable: false) {
    id: ID!
  }
  type Query {
    orders: [Order!]!
  }
`;

interface GatewayContext {
  authorization?: string;
}

describe('PayGraph as an Apollo Federation 2 subgraph', () => {
  let gw: TestGateway;
  let orders: ApolloServer;
  let ordersUrl: string;
  let supergraph: ApolloServer<GatewayContext>;
  const transactionIds: string[] = [];

  beforeAll(async () => {
    gw = await startTestGateway();
    const alice = await gw.token('alice');
    for (const key of ['fed-1', 'fed-2', 'fed-3']) {
      const { body } = await gw.graphql(
        CreatePaymentDocument,
        { input: { idempotencyKey: key, amount: '25', currency: 'AUD' } },
        { token: alice },
      );
      transactionIds.push(body.data!.createPayment.transaction!.id);
    }
    orders = new ApolloServer({
      plugins: [ApolloServerPluginInlineTraceDisabled()],
      schema: buildSubgraphSchema({
        typeDefs: ordersTypeDefs,
        resolvers: {
          Query: {
            orders: () =>
              transactionIds.map((id, index) => ({
                id: `order-${index}`,
                reference: `Order ${index}`,
                transaction: { __typename: 'Transaction', id },
              })),
          },
        },
      }),
    });
    ({ url: ordersUrl } = await startStandaloneServer(orders, { listen: { port: 0, host: '127.0.0.1' } }));
  });

  afterAll(async () => {
    await supergraph?.stop();
    await orders?.stop();
    await gw?.close();
  });

  it('composes with another subgraph', () => {
    const paygraphSdl = readFileSync(new URL('../../../schema/subgraph.graphql', import.meta.url), 'utf8');
    const result = composeServices([
      { name: 'paygraph', typeDefs: parse(paygraphSdl), url: `${gw.url}/graphql` },
      { name: 'orders', typeDefs: ordersTypeDefs, url: ordersUrl },
    ]);
    expect(result.errors ?? []).toEqual([]);
    expect(result.supergraphSdl).toContain('type Order');
    expect(result.supergraphSdl).toMatch(/type Transaction[^{]*@join__type\(graph: PAYGRAPH, key: "id"\)/);
  });

  it('serves its SDL through _service', async () => {
    const { body } = await gw.graphql<{ _service: { sdl: string } }, never>('{ _service { sdl } }');
    expect(body.data!._service.sdl).toContain('@key(fields: "id")');
  });

  it("resolves PayGraph transactions referenced by the other subgraph, with the caller's visibility", async () => {
    const paygraphSdl = readFileSync(new URL('../../../schema/subgraph.graphql', import.meta.url), 'utf8');
    const { supergraphSdl, errors } = composeServices([
      { name: 'paygraph', typeDefs: parse(paygraphSdl), url: `${gw.url}/graphql` },
      { name: 'orders', typeDefs: ordersTypeDefs, url: ordersUrl },
    ]);
    expect(errors ?? []).toEqual([]);
    supergraph = new ApolloServer<GatewayContext>({
      gateway: new ApolloGateway({
        supergraphSdl: supergraphSdl!,
        buildService: ({ url }) =>
          new RemoteGraphQLDataSource<GatewayContext>({
            url,
            willSendRequest: ({ request, context }) => {
              if (context.authorization) request.http?.headers.set('authorization', context.authorization);
            },
          }),
      }),
    });
    await supergraph.start();
    const query = '{ orders { reference transaction { id provider status amount { amount currency } } } }';

    const asAlice = await supergraph.executeOperation(
      { query },
      { contextValue: { authorization: `Bearer ${await gw.token('alice')}` } },
    );
    const aliceResult = asAlice.body.kind === 'single' ? asAlice.body.singleResult : undefined;
    expect(aliceResult?.errors).toBeUndefined();
    const aliceOrders = (
      aliceResult?.data as { orders: { transaction: { id: string; amount: { amount: string } } }[] }
    ).orders;
    expect(aliceOrders.map((order) => order.transaction.id)).toEqual(transactionIds);
    expect(aliceOrders.every((order) => order.transaction.amount.amount === '25')).toBe(true);

    const asBob = await supergraph.executeOperation(
      { query },
      { contextValue: { authorization: `Bearer ${await gw.token('bob')}` } },
    );
    const bobResult = asBob.body.kind === 'single' ? asBob.body.singleResult : undefined;
    const bobOrders = (bobResult?.data as { orders: { transaction: unknown }[] }).orders;
    expect(bobOrders.map((order) => order.transaction)).toEqual([null, null, null]);
  });
});
