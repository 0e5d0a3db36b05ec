import { SignJWT } from 'jose';
import { pino, type Logger } from 'pino';
import type { NumeroPayConfig } from '../../src/config/numeropay.config.js';
import {
  NumeroPayClient,
  type NumeroPayClientOptions,
} from '../../src/providers/numeropay/numeropay.client.js';
import { NumeroPayDataSource } from '../../src/providers/numeropay/numeropay.data-source.js';
import type { ProviderDeps } from '../../src/providers/shared/provider-deps.js';
import type { ProviderMetrics } from '../../src/domain/ports/provider-metrics.js';
import { startNumeroPaySandbox } from '../../src/sandbox/numeropay/index.js';
import type { NumeroPaySimulator } from '../../src/sandbox/numeropay/numeropay.simulator.js';

/** A clock tests set by hand; starts at the real time. */
export class ManualClock {
  constructor(public ms = Date.now()) {}
  readonly now = (): number => this.ms;
  advance(ms: number): void {
    this.ms += ms;
  }
}

export interface NumeroPayHarness {
  simulator: NumeroPaySimulator;
  config: NumeroPayConfig;
  /** The simulator's clock. */
  providerClock: ManualClock;
  /** Token acquisitions counted by the metrics every client of this harness reports to. */
  mints: () => number;
  /** Every log line the clients wrote, at every level. */
  lines: string[];
  dataSource(overrides?: Partial<NumeroPayConfig>, options?: NumeroPayClientOptions): NumeroPayDataSource;
  client(overrides?: Partial<NumeroPayConfig>, options?: NumeroPayClientOptions): NumeroPayClient;
  stop(): Promise<void>;
}

export async function startNumeroPayHarness(): Promise<NumeroPayHarness> {
  const providerClock = new ManualClock();
  const { simulator, config } = await startNumeroPaySandbox({ now: providerClock.now, timeoutMs: 2_000 });
  const lines: string[] = [];
  const logger: Logger = pino({ level: 'trace' }, { write: (line: string) => void lines.push(line) });
  let mints = 0;
  const metrics: ProviderMetrics = {
    observeProviderCall: () => undefined,
    countTokenAcquisition: () => void (mints += 1),
  };
  const deps: ProviderDeps = { logger, metrics };
  return {
    simulator,
    config,
    providerClock,
    mints: () => mints,
    lines,
    dataSource: (overrides = {}, options = {}) =>
      new NumeroPayDataSource({ ...config, ...overrides }, deps, options),
    client: (overrides = {}, options = {}) => new NumeroPayClient({ ...config, ...overrides }, deps, options),
    stop: () => simulator.stop(),
  };
}

export interface TokenParts {
  header: Record<string, unknown>;
  claims: Record<string, unknown>;
  secret: string;
}

/** Signs a merchant JWT by hand, so tests can break one part at a time. */
export async function signToken(
  config: NumeroPayConfig,
  nowMs: number,
  change: Partial<TokenParts> = {},
): Promise<string> {
  const iat = Math.floor(nowMs / 1000);
  const header = change.header ?? { alg: 'HS256', type: 'JWT', keyid: config.keyId };
  const claims = change.claims ?? {
    scopes: ['transaction'],
    iat,
    exp: iat + 1200,
    iss: 'merchant.numeropay',
    sub: config.merchantId,
  };
  return new SignJWT(claims)
    .setProtectedHeader(header as { alg: string })
    .sign(new TextEncoder().encode(change.secret ?? config.keySecret));
}

/** Calls the simulator directly over HTTP and returns status and parsed body. */
export async function callSimulator(
  baseUrl: string,
  path: string,
  options: { token?: string; method?: string; body?: unknown; rawBody?: string } = {},
): Promise<{ status: number; body: unknown }> {
  const headers: Record<string, string> = {};
  if (options.token !== undefined) headers.authorization = `Bearer ${options.token}`;
  if (options.body !== undefined || options.rawBody !== undefined)
    headers['content-type'] = 'application/json';
  const response = await fetch(`${baseUrl}${path}`, {
    method: options.method ?? 'GET',
    headers,
    body: options.rawBody ?? (options.body === undefined ? undefined : JSON.stringify(options.body)),
  });
  return { status: response.status, body: JSON.parse(await response.text()) as unknown };
}

/** Waits until `condition` holds, polling; fails after `timeoutMs`. */
export async function waitFor(condition: () => boolean, timeoutMs = 5_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

/** A payment created through the data source, with the reference NumeroPay gave it. */
export async function createdPayment(
  dataSource: NumeroPayDataSource,
  input: Parameters<NumeroPayDataSource['createPayment']>[0],
): Promise<{ providerReference: string }> {
  const answer = await dataSource.createPayment(input);
  if (!answer.providerReference) throw new Error('NumeroPay gave the payment no reference');
  return { providerReference: answer.providerReference };
}
