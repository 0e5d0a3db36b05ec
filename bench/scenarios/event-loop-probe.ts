import { fileURLToPath } from 'node:url';
import { DEFAULT_OPERATION_LIMITS } from '../../src/config/security.config.js';
import { clientToken, gatewayEnv, numeroPayAt } from '../lib/environment.js';
import { createPayment, graphql } from '../lib/graphql.js';
import { runLoad } from '../lib/load.js';
import type { Plan } from '../lib/plan.js';
import { askProbe, startGatewayProcess, type Upstream } from '../lib/processes.js';

export interface ProbeResult {
  document: string;
  /** Requests per second the gateway answered while the probe ran. */
  rps: number;
  /** Event-loop delay of the gateway process (monitorEventLoopDelay), ms. */
  p50: number;
  p99: number;
  max: number;
  /** Answers that came back with errors: the document was not accepted whole. */
  failed: number;
  /** Why the document was refused, when it was. */
  refused?: string;
}

/** The Transaction representations `_entities` accepts in one operation (issue 12's default cap). */
const ENTITIES = 100;
/** Largest page a connection serves (values are clamped to 1–100). */
const PAGE = 100;
const PROBE = fileURLToPath(new URL('../processes/event-loop-probe.mjs', import.meta.url));
const CONNECTIONS = 4;

function documents(ids: string[]) {
  const { maxAliases, maxProviderCalls } = DEFAULT_OPERATION_LIMITS;
  const perAlias = Math.floor(maxProviderCalls / maxAliases);
  const aliased = Array.from(
    { length: maxAliases },
    (_, index) => `a${index}: transactions(first: ${perAlias}) { edges { node { id status } } }`,
  );
  return [
    {
      name: `largest _entities: ${ENTITIES} Transaction representations, live status each`,
      query: `query Entities($representations: [_Any!]!) { _entities(representations: $representations) { ... on Transaction { id status amount { amount currency } createdAt } } }`,
      variables: { representations: ids.slice(0, ENTITIES).map((id) => ({ __typename: 'Transaction', id })) },
    },
    {
      name: `largest page: transactions(first: ${PAGE}), live status each`,
      query: `query Page { transactions(first: ${PAGE}) { edges { node { id status amount { amount currency } } } pageInfo { hasNextPage endCursor } } }`,
      variables: {},
    },
    {
      name: `most aliases: ${maxAliases} × transactions(first: ${perAlias}) (${maxAliases * perAlias} live statuses)`,
      query: `query Aliases { ${aliased.join(' ')} }`,
      variables: {},
    },
    {
      name: 'deepest nesting: _entities → User → wallets → transactions → amount (depth 9, pages cut to the cost limit)',
      query: `query Deep($representations: [_Any!]!) { _entities(representations: $representations) { ... on User { wallets(first: 2) { edges { node { transactions(first: 10) { edges { node { amount { currency } } } } } } } } } }`,
      variables: { representations: ids.slice(0, 1).map((id) => ({ __typename: 'User', id })) },
    },
  ];
}

/**
 * Scenario 5 (issue 12, bounded work per request): the gateway runs with a probe preloaded that
 * measures its own event-loop delay; each of the worst documents the limits accept is sent by
 * CONNECTIONS connections at once for probeSeconds, and the probe's p99 must stay ≤ 50 ms.
 */
export async function runEventLoopProbe(
  upstream: Upstream,
  plan: Plan,
  log: (line: string) => void,
): Promise<ProbeResult[]> {
  const gateway = await startGatewayProcess(gatewayEnv(numeroPayAt(upstream.url)), {
    nodeArgs: ['--import', PROBE],
    ipc: true,
  });
  const ask = (type: 'reset' | 'read') =>
    askProbe<{ p50: number; p99: number; max: number }>(
      gateway.child,
      { type },
      type === 'read' ? 'delay' : 'reset',
    );
  try {
    const token = await clientToken('bench-probe');
    const ids: string[] = [];
    for (let start = 0; start < PAGE; start += 20) {
      const created = await Promise.all(
        Array.from({ length: 20 }, (_, index) => createPayment(gateway.url, token, `probe-${start + index}`)),
      );
      ids.push(...created.map((payment) => payment.id));
    }
    // The same probe with no request at all: what the machine itself (other processes on its cores) adds.
    await ask('reset');
    await new Promise((resolve) => setTimeout(resolve, plan.probeSeconds * 1000));
    const results: ProbeResult[] = [
      {
        document: 'none (the gateway idle): the floor this machine sets',
        rps: 0,
        ...(await ask('read')),
        failed: 0,
      },
    ];
    log(`probe idle: loop delay p99 ${results[0]!.p99.toFixed(1)} ms`);
    for (const document of documents(ids)) {
      const body = JSON.stringify({ query: document.query, variables: document.variables });
      let refused: string | undefined;
      try {
        await graphql(gateway.url, token, document.query, document.variables);
      } catch (error) {
        refused = error instanceof Error ? error.message.slice(0, 200) : String(error);
      }
      await ask('reset');
      const load = await runLoad({
        url: `${gateway.url}/graphql`,
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
        body,
        connections: CONNECTIONS,
        duration: plan.probeSeconds,
      });
      const delay = await ask('read');
      results.push({ document: document.name, rps: load.rps, ...delay, failed: load.failed, refused });
      log(
        `probe ${document.name}: ${load.rps.toFixed(0)} req/s, loop delay p99 ${delay.p99.toFixed(1)} ms, max ${delay.max.toFixed(1)} ms${refused ? ` (refused: ${refused})` : ''}`,
      );
    }
    return results;
  } finally {
    await gateway.stop();
  }
}
