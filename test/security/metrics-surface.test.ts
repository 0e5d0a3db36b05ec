import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { mkdtempSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse, type DocumentNode } from 'graphql';
import { DEFAULT_METRICS_OPERATION_NAMES } from '../../src/config/security.config.js';
import { startTestGateway, type TestGateway } from '../helpers/test-gateway.js';

const root = fileURLToPath(new URL('../../', import.meta.url));
// Quiet logs: thousands of requests are sent.
const UNLIMITED = { RATE_LIMIT_DEFAULT: '100000/60', LOG_LEVEL: 'warn' };

/** The values the operation label takes in /metrics. */
function operationLabels(metrics: string): Set<string> {
  return new Set(
    [...metrics.matchAll(/^paygraph_graphql_requests_total\{operation="([^"]*)"/gm)].map(
      (match) => match[1]!,
    ),
  );
}

/** Sends `count` operations, each under a name never used before, `parallel` at a time. */
async function uniquelyNamed(gw: TestGateway, token: string, count: number, prefix: string): Promise<void> {
  const parallel = 25;
  for (let start = 0; start < count; start += parallel) {
    await Promise.all(
      Array.from({ length: Math.min(parallel, count - start) }, (_, i) =>
        gw.graphql(`query ${prefix}${start + i} { __typename }`, undefined, { token }),
      ),
    );
  }
}

describe('/metrics in production', () => {
  let gw: TestGateway;

  beforeAll(async () => {
    gw = await startTestGateway({ NODE_ENV: 'production', ...UNLIMITED });
  });
  afterAll(() => gw.close());

  it('is not served on the API port, but on a port of its own', async () => {
    expect((await fetch(`${gw.url}/metrics`)).status).toBe(404);
    expect(gw.gateway.metricsUrl).toBeDefined();
    expect(gw.gateway.metricsUrl).not.toBe(gw.url);
    const metrics = await fetch(`${gw.gateway.metricsUrl}/metrics`);
    expect(metrics.status).toBe(200);
    expect(await metrics.text()).toContain('paygraph_graphql_requests_total');
    // The metrics port serves nothing else.
    expect((await fetch(`${gw.gateway.metricsUrl}/graphql`)).status).toBe(404);
  });

  it('does not grow with 3,000 unique operation names', async () => {
    const token = await gw.token('namer');
    await uniquelyNamed(gw, token, 100, 'Warmup');
    const before = await (await fetch(`${gw.gateway.metricsUrl}/metrics`)).text();
    await uniquelyNamed(gw, token, 3_000, 'Unique');
    const after = await (await fetch(`${gw.gateway.metricsUrl}/metrics`)).text();

    const labels = operationLabels(after);
    expect(labels.size).toBeLessThanOrEqual(DEFAULT_METRICS_OPERATION_NAMES + 1);
    expect(labels).toContain('other');
    expect([...labels].filter((label) => label.startsWith('Unique'))).toEqual([]);
    // Only counts and latencies changed: no new series.
    const series = (text: string) =>
      text.split('\n').filter((line) => line.startsWith('paygraph_graphql_')).length;
    expect(series(after)).toBe(series(before));
  }, 120_000);
});

/** The manifest codegen makes of schema/operations, built by the same plugin codegen runs. */
async function buildManifest(): Promise<Record<string, string>> {
  const { plugin } = (await import(join(root, 'scripts/codegen/persisted-operations.mjs'))) as {
    plugin: (schema: unknown, documents: { document: DocumentNode }[]) => string;
  };
  const folder = join(root, 'schema/operations');
  const documents = readdirSync(folder)
    .filter((file) => file.endsWith('.graphql'))
    .map((file) => ({ document: parse(readFileSync(join(folder, file), 'utf8')) }));
  return JSON.parse(plugin(undefined, documents)) as Record<string, string>;
}

describe('/metrics with a persisted-operation manifest', () => {
  let gw: TestGateway;

  beforeAll(async () => {
    const path = join(mkdtempSync(join(tmpdir(), 'paygraph-metrics-')), 'persisted-operations.json');
    writeFileSync(path, JSON.stringify(await buildManifest()));
    gw = await startTestGateway({ PERSISTED_OPERATIONS_MANIFEST: path, ...UNLIMITED });
  });
  afterAll(() => gw.close());

  it('labels only the names of the manifest', async () => {
    const token = await gw.token('namer');
    await uniquelyNamed(gw, token, 60, 'Unlisted');
    const listed = `query Providers { providers { provider state } }`;
    await gw.graphql(listed, undefined, { token });
    const labels = operationLabels(await (await fetch(`${gw.url}/metrics`)).text());
    expect([...labels].sort()).toEqual(['Providers', 'other']);
  });
});
