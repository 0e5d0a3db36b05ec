/** Every request a simulator receives, so tests can count logins, refreshes and charges. */
export interface RecordedRequest {
  method: string;
  path: string;
  headers: Record<string, string | string[] | undefined>;
  body: unknown;
  at: Date;
}

export class RequestLog {
  readonly entries: RecordedRequest[] = [];

  record(entry: RecordedRequest): void {
    this.entries.push(entry);
  }

  count(path: string | RegExp, method?: string): number {
    return this.filter(path, method).length;
  }

  filter(path: string | RegExp, method?: string): RecordedRequest[] {
    return this.entries.filter(
      (entry) =>
        (method === undefined || entry.method === method.toUpperCase()) &&
        (typeof path === 'string' ? entry.path === path : path.test(entry.path)),
    );
  }

  clear(): void {
    this.entries.length = 0;
  }
}
