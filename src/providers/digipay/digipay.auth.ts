import type { DigiPayConfig } from '../../config/digipay.config.js';

/** DigiPay's credentials are static: the same two headers on every call, no token lifecycle. */
export function digiPayAuthHeaders(
  config: Pick<DigiPayConfig, 'token' | 'companyId'>,
): Record<string, string> {
  return { authorization: `Token ${config.token}`, companyid: config.companyId };
}
