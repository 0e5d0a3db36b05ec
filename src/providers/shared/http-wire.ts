import type { Provider } from '../../domain/provider.js';

import { ProviderError } from './provider-error.js';
import { type Method } from 'got';

export interface WireOptions {
  provider: Provider;
  baseUrl: string;
  timeoutMs: number;
  maxSockets: number;
  headers: Record<string, string>;
}

export interface WireResponse {
  status: number;
  /** The body as text; parsing it is the transport's job, the same for every wire. */
  text: string;
}

/**
 * One HTTP library under ProviderHttpClient. A wire sends the request, retrying it only when
 * `idempotent` (per READ_RETRY), and answers every HTTP status; a transport failure becomes a
 * ProviderError from `transportFailure`, outcomeUnknown when the request may have reached the provider.
 */
export interface ProviderWire {
  send(request: ProviderRequest, idempotent: boolean): Promise<WireResponse>;
}

/** Retry policy for idempotent calls, shared by every wire so that switching library changes no behaviour. */
export const READ_RETRY = {
  /** Retries after the first attempt. */
  limit: 2,
  statusCodes: [502, 503, 504] as readonly number[],
  /** Transport failures worth another attempt (got's defaults; each wire maps its own errors onto them). */
  errorCodes: [
    'ETIMEDOUT',
    'ECONNRESET',
    'EADDRINUSE',
    'ECONNREFUSED',
    'EPIPE',
    'ENOTFOUND',
    'ENETUNREACH',
    'EAI_AGAIN',
  ] as readonly string[],
  backoffLimitMs: 1000,
  noiseMs: 100,
} as const;

/** Error codes that prove the connection was never made, so nothing reached the provider. */
export const NOT_CONNECTED_CODES: readonly string[] = [
  'ECONNREFUSED',
  'ENOTFOUND',
  'EAI_AGAIN',
  'EHOSTUNREACH',
  'ENETUNREACH',
];

/** The ProviderError of a call that got no usable answer. */
export function transportFailure(
  provider: Provider,
  kind: 'timeout' | 'unavailable',
  code: string | undefined,
  outcomeUnknown: boolean,
  cause: unknown,
): ProviderError {
  return kind === 'timeout'
    ? new ProviderError(provider, 'PROVIDER_TIMEOUT', `${provider} did not answer in time`, {
        outcomeUnknown,
        cause,
      })
    : new ProviderError(
        provider,
        'PROVIDER_UNAVAILABLE',
        `${provider} could not be reached (${code ?? 'error'})`,
        {
          outcomeUnknown,
          cause,
        },
      );
}

export interface ProviderRequest {
  /** Name of the provider operation, for logs and metrics (e.g. "createTransaction"). */
  operation: string;
  method: Method;
  path: string;
  json?: unknown;
  form?: Record<string, string>;
  headers?: Record<string, string>;
  searchParams?: Record<string, string | number>;
  /** Reads are retried with backoff and jitter; anything else is sent once. Default: GET only. */
  idempotent?: boolean;
}
