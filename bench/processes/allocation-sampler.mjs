/**
 * Preloaded into a target (`node --import ./bench/processes/allocation-sampler.mjs …`): V8's sampling
 * heap profiler, counting every allocation sampled, also of objects a scavenge or a full collection has
 * freed since (so the profile is what the process allocated, not what it kept). The first SIGUSR2 starts
 * sampling and writes `$ALLOCATION_PROFILE.started`; the second stops it and writes the profile to
 * `$ALLOCATION_PROFILE` (renamed into place, so a reader never sees half of it).
 */
import { renameSync, writeFileSync } from 'node:fs';
import { Session } from 'node:inspector';

const file = process.env.ALLOCATION_PROFILE;
const session = new Session();
session.connect();
const post = (method, params = {}) =>
  new Promise((resolve, reject) =>
    session.post(method, params, (error, result) => (error ? reject(error) : resolve(result))),
  );

let sampling = false;
process.on('SIGUSR2', () => {
  const step = sampling
    ? post('HeapProfiler.stopSampling').then(({ profile }) => {
        writeFileSync(`${file}.tmp`, JSON.stringify(profile));
        renameSync(`${file}.tmp`, file);
      })
    : post('HeapProfiler.startSampling', {
        samplingInterval: 4096,
        includeObjectsCollectedByMajorGC: true,
        includeObjectsCollectedByMinorGC: true,
      }).then(() => writeFileSync(`${file}.started`, ''));
  sampling = !sampling;
  step.catch((error) => console.error('allocation sampler:', error));
});
