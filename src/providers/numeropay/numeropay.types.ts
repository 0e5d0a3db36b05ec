/** NumeroPay wire types, as the provider document shows them. */

/** JWT header, with the document's spellings (`type`, `keyid`), not `typ`/`kid`. */
export interface NumeroPayJwtHeader {
  alg: 'HS256';
  type: 'JWT';
  keyid: string;
  [parameter: string]: unknown;
}

/** JWT payload of a merchant integration token. */
export interface NumeroPayJwtClaims {
  scopes: string[];
  iat: number;
  exp: number;
  iss: 'merchant.numeropay';
  /** The merchant id. */
  sub: string;
  [claim: string]: unknown;
}

/** Transaction `state`: 0 created, 1 paid, 2 failed, 3 cancelled, 4 refunded (our decision). */
export type NumeroPayState = number;

export interface NumeroPayTransaction {
  /** Nine characters such as "5CD0RGCKJ". */
  id: string;
  merchant: string;
  businessName: string;
  channel?: number;
  /** Major units, at most two decimals. */
  amount: number;
  /** ISO 4217, lower case. */
  currency: string;
  description?: string | null;
  structure?: Record<string, unknown>;
  state: NumeroPayState;
  createdOn: string;
  updatedOn: string;
  ipAddress?: string;
}

/** `POST /transaction` body. */
export interface NumeroPayCreateTransactionRequest {
  amount: number;
  currency: string;
  description?: string;
  merchant: string;
  businessName: string;
}

/** `GET /transaction` parameters (lists go as JSON-stringified arrays). */
export interface NumeroPayListTransactionsQuery {
  limit?: number;
  /** Unix seconds. */
  from?: number;
  status?: readonly NumeroPayState[];
  businessName?: readonly string[];
}

/** Error names of the document's "API Response Errors" table. */
export type NumeroPayErrorName =
  | 'SYSTEM_ERROR'
  | 'USER_EXIST'
  | 'MERCHANT_EXIST'
  | 'BAD_REQUEST'
  | 'NOT_IMPLEMENTED'
  | 'UNKNOWN_USER'
  | 'NOT_FOUND'
  | 'FORBIDDEN';

export interface NumeroPayErrorDetail {
  code: number;
  message: string;
  name: NumeroPayErrorName | (string & {});
}
