import { pino, type Logger } from 'pino';
import type { NupeyeConfig } from '../../../src/config/nupeye.config.js';
import type { Provider } from '../../../src/domain/provider.js';
import { NupeyeDataSource } from '../../../src/providers/nupeye/nupeye.data-source.js';
import { type ProviderHttpClientKind } from '../../../src/config/provider-http-client.config.js';
import type { ProviderMetrics } from '../../../src/domain/ports/provider-metrics.js';
import { startNupeyeSandbox, type StartNupeyeSandboxOptions } from '../../../src/sandbox/nupeye/index.js';
import type { NupeyeSimulator } from '../../../src/sandbox/nupeye/nupeye.simulator.js';

/** A clock tests move by hand, shared by the simulator and the client. */
export class ManualClock {
  constructor(private current = Date.UTC(2026, 0, 1)) {}
  readonly now = (): number => this.current;
  advance(ms: number): void {
    this.current += ms;
  }
}

/** Every line a logger wrote, at every level, so tests can prove what never appears in logs. */
export function capturingLogger(): { logger: Logger; lines: string[] } {
  const lines: string[] = [];
  const logger = pino({ level: 'trace' }, { write: (line: string) => void lines.push(line) });
  return { logger, lines };
}

export class RecordingMetrics implements ProviderMetrics {
  readonly acquisitions: string[] = [];
  observeProviderCall(): void {}
  countTokenAcquisition(_provider: Provider, kind: string): void {
    this.acquisitions.push(kind);
  }
}

export interface NupeyeHarness {
  simulator: NupeyeSimulator;
  config: NupeyeConfig;
  dataSource: NupeyeDataSource;
  clock: ManualClock;
  metrics: RecordingMetrics;
  lines: string[];
  /** A data source with other settings, on the same simulator and clock. */
  client(overrides?: Partial<NupeyeConfig>): NupeyeDataSource;
  stop(): Promise<void>;
}

export const DAY_MS = 86_400_000;

export async function startNupeyeHarness(
  options: StartNupeyeSandboxOptions & { httpClient?: ProviderHttpClientKind } = {},
): Promise<NupeyeHarness> {
  const clock = new ManualClock();
  const { simulator, config } = await startNupeyeSandbox({ now: clock.now, timeoutMs: 30_000, ...options });
  const metrics = new RecordingMetrics();
  const { logger, lines } = capturingLogger();
  const client = (overrides: Partial<NupeyeConfig> = {}) =>
    new NupeyeDataSource(
      { ...config, ...overrides },
      { logger, metrics, httpClient: options.httpClient },
      { now: clock.now },
    );
  return {
    simulator,
    config,
    dataSource: client(),
    clock,
    metrics,
    lines,
    client,
    stop: () => simulator.stop(),
  };
}

/** `count` distinct valid mobile numbers, so tests can check each recharge landed exactly once. */
export function mobileNumbers(count: number): string[] {
  return Array.from({ length: count }, (_, index) => String(9_100_000_000 + index));
}
