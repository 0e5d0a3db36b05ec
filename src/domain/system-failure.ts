import type { SystemErrorCode } from './error-codes.js';

/**
 * A failure of the system rather than of the request (provider unavailable, not configured …), raised by
 * operations. formatError turns it into a GraphQL error with `extensions.code`; `details` are safe to show
 * (the provider's name, the id of what was recorded), never a provider's body.
 */
export class SystemFailure extends Error {
  constructor(
    readonly code: SystemErrorCode,
    message: string,
    readonly details: Record<string, string> = {},
  ) {
    super(message);
    this.name = 'SystemFailure';
  }
}
