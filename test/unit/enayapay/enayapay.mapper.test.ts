import { describe, expect, it } from '@jest/globals';
import { UserErrorCode } from '../../../src/domain/user-error-codes.js';
import { UserStatus } from '../../../src/domain/user-status.js';
import {
  mapBalanceInquiry,
  mapChangePassword,
  mapLogin,
  mapRegister,
  mapResetPassword,
  mapVerify,
  type EnayaPayResult,
} from '../../../src/providers/enayapay/enayapay.mapper.js';

/** The document's sample token: payload {"username":"575307","expiry":"2021-11-13"}. */
const SAMPLE_TOKEN =
  'eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJ1c2VybmFtZSI6IjU3NTMwNyIsImV4cGlyeSI6IjIwMjEtMTEtMTMifQ.2uU8eOnw8biYxH55EblrTHOz5nM4rcP1kiIa7S46mFs';

function codes(result: EnayaPayResult<unknown>): Array<[string, string | undefined]> {
  return result.ok ? [] : result.userErrors.map((error) => [error.code, error.field]);
}

describe('EnayaPay mapper: document fixtures', () => {
  it('register: 201, 302, 406, 400, 502, 503', () => {
    expect(mapRegister({ status: 201, body: undefined })).toEqual({ ok: true, value: undefined });
    expect(codes(mapRegister({ status: 302, body: undefined }))).toEqual([
      [UserErrorCode.ALREADY_REGISTERED, 'phone'],
    ]);
    expect(codes(mapRegister({ status: 406, body: { details: 'your number not valid' } }))).toEqual([
      [UserErrorCode.INVALID_PHONE, 'phone'],
    ]);
    expect(
      codes(mapRegister({ status: 400, body: { details: { user_password: ['This field is required.'] } } })),
    ).toEqual([[UserErrorCode.INVALID_INPUT, 'password']]);
    expect(codes(mapRegister({ status: 502, body: { details: 'bad getway' } }))).toEqual([
      [UserErrorCode.PROVIDER_UNAVAILABLE, undefined],
    ]);
    expect(codes(mapRegister({ status: 503, body: { details: 'service not available' } }))).toEqual([
      [UserErrorCode.PROVIDER_UNAVAILABLE, undefined],
    ]);
  });

  it('verify: 200 with the sample token, 203, 400, 401, 404', () => {
    expect(mapVerify({ status: 200, body: { token: SAMPLE_TOKEN, user_name: 'doctor' } })).toEqual({
      ok: true,
      value: {
        userName: 'doctor',
        token: { value: SAMPLE_TOKEN, expiresAt: new Date('2021-11-13T00:00:00Z') },
      },
    });
    expect(codes(mapVerify({ status: 203, body: undefined }))).toEqual([[UserErrorCode.WRONG_OTP, 'otp']]);
    expect(
      codes(mapVerify({ status: 400, body: { details: { user_otp: ['This field is required.'] } } })),
    ).toEqual([[UserErrorCode.INVALID_INPUT, 'otp']]);
    expect(() => mapVerify({ status: 401, body: undefined })).toThrow(
      expect.objectContaining({ code: 'PROVIDER_AUTH_FAILED' }),
    );
    expect(codes(mapVerify({ status: 404, body: { details: 'user not registered' } }))).toEqual([
      [UserErrorCode.NOT_REGISTERED, 'phone'],
    ]);
  });

  it('verify: a token without a readable expiry is kept with an unknown expiry', () => {
    const result = mapVerify({ status: 200, body: { token: 'not-a-jwt', user_name: 'doctor' } });
    expect(result.ok && result.value.token.expiresAt).toBeUndefined();
  });

  it('login and reset password: account status, 203 meanings', () => {
    expect(mapLogin({ status: 200, body: { user_name: 'doctor', status: 'active' } })).toEqual({
      ok: true,
      value: { userName: 'doctor', status: UserStatus.ACTIVE },
    });
    expect(mapLogin({ status: 200, body: { user_name: 'doctor', status: 'blocked' } })).toEqual({
      ok: true,
      value: { userName: 'doctor', status: UserStatus.INACTIVE },
    });
    expect(codes(mapLogin({ status: 203, body: undefined }))).toEqual([
      [UserErrorCode.WRONG_PASSWORD, 'password'],
    ]);
    expect(codes(mapResetPassword({ status: 203, body: undefined }))).toEqual([
      [UserErrorCode.SESSION_EXPIRED, undefined],
    ]);
    expect(mapResetPassword({ status: 200, body: { user_name: 'doctor', status: 'active' } }).ok).toBe(true);
  });

  it('change password: 200, 203 with and without body, 400 on new_password', () => {
    expect(mapChangePassword({ status: 200, body: { details: 'password updated successful' } }).ok).toBe(
      true,
    );
    expect(codes(mapChangePassword({ status: 203, body: { details: 'wrong current password' } }))).toEqual([
      [UserErrorCode.WRONG_PASSWORD, 'currentPassword'],
    ]);
    expect(codes(mapChangePassword({ status: 203, body: undefined }))).toEqual([
      [UserErrorCode.SESSION_EXPIRED, undefined],
    ]);
    expect(
      codes(
        mapChangePassword({ status: 400, body: { details: { new_password: ['This field is required.'] } } }),
      ),
    ).toEqual([[UserErrorCode.INVALID_INPUT, 'newPassword']]);
  });

  it('balance inquiry: the sample answer, 406 codes, 502', () => {
    const uuid = 'fdfregregergerlkfjerfklerjfkgerjgjre';
    expect(
      mapBalanceInquiry(
        { status: 200, body: { response_code: 0, balance: 400, response_status: 'Successful', uuid } },
        uuid,
      ),
    ).toEqual({ ok: true, value: { balance: '400' } });
    expect(
      mapBalanceInquiry({ status: 200, body: { response_code: 0, balance: 0.1 + 0.2, uuid } }, uuid),
    ).toEqual({ ok: true, value: { balance: '0.3' } });
    expect(
      codes(
        mapBalanceInquiry(
          { status: 406, body: { response_code: 696, response_message: 'SYSTEM_ERROR' } },
          uuid,
        ),
      ),
    ).toEqual([[UserErrorCode.PROVIDER_UNAVAILABLE, undefined]]);
    expect(codes(mapBalanceInquiry({ status: 406, body: { response_code: 55 } }, uuid))).toEqual([
      [UserErrorCode.WRONG_IPIN, 'ipin'],
    ]);
    expect(codes(mapBalanceInquiry({ status: 406, body: { response_code: 12345 } }, uuid))).toEqual([
      [UserErrorCode.DECLINED, undefined],
    ]);
    expect(codes(mapBalanceInquiry({ status: 502, body: { details: 'bad getway' } }, uuid))).toEqual([
      [UserErrorCode.PROVIDER_UNAVAILABLE, undefined],
    ]);
    expect(
      codes(
        mapBalanceInquiry({ status: 400, body: { details: { pan: ['This field is required.'] } } }, uuid),
      ),
    ).toEqual([[UserErrorCode.INVALID_INPUT, 'pan']]);
  });

  it('balance inquiry: an answer for another uuid, a failed code or a non-numeric balance is unreadable', () => {
    const ok = { response_code: 0, balance: 400, response_status: 'Successful', uuid: 'a' };
    expect(() => mapBalanceInquiry({ status: 200, body: ok }, 'b')).toThrow(
      expect.objectContaining({ code: 'PROVIDER_BAD_RESPONSE' }),
    );
    expect(() => mapBalanceInquiry({ status: 200, body: { ...ok, response_code: 1 } }, 'a')).toThrow(
      expect.objectContaining({ code: 'PROVIDER_BAD_RESPONSE' }),
    );
    expect(() => mapBalanceInquiry({ status: 200, body: { ...ok, balance: 'lots' } }, 'a')).toThrow(
      expect.objectContaining({ code: 'PROVIDER_BAD_RESPONSE' }),
    );
  });

  it('a 400 on a field the user did not give (uuid) is our fault: a system error, not a userError', () => {
    expect(() =>
      mapBalanceInquiry({ status: 400, body: { details: { uuid: ['Must be a valid UUID.'] } } }, 'x'),
    ).toThrow(expect.objectContaining({ code: 'PROVIDER_REJECTED' }));
  });

  it('undocumented statuses fall back to the shared mapping; messages never carry provider text', () => {
    expect(() => mapLogin({ status: 500, body: { details: 'Traceback: secret stuff' } })).toThrow(
      expect.objectContaining({ code: 'PROVIDER_UNAVAILABLE' }),
    );
    const result = mapRegister({ status: 406, body: { details: 'your number not valid' } });
    expect(JSON.stringify(result)).not.toContain('your number not valid');
  });
});
