/**
 * Preloaded into a target (`node --import ./bench/processes/phase-timer.mjs …`, with an IPC channel): the
 * moments of each request through it, from diagnostics channels that Node, Fastify and undici publish
 * (no change to the target): the request's headers parsed (`http.server.request.start`), Fastify's route
 * handler started and its promise settled (`tracing:fastify.request.handler`), the upstream request
 * created, its headers written, the upstream's headers and body received (`undici:*`, also Node's own
 * fetch), the response finished (`http.server.response.finish`). For one request in flight at a time: a
 * request that overlaps another, or whose upstream call was not seen whole, is not kept. On {type: 'start-phases'} it clears what it has and answers
 * {type: 'phases-started'}; on {type: 'stop-phases'} it answers {type: 'phases', rows}, each row the
 * moments (µs) of one request.
 */
import diagnostics from 'node:diagnostics_channel';

const now = () => Number(process.hrtime.bigint()) / 1e3;
let current;
let overlapped = false;
let rows = [];

const mark = (name) => () => {
  if (current && !(name in current)) current[name] = now();
};

diagnostics.subscribe('http.server.request.start', ({ request }) => {
  if (request.url === '/healthz' || request.url === '/readyz') return;
  overlapped = current !== undefined;
  current = { arrival: now() };
});
diagnostics.subscribe('tracing:fastify.request.handler:start', mark('handler'));
diagnostics.subscribe('tracing:fastify.request.handler:asyncStart', mark('handled'));
diagnostics.subscribe('undici:request:create', mark('created'));
diagnostics.subscribe('undici:client:sendHeaders', mark('sent'));
diagnostics.subscribe('undici:request:headers', mark('answered'));
diagnostics.subscribe('undici:request:trailers', mark('received'));
diagnostics.subscribe('http.server.response.finish', () => {
  // A request whose upstream call was not seen whole (no headers written, say) is not kept either.
  const whole = current && ['created', 'sent', 'answered', 'received'].every((moment) => moment in current);
  if (whole && !overlapped) rows.push({ ...current, finished: now() });
  current = undefined;
  overlapped = false;
});

process.on('message', (message) => {
  if (message?.type === 'start-phases') {
    rows = [];
    process.send({ type: 'phases-started' });
  } else if (message?.type === 'stop-phases') {
    process.send({ type: 'phases', rows });
    rows = [];
  }
});
