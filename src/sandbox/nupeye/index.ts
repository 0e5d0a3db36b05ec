import { randomBytes } from 'node:crypto';
import type { Logger } from 'pino';
import type { NupeyeConfig } from '../../config/nupeye.config.js';
import type { NupeyeCustomer } from './nupeye-accounts.js';
import { NupeyeSimulator, type NupeyeSimulatorOptions } from './nupeye.simulator.js';

export { NupeyeSimulator } from './nupeye.simulator.js';
export type { NupeyeCustomer } from './nupeye-accounts.js';

/** The Nupeye customer every sandbox knows, documented in the README for trying `rechargeMobile`. */
export const NUPEYE_SANDBOX_CUSTOMER: Readonly<NupeyeCustomer> = {
  userName: 'sandbox.customer',
  password: 'sandbox-pass-1234',
  mobileNo: '9800000001',
};

const DAY_MS = 86_400_000;

/** How long the sandbox's Nupeye client waits for an answer. */
export const NUPEYE_SANDBOX_TIMEOUT_MS = 15_000;

export interface StartNupeyeSandboxOptions extends Partial<Omit<NupeyeSimulatorOptions, 'logger'>> {
  logger?: Logger;
  port?: number;
  /** What the client believes a token lives; defaults to the simulator's token lifetime. */
  clientTokenLifetimeMs?: number;
  timeoutMs?: number;
  currency?: string;
}

/** Starts a Nupeye simulator with fresh sandbox credentials and returns a client configuration for it. */
export async function startNupeyeSandbox(
  options: StartNupeyeSandboxOptions = {},
): Promise<{ simulator: NupeyeSimulator; config: NupeyeConfig }> {
  const apiUser = options.apiUser ?? 'PayGraphSandbox';
  const apiKey = options.apiKey ?? randomBytes(18).toString('base64url');
  const simulator = new NupeyeSimulator({
    ...options,
    apiUser,
    apiKey,
    customers: options.customers ?? [NUPEYE_SANDBOX_CUSTOMER],
  });
  const baseUrl = await simulator.start(options.port ?? 0);
  return {
    simulator,
    config: {
      baseUrl,
      apiUser,
      apiKey,
      currency: options.currency ?? 'INR',
      tokenLifetimeMs: options.clientTokenLifetimeMs ?? options.tokenLifetimeMs ?? DAY_MS,
      timeoutMs: options.timeoutMs ?? NUPEYE_SANDBOX_TIMEOUT_MS,
    },
  };
}
