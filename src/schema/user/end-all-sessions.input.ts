import { Field, InputType } from 'type-graphql';

@InputType('EndAllSessionsInput', { description: 'How to end every session of the calling user.' })
export class EndAllSessionsInput {
  @Field({
    defaultValue: true,
    description:
      'True (the default): the payload carries a fresh session for the caller, so only the other devices are signed out. False: this session ends too.',
  })
  openNewSession!: boolean;
}
