/**
 * Preloaded into a gateway (`node --import ./bench/processes/gc-counter.mjs dist/main.js`): records every
 * garbage collection (kind and pause, from perf_hooks) and, on SIGUSR2, writes those since the last
 * signal to `$GC_COUNTS` as JSON `[kind, ms][]` (renamed into place) and starts over.
 */
import { renameSync, writeFileSync } from 'node:fs';
import { constants, PerformanceObserver } from 'node:perf_hooks';

const KINDS = {
  [constants.NODE_PERFORMANCE_GC_MINOR]: 'scavenge',
  [constants.NODE_PERFORMANCE_GC_MAJOR]: 'mark-compact',
  [constants.NODE_PERFORMANCE_GC_INCREMENTAL]: 'incremental marking',
  [constants.NODE_PERFORMANCE_GC_WEAKCB]: 'weak callbacks',
};

let collections = [];
new PerformanceObserver((list) => {
  for (const entry of list.getEntries())
    collections.push([KINDS[entry.detail?.kind] ?? 'other', entry.duration]);
}).observe({ entryTypes: ['gc'] });

process.on('SIGUSR2', () => {
  const file = process.env.GC_COUNTS;
  writeFileSync(`${file}.tmp`, JSON.stringify(collections));
  renameSync(`${file}.tmp`, file);
  collections = [];
});
