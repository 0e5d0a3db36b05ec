import { Arg, Authorized, Ctx, Mutation, Resolver } from 'type-graphql';
import { compareDecimals } from '../../domain/money.js';
import { Provider } from '../../domain/provider.js';
import { UserErrorCode } from '../../domain/user-error-codes.js';
import { WithdrawalStatus } from '../../domain/withdrawal.js';
import { transactionUniqueIdFor } from '../../providers/nchl/nchl.transaction-id.js';
import { checkCashOut, checkWithdrawalRequest } from '../../providers/nchl/nchl.validation.js';
import { OPERATOR_SCOPE } from '../../domain/principal.js';
import type { GraphQLContext } from '../context.js';
import { requirePrincipal } from '../common/require-principal.js';
import { requireProvider } from '../common/require-provider.js';
import { UserError } from '../common/user-error.type.js';
import { validateInput } from '../common/validate-input.js';
import { CompleteCashWithdrawalInput } from './complete-cash-withdrawal.input.js';
import { RequestCardlessWithdrawalInput } from './request-cardless-withdrawal.input.js';
import { visibleWithdrawal } from './withdrawal-access.js';
import { problemsAsUserErrors } from './withdrawal-input-checks.js';
import { cashOutPayload, notFound, requestPayload } from './withdrawal-results.js';
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
    const nchl = requireProvider(context.services.providers.nchl, Provider.NCHL);
    const userErrors = await validateInput(input);
    const { problems, rupees } = checkWithdrawalRequest(input);
    userErrors.push(...problemsAsUserErrors(problems));
    if (userErrors.length > 0 || rupees === undefined) return WithdrawalPayload.of(null, userErrors);

    const fields = {
      amount: rupees,
      mobileNumber: input.mobileNumber,
      accountName: input.accountName,
      accountNumber: input.accountNumber,
      branchId: input.branchId,
      bankId: input.bankId,
      remarks: input.remarks,
    };
    const transactionUniqueId = transactionUniqueIdFor(principal.id, input.idempotencyKey);
    const result = await context.services.withdrawals.requests.execute({
      principal: principal.id,
      idempotencyKey: input.idempotencyKey,
      operation: 'requestCardlessWithdrawal',
      fingerprint: fields,
      withdrawal: { ...fields, provider: Provider.NCHL, currency: 'NPR', transactionUniqueId },
      send: () => nchl.requestWithdrawal({ ...fields, transactionUniqueId }),
    });
    return requestPayload(result);
  }

  @Authorized(OPERATOR_SCOPE)
  @ProviderCalls({ NCHL: 1 })
  @Mutation(() => WithdrawalPayload, {
    description:
      'Pays out a REQUESTED withdrawal in cash at an ATM against the customer’s OTP (operators only: scope "operator"). One cash-out at a time per withdrawal; idempotent per idempotencyKey. Accepted, the withdrawal is PROCESSING until NCHL confirms it PAID.',
  })
  async completeCashWithdrawal(
    @Arg('input', () => CompleteCashWithdrawalInput, { description: 'The cash-out at the ATM.' })
    input: CompleteCashWithdrawalInput,
    @Ctx() context: GraphQLContext,
  ): Promise<WithdrawalPayload> {
    const operator = requirePrincipal(context);
    const nchl = requireProvider(context.services.providers.nchl, Provider.NCHL);
    const userErrors = await validateInput(input);
    const visible = await visibleWithdrawal(input.withdrawalId, context);
    if (!visible) return WithdrawalPayload.of(null, [...userErrors, notFound()]);
    // A request whose answer was lost may well be open at NCHL: ask before refusing the cash-out.
    const withdrawal =
      visible.status === WithdrawalStatus.UNKNOWN
        ? await context.loaders.withdrawalRefresh.load(visible)
        : visible;

    const fields = {
      verificationCode: input.otp,
      mobileNumber: withdrawal.mobileNumber,
      amount: input.amount,
      bankCode: input.bankCode,
      traceNumber: input.traceNumber,
      referenceNumber: input.referenceNumber,
      terminalId: input.terminalId,
    };
    const { problems, rupees } = checkCashOut(fields);
    userErrors.push(...problemsAsUserErrors(problems, { verificationCode: 'otp' }));
    if (rupees !== undefined && compareDecimals(rupees, withdrawal.amount) !== 0) {
      userErrors.push(
        UserError.of(UserErrorCode.INVALID_AMOUNT, 'amount must equal the amount of the withdrawal', [
          'input',
          'amount',
        ]),
      );
    }
    if (userErrors.length > 0 || rupees === undefined) return WithdrawalPayload.of(null, userErrors);

    const details = {
      bankCode: input.bankCode,
      traceNumber: input.traceNumber,
      referenceNumber: input.referenceNumber,
      terminalId: input.terminalId,
    };
    const result = await context.services.withdrawals.cashOuts.execute({
      withdrawalId: withdrawal.id,
      operator: operator.id,
      idempotencyKey: input.idempotencyKey,
      operation: 'completeCashWithdrawal',
      // The OTP is no part of the attempt's identity and is never stored, not even hashed.
      fingerprint: { withdrawalId: withdrawal.id, amount: rupees, ...details },
      details,
      send: async () => {
        const answer = await nchl.cashOut({ ...fields, amount: rupees });
        return answer.paid
          ? { paid: true, bookedAt: answer.cashOut.bookedAt?.toISOString() }
          : { paid: false, reason: answer.reason };
      },
    });
    return cashOutPayload(result);
  }
}
