import { W3CTraceContextPropagator } from '@opentelemetry/core';
import { OTLPTraceExporter as OtlpJsonExporter } from '@opentelemetry/exporter-trace-otlp-http';
import { OTLPTraceExporter as OtlpProtobufExporter } from '@opentelemetry/exporter-trace-otlp-proto';
import { detectResources, envDetector, resourceFromAttributes } from '@opentelemetry/resources';
import {
  BatchSpanProcessor,
  ConsoleSpanExporter,
  NodeTracerProvider,
  type SpanExporter,
} from '@opentelemetry/sdk-trace-node';
import { ATTR_SERVICE_NAME } from '@opentelemetry/semantic-conventions';
import type { OtlpProtocol, TraceExporterKind, TracingSettings } from './tracing-config.js';

type Env = Readonly<Record<string, string | undefined>>;

/**
 * The OpenTelemetry SDK, loaded only when tracing is on: a batch processor per exporter, the W3C trace
 * context propagator alone (baggage from clients is neither accepted nor passed on) and async-hooks context.
 * The endpoint and service name come from `env`; headers, timeout, compression, the sampler and the
 * batch limits are read by the SDK from the process's own OTEL_* variables.
 */
export function startTracerProvider(settings: TracingSettings, env: Env): NodeTracerProvider {
  const exporters = settings.exporters.map((kind) => createExporter(kind, settings.protocol, env));
  const resource = resourceFromAttributes({ [ATTR_SERVICE_NAME]: 'paygraph' })
    .merge(detectResources({ detectors: [envDetector] }))
    .merge(
      env.OTEL_SERVICE_NAME?.trim()
        ? resourceFromAttributes({ [ATTR_SERVICE_NAME]: env.OTEL_SERVICE_NAME.trim() })
        : null,
    );
  const provider = new NodeTracerProvider({
    resource,
    spanProcessors: exporters.map((exporter) => new BatchSpanProcessor(exporter)),
  });
  provider.register({ propagator: new W3CTraceContextPropagator() });
  return provider;
}

function createExporter(kind: TraceExporterKind, protocol: OtlpProtocol, env: Env): SpanExporter {
  if (kind === 'console') return new ConsoleSpanExporter();
  const url = tracesEndpoint(env);
  const config = url ? { url } : {};
  // Imported with this module (itself loaded only when tracing is on), not each on its own: the bundle
  // turns a dynamic import of a CommonJS package into a chunk with a default export only.
  return protocol === 'http/json' ? new OtlpJsonExporter(config) : new OtlpProtobufExporter(config);
}

/** The traces URL as the OTLP specification derives it: the signal's own endpoint as is, or base + /v1/traces. */
function tracesEndpoint(env: Env): string | undefined {
  const signal = env.OTEL_EXPORTER_OTLP_TRACES_ENDPOINT?.trim();
  if (signal) return signal;
  const base = env.OTEL_EXPORTER_OTLP_ENDPOINT?.trim();
  return base ? `${base.replace(/\/+$/, '')}/v1/traces` : undefined;
}
