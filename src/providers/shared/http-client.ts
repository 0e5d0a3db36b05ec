import http from 'node:http';
import https from 'node:https';
import got, { RequestError, TimeoutError, type Got, type Method } from 'got';
import type { Logger } from 'pino';
import type { Provider } from '../../domain/provider.js';
import { ProviderError } from './provider-error.js';
import type { ProviderCallOutcome, ProviderMetrics } from './provider-metrics.js';

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
 * it is the provider client's job. Transport failures become ProviderError.
 */
export class ProviderHttpClient {
  private readonly got: Got;

  constructor(private readonly options: ProviderHttpClientOptions) {
    const agentOptions = { keepAlive: true, maxSockets: options.maxSockets ?? 64 };
    this.got = got.extend({
      prefixUrl: options.baseUrl,
      timeout: { request: options.timeoutMs },
      throwHttpErrors: false,
      followRedirect: false,
      responseType: 'text',
      headers: { accept: 'application/json', ...options.headers },
      agent: { http: new http.Agent(agentOptions), https: new https.Agent(agentOptions) },
    });
  }

  get provider(): Provider {
    return this.options.provider;
  }

  async request<T = unknown>(request: ProviderRequest): Promise<ProviderResponse<T>> {
    const idempotent = request.idempotent ?? request.method.toUpperCase() === 'GET';
    const started = process.hrtime.bigint();
    let outcome: ProviderCallOutcome = 'error';
    try {
      const response = await this.got(request.path.replace(/^\//, ''), {
        method: request.method,
        json: request.json,
        form: request.form,
        headers: request.headers,
        searchParams: request.searchParams,
        retry: idempotent
          ? {
              limit: 2,
              methods: [request.method],
              statusCodes: [502, 503, 504],
              backoffLimit: 1000,
              noise: 100,
            }
          : { limit: 0 },
      });
      const body = parseBody<T>(this.options.provider, response.body, !idempotent);
      outcome = response.statusCode < 400 ? 'success' : response.statusCode >= 500 ? 'error' : 'rejected';
      this.log(request, response.statusCode, started);
      return { status: response.statusCode, body };
    } catch (error) {
      const providerError = error instanceof ProviderError ? error : this.transportError(error, idempotent);
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

  private transportError(error: unknown, idempotent: boolean): ProviderError {
    const provider = this.options.provider;
    const sent = !idempotent && mayHaveReachedProvider(error);
    if (error instanceof TimeoutError) {
      return new ProviderError(provider, 'PROVIDER_TIMEOUT', `${provider} did not answer in time`, {
        outcomeUnknown: sent,
        cause: error,
      });
    }
    const code = error instanceof RequestError ? error.code : undefined;
    return new ProviderError(
      provider,
      'PROVIDER_UNAVAILABLE',
      `${provider} could not be reached (${code ?? 'error'})`,
      {
        outcomeUnknown: sent,
        cause: error,
      },
    );
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

/**
 * Whether a failed request may have been received (and acted on) by the provider. Only a failure before
 * the connection was established proves it was not.
 */
function mayHaveReachedProvider(error: unknown): boolean {
  if (!(error instanceof RequestError)) return true;
  if (['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN', 'EHOSTUNREACH', 'ENETUNREACH'].includes(error.code))
    return false;
  if (error instanceof TimeoutError && ['lookup', 'connect', 'secureConnect'].includes(error.event))
    return false;
  return true;
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
