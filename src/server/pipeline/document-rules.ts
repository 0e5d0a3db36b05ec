import { ApolloArmor } from '@escape.tech/graphql-armor';
import {
  GraphQLError,
  NoSchemaIntrospectionCustomRule,
  parse,
  specifiedRules,
  validate,
  type DocumentNode,
  type GraphQLSchema,
  type ParseOptions,
  type ValidationRule,
} from 'graphql';
import type { OperationLimits } from '../../config/security.config.js';

export interface DocumentRules {
  /** Run after graphql-js's specified rules. */
  validationRules: ValidationRule[];
  parseOptions: ParseOptions;
}

/**
 * Depth, aliases and directives as validation rules (graphql-armor), introspection refused where it is
 * off, and the token limit in the parser itself (graphql-js `maxTokens`), so an oversized document is
 * abandoned while it is being read. Aliases of `__typename` count: they cost nothing to resolve but
 * still multiply the response. The structural cost needs the variables, so it is checked on admission.
 */
export function documentRules(limits: OperationLimits, introspection: boolean): DocumentRules {
  const armor = new ApolloArmor({
    maxDepth: { n: limits.maxDepth, flattenFragments: true, ignoreIntrospection: true },
    maxAliases: { n: limits.maxAliases, allowList: [] },
    maxDirectives: { n: limits.maxDirectives },
    costLimit: { enabled: false },
    maxTokens: { enabled: false },
    blockFieldSuggestion: { enabled: false },
  });
  return {
    validationRules: [
      ...armor.protect().validationRules,
      ...(introspection ? [] : [NoSchemaIntrospectionCustomRule]),
    ],
    parseOptions: { maxTokens: limits.maxTokens },
  };
}

/**
 * Parses and validates a document the way Apollo Server does for HTTP, for the transports Apollo does
 * not serve (graphql-ws): the same rules and options, the same error codes.
 */
export function parseAndValidate(
  schema: GraphQLSchema,
  source: string,
  rules: DocumentRules,
): { document: DocumentNode } | { errors: GraphQLError[] } {
  let document: DocumentNode;
  try {
    document = parse(source, rules.parseOptions);
  } catch (error) {
    const message = error instanceof GraphQLError ? error.message : 'The document could not be parsed';
    return { errors: [withCode(message, 'GRAPHQL_PARSE_FAILED', error)] };
  }
  const errors = validate(schema, document, [...specifiedRules, ...rules.validationRules]);
  if (errors.length > 0)
    return { errors: errors.map((error) => withCode(error.message, 'GRAPHQL_VALIDATION_FAILED', error)) };
  return { document };
}

function withCode(message: string, code: string, error: unknown): GraphQLError {
  const located = error instanceof GraphQLError ? error : undefined;
  return new GraphQLError(message, {
    nodes: located?.nodes,
    source: located?.source,
    positions: located?.positions,
    extensions: { code },
  });
}
