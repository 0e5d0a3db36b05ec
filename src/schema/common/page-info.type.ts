import { Field, ObjectType } from 'type-graphql';

@ObjectType('PageInfo', { description: 'Where a page of a connection sits, for cursor pagination.' })
export class PageInfo {
  @Field({ description: 'Whether more items follow the last one of this page.' })
  hasNextPage!: boolean;

  @Field({ description: 'Whether items precede the first one of this page.' })
  hasPreviousPage!: boolean;

  @Field(() => String, { nullable: true, description: 'Cursor of the first item of this page.' })
  startCursor!: string | null;

  @Field(() => String, {
    nullable: true,
    description: 'Cursor of the last item; pass it as `after` for the next page.',
  })
  endCursor!: string | null;
}
