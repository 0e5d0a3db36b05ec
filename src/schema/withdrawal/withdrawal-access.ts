import { fromGlobalId } from '../../domain/global-id.js';
import type { WithdrawalRecord } from '../../domain/withdrawal.js';
import type { GraphQLContext } from '../context.js';

/**
 * The withdrawal behind a global id if the caller may see it: the account holder who requested it, or
 * an operator (who pays it out). Undefined otherwise, so ids of others' withdrawals reveal nothing.
 */
export async function visibleWithdrawal(
  globalId: string,
  context: GraphQLContext,
): Promise<WithdrawalRecord | undefined> {
  const decoded = fromGlobalId(globalId);
  if (decoded?.type !== 'Withdrawal') return undefined;
  return visibleWithdrawalById(decoded.id, context);
}

export async function visibleWithdrawalById(
  id: string,
  context: GraphQLContext,
): Promise<WithdrawalRecord | undefined> {
  const principal = context.principal;
  return principal ? context.services.operations.withdrawals.visible(principal, id) : undefined;
}
