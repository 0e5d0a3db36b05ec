import { SystemErrorCode } from '../../domain/error-codes.js';
import { ProviderError } from '../../providers/shared/provider-error.js';

/** What a failed provider call means for the money it was to move. */
export interface ClassifiedFailure {
  /** True when the request may have reached the provider and acted: the resource becomes UNKNOWN. */
  maybeSent: boolean;
  /** A stable code for the ledger and the client (a ProviderError code, or INTERNAL_SERVER_ERROR). */
  code: string;
}

/**
 * The one classifier of failed provider calls, for every provider and resource (providers/README.md, "What a
 * failure means for money"). Refused before acting (a 503 whatever its body, a connection refused before
 * anything was written, an auth failure on the way, anything raised in this process before the request
 * left it: NotSentError) is not sent. A timeout or drop after writing, another 5xx, an unreadable body may
 * have acted. An error that is no ProviderError came from code that may run after sending: unknown.
 */
export function classifyFailure(error: unknown): ClassifiedFailure {
  if (error instanceof ProviderError) {
    const code = error.code === 'PROVIDER_TOKEN_REJECTED' ? 'PROVIDER_AUTH_FAILED' : error.code;
    return { maybeSent: error.outcomeUnknown, code };
  }
  return { maybeSent: true, code: SystemErrorCode.INTERNAL_SERVER_ERROR };
}
