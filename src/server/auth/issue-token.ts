import { SignJWT } from 'jose';
import type { AuthConfig } from '../../config/app.config.js';

/** Signs an HS256 client token with AUTH_JWT_SECRET: for `npm run token`, the sandbox banner and tests. */
export async function issueClientToken(
  auth: AuthConfig,
  subject: string,
  scopes: readonly string[],
  lifetime = '12h',
): Promise<string> {
  if (!auth.jwtSecret) throw new Error('AUTH_JWT_SECRET is not set: tokens come from your identity provider');
  let jwt = new SignJWT({ scope: scopes.join(' ') })
    .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
    .setSubject(subject)
    .setIssuedAt()
    .setExpirationTime(lifetime);
  if (auth.issuer) jwt = jwt.setIssuer(auth.issuer);
  if (auth.audience) jwt = jwt.setAudience(auth.audience);
  return jwt.sign(new TextEncoder().encode(auth.jwtSecret));
}
