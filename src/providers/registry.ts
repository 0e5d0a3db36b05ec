import { type ProvidersConfig } from '../config/providers.config.js';
import { Provider } from '../domain/provider.js';
import { DigiPayDataSource } from './digipay/digipay.data-source.js';
import { NchlDataSource } from './nchl/nchl.data-source.js';
import { EnayaPayDataSource } from './enayapay/enayapay.data-source.js';
import { NumeroPayDataSource } from './numeropay/numeropay.data-source.js';
import { NupeyeDataSource } from './nupeye/nupeye.data-source.js';
import type { ProviderDeps } from './shared/provider-deps.js';
import type { TransactionStatusSource } from '../domain/ports/transaction-status-source.js';

/** The data source of every enabled provider; resolvers reach providers only through these. */
export interface Providers {
  numeropay?: NumeroPayDataSource;
  nupeye?: NupeyeDataSource;
  enayapay?: EnayaPayDataSource;
  digipay?: DigiPayDataSource;
  nchl?: NchlDataSource;
}

export type ProviderKey = keyof Providers;

export function providerKey(provider: Provider): ProviderKey {
  return provider.toLowerCase() as ProviderKey;
}

export function createProviders(config: ProvidersConfig, deps: ProviderDeps): Providers {
  return {
    numeropay: config.numeropay && new NumeroPayDataSource(config.numeropay, deps),
    nupeye: config.nupeye && new NupeyeDataSource(config.nupeye, deps),
    enayapay: config.enayapay && new EnayaPayDataSource(config.enayapay, deps),
    digipay: config.digipay && new DigiPayDataSource(config.digipay, deps),
    nchl: config.nchl && new NchlDataSource(config.nchl, deps),
  };
}

/** Providers whose status API can settle a transaction's live status. */
export function statusSources(providers: Providers): Partial<Record<Provider, TransactionStatusSource>> {
  return {
    [Provider.NUMEROPAY]: providers.numeropay,
  };
}
