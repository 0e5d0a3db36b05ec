import { ApolloArmor } from '@escape.tech/graphql-armor';
import type { ParseOptions, ValidationRule } from 'graphql';
import type { OperationLimits } from '../../config/security.config.js';

export interface OperationLimitRules {
  validationRules: ValidationRule[];
  parseOptions: ParseOptions;
}

/**
 * Depth, aliases, directives and structural cost as validation rules (graphql-armor), and the token
 * limit in the parser itself (graphql-js `maxTokens`), so an oversized document is abandoned while it is
 * being read and answered 400 like any syntax error. Aliases of `__typename` count: they cost nothing to
 * resolve but still multiply the response.
 */
export function operationLimitRules(limits: OperationLimits): OperationLimitRules {
  const armor = new ApolloArmor({
    maxDepth: { n: limits.maxDepth, flattenFragments: true, ignoreIntrospection: true },
    maxAliases: { n: limits.maxAliases, allowList: [] },
    maxDirectives: { n: limits.maxDirectives },
    costLimit: { maxCost: limits.maxCost, ignoreIntrospection: true },
    maxTokens: { enabled: false },
    blockFieldSuggestion: { enabled: false },
  });
  return {
    validationRules: armor.protect().validationRules,
    parseOptions: { maxTokens: limits.maxTokens },
  };
}
