import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { randomUUID } from 'node:crypto';
import type { FaultRule } from '../../src/sandbox/shared/fault-injector.js';
import { DIGIPAY_SANDBOX_WALLETS } from '../../src/sandbox/digipay/index.js';
import { TEST_CARDS } from '../../src/sandbox/enayapay/enayapay-cards.js';
import { NUPEYE_SANDBOX_CUSTOMER } from '../../src/sandbox/nupeye/index.js';
import type { SandboxSimulators } from '../../src/sandbox/start-sandbox.js';
import { startTestGateway, type TestGateway } from '../helpers/test-gateway.js';

/** A money movement of one provider, and how to read what the ledger made of it. */
interface MoneyCase {
  provider: keyof SandboxSimulators;
  /** The provider endpoint that moves the money, as the simulator logs it. */
  endpoint: string;
  mutation: string;
  variables: (key: string) => Record<string, unknown>;
  /** What the ledger says after a call the provider answered normally. */
  settled: string[];
}

const TRANSACTION = '{ replayed transaction { id status } userErrors { code } }';
const WITHDRAWAL = '{ replayed withdrawal { id status } userErrors { code } }';

const CASES: MoneyCase[] = [
  {
    provider: 'numeropay',
    endpoint: '/transaction',
    mutation: `mutation($input: CreatePaymentInput!) { result: createPayment(input: $input) ${TRANSACTION} }`,
    variables: (key) => ({ input: { idempotencyKey: key, amount: '12.50', currency: 'AUD' } }),
    settled: ['PENDING'],
  },
  {
    provider: 'nupeye',
    endpoint: '/transfer_amount',
    mutation: `mutation($input: TransferToNupeyeWalletInput!) { result: transferToNupeyeWallet(input: $input) ${TRANSACTION} }`,
    variables: (key) => ({
      input: { idempotencyKey: key, amount: '500', mobileNumber: NUPEYE_SANDBOX_CUSTOMER.mobileNo },
    }),
    settled: ['SUCCEEDED'],
  },
  {
    provider: 'digipay',
    endpoint: '/transaction/wallet_topup',
    mutation: `mutation($input: TopupWalletInput!) { result: topupWallet(input: $input) ${TRANSACTION} }`,
    variables: (key) => ({
      input: {
        idempotencyKey: key,
        walletId: DIGIPAY_SANDBOX_WALLETS.active,
        amount: '250.75',
        txnCode: 'CIB',
        paymentMode: 2,
      },
    }),
    settled: ['SUCCEEDED'],
  },
  {
    provider: 'nchl',
    endpoint: '/api/v1/cardless/create-request',
    mutation: `mutation($input: RequestCardlessWithdrawalInput!) { result: requestCardlessWithdrawal(input: $input) ${WITHDRAWAL} }`,
    variables: (key) => ({
      input: {
        idempotencyKey: key,
        amount: '5000',
        mobileNumber: '9841000001',
        accountName: 'Ankit Neupane',
        accountNumber: '00100123456',
        branchId: '1',
        bankId: '1000',
        remarks: 'Towards the mountains',
      },
    }),
    settled: ['REQUESTED'],
  },
];

type FaultCase = {
  name: string;
  rule: Omit<FaultRule, 'path' | 'method'>;
  /** Whether the provider acted on the request. */
  acted: boolean;
};

const FAULTS: FaultCase[] = [
  { name: 'delay', rule: { kind: 'delay', delayMs: 400 }, acted: true },
  { name: '5xx', rule: { kind: 'status', status: 503 }, acted: false },
  { name: 'reset before acting', rule: { kind: 'reset-before' }, acted: false },
  { name: 'reset after acting', rule: { kind: 'reset-after' }, acted: true },
  { name: 'malformed JSON', rule: { kind: 'malformed-json' }, acted: true },
  { name: 'slow body', rule: { kind: 'slow-body', delayMs: 400 }, acted: true },
];

/**
 * What the ledger may say: the normal outcome when the answer arrived; UNKNOWN when the provider may
 * have acted but no answer came (never FAILED: money may have moved); FAILED or, conservatively,
 * UNKNOWN when the provider refused without acting. NCHL settles UNKNOWN withdrawals from its report
 * API in the background, so there the reconciled status may already show.
 */
function expectedStatuses(money: MoneyCase, fault: FaultCase): string[] {
  if (fault.rule.kind === 'delay' || fault.rule.kind === 'slow-body') return money.settled;
  const reconciled = money.provider === 'nchl' ? (fault.acted ? money.settled : ['FAILED']) : [];
  return fault.acted ? ['UNKNOWN', ...reconciled] : ['FAILED', 'UNKNOWN', ...reconciled];
}

describe('provider faults through the gateway: bounded, recorded, never sent twice', () => {
  let gw: TestGateway;

  beforeAll(async () => {
    gw = await startTestGateway({ RATE_LIMIT_DEFAULT: '100000/60' });
  });
  afterAll(() => gw.close());

  function send(money: MoneyCase, key: string, token: string) {
    return gw.graphql<
      { result: { replayed: boolean; transaction?: { id: string; status: string } | null } },
      Record<string, unknown>
    >(money.mutation, money.variables(key), { token });
  }

  for (const money of CASES) {
    for (const fault of FAULTS) {
      it(`${money.provider}: ${fault.name}`, async () => {
        const simulator = gw.simulators[money.provider];
        const token = await gw.token(`faults-${money.provider}-${randomUUID()}`);
        const key = randomUUID();
        simulator.faults.add({ ...fault.rule, method: 'POST', path: money.endpoint, times: 1 });
        const before = simulator.requests.count(money.endpoint, 'POST');

        const first = await send(money, key, token);
        expect(first.status).toBeLessThan(500);
        for (const error of first.body.errors ?? []) {
          expect(error.extensions?.code).toMatch(/^PROVIDER_/);
        }
        expect(simulator.requests.count(money.endpoint, 'POST') - before).toBe(1);

        // The same key again: the recorded outcome, with no second call to the provider.
        const again = await send(money, key, token);
        expect(again.status).toBeLessThan(500);
        expect(simulator.requests.count(money.endpoint, 'POST') - before).toBe(1);

        const status = await ledgerStatus(money, token);
        expect(expectedStatuses(money, fault)).toContain(status);
      });
    }
  }

  async function ledgerStatus(money: MoneyCase, token: string): Promise<string | undefined> {
    const query =
      money.provider === 'nchl'
        ? '{ list: withdrawals(first: 5) { edges { node { status } } } }'
        : '{ list: transactions(first: 5) { edges { node { status } } } }';
    const { body } = await gw.graphql<{ list: { edges: { node: { status: string } }[] } }, never>(
      query,
      undefined,
      { token },
    );
    expect(body.data?.list.edges).toHaveLength(1);
    return body.data?.list.edges[0]?.node.status;
  }

  it('enayapay: each fault on registration is answered, sent once', async () => {
    for (const fault of FAULTS) {
      const simulator = gw.simulators.enayapay;
      simulator.faults.add({ ...fault.rule, method: 'POST', path: '/register/', times: 1 });
      const before = simulator.requests.count('/register/', 'POST');
      const phone = `2499${String(10_000_000 + Math.floor(Math.random() * 89_999_999)).slice(-8)}`;
      const { status, body } = await gw.graphql(
        'mutation($input: RegisterUserInput!) { registerUser(input: $input) { userErrors { code } } }',
        { input: { phone, name: 'Amna', password: 'Str0ng-password' } },
      );
      expect(status).toBeLessThan(500);
      for (const error of body.errors ?? [])
        expect(error.extensions?.code).toMatch(/^PROVIDER_|RATE_LIMITED/);
      expect(simulator.requests.count('/register/', 'POST') - before).toBe(1);
    }
  });

  describe('canary: nothing secret leaves the gateway', () => {
    const userPassword = 'Canary-Pass-91x';
    const card = TEST_CARDS[0]!;

    beforeAll(async () => {
      // Flows that carry every kind of secret: provider credentials and tokens, user passwords, PAN and IPIN.
      const phone = `2499${String(20_000_000 + Math.floor(Math.random() * 79_999_999)).slice(-8)}`;
      await gw.graphql(
        'mutation($i: RegisterUserInput!) { registerUser(input: $i) { userErrors { code } } }',
        {
          i: { phone, name: 'Canary', password: userPassword },
        },
      );
      const otp = gw.simulators.enayapay.pendingOtp(phone);
      const verified = await gw.graphql<{ verifyUser: { session: { token: string } | null } }, unknown>(
        'mutation($i: VerifyUserInput!) { verifyUser(input: $i) { session { token } userErrors { code } } }',
        { i: { phone, otp: otp ?? '000000' } },
      );
      const session = verified.body.data?.verifyUser.session?.token;
      await gw.graphql('mutation($i: LoginUserInput!) { loginUser(input: $i) { userErrors { code } } }', {
        i: { phone, password: userPassword },
      });
      await gw.graphql('mutation($i: LoginUserInput!) { loginUser(input: $i) { userErrors { code } } }', {
        i: { phone, password: `${userPassword}-wrong` },
      });
      const balance =
        'mutation($i: InquireCardBalanceInput!) { inquireCardBalance(input: $i) { userErrors { code } } }';
      const sessionToken = session ?? (await gw.token('canary'));
      await gw.graphql(
        balance,
        { i: { pan: card.pan, ipin: card.ipin, expiry: card.expiry } },
        { token: sessionToken },
      );
      await gw.graphql(
        balance,
        { i: { pan: card.pan, ipin: `${card.ipin}0`, expiry: card.expiry } },
        { token: sessionToken },
      );
      const token = await gw.token('canary-money');
      await gw.graphql(
        'mutation($i: RechargeMobileInput!) { rechargeMobile(input: $i) { userErrors { code } } }',
        {
          i: {
            idempotencyKey: randomUUID(),
            amount: '10',
            mobileNumber: NUPEYE_SANDBOX_CUSTOMER.mobileNo,
            nupeyeUserName: NUPEYE_SANDBOX_CUSTOMER.userName,
            nupeyePassword: NUPEYE_SANDBOX_CUSTOMER.password,
          },
        },
        { token },
      );
    });

    /** Every credential the gateway sent a provider, as the simulators saw it, and every secret input. */
    function secrets(): string[] {
      const found = new Set<string>([
        userPassword,
        card.ipin,
        `${card.ipin}0`,
        card.pan,
        NUPEYE_SANDBOX_CUSTOMER.password,
      ]);
      for (const config of Object.values(gw.gateway.sandbox!.providers)) {
        for (const [name, value] of Object.entries(config as Record<string, unknown>)) {
          if (
            typeof value === 'string' &&
            /key|secret|password|token|passphrase/i.test(name) &&
            value.length >= 8
          )
            found.add(value);
        }
      }
      for (const simulator of Object.values(gw.simulators)) {
        for (const entry of simulator.requests.entries) {
          for (const [name, value] of Object.entries(entry.headers)) {
            if (!/^(authorization|authentication|api-authentication|x-api-key|token|companyid)$/i.test(name))
              continue;
            for (const header of [value].flat()) {
              if (typeof header !== 'string') continue;
              found.add(header);
              const credential = header.replace(/^(Bearer|Basic|Token)\s+/i, '');
              if (credential.length >= 8) found.add(credential);
            }
          }
          const body = entry.body as Record<string, unknown> | undefined;
          for (const field of [
            'refresh_token',
            'token',
            'password',
            'user_password',
            'authentication_key',
            'ipin',
          ]) {
            const value = body?.[field];
            if (typeof value === 'string' && value.length >= 6) found.add(value);
          }
        }
      }
      return [...found].filter((secret) => secret.length >= 6);
    }

    it('exercised the secrets it checks for', () => {
      expect(gw.simulators.enayapay.requests.count('/balance/inquiry/', 'POST')).toBeGreaterThan(0);
      expect(gw.simulators.nupeye.requests.count('/recharge_account', 'POST')).toBeGreaterThan(0);
      expect(secrets().length).toBeGreaterThan(10);
    });

    it('no log line and no response contains a secret, a provider token, a password, an IPIN or a full PAN', () => {
      const logs = gw.logs.text;
      const responses = gw.responses.join('\n');
      const leaks = secrets().flatMap((secret) => [
        ...(logs.includes(secret) ? [`log: …${secret.slice(-4)}`] : []),
        ...(responses.includes(secret) ? [`response: …${secret.slice(-4)}`] : []),
      ]);
      expect(leaks).toEqual([]);
      // Any card number at all, not only the ones sent here: digit runs of a PAN's length that pass Luhn.
      const pans = (`${logs}\n${responses}`.match(/(?<![\d.])\d{13,19}(?![\d.])/g) ?? []).filter(passesLuhn);
      expect(pans).toEqual([]);
    });
  });
});

function passesLuhn(digits: string): boolean {
  let sum = 0;
  for (let index = 0; index < digits.length; index += 1) {
    let digit = Number(digits[digits.length - 1 - index]);
    if (index % 2 === 1) digit = digit * 2 > 9 ? digit * 2 - 9 : digit * 2;
    sum += digit;
  }
  return sum % 10 === 0;
}
