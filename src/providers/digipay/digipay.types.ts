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
