import { ConfigError } from './config-error.js';
import { readPositiveInt, readProviderSection, readUrl, type Env } from './provider-section.js';

export interface DigiPayConfig {
  /** Base URL including `/digipay/v3`. */
  baseUrl: string;
  /** The company's API token, sent as `Authorization: Token <token>`. */
  token: string;
  /** Sent in the `CompanyID` header. */
  companyId: string;
  /** DigiPay never states a currency: every DigiPay amount is in this one (ISO 4217). */
  currency: string;
  timeoutMs: number;
}

const DEFAULT_CURRENCY = 'NPR';
const DEFAULT_TIMEOUT_MS = 15_000;

export function readDigiPayConfig(env: Env): DigiPayConfig | undefined {
  const section = readProviderSection(
    env,
    'DigiPay',
    ['DIGIPAY_BASE_URL', 'DIGIPAY_TOKEN', 'DIGIPAY_COMPANY_ID'],
    ['DIGIPAY_CURRENCY'],
  );
  if (!section) return undefined;
  const currency = (section.DIGIPAY_CURRENCY ?? DEFAULT_CURRENCY).toUpperCase();
  if (!/^[A-Z]{3}$/.test(currency)) throw new ConfigError('DIGIPAY_CURRENCY must be an ISO 4217 code');
  return {
    baseUrl: readUrl('DIGIPAY_BASE_URL', section.DIGIPAY_BASE_URL),
    token: section.DIGIPAY_TOKEN,
    companyId: section.DIGIPAY_COMPANY_ID,
    currency,
    timeoutMs: readPositiveInt(env, 'DIGIPAY_TIMEOUT_MS', DEFAULT_TIMEOUT_MS),
  };
}
