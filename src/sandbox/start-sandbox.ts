import type { Logger } from 'pino';
import { type ProvidersConfig } from '../config/providers.config.js';
import { startDigiPaySandbox, type DigiPaySimulator } from './digipay/index.js';
import { notifyGateway, startNchlSandbox, type NchlSimulator } from './nchl/index.js';
import { startEnayaPaySandbox, type EnayaPaySimulator } from './enayapay/index.js';
import { startNumeroPaySandbox } from './numeropay/index.js';
import type { NumeroPaySimulator } from './numeropay/numeropay.simulator.js';
import { startNupeyeSandbox, type NupeyeSimulator } from './nupeye/index.js';

/** Fixed loopback ports of `npm run sandbox`; tests use port 0. */
export const STANDALONE_PORTS = {
  numeropay: 4101,
  nupeye: 4102,
  digipay: 4103,
  nchl: 4104,
  enayapay: 4105,
} as const;

export interface SandboxSimulators {
  numeropay: NumeroPaySimulator;
  nupeye: NupeyeSimulator;
  enayapay: EnayaPaySimulator;
  digipay: DigiPaySimulator;
  nchl: NchlSimulator;
}

export interface Sandbox {
  simulators: SandboxSimulators;
  /** Configuration pointing the gateway at the simulators, with their generated credentials. */
  providers: ProvidersConfig;
  /** Tells simulators that call the gateway back (NCHL notifications) where it listens. */
  connectGateway(origin: string): void;
  stop(): Promise<void>;
}

export interface StartSandboxOptions {
  logger?: Logger;
  /** Fixed ports (standalone); port 0 for each when absent. */
  ports?: Partial<Record<keyof SandboxSimulators, number>>;
}

/** Starts every provider simulator on loopback. */
export async function startSandbox(options: StartSandboxOptions = {}): Promise<Sandbox> {
  const { logger, ports = {} } = options;
  const numeropay = await startNumeroPaySandbox({ logger, port: ports.numeropay });
  const nupeye = await startNupeyeSandbox({ logger, port: ports.nupeye });
  const enayapay = await startEnayaPaySandbox({ logger, port: ports.enayapay });
  const digipay = await startDigiPaySandbox({ logger, port: ports.digipay });
  const nchl = await startNchlSandbox({ logger, port: ports.nchl });
  const simulators: SandboxSimulators = {
    numeropay: numeropay.simulator,
    nupeye: nupeye.simulator,
    enayapay: enayapay.simulator,
    digipay: digipay.simulator,
    nchl: nchl.simulator,
  };
  return {
    simulators,
    providers: {
      numeropay: numeropay.config,
      nupeye: nupeye.config,
      digipay: digipay.config,
      nchl: nchl.config,
      enayapay: enayapay.config,
    },
    connectGateway: (origin) => notifyGateway(nchl, origin),
    stop: async () => {
      await Promise.all(Object.values(simulators).map((simulator) => simulator.stop()));
    },
  };
}
