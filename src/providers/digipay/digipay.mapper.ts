import type { WalletTopupQuote } from '../../domain/wallet.js';
import { addDecimals, compareDecimals, decimalFromWire } from '../../domain/money.js';
import { Provider } from '../../domain/provider.js';
import { TransactionStatus } from '../../domain/transaction.js';
import type { ProviderAnswer } from '../../domain/provider-answer.js';
import { Rejection } from '../../domain/rejection.js';
import { ProviderError } from '../shared/provider-error.js';
import type { DigiPayTopupRequest } from './digipay.types.js';

/** A top-up as our code describes it: amounts are decimal strings. */
export interface WalletTopupInput {
  walletId: string;
  /** Canonical decimal string, at most two decimals (checked by the caller). */
  amount: string;
  txnCode: string;
  paymentMode: number;
  note?: string;
}

/** Whether DigiPay's JSON number (a double) carries this decimal amount exactly. */
export function isSendableAmount(amount: string): boolean {
  return compareDecimals(decimalFromWire(Number(amount)), amount) === 0;
}

/** DigiPay's limit on amounts: a double that carries the amount exactly. */
export function amountLimit(amount: string): string | undefined {
  return isSendableAmount(amount) ? undefined : 'has too many digits for DigiPay to take exactly';
}

/** Our decimal string becomes DigiPay's JSON number here, and only here. */
export function toDigiPayTopupRequest(input: WalletTopupInput): DigiPayTopupRequest {
  if (!isSendableAmount(input.amount))
    throw new RangeError('amount cannot be sent to DigiPay without rounding');
  const txnAmount = Number(input.amount);
  const request: DigiPayTopupRequest = {
    wallet_id: input.walletId,
    txn_amount: txnAmount,
    txn_code: input.txnCode,
    payment_mode: input.paymentMode,
  };
  if (input.note !== undefined) request.note = input.note;
  return request;
}

/**
 * The envelope data of `agent_calculate_charges` as a quote. Charge lines are converted from wire numbers
 * and summed with decimal arithmetic; a total that disagrees with its lines is not shown to anyone.
 */
export function toTopupQuote(data: unknown, input: WalletTopupInput, currency: string): WalletTopupQuote {
  const info = field(data, 'charges_info');
  const lines = field(info, 'charges');
  if (!Array.isArray(lines)) throw badResponse('charges without a list of charges', false);
  const charges = lines.map((line: unknown) => {
    const name = field(line, 'name');
    if (typeof name !== 'string' || name.trim() === '') throw badResponse('a charge without a name', false);
    return { name: name.trim(), amount: { amount: wireAmount(field(line, 'amount'), false), currency } };
  });
  const total = addDecimals(charges.map((charge) => charge.amount.amount));
  const statedTotal = field(info, 'total_charges');
  if (statedTotal !== undefined && compareDecimals(wireAmount(statedTotal, false), total) !== 0)
    throw badResponse('total charges that differ from the sum of the charges', false);
  return {
    walletId: input.walletId,
    amount: { amount: input.amount, currency },
    charges,
    totalCharges: { amount: total, currency },
  };
}

/**
 * The envelope data of a successful `wallet_topup` as a provider answer. The call has reached DigiPay, so
 * an answer we cannot read leaves the outcome unknown.
 */
export function toTopupAnswer(data: unknown): ProviderAnswer {
  const transaction = field(data, 'transaction');
  const txnId = field(transaction, 'txn_id');
  if (typeof txnId !== 'string' || txnId.trim() === '') throw badResponse('a top-up without txn_id', true);
  const txnNumber = field(transaction, 'txn_number');
  const status = statusFromTxnStatus(field(transaction, 'txn_status'));
  return {
    status,
    providerReference: txnId,
    ...(typeof txnNumber === 'string' && txnNumber !== '' ? { details: { txnNumber } } : {}),
    ...(status === TransactionStatus.FAILED ? { rejection: Rejection.DECLINED } : {}),
  };
}

/** `txn_status` per our decision: 1 succeeded, 0 pending, 2 failed; anything else is still pending. */
export function statusFromTxnStatus(value: unknown): TransactionStatus {
  switch (typeof value === 'string' ? Number(value) : value) {
    case 1:
      return TransactionStatus.SUCCEEDED;
    case 2:
      return TransactionStatus.FAILED;
    default:
      return TransactionStatus.PENDING;
  }
}

function wireAmount(value: unknown, outcomeUnknown: boolean): string {
  if (typeof value === 'number' && Number.isFinite(value) && value >= 0) return decimalFromWire(value);
  if (typeof value === 'string' && /^\d{1,15}(\.\d{1,8})?$/.test(value.trim())) return decimalFromWire(value);
  throw badResponse('an amount that is not a non-negative number', outcomeUnknown);
}

function field(value: unknown, name: string): unknown {
  return typeof value === 'object' && value !== null ? (value as Record<string, unknown>)[name] : undefined;
}

function badResponse(what: string, outcomeUnknown: boolean): ProviderError {
  return new ProviderError(Provider.DIGIPAY, 'PROVIDER_BAD_RESPONSE', `DIGIPAY answered ${what}`, {
    outcomeUnknown,
  });
}

/**
 * Why DigiPay refused. DigiPay documents no error codes, so the HTTP status decides: 404 can only concern
 * the wallet (the one resource a request names), 400 the request fields, and HTTP 200 with `success: 0`
 * is a decline.
 */
export function rejectionForStatus(status: number | undefined): Rejection {
  if (status === 404) return Rejection.ACCOUNT_NOT_FOUND;
  if (status === 400) return Rejection.INVALID_REQUEST;
  return Rejection.DECLINED;
}
