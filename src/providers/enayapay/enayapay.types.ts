/** EnayaPay wire shapes, as in its document (base `…/api/v2.1`). */

export interface EnayaPayRegisterRequest {
  user_phone: string;
  user_name: string;
  user_password: string;
}

export interface EnayaPayVerifyRequest {
  user_phone: string;
  user_otp: string;
}

export interface EnayaPayVerifyResponse {
  /** A JWT whose payload carries `expiry` (YYYY-MM-DD). */
  token: string;
  user_name: string;
}

export interface EnayaPayLoginRequest {
  user_phone: string;
  user_password: string;
}

/** Login and password reset both answer the user's name and account status. */
export interface EnayaPayAccountResponse {
  user_name: string;
  status: string;
}

export interface EnayaPayResetPasswordRequest {
  user_phone: string;
  user_password: string;
}

export interface EnayaPayChangePasswordRequest {
  current_password: string;
  new_password: string;
}

export interface EnayaPayBalanceInquiryRequest {
  pan: string;
  ipin: string;
  uuid: string;
  /** MMYY */
  expiration_date: string;
}

export interface EnayaPayBalanceInquiryResponse {
  response_code: number;
  balance: number | string;
  response_status: string;
  uuid: string;
}

/** 406 from the balance inquiry: the card switch's own error. */
export interface EnayaPayCardSwitchError {
  response_code: number;
  response_message: string;
}

/** Error bodies: `{"details": "text"}`, or `{"details": {field: [messages]}}` on 400. */
export interface EnayaPayDetailsBody {
  details: string | Record<string, string[]>;
}

/** The operations of the document, as named in logs and metrics. */
export type EnayaPayOperation =
  'register' | 'verify' | 'login' | 'resetPassword' | 'changePassword' | 'balanceInquiry';
