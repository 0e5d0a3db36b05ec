import { Counter, Histogram, Registry, collectDefaultMetrics } from 'prom-client';
import type { Provider } from '../domain/provider.js';
import type { ProviderCallOutcome, ProviderMetrics } from '../domain/ports/provider-metrics.js';
import { OperationLabels } from './operation-labels.js';

/** Default number of distinct operation names labelled (METRICS_MAX_OPERATION_NAMES). */
const DEFAULT_OPERATION_NAMES = 50;

/** Prometheus metrics of one gateway instance (its own registry, so several can run in one process). */
export class Metrics implements ProviderMetrics {
  readonly registry = new Registry();
  private readonly graphqlRequests = new Counter({
    name: 'paygraph_graphql_requests_total',
    help: 'GraphQL operations executed, by operation name and outcome',
    labelNames: ['operation', 'outcome'],
    registers: [this.registry],
  });
  private readonly graphqlDuration = new Histogram({
    name: 'paygraph_graphql_request_duration_seconds',
    help: 'GraphQL operation latency, by operation name',
    labelNames: ['operation'],
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
    registers: [this.registry],
  });
  private readonly providerCalls = new Counter({
    name: 'paygraph_provider_calls_total',
    help: 'Calls to providers, by provider, operation and outcome',
    labelNames: ['provider', 'operation', 'outcome'],
    registers: [this.registry],
  });
  private readonly providerDuration = new Histogram({
    name: 'paygraph_provider_call_duration_seconds',
    help: 'Provider call latency, by provider and operation',
    labelNames: ['provider', 'operation'],
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30],
    registers: [this.registry],
  });
  private readonly websocketMessages = new Counter({
    name: 'paygraph_websocket_messages_total',
    help: 'graphql-ws messages received: processed, or dropped unread (past the connection limit, or once it was closing)',
    labelNames: ['outcome'],
    registers: [this.registry],
  });
  private readonly websocketCloses = new Counter({
    name: 'paygraph_websocket_closed_by_gateway_total',
    help: 'graphql-ws connections the gateway closed, by close code (4401 expired or ended, 4403 refused token, 4429 limit …)',
    labelNames: ['code'],
    registers: [this.registry],
  });
  private readonly tokenAcquisitions = new Counter({
    name: 'paygraph_provider_token_acquisitions_total',
    help: 'Provider credentials obtained (login, refresh, mint …), by provider and kind',
    labelNames: ['provider', 'kind'],
    registers: [this.registry],
  });

  /** Consecutive failed calls per provider: three in a row mark it FAILING until a call succeeds. */
  private readonly consecutiveFailures = new Map<Provider, number>();
  private operationLabels = new OperationLabels(DEFAULT_OPERATION_NAMES);

  constructor() {
    collectDefaultMetrics({ register: this.registry, prefix: 'paygraph_' });
  }

  /**
   * Bounds the operation label: only `knownNames` (the persisted manifest's) when given, otherwise the
   * first `capacity` names seen; the rest are `other`.
   */
  boundOperationLabels(options: { capacity: number; knownNames?: Iterable<string> }): void {
    this.operationLabels = new OperationLabels(options.capacity);
    if (options.knownNames) this.operationLabels.restrictTo(options.knownNames);
  }

  observeGraphql(operationName: string | undefined, outcome: 'success' | 'error', seconds: number): void {
    const operation = this.operationLabels.labelOf(operationName);
    this.graphqlRequests.inc({ operation, outcome });
    this.graphqlDuration.observe({ operation }, seconds);
  }

  countWebSocketMessage(outcome: 'processed' | 'dropped'): void {
    this.websocketMessages.inc({ outcome });
  }

  countWebSocketClose(code: number): void {
    this.websocketCloses.inc({ code: String(code) });
  }

  observeProviderCall(
    provider: Provider,
    operation: string,
    outcome: ProviderCallOutcome,
    seconds: number,
  ): void {
    this.providerCalls.inc({ provider, operation, outcome });
    this.providerDuration.observe({ provider, operation }, seconds);
    const failed = outcome === 'error' || outcome === 'timeout' || outcome === 'unknown';
    this.consecutiveFailures.set(provider, failed ? (this.consecutiveFailures.get(provider) ?? 0) + 1 : 0);
  }

  isProviderFailing(provider: Provider): boolean {
    return (this.consecutiveFailures.get(provider) ?? 0) >= 3;
  }

  countTokenAcquisition(provider: Provider, kind: string): void {
    this.tokenAcquisitions.inc({ provider, kind });
  }
}
