import { HeaderMap, type ApolloServerPlugin } from '@apollo/server';
import { GraphQLError, Kind, type FragmentDefinitionNode, type SelectionSetNode } from 'graphql';
import type { RateLimits } from '../../config/security.config.js';
import { SystemErrorCode } from '../../domain/error-codes.js';
import type { GraphQLContext } from '../../schema/context.js';
import type { RateLimiter } from '../../domain/ports/rate-limiter.js';

/**
 * Counts each operation against its caller's budget (the principal, or the client address when
 * anonymous) and each root field with a budget of its own, before any resolver runs. Beyond a budget
 * the whole operation is refused: RATE_LIMITED, HTTP 429, `retryAfterSeconds` and a Retry-After header.
 */
export function operationRateLimitPlugin(
  limiter: RateLimiter,
  limits: RateLimits,
): ApolloServerPlugin<GraphQLContext> {
  return {
    requestDidStart: () =>
      Promise.resolve({
        async didResolveOperation({ operation, document, contextValue }) {
          if (!operation) return;
          const caller = contextValue.principal
            ? `principal:${contextValue.principal.id}`
            : `address:${contextValue.clientAddress}`;
          const hits = [limiter.hit(`operations:${caller}`, limits.anyOperation)];
          for (const field of rootFields(operation.selectionSet, document.definitions)) {
            const rule = limits.perField[field];
            if (rule) hits.push(limiter.hit(`field:${field}:${caller}`, rule));
          }
          const refused = (await Promise.all(hits)).filter((decision) => !decision.allowed);
          if (refused.length === 0) return;
          const retryAfterSeconds = Math.max(...refused.map((decision) => decision.retryAfterSeconds));
          throw rateLimited(retryAfterSeconds);
        },
      }),
  };
}

export function rateLimited(retryAfterSeconds: number): GraphQLError {
  return new GraphQLError(`Too many requests; try again in ${retryAfterSeconds} seconds`, {
    extensions: {
      code: SystemErrorCode.RATE_LIMITED,
      retryAfterSeconds,
      http: { status: 429, headers: new HeaderMap([['retry-after', String(retryAfterSeconds)]]) },
    },
  });
}

/** Names of the root fields an operation selects, once per selection (aliases count separately). */
function rootFields(
  selectionSet: SelectionSetNode,
  definitions: readonly { kind: Kind }[],
  seen = new Set<string>(),
): string[] {
  const names: string[] = [];
  for (const selection of selectionSet.selections) {
    if (selection.kind === Kind.FIELD) names.push(selection.name.value);
    else if (selection.kind === Kind.INLINE_FRAGMENT)
      names.push(...rootFields(selection.selectionSet, definitions, seen));
    else if (!seen.has(selection.name.value)) {
      seen.add(selection.name.value);
      const fragment = definitions.find(
        (d): d is FragmentDefinitionNode =>
          d.kind === Kind.FRAGMENT_DEFINITION &&
          (d as FragmentDefinitionNode).name.value === selection.name.value,
      );
      if (fragment) names.push(...rootFields(fragment.selectionSet, definitions, seen));
    }
  }
  return names;
}
