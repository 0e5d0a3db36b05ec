import { readDatabase } from './database.config.js';
import { ConfigError } from './config-error.js';
import { withFileSecrets } from './env.js';
import { readPositiveInt, readUrl, type Env } from './provider-section.js';
import { type DatabaseConfig } from './database.config.js';
import type { SessionConfig } from './session.config.js';
import { type ProviderHttpClientKind } from './provider-http-client.config.js';
import { readProviderHttpClient } from './provider-http-client.config.js';
import { readSecurityConfig, type SecurityConfig } from './security.config.js';

export type Mode = 'sandbox' | 'live';

export interface AuthConfig {
  /** HS256 secret for client bearer tokens. */
  jwtSecret?: string;
  /** Remote JWKS for client bearer tokens (RS256/ES256 …). */
  jwksUrl?: string;
  issuer?: string;
  audience?: string;
}

/** Gateway settings that do not belong to one provider. */
export interface AppConfig {
  mode: Mode;
  /** NODE_ENV=production: no landing page, introspection or stack traces. */
  production: boolean;
  port: number;
  host: string;
  /** Port of /metrics when it is served apart from the API (always in production); undefined: on `port`. */
  metricsPort?: number;
  database: DatabaseConfig;
  redisUrl?: string;
  auth: AuthConfig;
  /** End-user sessions (EnayaPay accounts); set at start by readSessionConfig, which may generate sandbox keys. */
  sessions?: SessionConfig;
  /** Origins allowed by CORS; true means any. */
  corsOrigins: string[] | true;
  logLevel: string;
  /** PENDING money movements without an answer for this long were interrupted: they become UNKNOWN. */
  pendingRecoveryAfterMs: number;
  /** The HTTP library under every provider transport (PROVIDER_HTTP_CLIENT). */
  providerHttpClient: ProviderHttpClientKind;
  /** Operation limits, schema exposure and persisted operations (GRAPHQL_* variables). */
  security: SecurityConfig;
  /** After SIGTERM, how long readiness fails while requests are still served, before the listener closes. */
  shutdownDrainMs: number;
}

const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'];

/** Kubernetes probes readiness every 10 s by default: one period to notice, before the listener closes. */
const LIVE_SHUTDOWN_DRAIN_MS = 10_000;

export function readAppConfig(rawEnv: Env): AppConfig {
  const env = withFileSecrets(rawEnv);
  const production = env.NODE_ENV === 'production';
  const mode = readMode(env, production);
  const logLevel = (env.LOG_LEVEL ?? 'info').trim();
  if (!LOG_LEVELS.includes(logLevel))
    throw new ConfigError(`LOG_LEVEL must be one of ${LOG_LEVELS.join(', ')}`);
  const port = env.PORT?.trim() === '0' ? 0 : readPositiveInt(env, 'PORT', 4000);
  if (port > 65535) throw new ConfigError('PORT must be at most 65535');
  return {
    mode,
    production,
    port,
    // The sandbox console carries a ready token: only this machine may open it unless HOST says otherwise.
    host: env.HOST?.trim() || (mode === 'sandbox' ? '127.0.0.1' : '0.0.0.0'),
    metricsPort: readMetricsPort(env, production, port),
    database: readDatabase(env),
    redisUrl: readRedisUrl(env),
    auth: readAuth(env, mode),
    corsOrigins: readCorsOrigins(env, mode),
    logLevel,
    pendingRecoveryAfterMs: readPositiveInt(env, 'PENDING_RECOVERY_AFTER_MS', 300_000),
    providerHttpClient: readProviderHttpClient(env),
    security: readSecurityConfig(env, production),
    shutdownDrainMs:
      env.SHUTDOWN_DRAIN_MS?.trim() === '0'
        ? 0
        : readPositiveInt(env, 'SHUTDOWN_DRAIN_MS', mode === 'live' ? LIVE_SHUTDOWN_DRAIN_MS : 0),
  };
}

/** Production never falls back to sandbox mode (simulators, generated secrets, a printed operator token). */
function readMode(env: Env, production: boolean): Mode {
  const mode = env.PAYGRAPH_MODE?.trim();
  if (!mode && production)
    throw new ConfigError(
      'PAYGRAPH_MODE is required with NODE_ENV=production: "live", or "sandbox" to run the simulators on purpose',
    );
  if (!mode) return 'sandbox';
  if (mode !== 'sandbox' && mode !== 'live')
    throw new ConfigError('PAYGRAPH_MODE must be "sandbox" or "live"');
  return mode;
}

/** Prometheus exporters' usual port in production; an ephemeral one when the API's is (PORT=0). */
const DEFAULT_METRICS_PORT = 9464;

function readMetricsPort(env: Env, production: boolean, apiPort: number): number | undefined {
  const raw = env.METRICS_PORT?.trim();
  if (raw === '0') return 0;
  if (!raw) return production ? (apiPort === 0 ? 0 : DEFAULT_METRICS_PORT) : undefined;
  const port = readPositiveInt(env, 'METRICS_PORT', DEFAULT_METRICS_PORT);
  if (port > 65535) throw new ConfigError('METRICS_PORT must be at most 65535');
  if (port === apiPort) throw new ConfigError('METRICS_PORT must differ from PORT');
  return port;
}

function readRedisUrl(env: Env): string | undefined {
  const url = env.REDIS_URL?.trim();
  if (!url) return undefined;
  if (!/^rediss?:\/\//.test(url)) throw new ConfigError('REDIS_URL must be a redis:// URL');
  return url;
}

function readAuth(env: Env, mode: Mode): AuthConfig {
  const jwtSecret = env.AUTH_JWT_SECRET?.trim() || undefined;
  const jwksUrl = env.AUTH_JWKS_URL?.trim() ? readUrl('AUTH_JWKS_URL', env.AUTH_JWKS_URL.trim()) : undefined;
  if (jwtSecret && Buffer.byteLength(jwtSecret) < 32) {
    throw new ConfigError('AUTH_JWT_SECRET must be at least 32 bytes long');
  }
  if (mode === 'live' && !jwtSecret && !jwksUrl) {
    throw new ConfigError('AUTH_JWT_SECRET or AUTH_JWKS_URL is required in live mode');
  }
  return {
    jwtSecret,
    jwksUrl,
    issuer: env.AUTH_ISSUER?.trim() || undefined,
    audience: env.AUTH_AUDIENCE?.trim() || undefined,
  };
}

function readCorsOrigins(env: Env, mode: Mode): string[] | true {
  const raw = env.CORS_ORIGINS?.trim();
  if (!raw) return mode === 'sandbox' ? true : [];
  if (raw === '*') return true;
  const origins = raw
    .split(',')
    .map((origin) => origin.trim())
    .filter(Boolean);
  for (const origin of origins) readUrl('CORS_ORIGINS', origin);
  return origins;
}
