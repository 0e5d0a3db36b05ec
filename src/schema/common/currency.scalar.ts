import { GraphQLError, GraphQLScalarType, Kind } from 'graphql';

function parseCurrency(value: unknown): string {
  if (typeof value !== 'string' || !/^[A-Za-z]{3}$/.test(value)) {
    throw new GraphQLError('Currency must be a three-letter ISO 4217 code, such as "NPR"');
  }
  return value.toUpperCase();
}

/** ISO 4217 currency codes, always upper case on output. */
export const CurrencyScalar = new GraphQLScalarType({
  name: 'Currency',
  description: 'A three-letter ISO 4217 currency code, such as "NPR", "INR", "SDG" or "AUD".',
  serialize: (value) => String(value).toUpperCase(),
  parseValue: parseCurrency,
  parseLiteral: (ast) => {
    if (ast.kind !== Kind.STRING) throw new GraphQLError('Currency literals must be strings, such as "NPR"');
    return parseCurrency(ast.value);
  },
});
