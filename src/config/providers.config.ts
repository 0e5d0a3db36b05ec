import { readDigiPayConfig } from './digipay.config.js';
import { readNchlConfig } from './nchl.config.js';
import { readEnayaPayConfig } from './enayapay.config.js';
import { readNumeroPayConfig } from './numeropay.config.js';
import { readNupeyeConfig } from './nupeye.config.js';
import type { Env } from './provider-section.js';
import { type DigiPayConfig } from './digipay.config.js';
import { type NchlConfig } from './nchl.config.js';
import { type EnayaPayConfig } from './enayapay.config.js';
import { type NumeroPayConfig } from './numeropay.config.js';
import { type NupeyeConfig } from './nupeye.config.js';

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

/** Configuration of every enabled provider; an absent entry means the provider is disabled. */
export interface ProvidersConfig {
  numeropay?: NumeroPayConfig;
  nupeye?: NupeyeConfig;
  enayapay?: EnayaPayConfig;
  digipay?: DigiPayConfig;
  nchl?: NchlConfig;
}
