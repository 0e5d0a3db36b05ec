import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { AUTH_JWT_SECRET, clientToken } from '../lib/environment.js';
import { createPayment, graphqlRequest, TRANSACTION_STATUS, CREATE_PAYMENT } from '../lib/graphql.js';
import { fixedRate, runLoad, saturate, type LoadResult, type Target } from '../lib/load.js';
import type { Plan } from '../lib/plan.js';
import { cpuMs, startGatewayProcess, startSimulators, type GatewayProcess } from '../lib/processes.js';
import { fmt, median } from '../lib/stats.js';

/** The same gateway three ways: tracing off (the default), on and exported, on but sampled out. */
const VARIANTS = [
  { key: 'off', label: 'tracing off (no OTEL_* variables)' },
  { key: 'on', label: 'tracing on, every span exported over OTLP/protobuf' },
  { key: 'unsampled', label: 'tracing on, OTEL_TRACES_SAMPLER=always_off' },
] as const;
type VariantKey = (typeof VARIANTS)[number]['key'];

interface Measured {
  read: { fixed: LoadResult; saturation: LoadResult; cpuUsPerRequest: number };
  write: { saturation: LoadResult; cpuUsPerRequest: number };
}

export interface TracingCostResults {
  rounds: Record<VariantKey, Measured[]>;
  /** What the collector received from the traced gateway over the whole run. */
  exported: { requests: number; bytes: number; gatewayRequests: number };
}

/**
 * The cost of tracing: reads (`transaction(id) { id status }`: ledger read + NumeroPay call) and money
 * mutations (`createPayment`, a unique key each: ledger writes + NumeroPay call) against three gateways
 * in live mode on the NumeroPay simulator, rounds interleaved. The OTLP collector is a sink in this
 * process that answers every export, so the gateway pays serialisation and sending, not a slow collector.
 */
export async function runTracingCost(plan: Plan, log: (line: string) => void): Promise<TracingCostResults> {
  const collector = await startCollectorSink();
  const simulators = await startSimulators();
  const { numeropay } = simulators;
  const base: Record<string, string> = {
    NODE_ENV: 'production',
    PAYGRAPH_MODE: 'live',
    SQLITE_PATH: ':memory:',
    AUTH_JWT_SECRET,
    LOG_LEVEL: 'info',
    // As gatewayEnv: ephemeral metrics ports (three gateways at once), no live drain when stopped.
    METRICS_PORT: '0',
    SHUTDOWN_DRAIN_MS: '0',
    NUMEROPAY_BASE_URL: numeropay.baseUrl,
    NUMEROPAY_KEY_ID: numeropay.keyId,
    NUMEROPAY_KEY_SECRET: numeropay.keySecret,
    NUMEROPAY_MERCHANT_ID: numeropay.merchantId,
    NUMEROPAY_BUSINESS_NAME: numeropay.businessName,
    // One principal sends every request here: its per-caller budgets are lifted (still counted).
    RATE_LIMIT_DEFAULT: '1000000000/1',
    RATE_LIMITS: 'createPayment=1000000000/1',
  };
  const traced = { OTEL_EXPORTER_OTLP_ENDPOINT: collector.url, OTEL_SERVICE_NAME: 'paygraph-bench' };
  const envs: Record<VariantKey, Record<string, string>> = {
    off: base,
    on: { ...base, ...traced },
    unsampled: { ...base, ...traced, OTEL_TRACES_SAMPLER: 'always_off' },
  };
  const gateways = {} as Record<VariantKey, GatewayProcess>;
  for (const { key } of VARIANTS) gateways[key] = await startGatewayProcess(envs[key]);
  try {
    const token = await clientToken('bench-tracing');
    const reads = {} as Record<VariantKey, Target>;
    const writes = {} as Record<VariantKey, Target>;
    for (const { key } of VARIANTS) {
      const { id } = await createPayment(gateways[key].url, token, `tracing-${key}`);
      reads[key] = { name: key, ...graphqlRequest(gateways[key].url, token, TRANSACTION_STATUS, { id }) };
      writes[key] = { name: key, ...graphqlRequest(gateways[key].url, token, CREATE_PAYMENT, {}) };
      await saturate(reads[key], plan.saturationConnections, plan.warmupSeconds);
    }
    const rounds = { off: [], on: [], unsampled: [] } as Record<VariantKey, Measured[]>;
    for (let round = 1; round <= plan.rounds; round++) {
      for (const { key } of VARIANTS) {
        const pid = gateways[key].pid;
        const fixed = await fixedRate(reads[key], plan.fixedRate, plan.seconds);
        const [readSaturation, readCpu] = await withCpu(pid, () =>
          saturate(reads[key], plan.saturationConnections, plan.seconds),
        );
        const [writeSaturation, writeCpu] = await withCpu(pid, () =>
          uniquePayments(writes[key], `${key}-${round}`, plan.saturationConnections, plan.seconds),
        );
        rounds[key].push({
          read: { fixed, saturation: readSaturation, cpuUsPerRequest: perRequest(readCpu, readSaturation) },
          write: { saturation: writeSaturation, cpuUsPerRequest: perRequest(writeCpu, writeSaturation) },
        });
        log(
          `tracing ${key} round ${round}: read ${fmt(readSaturation.rps, 0)} req/s, ` +
            `write ${fmt(writeSaturation.rps, 0)} req/s`,
        );
      }
    }
    const gatewayRequests = rounds.on.reduce(
      (sum, round) => sum + round.read.fixed.ok + round.read.saturation.ok + round.write.saturation.ok,
      0,
    );
    return { rounds, exported: { ...collector.received(), gatewayRequests } };
  } finally {
    await Promise.all(Object.values(gateways).map((gateway) => gateway.stop()));
    await simulators.stop();
    await collector.stop();
  }
}

/** createPayment at saturation, each request with its own idempotency key (a new payment each). */
function uniquePayments(target: Target, prefix: string, connections: number, seconds: number) {
  let sequence = 0;
  return runLoad({
    url: target.url,
    method: 'POST',
    headers: target.headers,
    connections,
    duration: seconds,
    requests: [
      {
        setupRequest: (request) => ({
          ...request,
          body: JSON.stringify({
            query: CREATE_PAYMENT,
            variables: {
              input: {
                idempotencyKey: `${prefix}-${(sequence += 1)}`,
                amount: '5.00',
                currency: 'AUD',
                description: 'bench',
              },
            },
          }),
        }),
      },
    ],
  });
}

async function withCpu<T>(pid: number, run: () => Promise<T>): Promise<[T, number]> {
  const before = cpuMs(pid);
  const result = await run();
  return [result, cpuMs(pid) - before];
}

function perRequest(cpu: number, load: LoadResult): number {
  return load.ok > 0 ? (cpu * 1000) / load.ok : Number.NaN;
}

/** An OTLP/HTTP endpoint that accepts every export at once and counts what it got. */
async function startCollectorSink() {
  let requests = 0;
  let bytes = 0;
  const server = createServer((request, response) => {
    request.on('data', (chunk: Buffer) => (bytes += chunk.length));
    request.on('end', () => {
      requests += 1;
      response.writeHead(200, { 'content-type': 'application/x-protobuf' }).end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    received: () => ({ requests, bytes }),
    stop: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

/** The markdown section of RESULTS.md: medians over the rounds, and each variant as a ratio to "off". */
export function renderTracingCost(results: TracingCostResults): string {
  const med = (key: VariantKey, pick: (measured: Measured) => number) =>
    median(results.rounds[key].map(pick));
  const rows = VARIANTS.map(({ key, label }) => {
    const readRps = med(key, (m) => m.read.saturation.rps);
    const writeRps = med(key, (m) => m.write.saturation.rps);
    return [
      label,
      fmt(med(key, (m) => m.read.fixed.p50)),
      fmt(med(key, (m) => m.read.fixed.p99)),
      `${fmt(readRps, 0)} (${fmt(readRps / med('off', (m) => m.read.saturation.rps))} ×)`,
      fmt(
        med(key, (m) => m.read.cpuUsPerRequest),
        0,
      ),
      `${fmt(writeRps, 0)} (${fmt(writeRps / med('off', (m) => m.write.saturation.rps))} ×)`,
      fmt(
        med(key, (m) => m.write.cpuUsPerRequest),
        0,
      ),
    ];
  });
  const { requests, bytes, gatewayRequests } = results.exported;
  return [
    '## Tracing cost',
    '',
    'Reads (`transaction(id) { id status }`) and unique-key `createPayment` mutations, medians over the rounds; ratios to tracing off.',
    '',
    '| gateway | read p50 ms (100 req/s) | read p99 ms | read req/s at saturation | read CPU µs/request | write req/s at saturation | write CPU µs/request |',
    '|---|---|---|---|---|---|---|',
    ...rows.map((cells) => `| ${cells.join(' | ')} |`),
    '',
    `The traced gateway sent ${requests} OTLP exports, ${fmt(bytes / Math.max(gatewayRequests, 1), 0)} bytes per GraphQL request.`,
    '',
  ].join('\n');
}
