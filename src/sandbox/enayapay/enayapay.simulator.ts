import { timingSafeEqual } from 'node:crypto';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { Simulator, type SimulatorOptions } from '../shared/simulator.js';
import { inquire, CARD_ERRORS, TEST_CARDS, type TestCard } from './enayapay-cards.js';
import { hasErrors, requireFields, type FieldErrors } from './enayapay-fields.js';
import { SimulatedTokens } from './enayapay-tokens.js';
import { isValidSudanMobile, SimulatedUsers, type SimulatedUser } from './enayapay-users.js';

export const ENAYAPAY_BASE_PATH = '/api/v2.1';

export interface EnayaPaySimulatorOptions extends SimulatorOptions {
  apiKey: string;
  /** How long an OTP stays usable (default 5 minutes). */
  otpTtlMs?: number;
  /** Days until a user token's `expiry` date (default 30; 0 gives a token that expires today). */
  tokenLifetimeDays?: number;
  cards?: readonly TestCard[];
  /** The simulator's clock (epoch ms); tests move it to expire OTPs and tokens. */
  now?: () => number;
  /**
   * Registering a phone that is already registered (302) sends it a fresh OTP, as some deployments may;
   * the document does not promise it, so it is off by default and no flow of the gateway relies on it.
   * Also set at run time: `resendOtpOnConflict` or `PUT /_sandbox/options`.
   */
  resendOtpOnConflict?: boolean;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const MMYY = /^(0[1-9]|1[0-2])\d{2}$/;
const NOT_REGISTERED = { details: 'user not registered' };

/**
 * EnayaPay as its document describes it: status codes carry the meaning (201 registered, 302 already
 * registered, 203 wrong OTP / password / token, 400 field details, 401 API key, 404 not registered,
 * 406 invalid phone or card-switch error, 502/503 unavailable). Every call needs `x-api-key`; password
 * reset/change and balance inquiry also need the user `token` from verify.
 *
 * Sandbox-only: each OTP is written to the simulator's log and served by `GET /_sandbox/otp/{phone}`
 * (the simulators' control surface: neither recorded nor faulted; it needs the API key).
 * The document has no "resend OTP" call and sends an OTP after 201 only; a 302 sends none unless the
 * `resendOtpOnConflict` option is on.
 */
export class EnayaPaySimulator extends Simulator {
  private readonly apiKey: Buffer;
  private readonly users: SimulatedUsers;
  private readonly tokens: SimulatedTokens;
  private readonly cards: readonly TestCard[];
  private readonly seenUuids = new Set<string>();
  /** See EnayaPaySimulatorOptions.resendOtpOnConflict. */
  resendOtpOnConflict: boolean;

  constructor(options: EnayaPaySimulatorOptions) {
    super('enayapay', ENAYAPAY_BASE_PATH, options);
    this.apiKey = Buffer.from(options.apiKey, 'utf8');
    const now = options.now ?? Date.now;
    this.users = new SimulatedUsers(options.otpTtlMs ?? 5 * 60_000, now);
    this.tokens = new SimulatedTokens(options.tokenLifetimeDays ?? 30, now);
    this.cards = options.cards ?? TEST_CARDS;
    this.resendOtpOnConflict = options.resendOtpOnConflict ?? false;
    this.app.get('/_sandbox/otp/:phone', (request, reply) => this.sandboxOtp(request, reply));
    this.app.put('/_sandbox/options', (request, reply) => this.sandboxOptions(request, reply));
  }

  /** The pending OTP of a phone, for in-process tests; HTTP clients use the sandbox route. */
  pendingOtp(phone: string): string | undefined {
    return this.users.get(phone)?.otp?.code;
  }

  /** Makes the provider refuse every token issued so far to this phone (203), as after a server-side logout. */
  revokeTokens(phone: string): void {
    this.users.get(phone)?.tokens.clear();
  }

  /** Forgets every user and inquiry, besides requests and faults. */
  clearState(): void {
    this.users.clear();
    this.seenUuids.clear();
  }

  protected override faultBody(status: number): unknown {
    if (status === 502) return { details: 'bad getway' };
    if (status === 503) return { details: 'service not available' };
    return undefined;
  }

  protected registerRoutes(app: FastifyInstance): void {
    app.post('/register/', (request, reply) => this.register(request, reply));
    app.post('/verify/', (request, reply) => this.verify(request, reply));
    app.post('/login/', (request, reply) => this.login(request, reply));
    app.post('/rest/password/', (request, reply) => this.resetPassword(request, reply));
    app.post('/change/password/', (request, reply) => this.changePassword(request, reply));
    app.post('/balance/inquiry/', (request, reply) => this.balanceInquiry(request, reply));
  }

  private async register(request: FastifyRequest, reply: FastifyReply): Promise<unknown> {
    if (!this.apiKeyValid(request)) return reply.code(401).send();
    const { values, errors } = requireFields(request.body, ['user_phone', 'user_name', 'user_password']);
    if (hasErrors(errors)) return badRequest(reply, errors);
    if (!isValidSudanMobile(values.user_phone)) {
      return reply.code(406).send({ details: 'your number not valid' });
    }
    const existing = this.users.get(values.user_phone);
    if (existing) {
      if (this.resendOtpOnConflict) this.sendOtp(existing);
      return reply.code(302).header('location', `${ENAYAPAY_BASE_PATH}/login/`).send();
    }
    this.sendOtp(this.users.create(values.user_phone, values.user_name, values.user_password));
    return reply.code(201).send();
  }

  private async verify(request: FastifyRequest, reply: FastifyReply): Promise<unknown> {
    if (!this.apiKeyValid(request)) return reply.code(401).send();
    const { values, errors } = requireFields(request.body, ['user_phone', 'user_otp']);
    if (hasErrors(errors)) return badRequest(reply, errors);
    const user = this.users.get(values.user_phone);
    if (!user) return reply.code(404).send(NOT_REGISTERED);
    if (!this.users.consumeOtp(user, values.user_otp)) return reply.code(203).send();
    const token = await this.tokens.issue(user.id);
    user.tokens.add(token);
    return reply.code(200).send({ token, user_name: user.name });
  }

  private async login(request: FastifyRequest, reply: FastifyReply): Promise<unknown> {
    if (!this.apiKeyValid(request)) return reply.code(401).send();
    const { values, errors } = requireFields(request.body, ['user_phone', 'user_password']);
    if (hasErrors(errors)) return badRequest(reply, errors);
    const user = this.users.get(values.user_phone);
    if (!user) return reply.code(404).send(NOT_REGISTERED);
    if (!this.users.passwordMatches(user, values.user_password)) return reply.code(203).send();
    return reply.code(200).send({ user_name: user.name, status: statusOf(user) });
  }

  private async resetPassword(request: FastifyRequest, reply: FastifyReply): Promise<unknown> {
    if (!this.apiKeyValid(request)) return reply.code(401).send();
    const holder = await this.tokenHolder(request);
    const { values, errors } = requireFields(request.body, ['user_phone', 'user_password']);
    if (hasErrors(errors)) return badRequest(reply, errors);
    const user = this.users.get(values.user_phone);
    if (!user) return reply.code(404).send(NOT_REGISTERED);
    if (holder !== user) return reply.code(203).send();
    this.users.setPassword(user, values.user_password);
    return reply.code(200).send({ user_name: user.name, status: statusOf(user) });
  }

  private async changePassword(request: FastifyRequest, reply: FastifyReply): Promise<unknown> {
    if (!this.apiKeyValid(request)) return reply.code(401).send();
    const holder = await this.tokenHolder(request);
    if (holder === 'unregistered') return reply.code(404).send(NOT_REGISTERED);
    if (!holder) return reply.code(203).send();
    const { values, errors } = requireFields(request.body, ['current_password', 'new_password']);
    if (hasErrors(errors)) return badRequest(reply, errors);
    if (!this.users.passwordMatches(holder, values.current_password)) {
      return reply.code(203).send({ details: 'wrong current password' });
    }
    this.users.setPassword(holder, values.new_password);
    return reply.code(200).send({ details: 'password updated successful' });
  }

  private async balanceInquiry(request: FastifyRequest, reply: FastifyReply): Promise<unknown> {
    if (!this.apiKeyValid(request)) return reply.code(401).send();
    const holder = await this.tokenHolder(request);
    if (!holder || holder === 'unregistered') return reply.code(203).send();
    const { values, errors } = requireFields(request.body, ['pan', 'ipin', 'uuid', 'expiration_date']);
    if (values.uuid !== undefined && !UUID.test(values.uuid)) errors.uuid = ['Must be a valid UUID.'];
    if (values.expiration_date !== undefined && !MMYY.test(values.expiration_date)) {
      errors.expiration_date = ['Enter a valid date in MMYY format.'];
    }
    if (hasErrors(errors)) return badRequest(reply, errors);
    if (this.seenUuids.has(values.uuid)) return reply.code(406).send(CARD_ERRORS.duplicateUuid);
    this.seenUuids.add(values.uuid);
    const result = inquire(this.cards, values.pan, values.ipin, values.expiration_date);
    if (result.kind === 'gateway-down') return reply.code(502).send({ details: 'bad getway' });
    if (result.kind === 'error') return reply.code(406).send(result.error);
    return reply.code(200).send({
      response_code: 0,
      balance: result.balance,
      response_status: 'Successful',
      uuid: values.uuid,
    });
  }

  private async sandboxOtp(request: FastifyRequest, reply: FastifyReply): Promise<unknown> {
    if (!this.apiKeyValid(request)) return reply.code(401).send();
    const { phone } = request.params as { phone: string };
    const otp = this.users.get(phone)?.otp;
    if (!otp) return reply.code(404).send({ details: 'no pending otp' });
    return reply.code(200).send({ user_phone: phone, otp: otp.code, expires_at: new Date(otp.expiresAt) });
  }

  /** `{"resendOtpOnConflict": true|false}`, for a sandbox in another process; needs the API key. */
  private async sandboxOptions(request: FastifyRequest, reply: FastifyReply): Promise<unknown> {
    if (!this.apiKeyValid(request)) return reply.code(401).send();
    const value = (request.body as { resendOtpOnConflict?: unknown } | null)?.resendOtpOnConflict;
    if (typeof value !== 'boolean') {
      return badRequest(reply, { resendOtpOnConflict: ['Must be a valid boolean.'] });
    }
    this.resendOtpOnConflict = value;
    return reply.code(200).send({ resendOtpOnConflict: value });
  }

  private sendOtp(user: SimulatedUser): void {
    const otp = this.users.issueOtp(user);
    this.logger?.info({ phone: user.phone, otp }, 'EnayaPay sandbox OTP sent');
  }

  private apiKeyValid(request: FastifyRequest): boolean {
    const header = request.headers['x-api-key'];
    if (typeof header !== 'string') return false;
    const given = Buffer.from(header, 'utf8');
    return given.length === this.apiKey.length && timingSafeEqual(given, this.apiKey);
  }

  /** The user a `token` header belongs to; 'unregistered' when it is valid but its user is gone. */
  private async tokenHolder(request: FastifyRequest): Promise<SimulatedUser | 'unregistered' | undefined> {
    const header = request.headers.token;
    if (typeof header !== 'string') return undefined;
    const userId = await this.tokens.verify(header);
    if (!userId) return undefined;
    const user = this.users.findById(userId);
    if (!user) return 'unregistered';
    return user.tokens.has(header) ? user : undefined;
  }
}

function badRequest(reply: FastifyReply, errors: FieldErrors): FastifyReply {
  return reply.code(400).send({ details: errors });
}

function statusOf(user: SimulatedUser): string {
  return user.verified ? 'active' : 'inactive';
}
