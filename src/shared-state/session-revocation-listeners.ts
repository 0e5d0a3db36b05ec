import type { SessionRevocation } from '../domain/ports/session-revocations.js';

type Listener = (revocation: SessionRevocation) => void;

/** The listeners of one process; one that throws does not keep the news from the others. */
export class SessionRevocationListeners {
  private readonly listeners = new Set<Listener>();

  add(listener: Listener): () => void {
    const wrapped: Listener = (revocation) => listener(revocation);
    this.listeners.add(wrapped);
    return () => void this.listeners.delete(wrapped);
  }

  emit(revocation: SessionRevocation, onError: (error: unknown) => void): void {
    for (const listener of [...this.listeners]) {
      try {
        listener(revocation);
      } catch (error) {
        onError(error);
      }
    }
  }
}
