import { performance } from 'node:perf_hooks';
import { setTimeout as sleep } from 'node:timers/promises';
import { Pool } from 'undici';
import type { LoadResult, Target } from './load.js';
import { percentile } from './stats.js';

/** Kept-alive connections the paced requests share: enough that a slow answer never holds up a send. */
const CONNECTIONS = 4;

/**
 * Latency at a steady rate: request i is sent at start + i × (1000 / rate) ms whether or not the ones
 * before it have answered (an open loop, as independent clients arrive), and is timed from its send to
 * the end of its body. autocannon's `overallRate` measures something else: it spends each second's quota
 * back to back on its connection and then waits, so "100 req/s" there is a 100-request burst at
 * saturation speed once a second.
 */
export async function pacedLoad(target: Target, rate: number, seconds: number): Promise<LoadResult> {
  const url = new URL(target.url);
  const pool = new Pool(url.origin, {
    connections: CONNECTIONS,
    headersTimeout: 30_000,
    bodyTimeout: 30_000,
  });
  const latencies: number[] = [];
  let ok = 0;
  let failed = 0;

  const send = async (): Promise<void> => {
    const sentAt = performance.now();
    try {
      const response = await pool.request({
        path: `${url.pathname}${url.search}`,
        method: target.method,
        headers: target.headers,
        body: target.body,
      });
      await response.body.dump();
      if (response.statusCode >= 200 && response.statusCode < 300) {
        ok += 1;
        latencies.push(performance.now() - sentAt);
      } else {
        failed += 1;
      }
    } catch {
      failed += 1;
    }
  };

  const spacingMs = 1000 / rate;
  const total = Math.round(rate * seconds);
  const sent: Promise<void>[] = [];
  const start = performance.now();
  try {
    for (let index = 0; index < total; index += 1) {
      const wait = start + index * spacingMs - performance.now();
      if (wait > 0) await sleep(wait);
      sent.push(send());
    }
    await Promise.all(sent);
  } finally {
    await pool.close();
  }
  return {
    rps: total / ((performance.now() - start) / 1000),
    min: percentile(latencies, 0),
    p50: percentile(latencies, 50),
    p99: percentile(latencies, 99),
    ok,
    failed,
  };
}
