/**
 * Preloaded into a gateway (`node --import ./bench/processes/gc-counter.mjs dist/main.js`, with an IPC
 * channel): records every garbage collection (kind and pause, from perf_hooks). On {type: 'collections'}
 * it answers {type: 'collections', collections: [kind, ms][]} with those since the last such message,
 * and starts over.
 */
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

process.on('message', (message) => {
  if (message?.type !== 'collections') return;
  process.send({ type: 'collections', collections });
  collections = [];
});
