/**
 * What the peer processes share: where the upstream is, the port to listen on, the one schema every
 * GraphQL peer serves, and NumeroPay's `state` → status mapping. Peers do no authentication, limits,
 * ledger, logging or metrics: they are what a team would write by hand for the same call.
 */
export const UPSTREAM_URL = process.env.BENCH_UPSTREAM_URL ?? '';
export const PORT = Number(process.env.PORT);
/** The upstream checks only that a Bearer token is present. */
export const UPSTREAM_AUTHORIZATION = 'Bearer bench-peer';

export const PEER_SCHEMA = /* GraphQL */ `
  type Transaction {
    id: ID!
    status: String!
    providerReference: String!
  }
  input CreatePaymentInput {
    idempotencyKey: String!
    amount: String!
    currency: String!
    description: String
  }
  type UserError {
    code: String!
    message: String!
  }
  type PaymentPayload {
    transaction: Transaction
    userErrors: [UserError!]!
  }
  type Query {
    transaction(id: ID!): Transaction
  }
  type Mutation {
    createPayment(input: CreatePaymentInput!): PaymentPayload!
  }
`;

export interface UpstreamTransaction {
  id: string;
  state: number;
}

const STATUSES = ['PENDING', 'SUCCEEDED', 'FAILED', 'CANCELLED', 'REFUNDED'];

export function toTransaction(upstream: UpstreamTransaction) {
  return { id: upstream.id, providerReference: upstream.id, status: STATUSES[upstream.state] ?? 'PENDING' };
}

/** NumeroPay's envelope: `data` on success, an error otherwise. */
export function unwrap(body: unknown): UpstreamTransaction {
  const envelope = body as { success?: boolean; data?: UpstreamTransaction; error?: { name?: string } };
  if (envelope.success !== true || !envelope.data)
    throw new Error(`upstream: ${envelope.error?.name ?? 'bad answer'}`);
  return envelope.data;
}

export interface CreatePaymentInput {
  amount: string;
  currency: string;
  description?: string | null;
}

export const createBody = (input: CreatePaymentInput) => ({
  amount: Number(input.amount),
  currency: input.currency.toLowerCase(),
  description: input.description ?? undefined,
  merchant: 'bench-merchant',
  businessName: 'Bench',
});

/** The payload shape PayGraph's mutations answer with. */
export const paymentPayload = (upstream: UpstreamTransaction) => ({
  transaction: toTransaction(upstream),
  userErrors: [],
});

export function announceReady(): void {
  process.send?.({ type: 'ready' });
}
