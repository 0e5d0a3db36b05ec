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
  /** Structural cost (objects, scalars, weighted by depth). */
  maxCost: number;
  /** Provider calls the operation may cause, lists multiplied by their page size. */
  maxProviderCalls: number;
  /** Bytes of one HTTP request body. */
  maxBodyBytes: number;
}

export interface SecurityConfig {
  limits: OperationLimits;
  /** Schema introspection (Apollo Sandbox needs it). */
  introspection: boolean;
  /** "Did you mean …" hints in validation errors, which reveal the schema. */
  fieldSuggestions: boolean;
  /** Stack traces in error responses. */
  stackTraces: boolean;
  /** Path of a persisted-operation manifest; when set, no other document is executed. */
  persistedOperationsManifest?: string;
}

export const DEFAULT_OPERATION_LIMITS: OperationLimits = {
  maxDepth: 10,
  maxAliases: 15,
  maxTokens: 1000,
  maxDirectives: 10,
  maxCost: 5000,
  maxProviderCalls: 100,
  maxBodyBytes: 1024 * 1024,
};

/** Reads the GRAPHQL_* limits; schema details are hidden in production unless explicitly enabled. */
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
      maxBodyBytes: readPositiveInt(env, 'GRAPHQL_MAX_BODY_BYTES', defaults.maxBodyBytes),
    },
    introspection: readBoolean(env, 'GRAPHQL_INTROSPECTION', !production),
    fieldSuggestions: !production,
    stackTraces: !production,
    persistedOperationsManifest: env.PERSISTED_OPERATIONS_MANIFEST?.trim() || undefined,
  };
}

function readBoolean(env: Env, name: string, fallback: boolean): boolean {
  const raw = env[name]?.trim().toLowerCase();
  if (raw === undefined || raw === '') return fallback;
  if (raw === 'true') return true;
  if (raw === 'false') return false;
  throw new ConfigError(`${name} must be "true" or "false"`);
}
