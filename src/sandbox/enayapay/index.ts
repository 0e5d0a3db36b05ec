import { randomBytes } from 'node:crypto';
import type { Logger } from 'pino';
import type { EnayaPayConfig } from '../../config/enayapay.config.js';
import { EnayaPaySimulator, type EnayaPaySimulatorOptions } from './enayapay.simulator.js';

export { EnayaPaySimulator, ENAYAPAY_BASE_PATH } from './enayapay.simulator.js';
export { TEST_CARDS, CARD_ERRORS, type TestCard } from './enayapay-cards.js';

export interface EnayaPaySandboxOptions extends Partial<Omit<EnayaPaySimulatorOptions, 'logger'>> {
  logger?: Logger;
  port?: number;
  timeoutMs?: number;
}

/** Starts the EnayaPay simulator with a fresh sandbox API key and returns the config that reaches it. */
export async function startEnayaPaySandbox(
  options: EnayaPaySandboxOptions = {},
): Promise<{ simulator: EnayaPaySimulator; config: EnayaPayConfig }> {
  const { port, timeoutMs, ...simulatorOptions } = options;
  const apiKey = simulatorOptions.apiKey ?? `sandbox_${randomBytes(18).toString('base64url')}`;
  const simulator = new EnayaPaySimulator({ ...simulatorOptions, apiKey });
  const baseUrl = await simulator.start(port ?? 0);
  return { simulator, config: { baseUrl, apiKey, timeoutMs: timeoutMs ?? 15_000 } };
}
