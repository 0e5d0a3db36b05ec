import { providerStates } from '../operations/provider-states.js';
import type { SchemaServices } from '../schema/context.js';
import type { Services } from './services.js';

/** What resolvers see of the gateway's services: the use cases and the accounts, built once per gateway. */
export function schemaServices(services: Services): SchemaServices {
  return {
    operations: services.operations,
    accounts: services.accounts,
    providerStates: () => providerStates(services.providers, services.metrics),
  };
}
