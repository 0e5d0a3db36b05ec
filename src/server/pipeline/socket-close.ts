/**
 * Why the gateway closes a graphql-ws socket, and the close code the client sees. 4401 (token expired,
 * session ended) and 4429 (a limit) are codes graphql-ws clients do not retry: they need a new token or
 * to slow down. graphql-ws itself closes with 4403 when the token sent at connection_init does not verify.
 */
export const SocketClose = {
  tokenExpired: { code: 4401, reason: 'Token expired' },
  sessionEnded: { code: 4401, reason: 'Session ended' },
  tooManyMessages: { code: 4429, reason: 'Too many messages' },
  tooManyConnections: { code: 4429, reason: 'Too many connections' },
  internalError: { code: 4500, reason: 'Internal server error' },
  goingAway: { code: 1001, reason: 'Going away' },
} as const;

export type SocketCloseReason = (typeof SocketClose)[keyof typeof SocketClose];
