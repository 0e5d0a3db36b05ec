import { randomUUID } from 'node:crypto';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { Simulator, type SimulatorOptions } from '../shared/simulator.js';
import { chargesFor, isKnownPaymentMode, SANDBOX_TXN_CODES } from './digipay-charges.js';
import {
  failureEnvelope,
  SANDBOX_FAILURES,
  successEnvelope,
  type SandboxFailure,
} from './digipay-envelope.js';
import { isFailure, parseTopupRequest, type SandboxTopupRequest } from './digipay-request.js';
import { SandboxWalletStore, type SandboxWallet } from './digipay-wallets.js';

export interface DigiPaySimulatorOptions extends SimulatorOptions {
  /** The company's API token, expected as `Authorization: Token <token>`. */
  token: string;
  /** The company id, expected in the `CompanyID` header. */
  companyId: string;
}

/** Largest single top-up the sandbox company allows, in paisa (100,000.00). */
const MAX_TOPUP_PAISA = 10_000_000n;

const TOPUP_MESSAGES = {
  0: 'Your top-up is being processed.',
  1: 'Money successfully added to your wallet.',
  2: 'Your top-up could not be completed.',
} as const;

/**
 * DigiPay v3 as its document and our decisions describe it: static token and company headers on every call,
 * charges for a prospective top-up, wallet top-up. Failures come as HTTP 400/404/500 or as HTTP 200 with
 * `success: 0`; credentials problems as 401 (token) and 403 (company).
 */
export class DigiPaySimulator extends Simulator {
  readonly wallets = new SandboxWalletStore();
  private txnSequence = 0;

  constructor(private readonly credentials: DigiPaySimulatorOptions) {
    super('digipay', '/digipay/v3', credentials);
  }

  override reset(): void {
    super.reset();
    this.wallets.reset();
  }

  protected override faultBody(status: number): unknown {
    return failureEnvelope({
      code: status,
      message: status >= 500 ? 'INTERNAL_SERVER_ERROR' : 'BAD_REQUEST',
    });
  }

  protected registerRoutes(app: FastifyInstance): void {
    app.setErrorHandler((_error, _request, reply) => this.fail(reply, SANDBOX_FAILURES.badRequest));
    app.setNotFoundHandler((_request, reply) =>
      this.fail(reply, { status: 404, code: 1, message: 'NOT_FOUND' }),
    );
    app.post('/transaction/agent_calculate_charges', (request, reply) =>
      this.handle(request, reply, (topup) => this.calculateCharges(topup, reply)),
    );
    app.post('/transaction/wallet_topup', (request, reply) =>
      this.handle(request, reply, (topup, wallet) => this.topup(topup, wallet, reply)),
    );
  }

  /** Checks credentials, body, wallet and the company's rules shared by both endpoints, in that order. */
  private handle(
    request: FastifyRequest,
    reply: FastifyReply,
    act: (topup: SandboxTopupRequest, wallet: SandboxWallet) => FastifyReply,
  ): FastifyReply {
    const authFailure = this.authFailure(request);
    if (authFailure) return this.fail(reply, authFailure);
    if (!String(request.headers['content-type'] ?? '').startsWith('application/json'))
      return this.fail(reply, SANDBOX_FAILURES.badRequest);
    const topup = parseTopupRequest(request.body);
    if (isFailure(topup)) return this.fail(reply, topup);
    const wallet = this.wallets.get(topup.walletId);
    if (!wallet) return this.fail(reply, SANDBOX_FAILURES.walletNotFound);
    if (!SANDBOX_TXN_CODES.has(topup.txnCode)) return this.fail(reply, SANDBOX_FAILURES.invalidTxnCode);
    if (!isKnownPaymentMode(topup.paymentMode)) return this.fail(reply, SANDBOX_FAILURES.invalidPaymentMode);
    if (wallet.behaviour === 'blocked') return this.fail(reply, SANDBOX_FAILURES.walletBlocked);
    if (topup.amountPaisa > MAX_TOPUP_PAISA) return this.fail(reply, SANDBOX_FAILURES.limitExceeded);
    return act(topup, wallet);
  }

  private calculateCharges(topup: SandboxTopupRequest, reply: FastifyReply): FastifyReply {
    return reply
      .code(200)
      .send(successEnvelope({ charges_info: chargesFor(topup.amountPaisa, topup.paymentMode) }));
  }

  private topup(topup: SandboxTopupRequest, wallet: SandboxWallet, reply: FastifyReply): FastifyReply {
    const txnStatus = wallet.behaviour === 'pending' ? 0 : wallet.behaviour === 'failing' ? 2 : 1;
    const txnId = randomUUID().replace(/-/g, '');
    this.txnSequence += 1;
    const txnNumber = `TU${String(this.txnSequence).padStart(10, '0')}`;
    this.wallets.record({ ...topup, txnId, txnStatus });
    return reply.code(200).send(
      successEnvelope({
        message: TOPUP_MESSAGES[txnStatus],
        transaction: { txn_id: txnId, txn_number: txnNumber, txn_status: txnStatus },
      }),
    );
  }

  private authFailure(request: FastifyRequest): SandboxFailure | undefined {
    const [scheme, token, ...rest] = String(request.headers.authorization ?? '').split(' ');
    if (scheme?.toLowerCase() !== 'token' || token !== this.credentials.token || rest.length > 0)
      return SANDBOX_FAILURES.invalidToken;
    if (request.headers.companyid !== this.credentials.companyId) return SANDBOX_FAILURES.invalidCompany;
    return undefined;
  }

  private fail(reply: FastifyReply, failure: SandboxFailure): FastifyReply {
    return reply.code(failure.status).send(failureEnvelope(failure));
  }
}
