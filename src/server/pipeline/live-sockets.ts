import type { SubscriptionLimits } from '../../config/security.config.js';
import type { SessionRevocation } from '../../domain/ports/session-revocations.js';
import type { Principal } from '../../domain/principal.js';
import { callerKey, principalKey } from './authenticate.js';
import { SocketClose } from './socket-close.js';
import type { SocketConnection } from './socket-connection.js';

/**
 * The open graphql-ws connections of this replica by owner (a principal, or a client address when
 * anonymous): how many each owner holds, how many subscriptions, and which ones an ended session reaches.
 */
export class LiveSockets {
  private readonly byOwner = new Map<string, Set<SocketConnection>>();

  constructor(private readonly limits: SubscriptionLimits) {}

  /** Accepts a connection for `principal`; false when its owner already holds the most it may. */
  join(connection: SocketConnection, principal: Principal | undefined): boolean {
    const owner = callerKey(principal, connection.clientAddress);
    const held = this.byOwner.get(owner) ?? new Set<SocketConnection>();
    if (held.size >= this.limits.connectionsPerPrincipal) return false;
    held.add(connection);
    this.byOwner.set(owner, held);
    connection.owner = owner;
    connection.principal = principal;
    return true;
  }

  leave(connection: SocketConnection): void {
    if (!connection.owner) return;
    const held = this.byOwner.get(connection.owner);
    held?.delete(connection);
    if (held?.size === 0) this.byOwner.delete(connection.owner);
  }

  /** Which limit one more subscription on `connection` would pass, if any. */
  subscriptionLimitReached(connection: SocketConnection): 'connection' | 'principal' | undefined {
    if (connection.subscriptions.size >= this.limits.subscriptionsPerConnection) return 'connection';
    let open = 0;
    for (const other of this.byOwner.get(connection.owner ?? '') ?? []) open += other.subscriptions.size;
    return open >= this.limits.subscriptionsPerPrincipal ? 'principal' : undefined;
  }

  /** Closes the connections of the sessions a revocation ended; returns how many. */
  revoke(revocation: SessionRevocation): number {
    let closed = 0;
    for (const connection of [...(this.byOwner.get(principalKey(revocation.principal)) ?? [])]) {
      const session = connection.principal?.session;
      const ended =
        revocation.kind === 'session'
          ? session?.id === revocation.sessionId
          : session !== undefined && session.credentialVersion < revocation.version;
      if (!ended) continue;
      connection.closeFor(SocketClose.sessionEnded);
      closed += 1;
    }
    return closed;
  }
}
