import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { RechargeMobileDocument } from '../../../src/generated/graphql.js';
import { NUPEYE_SANDBOX_CUSTOMER } from '../../../src/sandbox/nupeye/index.js';
import type { NupeyeSimulator } from '../../../src/sandbox/nupeye/nupeye.simulator.js';
import { startTestGateway, type TestGateway } from '../../helpers/test-gateway.js';
import { startTracing, type Tracing } from '../../../src/observability/tracing.js';
import { OtlpReceiver } from '../observability/otlp-receiver.js';

const RECHARGE = '/recharge_account';

/**
 * The end user's Nupeye password crosses the gateway on every path a recharge can take (success,
 * refusal, lost answer, 5xx, invalid input, malformed variables, a GET attempt, refused API key), with
 * every log line captured at trace level and every span exported. It must appear in no log line, no span,
 * no response and no ledger row.
 */
describe('The Nupeye password stays out of logs, responses and the ledger', () => {
  let gw: TestGateway;
  let nupeye: NupeyeSimulator;
  const wrongPassword = `wrong-${randomBytes(8).toString('hex')}`;
  let secrets: string[];
  let receiver: OtlpReceiver;
  let tracing: Tracing;

  beforeAll(async () => {
    receiver = await OtlpReceiver.start();
    tracing = await startTracing({
      OTEL_EXPORTER_OTLP_ENDPOINT: receiver.url,
      OTEL_PROPAGATE_TO_PROVIDERS: 'true',
    });
    gw = await startTestGateway({ LOG_LEVEL: 'trace' });
    nupeye = gw.simulators.nupeye;
    const token = await gw.token('secrets');
    const recharge = (idempotencyKey: string, overrides: Record<string, unknown> = {}) =>
      gw.graphql(
        RechargeMobileDocument,
        {
          input: {
            idempotencyKey,
            mobileNumber: '9812345678',
            amount: '10',
            nupeyeUserName: NUPEYE_SANDBOX_CUSTOMER.userName,
            nupeyePassword: NUPEYE_SANDBOX_CUSTOMER.password,
            ...overrides,
          },
        },
        { token },
      );

    await recharge('ok');
    await recharge('wrong-password', { nupeyePassword: wrongPassword });
    nupeye.faults.add({ kind: 'reset-after', path: RECHARGE, times: 1 });
    await recharge('dropped');
    nupeye.faults.add({ kind: 'status', status: 500, path: RECHARGE, times: 1 });
    await recharge('failed');
    nupeye.faults.add({ kind: 'malformed-json', path: RECHARGE, times: 1 });
    await recharge('malformed');
    await recharge('invalid-input', { mobileNumber: 'x', amount: '-1' });
    // Mutations are refused over GET, but the attempt must not put the password in a logged URL either.
    await gw.graphql(
      RechargeMobileDocument,
      {
        input: {
          idempotencyKey: 'via-get',
          mobileNumber: '9812345678',
          amount: '10',
          nupeyeUserName: NUPEYE_SANDBOX_CUSTOMER.userName,
          nupeyePassword: NUPEYE_SANDBOX_CUSTOMER.password,
        },
      },
      { token, method: 'GET' },
    );
    nupeye.rotateApiKey('revoked');
    await recharge('revoked-key');

    const tokens = nupeye.requests.entries
      .flatMap((request) => [request.headers.authentication, request.headers['api-authentication']])
      .filter((value): value is string => typeof value === 'string');
    secrets = [NUPEYE_SANDBOX_CUSTOMER.password, wrongPassword, ...new Set(tokens)];
    await tracing.forceFlush();
  });
  afterAll(async () => {
    await gw.close();
    await tracing.shutdown();
    await receiver.close();
  });

  it('exercised the paths it claims to (so the checks below can fail)', () => {
    expect(nupeye.requests.count(RECHARGE)).toBeGreaterThanOrEqual(6);
    const sentPasswords = nupeye.requests
      .filter(RECHARGE)
      .map((request) => (request.body as { user_password?: string }).user_password);
    expect(sentPasswords).toContain(wrongPassword);
    expect(sentPasswords).toContain(NUPEYE_SANDBOX_CUSTOMER.password);
    expect(gw.logs.lines.length).toBeGreaterThan(20);
    expect(gw.logs.parsed().some((line) => line.level === 10 || line.level === 20)).toBe(true);
    expect(gw.responses.length).toBe(8);
    expect(secrets.length).toBeGreaterThanOrEqual(3); // both passwords and at least one token
  });

  it('no log line contains the password or a Nupeye token', () => {
    for (const secret of secrets) {
      const leaking = gw.logs.lines.filter((line) => line.includes(secret));
      expect(leaking).toEqual([]);
    }
  });

  it('no exported span contains the password or a Nupeye token', () => {
    // Every recharge above was traced: operation, resolver, provider calls, ledger writes.
    expect(
      receiver.spans.filter((span) => span.name === 'NUPEYE rechargeAccount').length,
    ).toBeGreaterThanOrEqual(6);
    // Ids are hex, where a short secret (an OTP) could occur by chance: names and attributes are what spans say.
    const decoded = JSON.stringify(
      receiver.spans.map(({ name, attributes, resource }) => ({ name, attributes, resource })),
    );
    for (const secret of secrets) {
      expect(receiver.rawText).not.toContain(secret);
      expect(decoded).not.toContain(secret);
    }
  });

  it('no response contains the password or a Nupeye token', () => {
    for (const secret of secrets) expect(gw.responses.join('\n')).not.toContain(secret);
  });

  it('no ledger row contains the password', async () => {
    const db = gw.gateway.services.db;
    const rows = [
      ...(await db.selectFrom('transactions').selectAll().execute()),
      ...(await db.selectFrom('idempotency_records').selectAll().execute()),
    ];
    expect(rows.length).toBeGreaterThan(5);
    const stored = JSON.stringify(rows);
    for (const secret of secrets) expect(stored).not.toContain(secret);
  });

  // graphql-js quotes a value it cannot coerce; outside production the stack trace repeats that message.
  it('a password sent as a number is not echoed in the response, not even in the stack trace', async () => {
    const numericPassword = 918_273_645_546_372;
    const token = await gw.token('secrets');
    const { text } = await gw.graphql(
      RechargeMobileDocument,
      {
        input: {
          idempotencyKey: 'not-a-string',
          mobileNumber: '9812345678',
          amount: '10',
          nupeyeUserName: NUPEYE_SANDBOX_CUSTOMER.userName,
          nupeyePassword: numericPassword as unknown as string,
        },
      },
      { token },
    );
    expect(text).toContain('BAD_USER_INPUT');
    expect(text).not.toContain(String(numericPassword));
  });
});
