/** Wire types of the Nupeye recharge API (base `…/recharge_services/v1`). */

/** Nupeye sends `status` as a string on login ("200") and as a number elsewhere (200). */
export type NupeyeStatus = string | number;

/** Form fields of `POST /auth/login`. */
export interface NupeyeLoginForm extends Record<string, string> {
  user_name: string;
  authentication_key: string;
}

/** Body of `POST /auth/refresh_authentication`. */
export interface NupeyeRefreshRequest {
  refresh_token: string;
}

/** Body of `POST /transfer_amount`. */
export interface NupeyeTransferRequest {
  mobile_no: string;
  /** Decimal string. */
  amount: string;
  /** The API user name. */
  app_id: string;
}

/** Body of `POST /recharge_account`: the transfer fields plus the end user's Nupeye login. */
export interface NupeyeRechargeRequest extends NupeyeTransferRequest {
  user_name: string;
  user_password: string;
}

/** Every failure: `{"status":"401","message":"Token has been expired"}` and the like. */
export interface NupeyeErrorResponse {
  status?: NupeyeStatus;
  message?: string;
}
