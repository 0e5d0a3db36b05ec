import WebSocket from 'ws';

export interface SocketMessage {
  type: string;
  id?: string;
  payload?: unknown;
}

export interface SocketClosed {
  code: number;
  reason: string;
}

/** A raw graphql-ws client: messages are sent as given, and everything received is kept, in order. */
export interface GraphqlSocket {
  received: SocketMessage[];
  closed: Promise<SocketClosed>;
  send(message: SocketMessage): void;
  /** Resolves with the first received message (already or later) that `match` accepts. */
  next(match: (message: SocketMessage) => boolean): Promise<SocketMessage>;
  close(): Promise<SocketClosed>;
}

/** Opens a WebSocket speaking graphql-transport-ws to the gateway's /graphql. */
export async function openGraphqlSocket(
  gatewayUrl: string,
  headers: Record<string, string> = {},
): Promise<GraphqlSocket> {
  const ws = new WebSocket(`${gatewayUrl.replace(/^http/, 'ws')}/graphql`, 'graphql-transport-ws', {
    headers,
  });
  const received: SocketMessage[] = [];
  const waiters: (() => void)[] = [];
  const closed = new Promise<SocketClosed>((resolve) => {
    ws.once('close', (code, reason) => {
      resolve({ code, reason: reason.toString('utf8') });
      waiters.splice(0).forEach((wake) => wake());
    });
  });
  ws.on('message', (data: Buffer) => {
    received.push(JSON.parse(data.toString('utf8')) as SocketMessage);
    waiters.splice(0).forEach((wake) => wake());
  });
  await new Promise<void>((resolve, reject) => {
    ws.once('open', () => resolve());
    ws.once('error', reject);
  });
  let closedOutcome: SocketClosed | undefined;
  void closed.then((outcome) => (closedOutcome = outcome));
  return {
    received,
    closed,
    send: (message) => ws.send(JSON.stringify(message)),
    async next(match) {
      for (;;) {
        const found = received.find(match);
        if (found) return found;
        if (closedOutcome) throw new Error(`socket closed (${closedOutcome.code}) before the message came`);
        await new Promise<void>((wake) => waiters.push(wake));
      }
    },
    close() {
      ws.close(1000);
      return closed;
    },
  };
}

/** Sends connection_init (with the token, if any) and resolves once acknowledged. */
export async function acknowledged(socket: GraphqlSocket, token?: string): Promise<void> {
  socket.send({ type: 'connection_init', payload: token ? { authorization: `Bearer ${token}` } : {} });
  await socket.next((message) => message.type === 'connection_ack');
}

export function subscribeMessage(
  id: string,
  query: string,
  variables?: Record<string, unknown>,
): SocketMessage {
  return { type: 'subscribe', id, payload: { query, variables } };
}

/** The answer (error, or first next) to subscription `id`. */
export function answerTo(socket: GraphqlSocket, id: string): Promise<SocketMessage> {
  return socket.next((message) => message.id === id && (message.type === 'error' || message.type === 'next'));
}
