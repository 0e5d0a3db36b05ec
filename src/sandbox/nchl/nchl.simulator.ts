import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { verifySha256WithRsa, type EventualKey } from '../../crypto/signing.js';
import { Simulator, type SimulatorOptions } from '../shared/simulator.js';
import {
  NchlNotifier,
  signNotification,
  type NchlNotificationFields,
  type NchlNotificationTarget,
  type NchlSignedNotification,
} from './nchl.notifier.js';
import {
  isOAuthError,
  NchlOAuthServer,
  type NchlOAuthCredentials,
  type NchlTokenLifetimes,
} from './nchl.oauth.js';
import { checkCreateRequest, checkWithdraw } from './nchl.validation.js';
import { NchlWithdrawalBook, nepalTimestamp, type SimulatedWithdrawal } from './nchl.withdrawals.js';

export interface NchlSimulatorOptions extends SimulatorOptions {
  credentials: NchlOAuthCredentials;
  /** The NPI user id the third party signs create-request with. */
  userId: string;
  /** The third party's public key: verifies the `token` of create-request. */
  requestVerificationKey: EventualKey;
  /** NCHL's private key: signs the `token` of notifications. */
  notificationSigningKey: EventualKey;
  lifetimes?: Partial<NchlTokenLifetimes>;
  otpLifetimeSeconds?: number;
  notification?: { target?: NchlNotificationTarget; maxAttempts?: number; retryDelayMs?: number };
  /** The simulator's clock, so tests can move past token and OTP expiry without waiting. */
  now?: () => number;
  /** The cash-out answer's `data`: the document shows a string holding JSON; by default it alternates. */
  withdrawDataEncoding?: 'object' | 'string' | 'alternate';
}

/** The OTP "sent by SMS", for sandbox users and tests. */
const OTP_ROUTE = '/_sandbox/otp/:transactionUniqueId';

/** Response codes the document leaves out; the simulator's own choice (anything but 000 is a refusal). */
const CODE = {
  success: '000',
  invalidField: '001',
  duplicate: '002',
  invalidSignature: '003',
  wrongOtp: '101',
  expired: '102',
  amountMismatch: '103',
} as const;

/**
 * NCHL NPI (cardless withdrawals), strict: OAuth password + refresh grants with client Basic auth,
 * API calls only with refresh-grant access tokens, signed create-request, OTP cash-out, report, and a
 * signed notification pushed to the third party after each payout.
 */
export class NchlSimulator extends Simulator {
  readonly oauth: NchlOAuthServer;
  readonly withdrawals: NchlWithdrawalBook;
  readonly notifier: NchlNotifier;
  withdrawDataEncoding: 'object' | 'string' | 'alternate';
  private withdrawCount = 0;

  constructor(private readonly options: NchlSimulatorOptions) {
    super('nchl', '/npi', options);
    this.oauth = new NchlOAuthServer(
      options.credentials,
      {
        accessSeconds: options.lifetimes?.accessSeconds ?? 300,
        refreshSeconds: options.lifetimes?.refreshSeconds ?? 43_200,
      },
      options.now,
    );
    this.withdrawals = new NchlWithdrawalBook(options.otpLifetimeSeconds ?? 1800, options.now);
    this.notifier = new NchlNotifier(options.notificationSigningKey, {
      maxAttempts: options.notification?.maxAttempts ?? 5,
      retryDelayMs: options.notification?.retryDelayMs ?? 2000,
      logger: this.logger,
    });
    this.notifier.target = options.notification?.target;
    this.withdrawDataEncoding = options.withdrawDataEncoding ?? 'alternate';
    this.app.get(OTP_ROUTE, (request, reply) => {
      const { transactionUniqueId } = request.params as { transactionUniqueId: string };
      const otp = this.otpFor(transactionUniqueId);
      return otp ? reply.send({ transactionUniqueId, otp }) : reply.code(404).send({ message: 'not found' });
    });
  }

  /** Where notifications go: the gateway's URL is known only once it listens. */
  setNotificationTarget(target: NchlNotificationTarget): void {
    this.notifier.target = target;
  }

  /** The OTP "sent by SMS" for a request (sandbox only). */
  otpFor(transactionUniqueId: string): string | undefined {
    return this.withdrawals.get(transactionUniqueId)?.otp;
  }

  /** A notification for a known request, signed with NCHL's key; `overrides` change fields before signing. */
  async signedNotificationFor(
    transactionUniqueId: string,
    overrides: Partial<NchlNotificationFields> = {},
  ): Promise<NchlSignedNotification> {
    const withdrawal = this.withdrawals.get(transactionUniqueId);
    if (!withdrawal) throw new Error(`no withdrawal request ${transactionUniqueId}`);
    return signNotification(await this.options.notificationSigningKey, {
      ...paidNotification(withdrawal),
      ...overrides,
    });
  }

  /** Also forgets notification deliveries; tokens and requests stay, as they would at NCHL. */
  override reset(): void {
    super.reset();
    this.notifier.deliveries.length = 0;
  }

  protected override faultBody(status: number): unknown {
    return { responseCode: String(status), responseMessage: `Simulated failure ${status}` };
  }

  protected registerRoutes(app: FastifyInstance): void {
    app.post('/oauth/token', (request, reply) => this.token(request, reply));
    app.post('/api/v1/cardless/create-request', (request, reply) => this.createRequest(request, reply));
    app.post('/cardless/withdraw/transaction', (request, reply) => this.withdraw(request, reply));
    app.post('/api/v1/cardless/report', (request, reply) => this.report(request, reply));
  }

  /** Sandbox-only URL serving the OTP of a request, on the control surface (neither recorded nor faulted). */
  otpUrl(transactionUniqueId: string): string {
    return `${this.baseUrl.slice(0, -this.basePath.length)}${OTP_ROUTE.replace(':transactionUniqueId', encodeURIComponent(transactionUniqueId))}`;
  }

  private token(request: FastifyRequest, reply: FastifyReply): FastifyReply {
    const form = (request.body ?? {}) as Record<string, string | undefined>;
    const result = this.oauth.grant(request.headers.authorization, form);
    if (isOAuthError(result)) return reply.code(result.status).send(result.body);
    return reply.header('cache-control', 'no-store').send(result);
  }

  /** Refuses the call (401) unless it carries a valid refresh-grant access token. */
  private refuseUnauthorized(request: FastifyRequest, reply: FastifyReply): boolean {
    const reason = this.oauth.refuseBearer(request.headers.authorization);
    if (!reason) return false;
    void reply
      .code(401)
      .header('www-authenticate', 'Bearer error="invalid_token"')
      .send({ error: 'invalid_token', error_description: reason });
    return true;
  }

  private async createRequest(
    request: FastifyRequest,
    reply: FastifyReply,
  ): Promise<FastifyReply | undefined> {
    if (this.refuseUnauthorized(request, reply)) return undefined;
    const refuse = (responseCode: string, responseMessage: string) =>
      reply.code(400).send({ responseCode, responseMessage });
    const checked = checkCreateRequest(asObject(request.body));
    if ('violation' in checked) return refuse(CODE.invalidField, checked.violation);
    const { token, ...fields } = checked.fields;
    const tokenString = [
      fields.mobileNumber,
      fields.transactionUniqueId,
      fields.amount,
      this.options.userId,
    ].join(',');
    if (!verifySha256WithRsa(await this.options.requestVerificationKey, tokenString, token)) {
      return refuse(CODE.invalidSignature, 'Invalid token');
    }
    const withdrawal = this.withdrawals.create(fields);
    if (!withdrawal) return refuse(CODE.duplicate, 'Duplicate transactionUniqueId');
    this.logger?.info(
      { transactionUniqueId: fields.transactionUniqueId, mobileNumber: maskMobile(fields.mobileNumber) },
      `sandbox OTP ${withdrawal.otp} sent by SMS (sandbox only)`,
    );
    return reply.send({
      responseCode: CODE.success,
      responseMessage:
        'Withdrawal request process successfully. You will be notified with SMS with more detail.',
    });
  }

  private withdraw(request: FastifyRequest, reply: FastifyReply): FastifyReply | undefined {
    if (this.refuseUnauthorized(request, reply)) return undefined;
    const refuse = (code: string, message: string) =>
      reply
        .code(400)
        .send({ status: 'false', message, code, developerMessage: 'null', link: 'null', data: null });
    const checked = checkWithdraw(asObject(request.body));
    if ('violation' in checked) return refuse(CODE.invalidField, checked.violation);
    const { verificationCode, ...payout } = checked.fields;
    const withdrawal = this.withdrawals.findByOtp(payout.mobileNumber, verificationCode);
    if (!withdrawal) return refuse(CODE.wrongOtp, 'Invalid verification code');
    if (this.withdrawals.status(withdrawal) === 'EXPIRED')
      return refuse(CODE.expired, 'Withdrawal request expired');
    if (Number(payout.amount) !== Number(withdrawal.request.amount)) {
      return refuse(CODE.amountMismatch, 'Amount does not match the withdrawal request');
    }
    withdrawal.used = true;
    withdrawal.paymentStatus = 'PAID';
    withdrawal.payout = {
      ...payout,
      bookingDate: nepalTimestamp(new Date((this.options.now ?? Date.now)())),
    };
    const data = {
      accountNumber: withdrawal.request.accountNumber,
      mobileNumber: payout.mobileNumber,
      bankCode: payout.bankCode,
      amount: Number(payout.amount),
      bookingDate: withdrawal.payout.bookingDate,
      referenceId: payout.referenceNumber,
      terminalId: payout.terminalId,
      traceNumber: payout.traceNumber,
    };
    setImmediate(() => this.notifier.notify(paidNotification(withdrawal)));
    return reply.send({
      status: 'true',
      message: 'Cash withdrawal Successful',
      code: CODE.success,
      developerMessage: 'null',
      link: 'null',
      data: this.dataAsString() ? JSON.stringify(data) : data,
    });
  }

  private report(request: FastifyRequest, reply: FastifyReply): FastifyReply | undefined {
    if (this.refuseUnauthorized(request, reply)) return undefined;
    const { transactionUniqueId } = asObject(request.body);
    if (
      typeof transactionUniqueId !== 'string' ||
      transactionUniqueId === '' ||
      transactionUniqueId.length > 36
    ) {
      return reply
        .code(400)
        .send({ responseCode: CODE.invalidField, responseMessage: 'Invalid transactionUniqueId' });
    }
    const withdrawal = this.withdrawals.get(transactionUniqueId);
    return reply.send({
      responseCode: CODE.success,
      responseData: withdrawal ? [this.withdrawals.reportRecord(withdrawal)] : [],
    });
  }

  private dataAsString(): boolean {
    if (this.withdrawDataEncoding !== 'alternate') return this.withdrawDataEncoding === 'string';
    return this.withdrawCount++ % 2 === 0;
  }
}

function paidNotification(withdrawal: SimulatedWithdrawal): NchlNotificationFields {
  return {
    transactionUniqueId: withdrawal.request.transactionUniqueId,
    debitStatus: '000',
    debitDescription: 'SUCCESS',
    creditStatus: '000',
    creditDescription: 'SUCCESS',
    rpsTransactionId: Number(withdrawal.txnId),
    mobileNumber: maskMobile(withdrawal.request.mobileNumber),
    remarks: withdrawal.request.remarks,
    paymentStatus: 'PAID',
  };
}

/** As in the notification sample: "*****08459". */
function maskMobile(mobileNumber: string): string {
  return `*****${mobileNumber.slice(-5)}`;
}

function asObject(body: unknown): Record<string, unknown> {
  return body !== null && typeof body === 'object' && !Array.isArray(body)
    ? (body as Record<string, unknown>)
    : {};
}
