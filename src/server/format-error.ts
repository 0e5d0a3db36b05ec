import { unwrapResolverError } from '@apollo/server/errors';
import { GraphQLError, type GraphQLFormattedError } from 'graphql';
import { SystemErrorCode } from '../domain/error-codes.js';
import { ProviderError } from '../providers/shared/provider-error.js';

const CLIENT_VISIBLE_CODES = new Set<string>([
  ...Object.values(SystemErrorCode),
  'GRAPHQL_PARSE_FAILED',
  'GRAPHQL_VALIDATION_FAILED',
  'BAD_REQUEST',
  'PERSISTED_QUERY_NOT_FOUND',
  'PERSISTED_QUERY_NOT_SUPPORTED',
  'OPERATION_RESOLUTION_FAILURE',
]);

const PROVIDER_CODES: Record<string, SystemErrorCode> = {
  PROVIDER_UNAVAILABLE: SystemErrorCode.PROVIDER_UNAVAILABLE,
  PROVIDER_TIMEOUT: SystemErrorCode.PROVIDER_TIMEOUT,
  PROVIDER_AUTH_FAILED: SystemErrorCode.PROVIDER_AUTH_FAILED,
  PROVIDER_TOKEN_REJECTED: SystemErrorCode.PROVIDER_AUTH_FAILED,
  PROVIDER_BAD_RESPONSE: SystemErrorCode.PROVIDER_BAD_RESPONSE,
  PROVIDER_NOT_CONFIGURED: SystemErrorCode.PROVIDER_NOT_CONFIGURED,
  PROVIDER_REJECTED: SystemErrorCode.PROVIDER_UNAVAILABLE,
};

/**
 * The one place where errors become client-visible. Known codes pass with our own messages; provider
 * errors keep only their unified code; anything else is masked. Input values that graphql-js quotes in
 * its coercion messages are removed, since an input may be a password or a card number.
 */
export function formatError(formatted: GraphQLFormattedError, error: unknown): GraphQLFormattedError {
  const original = unwrapResolverError(error);
  if (original instanceof ProviderError) {
    return {
      message: providerMessage(original),
      path: formatted.path,
      extensions: {
        code: PROVIDER_CODES[original.code] ?? SystemErrorCode.PROVIDER_UNAVAILABLE,
        provider: original.provider,
      },
    };
  }
  const code = formatted.extensions?.code;
  if (
    typeof code === 'string' &&
    CLIENT_VISIBLE_CODES.has(code) &&
    (original instanceof GraphQLError || !original)
  ) {
    return { ...formatted, message: withoutInputValues(formatted.message) };
  }
  return {
    message: 'Internal server error',
    path: formatted.path,
    extensions: { code: SystemErrorCode.INTERNAL_SERVER_ERROR },
  };
}

function providerMessage(error: ProviderError): string {
  switch (error.code) {
    case 'PROVIDER_AUTH_FAILED':
    case 'PROVIDER_TOKEN_REJECTED':
      return `${error.provider} refused the gateway's credentials`;
    case 'PROVIDER_TIMEOUT':
      return `${error.provider} did not answer in time`;
    case 'PROVIDER_NOT_CONFIGURED':
      return `${error.provider} is not configured on this gateway`;
    case 'PROVIDER_BAD_RESPONSE':
      return `${error.provider} sent an answer the gateway could not read`;
    default:
      return `${error.provider} is unavailable`;
  }
}

/** Drops the quoted input from graphql-js messages such as 'Variable "$input" got invalid value "…" at "input.pan"; …'. */
export function withoutInputValues(message: string): string {
  return message
    .replace(
      /^(Variable "\$[^"]+") got invalid value [\s\S]*? at ("[^"]+");/,
      '$1 has an invalid value at $2;',
    )
    .replace(/^(Variable "\$[^"]+") got invalid value [\s\S]*?;/, '$1 has an invalid value;')
    .replace(/(Expected value of type "[^"]+"), found [\s\S]*?(;|$)/, '$1$2')
    .replace(/(cannot represent [^:]*): [\s\S]*$/i, '$1.');
}
