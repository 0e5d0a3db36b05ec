import { describe, expect, it } from '@jest/globals';
import { ConfigError } from '../../src/config/config-error.js';
import {
  DEFAULT_METRICS_OPERATION_NAMES,
  DEFAULT_OPERATION_LIMITS,
  DEFAULT_RATE_LIMITS,
  DEFAULT_SUBSCRIPTION_LIMITS,
  readSecurityConfig,
} from '../../src/config/security.config.js';

describe('security configuration', () => {
  it('defaults to the documented limits, schema details shown outside production only', () => {
    expect(readSecurityConfig({}, false)).toEqual({
      limits: DEFAULT_OPERATION_LIMITS,
      rateLimits: DEFAULT_RATE_LIMITS,
      subscriptions: DEFAULT_SUBSCRIPTION_LIMITS,
      introspection: true,
      routerSecret: undefined,
      fieldSuggestions: true,
      stackTraces: true,
      persistedOperationsManifest: undefined,
      metricsOperationNames: DEFAULT_METRICS_OPERATION_NAMES,
    });
    expect(readSecurityConfig({}, true)).toMatchObject({
      introspection: false,
      fieldSuggestions: false,
      stackTraces: false,
    });
  });

  it('reads every limit from the environment', () => {
    const config = readSecurityConfig(
      {
        GRAPHQL_MAX_DEPTH: '7',
        GRAPHQL_MAX_ALIASES: '3',
        GRAPHQL_MAX_TOKENS: '500',
        GRAPHQL_MAX_DIRECTIVES: '2',
        GRAPHQL_MAX_COST: '900',
        GRAPHQL_MAX_PROVIDER_CALLS: '25',
        GRAPHQL_MAX_ENTITIES: '40',
        GRAPHQL_MAX_BODY_BYTES: '65536',
        WS_RATE_LIMIT_MESSAGES: '20/5',
        WS_MAX_MESSAGE_BYTES: '4096',
        WS_MAX_SUBSCRIPTIONS_PER_CONNECTION: '3',
        WS_MAX_SUBSCRIPTIONS_PER_PRINCIPAL: '6',
        WS_MAX_CONNECTIONS_PER_PRINCIPAL: '2',
        ROUTER_SECRET: 'router-secret-router-secret-0123456789',
        METRICS_MAX_OPERATION_NAMES: '12',
        GRAPHQL_INTROSPECTION: 'true',
        RATE_LIMIT_DEFAULT: '100/10',
        RATE_LIMITS: 'inquireCardBalance=2/30, createPayment=5/1',
        PERSISTED_OPERATIONS_MANIFEST: 'schema/persisted-operations.json',
      },
      true,
    );
    expect(config.limits).toEqual({
      maxDepth: 7,
      maxAliases: 3,
      maxTokens: 500,
      maxDirectives: 2,
      maxCost: 900,
      maxProviderCalls: 25,
      maxEntities: 40,
      maxBodyBytes: 65536,
    });
    expect(config.subscriptions).toEqual({
      messagesPerConnection: { limit: 20, windowMs: 5000 },
      maxMessageBytes: 4096,
      subscriptionsPerConnection: 3,
      subscriptionsPerPrincipal: 6,
      connectionsPerPrincipal: 2,
    });
    expect(config.routerSecret).toBe('router-secret-router-secret-0123456789');
    expect(config.metricsOperationNames).toBe(12);
    expect(config.introspection).toBe(true);
    expect(config.rateLimits.anyOperation).toEqual({ limit: 100, windowMs: 10_000 });
    expect(config.rateLimits.perField.inquireCardBalance).toEqual({ limit: 2, windowMs: 30_000 });
    expect(config.rateLimits.perField.createPayment).toEqual({ limit: 5, windowMs: 1000 });
    expect(config.rateLimits.perField.topupWallet).toEqual(DEFAULT_RATE_LIMITS.perField.topupWallet);
    expect(config.persistedOperationsManifest).toBe('schema/persisted-operations.json');
  });

  it.each([
    ['GRAPHQL_MAX_DEPTH', '-1', /GRAPHQL_MAX_DEPTH must be a positive integer/],
    ['GRAPHQL_INTROSPECTION', 'yes', /GRAPHQL_INTROSPECTION must be "true" or "false"/],
    ['RATE_LIMIT_DEFAULT', '100', /RATE_LIMIT_DEFAULT must be "<limit>\/<seconds>"/],
    ['RATE_LIMITS', 'inquireCardBalance:2/30', /RATE_LIMITS must look like/],
    ['RATE_LIMITS', 'inquireCardBalance=0/30', /RATE_LIMITS must be "<limit>\/<seconds>"/],
    ['WS_RATE_LIMIT_MESSAGES', '100', /WS_RATE_LIMIT_MESSAGES must be "<limit>\/<seconds>"/],
    ['WS_MAX_CONNECTIONS_PER_PRINCIPAL', '0', /WS_MAX_CONNECTIONS_PER_PRINCIPAL must be a positive integer/],
    ['GRAPHQL_MAX_ENTITIES', 'many', /GRAPHQL_MAX_ENTITIES must be a positive integer/],
    ['ROUTER_SECRET', 'short', /ROUTER_SECRET must be at least 32 bytes long/],
  ])('names %s when it is malformed', (name, value, message) => {
    expect(() => readSecurityConfig({ [name]: value }, false)).toThrow(ConfigError);
    expect(() => readSecurityConfig({ [name]: value }, false)).toThrow(message);
  });
});
