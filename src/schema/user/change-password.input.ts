import { MaxLength, MinLength } from 'class-validator';
import { Field, InputType } from 'type-graphql';

@InputType('ChangePasswordInput', { description: 'The current password and the one to replace it.' })
export class ChangePasswordInput {
  @Field({ description: 'The password in use now.' })
  @MinLength(1, { message: 'currentPassword must not be empty' })
  @MaxLength(128, { message: 'currentPassword must be at most 128 characters' })
  currentPassword!: string;

  @Field({ description: 'The new password; 6 to 128 characters.' })
  @MinLength(6, { message: 'newPassword must be at least 6 characters' })
  @MaxLength(128, { message: 'newPassword must be at most 128 characters' })
  newPassword!: string;
}
