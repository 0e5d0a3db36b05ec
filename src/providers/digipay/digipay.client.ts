import type { DigiPayConfig } from '../../config/digipay.config.js';
import { Provider } from '../../domain/provider.js';
import { ProviderHttpClient, type ProviderResponse } from '../shared/http-client.js';
import type { ProviderDeps } from '../shared/provider-deps.js';
import { errorForStatus, ProviderError } from '../shared/provider-error.js';
import { digiPayAuthHeaders } from './digipay.auth.js';
import type { DigiPayEnvelope, DigiPayTopupRequest } from './digipay.types.js';

/**
 * DigiPay over HTTP: static credentials on every call and the `{success, error, data}` envelope decoded.
 * Returns the envelope's `data` only for a success; everything else becomes a ProviderError whose message is
 * ours (the provider's body is never passed on).
 */
export class DigiPayClient {
  private readonly http: ProviderHttpClient;

  constructor(config: DigiPayConfig, deps: ProviderDeps) {
    this.http = new ProviderHttpClient({
      provider: Provider.DIGIPAY,
      baseUrl: config.baseUrl,
      timeoutMs: config.timeoutMs,
      logger: deps.logger,
      metrics: deps.metrics,
      client: deps.httpClient,
      headers: digiPayAuthHeaders(config),
    });
  }

  /** Charges for a prospective top-up. It moves no money, so it is retried like a read. */
  async calculateCharges(request: DigiPayTopupRequest): Promise<unknown> {
    const response = await this.http.request<unknown>({
      operation: 'calculateCharges',
      method: 'POST',
      path: '/transaction/agent_calculate_charges',
      json: request,
      idempotent: true,
    });
    return decodeEnvelope(response, false);
  }

  /** Tops a wallet up. Sent exactly once: DigiPay has no idempotency key and no status API. */
  async walletTopup(request: DigiPayTopupRequest): Promise<unknown> {
    const response = await this.http.request<unknown>({
      operation: 'walletTopup',
      method: 'POST',
      path: '/transaction/wallet_topup',
      json: request,
    });
    return decodeEnvelope(response, true);
  }
}

/**
 * The envelope's `data` (unchecked: the mapper reads it) when DigiPay reports success. HTTP 200 with `success: 0` is a decline; other
 * statuses follow the shared mapping (401/403 credentials, 5xx unavailable). An answer we cannot read
 * after a money-moving call leaves its outcome unknown.
 */
export function decodeEnvelope(response: ProviderResponse<unknown>, movesMoney: boolean): unknown {
  const { status, body } = response;
  const envelope = isEnvelope(body) ? body : undefined;
  const providerCode = envelope && providerCodeOf(envelope);
  if (status < 200 || status >= 300) throw errorForStatus(Provider.DIGIPAY, status, providerCode);
  if (!envelope) {
    throw new ProviderError(
      Provider.DIGIPAY,
      'PROVIDER_BAD_RESPONSE',
      'DIGIPAY answered without its envelope',
      {
        status,
        outcomeUnknown: movesMoney,
      },
    );
  }
  if (!isSuccess(envelope.success)) {
    throw new ProviderError(Provider.DIGIPAY, 'PROVIDER_REJECTED', 'DIGIPAY declined the request', {
      status,
      providerCode,
    });
  }
  return envelope.data;
}

function isEnvelope(body: unknown): body is DigiPayEnvelope {
  return typeof body === 'object' && body !== null && 'success' in body;
}

function isSuccess(flag: DigiPayEnvelope['success']): boolean {
  return flag === 1 || flag === true || flag === '1';
}

/** A short code safe to log: the envelope's code-like message, else its first error entry. */
function providerCodeOf(envelope: DigiPayEnvelope): string | undefined {
  const data = envelope.data as { message?: unknown } | undefined;
  if (typeof data?.message === 'string' && /^[A-Z][A-Z0-9_]{0,63}$/.test(data.message)) return data.message;
  const first = Array.isArray(envelope.error) ? envelope.error[0] : undefined;
  if (typeof first === 'number' || (typeof first === 'string' && /^[\w.-]{1,64}$/.test(first)))
    return String(first);
  return undefined;
}
