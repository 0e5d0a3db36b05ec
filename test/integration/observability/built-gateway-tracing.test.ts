import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { waitUntil } from '../../helpers/wait-until.js';
import {
  printedToken,
  REPOSITORY,
  spawnGateway,
  waitUntilReady,
  type GatewayProcess,
} from '../server/gateway-process.js';
import { OtlpReceiver } from './otlp-receiver.js';
import { freePort } from '../../helpers/free-port.js';

/**
 * The bundle `npm start` runs (dist/main.js) with tracing on, over both OTLP/HTTP encodings: the
 * exporters load as the bundle packs them, which the suite's runs of the TypeScript sources never prove.
 */
describe.each(['http/protobuf', 'http/json'])('the built gateway exports traces over OTLP %s', (protocol) => {
  let receiver: OtlpReceiver;
  let gateway: GatewayProcess;

  beforeAll(async () => {
    receiver = await OtlpReceiver.start();
    gateway = spawnGateway(
      {
        PAYGRAPH_MODE: 'sandbox',
        SQLITE_PATH: ':memory:',
        LOG_LEVEL: 'warn',
        OTEL_EXPORTER_OTLP_ENDPOINT: receiver.url,
        OTEL_EXPORTER_OTLP_PROTOCOL: protocol,
        OTEL_SERVICE_NAME: 'paygraph-built',
      },
      await freePort(),
      { built: { cwd: REPOSITORY } },
    );
    await waitUntilReady(gateway);
  });

  afterAll(async () => {
    gateway?.child.kill('SIGTERM');
    await gateway?.exited;
    await receiver?.close();
  });

  it('sends the span of an operation to the receiver', async () => {
    const token = await printedToken(gateway);
    const answer = await fetch(`${gateway.url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
      body: JSON.stringify({
        query: `mutation Pay($input: CreatePaymentInput!) {
          createPayment(input: $input) { transaction { status } userErrors { code } }
        }`,
        variables: { input: { idempotencyKey: `built-${protocol}`, amount: '10.00', currency: 'AUD' } },
      }),
    });
    expect(answer.status).toBe(200);
    const operation = () => receiver.spans.find((span) => span.name === 'mutation Pay');
    await waitUntil(() => operation() !== undefined, 'the operation span reaches the receiver');
    expect(operation()!.resource['service.name']).toBe('paygraph-built');
    expect(receiver.contentTypes.every((type) => type.includes(protocol.slice('http/'.length)))).toBe(true);
  });
});
