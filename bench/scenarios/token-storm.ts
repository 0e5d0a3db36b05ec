import { setTimeout as sleep } from 'node:timers/promises';
import { clientToken, gatewayEnv, nupeyeAt } from '../lib/environment.js';
import { RECHARGE_MOBILE } from '../lib/graphql.js';
import { runLoad, type LoadResult } from '../lib/load.js';
import type { Plan } from '../lib/plan.js';
import {
  peakRssDuring,
  startGatewayProcess,
  type GatewayProcess,
  type Simulators,
} from '../lib/processes.js';
import { median, percentile } from '../lib/stats.js';

/**
 * How long the storm gateway trusts a Nupeye token (it renews a tenth of that early). Long enough for an
 * expired storm and its fresh baseline to run on one token; the rounds wait for it to pass.
 */
const TOKEN_LIFETIME_SECONDS = 30;

export type StormKind = 'fresh' | 'expired' | 'revoked';

export interface StormRun {
  kind: StormKind;
  load: LoadResult;
  /** Wall time from the first request sent to the last answer. */
  durationMs: number;
  authCalls: number;
  rechargeCalls: number;
}

export interface StormResults {
  runs: StormRun[];
  /** Direct refresh round trips against the simulator, idle: what one "auth round trip" costs. */
  authRoundTripMs: { p50: number; p99: number };
  peakRssMb: number;
}

/**
 * Scenario 2: `stormSize` concurrent rechargeMobile mutations (one connection each) at three moments.
 * *expired*: the gateway's token is just past its lifetime, so it must renew once while every request
 * waits on that one renewal. *fresh*: right after, on the same gateway and the token it just obtained:
 * the baseline. *revoked*: Nupeye expired the token behind the gateway's back, so recharges are refused
 * with 401 until the token is renewed (once) and each refused recharge is replayed once; this runs on a
 * second gateway with Nupeye's 24-hour lifetime, so that it never coincides with a renewal by age.
 */
export async function runTokenStorm(
  simulators: Simulators,
  plan: Plan,
  log: (line: string) => void,
): Promise<StormResults> {
  const storming = await startGatewayProcess(
    gatewayEnv({ ...nupeyeAt(simulators), NUPEYE_TOKEN_LIFETIME_SECONDS: String(TOKEN_LIFETIME_SECONDS) }),
  );
  const longLived = await startGatewayProcess(gatewayEnv(nupeyeAt(simulators)));
  try {
    const token = await clientToken('bench-storm');
    const customer = simulators.nupeyeCustomer;
    let sequence = 0;
    const storm = (gateway: GatewayProcess, amount: number) =>
      runLoad({
        url: gateway.url,
        connections: amount,
        amount,
        requests: [
          {
            method: 'POST',
            path: '/graphql',
            headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
            setupRequest: (request) => ({
              ...request,
              body: JSON.stringify({
                query: RECHARGE_MOBILE,
                variables: {
                  input: {
                    idempotencyKey: `storm-${(sequence += 1)}`,
                    mobileNumber: customer.mobileNo,
                    amount: '10',
                    nupeyeUserName: customer.userName,
                    nupeyePassword: customer.password,
                  },
                },
              }),
            }),
          },
        ],
      });
    const measure = async (gateway: GatewayProcess, kind: StormKind): Promise<StormRun> => {
      await simulators.counts();
      const started = performance.now();
      const load = await storm(gateway, plan.stormSize);
      const durationMs = performance.now() - started;
      const counts = (await simulators.counts()).byRoute;
      const authCalls =
        (counts['nupeye POST /auth/login'] ?? 0) + (counts['nupeye POST /auth/refresh_authentication'] ?? 0);
      const rechargeCalls = counts['nupeye POST /recharge_account'] ?? 0;
      log(
        `storm ${kind}: ${authCalls} auth calls, ${rechargeCalls} recharges, p50 ${load.p50.toFixed(0)} p99 ${load.p99.toFixed(0)} ms, ${load.failed} failed`,
      );
      return { kind, load, durationMs, authCalls, rechargeCalls };
    };

    // Warm-up: log in, JIT the mutation path, open each gateway's sockets to Nupeye.
    let loggedInBefore = performance.now();
    await storm(storming, 200);
    await storm(longLived, 200);
    const runs: StormRun[] = [];
    const [, peakRssMb] = await peakRssDuring([storming.pid, longLived.pid], async () => {
      for (let round = 1; round <= plan.stormRounds; round += 1) {
        // Past the whole lifetime, not only into the early-renewal window: the token has expired.
        await sleep(Math.max(0, loggedInBefore + TOKEN_LIFETIME_SECONDS * 1000 + 1000 - performance.now()));
        loggedInBefore = performance.now();
        runs.push(await measure(storming, 'expired'));
        runs.push(await measure(storming, 'fresh'));
        await simulators.expireNupeyeTokens();
        runs.push(await measure(longLived, 'revoked'));
      }
    });
    return { runs, authRoundTripMs: await authRoundTrip(simulators), peakRssMb };
  } finally {
    await Promise.all([storming.stop(), longLived.stop()]);
  }
}

/** A login, then refreshes one after another, timed from here: what one renewal costs. */
async function authRoundTrip(simulators: Simulators): Promise<{ p50: number; p99: number }> {
  const { baseUrl, apiUser, apiKey } = simulators.nupeye;
  const login = await fetch(`${baseUrl}/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded', 'x-api-key': apiKey },
    body: new URLSearchParams({ user_name: apiUser, authentication_key: apiKey }).toString(),
  });
  let tokens = (await login.json()) as Record<string, string>;
  const times: number[] = [];
  for (let attempt = 0; attempt < 50; attempt += 1) {
    const started = performance.now();
    const response = await fetch(`${baseUrl}/auth/refresh_authentication`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'api-authentication': tokens['authentication-token']! },
      body: JSON.stringify({ refresh_token: tokens.refresh_token }),
    });
    tokens = (await response.json()) as Record<string, string>;
    times.push(performance.now() - started);
  }
  return { p50: median(times), p99: percentile(times, 99) };
}
