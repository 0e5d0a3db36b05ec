import {
  context,
  propagation,
  SpanKind,
  SpanStatusCode,
  trace,
  type Context,
  type Span,
} from '@opentelemetry/api';
import type { Provider } from '../domain/provider.js';
import type { ProviderCallOutcome } from '../domain/ports/provider-metrics.js';
import { PROVIDER_CALL_KEY, type AttemptCount } from './provider-attempts.js';
import { activeTracer, propagatesTo } from './tracing.js';

/** How a provider call ended, as its span records it. */
export interface ProviderCallEnd {
  outcome: ProviderCallOutcome;
  /** The HTTP status of the last answer, when one arrived. */
  status?: number;
  /** Our error code (a ProviderError's), when the call failed. */
  errorCode?: string;
}

/** The span of one provider call: every attempt, retry and backoff of it. */
export interface ProviderCallTrace {
  /** Runs the call with its span active, so its HTTP attempts are counted into it. */
  run<T>(call: () => Promise<T>): Promise<T>;
  /** The request with `traceparent` added when this provider is configured to receive it; else as it is. */
  propagate<R extends { headers?: Record<string, string> }>(request: R): R;
  end(end: ProviderCallEnd): void;
}

const UNTRACED: ProviderCallTrace = {
  run: (call) => call(),
  propagate: (request) => request,
  end: () => undefined,
};

/**
 * Spans of the calls one provider client makes. Names and attributes are bounded (provider, our operation
 * name, method, host, status, outcome, error code, retries): never a path, query, header or body, which
 * carry ids, cardholder data and credentials.
 */
export class ProviderCallTracing {
  private readonly server: { address: string; port: number };

  constructor(
    private readonly provider: Provider,
    baseUrl: string,
  ) {
    const url = new URL(baseUrl);
    const port = url.port ? Number(url.port) : url.protocol === 'https:' ? 443 : 80;
    this.server = { address: url.hostname, port };
  }

  start(operation: string, method: string): ProviderCallTrace {
    const tracer = activeTracer();
    if (!tracer) return UNTRACED;
    const span = tracer.startSpan(`${this.provider} ${operation}`, {
      kind: SpanKind.CLIENT,
      attributes: {
        'paygraph.provider': this.provider,
        'paygraph.provider.operation': operation,
        'http.request.method': method.toUpperCase(),
        'server.address': this.server.address,
        'server.port': this.server.port,
      },
    });
    const count: AttemptCount = { attempts: 0 };
    const spanContext = trace.setSpan(context.active(), span).setValue(PROVIDER_CALL_KEY, count);
    return {
      run: (call) => context.with(spanContext, call),
      propagate: (request) =>
        propagatesTo(this.provider) ? withTraceContext(request, spanContext) : request,
      end: (end) => endCall(span, end, count.attempts),
    };
  }
}

function withTraceContext<R extends { headers?: Record<string, string> }>(
  request: R,
  spanContext: Context,
): R {
  const headers: Record<string, string> = { ...request.headers };
  propagation.inject(spanContext, headers);
  return { ...request, headers };
}

function endCall(span: Span, { outcome, status, errorCode }: ProviderCallEnd, attempts: number): void {
  span.setAttribute('paygraph.provider.outcome', outcome);
  span.setAttribute('paygraph.provider.retries', Math.max(0, attempts - 1));
  if (status !== undefined) span.setAttribute('http.response.status_code', status);
  if (outcome !== 'success') {
    span.setAttribute('error.type', errorCode ?? (status === undefined ? outcome : String(status)));
    span.setStatus({ code: SpanStatusCode.ERROR });
  }
  span.end();
}

/**
 * A span around obtaining a provider credential (login, refresh, mint …); the provider calls it makes are
 * its children. Concurrent callers share one acquisition, so only the first caller's trace holds it.
 */
export function traceTokenAcquisition<T>(provider: Provider, acquire: () => Promise<T>): Promise<T> {
  const tracer = activeTracer();
  if (!tracer) return acquire();
  return tracer.startActiveSpan(
    `${provider} token renewal`,
    { attributes: { 'paygraph.provider': provider } },
    async (span) => {
      try {
        return await acquire();
      } catch (error) {
        const code = (error as { code?: unknown } | null)?.code;
        span.setAttribute('error.type', typeof code === 'string' ? code : 'error');
        span.setStatus({ code: SpanStatusCode.ERROR });
        throw error;
      } finally {
        span.end();
      }
    },
  );
}
