import { registerEnumType } from 'type-graphql';
import { UserStatus } from '../../domain/user-status.js';

registerEnumType(UserStatus, {
  name: 'UserStatus',
  description: "Where an end user's account stands.",
  valuesConfig: {
    PENDING_VERIFICATION: {
      description: 'Registered; the phone number has not been confirmed with the OTP yet.',
    },
    ACTIVE: { description: 'Verified and active at the provider.' },
    INACTIVE: { description: 'The provider reports the account as not active.' },
  },
});

export { UserStatus };
