/**
 * Faults a simulator can be told to inject, so tests can drive every branch of a provider client.
 * A rule matches by method and path; `times` bounds how often it fires (unbounded when absent).
 */
export type FaultKind =
  | 'delay' // wait delayMs, then answer normally
  | 'status' // answer `status` (default 500) without acting
  | 'reset-before' // drop the connection before the provider acts
  | 'reset-after' // act, then drop the connection instead of answering
  | 'malformed-json' // act, then answer a truncated JSON body
  | 'slow-body'; // act, then send the body slowly, in pieces over delayMs

export interface FaultRule {
  kind: FaultKind;
  method?: string;
  path?: string | RegExp;
  delayMs?: number;
  /** For `delay`: wait until this settles instead of `delayMs`, so a test decides when the answer comes. */
  until?: Promise<unknown>;
  status?: number;
  times?: number;
}

export class FaultInjector {
  private rules: FaultRule[] = [];

  add(rule: FaultRule): void {
    this.rules.push({ ...rule });
  }

  clear(): void {
    this.rules = [];
  }

  /** Takes the first matching rule, consuming one of its `times`. */
  take(method: string, path: string): FaultRule | undefined {
    const index = this.rules.findIndex((rule) => matches(rule, method, path));
    if (index < 0) return undefined;
    const rule = this.rules[index]!;
    if (rule.times !== undefined) {
      rule.times -= 1;
      if (rule.times <= 0) this.rules.splice(index, 1);
    }
    return rule;
  }
}

function matches(rule: FaultRule, method: string, path: string): boolean {
  if (rule.method && rule.method.toUpperCase() !== method.toUpperCase()) return false;
  if (rule.path === undefined) return true;
  return typeof rule.path === 'string' ? rule.path === path : rule.path.test(path);
}
