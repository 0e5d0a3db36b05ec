import { Provider } from '../../domain/provider.js';
import type { ProviderHttpClient } from '../shared/http-client.js';
import { ProviderError, errorForStatus, isProviderError } from '../shared/provider-error.js';
import type { Credential, TokenLifecycle } from '../shared/token-manager.js';
import { readTokenResponse } from './nchl.mapper.js';
import type { NchlOAuthErrorResponse, NchlTokenForm } from './nchl.types.js';

export interface NchlCredential extends Credential {
  accessToken: string;
  refreshToken: string;
  /** Epoch ms after which NCHL no longer accepts the refresh token. */
  refreshExpiresAt: number;
}

export interface NchlAuthOptions {
  clientId: string;
  clientSecret: string;
  username: string;
  password: string;
  /** A refresh token this close to its expiry is not used: the password grant starts over. */
  refreshSkewMs: number;
  now?: () => number;
}

/** The document's refresh token lifetime, used when an answer does not state it. */
const DEFAULT_REFRESH_LIFETIME_S = 12 * 3600;

/**
 * NCHL's OAuth lifecycle, as the document prescribes it: the password grant only yields a refresh
 * token (its access token is never used); access tokens come from the refresh grant; when the refresh
 * token has expired or is refused, the password grant starts over.
 */
export class NchlAuth implements TokenLifecycle<NchlCredential> {
  private readonly now: () => number;
  private readonly basic: string;

  constructor(
    private readonly http: ProviderHttpClient,
    private readonly options: NchlAuthOptions,
  ) {
    this.now = options.now ?? Date.now;
    this.basic = `Basic ${Buffer.from(`${options.clientId}:${options.clientSecret}`, 'utf8').toString('base64')}`;
  }

  async acquire(previous: NchlCredential | undefined): Promise<{ credential: NchlCredential; kind: string }> {
    if (previous && this.now() < previous.refreshExpiresAt - this.options.refreshSkewMs) {
      try {
        return { credential: await this.refreshGrant(previous), kind: 'refresh' };
      } catch (error) {
        if (!isProviderError(error, 'PROVIDER_TOKEN_REJECTED')) throw error;
      }
    }
    const login = await this.passwordGrant();
    try {
      return { credential: await this.refreshGrant(login), kind: 'login' };
    } catch (error) {
      if (!isProviderError(error, 'PROVIDER_TOKEN_REJECTED')) throw error;
      throw new ProviderError(Provider.NCHL, 'PROVIDER_AUTH_FAILED', 'NCHL refused a fresh refresh token', {
        status: error.status,
      });
    }
  }

  /** The refresh token and its expiry; the access token of this grant is dropped unused. */
  private async passwordGrant(): Promise<Pick<NchlCredential, 'refreshToken' | 'refreshExpiresAt'>> {
    const startedAt = this.now();
    const { status, body } = await this.tokenCall('passwordGrant', {
      grant_type: 'password',
      username: this.options.username,
      password: this.options.password,
    });
    if (status === 400 || status === 401 || status === 403) {
      throw new ProviderError(Provider.NCHL, 'PROVIDER_AUTH_FAILED', 'NCHL refused our credentials', {
        status,
        providerCode: oauthErrorCode(body),
      });
    }
    if (status < 200 || status >= 300) throw errorForStatus(Provider.NCHL, status);
    const tokens = readTokenResponse(body);
    if (!tokens?.refreshToken) throw badResponse('password grant', status);
    return {
      refreshToken: tokens.refreshToken,
      refreshExpiresAt: startedAt + (tokens.refreshExpiresInS ?? DEFAULT_REFRESH_LIFETIME_S) * 1000,
    };
  }

  private async refreshGrant(
    held: Pick<NchlCredential, 'refreshToken' | 'refreshExpiresAt'>,
  ): Promise<NchlCredential> {
    const startedAt = this.now();
    const { status, body } = await this.tokenCall('refreshGrant', {
      grant_type: 'refresh_token',
      refresh_token: held.refreshToken,
    });
    const errorCode = oauthErrorCode(body);
    if (status === 401 && errorCode === 'invalid_client') {
      throw new ProviderError(Provider.NCHL, 'PROVIDER_AUTH_FAILED', 'NCHL refused our client credentials', {
        status,
        providerCode: errorCode,
      });
    }
    // invalid_grant (RFC 6749) or invalid_token (Spring): the refresh token expired or was revoked.
    if (status === 400 || status === 401) {
      throw new ProviderError(Provider.NCHL, 'PROVIDER_TOKEN_REJECTED', 'NCHL refused our refresh token', {
        status,
        providerCode: errorCode,
      });
    }
    if (status < 200 || status >= 300) throw errorForStatus(Provider.NCHL, status);
    const tokens = readTokenResponse(body);
    if (!tokens?.accessToken || tokens.expiresInS === undefined) throw badResponse('refresh grant', status);
    // Counted from when the request left, so our idea of expiry is never later than NCHL's.
    const rotated = tokens.refreshToken !== undefined && tokens.refreshToken !== held.refreshToken;
    return {
      accessToken: tokens.accessToken,
      expiresAt: startedAt + tokens.expiresInS * 1000,
      refreshToken: tokens.refreshToken ?? held.refreshToken,
      refreshExpiresAt:
        rotated || tokens.refreshExpiresInS !== undefined
          ? startedAt + (tokens.refreshExpiresInS ?? DEFAULT_REFRESH_LIFETIME_S) * 1000
          : held.refreshExpiresAt,
    };
  }

  private tokenCall(operation: string, form: NchlTokenForm) {
    return this.http.request({
      operation,
      method: 'POST',
      path: '/oauth/token',
      form,
      headers: { authorization: this.basic },
      // Obtaining a token moves no money, so a lost answer may be asked again.
      idempotent: true,
    });
  }
}

function oauthErrorCode(body: unknown): string | undefined {
  const error = (body as NchlOAuthErrorResponse | undefined)?.error;
  return typeof error === 'string' ? error : undefined;
}

function badResponse(what: string, status: number): ProviderError {
  return new ProviderError(Provider.NCHL, 'PROVIDER_BAD_RESPONSE', `NCHL answered a ${what} without tokens`, {
    status,
  });
}
