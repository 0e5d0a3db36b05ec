import { Matches } from 'class-validator';
import { Field, InputType } from 'type-graphql';
import { PHONE_DESCRIPTION } from './phone-description.js';

@InputType('VerifyUserInput', {
  description: 'The one-time password sent by SMS when the phone was registered.',
})
export class VerifyUserInput {
  @Field({ description: PHONE_DESCRIPTION })
  phone!: string;

  @Field({ description: 'The code from the SMS: 4 to 8 digits.' })
  @Matches(/^\d{4,8}$/, { message: 'otp must be 4 to 8 digits' })
  otp!: string;
}
