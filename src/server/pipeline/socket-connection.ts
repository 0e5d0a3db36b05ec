import type { WebSocket } from 'ws';
import type { Principal } from '../../domain/principal.js';
import type { SocketCloseReason } from './socket-close.js';

/** setTimeout fires at once beyond this delay, so longer waits are taken in steps. */
const MAX_TIMER_MS = 2_147_483_647;

/**
 * One graphql-ws connection as the pipeline sees it: who it belongs to once `connection_init` was
 * accepted, its open subscriptions, and a timer that closes it when its token expires. Closing is
 * idempotent: the first reason given is the one the client receives.
 */
export class SocketConnection {
  principal: Principal | undefined;
  /** The key its limits count under (see `callerKey`), once accepted. */
  owner: string | undefined;
  readonly subscriptions = new Set<string>();
  private closed = false;
  private expiry: NodeJS.Timeout | undefined;

  constructor(
    private readonly socket: WebSocket,
    readonly clientAddress: string,
    private readonly onClose: (code: number) => void,
  ) {}

  get isOpen(): boolean {
    return !this.closed;
  }

  close(code: number, reason: string): void {
    if (this.closed) return;
    this.closed = true;
    this.stopExpiry();
    this.onClose(code);
    this.socket.close(code, reason);
  }

  closeFor(reason: SocketCloseReason): void {
    this.close(reason.code, reason.reason);
  }

  /** Closes the connection at `at` (epoch ms) with `reason`; never for an infinite time. */
  closeAt(at: number, reason: SocketCloseReason, now: () => number = Date.now): void {
    this.stopExpiry();
    if (!Number.isFinite(at)) return;
    const wait = at - now();
    if (wait <= 0) return this.closeFor(reason);
    this.expiry = setTimeout(() => this.closeAt(at, reason, now), Math.min(wait, MAX_TIMER_MS));
    this.expiry.unref();
  }

  /** Called once the socket is gone, however it went. */
  dispose(): void {
    this.closed = true;
    this.stopExpiry();
  }

  private stopExpiry(): void {
    if (this.expiry) clearTimeout(this.expiry);
    this.expiry = undefined;
  }
}
