import { describe, expect, it } from '@jest/globals';
import { AccountAttemptGuard, TooManyAttemptsError } from '../../../src/sessions/account-attempts.js';
import { InMemoryRateLimiter } from '../../../src/shared-state/in-memory-rate-limiter.js';

const rules = {
  perSubject: { limit: 3, windowMs: 60_000 },
  perAddress: { limit: 5, windowMs: 60_000 },
};
const allRules = { register: rules, verify: rules, login: rules, password: rules, card: rules };

describe('account attempt limits', () => {
  it('limits a phone number, then lets it try again after the window', async () => {
    let now = 0;
    const guard = new AccountAttemptGuard(new InMemoryRateLimiter(() => now), allRules);
    for (let attempt = 0; attempt < 3; attempt += 1) await guard.attempt('login', '249912345678', '10.0.0.1');
    const error = await guard.attempt('login', '249912345678', '10.0.0.2').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(TooManyAttemptsError);
    expect((error as TooManyAttemptsError).retryAfterSeconds).toBe(60);
    now += 60_000;
    await expect(guard.attempt('login', '249912345678', '10.0.0.3')).resolves.toBeUndefined();
  });

  it('limits one address across many phone numbers', async () => {
    const guard = new AccountAttemptGuard(new InMemoryRateLimiter(), allRules);
    for (let attempt = 0; attempt < 5; attempt += 1)
      await guard.attempt('verify', `24991234567${attempt}`, '10.0.0.9');
    await expect(guard.attempt('verify', '249912345699', '10.0.0.9')).rejects.toBeInstanceOf(
      TooManyAttemptsError,
    );
    await expect(guard.attempt('verify', '249912345699', '10.0.0.8')).resolves.toBeUndefined();
  });

  it('keeps actions apart, and a success clears the subject but not the address', async () => {
    const guard = new AccountAttemptGuard(new InMemoryRateLimiter(), allRules);
    for (let attempt = 0; attempt < 3; attempt += 1) await guard.attempt('login', 'p', 'a');
    await expect(guard.attempt('verify', 'p', 'a')).resolves.toBeUndefined();
    await guard.succeeded('login', 'p');
    await guard.attempt('login', 'p', 'a');
    await guard.attempt('login', 'p', 'a');
    // The phone has 3 attempts since its success (allowed); the address has 6 (over its 5).
    await expect(guard.attempt('login', 'p', 'a')).rejects.toBeInstanceOf(TooManyAttemptsError);
  });
});
