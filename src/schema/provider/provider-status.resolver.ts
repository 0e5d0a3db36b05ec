import { Ctx, Query, Resolver } from 'type-graphql';
import type { GraphQLContext } from '../context.js';
import { ProviderStatus } from './provider-status.type.js';

@Resolver(() => ProviderStatus)
export class ProviderStatusResolver {
  @Query(() => [ProviderStatus], {
    description: 'Which providers this gateway serves, and whether they work now.',
  })
  providers(@Ctx() context: GraphQLContext): ProviderStatus[] {
    return context.services.providerStates().map((state) => Object.assign(new ProviderStatus(), state));
  }
}
