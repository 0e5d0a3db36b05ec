import { pino, type Logger } from 'pino';
import type { EnayaPayConfig } from '../../../src/config/enayapay.config.js';
import {
  EnayaPayDataSource,
  type EnayaPayDataSourceOptions,
} from '../../../src/providers/enayapay/enayapay.data-source.js';
import { noProviderMetrics } from '../../../src/domain/ports/provider-metrics.js';
import { startEnayaPaySandbox, type EnayaPaySandboxOptions } from '../../../src/sandbox/enayapay/index.js';
import {
  ENAYAPAY_BASE_PATH,
  type EnayaPaySimulator,
} from '../../../src/sandbox/enayapay/enayapay.simulator.js';

export const DAY_MS = 86_400_000;

/** A clock tests move by hand, shared by the simulator and the data source. */
export class ManualClock {
  constructor(private current = Date.UTC(2026, 0, 15, 12)) {}
  readonly now = (): number => this.current;
  advance(ms: number): void {
    this.current += ms;
  }
}

/** Every line a logger wrote, at every level. */
export function capturingLogger(): { logger: Logger; lines: string[] } {
  const lines: string[] = [];
  const logger = pino({ level: 'trace' }, { write: (line: string) => void lines.push(line) });
  return { logger, lines };
}

export interface EnayaPayHarness {
  simulator: EnayaPaySimulator;
  config: EnayaPayConfig;
  dataSource: EnayaPayDataSource;
  clock: ManualClock;
  /** Lines of the data source's logger. */
  lines: string[];
  /** Lines of the simulator's logger (where sandbox OTPs are written). */
  simulatorLines: string[];
  /** A data source with other settings, on the same simulator and clock. */
  client(overrides?: Partial<EnayaPayConfig>, options?: EnayaPayDataSourceOptions): EnayaPayDataSource;
  /** The OTP sent to `phone`, read as a sandbox user can: from the simulator's sandbox-only route. */
  otpFor(phone: string): Promise<string>;
  stop(): Promise<void>;
}

export async function startEnayaPayHarness(options: EnayaPaySandboxOptions = {}): Promise<EnayaPayHarness> {
  const clock = new ManualClock();
  const simulatorLog = capturingLogger();
  const { simulator, config } = await startEnayaPaySandbox({
    now: clock.now,
    timeoutMs: 5_000,
    logger: simulatorLog.logger,
    ...options,
  });
  const { logger, lines } = capturingLogger();
  const client = (
    overrides: Partial<EnayaPayConfig> = {},
    dataSourceOptions: EnayaPayDataSourceOptions = {},
  ) =>
    new EnayaPayDataSource(
      { ...config, ...overrides },
      { logger, metrics: noProviderMetrics },
      { now: clock.now, ...dataSourceOptions },
    );
  return {
    simulator,
    config,
    dataSource: client(),
    clock,
    lines,
    simulatorLines: simulatorLog.lines,
    client,
    otpFor: async (phone) => {
      const origin = config.baseUrl.slice(0, -ENAYAPAY_BASE_PATH.length);
      const response = await fetch(`${origin}/_sandbox/otp/${phone}`, {
        headers: { 'x-api-key': config.apiKey },
      });
      if (response.status !== 200) throw new Error(`no OTP for ${phone}: ${response.status}`);
      return ((await response.json()) as { otp: string }).otp;
    },
    stop: () => simulator.stop(),
  };
}

let phoneSequence = 0;
/** A distinct valid Sudanese mobile number per call. */
export function newPhone(): string {
  phoneSequence += 1;
  return `2499${String(10_000_000 + phoneSequence * 7919 + (process.pid % 1000)).slice(-8)}`;
}
