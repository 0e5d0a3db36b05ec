/**
 * Preloaded into a target (`node --import ./bench/processes/allocation-sampler.mjs …`, with an IPC
 * channel): V8's sampling heap profiler, counting every allocation sampled, also of objects a scavenge or
 * a full collection has freed since (so the profile is what the process allocated, not what it kept). On
 * {type: 'start-sampling'} it starts and answers {type: 'sampling'}; on {type: 'stop-sampling'} it stops
 * and answers {type: 'allocations', profile}.
 */
import { Session } from 'node:inspector';

const session = new Session();
session.connect();
const post = (method, params = {}) =>
  new Promise((resolve, reject) =>
    session.post(method, params, (error, result) => (error ? reject(error) : resolve(result))),
  );

process.on('message', (message) => {
  const answer =
    message?.type === 'start-sampling'
      ? post('HeapProfiler.startSampling', {
          samplingInterval: 4096,
          includeObjectsCollectedByMajorGC: true,
          includeObjectsCollectedByMinorGC: true,
        }).then(() => ({ type: 'sampling' }))
      : message?.type === 'stop-sampling'
        ? post('HeapProfiler.stopSampling').then(({ profile }) => ({ type: 'allocations', profile }))
        : undefined;
  answer?.then((reply) => process.send(reply)).catch((error) => console.error('allocation sampler:', error));
});
