import { Provider } from '../../domain/provider.js';
import type { ProviderResponse } from '../shared/http-client.js';
import { errorForStatus, ProviderError } from '../shared/provider-error.js';
import { errorFromEnvelope, type NumeroPayOperation } from './numeropay.errors.js';
import type { NumeroPayErrorDetail, NumeroPayTransaction } from './numeropay.types.js';

const PROVIDER = Provider.NUMEROPAY;

/**
 * Returns the `data` of a success envelope, or throws the ProviderError for anything else. HTTP 200 is
 * not success: only `success: true` is.
 */
export function unwrapEnvelope(response: ProviderResponse<unknown>, operation: NumeroPayOperation): unknown {
  const body = response.body;
  if (isRecord(body) && body.success === false && isErrorDetail(body.error))
    throw errorFromEnvelope(body.error, response.status, operation);
  if (response.status !== 200) throw errorForStatus(PROVIDER, response.status);
  if (isRecord(body) && body.success === true && 'data' in body) return body.data;
  throw badResponse('an unreadable envelope', operation);
}

export function readTransaction(data: unknown, operation: NumeroPayOperation): NumeroPayTransaction {
  if (!isTransaction(data)) throw badResponse('a malformed transaction', operation);
  return data;
}

export function readTransactions(data: unknown, operation: NumeroPayOperation): NumeroPayTransaction[] {
  if (!Array.isArray(data)) throw badResponse('a malformed transaction list', operation);
  return data.map((item) => readTransaction(item, operation));
}

function badResponse(what: string, operation: NumeroPayOperation): ProviderError {
  // Answered, but unreadable: a create may have happened, so its outcome is unknown.
  return new ProviderError(PROVIDER, 'PROVIDER_BAD_RESPONSE', `${PROVIDER} answered ${what}`, {
    status: 200,
    outcomeUnknown: operation === 'createTransaction',
  });
}

function isTransaction(value: unknown): value is NumeroPayTransaction {
  return (
    isRecord(value) &&
    typeof value.id === 'string' &&
    value.id !== '' &&
    typeof value.merchant === 'string' &&
    typeof value.businessName === 'string' &&
    typeof value.amount === 'number' &&
    Number.isFinite(value.amount) &&
    value.amount >= 0 &&
    typeof value.currency === 'string' &&
    /^[a-zA-Z]{3}$/.test(value.currency) &&
    (value.description === undefined ||
      value.description === null ||
      typeof value.description === 'string') &&
    Number.isInteger(value.state) &&
    isTimestamp(value.createdOn) &&
    isTimestamp(value.updatedOn)
  );
}

function isErrorDetail(value: unknown): value is NumeroPayErrorDetail {
  return isRecord(value) && typeof value.name === 'string';
}

function isTimestamp(value: unknown): value is string {
  return typeof value === 'string' && !Number.isNaN(Date.parse(value));
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
