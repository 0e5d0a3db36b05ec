/**
 * Resolves once `condition` holds, checking it every few milliseconds: for events a test can observe
 * but not subscribe to (a request-log entry, a ledger row, a counter). The cutoff only turns a broken
 * test into a failure that names what never happened; it is no assertion on speed, so it is generous.
 */
export async function waitUntil(
  condition: () => boolean | Promise<boolean>,
  what: string,
  cutoffMs = 20_000,
): Promise<void> {
  let cutOff = false;
  const timer = setTimeout(() => {
    cutOff = true;
  }, cutoffMs);
  try {
    while (!(await condition())) {
      if (cutOff) throw new Error(`never happened: ${what}`);
      await new Promise((resolve) => setTimeout(resolve, 5));
    }
  } finally {
    clearTimeout(timer);
  }
}
