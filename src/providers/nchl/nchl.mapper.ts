import { decimalFromWire } from '../../domain/money.js';
import { WithdrawalStatus } from '../../domain/withdrawal.js';
import { type WithdrawalReport } from '../../domain/withdrawal.js';
import type {
  NchlCashWithdrawalData,
  NchlNotificationBody,
  NchlReportRecord,
  NchlTokenResponse,
} from './nchl.types.js';

/** Pure mapping of NCHL answers to our terms; no I/O, fixture-tested. */

export interface NchlTokens {
  accessToken?: string;
  refreshToken?: string;
  expiresInS?: number;
  refreshExpiresInS?: number;
}

export interface NchlCashOut {
  /** When NCHL booked the payout (its bookingDate is Nepal time without a zone). */
  bookedAt?: Date;
  /** The account debited and the mobile number, as NCHL names the request it paid. */
  accountNumber?: string;
  mobileNumber?: string;
  amount?: string;
  referenceId?: string;
  traceNumber?: string;
  terminalId?: string;
}

export interface NchlWithdrawalReport {
  transactionUniqueId: string;
  status: WithdrawalStatus;
  /** NCHL's own values, kept for the ledger's metadata. */
  requestStatus?: string;
  paymentStatus?: string;
  rpsTransactionId?: string;
  expiresAt?: Date;
  amount?: string;
}

export interface NchlNotification {
  transactionUniqueId: string;
  status: WithdrawalStatus;
  rpsTransactionId: string;
  debitStatus: string;
  creditStatus: string;
  paymentStatus: string;
}

const SUCCESS = '000';

export function readTokenResponse(body: unknown): NchlTokens | undefined {
  if (!isObject(body)) return undefined;
  const token = body as NchlTokenResponse;
  return {
    accessToken: nonEmpty(token.access_token),
    refreshToken: nonEmpty(token.refresh_token),
    expiresInS: seconds(token.expires_in),
    refreshExpiresInS: seconds(token.refresh_expires_in),
  };
}

/** The cash-out answer's `data`: an object, or a string holding JSON. Unreadable details are left out. */
export function readCashOutData(data: unknown): NchlCashOut {
  let value = data;
  if (typeof value === 'string') {
    try {
      value = JSON.parse(value);
    } catch {
      return {};
    }
  }
  if (!isObject(value)) return {};
  const wire = value as NchlCashWithdrawalData;
  return {
    bookedAt: parseNepalTime(wire.bookingDate),
    accountNumber: nonEmpty(wire.accountNumber),
    mobileNumber: nonEmpty(wire.mobileNumber),
    amount: wireAmount(wire.amount),
    referenceId: nonEmpty(wire.referenceId),
    traceNumber: nonEmpty(wire.traceNumber),
    terminalId: nonEmpty(wire.terminalId),
  };
}

/** Whether a cash-out answer says the cash was paid out: code 000 and status "true". */
export function isCashOutSuccess(body: unknown): boolean {
  if (!isObject(body)) return false;
  const { code, status } = body as { code?: unknown; status?: unknown };
  return code === SUCCESS && (status === true || status === 'true');
}

export function readReportRecord(record: NchlReportRecord): NchlWithdrawalReport | undefined {
  const transactionUniqueId = nonEmpty(record.transactionUniqueId);
  if (!transactionUniqueId) return undefined;
  const expiresAt = record.expiryDate ? new Date(record.expiryDate) : undefined;
  return {
    transactionUniqueId,
    status: withdrawalStatusFromReport(record.status, record.paymentStatus),
    requestStatus: nonEmpty(record.status),
    paymentStatus: nonEmpty(record.paymentStatus),
    rpsTransactionId: record.txnId === undefined ? undefined : String(record.txnId),
    expiresAt: expiresAt && !Number.isNaN(expiresAt.getTime()) ? expiresAt : undefined,
    amount: wireAmount(record.amount),
  };
}

/**
 * Report `status` (ACTIVE, EXPIRED, USED …) and `paymentStatus` (PAID, UNPAID, FAILED …) to ours.
 * Values we do not know map to PENDING, which never moves a withdrawal.
 */
export function withdrawalStatusFromReport(
  requestStatus: string | undefined,
  paymentStatus: string | undefined,
): WithdrawalStatus {
  const payment = paymentStatus?.toUpperCase();
  if (payment === 'PAID') return WithdrawalStatus.PAID;
  if (payment === 'FAILED') return WithdrawalStatus.FAILED;
  if (payment !== 'UNPAID') return WithdrawalStatus.PENDING;
  switch (requestStatus?.toUpperCase()) {
    case 'ACTIVE':
      return WithdrawalStatus.REQUESTED;
    case 'USED':
      return WithdrawalStatus.PROCESSING;
    case 'EXPIRED':
      return WithdrawalStatus.EXPIRED;
    default:
      return WithdrawalStatus.PENDING;
  }
}

/**
 * A notification's outcome: paid when debit and credit succeeded (000) and the payment is not said to
 * be otherwise; failed when the payment failed or the debit was refused; anything else is news we
 * cannot act on (PENDING).
 */
export function withdrawalStatusFromNotification(
  notification: Pick<NchlNotification, 'debitStatus' | 'creditStatus' | 'paymentStatus'>,
): WithdrawalStatus {
  const payment = notification.paymentStatus.toUpperCase();
  const debitOk = notification.debitStatus === SUCCESS;
  const creditOk = notification.creditStatus === SUCCESS;
  if (payment === 'FAILED') return WithdrawalStatus.FAILED;
  if (debitOk && creditOk && (payment === 'PAID' || payment === '')) return WithdrawalStatus.PAID;
  if (!debitOk && payment !== 'PAID') return WithdrawalStatus.FAILED;
  return WithdrawalStatus.PENDING;
}

/** The signed string of a notification: transactionUniqueId,debitStatus,creditStatus,rpsTransactionId,paymentStatus. */
export function notificationTokenString(body: NchlNotificationBody): string {
  return [
    body.transactionUniqueId,
    body.debitStatus,
    body.creditStatus,
    String(body.rpsTransactionId),
    body.paymentStatus ?? '',
  ].join(',');
}

/** Field rules of an inbound notification; lengths from the document's table. */
export function checkNotificationBody(
  body: unknown,
): { ok: true; body: NchlNotificationBody } | { ok: false; problem: string } {
  if (!isObject(body)) return { ok: false, problem: 'body must be a JSON object' };
  const text = (name: string, max: number, required: boolean): string | undefined => {
    const value = body[name];
    if (value === undefined && !required) return undefined;
    if (typeof value !== 'string' || (required && value === '')) return `${name} must be a string`;
    if (value.length > max) return `${name} must be at most ${max} characters`;
    return undefined;
  };
  const problem =
    text('transactionUniqueId', 36, true) ??
    text('debitStatus', 4, true) ??
    text('creditStatus', 4, true) ??
    text('paymentStatus', 16, false) ??
    text('debitDescription', 255, false) ??
    text('creditDescription', 255, false) ??
    text('mobileNumber', 16, false) ??
    text('remarks', 255, false) ??
    text('token', 4096, true) ??
    rpsTransactionIdProblem(body.rpsTransactionId);
  return problem ? { ok: false, problem } : { ok: true, body: body as unknown as NchlNotificationBody };
}

export function readNotification(body: NchlNotificationBody): NchlNotification {
  const notification = {
    transactionUniqueId: body.transactionUniqueId,
    rpsTransactionId: String(body.rpsTransactionId),
    debitStatus: body.debitStatus,
    creditStatus: body.creditStatus,
    paymentStatus: body.paymentStatus ?? '',
  };
  return { ...notification, status: withdrawalStatusFromNotification(notification) };
}

/** "2024-05-09 11:27:16.676" in Nepal time (UTC+05:45). */
export function parseNepalTime(value: string | undefined): Date | undefined {
  const match = /^(\d{4}-\d{2}-\d{2})[ T](\d{2}:\d{2}:\d{2}(?:\.\d{1,3})?)$/.exec(value?.trim() ?? '');
  if (!match) return undefined;
  const date = new Date(`${match[1]}T${match[2]}+05:45`);
  return Number.isNaN(date.getTime()) ? undefined : date;
}

function rpsTransactionIdProblem(value: unknown): string | undefined {
  const text = typeof value === 'number' && Number.isSafeInteger(value) ? String(value) : value;
  if (typeof text !== 'string' || !/^[A-Za-z0-9]{1,10}$/.test(text)) {
    return 'rpsTransactionId must be up to 10 letters or digits';
  }
  return undefined;
}

function wireAmount(value: unknown): string | undefined {
  if (typeof value === 'number' && Number.isFinite(value)) return decimalFromWire(value);
  if (typeof value === 'string' && /^\d+(\.\d+)?$/.test(value.trim())) return decimalFromWire(value);
  return undefined;
}

function seconds(value: unknown): number | undefined {
  const number = typeof value === 'string' ? Number(value) : value;
  return typeof number === 'number' && Number.isFinite(number) && number >= 0 ? number : undefined;
}

function nonEmpty(value: unknown): string | undefined {
  return typeof value === 'string' && value.trim() !== '' ? value : undefined;
}

function isObject(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

/** A report in the ledger's terms. */
export function toLedgerReport(report: NchlWithdrawalReport): WithdrawalReport {
  return {
    status: report.status,
    providerReference: report.rpsTransactionId,
    expiresAt: report.expiresAt?.toISOString(),
  };
}
