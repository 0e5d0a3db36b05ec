import type { Logger } from 'pino';
import { NUMEROPAY_TOKEN_LIFETIME_SECONDS, type NumeroPayConfig } from '../../config/numeropay.config.js';
import { SANDBOX_KEY_PREFIX } from './numeropay-merchants.js';
import { NumeroPaySimulator } from './numeropay.simulator.js';

export { NumeroPaySimulator } from './numeropay.simulator.js';
export { SANDBOX_STATES, type SandboxState, type SandboxTransaction } from './numeropay-transactions.js';
export type { SandboxMerchant } from './numeropay-merchants.js';

export interface NumeroPaySandboxOptions {
  logger?: Logger;
  port?: number;
  /** The simulator's clock (epoch ms); tests move it to expire tokens. */
  now?: () => number;
  timeoutMs?: number;
  tokenLifetimeSeconds?: number;
}

/**
 * Starts a NumeroPay simulator with one generated merchant and returns a configuration in the
 * document's test mode: KEY_ID `sandbox.<live KEY_ID>`, signed with the live KEY_ID as its secret.
 */
export async function startNumeroPaySandbox(
  options: NumeroPaySandboxOptions = {},
): Promise<{ simulator: NumeroPaySimulator; config: NumeroPayConfig }> {
  const simulator = new NumeroPaySimulator({ logger: options.logger, now: options.now });
  const merchant = simulator.registerMerchant();
  const baseUrl = await simulator.start(options.port ?? 0);
  return {
    simulator,
    config: {
      baseUrl,
      keyId: `${SANDBOX_KEY_PREFIX}${merchant.liveKeyId}`,
      keySecret: merchant.liveKeyId,
      merchantId: merchant.id,
      businessName: merchant.businessNames[0]!,
      timeoutMs: options.timeoutMs ?? 15_000,
      tokenLifetimeSeconds: options.tokenLifetimeSeconds ?? NUMEROPAY_TOKEN_LIFETIME_SECONDS,
    },
  };
}
