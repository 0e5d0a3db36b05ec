import { MaxLength, MinLength } from 'class-validator';
import { Field, InputType } from 'type-graphql';

@InputType('ResetPasswordInput', {
  description: 'A new password for a user who forgot theirs; needs a session opened by verifyUser.',
})
export class ResetPasswordInput {
  @Field({ description: 'The new password; 6 to 128 characters.' })
  @MinLength(6, { message: 'newPassword must be at least 6 characters' })
  @MaxLength(128, { message: 'newPassword must be at most 128 characters' })
  newPassword!: string;
}
