import { ALL_PROVIDERS, ProviderState, type Provider } from '../domain/provider.js';
import type { Metrics } from '../observability/metrics.js';
import { providerKey, type Providers } from '../providers/registry.js';

export interface ProviderStateEntry {
  provider: Provider;
  state: ProviderState;
}

/** Each provider's state, as /readyz and the `providers` query report it. */
export function providerStates(
  providers: Providers,
  metrics: Pick<Metrics, 'isProviderFailing'>,
): ProviderStateEntry[] {
  return ALL_PROVIDERS.map((provider) => {
    if (!providers[providerKey(provider)]) return { provider, state: ProviderState.DISABLED };
    return {
      provider,
      state: metrics.isProviderFailing(provider) ? ProviderState.FAILING : ProviderState.ENABLED,
    };
  });
}
