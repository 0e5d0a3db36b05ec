import { setTimeout as sleep } from 'node:timers/promises';
import type { Dispatcher, Pool } from 'undici';
import { type ProviderRequest } from './http-wire.js';
import {
  NOT_CONNECTED_CODES,
  READ_RETRY,
  transportFailure,
  type ProviderWire,
  type WireOptions,
  type WireResponse,
} from './http-wire.js';
import type { ProviderError } from './provider-error.js';
import { collectAnswer, DeadlineExceeded } from './undici-answer.js';

/** A failed attempt: the error to throw, and whether READ_RETRY allows another try. */
interface AttemptFailure {
  error: ProviderError;
  retryable: boolean;
}

/**
 * The undici wire: one keep-alive Pool per provider (at most `maxSockets` connections), a deadline of
 * `timeoutMs` per attempt, and READ_RETRY applied here since undici does not retry by itself.
 */
export class UndiciWire implements ProviderWire {
  /** Made on the first call (see loadUndici). */
  private pool: Promise<Pool> | undefined;
  /** The pool once made: later calls reach it without waiting a turn for the promise. */
  private ready: Pool | undefined;
  /** The base URL with a trailing slash, so paths resolve below it as got's prefixUrl does. */
  private readonly prefix: string;

  constructor(private readonly options: WireOptions) {
    this.prefix = options.baseUrl.endsWith('/') ? options.baseUrl : `${options.baseUrl}/`;
  }

  private poolOf(): Promise<Pool> {
    this.pool ??= loadUndici().then(
      ({ Pool }) =>
        (this.ready = new Pool(new URL(this.prefix).origin, {
          connections: this.options.maxSockets,
          connect: { timeout: this.options.timeoutMs },
          headersTimeout: this.options.timeoutMs,
          bodyTimeout: this.options.timeoutMs,
        })),
    );
    return this.pool;
  }

  async send(request: ProviderRequest, idempotent: boolean): Promise<WireResponse> {
    const dispatch = this.dispatchOptions(request);
    for (let attempt = 1; ; attempt += 1) {
      const retriesLeft = idempotent && attempt <= READ_RETRY.limit;
      let response: WireResponse & { retryAfterMs?: number };
      try {
        response = await this.attempt(dispatch);
      } catch (error) {
        const failure = this.failure(error, idempotent);
        if (!retriesLeft || !failure.retryable) throw failure.error;
        await sleep(backoffMs(attempt));
        continue;
      }
      if (!retriesLeft || !READ_RETRY.statusCodes.includes(response.status))
        return { status: response.status, text: response.text };
      // A Retry-After longer than our own deadline is not waited for: the answer stands.
      const wait = response.retryAfterMs || backoffMs(attempt);
      if (wait > this.options.timeoutMs) return { status: response.status, text: response.text };
      await sleep(wait);
    }
  }

  private dispatchOptions(request: ProviderRequest): Dispatcher.DispatchOptions {
    const url = new URL(request.path.replace(/^\//, ''), this.prefix);
    for (const [name, value] of Object.entries(request.searchParams ?? {}))
      url.searchParams.append(name, String(value));
    const headers: Record<string, string> = { accept: 'application/json', ...this.options.headers };
    let body: string | undefined;
    if (request.json !== undefined) {
      headers['content-type'] = 'application/json';
      body = JSON.stringify(request.json);
    } else if (request.form !== undefined) {
      headers['content-type'] = 'application/x-www-form-urlencoded';
      body = new URLSearchParams(request.form).toString();
    }
    for (const [name, value] of Object.entries(request.headers ?? {})) headers[name.toLowerCase()] = value;
    return {
      method: request.method.toUpperCase() as Dispatcher.HttpMethod,
      path: `${url.pathname}${url.search}`,
      headers,
      body,
    };
  }

  /** One attempt under its own deadline (collectAnswer), the pool made first if this is the first call. */
  private async attempt(
    dispatch: Dispatcher.DispatchOptions,
  ): Promise<WireResponse & { retryAfterMs?: number }> {
    const pool = this.ready ?? (await this.poolOf());
    const answer = await collectAnswer(pool, dispatch, this.options.timeoutMs);
    return { status: answer.status, text: answer.text, retryAfterMs: retryAfterMs(answer.retryAfter) };
  }

  private failure(error: unknown, idempotent: boolean): AttemptFailure {
    const provider = this.options.provider;
    const code = errorCode(error);
    if (error instanceof DeadlineExceeded || TIMEOUT_CODES.includes(code ?? '')) {
      // Only a connect timeout proves the request never left.
      const sent = code !== 'UND_ERR_CONNECT_TIMEOUT';
      return {
        error: transportFailure(provider, 'timeout', 'ETIMEDOUT', !idempotent && sent, error),
        retryable: true,
      };
    }
    const systemCode = code === 'UND_ERR_SOCKET' ? (errorCode(causeOf(error)) ?? 'ECONNRESET') : code;
    const sent = !NOT_CONNECTED_CODES.includes(systemCode ?? '');
    return {
      error: transportFailure(provider, 'unavailable', systemCode, !idempotent && sent, error),
      retryable: code === 'UND_ERR_SOCKET' || READ_RETRY.errorCodes.includes(systemCode ?? ''),
    };
  }
}

let undici: Promise<{ Pool: typeof Pool }> | undefined;

/**
 * undici, loaded by the first provider call rather than at start-up (which makes none): it is the
 * largest package a gateway bundles, and parsing and evaluating it was a tenth of start→ready. The
 * first call waits for it once (tens of ms) before its deadline starts.
 */
function loadUndici(): Promise<{ Pool: typeof Pool }> {
  // A CommonJS package: bundled, its exports are only `default`; from source, named ones too.
  undici ??= import('undici').then((module) => ({ Pool: module.Pool ?? module.default.Pool }));
  return undici;
}

const TIMEOUT_CODES: readonly string[] = [
  'UND_ERR_CONNECT_TIMEOUT',
  'UND_ERR_HEADERS_TIMEOUT',
  'UND_ERR_BODY_TIMEOUT',
];

/** The same backoff as got's: doubling from 1 s, capped, plus jitter. */
function backoffMs(attempt: number): number {
  return Math.min(2 ** (attempt - 1) * 1000, READ_RETRY.backoffLimitMs) + Math.random() * READ_RETRY.noiseMs;
}

function retryAfterMs(header: string | string[] | undefined): number | undefined {
  const value = Array.isArray(header) ? header[0] : header;
  if (value === undefined || value.trim() === '') return undefined;
  const seconds = Number(value);
  if (!Number.isNaN(seconds)) return seconds * 1000;
  const until = Date.parse(value) - Date.now();
  return Number.isNaN(until) ? undefined : Math.max(until, 1);
}

function errorCode(error: unknown): string | undefined {
  if (typeof error !== 'object' || error === null) return undefined;
  const code = (error as { code?: unknown }).code;
  if (typeof code === 'string') return code;
  // Happy-eyeballs connects fail with an AggregateError of the attempts.
  const [first] = (error as { errors?: unknown[] }).errors ?? [];
  return first === undefined ? undefined : errorCode(first);
}

function causeOf(error: unknown): unknown {
  return typeof error === 'object' && error !== null ? (error as { cause?: unknown }).cause : undefined;
}
