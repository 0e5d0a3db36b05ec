import { Authorized, Ctx, Query, Resolver } from 'type-graphql';
import type { GraphQLContext } from '../context.js';
import { requirePrincipal } from '../common/require-principal.js';
import { User } from './user.type.js';

@Resolver(() => User)
export class UserResolver {
  @Authorized()
  @Query(() => User, { description: 'The calling user: who the bearer token identifies, and what they own.' })
  me(@Ctx() context: GraphQLContext): User {
    return User.forPrincipal(requirePrincipal(context).id);
  }
}
