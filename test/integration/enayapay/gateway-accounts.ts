import { expect } from '@jest/globals';
import { RegisterUserDocument, VerifyUserDocument } from '../../../src/generated/graphql.js';
import type { TestGateway } from '../../helpers/test-gateway.js';
import { newPhone } from './enayapay-harness.js';

/** The OTP a sandbox user reads in the gateway's log: the EnayaPay simulator's line for this phone. */
export function otpFromLog(gw: TestGateway, phone: string): string {
  const line = gw.logs
    .parsed()
    .filter((entry) => entry['msg'] === 'EnayaPay sandbox OTP sent' && entry['phone'] === phone)
    .at(-1);
  if (typeof line?.['otp'] !== 'string') throw new Error(`no OTP logged for ${phone}`);
  return line['otp'];
}

/** Registers and verifies a new user through GraphQL; returns the session token and principal. */
export async function registeredUser(
  gw: TestGateway,
  password = 'first-Pass1',
): Promise<{ phone: string; token: string; principal: string }> {
  const phone = newPhone();
  const registered = await gw.graphql(RegisterUserDocument, { input: { phone, name: 'doctor', password } });
  expect(registered.body.data?.registerUser.userErrors).toEqual([]);
  const verified = await gw.graphql(VerifyUserDocument, { input: { phone, otp: otpFromLog(gw, phone) } });
  const payload = verified.body.data?.verifyUser;
  if (!payload?.session || !payload.user) throw new Error(`verify failed: ${verified.text}`);
  return { phone, token: payload.session.token, principal: payload.user.subject };
}

export function codesOf(userErrors: readonly { code: string }[] | undefined): string[] {
  return (userErrors ?? []).map((error) => error.code);
}
