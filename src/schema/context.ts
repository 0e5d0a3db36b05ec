import type { Logger } from 'pino';
import type { Loaders } from './loaders.js';
import type { Principal } from '../domain/principal.js';
import type { Services } from '../operations/services.js';

/** What every resolver receives: who is calling, the shared services and this request's DataLoaders. */
export interface GraphQLContext {
  requestId: string;
  principal: Principal | undefined;
  /** The caller's address, for per-client limits. */
  clientAddress: string;
  logger: Logger;
  services: Services;
  loaders: Loaders;
}
