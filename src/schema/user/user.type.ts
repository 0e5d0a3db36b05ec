import { Directive, Field, ObjectType } from 'type-graphql';
import { toGlobalId } from '../../domain/global-id.js';
import { Node } from '../common/node.interface.js';

@Directive('@key(fields: "id")')
@ObjectType('User', {
  implements: Node,
  description:
    'A person or system using PayGraph: the principal of a bearer token, with everything they own.',
})
export class User extends Node {
  @Field({ description: 'The subject (`sub`) of the bearer token that identifies the user.' })
  subject!: string;

  static forPrincipal(subject: string): User {
    return Object.assign(new User(), { id: toGlobalId('User', subject), subject });
  }
}
