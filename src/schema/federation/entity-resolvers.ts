import { fromGlobalId } from '../../domain/global-id.js';
import type { GraphQLContext } from '../context.js';
import { nodeFetcherOf } from '../node/node-fetchers.js';

interface EntityReference {
  id: unknown;
}

/**
 * How the supergraph's router resolves references to PayGraph's entities (`_entities`): by the same
 * global id and the same visibility rules as `node(id:)`, so a reference never reveals another
 * principal's object. Loads go through the request's DataLoaders, so a batch of references is one query.
 */
function resolveReference(type: string) {
  return async (reference: EntityReference, context: GraphQLContext): Promise<object | null> => {
    const fetch = nodeFetcherOf(type);
    // The request pipeline refuses representations without a string id; this keeps the rule here too.
    if (typeof reference.id !== 'string') return null;
    const decoded = fromGlobalId(reference.id);
    if (!fetch || decoded?.type !== type) return null;
    return (await fetch(decoded.id, context)) ?? null;
  };
}

/** Entity types keyed by `id`: each needs a @key directive on its class and an entry here. */
export const FEDERATED_ENTITIES = ['User', 'Transaction', 'Withdrawal'] as const;

export const entityReferenceResolvers = Object.fromEntries(
  FEDERATED_ENTITIES.map((type) => [type, { __resolveReference: resolveReference(type) }]),
);
