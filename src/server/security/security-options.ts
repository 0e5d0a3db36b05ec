import type { ApolloServerOptionsWithSchema, ApolloServerPlugin } from '@apollo/server';
import type { SecurityConfig } from '../../config/security.config.js';
import type { GraphQLContext } from '../../schema/context.js';
import { operationLimitRules } from './operation-limits.js';
import { PersistedOperations, persistedOperationsPlugin } from './persisted-operations.js';
import { InMemoryRateLimiter } from '../../shared-state/in-memory-rate-limiter.js';
import type { RateLimiter } from '../../domain/ports/rate-limiter.js';
import { operationRateLimitPlugin } from './operation-rate-limit.js';
import { providerCallBudgetPlugin } from './provider-call-budget.js';
import { retryAfterPlugin } from './retry-after.plugin.js';

type SecurityOptions = Pick<
  ApolloServerOptionsWithSchema<GraphQLContext>,
  | 'validationRules'
  | 'parseOptions'
  | 'introspection'
  | 'includeStacktraceInErrorResponses'
  | 'hideSchemaDetailsFromClientErrors'
  | 'csrfPrevention'
  | 'allowBatchedHttpRequests'
  | 'persistedQueries'
> & { plugins: ApolloServerPlugin<GraphQLContext>[] };

/** Everything Apollo Server needs to refuse hostile operations before any resolver runs. */
export function securityOptions(
  config: SecurityConfig,
  limiter: RateLimiter = new InMemoryRateLimiter(),
): SecurityOptions {
  const { validationRules, parseOptions } = operationLimitRules(config.limits);
  const plugins = [
    providerCallBudgetPlugin(config.limits.maxProviderCalls),
    operationRateLimitPlugin(limiter, config.rateLimits),
    retryAfterPlugin(),
  ];
  const persisted = config.persistedOperationsManifest
    ? PersistedOperations.load(config.persistedOperationsManifest)
    : undefined;
  if (persisted) plugins.unshift(persistedOperationsPlugin(persisted));
  return {
    validationRules,
    parseOptions,
    introspection: config.introspection,
    includeStacktraceInErrorResponses: config.stackTraces,
    hideSchemaDetailsFromClientErrors: !config.fieldSuggestions,
    csrfPrevention: true,
    allowBatchedHttpRequests: false,
    // Without a manifest, clients cannot register documents either: automatic persisted queries are off.
    persistedQueries: persisted ? { cache: persisted.asCache(), ttl: null } : false,
    plugins,
  };
}
