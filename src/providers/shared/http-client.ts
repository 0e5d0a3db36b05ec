import type { Method } from 'got';
import type { Logger } from 'pino';
import type { Provider } from '../../domain/provider.js';
import { GotWire } from './got-wire.js';
import { transportFailure, type ProviderHttpClientKind, type ProviderWire } from './http-wire.js';
import { ProviderError } from './provider-error.js';
import type { ProviderCallOutcome, ProviderMetrics } from './provider-metrics.js';
import { UndiciWire } from './undici-wire.js';

export interface ProviderHttpClientOptions {
  provider: Provider;
  baseUrl: string;
  timeoutMs: number;
  logger: Logger;
  metrics: ProviderMetrics;
  /** Sockets this provider may hold: a bulkhead so one slow provider cannot take the others' sockets. */
  maxSockets?: number;
  /** Headers sent on every call (static credentials). */
  headers?: Record<string, string>;
  /** The HTTP library underneath (PROVIDER_HTTP_CLIENT); got unless configured otherwise. */
  client?: ProviderHttpClientKind;
}

export interface ProviderRequest {
  /** Name of the provider operation, for logs and metrics (e.g. "createTransaction"). */
  operation: string;
  method: Method;
  path: string;
  json?: unknown;
  form?: Record<string, string>;
  headers?: Record<string, string>;
  searchParams?: Record<string, string | number>;
  /** Reads are retried with backoff and jitter; anything else is sent once. Default: GET only. */
  idempotent?: boolean;
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
 */
export class ProviderHttpClient {
  private readonly wire: ProviderWire;

  constructor(private readonly options: ProviderHttpClientOptions) {
    const wireOptions = {
      provider: options.provider,
      baseUrl: options.baseUrl,
      timeoutMs: options.timeoutMs,
      maxSockets: options.maxSockets ?? 64,
      headers: options.headers ?? {},
    };
    this.wire = options.client === 'undici' ? new UndiciWire(wireOptions) : new GotWire(wireOptions);
  }

  get provider(): Provider {
    return this.options.provider;
  }

  async request<T = unknown>(request: ProviderRequest): Promise<ProviderResponse<T>> {
    const idempotent = request.idempotent ?? request.method.toUpperCase() === 'GET';
    const started = process.hrtime.bigint();
    let outcome: ProviderCallOutcome = 'error';
    try {
      const response = await this.wire.send(request, idempotent);
      const body = parseBody<T>(this.options.provider, response.text, !idempotent);
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
      throw providerError;
    } finally {
      const seconds = Number(process.hrtime.bigint() - started) / 1e9;
      this.options.metrics.observeProviderCall(this.options.provider, request.operation, outcome, seconds);
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
