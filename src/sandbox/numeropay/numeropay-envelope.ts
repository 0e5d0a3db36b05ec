/** The error names of the NumeroPay document's "API Response Errors" table. */
export type SandboxErrorName =
  | 'SYSTEM_ERROR'
  | 'USER_EXIST'
  | 'MERCHANT_EXIST'
  | 'BAD_REQUEST'
  | 'NOT_IMPLEMENTED'
  | 'UNKNOWN_USER'
  | 'NOT_FOUND'
  | 'FORBIDDEN';

/** An error answer: the envelope's `error` object and the HTTP status it travels with. */
export interface SandboxError {
  httpStatus: 200 | 500;
  error: { code: number; message: string; name: SandboxErrorName };
}

const CATALOGUE: Record<SandboxErrorName, { code: number; message: string }> = {
  SYSTEM_ERROR: { code: 500, message: 'Some error in our systems. nothing relating to your request.' },
  USER_EXIST: { code: 406, message: 'User already exists' },
  MERCHANT_EXIST: { code: 406, message: 'Merchant already exists' },
  BAD_REQUEST: {
    code: 400,
    message: 'The request could not be understood by the server due to malformed syntax.',
  },
  NOT_IMPLEMENTED: {
    code: 501,
    message:
      'The server does not recognize the request method and is not capable of supporting it for any resource',
  },
  UNKNOWN_USER: { code: 404, message: 'User does not exist' },
  NOT_FOUND: { code: 404, message: 'Resource does not exist' },
  FORBIDDEN: { code: 403, message: 'Action not allowed' },
};

/**
 * Builds an error answer. The document says error envelopes come with HTTP 200 or 500: system errors
 * travel as 500, every other error as 200 (so a client that trusts the status alone is caught out).
 */
export function sandboxError(name: SandboxErrorName, message?: string): SandboxError {
  const entry = CATALOGUE[name];
  return {
    httpStatus: name === 'SYSTEM_ERROR' ? 500 : 200,
    error: { code: entry.code, message: message ?? entry.message, name },
  };
}

export function isSandboxError(value: unknown): value is SandboxError {
  return typeof value === 'object' && value !== null && 'httpStatus' in value && 'error' in value;
}

export function failureEnvelope(failure: SandboxError): { success: false; error: SandboxError['error'] } {
  return { success: false, error: failure.error };
}

export function successEnvelope<T>(data: T): { data: T; success: true } {
  return { data, success: true };
}
