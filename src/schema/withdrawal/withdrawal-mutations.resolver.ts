import { Arg, Authorized, Ctx, Mutation, Resolver } from 'type-graphql';
import { fromGlobalId } from '../../domain/global-id.js';
import { OPERATOR_SCOPE } from '../../domain/principal.js';
import type { GraphQLContext } from '../context.js';
import { requirePrincipal } from '../common/require-principal.js';
import { inputFailures } from '../common/validate-input.js';
import { CompleteCashWithdrawalInput } from './complete-cash-withdrawal.input.js';
import { RequestCardlessWithdrawalInput } from './request-cardless-withdrawal.input.js';
import { WithdrawalPayload } from './withdrawal.payload.js';
import { ProviderCalls } from '../common/provider-calls.js';

@Resolver()
export class WithdrawalMutationsResolver {
  @Authorized()
  @ProviderCalls({ NCHL: 1 })
  @Mutation(() => WithdrawalPayload, {
    description:
      'Requests a cardless cash withdrawal from an account through NCHL NPI; the customer receives an OTP by SMS to withdraw the cash at an ATM. Recorded before NCHL is called; idempotent per idempotencyKey (from which the request id at NCHL is derived). Answers the withdrawal REQUESTED; follow it with `withdrawal(id)` or `withdrawalUpdated`.',
  })
  async requestCardlessWithdrawal(
    @Arg('input', () => RequestCardlessWithdrawalInput, { description: 'The withdrawal to request.' })
    input: RequestCardlessWithdrawalInput,
    @Ctx() context: GraphQLContext,
  ): Promise<WithdrawalPayload> {
    const principal = requirePrincipal(context);
    const outcome = await context.services.operations.withdrawals.requestWithdrawal(
      principal.id,
      input,
      await inputFailures(input),
    );
    return WithdrawalPayload.fromOutcome(outcome);
  }

  @Authorized(OPERATOR_SCOPE)
  @ProviderCalls({ NCHL: 1 })
  @Mutation(() => WithdrawalPayload, {
    description:
      'Pays out a REQUESTED withdrawal in cash at an ATM against the customer’s OTP (operators only: scope "operator"). One cash-out at a time per withdrawal; idempotent per idempotencyKey. Accepted, the withdrawal is PROCESSING until NCHL confirms it PAID. NCHL’s answer names the account, mobile number and amount it paid, not the withdrawal: a payout that fits another withdrawal is MISMATCHED, and one that fits several is held UNATTRIBUTED until NCHL’s notification or report says which was paid.',
  })
  async completeCashWithdrawal(
    @Arg('input', () => CompleteCashWithdrawalInput, { description: 'The cash-out at the ATM.' })
    input: CompleteCashWithdrawalInput,
    @Ctx() context: GraphQLContext,
  ): Promise<WithdrawalPayload> {
    const operator = requirePrincipal(context);
    const decoded = fromGlobalId(input.withdrawalId);
    const outcome = await context.services.operations.withdrawals.completeCashOut(
      operator,
      { ...input, withdrawalId: decoded?.type === 'Withdrawal' ? decoded.id : '' },
      await inputFailures(input),
    );
    return WithdrawalPayload.fromOutcome(outcome);
  }
}
