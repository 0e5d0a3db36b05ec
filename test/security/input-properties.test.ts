import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import { startTestGateway, type TestGateway } from '../helpers/test-gateway.js';

/** Values no field of that kind accepts: each is malformed, out of range, exotic unicode or huge. */
const malformed = {
  amount: fc.oneof(
    fc.string({ maxLength: 12 }).map((s) => `${s}x`),
    fc.integer({ min: 1 }).map((n) => `-${n}`),
    fc.constantFrom('0', '0.00', '-0', '', ' ', '1,000', '1 000', '1e3', '1E2', '0x10', 'NaN', 'Infinity'),
    fc.constantFrom('١٢٣', '１２', '½', '1٫5', '12\u0000', '1\u200b2'),
    fc.nat({ max: 1000 }).map((n) => `${n + 1}.0001`),
    fc.integer({ min: 20, max: 5000 }).map((n) => '9'.repeat(n)),
  ),
  phone: fc.oneof(
    fc.string({ minLength: 1, maxLength: 12 }).map((s) => `${s}abc`),
    fc.stringMatching(/^[0-9]{1,5}$/),
    fc.stringMatching(/^[0-9]{20,60}$/),
    fc.constantFrom('', ' ', '+', '٠٩١٢٣٤٥٦٧٨٩', '０９１２３４５６７８', '249 91 234 5678\u0000'),
  ),
  pan: fc.oneof(
    fc.string({ minLength: 1, maxLength: 16 }).map((s) => `x${s}`),
    fc.stringMatching(/^[0-9]{1,11}$/),
    fc.stringMatching(/^[0-9]{20,80}$/),
    fc.constantFrom('', '４１１１１１１１１１１１１１１１', '4111-1111-1111-1111\u0000'),
  ),
  expiry: fc.oneof(
    fc.constantFrom('', '0030', '1330', '9999', 'abcd', '12/30', '123', '12300', '١٢٣٠', '１２３０'),
    fc.string({ minLength: 6, maxLength: 40 }),
  ),
  otp: fc.oneof(
    fc.string({ minLength: 1, maxLength: 8 }).map((s) => `${s}z`),
    fc.stringMatching(/^[0-9]{12,60}$/),
    fc.constantFrom('', ' ', '١٢٣٤٥٦', '12 34'),
  ),
  huge: fc
    .integer({ min: 1_000, max: 60_000 })
    .chain((n) => fc.constantFrom('a'.repeat(n), '€'.repeat(n), '😀'.repeat(n), `${'x'.repeat(n)}\u0000`)),
};

type Kind = keyof typeof malformed;

interface Target {
  field: string;
  mutation: string;
  input: string;
  base: (key: string) => Record<string, unknown>;
  fuzz: [string, Kind][];
}

const targets: Target[] = [
  {
    field: 'createPayment',
    mutation: 'createPayment(input: $input) { userErrors { code field } }',
    input: 'CreatePaymentInput',
    base: (key) => ({ idempotencyKey: key, amount: '10.00', currency: 'AUD', description: 'ok' }),
    fuzz: [
      ['amount', 'amount'],
      ['description', 'huge'],
      ['idempotencyKey', 'huge'],
      ['currency', 'huge'],
    ],
  },
  {
    field: 'rechargeMobile',
    mutation: 'rechargeMobile(input: $input) { userErrors { code field } }',
    input: 'RechargeMobileInput',
    base: (key) => ({
      idempotencyKey: key,
      amount: '10',
      mobileNumber: '9801234567',
      nupeyeUserName: 'user',
      nupeyePassword: 'secret',
    }),
    fuzz: [
      ['amount', 'amount'],
      ['mobileNumber', 'phone'],
      ['nupeyeUserName', 'huge'],
      ['nupeyePassword', 'huge'],
    ],
  },
  {
    field: 'transferToNupeyeWallet',
    mutation: 'transferToNupeyeWallet(input: $input) { userErrors { code field } }',
    input: 'TransferToNupeyeWalletInput',
    base: (key) => ({ idempotencyKey: key, amount: '10', mobileNumber: '9801234567' }),
    fuzz: [
      ['amount', 'amount'],
      ['mobileNumber', 'phone'],
    ],
  },
  {
    field: 'topupWallet',
    mutation: 'topupWallet(input: $input) { userErrors { code field } }',
    input: 'TopupWalletInput',
    base: (key) => ({
      idempotencyKey: key,
      amount: '100',
      walletId: 'W-1',
      txnCode: 'TOPUP',
      paymentMode: 1,
    }),
    fuzz: [
      ['amount', 'amount'],
      ['walletId', 'huge'],
      ['txnCode', 'huge'],
      ['note', 'huge'],
    ],
  },
  {
    field: 'inquireCardBalance',
    mutation: 'inquireCardBalance(input: $input) { userErrors { code field } }',
    input: 'InquireCardBalanceInput',
    base: () => ({ pan: '4111111111111111', expiry: '1230', ipin: '1234' }),
    fuzz: [
      ['pan', 'pan'],
      ['expiry', 'expiry'],
    ],
  },
  {
    field: 'registerUser',
    mutation: 'registerUser(input: $input) { userErrors { code field } }',
    input: 'RegisterUserInput',
    base: () => ({ phone: '249912345678', name: 'Amna', password: 'Str0ng-password' }),
    fuzz: [
      ['phone', 'phone'],
      ['name', 'huge'],
      ['password', 'huge'],
    ],
  },
  {
    field: 'verifyUser',
    mutation: 'verifyUser(input: $input) { userErrors { code field } }',
    input: 'VerifyUserInput',
    base: () => ({ phone: '249912345678', otp: '123456' }),
    fuzz: [
      ['phone', 'phone'],
      ['otp', 'otp'],
    ],
  },
  {
    field: 'loginUser',
    mutation: 'loginUser(input: $input) { userErrors { code field } }',
    input: 'LoginUserInput',
    base: () => ({ phone: '249912345678', password: 'Str0ng-password' }),
    fuzz: [
      ['phone', 'phone'],
      ['password', 'huge'],
    ],
  },
  {
    field: 'requestCardlessWithdrawal',
    mutation: 'requestCardlessWithdrawal(input: $input) { userErrors { code field } }',
    input: 'RequestCardlessWithdrawalInput',
    base: (key) => ({
      idempotencyKey: key,
      amount: '1000',
      mobileNumber: '9801234567',
      accountName: 'Sita',
      accountNumber: '0012345',
      bankId: 'NIC',
      branchId: '001',
      remarks: 'cash',
    }),
    fuzz: [
      ['amount', 'amount'],
      ['mobileNumber', 'phone'],
      ['remarks', 'huge'],
      ['accountName', 'huge'],
    ],
  },
];

/** Codes a refusal of bad input may carry; anything else (INTERNAL_SERVER_ERROR above all) fails. */
const REFUSALS = new Set([
  'BAD_USER_INPUT',
  'GRAPHQL_VALIDATION_FAILED',
  'RATE_LIMITED',
  'PROVIDER_NOT_CONFIGURED',
]);

describe('malformed input of every kind is refused clearly, before any provider call', () => {
  let gw: TestGateway;
  let token: string;
  let sequence = 0;

  beforeAll(async () => {
    gw = await startTestGateway({
      RATE_LIMIT_DEFAULT: '100000/60',
      RATE_LIMITS: 'inquireCardBalance=100000/60',
    });
    token = await gw.token('fuzzer');
  });
  afterAll(() => gw.close());

  const providerRequests = () =>
    Object.values(gw.simulators).reduce((sum, simulator) => sum + simulator.requests.entries.length, 0);

  for (const target of targets) {
    for (const [name, kind] of target.fuzz) {
      it(`${target.field}: ${kind} values in ${name}`, async () => {
        const query = `mutation($input: ${target.input}!) { ${target.mutation} }`;
        await fc.assert(
          fc.asyncProperty(malformed[kind], async (value) => {
            sequence += 1;
            const input = { ...target.base(`fuzz-${sequence}`), [name]: value };
            const before = providerRequests();
            const response = await fetch(`${gw.url}/graphql`, {
              method: 'POST',
              headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
              body: JSON.stringify({ query, variables: { input } }),
            });
            expect(response.status).toBeLessThan(500);
            const body = (await response.json()) as {
              data?: Record<string, { userErrors: { code: string; field: string[] | null }[] } | null>;
              errors?: { message: string; extensions?: { code?: string } }[];
            };
            const userErrors = body.data?.[target.field]?.userErrors ?? [];
            const codes = (body.errors ?? []).map((error) => error.extensions?.code ?? '');
            if (codes.length > 0) {
              expect(codes.every((code) => REFUSALS.has(code))).toBe(true);
              if (codes.includes('BAD_USER_INPUT'))
                expect(body.errors?.[0]?.message).toContain(`input.${name}`);
            } else {
              expect(userErrors.length).toBeGreaterThan(0);
              expect(userErrors.some((error) => error.field?.includes(name))).toBe(true);
            }
            expect(providerRequests()).toBe(before);
          }),
          { numRuns: 15 },
        );
      });
    }
  }
});
