import { createHash, timingSafeEqual } from 'node:crypto';
import type { FieldNode, GraphQLError } from 'graphql';
import { refusedDocument } from './errors.js';

/** The header a federation router sends its credential in (`ROUTER_SECRET`). */
export const ROUTER_SECRET_HEADER = 'x-router-secret';

/**
 * `_service { sdl }` prints the whole schema, so it follows the introspection rule: refused where
 * introspection is off, unless the request carries the configured router credential.
 */
export function checkSubgraphSdlAccess(
  rootSelections: readonly FieldNode[],
  options: { introspection: boolean; routerSecret: string | undefined; presented: string | undefined },
): GraphQLError | undefined {
  if (options.introspection || !rootSelections.some((node) => node.name.value === '_service'))
    return undefined;
  if (options.routerSecret && options.presented && sameSecret(options.presented, options.routerSecret))
    return undefined;
  return refusedDocument(
    'The subgraph schema (_service) is not served here: introspection is off and no router credential was sent.',
  );
}

/** Constant-time comparison of two secrets of any length (their digests are compared). */
function sameSecret(presented: string, expected: string): boolean {
  const digest = (value: string) => createHash('sha256').update(value).digest();
  return timingSafeEqual(digest(presented), digest(expected));
}
