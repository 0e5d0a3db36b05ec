import type { ProvidersConfig } from '../providers/registry.js';
import { readDigiPayConfig } from './digipay.config.js';
import { readNchlConfig } from './nchl.config.js';
import { readEnayaPayConfig } from './enayapay.config.js';
import { readNumeroPayConfig } from './numeropay.config.js';
import { readNupeyeConfig } from './nupeye.config.js';
import type { Env } from './provider-section.js';

/** Live mode: each provider from its variables (absent → disabled, partial → error naming the variable). */
export function readProvidersConfig(env: Env): ProvidersConfig {
  return {
    numeropay: readNumeroPayConfig(env),
    nupeye: readNupeyeConfig(env),
    enayapay: readEnayaPayConfig(env),
    digipay: readDigiPayConfig(env),
    nchl: readNchlConfig(env),
  };
}
