import { SystemErrorCode } from '../../domain/error-codes.js';
import { PROVIDER_NAMES, type Provider } from '../../domain/provider.js';
import { SystemFailure } from '../../domain/system-failure.js';

const SYSTEM_CODES: Readonly<Record<string, SystemErrorCode>> = {
  PROVIDER_UNAVAILABLE: SystemErrorCode.PROVIDER_UNAVAILABLE,
  PROVIDER_TIMEOUT: SystemErrorCode.PROVIDER_TIMEOUT,
  PROVIDER_AUTH_FAILED: SystemErrorCode.PROVIDER_AUTH_FAILED,
  PROVIDER_BAD_RESPONSE: SystemErrorCode.PROVIDER_BAD_RESPONSE,
  PROVIDER_NOT_CONFIGURED: SystemErrorCode.PROVIDER_NOT_CONFIGURED,
};

/** Whether a recorded failure code is a failure of the system (as opposed to a refusal of the request). */
export function isSystemFailureCode(code: string | null | undefined): boolean {
  return (
    code !== null &&
    code !== undefined &&
    (code in SYSTEM_CODES || code === 'INTERNAL_SERVER_ERROR' || code === 'PROVIDER_BAD_REQUEST')
  );
}

/** The client-visible failure of a call that got no answer; `details` name what was recorded. */
export function systemFailureFor(
  code: string,
  provider: Provider,
  details: Record<string, string>,
): SystemFailure {
  const systemCode = SYSTEM_CODES[code] ?? SystemErrorCode.INTERNAL_SERVER_ERROR;
  return new SystemFailure(
    systemCode,
    `${PROVIDER_NAMES[provider]} could not process the request (${systemCode})`,
    {
      provider,
      ...details,
    },
  );
}
