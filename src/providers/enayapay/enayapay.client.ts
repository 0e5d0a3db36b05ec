import type { EnayaPayConfig } from '../../config/enayapay.config.js';
import { Provider } from '../../domain/provider.js';
import { ProviderHttpClient, type ProviderResponse } from '../shared/http-client.js';
import type { ProviderDeps } from '../shared/provider-deps.js';
import { apiKeyHeaders, userTokenHeaders, type EnayaPayUserToken } from './enayapay.auth.js';
import type {
  EnayaPayBalanceInquiryRequest,
  EnayaPayChangePasswordRequest,
  EnayaPayLoginRequest,
  EnayaPayOperation,
  EnayaPayRegisterRequest,
  EnayaPayResetPasswordRequest,
  EnayaPayVerifyRequest,
} from './enayapay.types.js';

/**
 * EnayaPay over HTTP. The API key rides on every call through the transport's headers; calls that need
 * the user token get it per call. Nothing is retried: registering sends an SMS, a reset or change of
 * password acts, and a balance inquiry's uuid may be used only once. A 302 is an answer, not a redirect.
 * Interpreting statuses is the mapper's job.
 */
export class EnayaPayClient {
  private readonly http: ProviderHttpClient;

  constructor(config: EnayaPayConfig, deps: ProviderDeps) {
    this.http = new ProviderHttpClient({
      provider: Provider.ENAYAPAY,
      baseUrl: config.baseUrl,
      timeoutMs: config.timeoutMs,
      logger: deps.logger,
      metrics: deps.metrics,
      client: deps.httpClient,
      headers: apiKeyHeaders(config.apiKey),
    });
  }

  register(body: EnayaPayRegisterRequest): Promise<ProviderResponse> {
    return this.post('register', 'register/', body);
  }

  verify(body: EnayaPayVerifyRequest): Promise<ProviderResponse> {
    return this.post('verify', 'verify/', body);
  }

  login(body: EnayaPayLoginRequest): Promise<ProviderResponse> {
    return this.post('login', 'login/', body);
  }

  resetPassword(token: EnayaPayUserToken, body: EnayaPayResetPasswordRequest): Promise<ProviderResponse> {
    return this.post('resetPassword', 'rest/password/', body, token);
  }

  changePassword(token: EnayaPayUserToken, body: EnayaPayChangePasswordRequest): Promise<ProviderResponse> {
    return this.post('changePassword', 'change/password/', body, token);
  }

  balanceInquiry(token: EnayaPayUserToken, body: EnayaPayBalanceInquiryRequest): Promise<ProviderResponse> {
    return this.post('balanceInquiry', 'balance/inquiry/', body, token);
  }

  private post(
    operation: EnayaPayOperation,
    path: string,
    json: object,
    token?: EnayaPayUserToken,
  ): Promise<ProviderResponse> {
    return this.http.request({
      operation,
      method: 'POST',
      path,
      json,
      headers: token ? userTokenHeaders(token) : undefined,
      idempotent: false,
    });
  }
}
