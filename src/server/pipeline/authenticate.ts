import { InvalidTokenError, type BearerVerifier } from '../auth/bearer-verifier.js';
import type { Principal } from '../../domain/principal.js';
import { unauthenticated } from './errors.js';

/**
 * Who is calling, from an `Authorization` value (the HTTP header, or graphql-ws's connection parameter):
 * undefined when absent (anonymous), UNAUTHENTICATED when malformed or when the token does not verify.
 */
export async function authenticate(
  verifier: BearerVerifier,
  authorization: unknown,
): Promise<Principal | undefined> {
  if (authorization === undefined || authorization === null) return undefined;
  const token = typeof authorization === 'string' ? /^Bearer\s+(\S+)$/i.exec(authorization)?.[1] : undefined;
  if (!token) throw unauthenticated('The Authorization header must be "Bearer <token>"');
  try {
    return await verifier.verify(token);
  } catch (error) {
    if (error instanceof InvalidTokenError) throw unauthenticated(error.message);
    throw error;
  }
}

/** The key every per-caller limit counts under: the principal, or the client address when anonymous. */
export function callerKey(principal: Principal | undefined, clientAddress: string): string {
  return principal ? principalKey(principal.id) : `address:${clientAddress}`;
}

export function principalKey(principalId: string): string {
  return `principal:${principalId}`;
}
