import { ConfigError } from './config-error.js';
import { readPositiveInt, type Env } from './provider-section.js';

/** Bounds every GraphQL operation must respect before any resolver runs. */
export interface OperationLimits {
  /** Deepest selection nesting (fragments followed). */
  maxDepth: number;
  /** Aliases per operation, `__typename` aliases included. */
  maxAliases: number;
  /** Lexical tokens per document: parsing stops past it. */
  maxTokens: number;
  /** Directives per operation. */
  maxDirectives: number;
  /** Structural cost: fields resolved (objects 2, scalars 1), times page sizes and `_entities` representations. */
  maxCost: number;
  /** Provider calls the operation may cause, lists multiplied by their page size or representations. */
  maxProviderCalls: number;
  /** Representations one operation may ask `_entities` for, all `_entities` fields together. */
  maxEntities: number;
  /** Bytes of one HTTP request body. */
  maxBodyBytes: number;
}

/** How many hits a key may take per window. */
export interface RateRule {
  limit: number;
  windowMs: number;
}

/** Operations per principal (per client address when anonymous). */
export interface RateLimits {
  /** Every operation counts here, whatever it does (documents that fail to parse or validate included). */
  anyOperation: RateRule;
  /** Root fields with a budget of their own, counted per call (aliases included). */
  perField: Record<string, RateRule>;
}

/** Bounds of the WebSocket (graphql-ws) side, on top of the operation limits and rate limits above. */
export interface SubscriptionLimits {
  /** Messages one connection may send per window; beyond it the socket is closed (4429). */
  messagesPerConnection: RateRule;
  /** Bytes of one WebSocket message. */
  maxMessageBytes: number;
  /** Subscriptions open at once on one connection. */
  subscriptionsPerConnection: number;
  /** Subscriptions open at once for one principal, all its connections on this replica together. */
  subscriptionsPerPrincipal: number;
  /** Connections open at once for one principal (for one client address when anonymous), on this replica. */
  connectionsPerPrincipal: number;
}

export interface SecurityConfig {
  limits: OperationLimits;
  rateLimits: RateLimits;
  subscriptions: SubscriptionLimits;
  /** Schema introspection (Apollo Sandbox needs it); `_service { sdl }` follows the same rule. */
  introspection: boolean;
  /** A secret a federation router sends in `x-router-secret` to read `_service { sdl }` when introspection is off. */
  routerSecret?: string;
  /** "Did you mean …" hints in validation errors, which reveal the schema. */
  fieldSuggestions: boolean;
  /** Stack traces in error responses. */
  stackTraces: boolean;
  /** Path of a persisted-operation manifest; when set, no other document is executed. */
  persistedOperationsManifest?: string;
  /** Distinct operation names /metrics labels without a manifest; the rest are counted as `other`. */
  metricsOperationNames: number;
}

export const DEFAULT_OPERATION_LIMITS: OperationLimits = {
  maxDepth: 10,
  maxAliases: 15,
  maxTokens: 1000,
  maxDirectives: 10,
  maxCost: 15_000,
  maxProviderCalls: 100,
  maxEntities: 100,
  maxBodyBytes: 1024 * 1024,
};

const MINUTE = 60_000;
const MONEY_MOVEMENTS: RateRule = { limit: 60, windowMs: MINUTE };

export const DEFAULT_RATE_LIMITS: RateLimits = {
  anyOperation: { limit: 300, windowMs: MINUTE },
  // Login, OTP, registration and passwords have attempt limits of their own, per phone number and per
  // client address (src/sessions/account-attempts.ts), checked by their resolvers.
  perField: {
    // Each inquiry reaches the card issuer with an IPIN: the field most worth guessing against.
    inquireCardBalance: { limit: 10, windowMs: MINUTE },
    createPayment: MONEY_MOVEMENTS,
    rechargeMobile: MONEY_MOVEMENTS,
    transferToNupeyeWallet: MONEY_MOVEMENTS,
    topupWallet: MONEY_MOVEMENTS,
    requestCardlessWithdrawal: MONEY_MOVEMENTS,
    completeCashWithdrawal: MONEY_MOVEMENTS,
  },
};

export const DEFAULT_SUBSCRIPTION_LIMITS: SubscriptionLimits = {
  messagesPerConnection: { limit: 100, windowMs: 10_000 },
  maxMessageBytes: 64 * 1024,
  subscriptionsPerConnection: 20,
  subscriptionsPerPrincipal: 50,
  connectionsPerPrincipal: 10,
};

export const DEFAULT_METRICS_OPERATION_NAMES = 50;

/** Reads the GRAPHQL_*, RATE_LIMIT* and WS_* limits; schema details are hidden in production unless enabled. */
export function readSecurityConfig(env: Env, production: boolean): SecurityConfig {
  const defaults = DEFAULT_OPERATION_LIMITS;
  return {
    limits: {
      maxDepth: readPositiveInt(env, 'GRAPHQL_MAX_DEPTH', defaults.maxDepth),
      maxAliases: readPositiveInt(env, 'GRAPHQL_MAX_ALIASES', defaults.maxAliases),
      maxTokens: readPositiveInt(env, 'GRAPHQL_MAX_TOKENS', defaults.maxTokens),
      maxDirectives: readPositiveInt(env, 'GRAPHQL_MAX_DIRECTIVES', defaults.maxDirectives),
      maxCost: readPositiveInt(env, 'GRAPHQL_MAX_COST', defaults.maxCost),
      maxProviderCalls: readPositiveInt(env, 'GRAPHQL_MAX_PROVIDER_CALLS', defaults.maxProviderCalls),
      maxEntities: readPositiveInt(env, 'GRAPHQL_MAX_ENTITIES', defaults.maxEntities),
      maxBodyBytes: readPositiveInt(env, 'GRAPHQL_MAX_BODY_BYTES', defaults.maxBodyBytes),
    },
    rateLimits: readRateLimits(env),
    subscriptions: readSubscriptionLimits(env),
    introspection: readBoolean(env, 'GRAPHQL_INTROSPECTION', !production),
    routerSecret: readRouterSecret(env),
    fieldSuggestions: !production,
    stackTraces: !production,
    persistedOperationsManifest: env.PERSISTED_OPERATIONS_MANIFEST?.trim() || undefined,
    metricsOperationNames: readPositiveInt(
      env,
      'METRICS_MAX_OPERATION_NAMES',
      DEFAULT_METRICS_OPERATION_NAMES,
      10_000,
    ),
  };
}

function readSubscriptionLimits(env: Env): SubscriptionLimits {
  const defaults = DEFAULT_SUBSCRIPTION_LIMITS;
  const messages = env.WS_RATE_LIMIT_MESSAGES?.trim();
  return {
    messagesPerConnection: messages
      ? readRule('WS_RATE_LIMIT_MESSAGES', messages)
      : defaults.messagesPerConnection,
    maxMessageBytes: readPositiveInt(env, 'WS_MAX_MESSAGE_BYTES', defaults.maxMessageBytes),
    subscriptionsPerConnection: readPositiveInt(
      env,
      'WS_MAX_SUBSCRIPTIONS_PER_CONNECTION',
      defaults.subscriptionsPerConnection,
    ),
    subscriptionsPerPrincipal: readPositiveInt(
      env,
      'WS_MAX_SUBSCRIPTIONS_PER_PRINCIPAL',
      defaults.subscriptionsPerPrincipal,
    ),
    connectionsPerPrincipal: readPositiveInt(
      env,
      'WS_MAX_CONNECTIONS_PER_PRINCIPAL',
      defaults.connectionsPerPrincipal,
    ),
  };
}

function readRouterSecret(env: Env): string | undefined {
  const secret = env.ROUTER_SECRET?.trim() || undefined;
  if (secret && Buffer.byteLength(secret) < 32) {
    throw new ConfigError('ROUTER_SECRET must be at least 32 bytes long');
  }
  return secret;
}

function readBoolean(env: Env, name: string, fallback: boolean): boolean {
  const raw = env[name]?.trim().toLowerCase();
  if (raw === undefined || raw === '') return fallback;
  if (raw === 'true') return true;
  if (raw === 'false') return false;
  throw new ConfigError(`${name} must be "true" or "false"`);
}

/**
 * RATE_LIMIT_DEFAULT="300/60" (operations per 60 s) and RATE_LIMITS="inquireCardBalance=5/60,…"
 * (per root field, over the defaults).
 */
function readRateLimits(env: Env): RateLimits {
  const anyOperation = env.RATE_LIMIT_DEFAULT?.trim()
    ? readRule('RATE_LIMIT_DEFAULT', env.RATE_LIMIT_DEFAULT.trim())
    : DEFAULT_RATE_LIMITS.anyOperation;
  const perField = { ...DEFAULT_RATE_LIMITS.perField };
  for (const entry of (env.RATE_LIMITS ?? '')
    .split(',')
    .map((part) => part.trim())
    .filter(Boolean)) {
    const match = /^([A-Za-z_][A-Za-z0-9_]*)=(.+)$/.exec(entry);
    if (!match) throw new ConfigError('RATE_LIMITS must look like "field=limit/seconds,field=limit/seconds"');
    perField[match[1]!] = readRule('RATE_LIMITS', match[2]!);
  }
  return { anyOperation, perField };
}

function readRule(name: string, value: string): RateRule {
  const match = /^(\d+)\/(\d+)$/.exec(value);
  const limit = Number(match?.[1]);
  const seconds = Number(match?.[2]);
  if (!match || limit < 1 || seconds < 1 || seconds > 86_400)
    throw new ConfigError(
      `${name} must be "<limit>/<seconds>" with positive integers (seconds at most 86400)`,
    );
  return { limit, windowMs: seconds * 1000 };
}
