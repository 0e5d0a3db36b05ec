import { unwrapResolverError } from '@apollo/server/errors';
import { GraphQLError, type GraphQLFormattedError } from 'graphql';
import { SystemErrorCode } from '../domain/error-codes.js';
import { SystemFailure } from '../domain/system-failure.js';
import { ProviderError } from '../providers/shared/provider-error.js';

const CLIENT_VISIBLE_CODES = new Set<string>([
  ...Object.values(SystemErrorCode),
  'GRAPHQL_PARSE_FAILED',
  'GRAPHQL_VALIDATION_FAILED',
  'BAD_REQUEST',
  'PERSISTED_QUERY_NOT_FOUND',
  'PERSISTED_QUERY_NOT_SUPPORTED',
  'PERSISTED_QUERY_NOT_IN_LIST',
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

export interface ErrorFormatterOptions {
  /** "Did you mean …" hints, which reveal the schema: kept outside production only. */
  fieldSuggestions: boolean;
}

/** formatError for one gateway: the same masking over HTTP and WebSocket, suggestions removed where off. */
export function errorFormatter(
  options: ErrorFormatterOptions,
): (formatted: GraphQLFormattedError, error: unknown) => GraphQLFormattedError {
  if (options.fieldSuggestions) return formatError;
  return (formatted, error) => {
    const masked = formatError(formatted, error);
    return { ...masked, message: withoutSuggestions(masked.message) };
  };
}

/** Removes graphql-js's "Did you mean …?" sentences, wherever they are in a message. */
export function withoutSuggestions(message: string): string {
  return message.replace(/ ?Did you mean [^?]*\?/g, '');
}

/**
 * The one place where errors become client-visible. Known codes pass with our own messages; provider
 * errors keep only their unified code; anything else is masked. Input values that graphql-js quotes in
 * its coercion messages are removed, since an input may be a password or a card number.
 */
export function formatError(formatted: GraphQLFormattedError, error: unknown): GraphQLFormattedError {
  const original = unwrapResolverError(error);
  // Apollo wraps errors it did not expect (e.g. from building the context) in a GraphQLError with a code.
  const cause = original instanceof GraphQLError ? original.originalError : undefined;
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
  if (original instanceof SystemFailure) {
    return {
      message: original.message,
      path: formatted.path,
      extensions: { ...original.details, code: original.code },
    };
  }
  const code = formatted.extensions?.code;
  if (
    typeof code === 'string' &&
    CLIENT_VISIBLE_CODES.has(code) &&
    ((original instanceof GraphQLError && (!cause || cause instanceof GraphQLError)) || !original)
  ) {
    return {
      ...formatted,
      message: withoutInputValues(formatted.message),
      extensions: withoutValuesInStacktrace(formatted.extensions),
    };
  }
  return {
    message: 'Internal server error',
    path: formatted.path,
    extensions: { code: SystemErrorCode.INTERNAL_SERVER_ERROR },
  };
}

/** Outside production the stack trace is sent too; its first line repeats the inner message with the value. */
function withoutValuesInStacktrace(
  extensions: GraphQLFormattedError['extensions'],
): GraphQLFormattedError['extensions'] {
  const stacktrace: unknown = extensions?.stacktrace;
  if (!Array.isArray(stacktrace)) return extensions;
  return {
    ...extensions,
    stacktrace: stacktrace.map((line: unknown) =>
      typeof line === 'string'
        ? line.replace(
            /^(\w*Error: )([\s\S]*)$/,
            (_match, name: string, message: string) => name + withoutInputValues(message),
          )
        : line,
    ),
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

/**
 * Drops the input values graphql-js prints in its coercion and validation messages, such as
 * 'Variable "$input" got invalid value "…" at "input.pan"; …', keeping the variable, the path and the reason.
 * Printed values are skipped by their syntax (quoted strings, bracketed objects and lists), since a value
 * may itself contain "; " or " at ".
 */
export function withoutInputValues(message: string): string {
  const variable = /^(Variable "\$[^"]+") got invalid value /.exec(message);
  if (variable) {
    const end = endOfPrintedValue(message, variable[0].length, / at "[^"]*"; |; /y);
    if (end >= message.length) return `${variable[1]} has an invalid value.`;
    const path = / at ("[^"]*"); /y;
    path.lastIndex = end;
    const located = path.exec(message);
    const rest = message.slice(located ? path.lastIndex : end + 2);
    return `${variable[1]} has an invalid value${located ? ` at ${located[1]}` : ''}; ${withoutValueInReason(rest)}`;
  }
  return withoutValueInReason(message);
}

function withoutValueInReason(reason: string): string {
  const found = /^(Expected value of type "[^"]+"), found /.exec(reason);
  if (found) {
    const end = endOfPrintedValue(reason, found[0].length, /; |\.$/y);
    const rest = reason.slice(end);
    return rest.startsWith('; ') ? `${found[1]}; ${withoutValueInReason(rest.slice(2))}` : `${found[1]}.`;
  }
  return reason
    .replace(/^Value [\s\S]* does not exist in ("[^"]+") enum\./, 'Value does not exist in $1 enum.')
    .replace(/(cannot represent [^:]*): [\s\S]*$/i, '$1.');
}

/** Index where a value printed by graphql-js, starting at `start`, is followed by `stop` (a sticky regex). */
function endOfPrintedValue(text: string, start: number, stop: RegExp): number {
  let depth = 0;
  for (let index = start; index < text.length; index += 1) {
    const char = text[index];
    if (char === '"') {
      index = endOfString(text, index);
    } else if (char === '{' || char === '[') {
      depth += 1;
    } else if ((char === '}' || char === ']') && depth > 0) {
      depth -= 1;
    } else if (depth === 0) {
      stop.lastIndex = index;
      if (stop.test(text)) return index;
    }
  }
  return text.length;
}

/** Index of the quote closing the string (or block string) that opens at `start`. */
function endOfString(text: string, start: number): number {
  if (text.startsWith('"""', start)) {
    const close = text.indexOf('"""', start + 3);
    return close < 0 ? text.length : close + 2;
  }
  for (let index = start + 1; index < text.length; index += 1) {
    if (text[index] === '\\') index += 1;
    else if (text[index] === '"') return index;
  }
  return text.length;
}
