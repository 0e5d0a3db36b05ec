import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { Simulator, type SimulatorOptions } from '../shared/simulator.js';
import {
  failureEnvelope,
  isSandboxError,
  sandboxError,
  successEnvelope,
  type SandboxError,
} from './numeropay-envelope.js';
import { SandboxMerchantStore, type SandboxMerchant, type SandboxSigningKey } from './numeropay-merchants.js';
import { parseCreateRequest, parseListParameters } from './numeropay-request.js';
import { verifyMerchantToken } from './numeropay-token.js';
import {
  SandboxTransactionStore,
  type SandboxState,
  type SandboxTransaction,
} from './numeropay-transactions.js';

export interface NumeroPaySimulatorOptions extends SimulatorOptions {
  /** The simulator's clock (epoch ms), for token expiry and timestamps; tests move it. */
  now?: () => number;
}

/**
 * NumeroPay as its document and our decisions describe it: a self-minted HS256 merchant JWT on every
 * call, `POST /transaction`, `GET /transaction` and `GET /transaction/{id}`, answers wrapped in
 * `{data, success: true}` or `{success: false, error: {code, message, name}}` on HTTP 200 or 500.
 */
export class NumeroPaySimulator extends Simulator {
  readonly merchants = new SandboxMerchantStore();
  readonly transactions: SandboxTransactionStore;
  private readonly now: () => number;

  constructor(options: NumeroPaySimulatorOptions = {}) {
    super('numeropay', '', options);
    this.now = options.now ?? Date.now;
    this.transactions = new SandboxTransactionStore(this.now);
  }

  /** Adds a merchant (its live secrets are generated unless given). */
  registerMerchant(input?: Partial<SandboxMerchant>): SandboxMerchant {
    return this.merchants.register(input);
  }

  /** Moves a transaction to 1 paid, 2 failed, 3 cancelled or 4 refunded, as a payer or the provider would. */
  setTransactionState(id: string, state: SandboxState): SandboxTransaction {
    return this.transactions.setState(id, state);
  }

  /** Clears requests, faults and transactions; merchants (and the credentials handed out) stay. */
  override reset(): void {
    super.reset();
    this.transactions.clear();
  }

  protected override faultBody(): unknown {
    return failureEnvelope(sandboxError('SYSTEM_ERROR'));
  }

  protected registerRoutes(app: FastifyInstance): void {
    app.setErrorHandler((error: { statusCode?: number }, _request, reply) =>
      this.fail(reply, sandboxError((error.statusCode ?? 500) < 500 ? 'BAD_REQUEST' : 'SYSTEM_ERROR')),
    );
    app.setNotFoundHandler((_request, reply) => this.fail(reply, sandboxError('NOT_IMPLEMENTED')));
    app.post('/transaction', (request, reply) =>
      this.authenticated(request, reply, (key) => this.createTransaction(key, request, reply)),
    );
    app.get('/transaction', (request, reply) =>
      this.authenticated(request, reply, (key) => this.listTransactions(key, request, reply)),
    );
    app.get<{ Params: { id: string } }>('/transaction/:id', (request, reply) =>
      this.authenticated(request, reply, (key) => this.getTransaction(key, request.params.id, reply)),
    );
  }

  private async authenticated(
    request: FastifyRequest,
    reply: FastifyReply,
    act: (key: SandboxSigningKey) => FastifyReply,
  ): Promise<FastifyReply> {
    const key = await verifyMerchantToken(request.headers.authorization, this.merchants, this.now());
    return isSandboxError(key) ? this.fail(reply, key) : act(key);
  }

  private createTransaction(
    key: SandboxSigningKey,
    request: FastifyRequest,
    reply: FastifyReply,
  ): FastifyReply {
    const body = parseCreateRequest(request.body);
    if (isSandboxError(body)) return this.fail(reply, body);
    if (body.merchant !== key.merchant.id) return this.fail(reply, sandboxError('FORBIDDEN'));
    if (!key.merchant.businessNames.includes(body.businessName))
      return this.fail(reply, sandboxError('BAD_REQUEST', 'Invalid or incomplete input: businessName'));
    const transaction = this.transactions.create({ ...body, ipAddress: request.ip, live: key.live });
    return reply.code(200).send(successEnvelope(transaction));
  }

  private listTransactions(
    key: SandboxSigningKey,
    request: FastifyRequest,
    reply: FastifyReply,
  ): FastifyReply {
    const parameters = parseListParameters(request.query, Math.floor(this.now() / 1000));
    if (isSandboxError(parameters)) return this.fail(reply, parameters);
    const unknownName = parameters.businessNames?.find((name) => !key.merchant.businessNames.includes(name));
    if (unknownName !== undefined)
      return this.fail(reply, sandboxError('BAD_REQUEST', 'Invalid or incomplete input: business_name'));
    const transactions = this.transactions.list({
      ...parameters,
      merchant: key.merchant.id,
      live: key.live,
    });
    return reply.code(200).send(successEnvelope(transactions));
  }

  private getTransaction(key: SandboxSigningKey, id: string, reply: FastifyReply): FastifyReply {
    const transaction = this.transactions.get(id, key.live);
    if (!transaction) return this.fail(reply, sandboxError('NOT_FOUND', `Resource ${id} does not exist`));
    if (transaction.merchant !== key.merchant.id) return this.fail(reply, sandboxError('FORBIDDEN'));
    return reply.code(200).send(successEnvelope(transaction));
  }

  private fail(reply: FastifyReply, failure: SandboxError): FastifyReply {
    return reply.code(failure.httpStatus).send(failureEnvelope(failure));
  }
}
