import { randomBytes } from 'node:crypto';
import { issueClientToken } from '../../src/server/auth/issue-token.js';
import type { Simulators } from './processes.js';

const UNLIMITED = 1_000_000_000;

/** HS256 secret of the benchmark's client tokens, fresh each run. */
export const AUTH_JWT_SECRET = randomBytes(32).toString('base64url');

export function clientToken(subject: string): Promise<string> {
  return issueClientToken({ jwtSecret: AUTH_JWT_SECRET }, subject, []);
}

/**
 * A production gateway in live mode pointed at the simulator process: the gateway's CPU is its own,
 * not shared with the simulators as in sandbox mode. `overrides` sets LOG_LEVEL, PROVIDER_HTTP_CLIENT …
 */
export function gatewayEnv(
  simulators: Simulators,
  overrides: Record<string, string> = {},
): Record<string, string> {
  const { numeropay, nupeye } = simulators;
  return {
    NODE_ENV: 'production',
    PAYGRAPH_MODE: 'live',
    SQLITE_PATH: ':memory:',
    AUTH_JWT_SECRET,
    LOG_LEVEL: 'info',
    PROVIDER_HTTP_CLIENT: 'got',
    NUMEROPAY_BASE_URL: numeropay.baseUrl,
    NUMEROPAY_KEY_ID: numeropay.keyId,
    NUMEROPAY_KEY_SECRET: numeropay.keySecret,
    NUMEROPAY_MERCHANT_ID: numeropay.merchantId,
    NUMEROPAY_BUSINESS_NAME: numeropay.businessName,
    NUPEYE_BASE_URL: nupeye.baseUrl,
    NUPEYE_API_USER: nupeye.apiUser,
    NUPEYE_API_KEY: nupeye.apiKey,
    NUPEYE_CURRENCY: nupeye.currency,
    // One principal sends every request here: its per-caller budgets are lifted (still counted).
    RATE_LIMIT_DEFAULT: `${UNLIMITED}/1`,
    RATE_LIMITS: ['createPayment', 'rechargeMobile'].map((field) => `${field}=${UNLIMITED}/1`).join(','),
    ...overrides,
  };
}
