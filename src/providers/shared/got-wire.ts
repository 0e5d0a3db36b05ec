import http from 'node:http';
import https from 'node:https';
import got, { RequestError, TimeoutError, type Got } from 'got';
import { type ProviderRequest } from './http-wire.js';
import {
  NOT_CONNECTED_CODES,
  READ_RETRY,
  transportFailure,
  type ProviderWire,
  type WireOptions,
  type WireResponse,
} from './http-wire.js';

/** The got wire: keep-alive agents per provider, got's own retry engine set to READ_RETRY. */
export class GotWire implements ProviderWire {
  private readonly got: Got;

  constructor(private readonly options: WireOptions) {
    const agentOptions = { keepAlive: true, maxSockets: options.maxSockets };
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

  async send(request: ProviderRequest, idempotent: boolean): Promise<WireResponse> {
    try {
      const response = await this.got(request.path.replace(/^\//, ''), {
        method: request.method,
        json: request.json,
        form: request.form,
        headers: request.headers,
        searchParams: request.searchParams,
        retry: idempotent
          ? {
              limit: READ_RETRY.limit,
              methods: [request.method],
              statusCodes: [...READ_RETRY.statusCodes],
              errorCodes: [...READ_RETRY.errorCodes],
              backoffLimit: READ_RETRY.backoffLimitMs,
              noise: READ_RETRY.noiseMs,
            }
          : { limit: 0 },
      });
      return { status: response.statusCode, text: response.body };
    } catch (error) {
      const code = error instanceof RequestError ? error.code : undefined;
      const kind = error instanceof TimeoutError ? 'timeout' : 'unavailable';
      throw transportFailure(
        this.options.provider,
        kind,
        code,
        !idempotent && mayHaveReachedProvider(error),
        error,
      );
    }
  }
}

/**
 * Whether a failed request may have been received (and acted on) by the provider. Only a failure before
 * the connection was established proves it was not.
 */
function mayHaveReachedProvider(error: unknown): boolean {
  if (!(error instanceof RequestError)) return true;
  if (NOT_CONNECTED_CODES.includes(error.code)) return false;
  if (error instanceof TimeoutError && ['lookup', 'connect', 'secureConnect'].includes(error.event))
    return false;
  return true;
}
