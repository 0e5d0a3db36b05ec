import type { FieldNode, GraphQLError } from 'graphql';
import type { RateLimits } from '../../config/security.config.js';
import type { RateLimitDecision, RateLimiter } from '../../domain/ports/rate-limiter.js';
import { rateLimited } from './errors.js';

/**
 * Counts requests against their caller's budgets (shared by every replica when the limiter is Redis).
 * Every request counts once before its document is even parsed, so documents that fail to parse or
 * validate spend the budget too; root fields with a budget of their own count once the operation is
 * known, aliases one by one.
 */
export class OperationRateLimits {
  constructor(
    private readonly limiter: RateLimiter,
    private readonly limits: RateLimits,
  ) {}

  async countRequest(caller: string): Promise<GraphQLError | undefined> {
    return refusal([await this.limiter.hit(`operations:${caller}`, this.limits.anyOperation)]);
  }

  async countRootFields(
    caller: string,
    rootSelections: readonly FieldNode[],
  ): Promise<GraphQLError | undefined> {
    const hits: Promise<RateLimitDecision>[] = [];
    for (const node of rootSelections) {
      const field = node.name.value;
      const rule = Object.hasOwn(this.limits.perField, field) ? this.limits.perField[field] : undefined;
      if (rule) hits.push(this.limiter.hit(`field:${field}:${caller}`, rule));
    }
    return refusal(await Promise.all(hits));
  }
}

function refusal(decisions: RateLimitDecision[]): GraphQLError | undefined {
  const refused = decisions.filter((decision) => !decision.allowed);
  if (refused.length === 0) return undefined;
  return rateLimited(Math.max(...refused.map((decision) => decision.retryAfterSeconds)));
}
