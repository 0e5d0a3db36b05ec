import { Directive, Field, ObjectType } from 'type-graphql';
import { toGlobalId } from '../../domain/global-id.js';
import { Provider } from '../../domain/provider.js';
import { WithdrawalStatus } from '../../domain/withdrawal.js';
import type { WithdrawalRecord } from '../../domain/withdrawal.js';
import { Money } from '../common/money.type.js';
import { Node } from '../common/node.interface.js';
import { CashOut } from './cash-out.type.js';
import '../common/enums.js';
import './withdrawal-status.enum.js';

@Directive('@key(fields: "id")')
@ObjectType('Withdrawal', {
  implements: Node,
  description:
    'A cardless cash withdrawal (NCHL NPI): requested by the account holder, who receives an OTP, then paid out in cash at an ATM against that OTP.',
})
export class Withdrawal extends Node {
  @Field(() => Provider, { description: 'The provider that carries the withdrawal.' })
  provider!: Provider;

  @Field(() => WithdrawalStatus, {
    description:
      'Where the withdrawal stands; refreshed from the provider’s report when read while not final, and pushed by `withdrawalUpdated`.',
  })
  status!: WithdrawalStatus;

  @Field(() => Money, { description: 'The amount to withdraw: whole rupees, a multiple of 1000.' })
  amount!: Money;

  @Field({ description: 'The customer’s mobile number, to which the OTP was sent.' })
  mobileNumber!: string;

  @Field({ description: 'Name of the account debited.' })
  accountName!: string;

  @Field({ description: 'The account debited, masked to its last 4 characters.' })
  accountNumber!: string;

  @Field({ description: 'Branch of the account debited.' })
  branchId!: string;

  @Field({ description: 'Bank of the account debited.' })
  bankId!: string;

  @Field({ description: 'Remarks given with the request.' })
  remarks!: string;

  @Field({
    description:
      'The 36-character id of the request at the provider (NCHL’s transactionUniqueId), derived from the idempotency key.',
  })
  transactionUniqueId!: string;

  @Field(() => String, { nullable: true, description: 'The provider’s id of the payout, once known.' })
  providerReference!: string | null;

  @Field(() => Date, { nullable: true, description: 'When the OTP expires, once the provider said.' })
  expiresAt!: Date | null;

  @Field(() => CashOut, { nullable: true, description: 'The last cash-out attempt, if any.' })
  cashOut!: CashOut | null;

  @Field(() => String, {
    nullable: true,
    description:
      'Why the withdrawal failed or is unknown, as a stable code (e.g. DECLINED, PROVIDER_UNAVAILABLE, PROVIDER_TIMEOUT, NOT_RECEIVED_BY_PROVIDER, PAYOUT_FAILED).',
  })
  failureCode!: string | null;

  @Field({ description: 'The idempotency key the withdrawal was requested with.' })
  idempotencyKey!: string;

  @Field({ description: 'When the withdrawal was recorded, before the provider was called.' })
  createdAt!: Date;

  @Field({ description: 'When the withdrawal last changed.' })
  updatedAt!: Date;

  /** The ledger record behind this object, for field resolvers. */
  record!: WithdrawalRecord;

  /** False for objects built from fresh events (subscriptions): their status needs no refresh. */
  refreshable!: boolean;

  static fromRecord(record: WithdrawalRecord, options: { refreshable?: boolean } = {}): Withdrawal {
    return Object.assign(new Withdrawal(), {
      id: toGlobalId('Withdrawal', record.id),
      provider: record.provider,
      status: record.status,
      amount: Money.of(record.amount, record.currency),
      mobileNumber: record.mobileNumber,
      accountName: record.accountName,
      accountNumber: maskAccountNumber(record.accountNumber),
      branchId: record.branchId,
      bankId: record.bankId,
      remarks: record.remarks,
      transactionUniqueId: record.transactionUniqueId,
      providerReference: record.providerReference,
      expiresAt: record.expiresAt ? new Date(record.expiresAt) : null,
      cashOut:
        record.cashOut && record.cashOutState ? CashOut.from(record.cashOutState, record.cashOut) : null,
      failureCode: record.errorCode,
      idempotencyKey: record.idempotencyKey,
      createdAt: new Date(record.createdAt),
      updatedAt: new Date(record.updatedAt),
      record,
      refreshable: options.refreshable ?? true,
    });
  }
}

function maskAccountNumber(accountNumber: string): string {
  return accountNumber.length <= 4
    ? accountNumber
    : `${'*'.repeat(accountNumber.length - 4)}${accountNumber.slice(-4)}`;
}
