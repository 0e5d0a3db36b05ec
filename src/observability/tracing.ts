import { context, propagation, trace, type Tracer } from '@opentelemetry/api';
import type { Provider } from '../domain/provider.js';
import { countProviderAttempts } from './provider-attempts.js';
import { readTracingSettings } from './tracing-config.js';

/** The instrumentation scope of every span PayGraph makes. */
export const TRACER_NAME = 'paygraph';

interface TracingState {
  tracer: Tracer;
  propagateTo: ReadonlySet<Provider>;
}

/** Set while tracing runs; every instrumentation point checks it first, so tracing off costs one test. */
let state: TracingState | undefined;

/** The tracer, when tracing is on. */
export function activeTracer(): Tracer | undefined {
  return state?.tracer;
}

/** Whether `provider` is configured to receive our trace context (OTEL_PROPAGATE_TO_PROVIDERS). */
export function propagatesTo(provider: Provider): boolean {
  return state?.propagateTo.has(provider) ?? false;
}

export interface Tracing {
  readonly enabled: boolean;
  /** Exports every finished span now. */
  forceFlush(): Promise<void>;
  /** Exports what is left and stops tracing. */
  shutdown(): Promise<void>;
}

const TRACING_OFF: Tracing = {
  enabled: false,
  forceFlush: () => Promise.resolve(),
  shutdown: () => Promise.resolve(),
};

/**
 * Starts tracing when the OTEL_* variables in `env` ask for it; otherwise the SDK is not even loaded.
 * Call it before the gateway starts: loggers and plugins created before it stay untraced.
 */
export async function startTracing(env: Readonly<Record<string, string | undefined>>): Promise<Tracing> {
  const settings = readTracingSettings(env);
  if (!settings) return TRACING_OFF;
  if (state) throw new Error('tracing is already started in this process');
  const { startTracerProvider } = await import('./tracing-sdk.js');
  const provider = startTracerProvider(settings, env);
  state = { tracer: trace.getTracer(TRACER_NAME), propagateTo: settings.propagateTo };
  const stopCounting = countProviderAttempts();
  return {
    enabled: true,
    forceFlush: () => provider.forceFlush(),
    shutdown: async () => {
      stopCounting();
      state = undefined;
      await provider.shutdown();
      trace.disable();
      context.disable();
      propagation.disable();
    },
  };
}

/** `trace_id` and `span_id` of the active span, for log lines; undefined without one. */
export function activeTraceFields(): { trace_id: string; span_id: string } | undefined {
  if (!state) return undefined;
  const span = trace.getActiveSpan();
  if (!span) return undefined;
  const { traceId, spanId } = span.spanContext();
  return { trace_id: traceId, span_id: spanId };
}
