import type { Provider } from '../domain/provider.js';
import type { WithdrawalStatus } from '../domain/withdrawal.js';
import type { WithdrawalsTable } from './withdrawals.table.js';

export type CashOutState = 'SENDING' | 'ACCEPTED' | 'DECLINED' | 'UNKNOWN' | 'NOT_PAID';

/** The last cash-out attempt of a withdrawal. The OTP it carried is never kept. */
export interface WithdrawalCashOut {
  idempotencyKey: string;
  requestHash: string;
  /** The operator principal that asked for it. */
  operator: string;
  bankCode: string;
  traceNumber: string;
  referenceNumber: string;
  terminalId: string;
  /** When the provider booked the payout, once accepted. */
  bookedAt?: string;
  /** Why it was declined (WRONG_OTP, EXPIRED, AMOUNT_MISMATCH, DECLINED) or failed (a ProviderError code). */
  failure?: string;
}

/** A cardless withdrawal as the rest of the code sees it. */
export interface WithdrawalRecord {
  id: string;
  provider: Provider;
  transactionUniqueId: string;
  status: WithdrawalStatus;
  amount: string;
  currency: string;
  mobileNumber: string;
  accountName: string;
  accountNumber: string;
  branchId: string;
  bankId: string;
  remarks: string;
  providerReference: string | null;
  expiresAt: string | null;
  cashOutState: CashOutState | null;
  cashOut: WithdrawalCashOut | null;
  errorCode: string | null;
  principal: string;
  idempotencyKey: string;
  requestHash: string;
  createdAt: string;
  updatedAt: string;
  checkedAt: string | null;
}

export function withdrawalFromRow(row: WithdrawalsTable): WithdrawalRecord {
  return {
    id: row.id,
    provider: row.provider as Provider,
    transactionUniqueId: row.transaction_unique_id,
    status: row.status as WithdrawalStatus,
    amount: row.amount,
    currency: row.currency,
    mobileNumber: row.mobile_number,
    accountName: row.account_name,
    accountNumber: row.account_number,
    branchId: row.branch_id,
    bankId: row.bank_id,
    remarks: row.remarks,
    providerReference: row.provider_reference,
    expiresAt: row.expires_at,
    cashOutState: row.cash_out_state as CashOutState | null,
    cashOut: row.cash_out ? (JSON.parse(row.cash_out) as WithdrawalCashOut) : null,
    errorCode: row.error_code,
    principal: row.principal,
    idempotencyKey: row.idempotency_key,
    requestHash: row.request_hash,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
    checkedAt: row.checked_at,
  };
}
