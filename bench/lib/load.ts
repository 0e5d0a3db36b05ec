import autocannon, { type AutocannonOptions } from 'autocannon';
import { pacedLoad } from './paced-load.js';
import { percentile } from './stats.js';

/** What one target answers for: the request autocannon repeats. */
export interface Target {
  name: string;
  url: string;
  method: 'GET' | 'POST';
  headers?: Record<string, string>;
  body?: string;
}

export interface LoadResult {
  /** Completed requests per second over the run. */
  rps: number;
  /** The fastest answer: in a storm, when the first requests got through. */
  min: number;
  p50: number;
  p99: number;
  /** Requests answered 2xx. */
  ok: number;
  /** Errors, timeouts and non-2xx answers. */
  failed: number;
}

/**
 * Runs autocannon and measures every response time itself (autocannon's histogram keeps whole
 * milliseconds, too coarse for a 1 ms budget). Only 2xx answers count towards the percentiles.
 */
export function runLoad(options: AutocannonOptions): Promise<LoadResult> {
  const latencies: number[] = [];
  let ok = 0;
  return new Promise((resolve, reject) => {
    const instance = autocannon({ timeout: 30, ...options }, (error, result) => {
      if (error) return reject(error);
      resolve({
        rps: result.requests.total / result.duration,
        min: percentile(latencies, 0),
        p50: percentile(latencies, 50),
        p99: percentile(latencies, 99),
        ok,
        failed: result.errors + result.timeouts + result.non2xx,
      });
    });
    instance.on('response', (_client, status, _bytes, responseTimeMs) => {
      if (status >= 200 && status < 300) {
        ok += 1;
        latencies.push(responseTimeMs);
      }
    });
  });
}

/** Latency at `rate` requests per second, evenly spaced (see `pacedLoad`). */
export function fixedRate(target: Target, rate: number, seconds: number): Promise<LoadResult> {
  return pacedLoad(target, rate, seconds);
}

/** Throughput with `connections` requests always in flight. */
export function saturate(target: Target, connections: number, seconds: number): Promise<LoadResult> {
  return runLoad({ ...requestOf(target), connections, duration: seconds });
}

function requestOf(target: Target): AutocannonOptions {
  return { url: target.url, method: target.method, headers: target.headers, body: target.body };
}
