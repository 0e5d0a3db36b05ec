import { TransactionStatus } from '../../domain/transaction.js';
import { UserErrorCode } from '../../domain/user-error-codes.js';
import type { TransactionRecord } from '../../domain/transaction.js';
import { UserError } from '../common/user-error.type.js';

/** The user error a Nupeye refusal becomes, naming the input field at fault. Never Nupeye's own text. */
export function userErrorForRejection(rejection: unknown): UserError {
  switch (rejection) {
    case 'INVALID_USER_CREDENTIALS':
      return UserError.of(UserErrorCode.WRONG_PASSWORD, 'Nupeye did not accept this user name and password', [
        'input',
        'nupeyePassword',
      ]);
    case 'UNREGISTERED_MOBILE':
      return UserError.of(
        UserErrorCode.NOT_REGISTERED,
        'No Nupeye wallet is registered to this mobile number',
        ['input', 'mobileNumber'],
      );
    case 'INVALID_MOBILE':
      return UserError.of(UserErrorCode.INVALID_PHONE, 'Nupeye did not accept this mobile number', [
        'input',
        'mobileNumber',
      ]);
    case 'INVALID_AMOUNT':
      return UserError.of(UserErrorCode.INVALID_AMOUNT, 'Nupeye did not accept this amount', [
        'input',
        'amount',
      ]);
    default:
      return UserError.of(UserErrorCode.DECLINED, 'Nupeye declined the transaction');
  }
}

/** The refusal recorded on a failed Nupeye transaction, if that is why it failed. */
export function recordedRejection(transaction: TransactionRecord): unknown {
  if (transaction.status !== TransactionStatus.FAILED || transaction.errorCode !== 'PROVIDER_REJECTED')
    return undefined;
  return transaction.metadata?.rejection;
}
