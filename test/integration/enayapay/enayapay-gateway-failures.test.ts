import { afterAll, beforeAll, beforeEach, describe, expect, it } from '@jest/globals';
import {
  ChangePasswordDocument,
  InquireCardBalanceDocument,
  LoginUserDocument,
  RegisterUserDocument,
  VerifyUserDocument,
} from '../../../src/generated/graphql.js';
import { startTestGateway, type TestGateway } from '../../helpers/test-gateway.js';
import { codesOf, otpFromLog, registeredUser } from './gateway-accounts.js';
import { newPhone } from './enayapay-harness.js';

const VISA = { pan: '4111111111111111', ipin: 'hT5mR9qW', expiry: '1230' };

describe('EnayaPay account failures through GraphQL: each documented status to its userError', () => {
  let gw: TestGateway;

  beforeAll(async () => {
    gw = await startTestGateway();
  });
  afterAll(() => gw.close());
  beforeEach(() => gw.simulators.enayapay.reset());

  const register = (phone: string) =>
    gw.graphql(RegisterUserDocument, { input: { phone, name: 'doctor', password: 'first-Pass1' } });

  it('302 → ALREADY_REGISTERED (never followed as a redirect)', async () => {
    const phone = newPhone();
    await register(phone);
    const again = await register(phone);
    expect(again.body.data!.registerUser).toEqual({
      phone: null,
      userErrors: [expect.objectContaining({ code: 'ALREADY_REGISTERED', field: ['input', 'phone'] })],
    });
    expect(gw.simulators.enayapay.requests.count('/login/')).toBe(0);
  });

  it('406 on register → INVALID_PHONE; a malformed number is refused before any call', async () => {
    const provider = await register('249551234567');
    expect(codesOf(provider.body.data!.registerUser.userErrors)).toEqual(['INVALID_PHONE']);
    const local = await register('12345');
    expect(local.body.data!.registerUser.userErrors).toEqual([
      expect.objectContaining({ code: 'INVALID_PHONE', field: ['input', 'phone'] }),
    ]);
    expect(gw.simulators.enayapay.requests.count('/register/')).toBe(1);
  });

  it('502 on register (SMS gateway) and 503 on login → PROVIDER_UNAVAILABLE', async () => {
    gw.simulators.enayapay.faults.add({ kind: 'status', status: 502, path: '/register/', times: 1 });
    expect(codesOf((await register(newPhone())).body.data!.registerUser.userErrors)).toEqual([
      'PROVIDER_UNAVAILABLE',
    ]);
    gw.simulators.enayapay.faults.add({ kind: 'status', status: 503, path: '/login/', times: 1 });
    const login = await gw.graphql(LoginUserDocument, {
      input: { phone: newPhone(), password: 'first-Pass1' },
    });
    expect(codesOf(login.body.data!.loginUser.userErrors)).toEqual(['PROVIDER_UNAVAILABLE']);
  });

  it('401 (our API key refused) → a PROVIDER_AUTH_FAILED GraphQL error, not a userError', async () => {
    gw.simulators.enayapay.faults.add({ kind: 'status', status: 401, path: '/login/', times: 1 });
    const login = await gw.graphql(LoginUserDocument, {
      input: { phone: newPhone(), password: 'first-Pass1' },
    });
    expect(login.body.errors?.[0]?.extensions).toMatchObject({
      code: 'PROVIDER_AUTH_FAILED',
      provider: 'ENAYAPAY',
    });
  });

  it('203 on verify → WRONG_OTP; 404 → NOT_REGISTERED', async () => {
    const phone = newPhone();
    await register(phone);
    const otp = otpFromLog(gw, phone);
    const wrong = await gw.graphql(VerifyUserDocument, {
      input: { phone, otp: otp === '000000' ? '000001' : '000000' },
    });
    expect(wrong.body.data!.verifyUser).toMatchObject({
      session: null,
      user: null,
      userErrors: [expect.objectContaining({ code: 'WRONG_OTP', field: ['input', 'otp'] })],
    });
    const unknown = await gw.graphql(VerifyUserDocument, { input: { phone: newPhone(), otp: '123456' } });
    expect(codesOf(unknown.body.data!.verifyUser.userErrors)).toEqual(['NOT_REGISTERED']);
  });

  it('203 on login → WRONG_PASSWORD; 404 → NOT_REGISTERED', async () => {
    const { phone } = await registeredUser(gw);
    const wrong = await gw.graphql(LoginUserDocument, { input: { phone, password: 'not-it' } });
    expect(codesOf(wrong.body.data!.loginUser.userErrors)).toEqual(['WRONG_PASSWORD']);
    const unknown = await gw.graphql(LoginUserDocument, { input: { phone: newPhone(), password: 'x' } });
    expect(codesOf(unknown.body.data!.loginUser.userErrors)).toEqual(['NOT_REGISTERED']);
  });

  it('203 on change password → WRONG_PASSWORD; a refused token → SESSION_EXPIRED, then no more calls', async () => {
    const { phone, token } = await registeredUser(gw);
    const wrong = await gw.graphql(
      ChangePasswordDocument,
      { input: { currentPassword: 'not-it', newPassword: 'second-Pass2' } },
      { token },
    );
    expect(wrong.body.data!.changePassword.userErrors).toEqual([
      expect.objectContaining({ code: 'WRONG_PASSWORD', field: ['input', 'currentPassword'] }),
    ]);

    gw.simulators.enayapay.revokeTokens(phone);
    const refused = await gw.graphql(InquireCardBalanceDocument, { input: VISA }, { token });
    expect(codesOf(refused.body.data!.inquireCardBalance.userErrors)).toEqual(['SESSION_EXPIRED']);
    const calls = gw.simulators.enayapay.requests.count('/balance/inquiry/');
    const next = await gw.graphql(
      ChangePasswordDocument,
      { input: { currentPassword: 'first-Pass1', newPassword: 'second-Pass2' } },
      { token },
    );
    expect(codesOf(next.body.data!.changePassword.userErrors)).toEqual(['SESSION_EXPIRED']);
    expect(gw.simulators.enayapay.requests.count('/balance/inquiry/')).toBe(calls);
    expect(gw.simulators.enayapay.requests.count('/change/password/')).toBe(1);

    // Verifying again with an OTP EnayaPay sent (here: the simulator's documented option to send one
    // with the 302) restores the EnayaPay session.
    gw.simulators.enayapay.resendOtpOnConflict = true;
    try {
      await register(phone);
    } finally {
      gw.simulators.enayapay.resendOtpOnConflict = false;
    }
    const verified = await gw.graphql(VerifyUserDocument, { input: { phone, otp: otpFromLog(gw, phone) } });
    const fresh = verified.body.data!.verifyUser.session!.token;
    const balance = await gw.graphql(InquireCardBalanceDocument, { input: VISA }, { token: fresh });
    expect(balance.body.data!.inquireCardBalance.userErrors).toEqual([]);
    // That verification ended the earlier session.
    const old = await gw.graphql(InquireCardBalanceDocument, { input: VISA }, { token });
    expect(old.body.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
  });

  it('404 on change password (the account is gone at EnayaPay) → NOT_REGISTERED', async () => {
    const { token } = await registeredUser(gw);
    gw.simulators.enayapay.clearState();
    const result = await gw.graphql(
      ChangePasswordDocument,
      { input: { currentPassword: 'first-Pass1', newPassword: 'second-Pass2' } },
      { token },
    );
    expect(codesOf(result.body.data!.changePassword.userErrors)).toEqual(['NOT_REGISTERED']);
  });

  it('a principal without an account (a service token) gets NOT_REGISTERED, and null account fields', async () => {
    const service = await gw.token('backoffice-service');
    const result = await gw.graphql(InquireCardBalanceDocument, { input: VISA }, { token: service });
    expect(codesOf(result.body.data!.inquireCardBalance.userErrors)).toEqual(['NOT_REGISTERED']);
    const me = await gw.graphql('{ me { subject phone name status } }', undefined, { token: service });
    expect(me.body.data).toEqual({
      me: { subject: 'backoffice-service', phone: null, name: null, status: null },
    });
  });

  it('limits login attempts per phone number: RATE_LIMITED with retryAfterSeconds', async () => {
    const { phone } = await registeredUser(gw);
    for (let attempt = 0; attempt < 5; attempt += 1) {
      const wrong = await gw.graphql(LoginUserDocument, { input: { phone, password: `wrong-${attempt}` } });
      expect(codesOf(wrong.body.data!.loginUser.userErrors)).toEqual(['WRONG_PASSWORD']);
    }
    const calls = gw.simulators.enayapay.requests.count('/login/');
    const limited = await gw.graphql(LoginUserDocument, { input: { phone, password: 'first-Pass1' } });
    expect(limited.body.errors?.[0]?.extensions).toMatchObject({ code: 'RATE_LIMITED' });
    expect(limited.body.errors?.[0]?.extensions?.['retryAfterSeconds']).toBeGreaterThan(0);
    expect(gw.simulators.enayapay.requests.count('/login/')).toBe(calls);
  });
});

describe('card inquiry failures through GraphQL', () => {
  let gw: TestGateway;
  let token: string;

  beforeAll(async () => {
    gw = await startTestGateway();
    token = (await registeredUser(gw)).token;
  });
  afterAll(() => gw.close());
  beforeEach(() => gw.simulators.enayapay.reset());

  const inquire = (input: Partial<typeof VISA>, options: { token?: string } = { token }) =>
    gw.graphql(InquireCardBalanceDocument, { input: { ...VISA, ...input } }, options);

  it('checks PAN (Luhn, length) and expiry (format, past) before any call, without echoing them', async () => {
    const badLuhn = await inquire({ pan: '4111111111111112', expiry: '0120' });
    expect(badLuhn.body.data!.inquireCardBalance.userErrors).toEqual([
      expect.objectContaining({ code: 'INVALID_PAN', field: ['input', 'pan'] }),
      expect.objectContaining({ code: 'INVALID_EXPIRY', field: ['input', 'expiry'] }),
    ]);
    expect(badLuhn.text).not.toContain('4111111111111112');
    const short = await inquire({ pan: '411111111111', expiry: '13/30' });
    expect(codesOf(short.body.data!.inquireCardBalance.userErrors)).toEqual([
      'INVALID_PAN',
      'INVALID_EXPIRY',
    ]);
    expect(gw.simulators.enayapay.requests.count('/balance/inquiry/')).toBe(0);
  });

  it('maps the card switch answers: wrong IPIN, unknown card, expiry mismatch, 696, 502', async () => {
    expect((await inquire({ ipin: 'wrong-ipin' })).body.data!.inquireCardBalance.userErrors).toEqual([
      expect.objectContaining({ code: 'WRONG_IPIN', field: ['input', 'ipin'] }),
    ]);
    expect(
      codesOf((await inquire({ pan: '4242424242424242' })).body.data!.inquireCardBalance.userErrors),
    ).toEqual(['INVALID_PAN']);
    expect(codesOf((await inquire({ expiry: '1129' })).body.data!.inquireCardBalance.userErrors)).toEqual([
      'INVALID_EXPIRY',
    ]);
    const systemError = await inquire({ pan: '4000000000000002', ipin: 'Zr4kW7tB' });
    expect(codesOf(systemError.body.data!.inquireCardBalance.userErrors)).toEqual(['PROVIDER_UNAVAILABLE']);
    const down = await inquire({ pan: '4000000000000010', ipin: 'Mn6yC2vD' });
    expect(codesOf(down.body.data!.inquireCardBalance.userErrors)).toEqual(['PROVIDER_UNAVAILABLE']);
    expect(gw.simulators.enayapay.requests.count('/balance/inquiry/')).toBe(5);
  });

  it('needs a bearer token, and is never run over GET', async () => {
    const anonymous = await inquire({}, {});
    expect(anonymous.body.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
    const viaGet = await gw.graphql(InquireCardBalanceDocument, { input: VISA }, { token, method: 'GET' });
    expect(viaGet.status).toBe(405);
    expect(gw.simulators.enayapay.requests.count('/balance/inquiry/')).toBe(0);
  });

  it('a card is visible through node(id:) to its owner only', async () => {
    const balance = await inquire({});
    const id = balance.body.data!.inquireCardBalance.card!.id;
    const query = 'query ($id: ID!) { node(id: $id) { id ... on Card { maskedPan } } }';
    const own = await gw.graphql(query, { id }, { token });
    expect(own.body.data).toEqual({ node: { id, maskedPan: '411111******1111' } });
    const other = await gw.graphql(query, { id }, { token: (await registeredUser(gw)).token });
    expect(other.body.data).toEqual({ node: null });
  });
});
