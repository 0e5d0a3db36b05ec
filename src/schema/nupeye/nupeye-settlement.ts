import { TransactionStatus } from '../../domain/transaction.js';
import type { ProviderOutcome } from '../../operations/executor/money-movements.js';
import type { NupeyeOperationResult } from '../../providers/nupeye/nupeye.mapper.js';
import { isProviderError } from '../../providers/shared/provider-error.js';

/**
 * Settles a Nupeye call: success, or FAILED with the reason of a refusal kept in the row's metadata (so
 * a replay answers the same user error). Any other failure is left to the money movement, which decides
 * FAILED or UNKNOWN from whether the call may have reached Nupeye.
 */
export async function settleNupeyeCall(call: () => Promise<NupeyeOperationResult>): Promise<ProviderOutcome> {
  try {
    const result = await call();
    return { status: TransactionStatus.SUCCEEDED, providerReference: result.providerReference ?? null };
  } catch (error) {
    if (!isProviderError(error, 'PROVIDER_REJECTED')) throw error;
    return {
      status: TransactionStatus.FAILED,
      errorCode: 'PROVIDER_REJECTED',
      metadata: { rejection: error.providerCode ?? 'REJECTED' },
    };
  }
}
