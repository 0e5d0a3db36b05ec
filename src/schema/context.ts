import type { Logger } from 'pino';
import type { Principal } from '../domain/principal.js';
import type { Operations } from '../operations/operations.js';
import type { ProviderStateEntry } from '../operations/provider-states.js';
import type { Accounts } from '../sessions/create-accounts.js';
import type { Loaders } from './loaders.js';

/** What resolvers may reach of the gateway: its use cases, never its repositories or providers. */
export interface SchemaServices {
  operations: Operations;
  /** End-user accounts and sessions; undefined when sessions are not configured. */
  accounts: Accounts | undefined;
  providerStates(): ProviderStateEntry[];
}

/** What every resolver receives: who is calling, the use cases and this request's DataLoaders. */
export interface GraphQLContext {
  requestId: string;
  principal: Principal | undefined;
  /** The caller's address, for per-client limits. */
  clientAddress: string;
  logger: Logger;
  services: SchemaServices;
  loaders: Loaders;
}
