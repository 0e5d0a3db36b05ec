import { execFileSync } from 'node:child_process';
import { cpus, release, totalmem } from 'node:os';
import type { Plan } from './lib/plan.js';
import { fmt, median } from './lib/stats.js';
import type { BatchQueryResult } from './scenarios/batching.js';
import type { ProbeResult } from './scenarios/event-loop-probe.js';
import type { ProfileResult } from './scenarios/profile.js';
import { APOLLO, FORWARDER, medianOf, PAYGRAPH, type ReadResult } from './scenarios/reads.js';
import type { StartupResults } from './scenarios/startup.js';
import type { StormKind, StormResults } from './scenarios/token-storm.js';
import type { WriteResults } from './scenarios/writes.js';

export interface RunResults {
  plan: Plan;
  reads: ReadResult[];
  profile: ProfileResult[];
  writes: WriteResults;
  probe: ProbeResult[];
  batching: BatchQueryResult[];
  storm: StormResults;
  startup: StartupResults;
  loadBefore: number[];
  loadAfter: number[];
  durationSeconds: number;
}

const pass = (ok: boolean) => (ok ? 'met' : '**not met**');
const perRound = (values: number[], decimals = 2) => values.map((value) => fmt(value, decimals)).join(' / ');
const PROBE_P99_MS = 50;

/** bench/RESULTS.md: the tables, the machine, the date and the command. */
export function renderResults(results: Partial<RunResults>, options: { partial: boolean }): string {
  const lines: string[] = [];
  const add = (...more: string[]) => lines.push(...more);
  const { plan } = results;
  add(
    '# PayGraph benchmark results',
    '',
    `- **Date**: ${new Date().toISOString()} (${fmt(results.durationSeconds ?? NaN, 0)} s run)`,
    `- **Command**: \`npm run bench\`${plan?.quick ? ' with BENCH_QUICK=1 (short pass: not for conclusions)' : ''}${options.partial ? ' (partial: BENCH_ONLY)' : ''}`,
    `- **Commit**: ${gitDescribe()}`,
    `- **Machine**: ${cpus().length} × ${cpus()[0]?.model.trim() ?? 'unknown CPU'}, ${fmt(totalmem() / 2 ** 30, 0)} GiB, Linux ${release()}, Node ${process.version}`,
    `- **Load average** (1/5/15 min) before: ${(results.loadBefore ?? []).map((v) => fmt(v)).join(' / ')}, after: ${(results.loadAfter ?? []).map((v) => fmt(v)).join(' / ')}. The 2 cores are shared with other work, so absolute figures move between runs; every target runs interleaved in the same rounds and the ratios are what to compare.`,
    `- **Plan**: ${plan?.rounds} interleaved rounds of ${plan?.seconds} s per target and mode, medians reported; latency at a steady ${plan?.fixedRate} req/s (evenly spaced, open loop); saturation with ${plan?.saturationConnections} connections; storms of ${plan?.stormSize} concurrent requests.`,
    '',
  );
  add(...targets(results), '');
  if (results.reads) add(...reads(results.reads, plan!), '');
  if (results.profile) add(...profile(results.profile), '');
  if (results.writes) add(...writes(results.writes, plan!), '');
  if (results.probe) add(...probe(results.probe), '');
  if (results.storm) add(...storm(results.storm, plan!), '');
  if (results.batching) add(...batching(results.batching), '');
  if (results.startup) add(...startup(results.startup, results.reads), '');
  return lines.join('\n');
}

function readFigures(reads: ReadResult[]) {
  const byKey = new Map(reads.map((result) => [result.target.key, result]));
  const at = (key: string) => byKey.get(key)!;
  return {
    at,
    p50: (key: string) => medianOf(at(key).fixed, (r) => r.p50),
    p99: (key: string) => medianOf(at(key).fixed, (r) => r.p99),
    pacedCpu: (key: string) => medianOf(at(key).fixed, (r) => r.cpuUsPerRequest),
    rps: (key: string) => medianOf(at(key).saturation, (r) => r.rps),
    cpu: (key: string) => medianOf(at(key).saturation, (r) => r.cpuUsPerRequest),
    rss: (key: string) => Math.max(...at(key).saturation.map((r) => r.peakRssMb)),
  };
}

function targets(results: Partial<RunResults>): string[] {
  const rows: string[] = [
    '## Targets (issue 14 "Done when", issue 12 event-loop bound)',
    '',
    '| target | measured | |',
    '|---|---|---|',
  ];
  if (results.reads) {
    const f = readFigures(results.reads);
    const ratio = f.rps(PAYGRAPH) / f.rps(APOLLO);
    const added50 = f.p50(PAYGRAPH) - f.p50('upstream');
    const added99 = f.p99(PAYGRAPH) - f.p99('upstream');
    rows.push(
      `| read throughput >= 1.0 × hand-written Apollo | ${fmt(ratio)} × (${fmt(f.rps(PAYGRAPH), 0)} against ${fmt(f.rps(APOLLO), 0)} req/s) | ${pass(ratio >= 1)} |`,
      `| added p50 over the direct call <= 1 ms (100 req/s) | ${fmt(added50)} ms | ${pass(added50 <= 1)} |`,
      `| added p99 over the direct call <= 3 ms (100 req/s) | ${fmt(added99)} ms | ${pass(added99 <= 3)} |`,
    );
  }
  if (results.writes) {
    const paygraph = results.writes.targets.find((t) => t.key === 'paygraph')!;
    const rate = medianOf(paygraph.saturation, (r) => r.rps);
    rows.push(
      `| >= 1,000 durable money mutations/s on SQLite | ${fmt(rate, 0)} createPayment/s (WAL fsynced before every answer) | ${pass(rate >= 1000)} |`,
    );
  }
  if (results.storm) {
    const p99 = (kind: StormKind) =>
      median(results.storm!.runs.filter((r) => r.kind === kind).map((r) => r.load.p99));
    const factor = p99('expired') / p99('fresh');
    rows.push(
      `| token storm p99 <= 2 × fresh-token storm p99 | ${fmt(factor)} × (${fmt(p99('expired'), 0)} against ${fmt(p99('fresh'), 0)} ms) | ${pass(factor <= 2)} |`,
    );
  }
  const inFlight = [
    ...(results.storm ? [results.storm.peakRssMb] : []),
    ...(results.writes
      ? results.writes.targets
          .filter((t) => t.key === 'paygraph')
          .flatMap((t) => t.storm.map((r) => r.peakRssMb))
      : []),
  ];
  if (inFlight.length > 0) {
    const peak = Math.max(...inFlight);
    rows.push(
      `| RSS <= 250 MB with 1,000 in flight | ${fmt(peak, 0)} MB peak (storms) | ${pass(peak <= 250)} |`,
    );
  }
  if (results.startup) {
    const wall = median(results.startup.startToReadyMs);
    rows.push(`| start to ready <= 0.8 s (sandbox) | ${fmt(wall, 0)} ms (median) | ${pass(wall <= 800)} |`);
  }
  if (results.probe) {
    const loaded = results.probe.filter((r) => r.rps > 0);
    const worst = Math.max(...loaded.map((r) => r.p99));
    rows.push(
      `| event-loop delay p99 <= ${PROBE_P99_MS} ms beside the worst accepted documents | ${fmt(worst, 1)} ms (worst of ${loaded.length}; ${fmt(results.probe.find((r) => r.rps === 0)?.p99 ?? NaN, 1)} ms with the gateway idle) | ${pass(worst <= PROBE_P99_MS && loaded.every((r) => !r.refused))} |`,
    );
  }
  return rows;
}

function reads(reads: ReadResult[], plan: Plan): string[] {
  const f = readFigures(reads);
  const rows = [
    '## 1. Reads: `transaction(id) { id status }`, one NumeroPay `GET /transaction/{id}` behind it',
    '',
    'Every target calls the same upstream stub. Latency at the fixed rate (no queueing); throughput, CPU and RSS at saturation. CPU is the target process alone (user + system, all threads, from /proc) divided by the requests it answered, once at the fixed rate and once at saturation: a request that finds the process asleep costs several times what it costs back to back (bench/README.md, Findings), and its latency at the fixed rate is made of that cost. RSS is its peak during the saturated runs. PayGraph also reads its ledger, verifies the client JWT, applies the operation limits, cost and provider budgets and the rate limiter, logs and counts every request.',
    '',
    `| target | p50 ms | p99 ms | added p50 / p99 vs direct | CPU µs/req at ${plan.fixedRate} req/s | req/s | CPU µs/req saturated | peak RSS MB | failed |`,
    '|---|---|---|---|---|---|---|---|---|',
  ];
  for (const result of reads) {
    const key = result.target.key;
    const failed = [...result.fixed, ...result.saturation].reduce((sum, r) => sum + r.failed, 0);
    rows.push(
      `| ${result.target.label} | ${fmt(f.p50(key))} | ${fmt(f.p99(key))} | ${key === 'upstream' ? '' : `${fmt(f.p50(key) - f.p50('upstream'))} / ${fmt(f.p99(key) - f.p99('upstream'))}`} | ${fmt(f.pacedCpu(key), 0)} | ${fmt(f.rps(key), 0)} | ${fmt(f.cpu(key), 0)} | ${fmt(f.rss(key), 0)} | ${failed} |`,
    );
  }
  rows.push(
    '',
    'The same figures as ratios: to the bare forwarder, then to the hand-written Apollo server (for latency, CPU and RSS lower is better; for throughput higher).',
    '',
    '| target | p50 × fwd / × Apollo | p99 × fwd / × Apollo | req/s × fwd / × Apollo | CPU × fwd / × Apollo | RSS × fwd / × Apollo |',
    '|---|---|---|---|---|---|',
  );
  const both = (pick: (key: string) => number, key: string) =>
    `${fmt(pick(key) / pick(FORWARDER))} / ${fmt(pick(key) / pick(APOLLO))}`;
  for (const result of reads) {
    const key = result.target.key;
    rows.push(
      `| ${result.target.label} | ${both(f.p50, key)} | ${both(f.p99, key)} | ${both(f.rps, key)} | ${both(f.cpu, key)} | ${both(f.rss, key)} |`,
    );
  }
  rows.push(
    '',
    'Per round (p50 ms / p99 ms / CPU µs/req at the fixed rate; req/s and CPU µs/req at saturation):',
    '',
  );
  for (const result of reads)
    rows.push(
      `- ${result.target.key}: ${result.fixed
        .map(
          (fixed, index) =>
            `${fmt(fixed.p50)} / ${fmt(fixed.p99)} / ${fmt(fixed.cpuUsPerRequest, 0)} / ${fmt(result.saturation[index]?.rps ?? NaN, 0)} / ${fmt(result.saturation[index]?.cpuUsPerRequest ?? NaN, 0)}`,
        )
        .join(' · ')}`,
    );
  return rows;
}

function profile(profiles: ProfileResult[]): string[] {
  const rows = [
    '## 2. Where PayGraph spends its CPU',
    '',
    "`node --cpu-prof dist/main.js`, saturated with 32 connections; only the samples of the measured seconds (after a warm-up) are counted, by the package of the function running (self time; idle left out). `paygraph <layer>/` is PayGraph's own compiled code; `node:<module>` is Node's JavaScript; entries in brackets are V8's.",
    '',
  ];
  for (const result of profiles) {
    rows.push(
      `**${result.workload}** (${fmt(result.requestsPerSecond, 0)} req/s while profiled):`,
      '',
      '| package | share of CPU % |',
      '|---|---|',
    );
    for (const entry of result.packages.slice(0, 15))
      rows.push(`| ${entry.name} | ${fmt(entry.percent, 1)} |`);
    rows.push('');
  }
  return rows;
}

function writes(results: WriteResults, plan: Plan): string[] {
  const rows = [
    '## 3. Money mutations: `createPayment` → NumeroPay `POST /transaction`',
    '',
    `A unique idempotency key per request. PayGraph writes the PENDING row (and the key) durably before the POST and settles it after; the hand-written Apollo server makes the same POST with no ledger. Saturation with ${plan.saturationConnections} connections; storm: ${plan.stormSize} at once, one connection each.`,
    '',
    '| target | mutations/s | p50 ms | p99 ms | CPU µs/mutation | peak RSS MB | storm p50 / p99 ms (median) | storm peak RSS MB | failed |',
    '|---|---|---|---|---|---|---|---|---|',
  ];
  for (const target of results.targets) {
    const failed = [...target.saturation, ...target.storm].reduce((sum, r) => sum + r.failed, 0);
    rows.push(
      `| ${target.label} | ${fmt(
        medianOf(target.saturation, (r) => r.rps),
        0,
      )} | ${fmt(medianOf(target.saturation, (r) => r.p50))} | ${fmt(medianOf(target.saturation, (r) => r.p99))} | ${fmt(
        medianOf(target.saturation, (r) => r.cpuUsPerRequest),
        0,
      )} | ${fmt(Math.max(...target.saturation.map((r) => r.peakRssMb)), 0)} | ${fmt(
        medianOf(target.storm, (r) => r.p50),
        0,
      )} / ${fmt(
        medianOf(target.storm, (r) => r.p99),
        0,
      )} | ${fmt(Math.max(...target.storm.map((r) => r.peakRssMb)), 0)} | ${failed} |`,
    );
  }
  rows.push('', 'Per round (mutations/s at saturation; storm p99 ms):', '');
  for (const target of results.targets)
    rows.push(
      `- ${target.key}: ${perRound(
        target.saturation.map((r) => r.rps),
        0,
      )}; storm ${perRound(
        target.storm.map((r) => r.p99),
        0,
      )}`,
    );
  const ledger = results.ledger;
  const rowsTotal = Object.values(ledger.rowsByStatus).reduce((sum, n) => sum + n, 0);
  const ok =
    rowsTotal === ledger.keys &&
    ledger.duplicateKeys === 0 &&
    ledger.providerCalls === rowsTotal &&
    ledger.unsettled === 0;
  rows.push(
    '',
    `Ledger afterwards (journal mode ${ledger.journalMode}): ${rowsTotal} transactions (${Object.entries(
      ledger.rowsByStatus,
    )
      .map(([status, n]) => `${n} ${status}`)
      .join(
        ', ',
      )}; the stub leaves every payment in its created state), ${ledger.unsettled} without the provider's reference, ${ledger.keys} idempotency keys, ${ledger.duplicateKeys} keys with more than one row; ${ledger.providerCalls} \`POST /transaction\` calls from PayGraph reached the upstream. ${ok ? 'One row, one key and one provider call per mutation, each settled.' : '**Rows, keys, provider calls or settlements differ.**'} ${ledger.answered} answers were counted by the load generator; the rows beyond them belong to requests still in flight when a timed run stopped, which the gateway finished and settled all the same.`,
  );
  return rows;
}

function probe(results: ProbeResult[]): string[] {
  return [
    '## 4. Event-loop probe beside the worst accepted documents (issue 12)',
    '',
    `The gateway runs with \`perf_hooks.monitorEventLoopDelay\` preloaded (\`bench/processes/event-loop-probe.mjs\`); each document is sent by 4 connections at once for the whole run. The delay is what any other request on that process waits for the loop. Bound: p99 <= ${PROBE_P99_MS} ms.`,
    '',
    '| document | req/s | loop delay p50 ms | p99 ms | max ms | |',
    '|---|---|---|---|---|---|',
    ...results.map(
      (r) =>
        `| ${r.document} | ${fmt(r.rps, 0)} | ${fmt(r.p50, 1)} | ${fmt(r.p99, 1)} | ${fmt(r.max, 1)} | ${r.rps === 0 ? '' : r.refused ? `refused: ${r.refused}` : pass(r.p99 <= PROBE_P99_MS)} |`,
    ),
  ];
}

function storm(storm: StormResults, plan: Plan): string[] {
  const runs = (kind: StormKind) => storm.runs.filter((run) => run.kind === kind);
  const rows = [
    '## 5. Token storm: Nupeye `rechargeMobile` (strict simulator)',
    '',
    `${plan.stormSize} mutations at once, one connection each. *expired*: the gateway's Nupeye token is past its lifetime (30 s here), so the first request renews it and the others wait on that one renewal. *fresh*: right after, the same storm on the same gateway with its new token: the baseline. *revoked*: Nupeye expired the token behind the gateway's back (a second gateway): recharges sent with it get 401, the token is renewed once and each refused recharge replayed once.`,
    '',
    '| moment | auth calls per round | recharge calls per round | p50 ms | p99 ms | storm duration s | failed |',
    '|---|---|---|---|---|---|---|',
  ];
  for (const kind of ['expired', 'fresh', 'revoked'] as const) {
    const list = runs(kind);
    rows.push(
      `| ${kind} | ${list.map((r) => r.authCalls).join(', ')} | ${list.map((r) => r.rechargeCalls).join(', ')} | ${perRound(
        list.map((r) => r.load.p50),
        0,
      )} | ${perRound(
        list.map((r) => r.load.p99),
        0,
      )} | ${perRound(
        list.map((r) => r.durationMs / 1000),
        1,
      )} | ${list.reduce((sum, r) => sum + r.load.failed, 0)} |`,
    );
  }
  rows.push(
    '',
    `Peak RSS of the two storm gateways: ${fmt(storm.peakRssMb, 0)} MB. One auth round trip, idle: p50 ${fmt(storm.authRoundTripMs.p50)} ms.`,
  );
  return rows;
}

function batching(results: BatchQueryResult[]): string[] {
  return [
    '## 6. Batching: live status of many transactions in one query (strict simulator)',
    '',
    'NumeroPay has no multi-id read, so one DataLoader batch fans out into one `GET /transaction/{id}` per distinct id.',
    '',
    '| query | status fields | distinct ids | upstream calls | max fetches of one id | latency ms (median of 5) |',
    '|---|---|---|---|---|---|',
    ...results.map(
      (b) =>
        `| ${b.name} | ${b.statusFields} | ${b.distinctIds} | ${b.upstreamCalls} | ${b.maxFetchesOfOneId} | ${fmt(b.latencyMs, 1)} |`,
    ),
  ];
}

function startup(startup: StartupResults, reads: ReadResult[] | undefined): string[] {
  const live = reads?.filter((r) => r.startup) ?? [];
  return [
    '## 7. Start to ready',
    '',
    `Sandbox mode (\`node dist/main.js\`, simulators in-process, SQLite in memory), spawn until \`/readyz\` answers 200: median **${fmt(median(startup.startToReadyMs), 0)} ms** wall, ${fmt(median(startup.cpuToReadyMs), 0)} ms CPU (all threads); runs ${perRound(startup.startToReadyMs, 0)} ms; idle RSS ${fmt(startup.idleRssMb, 0)} MB.`,
    ...(live.length
      ? [
          '',
          `Live mode: ${live.map((r) => `${r.target.key} ${fmt(r.startup!.wallMs, 0)} ms wall / ${fmt(r.startup!.cpuMs, 0)} ms CPU, idle RSS ${fmt(r.idleRssMb ?? NaN, 0)} MB`).join('; ')}.`,
        ]
      : []),
  ];
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
