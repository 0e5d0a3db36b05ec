import type { Logger } from 'pino';
import type { Principal } from '../../domain/principal.js';
import type { GraphQLContext, SchemaServices } from '../../schema/context.js';
import { createLoaders } from '../../schema/loaders.js';

/** What the context of every request is made from: the gateway's logger and what resolvers may reach. */
export interface ContextSource {
  logger: Logger;
  services: SchemaServices;
}

/** What the resolvers of one request (an HTTP request, or one subscription) receive, whatever the transport. */
export function createRequestContext(
  source: ContextSource,
  request: { requestId: string; principal: Principal | undefined; clientAddress: string },
): GraphQLContext {
  const { requestId, principal, clientAddress } = request;
  return {
    requestId,
    principal,
    clientAddress,
    logger: source.logger.child({ reqId: requestId, ...(principal ? { principal: principal.id } : {}) }),
    services: source.services,
    loaders: createLoaders(source.services),
  };
}
