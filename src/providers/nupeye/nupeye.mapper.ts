import type { ProviderAnswer } from '../../domain/provider-answer.js';
import { Rejection } from '../../domain/rejection.js';
import { TransactionStatus } from '../../domain/transaction.js';
import type { ProviderError } from '../shared/provider-error.js';
import type { NupeyeErrorResponse } from './nupeye.types.js';

/** The tokens of a login or refresh answer. */
export interface NupeyeTokens {
  token: string;
  refreshToken: string;
}

/** What a recharge or transfer accepted by Nupeye tells us. */
export interface NupeyeOperationResult {
  /** Nupeye's transaction id, when the answer carries one (the documented answer does not). */
  providerReference: string | undefined;
}

/** Why Nupeye refused a recharge or transfer; kept as `ProviderError.providerCode`. */
export type NupeyeRejection =
  'INVALID_USER_CREDENTIALS' | 'UNREGISTERED_MOBILE' | 'INVALID_MOBILE' | 'INVALID_AMOUNT' | 'REJECTED';

/** The HTTP status that counts: Nupeye may also put a failure status in the body of an HTTP 200. */
export function effectiveStatus(httpStatus: number, body: unknown): number {
  if (httpStatus !== 200) return httpStatus;
  const status = Number(asRecord(body)?.status);
  return Number.isInteger(status) && status > 0 ? status : httpStatus;
}

export function readTokens(body: unknown): NupeyeTokens | undefined {
  const record = asRecord(body);
  const token = record?.['authentication-token'];
  const refreshToken = record?.refresh_token;
  if (typeof token !== 'string' || token === '' || typeof refreshToken !== 'string' || refreshToken === '')
    return undefined;
  return { token, refreshToken };
}

/** The result of an answer with effective status 200, or undefined when the body is not Nupeye's. */
export function readOperationResult(body: unknown): NupeyeOperationResult | undefined {
  const record = asRecord(body);
  if (!record || record.status === undefined) return undefined;
  const reference = record.transaction_id;
  return {
    providerReference:
      typeof reference === 'string' && reference !== ''
        ? reference
        : typeof reference === 'number'
          ? String(reference)
          : undefined,
  };
}

/** Classifies the message of a 4xx answer (Nupeye has no error codes, only messages). */
export function classifyRejection(body: unknown): NupeyeRejection {
  const message = String((asRecord(body) as NupeyeErrorResponse | undefined)?.message ?? '').toLowerCase();
  if (/user_name|user_password|password|user name/.test(message)) return 'INVALID_USER_CREDENTIALS';
  if (/not registered/.test(message)) return 'UNREGISTERED_MOBILE';
  if (/mobile/.test(message)) return 'INVALID_MOBILE';
  if (/amount/.test(message)) return 'INVALID_AMOUNT';
  return 'REJECTED';
}

function asRecord(value: unknown): Record<string, unknown> | undefined {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
    ? (value as Record<string, unknown>)
    : undefined;
}

const REJECTIONS: Readonly<Record<NupeyeRejection, Rejection>> = {
  INVALID_USER_CREDENTIALS: Rejection.WRONG_CREDENTIALS,
  UNREGISTERED_MOBILE: Rejection.NOT_REGISTERED,
  INVALID_MOBILE: Rejection.INVALID_PHONE,
  INVALID_AMOUNT: Rejection.INVALID_AMOUNT,
  REJECTED: Rejection.DECLINED,
};

/** A Nupeye refusal (its kind is the error's providerCode) as a domain rejection. */
export function rejectionOf(error: ProviderError): Rejection {
  return REJECTIONS[error.providerCode as NupeyeRejection] ?? Rejection.DECLINED;
}

/** An accepted recharge or transfer: Nupeye answers only once it is done. */
export function answerOf(result: NupeyeOperationResult): ProviderAnswer {
  return { status: TransactionStatus.SUCCEEDED, providerReference: result.providerReference ?? null };
}
