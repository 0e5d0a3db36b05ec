import { ALL_PROVIDERS, ProviderState, type Provider } from '../domain/provider.js';
import { providerKey } from '../providers/registry.js';
import type { Services } from './services.js';

/** Each provider's state, as /readyz and the `providers` query report it. */
export function providerStates(services: Services): { provider: Provider; state: ProviderState }[] {
  return ALL_PROVIDERS.map((provider) => {
    if (!services.providers[providerKey(provider)]) return { provider, state: ProviderState.DISABLED };
    return {
      provider,
      state: services.metrics.isProviderFailing(provider) ? ProviderState.FAILING : ProviderState.ENABLED,
    };
  });
}
