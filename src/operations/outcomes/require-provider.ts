import { SystemErrorCode } from '../../domain/error-codes.js';
import { PROVIDER_NAMES, type Provider } from '../../domain/provider.js';
import { SystemFailure } from '../../domain/system-failure.js';

/** The provider's data source, or PROVIDER_NOT_CONFIGURED when the gateway runs without it. */
export function requireProvider<T>(dataSource: T | undefined, provider: Provider): T {
  if (!dataSource) {
    throw new SystemFailure(
      SystemErrorCode.PROVIDER_NOT_CONFIGURED,
      `${PROVIDER_NAMES[provider]} is not configured on this gateway`,
      { provider },
    );
  }
  return dataSource;
}
