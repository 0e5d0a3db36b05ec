import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import {
  CreatePaymentDocument,
  RechargeMobileDocument,
  TransactionDocument,
} from '../../../src/generated/graphql.js';
import { trace } from '@opentelemetry/api';
import { activeTracer, startTracing, type Tracing } from '../../../src/observability/tracing.js';
import { NUPEYE_SANDBOX_CUSTOMER } from '../../../src/sandbox/nupeye/index.js';
import { startTestGateway, type TestGateway } from '../../helpers/test-gateway.js';
import { OtlpReceiver, type ReceivedSpan } from './otlp-receiver.js';

const SERVER = 2;
const CLIENT = 3;

function traceparent(): { header: string; traceId: string; spanId: string } {
  const traceId = randomBytes(16).toString('hex');
  const spanId = randomBytes(8).toString('hex');
  return { header: `00-${traceId}-${spanId}-01`, traceId, spanId };
}

function recharge(gw: TestGateway, token: string, idempotencyKey: string, headers: Record<string, string>) {
  return gw.graphql(
    RechargeMobileDocument,
    {
      input: {
        idempotencyKey,
        mobileNumber: '9812345678',
        amount: '10',
        nupeyeUserName: NUPEYE_SANDBOX_CUSTOMER.userName,
        nupeyePassword: NUPEYE_SANDBOX_CUSTOMER.password,
      },
    },
    { token, headers },
  );
}

const childrenOf = (spans: ReceivedSpan[], parent: ReceivedSpan) =>
  spans.filter((span) => span.parentSpanId === parent.spanId);
const named = (spans: ReceivedSpan[], name: string) => spans.filter((span) => span.name === name);

describe('traces of a money mutation reach an OTLP receiver (protobuf, the default protocol)', () => {
  let receiver: OtlpReceiver;
  let tracing: Tracing;
  let gw: TestGateway;
  let token: string;
  const client = traceparent();
  let spans: ReceivedSpan[];

  beforeAll(async () => {
    receiver = await OtlpReceiver.start();
    tracing = await startTracing({
      OTEL_EXPORTER_OTLP_ENDPOINT: receiver.url,
      OTEL_SERVICE_NAME: 'paygraph-test',
    });
    gw = await startTestGateway();
    token = await gw.token('tracing-user');
    // The gateway's first Nupeye call renews its token inside this request, so the trace shows it.
    const { body } = await recharge(gw, token, 'traced-recharge', { traceparent: client.header });
    expect(body.data?.rechargeMobile.transaction?.status).toBe('SUCCEEDED');
    await tracing.forceFlush();
    spans = receiver.trace(client.traceId);
  });
  afterAll(async () => {
    await gw?.close();
    await tracing?.shutdown();
    await receiver?.close();
  });

  it('exports over OTLP/HTTP protobuf, with the configured service name', () => {
    expect(receiver.contentTypes.length).toBeGreaterThan(0);
    expect(receiver.contentTypes.every((type) => type.includes('protobuf'))).toBe(true);
    expect(spans.length).toBeGreaterThanOrEqual(7);
    expect(spans.every((span) => span.resource['service.name'] === 'paygraph-test')).toBe(true);
  });

  it('continues the client trace: the operation span is the child of the traceparent sent', () => {
    const [operation, ...others] = named(spans, 'mutation RechargeMobile');
    expect(others).toEqual([]);
    expect(operation).toMatchObject({
      parentSpanId: client.spanId,
      kind: SERVER,
      attributes: {
        'graphql.operation.type': 'mutation',
        'graphql.operation.name': 'RechargeMobile',
        'http.request.method': 'POST',
        'http.route': '/graphql',
        'http.response.status_code': 200,
        'paygraph.graphql.outcome': 'success',
      },
    });
  });

  it('nests resolver → token renewal → provider calls, and the ledger writes, under the operation', () => {
    const operation = named(spans, 'mutation RechargeMobile')[0]!;
    const [resolver] = childrenOf(spans, operation);
    expect(resolver).toMatchObject({
      name: 'resolve Mutation.rechargeMobile',
      attributes: { 'graphql.field.name': 'rechargeMobile', 'graphql.field.parent_type': 'Mutation' },
    });
    const underResolver = childrenOf(spans, resolver!);
    const names = underResolver.map((span) => span.name);
    // Claim (key and PENDING row in one transaction), the renewal, the call, then the settlement.
    expect(names).toEqual(
      expect.arrayContaining([
        'INSERT idempotency_records',
        'INSERT transactions',
        'COMMIT',
        'NUPEYE token renewal',
        'NUPEYE rechargeAccount',
        'UPDATE transactions',
      ]),
    );

    const renewal = named(underResolver, 'NUPEYE token renewal')[0]!;
    const login = childrenOf(spans, renewal);
    expect(login.map((span) => span.name)).toEqual(['NUPEYE login']);
    expect(login[0]).toMatchObject({ kind: CLIENT, attributes: { 'paygraph.provider.outcome': 'success' } });

    const call = named(underResolver, 'NUPEYE rechargeAccount')[0]!;
    expect(call).toMatchObject({
      kind: CLIENT,
      attributes: {
        'paygraph.provider': 'NUPEYE',
        'paygraph.provider.operation': 'rechargeAccount',
        'paygraph.provider.outcome': 'success',
        'paygraph.provider.retries': 0,
        'http.request.method': 'POST',
        'http.response.status_code': 200,
        'server.address': '127.0.0.1',
      },
    });

    const insert = named(underResolver, 'INSERT transactions')[0]!;
    expect(insert).toMatchObject({
      kind: CLIENT,
      attributes: { 'db.operation.name': 'INSERT', 'db.collection.name': 'transactions' },
    });
    expect(['sqlite', 'postgresql']).toContain(insert.attributes['db.system.name']);
  });

  it('sends no trace context to a provider unless configured to', () => {
    const calls = gw.simulators.nupeye.requests.entries;
    expect(calls.length).toBeGreaterThan(0);
    expect(calls.every((request) => request.headers.traceparent === undefined)).toBe(true);
  });

  it('puts trace_id and span_id on the log lines written inside the trace', () => {
    const lines = gw.logs.parsed().filter((line) => line.trace_id === client.traceId);
    const operation = named(spans, 'mutation RechargeMobile')[0]!;
    const completed = lines.find((line) => line.msg === 'request completed');
    expect(completed).toMatchObject({ span_id: operation.spanId, operation: 'RechargeMobile' });
    // The provider transport logs its call from inside the resolver's span.
    const resolver = named(spans, 'resolve Mutation.rechargeMobile')[0]!;
    const call = lines.find((line) => line.msg === 'provider call' && line.operation === 'rechargeAccount');
    expect(call).toMatchObject({ span_id: resolver.spanId });
  });

  it('counts the retries of a read in its provider call span', async () => {
    const created = await gw.graphql(
      CreatePaymentDocument,
      { input: { idempotencyKey: 'traced-payment', amount: '12', currency: 'AUD', description: 'trace' } },
      { token },
    );
    const payment = created.body.data!.createPayment.transaction!;
    gw.simulators.numeropay.faults.add({
      kind: 'status',
      status: 503,
      path: `/transaction/${payment.providerReference}`,
      times: 1,
    });
    const reader = traceparent();
    const read = await gw.graphql(
      TransactionDocument,
      { id: payment.id },
      { token, headers: { traceparent: reader.header } },
    );
    expect(read.body.errors).toBeUndefined();
    await tracing.forceFlush();
    const [get] = named(receiver.trace(reader.traceId), 'NUMEROPAY getTransaction');
    expect(get?.attributes).toMatchObject({
      'paygraph.provider.retries': 1,
      'http.response.status_code': 200,
      'paygraph.provider.outcome': 'success',
    });
  });

  it('names spans from a bounded set: no ids, and operation names past the first 50 are "other"', async () => {
    for (let index = 0; index < 55; index++)
      await gw.graphql(
        `query Distinct${String.fromCharCode(65 + (index % 26))}${index} { __typename }`,
        undefined,
        {
          token,
        },
      );
    await tracing.forceFlush();
    const operations = receiver.spans.filter((span) => span.kind === SERVER);
    const distinct = new Set(operations.map((span) => span.attributes['graphql.operation.name']));
    expect(distinct.has('other')).toBe(true);
    expect(distinct.size).toBeLessThanOrEqual(51);
    for (const span of receiver.spans) {
      expect(span.name).not.toMatch(/[0-9a-f]{8}-[0-9a-f]{4}|\d{5,}/);
      expect(span.name.length).toBeLessThan(64);
    }
  });
});

describe('trace context goes to the providers named in OTEL_PROPAGATE_TO_PROVIDERS (JSON protocol)', () => {
  let receiver: OtlpReceiver;
  let tracing: Tracing;
  let gw: TestGateway;

  beforeAll(async () => {
    receiver = await OtlpReceiver.start();
    tracing = await startTracing({
      OTEL_TRACES_EXPORTER: 'otlp',
      OTEL_EXPORTER_OTLP_TRACES_ENDPOINT: `${receiver.url}/v1/traces`,
      OTEL_EXPORTER_OTLP_PROTOCOL: 'http/json',
      OTEL_PROPAGATE_TO_PROVIDERS: 'nupeye',
    });
    gw = await startTestGateway();
  });
  afterAll(async () => {
    await gw?.close();
    await tracing?.shutdown();
    await receiver?.close();
  });

  it('sends traceparent with the provider call span as parent', async () => {
    const client = traceparent();
    await recharge(gw, await gw.token('propagation'), 'propagated', { traceparent: client.header });
    await tracing.forceFlush();
    expect(receiver.contentTypes.every((type) => type.includes('json'))).toBe(true);
    const call = named(receiver.trace(client.traceId), 'NUPEYE rechargeAccount')[0]!;
    const sent = gw.simulators.nupeye.requests.filter('/recharge_account').at(-1)!;
    expect(sent.headers.traceparent).toBe(`00-${client.traceId}-${call.spanId}-01`);
    expect(sent.headers.baggage).toBeUndefined();
  });
});

describe('tracing off (no OTEL_* variables)', () => {
  let gw: TestGateway;

  beforeAll(async () => {
    const tracing = await startTracing({ OTEL_EXPORTER_OTLP_PROTOCOL: 'http/json', OTEL_SERVICE_NAME: 'x' });
    expect(tracing.enabled).toBe(false);
    gw = await startTestGateway();
  });
  afterAll(() => gw?.close());

  it('records no span, sends no traceparent and logs no trace ids', async () => {
    const client = traceparent();
    const { body } = await recharge(gw, await gw.token('untraced'), 'untraced', {
      traceparent: client.header,
    });
    expect(body.data?.rechargeMobile.transaction?.status).toBe('SUCCEEDED');
    expect(activeTracer()).toBeUndefined();
    expect(trace.getTracer('probe').startSpan('probe').isRecording()).toBe(false);
    expect(gw.simulators.nupeye.requests.entries.length).toBeGreaterThan(0);
    expect(gw.simulators.nupeye.requests.entries.every((request) => !request.headers.traceparent)).toBe(true);
    expect(gw.logs.lines.length).toBeGreaterThan(3);
    expect(gw.logs.lines.some((line) => line.includes('trace_id'))).toBe(false);
  });
});
