import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { Simulator, type SimulatorOptions } from '../shared/simulator.js';
import { NupeyeAccounts, type NupeyeCustomer } from './nupeye-accounts.js';
import { validateRecharge, validateTransfer } from './nupeye-request-validation.js';
import { NupeyeTokenStore, type NupeyeSession } from './nupeye-token-store.js';

export const NUPEYE_BASE_PATH = '/recharge_services/v1';
export const NUPEYE_TOKEN_EXPIRED_MESSAGE = 'Token has been expired';
export const NUPEYE_INVALID_LOGIN_MESSAGE = 'Invalid Login';
export const NUPEYE_INVALID_USER_MESSAGE = 'Invalid user_name or user_password';
export const NUPEYE_UNREGISTERED_MOBILE_MESSAGE = 'Mobile number is not registered with Nupeye';

const HOUR_MS = 3_600_000;

export interface NupeyeSimulatorOptions extends SimulatorOptions {
  apiUser: string;
  apiKey: string;
  /** Lifetime of an authentication token; 24 hours as documented. */
  tokenLifetimeMs?: number;
  /**
   * Lifetime of a refresh token. The document calls it valid for 24 hours yet tells clients to refresh
   * once the token has expired, so it must outlive the token: 48 hours is our assumption.
   */
  refreshTokenLifetimeMs?: number;
  /** Clock, so tests can move past expiry without waiting. */
  now?: () => number;
  customers?: NupeyeCustomer[];
}

/**
 * The Nupeye recharge API as described in nupeye.source.md and the README's decisions: form login,
 * token refresh with rotation, recharge and wallet transfer behind the `Authentication` header.
 */
export class NupeyeSimulator extends Simulator {
  readonly tokens: NupeyeTokenStore;
  readonly accounts = new NupeyeAccounts();
  /** The document shows no transaction id; the simulator adds one unless told not to. */
  includeTransactionId = true;
  private apiKey: string;

  constructor(private readonly options: NupeyeSimulatorOptions) {
    super('nupeye', NUPEYE_BASE_PATH, options);
    this.apiKey = options.apiKey;
    this.tokens = new NupeyeTokenStore(
      {
        tokenMs: options.tokenLifetimeMs ?? 24 * HOUR_MS,
        refreshTokenMs: options.refreshTokenLifetimeMs ?? 48 * HOUR_MS,
      },
      options.now ?? Date.now,
    );
    for (const customer of options.customers ?? []) this.accounts.addCustomer(customer);
    // For tests whose simulator runs in another process: as if 24 hours had passed.
    this.app.post('/_sandbox/expire-tokens', () => {
      this.tokens.expireTokens();
      return { expired: true };
    });
  }

  /** Recharges the simulator applied, in order. */
  get recharges() {
    return this.accounts.recharges;
  }

  /** Wallet transfers the simulator applied, in order. */
  get transfers() {
    return this.accounts.transfers;
  }

  /**
   * Replaces the API key Nupeye accepts and revokes every token, as when Nupeye rotates a merchant's key:
   * a gateway still configured with the old key can no longer log in.
   */
  rotateApiKey(apiKey: string): void {
    this.apiKey = apiKey;
    this.tokens.clear();
  }

  /** Clears recorded requests, faults and applied operations; issued tokens stay valid. */
  override reset(): void {
    super.reset();
    this.accounts.clearHistory();
  }

  protected override faultBody(status: number): unknown {
    return { status: String(status), message: 'Internal Server Error' };
  }

  protected registerRoutes(app: FastifyInstance): void {
    app.setErrorHandler((_error, _request, reply) => fail(reply, 400, 'Invalid request body'));
    app.post('/auth/login', (request, reply) => this.login(request, reply));
    app.post('/auth/refresh_authentication', (request, reply) => this.refresh(request, reply));
    app.post('/recharge_account', (request, reply) => this.recharge(request, reply));
    app.post('/transfer_amount', (request, reply) => this.transfer(request, reply));
  }

  private login(request: FastifyRequest, reply: FastifyReply) {
    const form = isForm(request) ? (request.body as Record<string, string>) : {};
    const accepted =
      header(request, 'x-api-key') === this.apiKey &&
      form.user_name === this.options.apiUser &&
      form.authentication_key === this.apiKey;
    if (!accepted) return fail(reply, 403, NUPEYE_INVALID_LOGIN_MESSAGE);
    const session = this.tokens.issue(this.options.apiUser);
    this.logger?.debug('Nupeye sandbox login');
    return reply.code(200).send({
      status: '200',
      'authentication-token': session.token,
      refresh_token: session.refreshToken,
    });
  }

  private refresh(request: FastifyRequest, reply: FastifyReply) {
    if (!isJson(request)) return fail(reply, 400, 'Invalid request body');
    const refreshToken = (request.body as Record<string, unknown> | null)?.refresh_token;
    if (typeof refreshToken !== 'string' || refreshToken === '')
      return fail(reply, 400, 'refresh_token is required');
    const session = this.tokens.refresh(header(request, 'api-authentication'), refreshToken);
    if (!session) return fail(reply, 401, NUPEYE_TOKEN_EXPIRED_MESSAGE);
    return reply.code(200).send({
      status: 200,
      refresh_token: session.refreshToken,
      'authentication-token': session.token,
    });
  }

  private recharge(request: FastifyRequest, reply: FastifyReply) {
    const session = this.authenticate(request, reply);
    if (!session) return reply;
    const fields = validateRecharge(isJson(request) ? request.body : undefined, session.apiUser);
    if (!fields.ok) return fail(reply, 400, fields.message);
    const { mobile_no, amount, app_id, user_name, user_password } = fields.value;
    if (!this.accounts.checkLogin(user_name, user_password))
      return fail(reply, 400, NUPEYE_INVALID_USER_MESSAGE);
    const applied = this.accounts.applyRecharge({
      mobileNo: mobile_no,
      amount,
      appId: app_id,
      userName: user_name,
    });
    return this.succeed(reply, applied.transactionId);
  }

  private transfer(request: FastifyRequest, reply: FastifyReply) {
    const session = this.authenticate(request, reply);
    if (!session) return reply;
    const fields = validateTransfer(isJson(request) ? request.body : undefined, session.apiUser);
    if (!fields.ok) return fail(reply, 400, fields.message);
    const { mobile_no, amount, app_id } = fields.value;
    if (!this.accounts.isRegisteredMobile(mobile_no))
      return fail(reply, 400, NUPEYE_UNREGISTERED_MOBILE_MESSAGE);
    const applied = this.accounts.applyTransfer({ mobileNo: mobile_no, amount, appId: app_id });
    return this.succeed(reply, applied.transactionId);
  }

  /** The session of the `Authentication` header, or undefined after answering 401. */
  private authenticate(request: FastifyRequest, reply: FastifyReply): NupeyeSession | undefined {
    const session = this.tokens.authenticate(header(request, 'authentication'));
    if (!session) void fail(reply, 401, NUPEYE_TOKEN_EXPIRED_MESSAGE);
    return session;
  }

  private succeed(reply: FastifyReply, transactionId: string) {
    return reply.code(200).send({
      status: 200,
      message: 'Success',
      ...(this.includeTransactionId ? { transaction_id: transactionId } : {}),
    });
  }
}

function fail(reply: FastifyReply, status: number, message: string) {
  return reply.code(status).send({ status: String(status), message });
}

function header(request: FastifyRequest, name: string): string | undefined {
  const value = request.headers[name];
  return Array.isArray(value) ? value[0] : value;
}

function isForm(request: FastifyRequest): boolean {
  return (request.headers['content-type'] ?? '').startsWith('application/x-www-form-urlencoded');
}

function isJson(request: FastifyRequest): boolean {
  return (request.headers['content-type'] ?? '').startsWith('application/json');
}
