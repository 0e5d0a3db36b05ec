import { registerEnumType } from 'type-graphql';
import { Provider } from '../../domain/provider.js';
import { TransactionKind, TransactionStatus } from '../../domain/transaction.js';
import { UserErrorCode } from '../../domain/user-error-codes.js';

registerEnumType(Provider, {
  name: 'Provider',
  description: 'The payment and wallet providers behind PayGraph.',
  valuesConfig: {
    NUPEYE: { description: 'Nupeye: mobile recharge and transfers to Nupeye wallets.' },
    DIGIPAY: { description: 'DigiPay: wallet top-ups.' },
    NCHL: { description: 'NCHL NPI: cardless cash withdrawals.' },
    NUMEROPAY: { description: 'NumeroPay: merchant payments.' },
    ENAYAPAY: { description: 'EnayaPay: user accounts and card balance inquiry.' },
  },
});

registerEnumType(TransactionKind, {
  name: 'TransactionKind',
  description: 'What a transaction did.',
  valuesConfig: {
    PAYMENT: { description: 'A merchant payment (NumeroPay).' },
    MOBILE_RECHARGE: { description: 'A mobile recharge (Nupeye).' },
    WALLET_TRANSFER: { description: 'A transfer back to a Nupeye wallet.' },
    WALLET_TOPUP: { description: 'A wallet top-up (DigiPay).' },
  },
});

registerEnumType(TransactionStatus, {
  name: 'TransactionStatus',
  description: 'Where a transaction stands.',
  valuesConfig: {
    SENDING: {
      description:
        'Recorded in the ledger; the request is on its way to the provider. Becomes UNKNOWN if the gateway stops before the answer arrives.',
    },
    PENDING: { description: 'Accepted by the provider, which has not settled it yet.' },
    SUCCEEDED: { description: 'The provider confirmed it.' },
    FAILED: { description: 'The provider refused it, or it could not be sent.' },
    UNKNOWN: {
      description:
        'Sent, but no answer arrived: it may or may not have taken effect. It is never re-sent automatically.',
    },
    CANCELLED: { description: 'Cancelled at the provider.' },
    REFUNDED: { description: 'Refunded at the provider.' },
  },
});

registerEnumType(UserErrorCode, {
  name: 'UserErrorCode',
  description: 'Codes of expected business failures.',
  valuesConfig: {
    INVALID_INPUT: { description: 'An input field is missing, malformed or out of range.' },
    INVALID_AMOUNT: { description: 'The amount is not a positive decimal the provider accepts.' },
    INVALID_CURRENCY: { description: 'The currency is not accepted here.' },
    INVALID_PHONE: { description: 'The phone or mobile number is not valid for this provider.' },
    INVALID_PAN: { description: 'The card number fails the length or Luhn check.' },
    INVALID_EXPIRY: { description: 'The card expiry is malformed or in the past.' },
    IDEMPOTENCY_KEY_REUSED: { description: 'This idempotency key was already used for a different request.' },
    DECLINED: { description: 'The provider declined the request.' },
    NOT_FOUND: { description: 'The object does not exist or is not yours.' },
    ALREADY_REGISTERED: { description: 'The phone number is already registered.' },
    NOT_REGISTERED: { description: 'The phone number is not registered.' },
    WRONG_OTP: { description: 'The one-time password is wrong.' },
    WRONG_PASSWORD: { description: 'The password is wrong.' },
    WRONG_IPIN: { description: 'The card IPIN is wrong.' },
    SESSION_EXPIRED: { description: 'The provider session expired; verify again.' },
    PROVIDER_UNAVAILABLE: { description: 'The provider could not serve the request now; try later.' },
  },
});
