import type { NumeroPayConfig } from '../../config/numeropay.config.js';
import { Provider } from '../../domain/provider.js';
import { ProviderHttpClient } from '../shared/http-client.js';
import { type ProviderRequest } from '../shared/http-wire.js';
import type { ProviderDeps } from '../shared/provider-deps.js';
import type { TokenManager } from '../shared/token-manager.js';
import { createNumeroPayTokenManager, type NumeroPayCredential } from './numeropay.auth.js';
import type { NumeroPayOperation } from './numeropay.errors.js';
import { readTransaction, readTransactions, unwrapEnvelope } from './numeropay.response.js';
import type {
  NumeroPayCreateTransactionRequest,
  NumeroPayListTransactionsQuery,
  NumeroPayTransaction,
} from './numeropay.types.js';

export interface NumeroPayClientOptions {
  /** Clock for token issue and expiry (epoch ms); tests move it. */
  now?: () => number;
}

/**
 * NumeroPay's transaction API over HTTP. Each call carries a cached self-minted JWT as a Bearer token;
 * answers are unwrapped from NumeroPay's envelope and failures become ProviderError.
 */
export class NumeroPayClient {
  private readonly http: ProviderHttpClient;
  private readonly tokens: TokenManager<NumeroPayCredential>;

  constructor(config: NumeroPayConfig, deps: ProviderDeps, options: NumeroPayClientOptions = {}) {
    this.http = new ProviderHttpClient({
      provider: Provider.NUMEROPAY,
      baseUrl: config.baseUrl,
      timeoutMs: config.timeoutMs,
      logger: deps.logger,
      metrics: deps.metrics,
      client: deps.httpClient,
    });
    this.tokens = createNumeroPayTokenManager(config, deps.metrics, options.now);
  }

  /** Creates a transaction; sent once, never retried (it moves money). */
  async createTransaction(request: NumeroPayCreateTransactionRequest): Promise<NumeroPayTransaction> {
    const operation = 'createTransaction';
    const data = await this.call(operation, { method: 'POST', path: '/transaction', json: request });
    return readTransaction(data, operation);
  }

  async getTransaction(id: string): Promise<NumeroPayTransaction> {
    const operation = 'getTransaction';
    const data = await this.call(operation, {
      method: 'GET',
      path: `/transaction/${encodeURIComponent(id)}`,
    });
    return readTransaction(data, operation);
  }

  async listTransactions(query: NumeroPayListTransactionsQuery = {}): Promise<NumeroPayTransaction[]> {
    const operation = 'listTransactions';
    const data = await this.call(operation, {
      method: 'GET',
      path: '/transaction',
      searchParams: listParameters(query),
    });
    return readTransactions(data, operation);
  }

  private call(operation: NumeroPayOperation, request: Omit<ProviderRequest, 'operation'>): Promise<unknown> {
    return this.tokens.withCredential(async (credential) => {
      const response = await this.http.request({
        ...request,
        operation,
        headers: { authorization: `Bearer ${credential.token}` },
      });
      return unwrapEnvelope(response, operation);
    });
  }
}

function listParameters(query: NumeroPayListTransactionsQuery): Record<string, string | number> {
  const parameters: Record<string, string | number> = {};
  if (query.limit !== undefined) parameters.limit = query.limit;
  if (query.from !== undefined) parameters.from = query.from;
  if (query.status?.length) parameters.status = JSON.stringify(query.status);
  if (query.businessName?.length) parameters.business_name = JSON.stringify(query.businessName);
  return parameters;
}
