import type { NumeroPayConfig } from '../../src/config/numeropay.config.js';
import type { NupeyeConfig } from '../../src/config/nupeye.config.js';
import type { NupeyeCustomer } from '../../src/sandbox/nupeye/index.js';

/** IPC between bench/run.ts and bench/processes/simulators.ts. */
export type SimulatorCommand = { type: 'counts'; id: number } | { type: 'expire-nupeye-tokens'; id: number };

export interface SimulatorCounts {
  /** e.g. "numeropay GET /transaction/:id" → 120 */
  byRoute: Record<string, number>;
  numeropayReadsById: Record<string, number>;
  /** First word of each User-Agent seen ("got", "none" …): which HTTP library called. */
  userAgents: string[];
}

export type SimulatorMessage =
  | { type: 'ready'; numeropay: NumeroPayConfig; nupeye: NupeyeConfig; nupeyeCustomer: NupeyeCustomer }
  | { type: 'counts'; id: number; counts: SimulatorCounts }
  | { type: 'done'; id: number };
