import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { decodeJwt, decodeProtectedHeader } from 'jose';
import {
  ChangePasswordDocument,
  InquireCardBalanceDocument,
  LoginUserDocument,
  MyAccountDocument,
  RegisterUserDocument,
  ResetPasswordDocument,
  VerifyUserDocument,
} from '../../../src/generated/graphql.js';
import { startTestGateway, type TestGateway } from '../../helpers/test-gateway.js';
import { codesOf, otpFromLog } from './gateway-accounts.js';
import { newPhone } from './enayapay-harness.js';

const VISA = { pan: '4111111111111111', ipin: 'hT5mR9qW', expiry: '1230' };

describe('EnayaPay accounts and cards through GraphQL: the whole walk', () => {
  let gw: TestGateway;

  beforeAll(async () => {
    gw = await startTestGateway();
  });
  afterAll(() => gw.close());

  it('register → OTP → verify → session → me → change password → login → balance → me.cards', async () => {
    const phone = newPhone();
    const local = `0${phone.slice(3)}`;
    const registered = await gw.graphql(RegisterUserDocument, {
      input: { phone: local, name: 'doctor', password: 'first-Pass1' },
    });
    expect(registered.body.data?.registerUser).toEqual({ phone, userErrors: [] });

    const verified = await gw.graphql(VerifyUserDocument, { input: { phone, otp: otpFromLog(gw, phone) } });
    const session = verified.body.data!.verifyUser.session!;
    expect(verified.body.data!.verifyUser.userErrors).toEqual([]);
    expect(session.tokenType).toBe('Bearer');
    expect(decodeProtectedHeader(session.token).alg).toBe('ES256');
    const claims = decodeJwt(session.token);
    expect(claims).toMatchObject({ iss: 'paygraph', aud: 'paygraph', scope: 'otp-verified' });
    expect(new Date(session.expiresAt).getTime()).toBe(claims.exp! * 1000);
    expect(verified.body.data!.verifyUser.user).toMatchObject({ phone, name: 'doctor', status: 'ACTIVE' });

    const me = await gw.graphql(MyAccountDocument, { first: 10 }, { token: session.token });
    expect(me.body.errors).toBeUndefined();
    expect(me.body.data!.me).toMatchObject({
      subject: claims.sub,
      phone,
      name: 'doctor',
      status: 'ACTIVE',
      cards: { edges: [] },
      transactions: { edges: [] },
      wallets: { edges: [] },
      withdrawals: { edges: [] },
    });

    const changed = await gw.graphql(
      ChangePasswordDocument,
      { input: { currentPassword: 'first-Pass1', newPassword: 'second-Pass2' } },
      { token: session.token },
    );
    expect(changed.body.data!.changePassword).toMatchObject({ userErrors: [], user: { phone } });

    const oldPassword = await gw.graphql(LoginUserDocument, { input: { phone, password: 'first-Pass1' } });
    expect(codesOf(oldPassword.body.data!.loginUser.userErrors)).toEqual(['WRONG_PASSWORD']);
    const login = await gw.graphql(LoginUserDocument, { input: { phone, password: 'second-Pass2' } });
    const loginSession = login.body.data!.loginUser.session!;
    expect(decodeJwt(loginSession.token).sub).toBe(claims.sub);
    expect(decodeJwt(loginSession.token).scope).toBeUndefined();

    const inquiredFrom = Date.now();
    const balance = await gw.graphql(
      InquireCardBalanceDocument,
      { input: VISA },
      { token: loginSession.token },
    );
    const inquiredTo = Date.now();
    expect(balance.body.errors).toBeUndefined();
    const card = balance.body.data!.inquireCardBalance.card!;
    expect(card).toMatchObject({
      provider: 'ENAYAPAY',
      maskedPan: '411111******1111',
      expiry: '1230',
      balance: { amount: '400', currency: 'SDG' },
    });
    // The balance is as of the inquiry: stamped while the call was under way.
    expect(Date.parse(card.asOf)).toBeGreaterThanOrEqual(inquiredFrom);
    expect(Date.parse(card.asOf)).toBeLessThanOrEqual(inquiredTo);

    const after = await gw.graphql(MyAccountDocument, { first: 10 }, { token: loginSession.token });
    expect(after.body.data!.me.cards.edges.map((edge) => edge.node)).toEqual([card]);
    // The EnayaPay token from verification served the card call; it never left the server.
    const providerToken = gw.simulators.enayapay.requests.filter('/balance/inquiry/')[0]!.headers
      .token as string;
    expect(providerToken).toMatch(/^eyJ/);
    expect(gw.responses.join('\n')).not.toContain(providerToken);
  });

  it('resets a forgotten password with a session from verifyUser, not with one from loginUser', async () => {
    const phone = newPhone();
    await gw.graphql(RegisterUserDocument, { input: { phone, name: 'doctor', password: 'first-Pass1' } });
    const verified = await gw.graphql(VerifyUserDocument, { input: { phone, otp: otpFromLog(gw, phone) } });
    const otpSession = verified.body.data!.verifyUser.session!.token;
    const login = await gw.graphql(LoginUserDocument, { input: { phone, password: 'first-Pass1' } });
    const passwordSession = login.body.data!.loginUser.session!.token;

    const refused = await gw.graphql(
      ResetPasswordDocument,
      { input: { newPassword: 'reset-Pass9' } },
      { token: passwordSession },
    );
    expect(refused.body.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');

    const reset = await gw.graphql(
      ResetPasswordDocument,
      { input: { newPassword: 'reset-Pass9' } },
      { token: otpSession },
    );
    expect(reset.body.data!.resetPassword).toMatchObject({
      userErrors: [],
      user: { phone, status: 'ACTIVE' },
    });
    const again = await gw.graphql(LoginUserDocument, { input: { phone, password: 'reset-Pass9' } });
    expect(again.body.data!.loginUser.userErrors).toEqual([]);
  });

  it('serves the session public key at /.well-known/jwks.json', async () => {
    const response = await fetch(`${gw.url}/.well-known/jwks.json`);
    expect(response.status).toBe(200);
    const jwks = (await response.json()) as { keys: Record<string, string>[] };
    expect(jwks.keys).toHaveLength(1);
    expect(jwks.keys[0]).toMatchObject({ kty: 'EC', crv: 'P-256', alg: 'ES256', use: 'sig' });
    expect(jwks.keys[0]!['d']).toBeUndefined();
  });
});
