import { Provider } from '../../domain/provider.js';
import type { ProviderHttpClient } from '../shared/http-client.js';
import { ProviderError, errorForStatus } from '../shared/provider-error.js';
import type { TokenManager } from '../shared/token-manager.js';
import type { NupeyeCredential } from './nupeye.auth.js';
import {
  classifyRejection,
  effectiveStatus,
  readOperationResult,
  type NupeyeOperationResult,
} from './nupeye.mapper.js';
import type { NupeyeRechargeRequest, NupeyeTransferRequest } from './nupeye.types.js';

/**
 * Nupeye's money calls. Each is sent once; a call refused for its token (401, before Nupeye acted) is
 * replayed once by the token manager with a refreshed token.
 */
export class NupeyeClient {
  constructor(
    private readonly http: ProviderHttpClient,
    private readonly tokens: TokenManager<NupeyeCredential>,
  ) {}

  rechargeAccount(request: NupeyeRechargeRequest): Promise<NupeyeOperationResult> {
    return this.send('rechargeAccount', '/recharge_account', request);
  }

  transferAmount(request: NupeyeTransferRequest): Promise<NupeyeOperationResult> {
    return this.send('transferAmount', '/transfer_amount', request);
  }

  private send(operation: string, path: string, json: NupeyeTransferRequest): Promise<NupeyeOperationResult> {
    return this.tokens.withCredential(async (credential) => {
      const { status, body } = await this.http.request({
        operation,
        method: 'POST',
        path,
        json,
        headers: { Authentication: credential.token },
      });
      return interpret(status, body);
    });
  }
}

function interpret(httpStatus: number, body: unknown): NupeyeOperationResult {
  const status = effectiveStatus(httpStatus, body);
  if (status >= 200 && status < 300) {
    const result = readOperationResult(body);
    if (result) return result;
    // An HTTP 200 we cannot read may still be a recharge that took effect.
    throw new ProviderError(
      Provider.NUPEYE,
      'PROVIDER_BAD_RESPONSE',
      'Nupeye answered an unreadable success',
      {
        status,
        outcomeUnknown: true,
      },
    );
  }
  if (status === 401) {
    throw new ProviderError(Provider.NUPEYE, 'PROVIDER_TOKEN_REJECTED', 'Nupeye refused our token', {
      status,
    });
  }
  if (status >= 400 && status < 500 && status !== 403) {
    const rejection = classifyRejection(body);
    throw new ProviderError(
      Provider.NUPEYE,
      'PROVIDER_REJECTED',
      `Nupeye rejected the request (${rejection})`,
      {
        status,
        providerCode: rejection,
      },
    );
  }
  // 403 (our credentials) and 5xx; a 5xx other than 503 may come after Nupeye acted.
  throw errorForStatus(Provider.NUPEYE, status);
}
