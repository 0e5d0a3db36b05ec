import { setTimeout as sleep } from 'node:timers/promises';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { pino } from 'pino';
import { NUPEYE_SANDBOX_CUSTOMER } from '../../../src/sandbox/nupeye/index.js';
import { DAY_MS, startNupeyeHarness, type NupeyeHarness } from './nupeye-harness.js';

const RECHARGE = '/recharge_account';

describe('Nupeye secrets stay out of logs and errors', () => {
  let harness: NupeyeHarness;
  const errors: unknown[] = [];

  beforeAll(async () => {
    harness = await startNupeyeHarness({ timeoutMs: 300 });
    const recharge = (password: string = NUPEYE_SANDBOX_CUSTOMER.password) =>
      harness.dataSource
        .rechargeMobile({
          mobileNumber: '9812345678',
          amount: '10',
          userName: NUPEYE_SANDBOX_CUSTOMER.userName,
          password,
        })
        .then(
          (answer) => void (answer.status === 'FAILED' && errors.push(answer)),
          (error: unknown) => void errors.push(error),
        );
    // Every path a recharge can take: success, refresh, rejection, each transport failure.
    await recharge();
    harness.clock.advance(DAY_MS);
    await recharge();
    harness.simulator.tokens.expireRefreshTokens();
    await recharge();
    await recharge('a-wrong-password');
    for (const kind of ['reset-after', 'reset-before', 'malformed-json'] as const) {
      harness.simulator.faults.add({ kind, path: RECHARGE, times: 1 });
      await recharge();
    }
    harness.simulator.faults.add({ kind: 'delay', delayMs: 600, path: RECHARGE, times: 1 });
    await recharge();
    harness.simulator.faults.add({ kind: 'status', status: 500, path: RECHARGE, times: 1 });
    await recharge();
    await harness
      .client({ apiKey: 'wrong-key' })
      .transferToWallet({ mobileNumber: '9812345678', amount: '1' })
      .catch((error: unknown) => void errors.push(error));
    await sleep(700);
  });

  afterAll(async () => {
    await harness.stop();
  });

  function secrets(): string[] {
    const issued = harness.simulator.requests
      .filter(/^\/(recharge_account|auth\/refresh_authentication)$/)
      .flatMap((request) => [request.headers.authentication, request.headers['api-authentication']])
      .filter((value): value is string => typeof value === 'string');
    return [NUPEYE_SANDBOX_CUSTOMER.password, 'a-wrong-password', harness.config.apiKey, ...new Set(issued)];
  }

  it('exercised the failure paths (the assertions below are not vacuous)', () => {
    expect(errors.length).toBeGreaterThanOrEqual(7);
    expect(harness.lines.length).toBeGreaterThan(10);
    expect(secrets().length).toBeGreaterThan(4);
    expect(
      harness.simulator.requests
        .filter(RECHARGE)
        .some((r) => JSON.stringify(r.body).includes('a-wrong-password')),
    ).toBe(true);
  });

  it('writes no password, API key or token to any log line, at trace level', () => {
    const log = harness.lines.join('\n');
    for (const secret of secrets()) expect(log).not.toContain(secret);
  });

  it('puts no password, API key or token in an error, even when the error is logged with its cause', () => {
    const lines: string[] = [];
    const logger = pino({ level: 'trace' }, { write: (line: string) => void lines.push(line) });
    for (const error of errors) logger.error({ err: error }, 'recharge failed');
    const rendered = [
      ...lines,
      ...errors.map((error) => JSON.stringify(error)),
      ...errors.map((error) => String(error)),
    ].join('\n');
    for (const secret of secrets()) expect(rendered).not.toContain(secret);
  });
});
