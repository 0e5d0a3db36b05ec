import { randomBytes } from 'node:crypto';

export interface NupeyeSession {
  readonly apiUser: string;
  readonly token: string;
  readonly refreshToken: string;
  expiresAt: number;
  refreshExpiresAt: number;
}

export interface NupeyeTokenLifetimes {
  tokenMs: number;
  refreshTokenMs: number;
}

/**
 * Tokens the simulated Nupeye has issued. A refresh rotates both tokens: the old pair stops working, so a
 * client that refreshed twice with the same refresh token would be caught.
 */
export class NupeyeTokenStore {
  private readonly byToken = new Map<string, NupeyeSession>();
  private readonly byRefreshToken = new Map<string, NupeyeSession>();

  constructor(
    private readonly lifetimes: NupeyeTokenLifetimes,
    private readonly now: () => number,
  ) {}

  issue(apiUser: string): NupeyeSession {
    const issuedAt = this.now();
    const session: NupeyeSession = {
      apiUser,
      token: opaqueToken(),
      refreshToken: opaqueToken(),
      expiresAt: issuedAt + this.lifetimes.tokenMs,
      refreshExpiresAt: issuedAt + this.lifetimes.refreshTokenMs,
    };
    this.byToken.set(session.token, session);
    this.byRefreshToken.set(session.refreshToken, session);
    return session;
  }

  /** The session of a token that is known and not expired. */
  authenticate(token: string | undefined): NupeyeSession | undefined {
    const session = token === undefined ? undefined : this.byToken.get(token);
    return session && this.now() < session.expiresAt ? session : undefined;
  }

  /** Rotates the pair when `refreshToken` is live and was issued together with `token`. */
  refresh(token: string | undefined, refreshToken: string): NupeyeSession | undefined {
    const session = this.byRefreshToken.get(refreshToken);
    if (!session || session.token !== token || this.now() >= session.refreshExpiresAt) return undefined;
    this.revoke(session);
    return this.issue(session.apiUser);
  }

  /** Makes every token issued so far lapse now (refresh tokens stay usable). */
  expireTokens(): void {
    const now = this.now();
    for (const session of this.byToken.values()) session.expiresAt = Math.min(session.expiresAt, now);
  }

  /** Makes every token and refresh token issued so far lapse now. */
  expireRefreshTokens(): void {
    this.expireTokens();
    const now = this.now();
    for (const session of this.byToken.values())
      session.refreshExpiresAt = Math.min(session.refreshExpiresAt, now);
  }

  clear(): void {
    this.byToken.clear();
    this.byRefreshToken.clear();
  }

  private revoke(session: NupeyeSession): void {
    this.byToken.delete(session.token);
    this.byRefreshToken.delete(session.refreshToken);
  }
}

function opaqueToken(): string {
  return randomBytes(24).toString('base64url');
}
