import { describe, expect, it } from '@jest/globals';
import { Provider } from '../../../src/domain/provider.js';
import { readTracingSettings } from '../../../src/observability/tracing-config.js';

const ENDPOINT = 'http://127.0.0.1:4318';

describe('tracing settings from the standard OTEL_* variables', () => {
  it('is off by default, and when disabled or told `none`', () => {
    expect(readTracingSettings({})).toBeUndefined();
    expect(readTracingSettings({ OTEL_SERVICE_NAME: 'paygraph' })).toBeUndefined();
    expect(
      readTracingSettings({ OTEL_EXPORTER_OTLP_ENDPOINT: ENDPOINT, OTEL_TRACES_EXPORTER: 'none' }),
    ).toBeUndefined();
    expect(
      readTracingSettings({ OTEL_EXPORTER_OTLP_ENDPOINT: ENDPOINT, OTEL_SDK_DISABLED: 'true' }),
    ).toBeUndefined();
  });

  it('exports over OTLP http/protobuf once an endpoint is set, to no provider', () => {
    for (const name of ['OTEL_EXPORTER_OTLP_ENDPOINT', 'OTEL_EXPORTER_OTLP_TRACES_ENDPOINT'])
      expect(readTracingSettings({ [name]: ENDPOINT })).toEqual({
        exporters: ['otlp'],
        protocol: 'http/protobuf',
        propagateTo: new Set(),
      });
  });

  it('takes the exporters and the protocol named, the traces-specific protocol first', () => {
    expect(
      readTracingSettings({
        OTEL_TRACES_EXPORTER: 'otlp, console',
        OTEL_EXPORTER_OTLP_PROTOCOL: 'http/protobuf',
        OTEL_EXPORTER_OTLP_TRACES_PROTOCOL: 'http/json',
      }),
    ).toMatchObject({ exporters: ['otlp', 'console'], protocol: 'http/json' });
  });

  it('sends trace context to every provider, none, or those listed', () => {
    const to = (value: string) =>
      readTracingSettings({ OTEL_EXPORTER_OTLP_ENDPOINT: ENDPOINT, OTEL_PROPAGATE_TO_PROVIDERS: value })
        ?.propagateTo;
    expect(to('true')?.size).toBe(5);
    expect(to('false')?.size).toBe(0);
    expect(to('numeropay, NCHL')).toEqual(new Set([Provider.NUMEROPAY, Provider.NCHL]));
  });

  it('refuses what it cannot do, naming the variable', () => {
    expect(() => readTracingSettings({ OTEL_TRACES_EXPORTER: 'zipkin' })).toThrow('OTEL_TRACES_EXPORTER');
    expect(() =>
      readTracingSettings({ OTEL_EXPORTER_OTLP_ENDPOINT: ENDPOINT, OTEL_EXPORTER_OTLP_PROTOCOL: 'grpc' }),
    ).toThrow('OTEL_EXPORTER_OTLP_PROTOCOL');
    expect(() =>
      readTracingSettings({ OTEL_EXPORTER_OTLP_ENDPOINT: ENDPOINT, OTEL_PROPAGATE_TO_PROVIDERS: 'stripe' }),
    ).toThrow('OTEL_PROPAGATE_TO_PROVIDERS');
  });
});
