import { decodeJwt } from 'jose';

/**
 * EnayaPay has two credentials: our static API key (`x-api-key`, every call) and a per-user token from
 * OTP verification (`token` header on password and card calls). The user token cannot be refreshed:
 * once its `expiry` date arrives the user has to verify the phone number again.
 */
export interface EnayaPayUserToken {
  value: string;
  /** When we stop using the token; undefined when the token carries no readable `expiry`. */
  expiresAt: Date | undefined;
}

export function apiKeyHeaders(apiKey: string): Record<string, string> {
  return { 'x-api-key': apiKey };
}

export function userTokenHeaders(token: EnayaPayUserToken): Record<string, string> {
  return { token: token.value };
}

/**
 * Reads the token's `expiry` without verifying it (only EnayaPay holds the key). A bare date is taken
 * as the start of that day, UTC: the document does not say whether the day itself is still valid, and
 * ending early costs a re-verification where ending late costs a failed call.
 */
export function readUserTokenExpiry(token: string): Date | undefined {
  let expiry: unknown;
  try {
    expiry = decodeJwt(token)['expiry'];
  } catch {
    return undefined;
  }
  if (typeof expiry !== 'string') return undefined;
  const text = /^\d{4}-\d{2}-\d{2}$/.test(expiry) ? `${expiry}T00:00:00Z` : expiry;
  const date = new Date(text);
  return Number.isNaN(date.getTime()) ? undefined : date;
}

export function userTokenUsable(token: EnayaPayUserToken, now: Date = new Date()): boolean {
  return token.expiresAt === undefined || now.getTime() < token.expiresAt.getTime();
}
