/** Wire types of the NCHL NPI API (see nchl.source.md and the decisions page). */

/** `POST /oauth/token` form, with `Authorization: Basic base64(client_id:client_secret)`. */
export type NchlTokenForm =
  | { grant_type: 'password'; username: string; password: string }
  | { grant_type: 'refresh_token'; refresh_token: string };

export interface NchlTokenResponse {
  access_token?: string;
  token_type?: string;
  refresh_token?: string;
  expires_in?: number;
  refresh_expires_in?: number;
  scope?: string;
}

export interface NchlOAuthErrorResponse {
  error?: string;
  error_description?: string;
}

/** `POST /api/v1/cardless/create-request`. */
export interface NchlCreateRequestBody {
  /** Whole rupees, a multiple of 1000, exactly as signed. */
  amount: string;
  mobileNumber: string;
  accountName: string;
  accountNumber: string;
  branchId: string;
  bankId: string;
  transactionUniqueId: string;
  currencyCode: 'NPR';
  remarks: string;
  /** Base64(SHA256withRSA("mobileNumber,transactionUniqueId,amount,userId")). */
  token: string;
}

/** The answer of create-request (and of report on failure). `000` is success. */
export interface NchlResponseCodeBody {
  responseCode?: string;
  responseMessage?: string;
}

/** `POST /cardless/withdraw/transaction`. */
export interface NchlCashWithdrawalBody {
  verificationCode: string;
  mobileNumber: string;
  amount: string;
  bankCode: string;
  traceNumber: string;
  referenceNumber: string;
  terminalId: string;
}

export interface NchlCashWithdrawalResponse {
  status?: string | boolean;
  message?: string;
  code?: string;
  developerMessage?: string | null;
  link?: string | null;
  /** An object, or a string holding JSON (as the document's sample shows). */
  data?: unknown;
}

export interface NchlCashWithdrawalData {
  accountNumber?: string;
  mobileNumber?: string;
  bankCode?: string;
  amount?: number | string;
  /** Nepal time without a zone: "2024-05-09 11:27:16.676". */
  bookingDate?: string;
  referenceId?: string;
  terminalId?: string;
  traceNumber?: string;
}

/** `POST /api/v1/cardless/report` (the document's "/oauth/token" is a copy error). */
export interface NchlReportBody {
  transactionUniqueId: string;
}

export interface NchlReportResponse extends NchlResponseCodeBody {
  responseData?: NchlReportRecord[];
}

export interface NchlReportRecord {
  accountNumber?: string;
  branchId?: string;
  bankId?: string;
  accountName?: string;
  amount?: number | string;
  mobileNumber?: string;
  expiryDate?: string;
  customerIdentifier?: string;
  /** ACTIVE, EXPIRED, USED … */
  status?: string;
  txnId?: string | number;
  /** PAID, UNPAID, FAILED … */
  paymentStatus?: string;
  instrument?: string;
  transactionUniqueId?: string;
  remarks?: string;
}

/** `POST /cardless/thirdparty/notification` on our server, NCHL → us. */
export interface NchlNotificationBody {
  transactionUniqueId: string;
  debitStatus: string;
  debitDescription?: string;
  creditStatus: string;
  creditDescription?: string;
  rpsTransactionId: string | number;
  mobileNumber?: string;
  remarks?: string;
  paymentStatus?: string;
  /** Base64(SHA256withRSA(NCHL key, "transactionUniqueId,debitStatus,creditStatus,rpsTransactionId,paymentStatus")). */
  token: string;
}

/** Our answer to a notification; `status` is mandatory per the document. */
export interface NchlNotificationAnswer {
  status: 'SUCCESS' | 'FAILED';
  message: string;
}
