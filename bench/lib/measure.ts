import { saturate, fixedRate, runLoad, type LoadResult, type Target } from './load.js';
import { cpuMs, peakRssDuring } from './processes.js';
import type { AutocannonOptions } from 'autocannon';

/** A run with the CPU its target process spent around it. */
export interface CpuRun extends LoadResult {
  /** CPU (user + system, all threads) the target process spent per completed request, in µs. */
  cpuUsPerRequest: number;
}

/** A saturation or storm run with the target process's CPU and memory around it. */
export interface MeasuredRun extends CpuRun {
  /** Highest resident set size of the target process during the run, in MB. */
  peakRssMb: number;
}

/**
 * Runs `load` with the CPU of `pid` read from /proc before and after, and nothing sampled in between, so
 * that a latency run is not disturbed by the measuring.
 */
export async function withCpu<T extends LoadResult>(
  pid: number,
  load: () => Promise<T>,
): Promise<T & CpuRun> {
  const cpuBefore = cpuMs(pid);
  const result = await load();
  const completed = result.ok + result.failed;
  return {
    ...result,
    cpuUsPerRequest: completed > 0 ? ((cpuMs(pid) - cpuBefore) * 1000) / completed : Number.NaN,
  };
}

/** Runs `load` while watching `pid`: CPU from /proc before and after, RSS sampled every 100 ms. */
export async function measured(pid: number, load: () => Promise<LoadResult>): Promise<MeasuredRun> {
  const [result, peakRssMb] = await peakRssDuring([pid], () => withCpu(pid, load));
  return { ...result, peakRssMb };
}

export const measuredSaturation = (pid: number, target: Target, connections: number, seconds: number) =>
  measured(pid, () => saturate(target, connections, seconds));

export const measuredLoad = (pid: number, options: AutocannonOptions) =>
  measured(pid, () => runLoad(options));

export { fixedRate };
