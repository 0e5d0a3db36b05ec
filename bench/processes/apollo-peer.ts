/**
 * Child process: the Apollo server a team would write by hand for the same calls. Apollo Server 5 on
 * Fastify (@as-integrations/fastify), one RESTDataSource per request (as Apollo's documentation shows),
 * on Node's own fetch (keep-alive; datasource-rest's default node-fetch opens a connection per call).
 */
import { ApolloServer } from '@apollo/server';
import fastifyApollo, { fastifyApolloDrainPlugin } from '@as-integrations/fastify';
import { RESTDataSource, type AugmentedRequest } from '@apollo/datasource-rest';
import Fastify from 'fastify';
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

class NumeroPayAPI extends RESTDataSource {
  override baseURL = `${UPSTREAM_URL}/`;

  override willSendRequest(_path: string, request: AugmentedRequest): void {
    request.headers.authorization = UPSTREAM_AUTHORIZATION;
  }

  async getTransaction(id: string) {
    return toTransaction(unwrap(await this.get(`transaction/${encodeURIComponent(id)}`)));
  }

  async createTransaction(input: CreatePaymentInput) {
    return paymentPayload(unwrap(await this.post('transaction', { body: createBody(input) })));
  }
}

interface PeerContext {
  numeropay: NumeroPayAPI;
}

const app = Fastify();
const apollo = new ApolloServer<PeerContext>({
  typeDefs: PEER_SCHEMA,
  resolvers: {
    Query: {
      transaction: (_root, { id }: { id: string }, { numeropay }: PeerContext) =>
        numeropay.getTransaction(id),
    },
    Mutation: {
      createPayment: (_root, { input }: { input: CreatePaymentInput }, { numeropay }: PeerContext) =>
        numeropay.createTransaction(input),
    },
  },
  plugins: [fastifyApolloDrainPlugin(app)],
});
await apollo.start();
await app.register(fastifyApollo(apollo), {
  context: () => Promise.resolve({ numeropay: new NumeroPayAPI({ fetch }) }),
});
await app.listen({ port: PORT, host: '127.0.0.1' });
announceReady();
process.on('disconnect', () => void app.close().then(() => process.exit(0)));
