import { setImmediate as nextTurn } from 'node:timers/promises';

/**
 * How long a loop that fans work out (one provider call per item of a batch, …) may hold the event loop
 * before it lets timers, I/O and other requests run. A batch of 100 NumeroPay reads started in one go
 * held the loop for tens of milliseconds; in slices of this length no other request waits longer.
 */
export const EVENT_LOOP_SLICE_MS = 5;

/**
 * Runs `start` for each item in order, returning what each gave, and yields to the event loop
 * (`setImmediate`: timers and I/O of the next turn run first) whenever the loop has been held for
 * `sliceMs` since the last yield. What `start` returns is not awaited here: started calls run on.
 */
export async function startInSlices<T, R>(
  items: readonly T[],
  start: (item: T, index: number) => R,
  sliceMs = EVENT_LOOP_SLICE_MS,
): Promise<R[]> {
  const started: R[] = [];
  let sliceStart = performance.now();
  for (const [index, item] of items.entries()) {
    if (performance.now() - sliceStart >= sliceMs) {
      await nextTurn();
      sliceStart = performance.now();
    }
    started.push(start(item, index));
  }
  return started;
}
