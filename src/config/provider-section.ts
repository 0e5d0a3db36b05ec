import { ConfigError } from './config-error.js';
import type { Env } from './env.js';

export type { Env } from './env.js';

/**
 * Reads one provider's variables. All absent → undefined (the provider is disabled); some present but
 * not all → a ConfigError naming the first missing one. Optional names may be absent either way.
 */
export function readProviderSection<Required extends string, Optional extends string = never>(
  env: Env,
  provider: string,
  required: readonly Required[],
  optional: readonly Optional[] = [],
): (Record<Required, string> & Partial<Record<Optional, string>>) | undefined {
  const present = (name: string) => (env[name] ?? '').trim() !== '';
  if (!required.some(present)) return undefined;
  const missing = required.find((name) => !present(name));
  if (missing) throw new ConfigError(`${missing} is required when ${provider} is configured`);
  const section: Record<string, string> = {};
  for (const name of [...required, ...optional]) {
    if (present(name)) section[name] = env[name]!.trim();
  }
  return section as Record<Required, string> & Partial<Record<Optional, string>>;
}

export function readUrl(name: string, value: string): string {
  try {
    const url = new URL(value);
    if (url.protocol !== 'http:' && url.protocol !== 'https:') throw new Error('protocol');
  } catch {
    throw new ConfigError(`${name} must be an http(s) URL`);
  }
  return value.replace(/\/+$/, '');
}

/** Node timers fire at once for longer delays, so a larger timeout would fail every call immediately. */
const MAX_TIMER_MS = 2_147_483_647;

export function readPositiveInt(env: Env, name: string, fallback: number, max = MAX_TIMER_MS): number {
  const raw = env[name];
  if (raw === undefined || raw.trim() === '') return fallback;
  if (!/^\d+$/.test(raw.trim()) || Number(raw) <= 0)
    throw new ConfigError(`${name} must be a positive integer`);
  if (Number(raw) > max) throw new ConfigError(`${name} must be at most ${max}`);
  return Number(raw);
}
