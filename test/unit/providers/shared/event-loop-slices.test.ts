import { describe, expect, it } from '@jest/globals';
import { startInSlices } from '../../../../src/providers/shared/event-loop-slices.js';

describe('startInSlices', () => {
  it('starts every item in order and answers what each start gave', async () => {
    const seen: number[] = [];
    const started = await startInSlices([3, 1, 2], (item, index) => {
      seen.push(item);
      return item * 10 + index;
    });
    expect(seen).toEqual([3, 1, 2]);
    expect(started).toEqual([30, 11, 22]);
  });

  it('lets the event loop run between items once a slice is spent', async () => {
    const events: string[] = [];
    // A slice of 0 ms is spent at once: the loop gets a turn before every item.
    const running = startInSlices(
      ['a', 'b', 'c'],
      (item) => {
        events.push(item);
        setImmediate(() => events.push(`turn after ${item}`));
      },
      0,
    );
    await running;
    expect(events.slice(0, 3)).toEqual(['a', 'turn after a', 'b']);
    expect(events).toContain('c');
  });

  it('holds the loop for nothing when there is nothing to start', async () => {
    await expect(startInSlices([], () => 1)).resolves.toEqual([]);
  });
});
