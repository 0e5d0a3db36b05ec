import { Field, ObjectType } from 'type-graphql';
import type { CashOutState, WithdrawalCashOut } from '../../domain/withdrawal.js';

@ObjectType('CashOut', { description: 'The last cash-out attempt of a withdrawal at an ATM.' })
export class CashOut {
  @Field({
    description:
      'SENDING, ACCEPTED, DECLINED, UNKNOWN (no answer: settled from the provider’s report), NOT_PAID (known not to have paid; may be tried again), UNATTRIBUTED (paid, but the answer fits several open withdrawals: held until the provider’s notification or report says which) or MISMATCHED (paid, but for another withdrawal: this one was not paid).',
  })
  state!: string;

  @Field({ description: 'The ATM acquiring bank code.' })
  bankCode!: string;

  @Field({ description: 'The ATM trace number.' })
  traceNumber!: string;

  @Field({ description: 'The ATM reference number.' })
  referenceNumber!: string;

  @Field({ description: 'The ATM terminal id.' })
  terminalId!: string;

  @Field(() => Date, { nullable: true, description: 'When the provider booked the payout, once accepted.' })
  bookedAt!: Date | null;

  static from(state: CashOutState, cashOut: WithdrawalCashOut): CashOut {
    return Object.assign(new CashOut(), {
      state,
      bankCode: cashOut.bankCode,
      traceNumber: cashOut.traceNumber,
      referenceNumber: cashOut.referenceNumber,
      terminalId: cashOut.terminalId,
      bookedAt: cashOut.bookedAt ? new Date(cashOut.bookedAt) : null,
    });
  }
}
