import type { SessionClaims } from '../principal.js';

/** News that sessions ended: one session (`logout`), or every session of a user below a credential version. */
export type SessionRevocation =
  | { kind: 'session'; principal: string; sessionId: string }
  | { kind: 'credential-version'; principal: string; version: number };

/**
 * Where the end of sessions is announced. Implemented in shared-state/ (in-process, or Redis pub/sub so
 * that every replica hears it within a second); the request pipeline closes the WebSockets it names.
 */
export interface SessionRevocations {
  publish(revocation: SessionRevocation): Promise<void>;
  /** Calls `listener` for every revocation announced from now on; the returned function stops it. */
  subscribe(listener: (revocation: SessionRevocation) => void): () => void;
}

/** What decides whether a user's sessions are in force: the ledger's view, or a copy of it. */
export interface SessionState {
  /** Sessions carrying a lower credential version have ended. */
  credentialVersion: number;
  /** Ids (`jti`) of sessions ended one by one (`logout`) that have not expired yet. */
  endedSessions: ReadonlySet<string>;
}

/** The source of truth for session state (the ledger); undefined for a principal that is no user. */
export interface SessionStateSource {
  load(principal: string): Promise<SessionState | undefined>;
}

/** Asks whether a gateway session is still in force; it never answers yes when it cannot tell. */
export interface SessionValidity {
  isInForce(principal: string, session: SessionClaims): Promise<boolean>;
}

/** Announcements and the check that honours them, as one object per gateway; `close` ends its connections. */
export interface SessionRegistry extends SessionRevocations, SessionValidity {
  close(): Promise<void>;
}

/** Whether `state` lets `session` stand. */
export function sessionStands(state: SessionState | undefined, session: SessionClaims): boolean {
  return (
    state !== undefined &&
    session.credentialVersion >= state.credentialVersion &&
    !state.endedSessions.has(session.id)
  );
}
