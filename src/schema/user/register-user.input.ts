import { MaxLength, MinLength } from 'class-validator';
import { Field, InputType } from 'type-graphql';
import { PHONE_DESCRIPTION } from './phone-description.js';

@InputType('RegisterUserInput', {
  description: 'A new EnayaPay account. A one-time password is sent to the phone by SMS.',
})
export class RegisterUserInput {
  @Field({ description: PHONE_DESCRIPTION })
  phone!: string;

  @Field({ description: 'The name the user goes by; 1 to 100 characters.' })
  @MinLength(1, { message: 'name must not be empty' })
  @MaxLength(100, { message: 'name must be at most 100 characters' })
  name!: string;

  @Field({ description: 'The password for loginUser; 6 to 128 characters. Never stored by PayGraph.' })
  @MinLength(6, { message: 'password must be at least 6 characters' })
  @MaxLength(128, { message: 'password must be at most 128 characters' })
  password!: string;
}
