import { describe, expect, it } from '@jest/globals';
import { GraphQLError, buildSchema, graphql, type GraphQLFormattedError } from 'graphql';
import { Provider } from '../../../src/domain/provider.js';
import { ProviderError } from '../../../src/providers/shared/provider-error.js';
import { formatError, withoutInputValues } from '../../../src/server/format-error.js';

const PAN = '4111111111111111';

/** What Apollo hands formatError: the formatted error (code filled in) and the error itself. */
function format(error: GraphQLError): GraphQLFormattedError {
  const formatted = error.toJSON();
  return formatError(
    {
      ...formatted,
      extensions: { code: 'INTERNAL_SERVER_ERROR', stacktrace: ['at x'], ...formatted.extensions },
    },
    error,
  );
}

/** A resolver error as graphql-js wraps it: located at a path, the thrown error as originalError. */
function resolverError(thrown: Error): GraphQLError {
  return new GraphQLError(thrown.message, { path: ['createPayment'], originalError: thrown });
}

describe('formatError', () => {
  it('masks an unexpected error thrown by a resolver', () => {
    const formatted = format(resolverError(new Error(`db password=Pg-S3cret-91 card ${PAN}`)));
    expect(formatted).toEqual({
      message: 'Internal server error',
      path: ['createPayment'],
      extensions: { code: 'INTERNAL_SERVER_ERROR' },
    });
  });

  it('masks an unexpected error raised while building the request context', () => {
    // Apollo wraps it as new GraphQLError('Context creation failed: ' + message, { originalError }).
    const cause = new Error('connect ECONNREFUSED postgres://paygraph:Pg-S3cret-91@db.internal');
    const formatted = format(
      new GraphQLError(`Context creation failed: ${cause.message}`, { originalError: cause }),
    );
    expect(formatted.message).toBe('Internal server error');
    expect(JSON.stringify(formatted)).not.toContain('Pg-S3cret-91');
    expect(formatted.extensions).toEqual({ code: 'INTERNAL_SERVER_ERROR' });
  });

  it('masks a GraphQLError carrying a code clients are not meant to see', () => {
    const formatted = format(
      resolverError(
        new GraphQLError('upstream said: token=Tk-91', { extensions: { code: 'DOWNSTREAM_SERVICE_ERROR' } }),
      ),
    );
    expect(formatted.message).toBe('Internal server error');
    expect(formatted.extensions?.code).toBe('INTERNAL_SERVER_ERROR');
  });

  it('drops input values from the stack trace sent outside production', () => {
    const inner = `Int cannot represent non-integer value: "${PAN}"`;
    const formatted = formatError(
      {
        message: `Variable "$first" got invalid value "${PAN}"; ${inner}`,
        extensions: {
          code: 'BAD_USER_INPUT',
          stacktrace: [`GraphQLError: ${inner}`, '    at coerceInputValueImpl'],
        },
      },
      new GraphQLError(`Variable "$first" got invalid value "${PAN}"; ${inner}`),
    );
    expect(JSON.stringify(formatted)).not.toContain(PAN);
    expect(formatted.extensions?.stacktrace).toEqual([
      'GraphQLError: Int cannot represent non-integer value.',
      '    at coerceInputValueImpl',
    ]);
  });

  it('keeps our own known codes and messages', () => {
    const formatted = format(
      new GraphQLError('The bearer token is invalid or expired', { extensions: { code: 'UNAUTHENTICATED' } }),
    );
    expect(formatted).toMatchObject({
      message: 'The bearer token is invalid or expired',
      extensions: { code: 'UNAUTHENTICATED' },
    });
  });

  it('turns a provider error into its unified code and our own message, whatever the provider said', () => {
    const providerError = new ProviderError(
      Provider.NUPEYE,
      'PROVIDER_TOKEN_REJECTED',
      `body: {"pan":"${PAN}"}`,
      {
        status: 401,
        providerCode: 'E_TOKEN',
      },
    );
    const formatted = format(resolverError(providerError));
    expect(formatted).toEqual({
      message: "NUPEYE refused the gateway's credentials",
      path: ['createPayment'],
      extensions: { code: 'PROVIDER_AUTH_FAILED', provider: 'NUPEYE' },
    });
  });

  it.each([
    ['PROVIDER_TIMEOUT', 'PROVIDER_TIMEOUT'],
    ['PROVIDER_REJECTED', 'PROVIDER_UNAVAILABLE'],
    ['PROVIDER_BAD_RESPONSE', 'PROVIDER_BAD_RESPONSE'],
    ['PROVIDER_NOT_CONFIGURED', 'PROVIDER_NOT_CONFIGURED'],
  ] as const)('maps %s to %s', (code, clientCode) => {
    const formatted = format(resolverError(new ProviderError(Provider.DIGIPAY, code, 'raw provider text')));
    expect(formatted.extensions?.code).toBe(clientCode);
    expect(formatted.message).not.toContain('raw provider text');
  });
});

describe('withoutInputValues on real graphql-js coercion messages', () => {
  const schema = buildSchema(`
    enum CardKind { DEBIT CREDIT }
    input Card { pan: String!, cvv: Int, kind: CardKind, holder: Holder }
    input Holder { pin: Int! }
    type Query { pay(card: Card, n: Int, list: [Int!]): Boolean }
  `);

  const cases: [string, string, Record<string, unknown>][] = [
    ['a scalar variable', 'query($n: Int) { pay(n: $n) }', { n: PAN }],
    [
      'a nested field of the wrong type',
      'query($c: Card) { pay(card: $c) }',
      { c: { pan: 4111111111111111 } },
    ],
    ['an unknown field', 'query($c: Card) { pay(card: $c) }', { c: { pan: PAN, bogus: 1 } }],
    [
      'an unknown field beside a value holding ";"',
      'query($c: Card) { pay(card: $c) }',
      { c: { pan: `x; ${PAN}`, bogus: 1 } },
    ],
    ['a missing field', 'query($c: Card) { pay(card: $c) }', { c: { cvv: 1, note: PAN } }],
    ['a bad enum value', 'query($c: Card) { pay(card: $c) }', { c: { pan: 'x', kind: PAN } }],
    [
      'a deeply nested value',
      'query($c: Card) { pay(card: $c) }',
      { c: { pan: 'x', holder: { pin: `;${PAN}` } } },
    ],
    ['not an object', 'query($c: Card) { pay(card: $c) }', { c: PAN }],
    ['a list item', 'query($l: [Int!]) { pay(list: $l) }', { l: [1, PAN] }],
    ['an inline literal of the wrong type', `{ pay(card: { pan: "x", cvv: "${PAN}" }) }`, {}],
    ['an inline string holding ";"', `{ pay(n: "a; ${PAN}") }`, {}],
    ['an inline enum literal', `{ pay(card: { pan: "x", kind: P${PAN} }) }`, {}],
    ['an inline object where a scalar goes', `{ pay(n: { pan: "${PAN}" }) }`, {}],
  ];

  it.each(cases)('drops the value from %s', async (_label, source, variableValues) => {
    const { errors } = await graphql({ schema, source, variableValues });
    expect(errors?.length).toBeGreaterThan(0);
    for (const error of errors ?? []) {
      expect(error.message).toContain(PAN);
      const cleaned = withoutInputValues(error.message);
      expect(cleaned).not.toContain(PAN);
      expect(cleaned).not.toMatch(/41111/);
    }
  });

  it('keeps what the client needs to fix the request: the variable, the path and the reason', async () => {
    const { errors } = await graphql({
      schema,
      source: 'query($c: Card) { pay(card: $c) }',
      variableValues: { c: { pan: 'x', cvv: PAN } },
    });
    expect(withoutInputValues(errors![0]!.message)).toBe(
      'Variable "$c" has an invalid value at "c.cvv"; Int cannot represent non-integer value.',
    );
    const unknown = await graphql({
      schema,
      source: 'query($c: Card) { pay(card: $c) }',
      variableValues: { c: { pan: `x; ${PAN}`, bogus: 1 } },
    });
    expect(withoutInputValues(unknown.errors![0]!.message)).toBe(
      'Variable "$c" has an invalid value; Field "bogus" is not defined by type "Card".',
    );
  });

  it('leaves messages without input values alone', () => {
    expect(withoutInputValues('Cannot query field "foo" on type "Query".')).toBe(
      'Cannot query field "foo" on type "Query".',
    );
    expect(withoutInputValues('Syntax Error: Expected Name, found "}".')).toBe(
      'Syntax Error: Expected Name, found "}".',
    );
  });
});
