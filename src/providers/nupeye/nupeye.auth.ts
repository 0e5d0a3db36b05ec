import { Provider } from '../../domain/provider.js';
import type { ProviderHttpClient } from '../shared/http-client.js';
import { ProviderError, errorForStatus, isProviderError } from '../shared/provider-error.js';
import type { Credential, TokenLifecycle } from '../shared/token-manager.js';
import { effectiveStatus, readTokens, type NupeyeTokens } from './nupeye.mapper.js';
import type { NupeyeLoginForm, NupeyeRefreshRequest } from './nupeye.types.js';

export interface NupeyeCredential extends Credential, NupeyeTokens {}

export interface NupeyeAuthOptions {
  apiUser: string;
  apiKey: string;
  /** How long a token is trusted after it was obtained (Nupeye gives no expiry in its answers). */
  tokenLifetimeMs: number;
  /** After Nupeye refused our API credentials, logins are not attempted again for this long. */
  refusedLoginCooldownMs?: number;
  now?: () => number;
}

/**
 * Nupeye's token lifecycle: refresh with the previous pair when there is one, log in again when the
 * refresh is refused, and give up with PROVIDER_AUTH_FAILED on "Invalid Login".
 */
export class NupeyeAuth implements TokenLifecycle<NupeyeCredential> {
  private readonly now: () => number;
  private loginRefusedUntil = 0;
  /** A refresh token Nupeye refused: never offered again (the token manager keeps handing it back). */
  private refusedRefreshToken: string | undefined;

  constructor(
    private readonly http: ProviderHttpClient,
    private readonly options: NupeyeAuthOptions,
  ) {
    this.now = options.now ?? Date.now;
  }

  async acquire(
    previous: NupeyeCredential | undefined,
  ): Promise<{ credential: NupeyeCredential; kind: string }> {
    if (previous && previous.refreshToken !== this.refusedRefreshToken) {
      try {
        return { credential: await this.refresh(previous), kind: 'refresh' };
      } catch (error) {
        if (!isProviderError(error, 'PROVIDER_TOKEN_REJECTED')) throw error;
      }
    }
    return { credential: await this.login(), kind: 'login' };
  }

  private async login(): Promise<NupeyeCredential> {
    // Wrong API credentials do not fix themselves: failing fast spares Nupeye a login per request.
    if (this.now() < this.loginRefusedUntil) throw refusedLogin();
    const startedAt = this.now();
    const form: NupeyeLoginForm = {
      user_name: this.options.apiUser,
      authentication_key: this.options.apiKey,
    };
    const { status, body } = await this.http.request({
      operation: 'login',
      method: 'POST',
      path: '/auth/login',
      form,
      headers: { 'x-api-key': this.options.apiKey },
      // Logging in moves no money, so a lost answer may be retried.
      idempotent: true,
    });
    const effective = effectiveStatus(status, body);
    if (effective === 401 || effective === 403) {
      this.loginRefusedUntil = this.now() + (this.options.refusedLoginCooldownMs ?? 30_000);
      throw refusedLogin(effective);
    }
    return this.credentialFrom(effective, body, startedAt, 'login');
  }

  private async refresh(previous: NupeyeCredential): Promise<NupeyeCredential> {
    const startedAt = this.now();
    const json: NupeyeRefreshRequest = { refresh_token: previous.refreshToken };
    const { status, body } = await this.http.request({
      operation: 'refreshAuthentication',
      method: 'POST',
      path: '/auth/refresh_authentication',
      json,
      headers: { 'API-Authentication': previous.token },
    });
    const effective = effectiveStatus(status, body);
    if (effective === 401 || effective === 403) {
      this.refusedRefreshToken = previous.refreshToken;
      throw new ProviderError(
        Provider.NUPEYE,
        'PROVIDER_TOKEN_REJECTED',
        'Nupeye refused our refresh token',
        {
          status: effective,
        },
      );
    }
    return this.credentialFrom(effective, body, startedAt, 'refresh');
  }

  private credentialFrom(
    status: number,
    body: unknown,
    startedAt: number,
    operation: string,
  ): NupeyeCredential {
    if (status < 200 || status >= 300) throw errorForStatus(Provider.NUPEYE, status);
    const tokens = readTokens(body);
    if (!tokens) {
      throw new ProviderError(
        Provider.NUPEYE,
        'PROVIDER_BAD_RESPONSE',
        `Nupeye answered a ${operation} without tokens`,
        { status },
      );
    }
    // Counted from when the request left, so our idea of expiry is never later than Nupeye's.
    return { ...tokens, expiresAt: startedAt + this.options.tokenLifetimeMs };
  }
}

function refusedLogin(status?: number): ProviderError {
  return new ProviderError(Provider.NUPEYE, 'PROVIDER_AUTH_FAILED', 'Nupeye refused our API credentials', {
    status,
    providerCode: 'INVALID_LOGIN',
  });
}
