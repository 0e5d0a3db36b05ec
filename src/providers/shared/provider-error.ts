import type { Provider } from '../../domain/provider.js';

export type ProviderErrorCode =
  | 'PROVIDER_UNAVAILABLE' // 5xx, connection refused, circuit open
  | 'PROVIDER_TIMEOUT'
  | 'PROVIDER_AUTH_FAILED' // our credentials are wrong; retrying will not help
  | 'PROVIDER_TOKEN_REJECTED' // the token expired or is unknown; the token manager replays once
  | 'PROVIDER_REJECTED' // the provider understood and declined the request
  | 'PROVIDER_BAD_RESPONSE' // an answer we cannot read
  | 'PROVIDER_BAD_REQUEST' // we could not build the request (nothing was sent)
  | 'PROVIDER_NOT_CONFIGURED';

export interface ProviderErrorDetails {
  /** True when the request may have reached the provider and acted: money calls become UNKNOWN. */
  outcomeUnknown?: boolean;
  /** HTTP status, when an answer arrived. */
  status?: number;
  /** The provider's own error code or name; safe to log, never sent to clients. */
  providerCode?: string;
  cause?: unknown;
}

/**
 * The one error type provider clients throw. Its message is ours, never the provider's body, so it is
 * safe to log; `formatError` maps the code to a client-visible error.
 */
export class ProviderError extends Error {
  readonly outcomeUnknown: boolean;
  readonly status: number | undefined;
  readonly providerCode: string | undefined;

  constructor(
    readonly provider: Provider,
    readonly code: ProviderErrorCode,
    message: string,
    details: ProviderErrorDetails = {},
  ) {
    super(message, { cause: details.cause });
    this.name = 'ProviderError';
    this.outcomeUnknown = details.outcomeUnknown ?? false;
    this.status = details.status;
    this.providerCode = details.providerCode;
  }
}

/**
 * A failure raised in this process before the request left it (input outside the provider's limits,
 * signing, serialisation, credentials that could not be obtained, an open circuit, a full bulkhead):
 * nothing reached the provider, so a money call that meets it is FAILED, never UNKNOWN.
 */
export class NotSentError extends ProviderError {
  constructor(
    provider: Provider,
    code: ProviderErrorCode,
    message: string,
    cause?: unknown,
    details: Pick<ProviderErrorDetails, 'status' | 'providerCode'> = {},
  ) {
    super(provider, code, message, { ...details, outcomeUnknown: false, cause });
    this.name = 'NotSentError';
  }
}

/** Runs what prepares a request (validation, signing, serialisation): whatever it throws is NotSentError. */
export async function beforeSending<T>(provider: Provider, prepare: () => T | Promise<T>): Promise<T> {
  try {
    return await prepare();
  } catch (error) {
    if (error instanceof NotSentError) throw error;
    if (error instanceof ProviderError && error.outcomeUnknown === false) throw error;
    throw new NotSentError(
      provider,
      'PROVIDER_BAD_REQUEST',
      `${provider} request could not be prepared`,
      error,
    );
  }
}

export function isProviderError(error: unknown, code?: ProviderErrorCode): error is ProviderError {
  return error instanceof ProviderError && (code === undefined || error.code === code);
}

/** Default mapping of an HTTP status that a provider's own error handling left unexplained. */
export function errorForStatus(provider: Provider, status: number, providerCode?: string): ProviderError {
  if (status === 401 || status === 403) {
    return new ProviderError(provider, 'PROVIDER_AUTH_FAILED', `${provider} refused our credentials`, {
      status,
      providerCode,
    });
  }
  if (status >= 500) {
    return new ProviderError(provider, 'PROVIDER_UNAVAILABLE', `${provider} answered ${status}`, {
      status,
      providerCode,
      outcomeUnknown: status !== 503,
    });
  }
  return new ProviderError(provider, 'PROVIDER_REJECTED', `${provider} rejected the request (${status})`, {
    status,
    providerCode,
  });
}
