import { pino, type Logger } from 'pino';
import type { DigiPayConfig } from '../../../src/config/digipay.config.js';
import { DigiPayDataSource } from '../../../src/providers/digipay/digipay.data-source.js';
import type { WalletTopupInput } from '../../../src/providers/digipay/digipay.mapper.js';
import { type ProviderHttpClientKind } from '../../../src/config/provider-http-client.config.js';
import { noProviderMetrics } from '../../../src/domain/ports/provider-metrics.js';
import { DIGIPAY_SANDBOX_WALLETS, startDigiPaySandbox } from '../../../src/sandbox/digipay/index.js';
import type { DigiPaySimulator } from '../../../src/sandbox/digipay/digipay.simulator.js';

export { DIGIPAY_SANDBOX_WALLETS };

/** Every line a logger wrote, at every level, so tests can prove what never appears in logs. */
function capturingLogger(): { logger: Logger; lines: string[] } {
  const lines: string[] = [];
  const logger = pino({ level: 'trace' }, { write: (line: string) => void lines.push(line) });
  return { logger, lines };
}

export interface DigiPayHarness {
  simulator: DigiPaySimulator;
  config: DigiPayConfig;
  dataSource: DigiPayDataSource;
  lines: string[];
  /** A data source with other settings (wrong credentials, short timeout) on the same simulator. */
  client(overrides?: Partial<DigiPayConfig>): DigiPayDataSource;
  stop(): Promise<void>;
}

/** A DigiPay simulator and data sources for it, on the given HTTP library (got unless told). */
export async function startDigiPayHarness(httpClient?: ProviderHttpClientKind): Promise<DigiPayHarness> {
  const { simulator, config } = await startDigiPaySandbox({ timeoutMs: 5_000 });
  const { logger, lines } = capturingLogger();
  const client = (overrides: Partial<DigiPayConfig> = {}) =>
    new DigiPayDataSource({ ...config, ...overrides }, { logger, metrics: noProviderMetrics, httpClient });
  return { simulator, config, dataSource: client(), lines, client, stop: () => simulator.stop() };
}

export function topupOf(overrides: Partial<WalletTopupInput> = {}): WalletTopupInput {
  return {
    walletId: DIGIPAY_SANDBOX_WALLETS.active,
    amount: '1000',
    txnCode: 'CIB',
    paymentMode: 2,
    note: 'testing',
    ...overrides,
  };
}
