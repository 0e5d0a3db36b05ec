import { randomBytes } from 'node:crypto';
import type { Logger } from 'pino';
import type { DigiPayConfig } from '../../config/digipay.config.js';
import { DigiPaySimulator } from './digipay.simulator.js';

export { DigiPaySimulator } from './digipay.simulator.js';
export { DIGIPAY_SANDBOX_WALLETS } from './digipay-wallets.js';

export interface DigiPaySandboxOptions {
  logger?: Logger;
  port?: number;
  currency?: string;
  timeoutMs?: number;
}

/** Starts a DigiPay simulator with fresh credentials and returns the configuration that reaches it. */
export async function startDigiPaySandbox(
  options: DigiPaySandboxOptions = {},
): Promise<{ simulator: DigiPaySimulator; config: DigiPayConfig }> {
  const token = randomBytes(20).toString('hex');
  const companyId = randomBytes(16).toString('hex');
  const simulator = new DigiPaySimulator({ token, companyId, logger: options.logger });
  const baseUrl = await simulator.start(options.port ?? 0);
  return {
    simulator,
    config: {
      baseUrl,
      token,
      companyId,
      currency: options.currency ?? 'NPR',
      timeoutMs: options.timeoutMs ?? 15_000,
    },
  };
}
