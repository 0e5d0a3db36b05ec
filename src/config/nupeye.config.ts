import { ConfigError } from './config-error.js';
import { readPositiveInt, readProviderSection, readUrl, type Env } from './provider-section.js';

export interface NupeyeConfig {
  /** Base URL including `/recharge_services/v1`. */
  baseUrl: string;
  /** API_USER_NAME: the login user name, also sent as `app_id`. */
  apiUser: string;
  /** API_KEY: the login `authentication_key` and `x-api-key`. */
  apiKey: string;
  /** ISO 4217 code of Nupeye amounts; the provider's documents do not state one. */
  currency: string;
  /** How long a token is trusted after login or refresh (the provider states 24 hours). */
  tokenLifetimeMs: number;
  timeoutMs: number;
}

const HOUR_SECONDS = 3600;

export function readNupeyeConfig(env: Env): NupeyeConfig | undefined {
  const section = readProviderSection(
    env,
    'Nupeye',
    ['NUPEYE_BASE_URL', 'NUPEYE_API_USER', 'NUPEYE_API_KEY'],
    ['NUPEYE_CURRENCY'],
  );
  if (!section) return undefined;
  return {
    baseUrl: readUrl('NUPEYE_BASE_URL', section.NUPEYE_BASE_URL),
    apiUser: section.NUPEYE_API_USER,
    apiKey: section.NUPEYE_API_KEY,
    currency: readCurrency(section.NUPEYE_CURRENCY ?? 'INR'),
    tokenLifetimeMs: readPositiveInt(env, 'NUPEYE_TOKEN_LIFETIME_SECONDS', 24 * HOUR_SECONDS) * 1000,
    timeoutMs: readPositiveInt(env, 'NUPEYE_TIMEOUT_MS', 15_000),
  };
}

function readCurrency(value: string): string {
  const code = value.toUpperCase();
  if (!/^[A-Z]{3}$/.test(code)) throw new ConfigError('NUPEYE_CURRENCY must be a three-letter ISO 4217 code');
  return code;
}
