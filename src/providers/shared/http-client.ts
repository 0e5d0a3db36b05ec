import { type ProviderRequest } from './http-wire.js';
import type { Logger } from 'pino';
import type { Provider } from '../../domain/provider.js';
import { Bulkhead, type BulkheadSettings } from './bulkhead.js';
import {
  DEFAULT_CIRCUIT_BREAKER_SETTINGS,
  FailedAnswer,
  ProviderCircuitBreaker,
  type CircuitBreakerSettings,
  type CircuitState,
} from './circuit-breaker.js';
import { transportFailure, type ProviderWire, type WireOptions } from './http-wire.js';
import { type ProviderHttpClientKind } from '../../config/provider-http-client.config.js';
import { ProviderError } from './provider-error.js';
import type { ProviderCallOutcome, ProviderMetrics } from '../../domain/ports/provider-metrics.js';
import { UndiciWire } from './undici-wire.js';
import { ProviderCallTracing } from '../../observability/provider-call-tracing.js';

export interface ProviderHttpClientOptions {
  provider: Provider;
  baseUrl: string;
  timeoutMs: number;
  logger: Logger;
  metrics: ProviderMetrics;
  /** Sockets this provider may hold, and so calls running at once (the bulkhead); default 64. */
  maxSockets?: number;
  /** Calls that may wait for a socket (default 1000), each at most `timeoutMs`; others are refused. */
  maxQueued?: number;
  /** When this provider's circuit opens and for how long (defaults: DEFAULT_CIRCUIT_BREAKER_SETTINGS). */
  circuitBreaker?: Partial<CircuitBreakerSettings>;
  /** Headers sent on every call (static credentials). */
  headers?: Record<string, string>;
  /** The HTTP library underneath (PROVIDER_HTTP_CLIENT); got unless configured otherwise. */
  client?: ProviderHttpClientKind;
}

export interface ProviderResponse<T = unknown> {
  status: number;
  /** The parsed JSON body, or undefined when the body was empty. */
  body: T;
}

/**
 * HTTP transport shared by all provider clients: keep-alive sockets per provider, a timeout per call,
 * retries only for idempotent calls, metrics and safe logs (operation, status and duration: never bodies
 * or headers, which carry credentials and cardholder data). It answers every HTTP status; interpreting
 * it is the provider client's job. Transport failures become ProviderError. The HTTP library underneath
 * (got or undici) is a wire chosen by configuration; both follow the same timeout and retry rules.
 * Every call passes the provider's circuit breaker, then its bulkhead (`maxSockets` running, `maxQueued`
 * waiting): a call they refuse was not sent.
 */
export class ProviderHttpClient {
  private readonly wire: ProviderWire;
  private readonly breaker: ProviderCircuitBreaker;
  private readonly bulkhead: Bulkhead;
  private readonly tracing: ProviderCallTracing;

  constructor(private readonly options: ProviderHttpClientOptions) {
    const wireOptions = {
      provider: options.provider,
      baseUrl: options.baseUrl,
      timeoutMs: options.timeoutMs,
      maxSockets: options.maxSockets ?? 64,
      headers: options.headers ?? {},
    };
    this.wire = options.client === 'undici' ? new UndiciWire(wireOptions) : lazyGotWire(wireOptions);
    const bulkhead: BulkheadSettings = {
      maxConcurrent: wireOptions.maxSockets,
      maxQueued: options.maxQueued ?? 1000,
      maxWaitMs: options.timeoutMs,
    };
    this.bulkhead = new Bulkhead(bulkhead);
    this.tracing = new ProviderCallTracing(options.provider, options.baseUrl);
    this.breaker = new ProviderCircuitBreaker(options.provider, options.logger, {
      ...DEFAULT_CIRCUIT_BREAKER_SETTINGS,
      ...options.circuitBreaker,
    });
  }

  /** The provider's circuit: `open` while calls are refused without being sent. */
  get circuit(): CircuitState {
    return this.breaker.state;
  }

  get provider(): Provider {
    return this.options.provider;
  }

  async request<T = unknown>(request: ProviderRequest): Promise<ProviderResponse<T>> {
    const idempotent = request.idempotent ?? request.method.toUpperCase() === 'GET';
    const started = process.hrtime.bigint();
    let outcome: ProviderCallOutcome = 'error';
    let status: number | undefined;
    let errorCode: string | undefined;
    const trace = this.tracing.start(request.operation, request.method);
    try {
      // Every call passes the provider's circuit, then its bulkhead; a 5xx answer counts as a failure.
      const response = await this.breaker.run(() =>
        this.bulkhead.run(async () => {
          const answer = await trace.run(() => this.wire.send(trace.propagate(request), idempotent));
          if (answer.status >= 500) throw new FailedAnswer(answer);
          return answer;
        }),
      );
      status = response.status;
      // A 503 refused the request before acting, whatever its body (JSON, text or empty): a body we cannot
      // read there says nothing about the money, so it is not the unreadable answer of a call that acted.
      const body =
        response.status === 503
          ? parseBodyOrNothing<T>(response.text)
          : parseBody<T>(this.options.provider, response.text, !idempotent);
      outcome = response.status < 400 ? 'success' : response.status >= 500 ? 'error' : 'rejected';
      this.log(request, response.status, started);
      return { status: response.status, body };
    } catch (error) {
      // Wires throw ProviderError; anything else is unexpected, so treated as possibly sent.
      const providerError =
        error instanceof ProviderError
          ? error
          : transportFailure(this.options.provider, 'unavailable', undefined, !idempotent, error);
      outcome =
        providerError.code === 'PROVIDER_TIMEOUT'
          ? 'timeout'
          : providerError.outcomeUnknown
            ? 'unknown'
            : 'error';
      this.log(request, undefined, started, providerError);
      status = providerError.status ?? status;
      errorCode = providerError.code;
      throw providerError;
    } finally {
      const seconds = Number(process.hrtime.bigint() - started) / 1e9;
      this.options.metrics.observeProviderCall(this.options.provider, request.operation, outcome, seconds);
      trace.end({ outcome, status, errorCode });
    }
  }

  private log(
    request: ProviderRequest,
    status: number | undefined,
    started: bigint,
    error?: ProviderError,
  ): void {
    const durationMs = Number(process.hrtime.bigint() - started) / 1e6;
    const fields = {
      provider: this.options.provider,
      operation: request.operation,
      method: request.method,
      status,
      durationMs: Math.round(durationMs * 10) / 10,
    };
    if (error) {
      this.options.logger.warn(
        { ...fields, code: error.code, outcomeUnknown: error.outcomeUnknown },
        error.message,
      );
    } else {
      this.options.logger.debug(fields, 'provider call');
    }
  }
}

function parseBodyOrNothing<T>(text: string): T {
  try {
    return (text.trim() === '' ? undefined : JSON.parse(text)) as T;
  } catch {
    return undefined as T;
  }
}

function parseBody<T>(provider: Provider, text: string, outcomeUnknownOnFailure: boolean): T {
  if (text.trim() === '') return undefined as T;
  try {
    return JSON.parse(text) as T;
  } catch (cause) {
    throw new ProviderError(
      provider,
      'PROVIDER_BAD_RESPONSE',
      `${provider} answered a body that is not JSON`,
      {
        outcomeUnknown: outcomeUnknownOnFailure,
        cause,
      },
    );
  }
}

/**
 * The got wire, its library loaded on the first call: got and http2-wrapper were among the largest
 * packages evaluated at start-up, also by gateways on the default (undici) wire that never use them.
 */
function lazyGotWire(options: WireOptions): ProviderWire {
  let wire: Promise<ProviderWire> | undefined;
  return {
    send: async (request, idempotent) => {
      wire ??= import('./got-wire.js').then(({ GotWire }) => new GotWire(options));
      return (await wire).send(request, idempotent);
    },
  };
}
