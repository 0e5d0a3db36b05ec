/**
 * Resolves once `condition` holds, checking it again and again (every few milliseconds at first, then
 * less often): for events a test can observe but not subscribe to (a request-log entry, a ledger row, a
 * log line). The cutoff only turns a broken test into a failure that names what never happened; it is
 * no assertion on speed, so it is generous.
 */
export async function waitUntil(
  condition: () => boolean | Promise<boolean>,
  what: string,
  cutoffMs = 60_000,
): Promise<void> {
  let cutOff = false;
  const timer = setTimeout(() => {
    cutOff = true;
  }, cutoffMs);
  try {
    for (let pauseMs = 2; !(await condition()); pauseMs = Math.min(pauseMs * 2, 100)) {
      if (cutOff) throw new Error(`never happened: ${what}`);
      await new Promise((resolve) => setTimeout(resolve, pauseMs));
    }
  } finally {
    clearTimeout(timer);
  }
}
