/** How long each part runs: the full plan for RESULTS.md, a quick one (BENCH_QUICK=1) while developing. */
export interface Plan {
  quick: boolean;
  /** Interleaved rounds of every latency/throughput target; medians are reported. */
  rounds: number;
  /** Seconds of each measured run. */
  seconds: number;
  warmupSeconds: number;
  /** Requests per second of the fixed-rate runs. */
  fixedRate: number;
  /** Connections kept busy in the saturation runs. */
  saturationConnections: number;
  /** Seconds of saturation sampled by the CPU profiler. */
  profileSeconds: number;
  /** Seconds each worst-case document runs beside the event-loop probe. */
  probeSeconds: number;
  stormRounds: number;
  stormSize: number;
  startups: number;
}

export function readPlan(env: NodeJS.ProcessEnv): Plan {
  const quick = env.BENCH_QUICK === '1';
  return {
    quick,
    rounds: quick ? 1 : 3,
    seconds: quick ? 2 : 5,
    warmupSeconds: quick ? 1 : 3,
    fixedRate: 100,
    saturationConnections: 32,
    profileSeconds: quick ? 2 : 6,
    probeSeconds: quick ? 2 : 5,
    stormRounds: quick ? 1 : 3,
    stormSize: 1000,
    startups: quick ? 2 : 3,
  };
}
