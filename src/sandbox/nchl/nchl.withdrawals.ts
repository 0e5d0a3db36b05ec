import { randomInt } from 'node:crypto';
import type { CreateRequestFields, WithdrawFields } from './nchl.validation.js';

export type NchlRequestStatus = 'ACTIVE' | 'EXPIRED' | 'USED';
export type NchlPaymentStatus = 'UNPAID' | 'PAID' | 'FAILED';

export interface SimulatedWithdrawal {
  request: Omit<CreateRequestFields, 'token'>;
  otp: string;
  txnId: string;
  expiresAt: number;
  used: boolean;
  paymentStatus: NchlPaymentStatus;
  payout?: Omit<WithdrawFields, 'verificationCode'> & { bookingDate: string };
}

/** One record of the report, as documented (amount as a number, expiryDate with +00:00). */
export interface NchlReportRecordWire {
  accountNumber: string;
  branchId: string;
  bankId: string;
  accountName: string;
  amount: number;
  mobileNumber: string;
  expiryDate: string;
  customerIdentifier: string;
  status: NchlRequestStatus;
  txnId: string;
  paymentStatus: NchlPaymentStatus;
  instrument: string;
  transactionUniqueId: string;
  remarks: string;
}

/** Withdrawal requests the simulated NPI holds, keyed by transactionUniqueId. */
export class NchlWithdrawalBook {
  private readonly byUniqueId = new Map<string, SimulatedWithdrawal>();
  private nextTxnId = 12_809_565;

  constructor(
    public otpLifetimeSeconds: number,
    private readonly now: () => number = Date.now,
  ) {}

  /** Records a new request with a fresh OTP; undefined when the transactionUniqueId was used before. */
  create(request: Omit<CreateRequestFields, 'token'>): SimulatedWithdrawal | undefined {
    if (this.byUniqueId.has(request.transactionUniqueId)) return undefined;
    const withdrawal: SimulatedWithdrawal = {
      request,
      otp: String(randomInt(0, 1_000_000)).padStart(6, '0'),
      txnId: String(this.nextTxnId++),
      expiresAt: this.now() + this.otpLifetimeSeconds * 1000,
      used: false,
      paymentStatus: 'UNPAID',
    };
    this.byUniqueId.set(request.transactionUniqueId, withdrawal);
    return withdrawal;
  }

  get(transactionUniqueId: string): SimulatedWithdrawal | undefined {
    return this.byUniqueId.get(transactionUniqueId);
  }

  /** The open request of this mobile number that this OTP belongs to, if any. */
  findByOtp(mobileNumber: string, otp: string): SimulatedWithdrawal | undefined {
    for (const withdrawal of this.byUniqueId.values()) {
      if (withdrawal.request.mobileNumber === mobileNumber && withdrawal.otp === otp && !withdrawal.used) {
        return withdrawal;
      }
    }
    return undefined;
  }

  status(withdrawal: SimulatedWithdrawal): NchlRequestStatus {
    if (withdrawal.used) return 'USED';
    return withdrawal.expiresAt <= this.now() ? 'EXPIRED' : 'ACTIVE';
  }

  reportRecord(withdrawal: SimulatedWithdrawal): NchlReportRecordWire {
    const { request } = withdrawal;
    return {
      accountNumber: request.accountNumber,
      branchId: request.branchId,
      bankId: request.bankId,
      accountName: request.accountName,
      amount: Number(request.amount),
      mobileNumber: request.mobileNumber,
      expiryDate: new Date(withdrawal.expiresAt).toISOString().replace('Z', '+00:00'),
      customerIdentifier: `${request.accountName.split(' ')[0]!.toUpperCase()}@${request.mobileNumber.slice(-3)}`,
      status: this.status(withdrawal),
      txnId: withdrawal.txnId,
      paymentStatus: withdrawal.paymentStatus,
      instrument: 'MOBILE_BANKING',
      transactionUniqueId: request.transactionUniqueId,
      remarks: request.remarks,
    };
  }

  clear(): void {
    this.byUniqueId.clear();
  }
}

/** Nepal time without a zone, as the document's bookingDate: "2024-05-09 11:27:16.676". */
export function nepalTimestamp(at: Date): string {
  const nepalOffsetMs = (5 * 60 + 45) * 60 * 1000;
  return new Date(at.getTime() + nepalOffsetMs).toISOString().replace('T', ' ').replace('Z', '');
}
