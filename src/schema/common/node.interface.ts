import { Field, ID, InterfaceType } from 'type-graphql';

@InterfaceType('Node', {
  description: 'An object with a globally unique id, refetchable through `node(id:)`.',
})
export abstract class Node {
  @Field(() => ID, { description: 'The globally unique, opaque id of the object.' })
  id!: string;
}
