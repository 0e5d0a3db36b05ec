import { mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import {
  ChangePasswordDocument,
  InquireCardBalanceDocument,
  LoginUserDocument,
  MyAccountDocument,
  RegisterUserDocument,
  VerifyUserDocument,
} from '../../../src/generated/graphql.js';
import { startTestGateway, type TestGateway } from '../../helpers/test-gateway.js';
import { startTracing, type Tracing } from '../../../src/observability/tracing.js';
import { OtlpReceiver } from '../observability/otlp-receiver.js';
import { otpFromLog } from './gateway-accounts.js';
import { newPhone } from './enayapay-harness.js';

const PAN = '4111111111111111';
const IPIN = 'hT5mR9qW';
const MASKED = '411111******1111';
const PASSWORDS = ['Leak-Check-Pass-1', 'Leak-Check-Pass-2'];

describe('cardholder data, passwords and provider tokens never leave the provider call', () => {
  let gw: TestGateway;
  let directory: string;
  let providerTokens: string[] = [];
  let receiver: OtlpReceiver;
  let tracing: Tracing;

  beforeAll(async () => {
    receiver = await OtlpReceiver.start();
    tracing = await startTracing({
      OTEL_EXPORTER_OTLP_ENDPOINT: receiver.url,
      OTEL_PROPAGATE_TO_PROVIDERS: 'true',
    });
    directory = mkdtempSync(join(tmpdir(), 'paygraph-leaks-'));
    gw = await startTestGateway({ SQLITE_PATH: join(directory, 'ledger.sqlite') });
  });
  afterAll(async () => {
    await gw?.close();
    await tracing?.shutdown();
    await receiver?.close();
  });

  it('runs the account and card flow, including failures, with the test card', async () => {
    const phone = newPhone();
    await gw.graphql(RegisterUserDocument, { input: { phone, name: 'doctor', password: PASSWORDS[0]! } });
    const verified = await gw.graphql(VerifyUserDocument, { input: { phone, otp: otpFromLog(gw, phone) } });
    const token = verified.body.data!.verifyUser.session!.token;
    await gw.graphql(MyAccountDocument, { first: 5 }, { token });
    await gw.graphql(
      ChangePasswordDocument,
      { input: { currentPassword: 'wrong-current', newPassword: PASSWORDS[1]! } },
      { token },
    );
    await gw.graphql(
      ChangePasswordDocument,
      { input: { currentPassword: PASSWORDS[0]!, newPassword: PASSWORDS[1]! } },
      { token },
    );
    const login = await gw.graphql(LoginUserDocument, { input: { phone, password: PASSWORDS[1]! } });
    const session = login.body.data!.loginUser.session!.token;

    const card = { pan: PAN, ipin: IPIN, expiry: '1230' };
    const ok = await gw.graphql(InquireCardBalanceDocument, { input: card }, { token: session });
    expect(ok.body.data!.inquireCardBalance.card!.maskedPan).toBe(MASKED);
    await gw.graphql(
      InquireCardBalanceDocument,
      { input: { ...card, ipin: `${IPIN}x` } },
      { token: session },
    );
    await gw.graphql(InquireCardBalanceDocument, { input: { ...card, expiry: '0120' } }, { token: session });
    await gw.graphql(
      InquireCardBalanceDocument,
      { input: { ...card, pan: `${PAN.slice(0, 15)}2` } },
      { token: session },
    );
    gw.simulators.enayapay.faults.add({ kind: 'reset-after', path: '/balance/inquiry/', times: 1 });
    const dropped = await gw.graphql(InquireCardBalanceDocument, { input: card }, { token: session });
    expect(dropped.body.errors?.[0]?.extensions?.code).toBe('PROVIDER_UNAVAILABLE');
    gw.simulators.enayapay.faults.add({ kind: 'malformed-json', path: '/balance/inquiry/', times: 1 });
    await gw.graphql(InquireCardBalanceDocument, { input: card }, { token: session });
    await gw.graphql(InquireCardBalanceDocument, { input: card });
    // A PAN sent with the wrong GraphQL type: graphql-js quotes the value in its message.
    const mistyped = await gw.graphql(
      'mutation ($pan: Int!) { inquireCardBalance(input: { pan: $pan, ipin: "' +
        IPIN +
        '", expiry: "1230" }) { card { id } } }',
      { pan: Number(PAN) },
      { token: session },
    );
    expect(mistyped.body.errors).toBeDefined();
    await gw.graphql(MyAccountDocument, { first: 5 }, { token: session });

    providerTokens = gw.simulators.enayapay.requests
      .filter(/^\/(balance|change)/)
      .map((entry) => entry.headers.token)
      .filter((value): value is string => typeof value === 'string');
    expect(providerTokens.length).toBeGreaterThan(0);
    expect(gw.simulators.enayapay.requests.count('/balance/inquiry/')).toBe(4);
  });

  it('no log line and no response body holds the PAN, the IPIN, a password or the EnayaPay token', () => {
    const logs = gw.logs.text;
    const responses = gw.responses.join('\n');
    expect(gw.logs.lines.length).toBeGreaterThan(20);
    for (const secret of [PAN, IPIN, ...PASSWORDS, ...providerTokens]) {
      expect(logs).not.toContain(secret);
      expect(responses).not.toContain(secret);
    }
    expect(responses).toContain(MASKED);
  });

  it('no exported span holds the PAN, the IPIN, a password, an OTP or the EnayaPay token', async () => {
    await tracing.forceFlush();
    const otps = gw.logs
      .parsed()
      .filter((line) => line['msg'] === 'EnayaPay sandbox OTP sent')
      .map((line) => line['otp'] as string);
    expect(otps.length).toBeGreaterThan(0);
    expect(receiver.spans.filter((span) => span.name.startsWith('ENAYAPAY ')).length).toBeGreaterThanOrEqual(
      6,
    );
    // Ids are hex, where a short secret (an OTP) could occur by chance: names and attributes are what spans say.
    const decoded = JSON.stringify(
      receiver.spans.map(({ name, attributes, resource }) => ({ name, attributes, resource })),
    );
    for (const secret of [PAN, IPIN, ...PASSWORDS, ...otps, ...providerTokens]) {
      expect(receiver.rawText).not.toContain(secret);
      expect(decoded).not.toContain(secret);
    }
  });

  it('the ledger files hold neither the PAN nor the IPIN nor the token in clear, only the masked PAN', async () => {
    await gw.close();
    const files = readdirSync(directory).map((name) =>
      readFileSync(join(directory, name)).toString('latin1'),
    );
    const everything = files.join('\n');
    for (const secret of [PAN, IPIN, ...PASSWORDS, ...providerTokens])
      expect(everything).not.toContain(secret);
    expect(everything).toContain(MASKED);
  });
});
