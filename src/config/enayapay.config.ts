import { readPositiveInt, readProviderSection, readUrl, type Env } from './provider-section.js';

export interface EnayaPayConfig {
  /** Base URL including `/api/v2.1`, without a trailing slash. */
  baseUrl: string;
  apiKey: string;
  timeoutMs: number;
}

/** EnayaPay is enabled when ENAYAPAY_BASE_URL and ENAYAPAY_API_KEY are set; undefined when both are absent. */
export function readEnayaPayConfig(env: Env): EnayaPayConfig | undefined {
  const section = readProviderSection(env, 'EnayaPay', ['ENAYAPAY_BASE_URL', 'ENAYAPAY_API_KEY']);
  if (!section) return undefined;
  return {
    baseUrl: readUrl('ENAYAPAY_BASE_URL', section.ENAYAPAY_BASE_URL),
    apiKey: section.ENAYAPAY_API_KEY,
    timeoutMs: readPositiveInt(env, 'ENAYAPAY_TIMEOUT_MS', 15_000),
  };
}
