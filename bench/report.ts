import { execFileSync } from 'node:child_process';
import { cpus, release, totalmem } from 'node:os';
import type { Plan } from './lib/plan.js';
import { fmt, median } from './lib/stats.js';
import type { BatchQueryResult } from './scenarios/batching.js';
import { medianOf, type LatencyResults, type TargetResult } from './scenarios/latency.js';
import type { StartupResults } from './scenarios/startup.js';
import type { StormKind, StormResults } from './scenarios/token-storm.js';

export interface RunResults {
  plan: Plan;
  latency: LatencyResults;
  batching: BatchQueryResult[];
  storm: StormResults;
  startup: StartupResults;
  loadBefore: number[];
  loadAfter: number[];
  durationSeconds: number;
}

const pass = (ok: boolean) => (ok ? 'met' : '**not met**');
const perRound = (values: number[], decimals = 2) => values.map((value) => fmt(value, decimals)).join(' / ');

/** bench/RESULTS.md: the tables, the machine, the date and the command. */
export function renderResults(results: RunResults): string {
  const { plan, latency, batching, storm, startup } = results;
  const byKey = new Map(latency.targets.map((target) => [target.spec.key, target]));
  const at = (key: string) => byKey.get(key)!;
  const p50 = (key: string) => medianOf(at(key).fixed, (r) => r.p50);
  const p99 = (key: string) => medianOf(at(key).fixed, (r) => r.p99);
  const rps = (key: string) => medianOf(at(key).saturation, (r) => r.rps);

  const stormRuns = (kind: StormKind) => storm.runs.filter((run) => run.kind === kind);
  const stormP99 = (kind: StormKind) => median(stormRuns(kind).map((run) => run.load.p99));
  const addedStormP99 = stormP99('expired') - stormP99('fresh');
  const authCallsExpired = stormRuns('expired').map((run) => run.authCalls);
  const gatewayPeaks = latency.targets.flatMap((target) =>
    target.memory ? [target.memory.peakUnderLoadMb] : [],
  );
  const peakRss = Math.max(storm.peakRssMb, ...gatewayPeaks);
  const startMedian = median(startup.startToReadyMs);
  const batch100 = batching[0]!;

  const lines: string[] = [];
  const add = (...more: string[]) => lines.push(...more);
  add(
    '# PayGraph benchmark results',
    '',
    `- **Date**: ${new Date().toISOString()} (${fmt(results.durationSeconds, 0)} s run)`,
    `- **Command**: \`npm run bench\`${plan.quick ? ' with BENCH_QUICK=1 (short pass: not for conclusions)' : ''}`,
    `- **Commit**: ${gitDescribe()}`,
    `- **Machine**: ${cpus().length} × ${cpus()[0]?.model.trim() ?? 'unknown CPU'}, ${fmt(totalmem() / 2 ** 30, 0)} GiB, Linux ${release()}, Node ${process.version}`,
    `- **Load average** (1/5/15 min) before: ${results.loadBefore.map((v) => fmt(v)).join(' / ')}, after: ${results.loadAfter.map((v) => fmt(v)).join(' / ')}. The machine's 2 cores are shared with other builds, so absolute figures move between runs; baselines and candidates run interleaved in the same run and the ratios are what to compare.`,
    `- **Plan**: ${plan.rounds} interleaved rounds of ${plan.seconds} s per target and mode, medians reported; fixed rate ${plan.fixedRate} req/s on 1 connection; saturation with ${plan.saturationConnections} connections; storms of ${plan.stormSize} concurrent requests, ${plan.stormRounds} rounds.`,
    '',
    '## Targets',
    '',
    '| target | measured | |',
    '|---|---|---|',
    `| B2 added p50 over B0 <= 1 ms | ${fmt(p50('B2') - p50('B0'))} ms (LOG_LEVEL=info), ${fmt(p50('B2w') - p50('B0'))} ms (warn) | ${pass(p50('B2') - p50('B0') <= 1)} |`,
    `| B2 added p99 over B0 <= 3 ms | ${fmt(p99('B2') - p99('B0'))} ms (info), ${fmt(p99('B2w') - p99('B0'))} ms (warn) | ${pass(p99('B2') - p99('B0') <= 3)} |`,
    `| B2 saturation >= 0.5 × B1 | ${fmt(rps('B2') / rps('B1'))} × (info), ${fmt(rps('B2w') / rps('B1'))} × (warn) | ${pass(rps('B2') / rps('B1') >= 0.5)} |`,
    `| token storm: exactly 1 auth call | ${authCallsExpired.join(', ')} per round | ${pass(authCallsExpired.every((n) => n === 1))} |`,
    `| token storm: added p99 <= auth round trip + 2 ms | ${fmt(addedStormP99, 1)} ms vs ${fmt(storm.authRoundTripMs.p50)} + 2 ms | ${pass(addedStormP99 <= storm.authRoundTripMs.p50 + 2)} |`,
    `| batching: calls = distinct ids / batch size, no id twice | ${batch100.upstreamCalls} calls for ${batch100.distinctIds} ids; ${batching.map((b) => b.maxFetchesOfOneId).join(', ')} max fetches of one id | ${pass(batching.every((b) => b.upstreamCalls === b.distinctIds && b.maxFetchesOfOneId === 1))} |`,
    `| RSS under load <= 200 MB | ${fmt(peakRss, 0)} MB peak | ${pass(peakRss <= 200)} |`,
    `| start to ready <= 2 s (sandbox) | ${fmt(startMedian, 0)} ms wall, ${fmt(median(startup.cpuToReadyMs), 0)} ms CPU (medians) | ${pass(startMedian <= 2000)} |`,
    '',
    '## 1. Added latency and throughput: NumeroPay `GET /transaction/{id}`',
    '',
    'B0 calls the simulator directly, B1 through a minimal Node forwarder on the same provider transport, B2 through PayGraph as `query { transaction(id) { id status } }` (ledger read, then the live status from NumeroPay through the liveStatus DataLoader). Latency at the fixed rate; throughput at saturation.',
    '',
    '| target | p50 ms | p99 ms | added p50 vs B0 | added p99 vs B0 | req/s at saturation | × B1 | failed |',
    '|---|---|---|---|---|---|---|---|',
  );
  for (const target of latency.targets) {
    const key = target.spec.key;
    const failed = [...target.fixed, ...target.saturation].reduce((sum, r) => sum + r.failed, 0);
    add(
      `| ${target.spec.label} | ${fmt(p50(key))} | ${fmt(p99(key))} | ${key === 'B0' ? '' : fmt(p50(key) - p50('B0'))} | ${key === 'B0' ? '' : fmt(p99(key) - p99('B0'))} | ${fmt(rps(key), 0)} | ${fmt(rps(key) / rps('B1'))} | ${failed} |`,
    );
  }
  add('', 'Per round (p50 ms / p99 ms / req/s):', '');
  for (const target of latency.targets) add(`- ${target.spec.key}: ${roundsOf(target)}`);
  add(
    '',
    '## 2. Token storm: Nupeye `rechargeMobile`',
    '',
    `${plan.stormSize} mutations at once, one connection each. *expired*: the gateway's Nupeye token is past its lifetime (30 s here), so the first request renews it and all the others wait on that one renewal. *fresh*: right after, the same storm on the same gateway with the token it just obtained: the baseline. *revoked*: Nupeye expired the token behind the gateway's back (a second gateway, 24 h lifetime): recharges already sent with it are refused with 401, the token is renewed once and each refused recharge is replayed once; the recharges the gateway sends after the renewal go out with the new token. Auth calls and recharges are counted by the simulator.`,
    '',
    '| moment | auth calls per round | recharge calls per round | first answer ms | p50 ms | p99 ms | storm duration s | failed |',
    '|---|---|---|---|---|---|---|---|',
  );
  for (const kind of ['expired', 'fresh', 'revoked'] as const) {
    const runs = stormRuns(kind);
    add(
      `| ${kind} | ${runs.map((r) => r.authCalls).join(', ')} | ${runs.map((r) => r.rechargeCalls).join(', ')} | ${perRound(
        runs.map((r) => r.load.min),
        1,
      )} | ${perRound(
        runs.map((r) => r.load.p50),
        1,
      )} | ${perRound(
        runs.map((r) => r.load.p99),
        1,
      )} | ${perRound(
        runs.map((r) => r.durationMs / 1000),
        1,
      )} | ${runs.reduce((sum, r) => sum + r.load.failed, 0)} |`,
    );
  }
  add(
    '',
    `Added p99 (median expired − median fresh): **${fmt(addedStormP99, 1)} ms**; added first answer: ${fmt(median(stormRuns('expired').map((r) => r.load.min)) - median(stormRuns('fresh').map((r) => r.load.min)), 1)} ms. One auth round trip (login, then refresh, timed from the load generator, idle): p50 ${fmt(storm.authRoundTripMs.p50)} ms, p99 ${fmt(storm.authRoundTripMs.p99)} ms.`,
    '',
    '## 3. Batching: live status of many transactions in one query',
    '',
    'NumeroPay has no multi-id read, so the DataLoader batch (up to 100 keys) fans out into one `GET /transaction/{id}` per distinct id, in parallel: upstream calls = distinct ids / 1.',
    '',
    '| query | status fields | distinct ids | upstream calls | max fetches of one id | latency ms (median of 5) |',
    '|---|---|---|---|---|---|',
    ...batching.map(
      (b) =>
        `| ${b.name} | ${b.statusFields} | ${b.distinctIds} | ${b.upstreamCalls} | ${b.maxFetchesOfOneId} | ${fmt(b.latencyMs, 1)} |`,
    ),
    '',
    '## 4. Memory and start-up',
    '',
    '| gateway process | RSS after start MB | RSS idle after warm-up MB | peak RSS under load MB |',
    '|---|---|---|---|',
    ...latency.targets
      .filter((target) => target.memory)
      .map(
        (t) =>
          `| ${t.spec.label} | ${fmt(t.memory!.idleAfterStartMb, 0)} | ${fmt(t.memory!.idleAfterWarmupMb, 0)} | ${fmt(t.memory!.peakUnderLoadMb, 0)} |`,
      ),
    `| token-storm gateway (${plan.stormSize} in flight) | | | ${fmt(storm.peakRssMb, 0)} |`,
    '',
    `Start to ready, sandbox mode (\`node dist/main.js\`, provider simulators in-process, SQLite in memory), spawn until \`/readyz\` answers 200: median **${fmt(startMedian, 0)} ms** wall, ${fmt(median(startup.cpuToReadyMs), 0)} ms CPU (user + system of all the process's threads, so it can exceed the wall time; it shows what start-up costs whatever else the machine runs); runs ${perRound(startup.startToReadyMs, 0)} ms wall, ${perRound(startup.cpuToReadyMs, 0)} ms CPU; idle RSS ${fmt(startup.idleRssMb, 0)} MB.`,
    '',
    `Live mode (simulators in another process), the gateways of section 1: ${latency.targets
      .filter((target) => target.startup)
      .map((t) => `${t.spec.key} ${fmt(t.startup!.wallMs, 0)} ms wall / ${fmt(t.startup!.cpuMs, 0)} ms CPU`)
      .join(', ')}.`,
    '',
    '## 5. HTTP client: got against undici',
    '',
    '| layer | got p50 / p99 ms | undici p50 / p99 ms | got req/s | undici req/s | undici / got throughput |',
    '|---|---|---|---|---|---|',
    `| forwarder (B1) | ${fmt(p50('B1'))} / ${fmt(p99('B1'))} | ${fmt(p50('B1u'))} / ${fmt(p99('B1u'))} | ${fmt(rps('B1'), 0)} | ${fmt(rps('B1u'), 0)} | ${fmt(rps('B1u') / rps('B1'))} |`,
    `| gateway (B2, LOG_LEVEL=warn) | ${fmt(p50('B2w'))} / ${fmt(p99('B2w'))} | ${fmt(p50('B2u'))} / ${fmt(p99('B2u'))} | ${fmt(rps('B2w'), 0)} | ${fmt(rps('B2u'), 0)} | ${fmt(rps('B2u') / rps('B2w'))} |`,
    '',
    `User-Agent seen by the simulator per target (proof of the library in use): ${Object.entries(
      latency.agents,
    )
      .map(([key, agents]) => `${key}: ${agents.join(', ')}`)
      .join('; ')}.`,
    '',
  );
  return lines.join('\n');
}

function roundsOf(target: TargetResult): string {
  return target.fixed
    .map(
      (fixed, index) =>
        `${fmt(fixed.p50)} / ${fmt(fixed.p99)} / ${fmt(target.saturation[index]?.rps ?? NaN, 0)}`,
    )
    .join(' · ');
}

function gitDescribe(): string {
  try {
    const commit = execFileSync('git', ['rev-parse', '--short', 'HEAD'], { encoding: 'utf8' }).trim();
    const dirty = execFileSync('git', ['status', '--porcelain', '--', 'src'], { encoding: 'utf8' }).trim();
    return dirty ? `${commit} (with uncommitted changes under src/)` : commit;
  } catch {
    return 'unknown';
  }
}
