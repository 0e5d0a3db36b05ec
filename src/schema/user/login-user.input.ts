import { MaxLength, MinLength } from 'class-validator';
import { Field, InputType } from 'type-graphql';
import { PHONE_DESCRIPTION } from './phone-description.js';

@InputType('LoginUserInput', { description: 'Phone number and password of an EnayaPay account.' })
export class LoginUserInput {
  @Field({ description: PHONE_DESCRIPTION })
  phone!: string;

  @Field({ description: 'The account password.' })
  @MinLength(1, { message: 'password must not be empty' })
  @MaxLength(128, { message: 'password must be at most 128 characters' })
  password!: string;
}
