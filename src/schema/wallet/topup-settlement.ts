import { TransactionStatus } from '../../domain/transaction.js';
import type { ProviderOutcome } from '../../operations/executor/money-movements.js';
import { rejectionForStatus } from '../../providers/digipay/digipay.mapper.js';
import { isProviderError } from '../../providers/shared/provider-error.js';

/**
 * Settles a DigiPay top-up: the status DigiPay reported, or FAILED with the reason of a refusal kept in the
 * row's metadata (so a replay answers the same user error). Any other failure is left to the money
 * movement, which decides FAILED or UNKNOWN from whether the call may have reached DigiPay.
 * `metadata` is what the row was recorded with; settling adds to it rather than replacing it.
 */
export async function settleTopup(
  call: () => Promise<ProviderOutcome>,
  metadata: Record<string, unknown>,
): Promise<ProviderOutcome> {
  try {
    const outcome = await call();
    return { ...outcome, metadata: { ...metadata, ...outcome.metadata } };
  } catch (error) {
    if (!isProviderError(error, 'PROVIDER_REJECTED') || error.outcomeUnknown) throw error;
    return {
      status: TransactionStatus.FAILED,
      errorCode: 'PROVIDER_REJECTED',
      metadata: { ...metadata, rejection: rejectionForStatus(error.status) },
    };
  }
}
