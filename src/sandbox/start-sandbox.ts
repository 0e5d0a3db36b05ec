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

/** Starts every provider simulator on loopback, all at once; if one fails, those that started stop. */
export async function startSandbox(options: StartSandboxOptions = {}): Promise<Sandbox> {
  const { logger, ports = {} } = options;
  const starting = [
    startNumeroPaySandbox({ logger, port: ports.numeropay }),
    startNupeyeSandbox({ logger, port: ports.nupeye }),
    startEnayaPaySandbox({ logger, port: ports.enayapay }),
    startDigiPaySandbox({ logger, port: ports.digipay }),
    startNchlSandbox({ logger, port: ports.nchl }),
  ] as const;
  const outcomes = await Promise.allSettled(starting);
  const failure = outcomes.find((outcome) => outcome.status === 'rejected');
  if (failure) {
    await Promise.all(
      outcomes.map((outcome) =>
        outcome.status === 'fulfilled' ? outcome.value.simulator.stop() : undefined,
      ),
    );
    throw failure.reason;
  }
  const [numeropay, nupeye, enayapay, digipay, nchl] = await Promise.all(starting);
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
