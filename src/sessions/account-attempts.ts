import { createHash } from 'node:crypto';
import type { RateLimiter, RateLimitRule } from '../domain/ports/rate-limiter.js';

/** Account actions that can be guessed at (OTP, password, IPIN) or abused to send SMS. */
export type AccountAction = 'register' | 'verify' | 'login' | 'password' | 'card';

export interface AccountAttemptRules {
  /** Per phone number; per account for password changes and card inquiries. */
  perSubject: RateLimitRule;
  /** Per client address, across subjects. */
  perAddress: RateLimitRule;
}

const FIFTEEN_MINUTES = 15 * 60_000;
const HOUR = 60 * 60_000;

export const DEFAULT_ACCOUNT_ATTEMPT_RULES: Record<AccountAction, AccountAttemptRules> = {
  register: { perSubject: { limit: 3, windowMs: HOUR }, perAddress: { limit: 10, windowMs: HOUR } },
  verify: {
    perSubject: { limit: 5, windowMs: FIFTEEN_MINUTES },
    perAddress: { limit: 20, windowMs: FIFTEEN_MINUTES },
  },
  login: {
    perSubject: { limit: 5, windowMs: FIFTEEN_MINUTES },
    perAddress: { limit: 20, windowMs: FIFTEEN_MINUTES },
  },
  password: {
    perSubject: { limit: 5, windowMs: FIFTEEN_MINUTES },
    perAddress: { limit: 20, windowMs: FIFTEEN_MINUTES },
  },
  card: {
    perSubject: { limit: 10, windowMs: FIFTEEN_MINUTES },
    perAddress: { limit: 30, windowMs: FIFTEEN_MINUTES },
  },
};

export class TooManyAttemptsError extends Error {
  constructor(readonly retryAfterSeconds: number) {
    super(`Too many attempts; try again in ${retryAfterSeconds} seconds`);
    this.name = 'TooManyAttemptsError';
  }
}

/**
 * Limits brute force on login, OTP and passwords per phone number and per client address. Every attempt
 * counts; a success clears the subject's counter (not the address's), so a user who gets in is not
 * locked out by earlier typos. Keys are hashed to a fixed length, so no raw phone number is a key.
 */
export class AccountAttemptGuard {
  constructor(
    private readonly limiter: RateLimiter,
    private readonly rules: Record<AccountAction, AccountAttemptRules> = DEFAULT_ACCOUNT_ATTEMPT_RULES,
  ) {}

  /** Counts an attempt; throws TooManyAttemptsError when either limit is exceeded. */
  async attempt(action: AccountAction, subject: string, address: string): Promise<void> {
    const rules = this.rules[action];
    const [bySubject, byAddress] = await Promise.all([
      this.limiter.hit(key(action, 'subject', subject), rules.perSubject),
      this.limiter.hit(key(action, 'address', address), rules.perAddress),
    ]);
    const blocked = [bySubject, byAddress].filter((decision) => !decision.allowed);
    if (blocked.length > 0) {
      throw new TooManyAttemptsError(Math.max(...blocked.map((decision) => decision.retryAfterSeconds)));
    }
  }

  async succeeded(action: AccountAction, subject: string): Promise<void> {
    await this.limiter.reset(key(action, 'subject', subject));
  }
}

function key(action: AccountAction, kind: 'subject' | 'address', value: string): string {
  return `account:${action}:${kind}:${createHash('sha256').update(value).digest('base64url').slice(0, 22)}`;
}
