import { randomBytes, timingSafeEqual } from 'node:crypto';

export interface NchlTokenLifetimes {
  /** Access tokens (300 s at NCHL). */
  accessSeconds: number;
  /** Refresh tokens (12 h at NCHL, "may vary as per NCHL Security Policy"). */
  refreshSeconds: number;
}

export interface NchlOAuthCredentials {
  clientId: string;
  clientSecret: string;
  username: string;
  password: string;
}

export type NchlGrant = 'password' | 'refresh_token';

/** An OAuth error as Spring-style authorization servers answer it. */
export interface NchlOAuthError {
  status: number;
  body: { error: string; error_description: string };
}

export interface NchlTokenResponse {
  access_token: string;
  token_type: 'bearer';
  refresh_token: string;
  expires_in: number;
  refresh_expires_in: number;
  scope: string;
}

interface IssuedToken {
  expiresAt: number;
  /** Access tokens issued by the password grant may not be used on the API (the document says so). */
  grant: NchlGrant;
}

/** The simulator's authorization server: issues, expires and checks tokens. */
export class NchlOAuthServer {
  private readonly accessTokens = new Map<string, IssuedToken>();
  private readonly refreshTokens = new Map<string, IssuedToken>();

  constructor(
    private readonly credentials: NchlOAuthCredentials,
    public lifetimes: NchlTokenLifetimes,
    private readonly now: () => number = Date.now,
  ) {}

  grant(
    authorization: string | undefined,
    form: Record<string, string | undefined>,
  ): NchlTokenResponse | NchlOAuthError {
    if (!this.clientAuthenticated(authorization)) {
      return oauthError(401, 'invalid_client', 'Bad client credentials');
    }
    switch (form.grant_type) {
      case 'password':
        if (
          !sameSecret(form.username, this.credentials.username) ||
          !sameSecret(form.password, this.credentials.password)
        ) {
          return oauthError(400, 'invalid_grant', 'Bad credentials');
        }
        return this.issue('password', this.newRefreshToken());
      case 'refresh_token': {
        const refreshToken = form.refresh_token ?? '';
        const issued = this.refreshTokens.get(refreshToken);
        if (!issued) return oauthError(400, 'invalid_grant', 'Invalid refresh token');
        if (issued.expiresAt <= this.now()) {
          this.refreshTokens.delete(refreshToken);
          return oauthError(400, 'invalid_grant', 'Invalid refresh token (expired)');
        }
        return this.issue('refresh_token', refreshToken);
      }
      default:
        return oauthError(400, 'unsupported_grant_type', 'Unsupported grant type');
    }
  }

  /** Why an API call's bearer token is refused, or undefined when it is accepted. */
  refuseBearer(authorization: string | undefined): string | undefined {
    const match = /^Bearer (\S+)$/i.exec(authorization ?? '');
    const issued = match ? this.accessTokens.get(match[1]!) : undefined;
    if (!issued) return 'Invalid access token';
    if (issued.expiresAt <= this.now()) return 'Access token expired';
    if (issued.grant === 'password') return 'Access token of the password grant is not accepted';
    return undefined;
  }

  /** Ends every access token now, as if their 300 s had passed. */
  expireAccessTokens(): void {
    for (const token of this.accessTokens.values()) token.expiresAt = 0;
  }

  /** Ends every refresh token now (expiry or revocation by NCHL). */
  expireRefreshTokens(): void {
    for (const token of this.refreshTokens.values()) token.expiresAt = 0;
  }

  clear(): void {
    this.accessTokens.clear();
    this.refreshTokens.clear();
  }

  private newRefreshToken(): string {
    const token = randomBytes(24).toString('base64url');
    this.refreshTokens.set(token, {
      expiresAt: this.now() + this.lifetimes.refreshSeconds * 1000,
      grant: 'password',
    });
    return token;
  }

  private issue(grant: NchlGrant, refreshToken: string): NchlTokenResponse {
    const accessToken = randomBytes(24).toString('base64url');
    this.accessTokens.set(accessToken, {
      expiresAt: this.now() + this.lifetimes.accessSeconds * 1000,
      grant,
    });
    const refreshExpiresAt = this.refreshTokens.get(refreshToken)!.expiresAt;
    return {
      access_token: accessToken,
      token_type: 'bearer',
      refresh_token: refreshToken,
      expires_in: this.lifetimes.accessSeconds,
      refresh_expires_in: Math.max(0, Math.floor((refreshExpiresAt - this.now()) / 1000)),
      scope: 'read write',
    };
  }

  private clientAuthenticated(authorization: string | undefined): boolean {
    const match = /^Basic (\S+)$/i.exec(authorization ?? '');
    if (!match) return false;
    const decoded = Buffer.from(match[1]!, 'base64').toString('utf8');
    const colon = decoded.indexOf(':');
    if (colon < 0) return false;
    return (
      sameSecret(decoded.slice(0, colon), this.credentials.clientId) &&
      sameSecret(decoded.slice(colon + 1), this.credentials.clientSecret)
    );
  }
}

export function isOAuthError(result: NchlTokenResponse | NchlOAuthError): result is NchlOAuthError {
  return 'status' in result;
}

function oauthError(status: number, error: string, description: string): NchlOAuthError {
  return { status, body: { error, error_description: description } };
}

function sameSecret(given: string | undefined, expected: string): boolean {
  const a = Buffer.from(given ?? '', 'utf8');
  const b = Buffer.from(expected, 'utf8');
  return a.length === b.length && timingSafeEqual(a, b);
}
