/** The five providers PayGraph fronts. Values are stable: they are stored in the ledger and exposed in GraphQL. */
export enum Provider {
  NUPEYE = 'NUPEYE',
  DIGIPAY = 'DIGIPAY',
  NCHL = 'NCHL',
  NUMEROPAY = 'NUMEROPAY',
  ENAYAPAY = 'ENAYAPAY',
}

export const ALL_PROVIDERS: readonly Provider[] = Object.values(Provider);

/** How each provider is named in messages to people. */
export const PROVIDER_NAMES: Readonly<Record<Provider, string>> = {
  [Provider.NUPEYE]: 'Nupeye',
  [Provider.DIGIPAY]: 'DigiPay',
  [Provider.NCHL]: 'NCHL',
  [Provider.NUMEROPAY]: 'NumeroPay',
  [Provider.ENAYAPAY]: 'EnayaPay',
};

/** Whether a provider can be used through this gateway now (readiness and the `providers` query). */
export enum ProviderState {
  ENABLED = 'ENABLED',
  DISABLED = 'DISABLED',
  FAILING = 'FAILING',
}
