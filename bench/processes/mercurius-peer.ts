/**
 * Child process: the fastest plain-JS GraphQL shape: Fastify + mercurius with graphql-jit compiling each
 * query after its first use, resolvers calling the upstream through an undici Pool.
 */
import Fastify from 'fastify';
import mercurius from 'mercurius';
import { Pool } from 'undici';
import {
  announceReady,
  createBody,
  paymentPayload,
  PEER_SCHEMA,
  PORT,
  toTransaction,
  unwrap,
  UPSTREAM_AUTHORIZATION,
  UPSTREAM_URL,
  type CreatePaymentInput,
} from './peer-shared.js';

const upstream = new Pool(UPSTREAM_URL, { connections: 64 });
const headers = { authorization: UPSTREAM_AUTHORIZATION, 'content-type': 'application/json' };

const app = Fastify();
await app.register(mercurius, {
  schema: PEER_SCHEMA,
  jit: 1,
  resolvers: {
    Query: {
      transaction: async (_root: unknown, { id }: { id: string }) => {
        const { body } = await upstream.request({
          method: 'GET',
          path: `/transaction/${encodeURIComponent(id)}`,
          headers,
        });
        return toTransaction(unwrap(await body.json()));
      },
    },
    Mutation: {
      createPayment: async (_root: unknown, { input }: { input: CreatePaymentInput }) => {
        const { body } = await upstream.request({
          method: 'POST',
          path: '/transaction',
          headers,
          body: JSON.stringify(createBody(input)),
        });
        return paymentPayload(unwrap(await body.json()));
      },
    },
  },
});
await app.listen({ port: PORT, host: '127.0.0.1' });
announceReady();
process.on('disconnect', () => void app.close().then(() => process.exit(0)));
