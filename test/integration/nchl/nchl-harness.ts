import { pino, type Logger } from 'pino';
import type { NchlConfig } from '../../../src/config/nchl.config.js';
import type { Provider } from '../../../src/domain/provider.js';
import { NchlDataSource } from '../../../src/providers/nchl/nchl.data-source.js';
import type { ProviderMetrics } from '../../../src/domain/ports/provider-metrics.js';
import {
  startNchlSandbox,
  type NchlSandbox,
  type NchlSandboxOptions,
} from '../../../src/sandbox/nchl/index.js';

/** A clock tests move by hand, shared by the simulator and the client. */
export class ManualClock {
  constructor(private current = Date.UTC(2026, 0, 1, 6, 0, 0)) {}
  readonly now = (): number => this.current;
  advance(ms: number): void {
    this.current += ms;
  }
}

export class RecordingMetrics implements ProviderMetrics {
  readonly acquisitions: string[] = [];
  observeProviderCall(): void {}
  countTokenAcquisition(_provider: Provider, kind: string): void {
    this.acquisitions.push(kind);
  }
}

/** Every line a logger wrote, at every level, so tests can prove what never appears in logs. */
export function capturingLogger(): { logger: Logger; lines: string[] } {
  const lines: string[] = [];
  const logger = pino({ level: 'trace' }, { write: (line: string) => void lines.push(line) });
  return { logger, lines };
}

export interface NchlHarness extends NchlSandbox {
  dataSource: NchlDataSource;
  clock: ManualClock;
  metrics: RecordingMetrics;
  lines: string[];
  /** A data source with other settings, on the same simulator and clock. */
  client(overrides?: Partial<NchlConfig>): NchlDataSource;
  stop(): Promise<void>;
}

export async function startNchlHarness(options: NchlSandboxOptions = {}): Promise<NchlHarness> {
  const clock = new ManualClock();
  const { logger, lines } = capturingLogger();
  const sandbox = await startNchlSandbox({ now: clock.now, logger, ...options });
  const metrics = new RecordingMetrics();
  const client = (overrides: Partial<NchlConfig> = {}) =>
    new NchlDataSource(
      { ...sandbox.config, timeoutMs: 20_000, ...overrides },
      { logger, metrics },
      { now: clock.now },
    );
  return {
    ...sandbox,
    dataSource: client(),
    clock,
    metrics,
    lines,
    client,
    stop: () => sandbox.simulator.stop(),
  };
}

export const SECOND = 1000;
export const HOUR = 3600 * SECOND;

/** A valid withdrawal request for `transactionUniqueId`. */
export function withdrawalRequest(transactionUniqueId: string, overrides: Record<string, string> = {}) {
  return {
    transactionUniqueId,
    amount: '5000',
    mobileNumber: '9813000001',
    accountName: 'Ankit Neupane',
    accountNumber: '00100123456',
    branchId: '1',
    bankId: '1000',
    remarks: 'Towards the mountains',
    ...overrides,
  };
}

export function cashOutFor(otp: string, overrides: Record<string, string> = {}) {
  return {
    verificationCode: otp,
    mobileNumber: '9813000001',
    amount: '5000',
    bankCode: 'PCBLNPKA',
    traceNumber: 'TRACE015',
    referenceNumber: 'CLW-058834591',
    terminalId: 'PRIME2101',
    ...overrides,
  };
}
