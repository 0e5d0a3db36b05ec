/** DigiPay v3 wire types, as the provider document and our decisions describe them. */

/** Every answer, success or failure, whatever the HTTP status. `success` 0 is a failure even with HTTP 200. */
export interface DigiPayEnvelope<D = unknown> {
  success: number | boolean | string;
  error?: unknown[];
  data?: D;
}

/** Body of both `agent_calculate_charges` and `wallet_topup`. */
export interface DigiPayTopupRequest {
  wallet_id: string;
  /** A JSON number (the document's "Double"); converted from our decimal string at the edge. */
  txn_amount: number;
  txn_code: string;
  payment_mode: number;
  note?: string;
}

export interface DigiPayCharge {
  name: string;
  amount: number;
}

export interface DigiPayChargesData {
  charges_info: {
    total_charges: number;
    charges: DigiPayCharge[];
  };
}

/** 1 = succeeded, 0 = pending, 2 = failed (our decision). */
export type DigiPayTxnStatus = 0 | 1 | 2;

export interface DigiPayTopupData {
  message?: string;
  transaction: {
    txn_id: string;
    txn_number?: string;
    txn_status: DigiPayTxnStatus;
  };
}
