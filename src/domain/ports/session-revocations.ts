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
