/** Who is calling: the verified `sub` of the bearer token and its scopes. */
export interface Principal {
  id: string;
  scopes: readonly string[];
  /** When the token expires (epoch ms): a WebSocket opened with it is closed then. */
  expiresAt: number;
  /** Present for sessions the gateway issued to end users; client tokens (AUTH_JWT_SECRET/JWKS) have none. */
  session?: SessionClaims;
}

/** What a gateway-issued session carries, so that ending sessions can reach every request and socket. */
export interface SessionClaims {
  /** The session's own id (its `jti`): `logout` ends this one. */
  id: string;
  /** The user's credential version when the session was issued; a later version ends it. */
  credentialVersion: number;
}

/** Scope that lets a principal act as an ATM / branch operator (cash-out). */
export const OPERATOR_SCOPE = 'operator';
