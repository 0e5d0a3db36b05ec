import { Field, ObjectType } from 'type-graphql';
import { UserError } from '../common/user-error.type.js';

@ObjectType('RegisterUserPayload', { description: 'Result of registerUser.' })
export class RegisterUserPayload {
  @Field(() => String, {
    nullable: true,
    description:
      'The phone number the one-time password was sent to, in international form (e.g. 249912345678); null when registration failed. Confirm it with verifyUser.',
  })
  phone!: string | null;

  @Field(() => [UserError], {
    description:
      'Expected failures: invalid input, ALREADY_REGISTERED (log in with loginUser instead; EnayaPay sends no new one-time password then), INVALID_PHONE, PROVIDER_UNAVAILABLE.',
  })
  userErrors!: UserError[];

  static of(phone: string | null, userErrors: UserError[]): RegisterUserPayload {
    return Object.assign(new RegisterUserPayload(), { phone, userErrors });
  }
}
