import { registerEnumType } from 'type-graphql';
import { WithdrawalStatus } from '../../domain/withdrawal.js';

registerEnumType(WithdrawalStatus, {
  name: 'WithdrawalStatus',
  description: 'Where a cardless cash withdrawal stands. It only ever moves forward.',
  valuesConfig: {
    PENDING: { description: 'Recorded; the request is being sent to the provider.' },
    UNKNOWN: {
      description:
        'Sent, but no answer arrived. Settled from the provider’s report in the background; never re-sent.',
    },
    REQUESTED: { description: 'Accepted: the customer received an OTP to withdraw the cash at an ATM.' },
    PROCESSING: { description: 'Cash-out accepted at the ATM; the provider’s confirmation is awaited.' },
    PAID: { description: 'Paid out and confirmed by the provider. Final.' },
    FAILED: { description: 'Refused by the provider, never received by it, or the payout failed. Final.' },
    EXPIRED: { description: 'The OTP expired before the cash was withdrawn. Final.' },
  },
});

export { WithdrawalStatus };
