import { describe, expect, it } from '@jest/globals';
import type { WebSocket } from 'ws';
import { DEFAULT_SUBSCRIPTION_LIMITS } from '../../src/config/security.config.js';
import type { Principal } from '../../src/domain/principal.js';
import { LiveSockets } from '../../src/server/pipeline/live-sockets.js';
import { SocketConnection } from '../../src/server/pipeline/socket-connection.js';

/** A connection over a socket that only records how it was closed. */
function connection(principal: Principal | undefined, live: LiveSockets) {
  const closes: { code: number; reason: string }[] = [];
  const socket = { close: (code: number, reason: string) => closes.push({ code, reason }) };
  const opened = new SocketConnection(socket as unknown as WebSocket, '203.0.113.7', () => undefined);
  expect(live.join(opened, principal)).toBe(true);
  return { opened, closes };
}

const session = (id: string, credentialVersion: number): Principal => ({
  id: 'user-1',
  scopes: [],
  expiresAt: Number.POSITIVE_INFINITY,
  session: { id, credentialVersion },
});

describe('ended sessions close their WebSockets', () => {
  it('closes the sockets of the session a logout ended, and only those', () => {
    const live = new LiveSockets(DEFAULT_SUBSCRIPTION_LIMITS);
    const ended = connection(session('s-1', 3), live);
    const sameUserOtherSession = connection(session('s-2', 3), live);
    const clientToken = connection({ id: 'user-1', scopes: [], expiresAt: Number.POSITIVE_INFINITY }, live);

    expect(live.revoke({ kind: 'session', principal: 'user-1', sessionId: 's-1' })).toBe(1);
    expect(ended.closes).toEqual([{ code: 4401, reason: 'Session ended' }]);
    expect(sameUserOtherSession.closes).toEqual([]);
    expect(clientToken.closes).toEqual([]);
  });

  it('closes every session of the user below a new credential version', () => {
    const live = new LiveSockets(DEFAULT_SUBSCRIPTION_LIMITS);
    const older = connection(session('s-1', 3), live);
    const current = connection(session('s-2', 4), live);
    const otherUser = connection({ ...session('s-3', 1), id: 'user-2' }, live);

    expect(live.revoke({ kind: 'credential-version', principal: 'user-1', version: 4 })).toBe(1);
    expect(older.closes).toEqual([{ code: 4401, reason: 'Session ended' }]);
    expect(current.closes).toEqual([]);
    expect(otherUser.closes).toEqual([]);
    // Closing twice keeps the first reason.
    older.opened.close(1001, 'Going away');
    expect(older.closes).toHaveLength(1);
  });
});
