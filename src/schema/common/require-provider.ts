import { GraphQLError } from 'graphql';
import { SystemErrorCode } from '../../domain/error-codes.js';
import type { Provider } from '../../domain/provider.js';

/** The provider's data source, or PROVIDER_NOT_CONFIGURED when the gateway runs without it. */
export function requireProvider<T>(dataSource: T | undefined, provider: Provider): T {
  if (!dataSource) {
    throw new GraphQLError(`${provider} is not configured on this gateway`, {
      extensions: { code: SystemErrorCode.PROVIDER_NOT_CONFIGURED, provider },
    });
  }
  return dataSource;
}
