import { Arg, Authorized, Ctx, ID, Query, Resolver } from 'type-graphql';
import { fromGlobalId } from '../../domain/global-id.js';
import type { GraphQLContext } from '../context.js';
import { Node } from '../common/node.interface.js';
import { nodeFetcherOf } from './node-fetchers.js';

@Resolver()
export class NodeResolver {
  @Authorized()
  @Query(() => Node, {
    nullable: true,
    description: 'Refetches any object by its global id; null if it is not visible to the caller.',
  })
  async node(
    @Arg('id', () => ID, { description: 'A global id, as returned in any `id` field.' }) id: string,
    @Ctx() context: GraphQLContext,
  ): Promise<Node | null> {
    const decoded = fromGlobalId(id);
    const fetch = decoded && nodeFetcherOf(decoded.type);
    if (!decoded || !fetch) return null;
    return ((await fetch(decoded.id, context)) as Node | undefined) ?? null;
  }
}
