import { decodeProtectedHeader, errors, jwtVerify, type ProtectedHeaderParameters } from 'jose';
import { sandboxError, type SandboxError } from './numeropay-envelope.js';
import type { SandboxMerchantStore, SandboxSigningKey } from './numeropay-merchants.js';

const ISSUER = 'merchant.numeropay';

/**
 * How the simulator answers a refused token; the document names no error for it. Every refusal is
 * FORBIDDEN with a message naming the token, an expired token says so, and a KEY_ID that names no
 * merchant is UNKNOWN_USER.
 */
export const TOKEN_REFUSALS = {
  invalid: () => sandboxError('FORBIDDEN', 'Invalid token'),
  expired: () => sandboxError('FORBIDDEN', 'Token expired'),
  unknownKey: () => sandboxError('UNKNOWN_USER'),
};

/**
 * Verifies a merchant JWT as the document describes it: header `{alg: HS256, type: JWT, keyid}` (the
 * usual `typ`/`kid` spellings are accepted too), HMAC-SHA256 with the key's secret, `iss`
 * "merchant.numeropay", `sub` the key's merchant, `iat`/`exp` present and `exp` not passed, `scopes` a
 * list of strings. Returns the key the token was signed with, or the error to answer.
 */
export async function verifyMerchantToken(
  authorization: string | undefined,
  merchants: SandboxMerchantStore,
  now: number,
): Promise<SandboxSigningKey | SandboxError> {
  const token = /^Bearer ([\w-]+\.[\w-]+\.[\w-]+)$/i.exec(authorization ?? '')?.[1];
  if (!token) return TOKEN_REFUSALS.invalid();
  let header: ProtectedHeaderParameters;
  try {
    header = decodeProtectedHeader(token);
  } catch {
    return TOKEN_REFUSALS.invalid();
  }
  const keyId = oneSpelling(header, 'keyid', 'kid');
  if (header.alg !== 'HS256' || oneSpelling(header, 'type', 'typ') !== 'JWT' || typeof keyId !== 'string')
    return TOKEN_REFUSALS.invalid();
  const key = merchants.signingKey(keyId);
  if (!key) return TOKEN_REFUSALS.unknownKey();
  try {
    const { payload } = await jwtVerify(token, new TextEncoder().encode(key.secret), {
      algorithms: ['HS256'],
      issuer: ISSUER,
      subject: key.merchant.id,
      requiredClaims: ['iat', 'exp', 'sub'],
      currentDate: new Date(now),
    });
    const scopes: unknown = payload.scopes;
    if (!Array.isArray(scopes) || !scopes.every((scope) => typeof scope === 'string'))
      return TOKEN_REFUSALS.invalid();
    return key;
  } catch (error) {
    return error instanceof errors.JWTExpired ? TOKEN_REFUSALS.expired() : TOKEN_REFUSALS.invalid();
  }
}

/** The value under the document's spelling or the usual one; undefined when both are set and differ. */
function oneSpelling(header: ProtectedHeaderParameters, documented: string, usual: string): unknown {
  const a = header[documented];
  const b = header[usual];
  if (a !== undefined && b !== undefined && a !== b) return undefined;
  return a ?? b;
}
