import { decimalFromWire } from '../../domain/money.js';
import { Provider } from '../../domain/provider.js';
import { UserErrorCode } from '../../domain/user-error-codes.js';
import { UserStatus } from '../../domain/user-status.js';
import type { ProviderResponse } from '../shared/http-client.js';
import { errorForStatus, ProviderError } from '../shared/provider-error.js';
import { readUserTokenExpiry, type EnayaPayUserToken } from './enayapay.auth.js';
import type { EnayaPayOperation } from './enayapay.types.js';

/** An expected failure, in our words: `field` names the GraphQL input field it concerns. */
export interface EnayaPayUserError {
  code: UserErrorCode;
  message: string;
  field?: string;
}

export type EnayaPayResult<T> = { ok: true; value: T } | { ok: false; userErrors: EnayaPayUserError[] };

export interface EnayaPayAccount {
  userName: string;
  status: UserStatus;
}

const PROVIDER = Provider.ENAYAPAY;

/** Wire field → our input field. A 400 on any other field is our own bug, not the user's. */
const INPUT_FIELDS: Record<string, string> = {
  user_phone: 'phone',
  user_name: 'name',
  user_password: 'password',
  user_otp: 'otp',
  current_password: 'currentPassword',
  new_password: 'newPassword',
  pan: 'pan',
  ipin: 'ipin',
  expiration_date: 'expiry',
};

const UNAVAILABLE: EnayaPayUserError = {
  code: UserErrorCode.PROVIDER_UNAVAILABLE,
  message: 'EnayaPay is not available right now; try again later.',
};
const NOT_REGISTERED: EnayaPayUserError = {
  code: UserErrorCode.NOT_REGISTERED,
  message: 'No EnayaPay account is registered for this phone number.',
  field: 'phone',
};
export const SESSION_EXPIRED: EnayaPayUserError = {
  code: UserErrorCode.SESSION_EXPIRED,
  message: 'The EnayaPay session of this account has expired; verify the phone number again.',
};

export function mapRegister(response: ProviderResponse): EnayaPayResult<void> {
  switch (response.status) {
    case 201:
      return { ok: true, value: undefined };
    case 302:
      return fail({
        code: UserErrorCode.ALREADY_REGISTERED,
        message: 'This phone number is already registered.',
        field: 'phone',
      });
    case 406:
      return fail({
        code: UserErrorCode.INVALID_PHONE,
        message: 'EnayaPay does not accept this phone number.',
        field: 'phone',
      });
    case 502:
      return fail({
        code: UserErrorCode.PROVIDER_UNAVAILABLE,
        message: 'The verification SMS could not be sent; try again later.',
      });
    default:
      return commonFailure('register', response);
  }
}

export function mapVerify(
  response: ProviderResponse,
): EnayaPayResult<{ userName: string; token: EnayaPayUserToken }> {
  if (response.status === 203) {
    return fail({
      code: UserErrorCode.WRONG_OTP,
      message: 'The code is wrong or has expired.',
      field: 'otp',
    });
  }
  if (response.status !== 200) return commonFailure('verify', response);
  const body = record(response.body, 'verify');
  const token = text(body['token'], 'verify');
  const userName = text(body['user_name'], 'verify');
  return { ok: true, value: { userName, token: { value: token, expiresAt: readUserTokenExpiry(token) } } };
}

export function mapLogin(response: ProviderResponse): EnayaPayResult<EnayaPayAccount> {
  if (response.status === 203) {
    return fail({ code: UserErrorCode.WRONG_PASSWORD, message: 'The password is wrong.', field: 'password' });
  }
  if (response.status !== 200) return commonFailure('login', response);
  return { ok: true, value: account(response.body, 'login') };
}

/** 203 here is the document's "not valid token". */
export function mapResetPassword(response: ProviderResponse): EnayaPayResult<EnayaPayAccount> {
  if (response.status === 203) return fail(SESSION_EXPIRED);
  if (response.status !== 200) return commonFailure('resetPassword', response);
  return { ok: true, value: account(response.body, 'resetPassword') };
}

/**
 * 203 with `{"details": "wrong current password"}` is the document's wrong password; a 203 without a
 * body is the token refusal the other token calls answer.
 */
export function mapChangePassword(response: ProviderResponse): EnayaPayResult<void> {
  if (response.status === 203) {
    if (response.body === undefined) return fail(SESSION_EXPIRED);
    return fail({
      code: UserErrorCode.WRONG_PASSWORD,
      message: 'The current password is wrong.',
      field: 'currentPassword',
    });
  }
  if (response.status !== 200) return commonFailure('changePassword', response);
  return { ok: true, value: undefined };
}

/** The balance as a decimal string; the answer must echo the uuid we sent. */
export function mapBalanceInquiry(
  response: ProviderResponse,
  sentUuid: string,
): EnayaPayResult<{ balance: string }> {
  switch (response.status) {
    case 200:
      break;
    case 203:
      return fail(SESSION_EXPIRED);
    case 406:
      return fail(cardSwitchError(response.body));
    case 502:
      return fail({
        code: UserErrorCode.PROVIDER_UNAVAILABLE,
        message: 'The card switch is not reachable; try again later.',
      });
    default:
      return commonFailure('balanceInquiry', response);
  }
  const body = record(response.body, 'balanceInquiry');
  if (body['response_code'] !== 0 || body['uuid'] !== sentUuid) {
    throw badResponse('balanceInquiry', 'an answer that is not a successful inquiry of ours');
  }
  const balance = body['balance'];
  const amount =
    typeof balance === 'number' || (typeof balance === 'string' && /^-?\d+(\.\d+)?$/.test(balance.trim()))
      ? decimalFromWire(balance)
      : undefined;
  if (amount === undefined) throw badResponse('balanceInquiry', 'a balance that is not a number');
  return { ok: true, value: { balance: amount } };
}

/** The card switch's 406 codes. 696 (SYSTEM_ERROR) is the document's; the others are the switch's usual ones. */
function cardSwitchError(body: unknown): EnayaPayUserError {
  const code =
    body && typeof body === 'object' ? (body as Record<string, unknown>)['response_code'] : undefined;
  switch (code) {
    case 55:
      return { code: UserErrorCode.WRONG_IPIN, message: 'The IPIN is wrong.', field: 'ipin' };
    case 14:
      return {
        code: UserErrorCode.INVALID_PAN,
        message: 'The card number is not known to the card switch.',
        field: 'pan',
      };
    case 54:
      return {
        code: UserErrorCode.INVALID_EXPIRY,
        message: 'The card has expired or the expiry date does not match the card.',
        field: 'expiry',
      };
    case 696:
      return {
        code: UserErrorCode.PROVIDER_UNAVAILABLE,
        message: 'The card switch failed; try again later.',
      };
    default:
      return { code: UserErrorCode.DECLINED, message: 'The card switch declined the inquiry.' };
  }
}

/** Statuses every operation shares: 400 field details, 401 API key, 404 not registered, 503 unavailable. */
function commonFailure(operation: EnayaPayOperation, response: ProviderResponse): EnayaPayResult<never> {
  const body =
    response.body && typeof response.body === 'object' ? (response.body as Record<string, unknown>) : {};
  switch (response.status) {
    case 400:
      return fieldErrors(operation, body['details']);
    case 401:
      throw new ProviderError(PROVIDER, 'PROVIDER_AUTH_FAILED', 'EnayaPay refused our API key', {
        status: 401,
      });
    case 404:
      // Without the documented body, a 404 is a wrong address, not an unknown user.
      if (typeof body['details'] !== 'string')
        throw badResponse(operation, 'a 404 without the documented body');
      return fail(NOT_REGISTERED);
    case 503:
      return fail(UNAVAILABLE);
    default:
      throw errorForStatus(PROVIDER, response.status);
  }
}

function fieldErrors(operation: EnayaPayOperation, details: unknown): EnayaPayResult<never> {
  if (!details || typeof details !== 'object') throw badResponse(operation, 'a 400 without field details');
  const wireFields = Object.keys(details);
  const unknown = wireFields.filter((field) => !(field in INPUT_FIELDS));
  if (wireFields.length === 0 || unknown.length > 0) {
    throw new ProviderError(PROVIDER, 'PROVIDER_REJECTED', `EnayaPay rejected the ${operation} request`, {
      status: 400,
      providerCode: unknown.join(',') || undefined,
    });
  }
  return {
    ok: false,
    userErrors: wireFields.map((wire) => ({
      code: UserErrorCode.INVALID_INPUT,
      message: 'EnayaPay did not accept this value.',
      field: INPUT_FIELDS[wire],
    })),
  };
}

function account(body: unknown, operation: EnayaPayOperation): EnayaPayAccount {
  const fields = record(body, operation);
  return {
    userName: text(fields['user_name'], operation),
    status: mapUserStatus(text(fields['status'], operation)),
  };
}

export function mapUserStatus(status: string): UserStatus {
  return status.trim().toLowerCase() === 'active' ? UserStatus.ACTIVE : UserStatus.INACTIVE;
}

function fail(error: EnayaPayUserError): EnayaPayResult<never> {
  return { ok: false, userErrors: [error] };
}

function record(body: unknown, operation: EnayaPayOperation): Record<string, unknown> {
  if (!body || typeof body !== 'object' || Array.isArray(body))
    throw badResponse(operation, 'a body that is not an object');
  return body as Record<string, unknown>;
}

function text(value: unknown, operation: EnayaPayOperation): string {
  if (typeof value !== 'string' || value === '') throw badResponse(operation, 'a missing field');
  return value;
}

function badResponse(operation: EnayaPayOperation, what: string): ProviderError {
  return new ProviderError(PROVIDER, 'PROVIDER_BAD_RESPONSE', `EnayaPay ${operation} answered ${what}`);
}
