import { Provider } from '../../domain/provider.js';
import {
  errorForStatus,
  ProviderError,
  type ProviderErrorCode,
  type ProviderErrorDetails,
} from '../shared/provider-error.js';
import type { NumeroPayErrorDetail } from './numeropay.types.js';

export type NumeroPayOperation = 'createTransaction' | 'getTransaction' | 'listTransactions';

const PROVIDER = Provider.NUMEROPAY;

/** Maps an error envelope (`success: false`, on HTTP 200 or 500) to a ProviderError. */
export function errorFromEnvelope(
  detail: NumeroPayErrorDetail,
  status: number,
  operation: NumeroPayOperation,
): ProviderError {
  const details = { status, providerCode: detail.name };
  switch (detail.name) {
    case 'SYSTEM_ERROR':
      // A failure inside NumeroPay after it read a create request may still have created the transaction.
      return error('PROVIDER_UNAVAILABLE', 'reported a system error', {
        ...details,
        outcomeUnknown: operation === 'createTransaction',
      });
    case 'UNKNOWN_USER':
      return error('PROVIDER_AUTH_FAILED', 'refused our credentials', details);
    case 'FORBIDDEN':
      return forbidden(typeof detail.message === 'string' ? detail.message : '', operation, details);
    case 'BAD_REQUEST':
    case 'NOT_FOUND':
    case 'NOT_IMPLEMENTED':
    case 'USER_EXIST':
    case 'MERCHANT_EXIST':
      return error('PROVIDER_REJECTED', 'rejected the request', details);
    default:
      return status === 200
        ? error('PROVIDER_REJECTED', 'rejected the request', details)
        : errorForStatus(PROVIDER, status, detail.name);
  }
}

/**
 * The document has no error for a refused token: NumeroPay answers FORBIDDEN, and only the message
 * tells an expired token (renew and replay once) from bad credentials or someone else's transaction.
 */
function forbidden(
  message: string,
  operation: NumeroPayOperation,
  details: ProviderErrorDetails,
): ProviderError {
  if (/expired/i.test(message)) return error('PROVIDER_TOKEN_REJECTED', 'found our token expired', details);
  if (operation === 'getTransaction' && !/token/i.test(message))
    return error('PROVIDER_REJECTED', 'refused access to the transaction', details);
  return error('PROVIDER_AUTH_FAILED', 'refused our credentials', details);
}

/** Our own message only: the provider's text may echo request data and never leaves this module. */
function error(code: ProviderErrorCode, what: string, details: ProviderErrorDetails): ProviderError {
  return new ProviderError(PROVIDER, code, `${PROVIDER} ${what}`, details);
}
