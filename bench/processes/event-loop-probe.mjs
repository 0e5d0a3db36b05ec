/**
 * Preloaded into a gateway (`node --import ./bench/processes/event-loop-probe.mjs dist/main.js`, with an
 * IPC channel): measures the process's own event-loop delay with perf_hooks.monitorEventLoopDelay, what
 * any other request waiting on that loop would feel. On {type: 'reset'} it starts over; on
 * {type: 'read'} it answers {type: 'delay', p50, p99, max} in milliseconds.
 */
import { monitorEventLoopDelay } from 'node:perf_hooks';

const histogram = monitorEventLoopDelay({ resolution: 10 });
histogram.enable();
const ms = (ns) => ns / 1e6;

process.on('message', (message) => {
  if (message?.type === 'reset') {
    histogram.reset();
    process.send({ type: 'reset' });
  } else if (message?.type === 'read') {
    process.send({
      type: 'delay',
      p50: ms(histogram.percentile(50)),
      p99: ms(histogram.percentile(99)),
      max: ms(histogram.max),
    });
  }
});
// The channel must not keep a gateway alive that is shutting down.
process.channel?.unref();
