import type { SessionRevocations } from '../domain/ports/session-revocations.js';
import type { Principal, SessionClaims } from '../domain/principal.js';
import type { UsersRepository } from '../ledger/users.repository.js';
import { OTP_VERIFIED_SCOPE, type IssuedSession, type SessionService } from './session-service.js';

/** Scopes a fresh session carries over from the one it replaces: the proof of the phone, nothing granted. */
const CARRIED_SCOPES = [OTP_VERIFIED_SCOPE];

/**
 * Ending sessions: the ledger records it first (the source of truth every replica falls back on), then
 * the announcement reaches every replica's cache and open WebSockets. A credential change ends every
 * earlier session of the user by moving the credential version; logout ends one session by its id.
 */
export class SessionLifecycle {
  constructor(
    private readonly users: UsersRepository,
    private readonly sessions: SessionService,
    private readonly revocations: SessionRevocations,
  ) {}

  /** Ends every session of the user issued so far; returns the version new sessions carry. */
  async endAll(principal: string): Promise<number> {
    const version = await this.users.moveCredentialVersion(principal);
    if (version === undefined) throw new Error('no user row to end the sessions of');
    await this.announceVersion(principal, version);
    return version;
  }

  /** Announces a version the ledger already moved to (verification records it with the token). */
  async announceVersion(principal: string, version: number): Promise<void> {
    await this.revocations.publish({ kind: 'credential-version', principal, version });
  }

  /** Ends this one session; it stays refused until it would have expired. */
  async end(principal: string, session: SessionClaims, expiresAt: Date): Promise<void> {
    await this.users.endSession(principal, session.id, expiresAt);
    await this.revocations.publish({ kind: 'session', principal, sessionId: session.id });
  }

  /** A session at `credentialVersion` with the given scopes. */
  open(principal: string, credentialVersion: number, scopes: readonly string[] = []): Promise<IssuedSession> {
    return this.sessions.issue(principal, { credentialVersion, scopes });
  }

  /** After the caller's credentials changed: ends all their sessions and opens a fresh one for them. */
  async renew(caller: Principal): Promise<IssuedSession> {
    const version = await this.endAll(caller.id);
    const scopes = caller.scopes.filter((scope) => CARRIED_SCOPES.includes(scope));
    return this.open(caller.id, version, scopes);
  }
}
