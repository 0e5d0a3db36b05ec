import { Ctx, FieldResolver, Resolver, Root } from 'type-graphql';
import type { GraphQLContext } from '../context.js';
import { userAccountLoader } from './user-account.loader.js';
import { UserStatus } from './user-status.enum.js';
import { User } from './user.type.js';

/** The account fields of a User; null for principals that are not end users (services, operators). */
@Resolver(() => User)
export class UserAccountResolver {
  @FieldResolver(() => String, {
    nullable: true,
    description:
      "The user's phone number in international form (e.g. 249912345678); null without an account.",
  })
  async phone(@Root() user: User, @Ctx() context: GraphQLContext): Promise<string | null> {
    return (await userAccountLoader(context).load(user.subject))?.phone ?? null;
  }

  @FieldResolver(() => String, {
    nullable: true,
    description: "The user's name, as EnayaPay knows it; null without an account.",
  })
  async name(@Root() user: User, @Ctx() context: GraphQLContext): Promise<string | null> {
    return (await userAccountLoader(context).load(user.subject))?.name ?? null;
  }

  @FieldResolver(() => UserStatus, {
    nullable: true,
    description: 'Where the account stands; null without an account.',
  })
  async status(@Root() user: User, @Ctx() context: GraphQLContext): Promise<UserStatus | null> {
    return (await userAccountLoader(context).load(user.subject))?.status ?? null;
  }
}
