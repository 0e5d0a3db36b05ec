import type { IncomingHttpHeaders } from 'node:http';
import type { Dispatcher } from 'undici';

/** What one attempt brought back: the status, the body as text, and a Retry-After header if any. */
export interface CollectedAnswer {
  status: number;
  text: string;
  retryAfter: string | string[] | undefined;
}

/** Our own per-attempt deadline, told apart from any abort undici reports. */
export class DeadlineExceeded extends Error {
  constructor() {
    super('provider call deadline exceeded');
    this.name = 'DeadlineExceeded';
  }
}

/**
 * Sends one request on `dispatcher` and collects its whole answer under a deadline of `timeoutMs`,
 * covering the wait for a socket, the answer and its body. undici's `request()` would wrap each call in
 * an AbortController, an AsyncResource and a body stream; this handler is told of the answer directly and
 * keeps only the body's chunks. A deadline that passes aborts the request, and one that passes before the
 * request got its socket aborts it the moment it does, before anything is written.
 */
export function collectAnswer(
  dispatcher: Dispatcher,
  options: Dispatcher.DispatchOptions,
  timeoutMs: number,
): Promise<CollectedAnswer> {
  return new Promise((resolve, reject) => {
    const handler = new AnswerCollector(resolve, reject, timeoutMs);
    try {
      dispatcher.dispatch(options, handler);
    } catch (error) {
      handler.onResponseError(undefined, error as Error);
    }
  });
}

class AnswerCollector implements Dispatcher.DispatchHandler {
  private controller: Dispatcher.DispatchController | undefined;
  private readonly timer: NodeJS.Timeout;
  private expired = false;
  private settled = false;
  private status = 0;
  private retryAfter: string | string[] | undefined;
  private readonly chunks: Buffer[] = [];

  constructor(
    private readonly resolve: (answer: CollectedAnswer) => void,
    private readonly reject: (error: Error) => void,
    timeoutMs: number,
  ) {
    this.timer = setTimeout(() => this.expire(), timeoutMs);
  }

  onRequestStart(controller: Dispatcher.DispatchController): void {
    this.controller = controller;
    if (this.expired) controller.abort(new DeadlineExceeded());
  }

  onResponseStart(
    _controller: Dispatcher.DispatchController,
    statusCode: number,
    headers: IncomingHttpHeaders,
  ): void {
    this.status = statusCode;
    this.retryAfter = headers['retry-after'];
  }

  onResponseData(_controller: Dispatcher.DispatchController, chunk: Buffer): void {
    this.chunks.push(chunk);
  }

  onResponseEnd(): void {
    if (this.settled) return;
    this.settle();
    this.resolve({ status: this.status, text: utf8Text(this.chunks), retryAfter: this.retryAfter });
  }

  onResponseError(_controller: Dispatcher.DispatchController | undefined, error: Error): void {
    if (this.settled) return;
    this.settle();
    this.reject(this.expired ? new DeadlineExceeded() : error);
  }

  private expire(): void {
    this.expired = true;
    this.controller?.abort(new DeadlineExceeded());
    // Not yet started: undici will hand the request its socket later, and onRequestStart aborts it then.
    this.onResponseError(undefined, new DeadlineExceeded());
  }

  private settle(): void {
    this.settled = true;
    clearTimeout(this.timer);
  }
}

/** The body decoded as UTF-8, a leading byte-order mark dropped (as undici's `body.text()` does). */
function utf8Text(chunks: Buffer[]): string {
  const text = chunks.length === 1 ? chunks[0]!.toString('utf8') : Buffer.concat(chunks).toString('utf8');
  return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
}
