import type { Principal } from '../../domain/principal.js';
import type { Services } from '../../operations/services.js';
import type { GraphQLContext } from '../../schema/context.js';
import { createLoaders } from '../../schema/loaders.js';

/** What the resolvers of one request (an HTTP request, or one subscription) receive, whatever the transport. */
export function createRequestContext(
  services: Services,
  request: { requestId: string; principal: Principal | undefined; clientAddress: string },
): GraphQLContext {
  const { requestId, principal, clientAddress } = request;
  return {
    requestId,
    principal,
    clientAddress,
    logger: services.logger.child({ reqId: requestId, ...(principal ? { principal: principal.id } : {}) }),
    services,
    loaders: createLoaders(services),
  };
}
