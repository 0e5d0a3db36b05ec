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

export interface EnayaPayLoginRequest {
  user_phone: string;
  user_password: string;
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

/** The operations of the document, as named in logs and metrics. */
export type EnayaPayOperation =
  'register' | 'verify' | 'login' | 'resetPassword' | 'changePassword' | 'balanceInquiry';
