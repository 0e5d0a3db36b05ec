import { ALL_PROVIDERS, type Provider } from '../domain/provider.js';

export type TraceExporterKind = 'otlp' | 'console';
export type OtlpProtocol = 'http/protobuf' | 'http/json';

/** How traces are exported; absent when tracing is off (the default). */
export interface TracingSettings {
  exporters: readonly TraceExporterKind[];
  protocol: OtlpProtocol;
  /** Providers that receive our `traceparent`; none unless OTEL_PROPAGATE_TO_PROVIDERS says so. */
  propagateTo: ReadonlySet<Provider>;
}

type Env = Readonly<Record<string, string | undefined>>;

/**
 * Tracing follows the standard OTEL_* variables: on when OTEL_TRACES_EXPORTER names an exporter, or when
 * an OTLP endpoint is set and OTEL_TRACES_EXPORTER is not `none`; off otherwise and with OTEL_SDK_DISABLED.
 * Endpoint, headers, timeout, sampler and batch settings are read by the SDK itself from the same variables.
 */
export function readTracingSettings(env: Env): TracingSettings | undefined {
  if (value(env, 'OTEL_SDK_DISABLED')?.toLowerCase() === 'true') return undefined;
  const exporters = readExporters(env);
  if (exporters.length === 0) return undefined;
  return { exporters, protocol: readProtocol(env), propagateTo: readPropagation(env) };
}

function readExporters(env: Env): TraceExporterKind[] {
  const listed = value(env, 'OTEL_TRACES_EXPORTER');
  if (listed === undefined) {
    const endpoint =
      value(env, 'OTEL_EXPORTER_OTLP_TRACES_ENDPOINT') ?? value(env, 'OTEL_EXPORTER_OTLP_ENDPOINT');
    return endpoint === undefined ? [] : ['otlp'];
  }
  const names = listed.split(',').map((name) => name.trim().toLowerCase());
  if (names.includes('none')) return [];
  for (const name of names) {
    if (name !== 'otlp' && name !== 'console')
      throw new Error(`OTEL_TRACES_EXPORTER must list otlp, console or none (got "${name}")`);
  }
  return [...new Set(names as TraceExporterKind[])];
}

function readProtocol(env: Env): OtlpProtocol {
  const protocol =
    value(env, 'OTEL_EXPORTER_OTLP_TRACES_PROTOCOL') ??
    value(env, 'OTEL_EXPORTER_OTLP_PROTOCOL') ??
    'http/protobuf';
  if (protocol !== 'http/protobuf' && protocol !== 'http/json')
    throw new Error('OTEL_EXPORTER_OTLP_PROTOCOL must be http/protobuf or http/json (grpc is not supported)');
  return protocol;
}

/** `true` (every provider), `false` (the default), or a comma-separated list of providers. */
function readPropagation(env: Env): ReadonlySet<Provider> {
  const setting = value(env, 'OTEL_PROPAGATE_TO_PROVIDERS')?.toLowerCase();
  if (setting === undefined || setting === 'false') return new Set();
  if (setting === 'true') return new Set(ALL_PROVIDERS);
  const providers = new Set<Provider>();
  for (const name of setting.split(',').map((part) => part.trim().toUpperCase())) {
    const provider = ALL_PROVIDERS.find((candidate) => candidate === name);
    if (!provider)
      throw new Error(
        `OTEL_PROPAGATE_TO_PROVIDERS must be true, false or a list of ${ALL_PROVIDERS.join(', ').toLowerCase()}`,
      );
    providers.add(provider);
  }
  return providers;
}

function value(env: Env, name: string): string | undefined {
  const raw = env[name]?.trim();
  return raw ? raw : undefined;
}
