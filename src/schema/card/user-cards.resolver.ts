import { Args, Ctx, FieldResolver, Resolver, Root } from 'type-graphql';
import type { GraphQLContext } from '../context.js';
import { PageArgs } from '../common/connection.js';
import { User } from '../user/user.type.js';
import { CardConnection } from './card.connection.js';
import { listCards } from './list-cards.js';

@Resolver(() => User)
export class UserCardsResolver {
  @FieldResolver(() => CardConnection, {
    description:
      'The cards the user has inquired through inquireCardBalance, most recently inquired first, each with its last balance.',
  })
  async cards(
    @Root() user: User,
    @Args() page: PageArgs,
    @Ctx() context: GraphQLContext,
  ): Promise<CardConnection> {
    return listCards(context, user.subject, page);
  }
}
