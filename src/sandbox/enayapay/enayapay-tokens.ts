import { randomBytes } from 'node:crypto';
import { SignJWT, jwtVerify } from 'jose';

const DAY_MS = 24 * 60 * 60 * 1000;

/**
 * User tokens as EnayaPay issues them: an HS256 JWT whose payload is `{username, expiry}`, `expiry`
 * being a date (YYYY-MM-DD, UTC). The provider accepts a token through the end of its expiry day.
 */
export class SimulatedTokens {
  private readonly secret = new Uint8Array(randomBytes(32));

  constructor(
    private readonly lifetimeDays: number,
    private readonly now: () => number,
  ) {}

  async issue(userId: string): Promise<string> {
    const expiry = new Date(this.now() + this.lifetimeDays * DAY_MS).toISOString().slice(0, 10);
    return new SignJWT({ username: userId, expiry })
      .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
      .sign(this.secret);
  }

  /** The user id of a token this simulator signed and whose expiry day has not passed; else undefined. */
  async verify(token: string): Promise<string | undefined> {
    try {
      const { payload } = await jwtVerify(token, this.secret, { algorithms: ['HS256'] });
      const { username, expiry } = payload as { username?: unknown; expiry?: unknown };
      if (typeof username !== 'string' || typeof expiry !== 'string') return undefined;
      if (!/^\d{4}-\d{2}-\d{2}$/.test(expiry) || new Date(this.now()).toISOString().slice(0, 10) > expiry)
        return undefined;
      return username;
    } catch {
      return undefined;
    }
  }
}
