import { readPositiveInt, readProviderSection, readUrl, type Env } from './provider-section.js';

export interface NumeroPayConfig {
  /** Base URL of the API (`https://api.numeropay.com`); paths such as `/transaction` are appended. */
  baseUrl: string;
  /** KEY_ID, sent as the JWT header's `keyid`; in test mode `sandbox.<live KEY_ID>`. */
  keyId: string;
  /** KEY_SECRET, the HS256 signing secret; in test mode the live KEY_ID. */
  keySecret: string;
  /** Merchant id: the JWT `sub` and the `merchant` of every transaction we create. */
  merchantId: string;
  /** One of the merchant's business names, shown to the payer. */
  businessName: string;
  timeoutMs: number;
  /** Lifetime of each JWT we mint (the document's sample uses 20 minutes). */
  tokenLifetimeSeconds: number;
}

export const NUMEROPAY_TOKEN_LIFETIME_SECONDS = 20 * 60;
const DEFAULT_TIMEOUT_MS = 15_000;

export function readNumeroPayConfig(env: Env): NumeroPayConfig | undefined {
  const section = readProviderSection(
    env,
    'NumeroPay',
    [
      'NUMEROPAY_BASE_URL',
      'NUMEROPAY_KEY_ID',
      'NUMEROPAY_KEY_SECRET',
      'NUMEROPAY_MERCHANT_ID',
      'NUMEROPAY_BUSINESS_NAME',
    ],
    ['NUMEROPAY_TIMEOUT_MS'],
  );
  if (!section) return undefined;
  return {
    baseUrl: readUrl('NUMEROPAY_BASE_URL', section.NUMEROPAY_BASE_URL),
    keyId: section.NUMEROPAY_KEY_ID,
    keySecret: section.NUMEROPAY_KEY_SECRET,
    merchantId: section.NUMEROPAY_MERCHANT_ID,
    businessName: section.NUMEROPAY_BUSINESS_NAME,
    timeoutMs: readPositiveInt(env, 'NUMEROPAY_TIMEOUT_MS', DEFAULT_TIMEOUT_MS),
    tokenLifetimeSeconds: NUMEROPAY_TOKEN_LIFETIME_SECONDS,
  };
}
