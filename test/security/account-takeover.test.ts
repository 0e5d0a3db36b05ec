import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import {
  InquireCardBalanceDocument,
  LoginUserDocument,
  MyAccountDocument,
  RegisterUserDocument,
  ResetPasswordDocument,
  VerifyUserDocument,
} from '../../src/generated/graphql.js';
import { startTestGateway, type TestGateway } from '../helpers/test-gateway.js';
import { codesOf, otpFromLog } from '../integration/enayapay/gateway-accounts.js';
import { newPhone } from '../integration/enayapay/enayapay-harness.js';

const VISA = { pan: '4111111111111111', ipin: 'hT5mR9qW', expiry: '1230' };

/**
 * Issue 12, item 1: someone registers a phone they do not own, logs in with the password they chose, and
 * keeps reading `me.cards` and running `inquireCardBalance` with the owner's EnayaPay token after the
 * owner verifies and resets the password. Every step of it must fail.
 */
describe('account takeover before registration (EnayaPay)', () => {
  let gw: TestGateway;

  beforeAll(async () => {
    gw = await startTestGateway();
  });
  afterAll(() => gw.close());

  it('gives the attacker no session before the owner verifies, and none that survives the reset', async () => {
    const phone = newPhone();
    const attackerPassword = 'attacker-Pass1';

    // The attacker registers the owner's phone: EnayaPay texts the OTP to the owner, not to the attacker.
    const registered = await gw.graphql(RegisterUserDocument, {
      input: { phone, name: 'not the owner', password: attackerPassword },
    });
    expect(registered.body.data?.registerUser.userErrors).toEqual([]);
    const smsToOwner = otpFromLog(gw, phone);

    // Step 1: the chosen password opens no session while the phone is unproved.
    const early = await gw.graphql(LoginUserDocument, { input: { phone, password: attackerPassword } });
    expect(early.body.data?.loginUser.session).toBeNull();
    expect(codesOf(early.body.data?.loginUser.userErrors)).toEqual(['NOT_VERIFIED']);
    expect(early.body.data?.loginUser.userErrors[0]?.field).toEqual(['input', 'phone']);

    // The owner registers: ALREADY_REGISTERED, and (as the document promises nothing more) no new OTP.
    const owner = await gw.graphql(RegisterUserDocument, {
      input: { phone, name: 'owner', password: 'owner-Pass1' },
    });
    expect(codesOf(owner.body.data?.registerUser.userErrors)).toEqual(['ALREADY_REGISTERED']);
    expect(otpFromLog(gw, phone)).toBe(smsToOwner);

    // The owner verifies with the SMS they received, checks a card, and resets the password at once.
    const verified = await gw.graphql(VerifyUserDocument, { input: { phone, otp: smsToOwner } });
    const ownerSession = verified.body.data!.verifyUser.session!.token;
    // The password the attacker chose works at EnayaPay until the reset: the window EnayaPay leaves.
    const window = await gw.graphql(LoginUserDocument, { input: { phone, password: attackerPassword } });
    const attackerSession = window.body.data!.loginUser.session!.token;
    const balance = await gw.graphql(InquireCardBalanceDocument, { input: VISA }, { token: ownerSession });
    expect(balance.body.data!.inquireCardBalance.userErrors).toEqual([]);
    const reset = await gw.graphql(
      ResetPasswordDocument,
      { input: { newPassword: 'owner-New-Pass2' } },
      { token: ownerSession },
    );
    expect(reset.body.data!.resetPassword.userErrors).toEqual([]);
    const ownerFresh = reset.body.data!.resetPassword.session!.token;

    // Step 2: the attacker's session reads nothing and calls nothing any more, over HTTP.
    const inquiries = gw.simulators.enayapay.requests.count('/balance/inquiry/');
    const cards = await gw.graphql(MyAccountDocument, { first: 10 }, { token: attackerSession });
    expect(cards.status).toBe(401);
    expect(cards.body.data).toBeUndefined();
    expect(cards.body.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
    const inquiry = await gw.graphql(InquireCardBalanceDocument, { input: VISA }, { token: attackerSession });
    expect(inquiry.status).toBe(401);
    expect(inquiry.body.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
    expect(gw.simulators.enayapay.requests.count('/balance/inquiry/')).toBe(inquiries);

    // Step 3: the chosen password opens nothing either.
    const late = await gw.graphql(LoginUserDocument, { input: { phone, password: attackerPassword } });
    expect(late.body.data?.loginUser.session).toBeNull();
    expect(codesOf(late.body.data?.loginUser.userErrors)).toEqual(['WRONG_PASSWORD']);

    // The owner's own session from before the reset ended too; the fresh one serves the owner.
    const stale = await gw.graphql(MyAccountDocument, { first: 10 }, { token: ownerSession });
    expect(stale.status).toBe(401);
    const mine = await gw.graphql(MyAccountDocument, { first: 10 }, { token: ownerFresh });
    expect(mine.body.data!.me.cards.edges.map((edge) => edge.node.maskedPan)).toEqual(['411111******1111']);
    const again = await gw.graphql(InquireCardBalanceDocument, { input: VISA }, { token: ownerFresh });
    expect(again.body.data!.inquireCardBalance.userErrors).toEqual([]);
  });

  it('does not let a client token for the user’s principal use the stored EnayaPay token', async () => {
    const phone = newPhone();
    await gw.graphql(RegisterUserDocument, { input: { phone, name: 'owner', password: 'owner-Pass1' } });
    const verified = await gw.graphql(VerifyUserDocument, { input: { phone, otp: otpFromLog(gw, phone) } });
    const principal = verified.body.data!.verifyUser.user!.subject;
    const inquiries = gw.simulators.enayapay.requests.count('/balance/inquiry/');
    const service = await gw.token(principal);
    const refused = await gw.graphql(InquireCardBalanceDocument, { input: VISA }, { token: service });
    expect(codesOf(refused.body.data!.inquireCardBalance.userErrors)).toEqual(['NOT_VERIFIED']);
    expect(gw.simulators.enayapay.requests.count('/balance/inquiry/')).toBe(inquiries);
  });
});
