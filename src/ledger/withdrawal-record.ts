import { type WithdrawalRecord, type CashOutState, type WithdrawalCashOut } from '../domain/withdrawal.js';
import type { Provider } from '../domain/provider.js';
import type { WithdrawalStatus } from '../domain/withdrawal.js';
import type { WithdrawalsTable } from './withdrawals.table.js';

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
