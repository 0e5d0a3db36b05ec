import { randomBytes } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { issueClientToken } from '../../src/server/auth/issue-token.js';
import type { Simulators } from './processes.js';

const UNLIMITED = 1_000_000_000;

/** HS256 secret of the benchmark's client tokens, fresh each run. */
export const AUTH_JWT_SECRET = randomBytes(32).toString('base64url');

export function clientToken(subject: string): Promise<string> {
  return issueClientToken({ jwtSecret: AUTH_JWT_SECRET }, subject, []);
}

/** Where this run's ledgers live: real files, so that every commit is fsynced as in production. */
const LEDGERS = mkdtempSync(join(tmpdir(), 'paygraph-bench-'));
let ledgers = 0;
export const ledgerDirectory = LEDGERS;
export function freshLedgerPath(): string {
  ledgers += 1;
  return join(LEDGERS, `ledger-${ledgers}.sqlite`);
}

/**
 * A production gateway in live mode with its defaults (LOG_LEVEL=info, operation limits, metrics, the
 * rate limiter counting every operation) and only the ceilings of the rate limits raised, as a
 * high-traffic deployment sets them: one principal sends every request here. The ledger is an SQLite
 * file. `overrides` sets the providers' variables, LOG_LEVEL …
 */
export function gatewayEnv(overrides: Record<string, string>): Record<string, string> {
  return {
    NODE_ENV: 'production',
    PAYGRAPH_MODE: 'live',
    SQLITE_PATH: freshLedgerPath(),
    AUTH_JWT_SECRET,
    LOG_LEVEL: 'info',
    // Live mode drains for 10 s on SIGTERM; the bench stops a gateway when its run is over (and needs its
    // CPU profile written on exit, before the 5 s kill).
    SHUTDOWN_DRAIN_MS: '0',
    // Production serves /metrics on a port of its own, 9464 unless set; gateways of one run share a machine.
    METRICS_PORT: '0',
    RATE_LIMIT_DEFAULT: `${UNLIMITED}/1`,
    RATE_LIMITS: ['createPayment', 'rechargeMobile'].map((field) => `${field}=${UNLIMITED}/1`).join(','),
    ...overrides,
  };
}

/** NumeroPay at the run's stub; its token is minted locally and the stub checks only that one is sent. */
export function numeroPayAt(upstreamUrl: string): Record<string, string> {
  return {
    NUMEROPAY_BASE_URL: upstreamUrl,
    NUMEROPAY_KEY_ID: 'sandbox.bench',
    NUMEROPAY_KEY_SECRET: 'bench',
    NUMEROPAY_MERCHANT_ID: 'bench-merchant',
    NUMEROPAY_BUSINESS_NAME: 'Bench',
  };
}

/** Nupeye at the simulator process (the token storm needs its real token lifecycle). */
export function nupeyeAt(simulators: Simulators): Record<string, string> {
  const { nupeye } = simulators;
  return {
    NUPEYE_BASE_URL: nupeye.baseUrl,
    NUPEYE_API_USER: nupeye.apiUser,
    NUPEYE_API_KEY: nupeye.apiKey,
    NUPEYE_CURRENCY: nupeye.currency,
  };
}
