import type { RateRule } from '../../config/security.config.js';

/** A fixed-window counter of one connection's messages, in this process (a socket lives in one). */
export class MessageWindow {
  private windowStart = 0;
  private count = 0;

  constructor(
    private readonly rule: RateRule,
    private readonly now: () => number = Date.now,
  ) {}

  /** Counts one message; false once the window's limit is passed. */
  take(): boolean {
    const now = this.now();
    if (now - this.windowStart >= this.rule.windowMs) {
      this.windowStart = now;
      this.count = 0;
    }
    this.count += 1;
    return this.count <= this.rule.limit;
  }
}
